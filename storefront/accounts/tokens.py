"""Checks on the JSON Web Tokens an identity provider signs: ID tokens and logout tokens.

No I/O: the caller passes the provider's key set, and fetches a fresh one when told the key
is unknown (the provider rotated its keys). Every refusal says why, for the log only.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping
from typing import Any

from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

# Signatures by the provider's own private keys only: never "none", nor a shared secret (HS*).
ASYMMETRIC_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
LEEWAY_SECONDS = 60  # clock difference between the provider and us
MAX_AGE_SECONDS = 600  # a token issued longer ago than this is not from this sign-in
BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"


class TokenRefused(Exception):
    """The token is not one we may act on; the message is for the log, not the shopper."""


class UnknownKey(TokenRefused):
    """Signed with a key the key set does not hold: fetch the keys again, once."""


def usable_algorithms(advertised: Collection[str] | None) -> list[str]:
    """What the provider says it signs with, among the asymmetric algorithms; RS256, which
    OpenID Connect makes mandatory, when it says nothing."""
    chosen = [alg for alg in advertised or ("RS256",) if alg in ASYMMETRIC_ALGORITHMS]
    return chosen or ["RS256"]


def _decode(raw: str, keys: KeySet, algorithms: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        registry = JWSRegistry(algorithms=algorithms, strict_check_header=False)
        token = jwt.decode(raw, keys, algorithms=algorithms, registry=registry)
    except InvalidKeyIdError as error:
        raise UnknownKey(f"no key for this token: {error}") from error
    except (JoseError, ValueError, TypeError) as error:
        raise TokenRefused(f"bad token: {error!r}") from error
    return dict(token.claims), dict(token.header)


def _check_age(claims: Mapping[str, Any], now: float) -> None:
    iat = claims.get("iat")
    if not isinstance(iat, int | float) or isinstance(iat, bool):
        raise TokenRefused("iat missing or not a number")
    if iat < now - MAX_AGE_SECONDS - LEEWAY_SECONDS:
        raise TokenRefused("iat too old")


def validate_id_token(
    raw: str,
    keys: KeySet,
    *,
    issuer: str,
    client_id: str,
    nonce: str,
    access_token: str | None,
    algorithms: list[str],
    now: float | None = None,
) -> dict[str, Any]:
    """OpenID Connect Core 3.1.3.7: signature, iss equal to the configured issuer, our client
    id among aud (and azp when there are several), exp, iat, and the nonce we sent."""
    now = time.time() if now is None else now
    claims, header = _decode(raw, keys, algorithms)
    options: dict[str, Any] = {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
        "sub": {"essential": True},
        "exp": {"essential": True},
        "iat": {"essential": True},
        "nonce": {"essential": True, "value": nonce},
    }
    params = {"client_id": client_id, "nonce": nonce, "access_token": access_token}
    try:
        CodeIDToken(claims, header, options, params).validate(now=int(now), leeway=LEEWAY_SECONDS)
    except JoseError as error:
        raise TokenRefused(f"ID token claims: {error!r}") from error
    _check_age(claims, now)
    return claims


def validate_logout_token(
    raw: str,
    keys: KeySet,
    *,
    issuer: str,
    client_id: str,
    algorithms: list[str],
    now: float | None = None,
) -> dict[str, Any]:
    """OpenID Connect Back-Channel Logout 1.0, 2.6: signature, iss, aud, iat, jti, the
    back-channel logout event, sub or sid, and no nonce (so an ID token cannot pass)."""
    now = time.time() if now is None else now
    claims, header = _decode(raw, keys, algorithms)
    if header.get("typ") not in (None, "JWT", "logout+jwt"):
        raise TokenRefused(f"typ {header.get('typ')!r}")
    options: dict[str, Any] = {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
        "iat": {"essential": True},
        "jti": {"essential": True},
    }
    try:
        jwt.JWTClaimsRegistry(now=int(now), leeway=LEEWAY_SECONDS, **options).validate(claims)
    except JoseError as error:
        raise TokenRefused(f"logout token claims: {error!r}") from error
    _check_age(claims, now)
    events = claims.get("events")
    if not isinstance(events, dict) or not isinstance(events.get(BACKCHANNEL_EVENT), dict):
        raise TokenRefused("no back-channel logout event")
    if "nonce" in claims:
        raise TokenRefused("a logout token has no nonce")
    sub, sid = claims.get("sub"), claims.get("sid")
    if not (isinstance(sub, str) and sub) and not (isinstance(sid, str) and sid):
        raise TokenRefused("neither sub nor sid")
    return claims
