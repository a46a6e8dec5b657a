"""Bearer tokens for the tills' stock feed: shown once, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storefront import clock
from storefront.inventory.models import StoreToken
from storefront.stores.models import Store


class UnknownStore(LookupError):
    """No store has this code."""


def hash_token(token: str) -> str:
    """A plain SHA-256 is enough: the token carries 256 random bits, so there is nothing to
    brute-force, and looking the hash up by its unique index leaks no timing about the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _store_id(session: Session, code: str) -> int:
    store_id = session.scalar(select(Store.id).where(Store.code == code))
    if store_id is None:
        raise UnknownStore(code)
    return store_id


def issue_token(session: Session, store_code: str) -> str:
    """A new token for the store's tills. It is returned once and never kept in clear, so a
    lost token is replaced (and the old one revoked), not recovered."""
    token = secrets.token_urlsafe(32)
    session.add(StoreToken(store_id=_store_id(session, store_code), token_hash=hash_token(token)))
    session.flush()
    return token


def revoke_tokens(session: Session, store_code: str) -> int:
    """Revoke every live token of the store; returns how many were live."""
    result = session.execute(
        update(StoreToken)
        .where(StoreToken.store_id == _store_id(session, store_code))
        .where(StoreToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def store_for_token(session: Session, token: str) -> int | None:
    """The id of the store a live token belongs to, or None (unknown or revoked)."""
    if not token or len(token) > 200:
        return None
    return session.scalar(
        select(StoreToken.store_id)
        .where(StoreToken.token_hash == hash_token(token))
        .where(StoreToken.revoked_at.is_(None))
    )
