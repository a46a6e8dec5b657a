"""Password hashing with argon2id; the only module that touches password hashes."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2-cffi's defaults follow RFC 9106's low-memory profile (argon2id, 64 MiB, t=3).
# needs_rehash() upgrades stored hashes at the next sign-in when these change.
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(password_hash: str, password: str) -> bool:
    """False for a wrong password and for a hash we cannot read, never an exception."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@cache
def _dummy_hash() -> str:
    return _hasher.hash("not a real password, only here to spend the same time")


def verify_nothing(password: str) -> None:
    """Spend the time of one verification when there is no account to check against, so
    that the response time does not tell whether an email has an account."""
    verify(_dummy_hash(), password)
