"""The back-in-stock email, in the shopper's language, with a signed link to cancel."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for
from flask_babel import force_locale, gettext
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from storefront.messages import N_
from storefront.outbox import services as outbox
from storefront.outbox.links import public_links
from storefront.stores.models import StockAlert, Store

SUBJECT = N_("Back in stock: %(product)s")


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


def _links(alert: StockAlert, product_slug: str) -> dict[str, str]:
    with public_links():
        return {"product_link": url_for("catalog.product", slug=product_slug, _external=True)}


def queue_back_in_stock(session: Session, alert: StockAlert) -> int | None:
    """Queue the one email of this alert (dedupe key per alert: a second call is a no-op)."""
    variant = session.get(Variant, alert.variant_id)
    if variant is None:
        return None
    store = session.get(Store, alert.store_id) if alert.store_id is not None else None
    product = variant.product
    context: dict[str, Any] = {
        "product": product.name,
        "variant": " · ".join(part for part in (variant.colour, variant.size) if part),
        "store": store.name if store is not None else None,
        **_links(alert, product.slug),
    }
    locale = alert.locale or current_app.config["STOREFRONT"].default_locale
    # An app context of its own, as for account emails: the page's cached translations
    # neither leak into the email nor pick up its language.
    with current_app.app_context(), force_locale(locale):
        subject = gettext(SUBJECT, product=product.name)
        context["subject"] = subject
        text, html = (
            current_app.jinja_env.get_template(f"emails/back_in_stock.{kind}").render(context)
            for kind in ("txt", "html")
        )
    return outbox.queue(
        session, alert.email, subject, text, html, dedupe_key=f"back-in-stock-{alert.id}"
    )
