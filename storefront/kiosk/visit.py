"""The end of a visit, by the idle countdown or the "Done" button: nothing of this shopper
is left for the next one, on the server or in the browser, but the screen stays paired."""

from __future__ import annotations

from flask import request, url_for
from flask import session as cookie_session
from flask_login import current_user, logout_user
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from storefront import db
from storefront.accounts import sessions as sign_in_sessions
from storefront.cart.services import discard_guest_cart
from storefront.htmx import see_other
from storefront.kiosk import device, handoff
from storefront.pickup.slots import release_hold
from storefront.shopper import Owner, forget_guest, guest_token
from storefront.wishlist.services import discard_guest_lists

# "cookies" is left out on purpose: it would clear the device credential too, and the
# screen would need pairing again after every shopper. The others are expired by name.
CLEAR_SITE_DATA = '"cache", "storage"'


def forget_shopper(session: Session, token: str | None) -> None:
    """The guest's cart and lists go from the database, and a pickup slot they held goes
    back to other shoppers; a sign-in (the kiosk offers none, but a URL typed on a keyboard
    could) ends on the server, keeping the account's data."""
    if token is not None:
        release_hold(session, Owner(guest_token=token))
        discard_guest_cart(session, token)
        discard_guest_lists(session, token)
        handoff.forget_visit(session, token)
    if current_user.is_authenticated:
        sign_in_sessions.revoke(session, current_user.get_id())


def end_visit(*, handed_to_phone: bool = False) -> Response:
    """`handed_to_phone`: the attract screen says where the cart went."""
    session = db.session()
    forget_shopper(session, guest_token(create=False))
    session.commit()
    cookie_session.clear()
    logout_user()  # after clear(): it leaves the flag that deletes the remember-me cookie
    forget_guest()
    response = see_other(url_for("kiosk.attract", after="phone" if handed_to_phone else None))
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    for name in request.cookies:
        if name != device.COOKIE:
            response.delete_cookie(name)
    return response
