"""The end of a visit ("Done", or the idle countdown): the next shopper finds nothing of
this one, on the server or in the browser, and the screen stays paired."""

from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storefront.cart.models import Cart, CartLine
from storefront.kiosk.models import Kiosk
from storefront.wishlist.models import Wishlist
from tests.forms import csrf_in
from tests.http.conftest import Catalog


def _counts(session: Session) -> tuple[int, int, int]:
    session.rollback()
    found = tuple(
        session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Cart, CartLine, Wishlist)
    )
    session.rollback()
    return found  # type: ignore[return-value]


def _shop(screen: FlaskClient, catalog: Catalog) -> str:
    """Add a shoe to the cart and save the jacket, as a guest on the kiosk."""
    token = csrf_in(screen.get("/kiosk/p/trail-runner").text)
    variant = str(catalog.shoe.variants[0].id)
    screen.post("/cart/lines", data={"csrf_token": token, "variant_id": variant})
    screen.post(f"/wishlist/heart/{catalog.jacket.id}", data={"csrf_token": token, "on": "1"})
    return token


def test_done_wipes_the_visit_and_keeps_the_screen_paired(
    screen: FlaskClient, session: Session, catalog: Catalog
) -> None:
    token = _shop(screen, catalog)
    assert _counts(session) == (1, 1, 1)
    assert screen.get_cookie("guest") is not None

    done = screen.post("/kiosk/reset", data={"csrf_token": token})

    assert done.status_code == 303 and done.headers["Location"] == "/kiosk"
    assert done.headers["Clear-Site-Data"] == '"cache", "storage"'
    expired = {c.split("=")[0] for c in done.headers.getlist("Set-Cookie") if "Max-Age=0" in c}
    assert {"guest", "session"} <= expired and "kiosk_device" not in expired
    assert _counts(session) == (0, 0, 0)
    assert screen.get_cookie("guest") is None and screen.get_cookie("session") is None
    assert screen.get_cookie("kiosk_device", path="/kiosk") is not None
    assert "Touch to start" in screen.get("/kiosk").text
    assert "Your cart is empty" in screen.get("/kiosk/cart").text


def test_a_reset_without_the_forms_token_changes_nothing(
    screen: FlaskClient, session: Session, catalog: Catalog
) -> None:
    _shop(screen, catalog)

    forged = screen.post("/kiosk/reset")

    assert forged.status_code == 400
    assert _counts(session) == (1, 1, 1)
    assert "Trail runner" in screen.get("/kiosk/cart").text


def test_one_kiosks_reset_leaves_other_shoppers_carts(
    screen: FlaskClient, client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    at_home = csrf_in(client.get("/p/trail-runner").text)
    client.post(
        "/cart/lines",
        data={"csrf_token": at_home, "variant_id": str(catalog.shoe.variants[0].id)},
    )
    token = _shop(screen, catalog)

    screen.post("/kiosk/reset", data={"csrf_token": token})

    assert _counts(session) == (1, 1, 0)
    assert "Trail runner" in client.get("/cart").text


def test_a_screen_revoked_mid_visit_still_forgets_its_shopper(
    screen: FlaskClient, session: Session, catalog: Catalog
) -> None:
    token = _shop(screen, catalog)
    session.execute(update(Kiosk).values(revoked_at=func.now()))
    session.commit()

    done = screen.post("/kiosk/reset", data={"csrf_token": token})

    assert done.status_code == 303 and _counts(session) == (0, 0, 0)
    assert screen.get_cookie("guest") is None
    assert screen.get("/kiosk").status_code == 403
