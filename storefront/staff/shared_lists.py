"""A shopper's list as the associate sees it, with consent: each item and where it is in stock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from storefront.consent import queries as consent_queries
from storefront.consent import rules, services
from storefront.consent.queries import SharedItem, SharedList
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


@dataclass(frozen=True)
class ListHere:
    store: Store
    shared: SharedList
    items: list[ItemHere]
    expires_at: datetime  # UTC


def look_at(
    session: Session, store: Store, raw_code: str, staff_account_id: int, now_utc: datetime
) -> ListHere:
    """The list the code opens, only while open; the look is recorded against `store`, so
    the shopper sees which team read their list and when."""
    code = rules.typed_code(raw_code)
    consent = services.by_code(session, code) if code else None
    if consent is None:
        raise NotShared(UNKNOWN)
    decision = rules.check_open(consent.expires_at, consent.revoked_at, now_utc)
    if not decision.ok:
        raise NotShared(decision.reason or UNKNOWN)
    services.record_view(session, consent, store.id, staff_account_id, now_utc)
    shared = consent_queries.shared_list(session, consent)
    items = [
        ItemHere(
            item,
            None
            if item.variant_id is None
            else variant_availability(session, item.variant_id, my_store=store, now_utc=now_utc),
        )
        for item in shared.items
    ]
    return ListHere(store, shared, items, consent.expires_at)


def exists(session: Session, raw_code: str) -> str | None:
    """The code, when it names a consent (open or not): the board's search opens it."""
    code = rules.typed_code(raw_code)
    return rules.grouped(code) if code and services.by_code(session, code) else None
