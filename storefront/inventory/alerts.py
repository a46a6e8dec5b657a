"""Back-in-stock alerts: ask once, confirmed by the email's owner, cancel as the owner, one
email when the stock returns."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, select, text, update
from sqlalchemy.orm import Session

from storefront import clock
from storefront.accounts.rules import check_email, normalise_email
from storefront.catalog.models import Variant
from storefront.importing import chunks
from storefront.inventory import alert_emails
from storefront.inventory.models import StockAlert, StockLevel
from storefront.messages import N_, FieldErrors, Message
from storefront.push import services as push
from storefront.stores.models import Store, StoreKind

ONLINE = "online"  # the form's store value for "delivered from the warehouse"
# How long the link of a first email may confirm an alert; unconfirmed ones are then removed.
CONFIRM_WITHIN = timedelta(hours=48)


class AlertNotFound(LookupError):
    """No open alert with this id belongs to the requester (the view answers 404)."""


def alive(now: datetime) -> ColumnElement[bool]:
    """Open, and confirmed or still within its time to be."""
    return (
        StockAlert.notified_at.is_(None)
        & StockAlert.cancelled_at.is_(None)
        & (StockAlert.confirmed_at.is_not(None) | (StockAlert.created_at > now - CONFIRM_WITHIN))
    )


@dataclass(frozen=True)
class AlertOwner:
    """An account, or a guest holding the signed link of one alert from its email."""

    account_id: int | None = None
    signed_alert_id: int | None = None


def store_for_code(session: Session, code: str) -> int | None:
    """The form's store: a store code, or "online" (None). Unknown codes raise."""
    code = code.strip()
    if code.casefold() == ONLINE:
        return None
    store_id = session.scalar(select(Store.id).where(Store.code == code[:32]))
    if store_id is None:
        raise FieldErrors({"store": Message(N_("Choose a store from the list, or online."))})
    return store_id


def _sellable_at(session: Session, variant_id: int, store_id: int | None) -> int:
    query = select(func.coalesce(func.sum(StockLevel.sellable), 0))
    query = query.where(StockLevel.variant_id == variant_id)
    if store_id is None:
        warehouses = select(Store.id).where(Store.kind == StoreKind.WAREHOUSE)
        query = query.where(StockLevel.store_id.in_(warehouses))
    else:
        query = query.where(StockLevel.store_id == store_id)
    return int(session.scalar(query) or 0)


def _serialise(session: Session, email: str, variant_id: int, store_id: int | None) -> None:
    """One open alert per (email, variant, store) has no unique index to lean on (a partial
    one would be needed), so on PostgreSQL two identical asks queue on a transaction lock;
    SQLite writers are already serialised by BEGIN IMMEDIATE."""
    if session.get_bind().dialect.name != "postgresql":
        return
    digest = hashlib.sha256(f"stock-alert {email} {variant_id} {store_id}".encode()).digest()
    lock = int.from_bytes(digest[:8], "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": lock})


def create_alert(
    session: Session,
    variant_id: int,
    store_id: int | None,
    email: str,
    account_id: int | None,
    locale: str | None,
    *,
    consented: bool,
) -> StockAlert:
    """Open an alert, or return the open one for the same email, variant and place: asking
    twice must not mean two emails. A variant already sellable there is refused, because
    no stock change would ever come to close the alert.

    `consented`: the address is the signed-in account's own verified one. Otherwise the
    alert waits for its owner to confirm it by the link of a first email, sent once per
    alert, so a stranger's address gets one email at most, and none once limits are hit."""
    email = normalise_email(email)
    errors: dict[str, Message] = {}
    if not (decision := check_email(email)).ok and decision.reason is not None:
        errors["email"] = decision.reason
    if session.get(Variant, variant_id) is None:
        errors["variant_id"] = Message(N_("This product is no longer available."))
    if store_id is not None and session.get(Store, store_id) is None:
        errors["store"] = Message(N_("Choose a store from the list, or online."))
    if errors:
        raise FieldErrors(errors)
    if _sellable_at(session, variant_id, store_id) > 0:
        raise FieldErrors({"store": Message(N_("It is in stock there now: no need to wait."))})
    _serialise(session, email, variant_id, store_id)
    now = clock.now()
    existing = session.scalar(
        select(StockAlert).where(
            StockAlert.email == email,
            StockAlert.variant_id == variant_id,
            StockAlert.store_id.is_(None) if store_id is None else StockAlert.store_id == store_id,
            alive(now),
        )
    )
    if existing is not None:
        if existing.account_id is None and account_id is not None:
            existing.account_id = account_id  # a guest's ask, repeated signed in, is theirs
        if consented and existing.confirmed_at is None:
            existing.confirmed_at = now
        return existing
    alert = StockAlert(
        variant_id=variant_id,
        store_id=store_id,
        email=email,
        account_id=account_id,
        locale=(locale or None) and locale[:8],
        created_at=now,
        confirmed_at=now if consented else None,
    )
    session.add(alert)
    session.flush()
    if not consented:
        alert_emails.queue_confirmation(session, alert)
    return alert


def confirm_alert(session: Session, alert_id: int) -> StockAlert:
    """The owner of the address agreed, by the link of the first email (the view checked
    its signature). Confirming twice is fine; a late, cancelled or sent one is not found.
    Stock that came back while the email waited is announced at once."""
    now = clock.now()
    alert = session.scalar(select(StockAlert).where(StockAlert.id == alert_id, alive(now)))
    if alert is None:
        raise AlertNotFound(alert_id)
    if alert.confirmed_at is None:
        session.execute(
            update(StockAlert)
            .where(StockAlert.id == alert_id, StockAlert.confirmed_at.is_(None))
            .values(confirmed_at=now)
            .execution_options(synchronize_session=False)
        )
        session.refresh(alert)
        notify_back_in_stock(session, [alert.variant_id])
    return alert


def remove_unconfirmed(session: Session, now: datetime) -> int:
    """Delete the alerts nobody confirmed in time: their address is not kept."""
    removed = session.execute(
        delete(StockAlert).where(
            StockAlert.confirmed_at.is_(None), StockAlert.created_at <= now - CONFIRM_WITHIN
        )
    )
    return removed.rowcount  # type: ignore[attr-defined]


def request_alert(
    session: Session,
    variant_id: int,
    store_code: str,
    email: str,
    account_id: int | None,
    locale: str | None,
    *,
    consented: bool,
) -> StockAlert:
    """The form's ask: a store by code or "online", then create_alert."""
    store_id = store_for_code(session, store_code)
    return create_alert(
        session, variant_id, store_id, email, account_id, locale, consented=consented
    )


def owned_alert(session: Session, alert_id: int, owner: AlertOwner) -> StockAlert:
    """The alert if it belongs to `owner`: an account's own, or for a guest the one alert
    their signed link names. Anyone else learns nothing (not found)."""
    if owner.account_id is not None:
        mine = StockAlert.account_id == owner.account_id
    elif owner.signed_alert_id == alert_id:
        mine = StockAlert.id == alert_id
    else:
        raise AlertNotFound(alert_id)
    alert = session.scalar(select(StockAlert).where(StockAlert.id == alert_id, mine))
    if alert is None:
        raise AlertNotFound(alert_id)
    return alert


def cancel_alert(session: Session, alert_id: int, owner: AlertOwner) -> StockAlert:
    """Close the alert if it belongs to `owner` (see `owned_alert`)."""
    alert = owned_alert(session, alert_id, owner)
    if alert.cancelled_at is None and alert.notified_at is None:
        alert.cancelled_at = clock.now()
        session.flush()
    return alert


def notify_back_in_stock(
    session: Session, variant_ids: Iterable[int] | None = None, store_ids: Iterable[int] = ()
) -> int:
    """Email each open alert whose place now has sellable stock; returns how many.

    Called by whatever changed stock, in its transaction, so the email commits or rolls back
    with the change. `variant_ids` None checks every open alert (after a whole-file import);
    `store_ids` narrows to alerts for those stores, and online ones if a warehouse is among
    them. Each alert is closed by UPDATE ... WHERE notified_at IS NULL and mailed only if
    that row count is 1, and the outbox's dedupe key is per alert, so two workers never
    send the same alert twice.
    """
    warehouses = set(session.scalars(select(Store.id).where(Store.kind == StoreKind.WAREHOUSE)))
    stores = set(store_ids)
    query = select(StockAlert).where(
        StockAlert.confirmed_at.is_not(None),
        StockAlert.notified_at.is_(None),
        StockAlert.cancelled_at.is_(None),
    )
    if stores:
        if stores & warehouses:
            query = query.where(StockAlert.store_id.in_(stores) | StockAlert.store_id.is_(None))
        else:
            query = query.where(StockAlert.store_id.in_(stores))
    candidates: list[StockAlert] = []
    if variant_ids is None:
        candidates = list(session.scalars(query))
    else:
        for chunk in chunks(sorted(set(variant_ids))):
            candidates.extend(session.scalars(query.where(StockAlert.variant_id.in_(chunk))))
    if not candidates:
        return 0
    sellable: dict[tuple[int, int], int] = {}
    for chunk in chunks(sorted({alert.variant_id for alert in candidates})):
        levels = select(StockLevel.variant_id, StockLevel.store_id, StockLevel.sellable).where(
            StockLevel.variant_id.in_(chunk)
        )
        sellable.update(((v, s), units) for v, s, units in session.execute(levels))
    sent = 0
    for alert in sorted(candidates, key=lambda alert: alert.id):
        places = warehouses if alert.store_id is None else {alert.store_id}
        if sum(max(sellable.get((alert.variant_id, s), 0), 0) for s in places) <= 0:
            continue
        closed = session.execute(
            update(StockAlert)
            .where(StockAlert.id == alert.id, StockAlert.notified_at.is_(None))
            .where(StockAlert.cancelled_at.is_(None))
            .values(notified_at=clock.now())
        )
        if closed.rowcount == 1:  # type: ignore[attr-defined]
            alert_emails.queue_back_in_stock(session, alert)
            push.notify(
                session,
                alert_emails.push_topic(alert.id),
                alert_emails.BACK_IN_STOCK_PUSH,
                {"alert_id": alert.id},
                locale=alert.locale or "",
            )
            sent += 1
    return sent
