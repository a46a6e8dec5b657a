"""What back-in-stock alerts look like to the shopper: their list, a confirmation link's
alert, the stores one may wait for."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from storefront import clock
from storefront.catalog.models import Product, Variant
from storefront.inventory.alerts import alive
from storefront.inventory.models import StockAlert
from storefront.stores.models import Store, StoreKind


@dataclass(frozen=True)
class AlertRow:
    id: int
    product_name: str
    product_slug: str
    variant_label: str
    store_name: str | None  # None: online
    created_at: object = field(compare=False)
    confirmed: bool = True


def _rows(session: Session, *where: ColumnElement[bool]) -> list[AlertRow]:
    rows = session.execute(
        select(StockAlert, Variant, Product.name, Product.slug, Store.name)
        .join(Variant, Variant.id == StockAlert.variant_id)
        .join(Product, Product.id == Variant.product_id)
        .outerjoin(Store, Store.id == StockAlert.store_id)
        .where(alive(clock.now()), *where)
        .order_by(StockAlert.created_at.desc(), StockAlert.id.desc())
    )
    return [
        AlertRow(
            alert.id,
            name,
            slug,
            variant.label,
            store_name,
            alert.created_at,
            confirmed=alert.confirmed_at is not None,
        )
        for alert, variant, name, slug, store_name in rows
    ]


def open_alerts(session: Session, account_id: int) -> list[AlertRow]:
    """The account's open alerts, newest first, with what the list shows."""
    return _rows(session, StockAlert.account_id == account_id)


def pending_alert(session: Session, alert_id: int) -> AlertRow | None:
    """What a confirmation link's page shows of its alert, while it is open."""
    found = _rows(session, StockAlert.id == alert_id)
    return found[0] if found else None


def store_choices(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the shops a shopper can wait for, by name; online is offered apart."""
    query = select(Store.code, Store.name).where(Store.kind == StoreKind.SHOP).order_by(Store.name)
    return [(code, name) for code, name in session.execute(query)]


def export_for_account(session: Session, account_id: int) -> list[dict[str, object]]:
    """The account's back-in-stock alerts, for the shopper's data download."""
    rows = session.execute(
        select(StockAlert, Variant.sku, Store.code)
        .join(Variant, Variant.id == StockAlert.variant_id)
        .outerjoin(Store, Store.id == StockAlert.store_id)
        .where(StockAlert.account_id == account_id)
        .order_by(StockAlert.id)
    )
    return [
        {
            "sku": sku,
            "store": code or "online",
            "email": alert.email,
            "created_at": alert.created_at.isoformat(),
            "confirmed_at": alert.confirmed_at and alert.confirmed_at.isoformat(),
            "notified_at": alert.notified_at and alert.notified_at.isoformat(),
            "cancelled_at": alert.cancelled_at and alert.cancelled_at.isoformat(),
        }
        for alert, sku, code in rows
    ]
