"""Pairing a screen: the one-time link opened in the kiosk's browser, and its one tap."""

from __future__ import annotations

from flask import Blueprint, url_for
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.htmx import render_page, see_other
from storefront.kiosk import device, services
from storefront.security import personal

bp = personal(Blueprint("kiosk_pairing", __name__, url_prefix="/kiosk/pair"))
MAX_TOKEN = 100


def _refused(error: services.KioskError) -> Response:
    status = 404 if isinstance(error, services.UnknownPairing) else 410
    return render_page("kiosk/pairing.html", status, problem=error.message)


@bp.get("/<token>")
def show(token: str) -> Response:
    try:
        kiosk = services.pairing_kiosk(db.session(), token[:MAX_TOKEN])
        services.check_open(kiosk, clock.now())
    except services.KioskError as error:
        return _refused(error)
    return render_page("kiosk/pairing.html", kiosk=kiosk)


@bp.post("/<token>")
def pair(token: str) -> Response:
    session = db.session()
    try:
        credential = services.pair(session, token[:MAX_TOKEN], now=clock.now())
    except services.KioskError as error:
        session.rollback()
        return _refused(error)
    session.commit()
    response = see_other(url_for("kiosk.attract"))
    device.write(response, credential)
    return response
