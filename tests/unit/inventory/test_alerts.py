"""Back-in-stock alerts: one open ask per email and place, owner-only cancel, one email."""

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Product
from storefront.inventory import alert_queries, alerts
from storefront.inventory.models import StockAlert
from storefront.messages import FieldErrors
from storefront.outbox.models import OutboxMessage
from storefront.stores.models import Store, StoreKind
from tests.concurrency import race
from tests.factories import make_account, make_product, make_store, set_stock


@pytest.fixture(autouse=True)
def request_context(app: Flask) -> Iterator[None]:
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def shop(session: Session) -> Store:
    return make_store(session, "Annecy", code="ANNECY")


@pytest.fixture
def warehouse(session: Session) -> Store:
    return make_store(session, "Warehouse", code="WH", kind=StoreKind.WAREHOUSE)


@pytest.fixture
def boot(session: Session) -> Product:
    return make_product(session, "Hiking boot", variants=[{"sku": "HB-42", "size": "42"}])


def mail(session: Session) -> list[tuple[str, str | None]]:
    session.expire_all()
    return [(m.recipient, m.dedupe_key) for m in session.scalars(select(OutboxMessage))]


def test_asking_twice_keeps_one_open_alert(session: Session, shop: Store, boot: Product) -> None:
    variant_id = boot.variants[0].id
    first = alerts.create_alert(
        session, variant_id, shop.id, " Ann@Example.com", None, "fr", consented=True
    )
    again = alerts.create_alert(
        session, variant_id, shop.id, "ann@example.com", None, "en", consented=True
    )
    online = alerts.create_alert(
        session, variant_id, None, "ann@example.com", None, "en", consented=True
    )
    assert again.id == first.id and online.id != first.id
    assert first.email == "ann@example.com" and first.locale == "fr"


@pytest.mark.parametrize(
    ("email", "variant_ok", "store_ok", "field"),
    [
        ("not-an-email", True, True, "email"),
        ("a@example.com", False, True, "variant_id"),
        ("a@example.com", True, False, "store"),
    ],
)
def test_bad_asks_are_refused_beside_their_field(
    session: Session,
    shop: Store,
    boot: Product,
    email: str,
    variant_ok: bool,
    store_ok: bool,
    field: str,
) -> None:
    variant_id = boot.variants[0].id if variant_ok else 999_999
    store_id = shop.id if store_ok else 999_999
    with pytest.raises(FieldErrors) as refused:
        alerts.create_alert(session, variant_id, store_id, email, None, "en", consented=True)
    assert list(refused.value.errors) == [field]
    with pytest.raises(FieldErrors):
        alerts.request_alert(
            session, boot.variants[0].id, "NOPE", "a@example.com", None, "en", consented=True
        )
    assert session.scalars(select(StockAlert)).all() == []


def test_a_variant_in_stock_there_needs_no_alert(
    session: Session, shop: Store, boot: Product
) -> None:
    set_stock(session, shop, boot.variants[0], 2, reserved=1)
    with pytest.raises(FieldErrors) as refused:
        alerts.create_alert(
            session, boot.variants[0].id, shop.id, "a@example.com", None, "en", consented=True
        )
    assert list(refused.value.errors) == ["store"]


def test_stock_back_at_the_store_or_the_warehouse_mails_each_alert_once(
    session: Session, shop: Store, warehouse: Store, boot: Product
) -> None:
    variant = boot.variants[0]
    at_shop = alerts.create_alert(
        session, variant.id, shop.id, "a@example.com", None, "en", consented=True
    )
    online = alerts.create_alert(
        session, variant.id, None, "b@example.com", None, "fr", consented=True
    )
    set_stock(session, shop, variant, 1)
    assert alerts.notify_back_in_stock(session, [variant.id], [shop.id]) == 1
    assert alerts.notify_back_in_stock(session, [variant.id]) == 0
    set_stock(session, warehouse, variant, 3, reserved=3)  # all reserved: still not back online
    assert alerts.notify_back_in_stock(session) == 0
    session.commit()
    assert mail(session) == [("a@example.com", f"back-in-stock-{at_shop.id}")]
    waiting = session.scalars(select(StockAlert).where(StockAlert.id == online.id)).one()
    assert waiting.notified_at is None


def test_two_workers_never_mail_one_alert_twice(
    app: Flask, session: Session, shop: Store, boot: Product
) -> None:
    variant_id = boot.variants[0].id
    alerts.create_alert(session, variant_id, shop.id, "a@example.com", None, "en", consented=True)
    set_stock(session, shop, boot.variants[0], 4)
    session.commit()

    def notify(db_session: Session) -> None:
        with app.test_request_context("/"):
            alerts.notify_back_in_stock(db_session, [variant_id])

    assert race(app, notify, 4) == []
    assert len(mail(session)) == 1


def test_only_the_owner_cancels(session: Session, shop: Store, boot: Product) -> None:
    owner = make_account(session, "owner@example.com")
    other = make_account(session, "other@example.com")
    variant_id = boot.variants[0].id
    mine = alerts.create_alert(
        session, variant_id, shop.id, owner.email, owner.id, "en", consented=True
    )
    guest = alerts.create_alert(
        session, variant_id, None, "g@example.com", None, "en", consented=True
    )
    for alert_id, who in [
        (mine.id, alerts.AlertOwner(account_id=other.id)),
        (mine.id, alerts.AlertOwner(signed_alert_id=guest.id)),
        (guest.id, alerts.AlertOwner(account_id=owner.id)),
        (guest.id, alerts.AlertOwner()),
    ]:
        with pytest.raises(alerts.AlertNotFound):
            alerts.cancel_alert(session, alert_id, who)
    alerts.cancel_alert(session, mine.id, alerts.AlertOwner(account_id=owner.id))
    alerts.cancel_alert(session, guest.id, alerts.AlertOwner(signed_alert_id=guest.id))
    assert mine.cancelled_at is not None and guest.cancelled_at is not None
    assert alert_queries.open_alerts(session, owner.id) == []
    set_stock(session, shop, boot.variants[0], 5)
    assert alerts.notify_back_in_stock(session) == 0
