"""A shopper's list as the associate sees it, with consent: each item, where it is in stock,
and an offer to hold some here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from storefront import short_codes
from storefront.consent import queries as consent_queries
from storefront.consent import rules, services
from storefront.consent.models import ListConsent
from storefront.consent.queries import SharedItem, SharedList
from storefront.ids import parse_id
from storefront.inventory.availability import Availability, variant_availability
from storefront.messages import N_, DomainError, Message
from storefront.stores.models import Store

UNKNOWN = Message(N_("No shared list with this code. Ask the shopper to show it again."))


class NotShared(DomainError):
    pass


@dataclass(frozen=True)
class ItemHere:
    item: SharedItem
    stock: Availability | None  # None: no size or colour chosen, so no one SKU to look up

    @property
    def holdable(self) -> bool:
        """In stock here, enough for the quantity asked (a cart line's, else one)."""
        mine = self.stock.my_store if self.stock else None
        return mine is not None and mine.sellable >= (self.item.quantity or 1)


@dataclass(frozen=True)
class ListHere:
    store: Store
    shared: SharedList
    items: list[ItemHere]
    expires_at: datetime  # UTC


def _open(session: Session, raw_code: str, now_utc: datetime) -> ListConsent:
    code = short_codes.typed_code(raw_code)
    consent = services.by_code(session, code) if code else None
    if consent is None:
        raise NotShared(UNKNOWN)
    decision = rules.check_open(consent.expires_at, consent.revoked_at, now_utc)
    if not decision.ok:
        raise NotShared(decision.reason or UNKNOWN)
    return consent


def items_here(
    session: Session, store: Store, items: list[SharedItem], now_utc: datetime
) -> list[ItemHere]:
    """Each item with its stock here and elsewhere, and its shelf here."""
    return [
        ItemHere(
            item,
            None
            if item.variant_id is None
            else variant_availability(session, item.variant_id, my_store=store, now_utc=now_utc),
        )
        for item in items
    ]


def _here(session: Session, store: Store, consent: ListConsent, now_utc: datetime) -> ListHere:
    shared = consent_queries.shared_list(session, consent)
    items = items_here(session, store, shared.items, now_utc)
    return ListHere(store, shared, items, consent.expires_at)


def look_at(
    session: Session, store: Store, raw_code: str, staff_account_id: int, now_utc: datetime
) -> ListHere:
    """The list the code opens, only while open; the look is recorded against `store`, so
    the shopper sees which team read their list and when."""
    consent = _open(session, raw_code, now_utc)
    services.record_view(session, consent, store.id, staff_account_id, now_utc)
    return _here(session, store, consent, now_utc)


def shown(session: Session, store: Store, raw_code: str, now_utc: datetime) -> ListHere:
    """The list again, as after a refused offer: not another look to record."""
    return _here(session, store, _open(session, raw_code, now_utc), now_utc)


def offer_hold(
    session: Session,
    store: Store,
    raw_code: str,
    staff_account_id: int,
    chosen: list[str],
    now_utc: datetime,
) -> ListHere:
    """Offer the shopper to hold the chosen items here: only items of the shown list, with
    their size and colour known and in stock here; raises `services.Closed` if none is."""
    consent = _open(session, raw_code, now_utc)
    found = _here(session, store, consent, now_utc)
    wanted = {parse_id(raw) for raw in chosen}
    lines = [
        (variant_id, here.item.quantity or 1)
        for here in found.items
        if (variant_id := here.item.variant_id) is not None
        and variant_id in wanted
        and here.holdable
    ]
    services.propose(session, consent, store.id, staff_account_id, lines, now_utc)
    return found


def exists(session: Session, raw_code: str) -> str | None:
    """The code, when it names a consent (open or not): the board's search opens it."""
    code = short_codes.typed_code(raw_code)
    return short_codes.grouped(code) if code and services.by_code(session, code) else None
