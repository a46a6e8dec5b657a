"""The back-in-stock emails, in the shopper's language: the first one asking the address's
owner to confirm the alert, by a signed link, and the one when the stock is back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from storefront.inventory.models import StockAlert
from storefront.messages import N_
from storefront.outbox import services as outbox
from storefront.outbox.links import public_links
from storefront.outbox.rendering import Composer, Letter
from storefront.stores.models import Store

SUBJECT = N_("Back in stock: %(product)s")
CONFIRM_SUBJECT = N_("Confirm your alert for %(product)s")


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="stock-alert-cancel")


def cancel_token(alert_id: int) -> str:
    """Proof that a guest made this ask (they have no account to sign in with): shown on
    their confirmation, and good for a cancel link should a confirmation email be added."""
    return _serializer().dumps(alert_id)


def alert_id_from_token(token: str) -> int | None:
    try:
        alert_id = _serializer().loads(token)
    except BadSignature:
        return None
    return alert_id if type(alert_id) is int else None


def _confirm_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="stock-alert-confirm")


def confirm_token(alert_id: int) -> str:
    return _confirm_serializer().dumps(alert_id)


def alert_id_to_confirm(token: str, max_age: timedelta) -> int | None:
    """The alert a first email's link confirms, while the link is young enough."""
    try:
        alert_id = _confirm_serializer().loads(token, max_age=int(max_age.total_seconds()))
    except BadSignature:  # expired links are bad signatures too
        return None
    return alert_id if type(alert_id) is int else None


def _queue(session: Session, alert: StockAlert, template: str, dedupe_key: str) -> int | None:
    """Queue `template` for the alert, once per `dedupe_key`; it is written when sent."""
    return outbox.queue(
        session,
        alert.email,
        template,
        locale=alert.locale or "",
        params={"alert_id": alert.id},
        dedupe_key=dedupe_key,
    )


def _about(
    session: Session, params: Mapping[str, Any]
) -> tuple[StockAlert, Variant, Store | None] | None:
    """The alert a queued message is about, its variant and its store (None: online);
    None when the alert or the variant is gone."""
    alert = session.get(StockAlert, params["alert_id"])
    variant = session.get(Variant, alert.variant_id) if alert is not None else None
    if alert is None or variant is None:
        return None
    store = session.get(Store, alert.store_id) if alert.store_id is not None else None
    return alert, variant, store


def compose(subject: str) -> Composer:
    def letter(session: Session, params: Mapping[str, Any]) -> Letter | None:
        if (about := _about(session, params)) is None:
            return None
        alert, variant, store = about
        product = variant.product
        with public_links():
            token = confirm_token(alert.id)
            links = {
                "product_link": url_for("catalog.product", slug=product.slug, _external=True),
                "confirm_link": url_for(
                    "alerts.confirm", alert_id=alert.id, token=token, _external=True
                ),
            }
        values = {
            "product": product.name,
            "variant": variant.label,
            "store": store.name if store is not None else None,
            **links,
        }
        return Letter(subject, values, {"product": product.name})

    return letter


BACK_IN_STOCK_PUSH = "push_back_in_stock"


def push_topic(alert_id: int) -> str:
    return f"alert-{alert_id}"


def _back_in_stock_push(session: Session, params: Mapping[str, Any]) -> Letter | None:
    """ "Back in stock": a tap opens the product."""
    if (about := _about(session, params)) is None:
        return None
    _, variant, store = about
    with public_links():
        url = url_for("catalog.product", slug=variant.product.slug, sku=variant.sku, _external=True)
    body = (
        N_("%(product)s is back in stock at %(store)s.")
        if store is not None
        else N_("%(product)s is back in stock online.")
    )
    product = f"{variant.product.name} ({variant.label})" if variant.label else variant.product.name
    values = {"product": product, "store": store.name if store is not None else ""}
    return Letter(N_("Back in stock"), {"body": body, "body_values": values, "url": url})


COMPOSERS = {
    "stock_alert_confirm": compose(CONFIRM_SUBJECT),
    "back_in_stock": compose(SUBJECT),
    BACK_IN_STOCK_PUSH: _back_in_stock_push,
}


def queue_confirmation(session: Session, alert: StockAlert) -> int | None:
    """The first email of a guest's alert: nothing else is sent until its link is used."""
    return _queue(session, alert, "stock_alert_confirm", f"stock-alert-confirm-{alert.id}")


def queue_back_in_stock(session: Session, alert: StockAlert) -> int | None:
    """Queue the one email of this alert (dedupe key per alert: a second call is a no-op)."""
    return _queue(session, alert, "back_in_stock", f"back-in-stock-{alert.id}")
