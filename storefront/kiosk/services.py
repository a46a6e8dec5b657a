"""Kiosk use cases: make a pairing link, pair a screen with it, recognise the screen after,
and the store manager's rename, idle time and revoke.

Tokens are 256-bit random strings; only their SHA-256 is stored, so a copy of the database
neither pairs a screen nor impersonates one. Every change is scoped by the store, so a
kiosk id from another store is unknown.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload

from storefront.kiosk import rules
from storefront.kiosk.models import Kiosk
from storefront.messages import N_, DomainError, FieldErrors, Message
from storefront.stores.models import Store


class KioskError(DomainError):
    """A pairing or a kiosk change refused."""


class UnknownPairing(KioskError):
    def __init__(self) -> None:
        super().__init__(Message(N_("This pairing link is not known. Ask staff for a new one.")))


class UnknownStore(Exception):
    pass


class KioskNotFound(Exception):
    pass


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewPairing:
    kiosk: Kiosk
    token: str  # shown once, in the link; only its hash is kept


def store_by_code(session: Session, code: str) -> Store:
    store = session.scalar(select(Store).where(Store.code == code))
    if store is None:
        raise UnknownStore(code)
    return store


def start_pairing(
    session: Session, store: Store, *, now: datetime, name: str | None = None
) -> NewPairing:
    """A kiosk waiting for its screen, and the one-time token of its pairing link. Without
    a name it is numbered after the store's kiosks ("Kiosk 3"), renamed later if need be."""
    if name is None:
        count = session.scalar(select(func.count(Kiosk.id)).where(Kiosk.store_id == store.id))
        name = f"Kiosk {(count or 0) + 1}"
    else:
        name = _checked_name(name)
    token = secrets.token_urlsafe(32)
    kiosk = Kiosk(
        store_id=store.id,
        name=name,
        idle_seconds=rules.DEFAULT_IDLE_SECONDS,
        pairing_hash=_digest(token),
        pairing_expires_at=now + rules.PAIRING_VALID_FOR,
        created_at=now,
    )
    session.add(kiosk)
    session.flush()
    return NewPairing(kiosk, token)


def pairing_kiosk(session: Session, token: str) -> Kiosk:
    """The kiosk this link pairs, open for pairing; else why not, in words."""
    kiosk = session.scalar(
        select(Kiosk).options(joinedload(Kiosk.store)).where(Kiosk.pairing_hash == _digest(token))
    )
    if kiosk is None or kiosk.revoked_at is not None:
        raise UnknownPairing()
    return kiosk


def check_open(kiosk: Kiosk, now: datetime) -> None:
    state = rules.pairing_state(kiosk.pairing_expires_at, kiosk.paired_at, now)
    if state is not rules.PairingState.OPEN:
        raise KioskError(rules.PAIRING_REFUSALS[state])


@dataclass(frozen=True)
class Credential:
    kiosk_id: int
    secret: str


def pair(session: Session, token: str, *, now: datetime) -> Credential:
    """Bind the screen that opened the link: the link is spent in the same conditional
    update that sets the credential, so two screens racing on one link pair only one."""
    kiosk = pairing_kiosk(session, token)
    check_open(kiosk, now)
    secret = secrets.token_urlsafe(32)
    updated = session.execute(
        update(Kiosk)
        .where(Kiosk.id == kiosk.id, Kiosk.paired_at.is_(None))
        .values(paired_at=now, credential_hash=_digest(secret))
    )
    if updated.rowcount != 1:  # type: ignore[attr-defined]
        raise KioskError(rules.PAIRING_REFUSALS[rules.PairingState.USED])
    session.refresh(kiosk)
    return Credential(kiosk.id, secret)


def recognise(session: Session, kiosk_id: int, secret: str) -> Kiosk | None:
    """The paired, unrevoked kiosk this credential belongs to, or None. Checked on every
    kiosk request, so revoking takes effect on the screen's next tap."""
    kiosk = session.scalar(
        select(Kiosk).options(joinedload(Kiosk.store)).where(Kiosk.id == kiosk_id)
    )
    if kiosk is None or kiosk.revoked_at is not None or kiosk.credential_hash is None:
        return None
    return kiosk if hmac.compare_digest(kiosk.credential_hash, _digest(secret)) else None


def kiosks_of(session: Session, store_id: int) -> list[Kiosk]:
    """The store's kiosks, newest first."""
    found = session.scalars(
        select(Kiosk).where(Kiosk.store_id == store_id).order_by(Kiosk.id.desc())
    )
    return list(found)


def owned(session: Session, store_id: int, kiosk_id: int) -> Kiosk:
    """One of the store's kiosks; another store's is unknown, like an id never made."""
    kiosk = session.get(Kiosk, kiosk_id)
    if kiosk is None or kiosk.store_id != store_id:
        raise KioskNotFound(kiosk_id)
    return kiosk


def _checked_name(raw: str) -> str:
    name = rules.clean_name(raw)
    decision = rules.check_name(name)
    if not decision.ok and decision.reason:
        raise FieldErrors.on("name", decision.reason)
    return name


def rename(kiosk: Kiosk, raw_name: str) -> None:
    kiosk.name = _checked_name(raw_name)


def set_idle_seconds(kiosk: Kiosk, raw: str) -> None:
    seconds = rules.parse_idle_seconds(raw)
    if isinstance(seconds, Message):
        raise FieldErrors.on("idle_seconds", seconds)
    kiosk.idle_seconds = seconds


def revoke(kiosk: Kiosk, *, now: datetime) -> None:
    """For good: a revoked screen is paired again with a new link, as a new kiosk."""
    if kiosk.revoked_at is None:
        kiosk.revoked_at = now
