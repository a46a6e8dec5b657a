"""Hand-offs between a kiosk visit and a shopper's phone, by a code the kiosk shows as a QR:
the visit's cart goes to the phone ("Continue on my phone"), or the phone's wishlist and cart
show on the kiosk for the visit ("Show my list here").

A code is a `short_codes` code of a random nonce, found by its hash; it works once, for ten
minutes, and only for the visit (the hash of the kiosk's guest token) that asked for it. The
phone's one POST spends it in a conditional update, so two phones racing on one code get one
cart between them; whatever the code did ends with the visit.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, joinedload

from storefront import short_codes
from storefront.cart import merging
from storefront.cart.models import Cart, MergeKind
from storefront.kiosk import rules
from storefront.kiosk.models import Handoff, HandoffDirection, Kiosk
from storefront.messages import N_, DomainError, Message
from storefront.shopper import Owner


class HandoffRefused(DomainError):
    """The code does not (or no longer) work: `message` says why, for the phone."""


class NotThisVisit(Exception):
    """A hand-off of another kiosk or another visit: the kiosk answers 404."""


OWN_SCREEN = Message(N_("Open this code on your phone, not on the kiosk."))
NOTHING_SHOWN = Message(N_("Your lists are not shown on this kiosk any more."))


def visit_hash(visit_token: str) -> str:
    return hashlib.sha256(visit_token.encode()).hexdigest()


def code_of(handoff: Handoff, secret: bytes) -> str:
    return short_codes.code_for(secret, handoff.nonce)


def start(
    session: Session,
    kiosk: Kiosk,
    visit_token: str,
    direction: HandoffDirection,
    secret: bytes,
    now_utc: datetime,
    *,
    cart_id: int | None = None,
) -> Handoff:
    """A new code for the visit; its earlier unused one of this direction stops working, so
    one screen has one code of each kind in circulation at most."""
    visit = visit_hash(visit_token)
    session.execute(
        delete(Handoff).where(
            Handoff.visit_hash == visit,
            Handoff.direction == direction,
            Handoff.used_at.is_(None),
        )
    )
    nonce = secrets.token_hex(16)
    handoff = Handoff(
        kiosk_id=kiosk.id,
        direction=direction,
        visit_hash=visit,
        cart_id=cart_id,
        nonce=nonce,
        code_hash=short_codes.code_hash(short_codes.code_for(secret, nonce)),
        created_at=now_utc,
        expires_at=now_utc + rules.HANDOFF_VALID_FOR,
    )
    session.add(handoff)
    session.flush()
    return handoff


def on_screen(session: Session, kiosk: Kiosk, visit_token: str | None, handoff_id: int) -> Handoff:
    """The hand-off the kiosk is showing, only if it is this kiosk's and this visit's."""
    handoff = session.get(Handoff, handoff_id)
    if (
        handoff is None
        or visit_token is None
        or handoff.kiosk_id != kiosk.id
        or not hmac.compare_digest(handoff.visit_hash, visit_hash(visit_token))
    ):
        raise NotThisVisit(handoff_id)
    return handoff


def state(handoff: Handoff, now_utc: datetime) -> rules.HandoffState:
    return rules.handoff_state(handoff.expires_at, handoff.used_at, handoff.withdrawn_at, now_utc)


def by_code(session: Session, raw_code: str) -> Handoff:
    """The hand-off a scanned or typed code names, used or not, with its kiosk's store."""
    code = short_codes.typed_code(raw_code)
    handoff = (
        session.scalars(
            select(Handoff)
            .options(joinedload(Handoff.kiosk).joinedload(Kiosk.store))
            .where(Handoff.code_hash == short_codes.code_hash(code))
        ).one_or_none()
        if code
        else None
    )
    if handoff is None or handoff.kiosk.revoked_at is not None:
        raise HandoffRefused(rules.UNKNOWN_HANDOFF)
    return handoff


def check_open(handoff: Handoff, now_utc: datetime) -> None:
    found = state(handoff, now_utc)
    if found is not rules.HandoffState.OPEN:
        raise HandoffRefused(rules.HANDOFF_REFUSALS[found])


def _spend(session: Session, handoff: Handoff, now_utc: datetime, **values: object) -> None:
    """Used in one conditional update: of two phones posting at once, one wins."""
    updated = session.execute(
        update(Handoff)
        .where(
            Handoff.id == handoff.id,
            Handoff.used_at.is_(None),
            Handoff.expires_at > now_utc,
        )
        .values(used_at=now_utc, **values)
    )
    if updated.rowcount != 1:  # type: ignore[attr-defined]
        raise HandoffRefused(rules.HANDOFF_REFUSALS[rules.HandoffState.USED])
    session.refresh(handoff)


def accept(session: Session, raw_code: str, phone: Owner, now_utc: datetime) -> Handoff:
    """The phone's one tap: take the visit's cart, or show its own lists on the kiosk."""
    handoff = by_code(session, raw_code)
    check_open(handoff, now_utc)
    if phone.guest_token and hmac.compare_digest(handoff.visit_hash, visit_hash(phone.guest_token)):
        raise HandoffRefused(OWN_SCREEN)
    if handoff.direction == HandoffDirection.TO_PHONE:
        _take_cart(session, handoff, phone, now_utc)
    else:
        _spend(
            session,
            handoff,
            now_utc,
            shown_account_id=phone.account_id,
            shown_guest_token=phone.guest_token if phone.account_id is None else None,
        )
    return handoff


def _take_cart(session: Session, handoff: Handoff, phone: Owner, now_utc: datetime) -> None:
    """The visit's cart into the phone's, merged as at sign-in (line limits, stock, a notice
    and an undo); the kiosk's cart is deleted at once, and the screen resets when it next
    asks. An empty kiosk cart by then merges nothing, and says nothing."""
    _spend(session, handoff, now_utc)
    cart = session.get(Cart, handoff.cart_id) if handoff.cart_id else None
    merging.merge_cart(session, cart, phone, MergeKind.KIOSK)
    if cart is not None:
        session.execute(delete(Cart).where(Cart.id == cart.id))
    session.flush()


def shown_owner(handoff: Handoff) -> Owner | None:
    if handoff.shown_account_id is not None:
        return Owner(account_id=handoff.shown_account_id)
    if handoff.shown_guest_token is not None:
        return Owner(guest_token=handoff.shown_guest_token)
    return None


def shown_by(handoff: Handoff, phone: Owner | None) -> bool:
    return phone is not None and shown_owner(handoff) == phone


def withdraw(session: Session, raw_code: str, phone: Owner | None, now_utc: datetime) -> Handoff:
    """Only the phone that approved may stop the showing; the kiosk forgets whose it was."""
    handoff = by_code(session, raw_code)
    if not shown_by(handoff, phone) or handoff.withdrawn_at is not None:
        raise HandoffRefused(NOTHING_SHOWN)
    handoff.withdrawn_at = now_utc
    handoff.shown_account_id = None
    handoff.shown_guest_token = None
    session.flush()
    return handoff


def cart_taken(session: Session, visit_token: str) -> int | None:
    """The visit's "Continue on my phone" hand-off a phone has used, if any."""
    return session.scalar(
        select(Handoff.id).where(
            Handoff.visit_hash == visit_hash(visit_token),
            Handoff.direction == HandoffDirection.TO_PHONE,
            Handoff.used_at.is_not(None),
        )
    )


def forget_visit(session: Session, visit_token: str) -> None:
    """At the end of a visit: its codes stop working and whose lists it showed is gone."""
    session.execute(delete(Handoff).where(Handoff.visit_hash == visit_hash(visit_token)))
