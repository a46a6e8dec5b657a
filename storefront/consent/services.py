"""Showing a list to a store team: start, stop, record each look, and answer its offers."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from storefront import short_codes
from storefront.cart.services import find_cart
from storefront.catalog.models import Product, Variant
from storefront.consent import rules
from storefront.consent.models import ConsentView, HoldProposal, ListConsent
from storefront.messages import N_, DomainError, Message
from storefront.pickup import on_behalf
from storefront.pickup.models import PickupOrder
from storefront.pickup.reservation import Contact
from storefront.pickup.supply import Want
from storefront.shopper import Owner
from storefront.wishlist import services as wishlists


class Kind(StrEnum):
    LIST = "list"
    CART = "cart"


@dataclass(frozen=True)
class Target:
    """One wishlist or one cart that the requester owns: the only things a consent covers."""

    kind: Kind
    id: int

    def where(self) -> ColumnElement[bool]:
        column = ListConsent.wishlist_id if self.kind is Kind.LIST else ListConsent.cart_id
        return column == self.id


class NotFound(Exception):
    """Not the requester's: the view answers 404, as if it did not exist."""


def owned_target(session: Session, owner: Owner | None, kind: Kind, list_id: int) -> Target:
    """The owner's list `list_id`, or their cart: anyone else's, or none, is NotFound."""
    if owner is None:
        raise NotFound()
    if kind is Kind.CART:
        cart = find_cart(session, owner)
        if cart is None:
            raise NotFound()
        return Target(kind, cart.id)
    try:
        return Target(kind, wishlists.owned_list(session, owner, list_id).id)
    except wishlists.NotFound:
        raise NotFound() from None


def open_consent(session: Session, target: Target, now_utc: datetime) -> ListConsent | None:
    return session.scalars(
        select(ListConsent)
        .where(target.where(), ListConsent.revoked_at.is_(None), ListConsent.expires_at > now_utc)
        .order_by(ListConsent.id.desc())
        .limit(1)
    ).one_or_none()


def stop(session: Session, target: Target, now_utc: datetime) -> None:
    """Every open code of the target stops working at once."""
    session.execute(
        update(ListConsent)
        .where(target.where(), ListConsent.revoked_at.is_(None), ListConsent.expires_at > now_utc)
        .values(revoked_at=now_utc)
    )


def start(session: Session, target: Target, secret: bytes, now_utc: datetime) -> ListConsent:
    """A new code for the target, valid `rules.LIFETIME`; an earlier one stops, so one list
    has one code in circulation at most."""
    stop(session, target, now_utc)
    nonce = secrets.token_hex(16)
    consent = ListConsent(
        wishlist_id=target.id if target.kind is Kind.LIST else None,
        cart_id=target.id if target.kind is Kind.CART else None,
        nonce=nonce,
        code_hash=short_codes.code_hash(short_codes.code_for(secret, nonce)),
        created_at=now_utc,
        expires_at=now_utc + rules.LIFETIME,
    )
    session.add(consent)
    session.flush()
    return consent


def by_code(session: Session, code: str) -> ListConsent | None:
    """The consent a typed code names, open or not (the caller says which it is)."""
    return session.scalars(
        select(ListConsent).where(ListConsent.code_hash == short_codes.code_hash(code))
    ).one_or_none()


def record_view(
    session: Session, consent: ListConsent, store_id: int, staff_account_id: int, now_utc: datetime
) -> None:
    """The shopper sees each look at their list: which store's team, and when."""
    session.add(
        ConsentView(
            consent_id=consent.id,
            store_id=store_id,
            staff_account_id=staff_account_id,
            viewed_at=now_utc,
        )
    )
    session.flush()


class Closed(DomainError):
    """The consent or the offer is no longer open: `message` says which."""


OFFER_GONE = Message(N_("This offer is no longer open."))


def propose(
    session: Session,
    consent: ListConsent,
    store_id: int,
    staff_account_id: int,
    lines: list[tuple[int, int]],
    now_utc: datetime,
) -> HoldProposal:
    """Offer the shopper to hold `lines` (variant id, quantity) at the store. The caller
    took them from the shown list; an earlier unanswered offer is replaced by this one."""
    decision = rules.check_open(consent.expires_at, consent.revoked_at, now_utc)
    if not decision.ok and decision.reason is not None:
        raise Closed(decision.reason)
    if not lines:
        raise Closed(Message(N_("Choose at least one item in stock here.")))
    session.execute(
        update(HoldProposal)
        .where(HoldProposal.consent_id == consent.id, HoldProposal.answered_at.is_(None))
        .values(answered_at=now_utc)
    )
    proposal = HoldProposal(
        consent_id=consent.id,
        store_id=store_id,
        staff_account_id=staff_account_id,
        lines=[[variant_id, quantity] for variant_id, quantity in lines],
        created_at=now_utc,
    )
    session.add(proposal)
    session.flush()
    return proposal


def pending_proposal(
    session: Session, target: Target, proposal_id: int, now_utc: datetime
) -> HoldProposal:
    """The target's unanswered offer `proposal_id`, while the consent is open."""
    consent = open_consent(session, target, now_utc)
    found = session.get(HoldProposal, proposal_id) if consent is not None else None
    if found is None or consent is None or found.consent_id != consent.id or found.answered_at:
        raise Closed(OFFER_GONE)
    return found


def decline(session: Session, target: Target, proposal_id: int, now_utc: datetime) -> None:
    pending_proposal(session, target, proposal_id, now_utc).answered_at = now_utc
    session.flush()


def accept(
    session: Session,
    target: Target,
    proposal_id: int,
    owner: Owner,
    contact: Contact,
    *,
    locale: str,
    now_utc: datetime,
) -> PickupOrder:
    """A pickup order for the offered items at the offering store, placed like a checkout
    (`pickup.on_behalf.reserve_now`); raises a PickupError or FieldErrors, changing nothing."""
    proposal = pending_proposal(session, target, proposal_id, now_utc)
    names = dict(
        session.execute(
            select(Variant.id, Product.name)
            .join(Product, Product.id == Variant.product_id)
            .where(Variant.id.in_([variant_id for variant_id, _ in proposal.lines]))
        ).all()
    )
    wants = [Want(v, q, names[v]) for v, q in proposal.lines if v in names]
    order = on_behalf.reserve_now(
        session,
        owner,
        store_id=proposal.store_id,
        wants=wants,
        contact=contact,
        proposal_key=str(proposal.id),
        locale=locale,
        now_utc=now_utc,
    )
    proposal.answered_at = now_utc
    proposal.order_id = order.id
    session.flush()
    return order
