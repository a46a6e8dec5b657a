"""Links to an order: signed for guests, so only the one who received the email can open it."""

from __future__ import annotations

import io
from typing import Any

import segno
from flask import current_app, has_request_context, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from storefront.outbox.links import public_links
from storefront.pickup.models import PickupOrder

TOKEN_PARAMETER = "t"
_MAX_TOKEN = 200


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="pickup-order")


def order_token(order: PickupOrder) -> str:
    """Bound to the order's id and number: a token of one order opens no other, and a
    number alone (read over a shoulder, printed on a receipt) opens nothing."""
    return _serializer().dumps([order.id, order.number])


def token_opens(order: PickupOrder, token: str | None) -> bool:
    """Whether `token` opens `order`: only an order placed as a guest opens by link (and
    keeps opening after it joined an account); an account's own needs it signed in."""
    if not order.placed_as_guest or not token or len(token) > _MAX_TOKEN:
        return False
    try:
        payload = _serializer().loads(token)
    except BadSignature:
        return False
    return payload == [order.id, order.number]


def opened_by_link(order: PickupOrder) -> bool:
    """Whether the current request carries the order's own token."""
    return has_request_context() and token_opens(order, request.values.get(TOKEN_PARAMETER))


def link(endpoint: str, order: PickupOrder, *, external: bool = False) -> str:
    """A link to one of the order's routes (`orders.show`, `orders.cancel`, ...) that opens
    for whoever holds it: with the token for a guest's order (or on a page its link
    opened), without for the account's own session."""
    values: dict[str, Any] = {"number": order.number}
    if order.account_id is None or (not external and opened_by_link(order)):
        values[TOKEN_PARAMETER] = order_token(order)
    if not external:
        return url_for(endpoint, **values)
    with public_links():
        return url_for(endpoint, _external=True, **values)


def order_url(order: PickupOrder, *, external: bool) -> str:
    """The order page: `/orders/<number>?t=<token>` for a guest, without the token for an
    account. `external` gives an absolute link for an email."""
    return link("orders.show", order, external=external)


def code_qr(code: str) -> segno.QRCode:
    """The pickup code as a standard QR code. Never a Micro QR, which segno would pick for
    six characters and which phone cameras and most desk scanners cannot read."""
    return segno.make(code, error="m", micro=False)


def code_qr_svg(code: str) -> str:
    """The pickup code as an inline SVG QR code, drawn here like the wishlist's: the store's
    scanner reads the code itself, and no outside service ever sees it."""
    return _svg(code_qr(code))


def order_link_qr_svg(order: PickupOrder) -> str:
    """The order page's own link (a guest's, with its token) as a QR code: scanned from a
    shared screen, it opens the order on the shopper's phone after the screen forgets it."""
    return _svg(segno.make(order_url(order, external=True), error="m", micro=False))


def _svg(qr: segno.QRCode) -> str:
    svg = io.BytesIO()
    qr.save(svg, kind="svg", border=4, dark="#000", light="#fff", omitsize=True, xmldecl=False)
    return svg.getvalue().decode()
