"""The only module that talks to identity providers: discovery, keys, tokens and userinfo.

An OpenID Connect relying party built on Authlib's OAuth 2 client (authorization code with
PKCE S256) and its JOSE backend; what the tokens must say is checked in `tokens`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.requests_client import OAuth2Session
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from storefront.accounts import tokens
from storefront.config import OidcProvider

log = logging.getLogger(__name__)

TIMEOUT = (3.05, 10)  # connect, read: a shopper waits on these
METADATA_FOR = 3600.0  # seconds a discovery document is reused
KEYS_REFETCH_AFTER = 10.0  # an unknown kid fetches the keys again at most this often


class SsoError(Exception):
    """Signing in through the provider failed; `unavailable` when it could not be reached
    (try later), otherwise it answered with something we refuse (try again, or report)."""

    def __init__(self, detail: str, *, unavailable: bool = False) -> None:
        super().__init__(detail)
        self.unavailable = unavailable


@dataclass(frozen=True)
class Metadata:
    """The parts of the issuer's discovery document we use."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    end_session_endpoint: str | None
    algorithms: list[str]
    iss_parameter: bool  # RFC 9207: the callback carries iss, which must be this issuer


@dataclass(frozen=True)
class Person:
    """Who the provider says signed in, from the checked ID token and userinfo."""

    issuer: str
    subject: str
    email: str | None
    email_verified: bool
    name: str
    locale: str | None
    sid: str | None


@dataclass(frozen=True)
class Logout:
    """A checked back-channel logout token: who signed out at the provider."""

    issuer: str
    subject: str | None
    sid: str | None
    jti: str
    expires_at: float


class Client:
    """One configured provider. Thread-safe: metadata and keys are cached per process."""

    def __init__(self, provider: OidcProvider, http: requests.Session | None = None) -> None:
        self.provider = provider
        self._http = http or requests.Session()
        self._lock = threading.Lock()
        self._metadata: tuple[float, Metadata] | None = None
        self._keys: tuple[float, KeySet] | None = None

    # -- discovery and keys ------------------------------------------------------------

    def _get_json(self, url: str, **kwargs: Any) -> Any:
        try:
            response = self._http.get(url, timeout=TIMEOUT, **kwargs)
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as error:
            raise SsoError(f"GET {url}: {error}", unavailable=True) from error

    def metadata(self) -> Metadata:
        """Discovered from the issuer, whose document must name exactly that issuer."""
        with self._lock:
            cached = self._metadata
        if cached and time.monotonic() - cached[0] < METADATA_FOR:
            return cached[1]
        issuer = self.provider.issuer
        try:
            found = self._get_json(f"{issuer}/.well-known/openid-configuration")
        except SsoError:
            if cached:  # a provider briefly down keeps working with what we knew
                return cached[1]
            raise
        if not isinstance(found, dict) or found.get("issuer") != issuer:
            raise SsoError(f"discovery document is not for {issuer}")
        try:
            metadata = Metadata(
                issuer=issuer,
                authorization_endpoint=str(found["authorization_endpoint"]),
                token_endpoint=str(found["token_endpoint"]),
                jwks_uri=str(found["jwks_uri"]),
                userinfo_endpoint=found.get("userinfo_endpoint"),
                end_session_endpoint=found.get("end_session_endpoint"),
                algorithms=tokens.usable_algorithms(
                    found.get("id_token_signing_alg_values_supported")
                ),
                iss_parameter=bool(found.get("authorization_response_iss_parameter_supported")),
            )
        except KeyError as error:
            raise SsoError(f"discovery document lacks {error}") from error
        with self._lock:
            self._metadata = (time.monotonic(), metadata)
        return metadata

    def _key_set(self, *, refresh: bool = False) -> KeySet:
        with self._lock:
            cached = self._keys
        if cached and not (refresh and time.monotonic() - cached[0] > KEYS_REFETCH_AFTER):
            return cached[1]
        found = self._get_json(self.metadata().jwks_uri)
        try:
            keys = KeySet.import_key_set(found)
        except (JoseError, ValueError, TypeError, KeyError) as error:
            raise SsoError(f"unreadable key set: {error!r}") from error
        with self._lock:
            self._keys = (time.monotonic(), keys)
        return keys

    def _with_keys(self, check: Callable[[KeySet], dict[str, Any]]) -> dict[str, Any]:
        """Run `check(keys)`; a token signed with a key we do not know (the provider rotated
        its keys) gets one more try with the key set fetched again."""
        try:
            return check(self._key_set())
        except tokens.UnknownKey:
            return check(self._key_set(refresh=True))

    # -- the sign-in round trip ----------------------------------------------------------

    def _oauth(self, redirect_uri: str) -> OAuth2Session:
        return OAuth2Session(
            self.provider.client_id,
            self.provider.client_secret,
            scope=" ".join(self.provider.scopes),
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
        )

    def authorization_url(
        self, redirect_uri: str, *, state: str, nonce: str, code_verifier: str
    ) -> str:
        url, _state = self._oauth(redirect_uri).create_authorization_url(
            self.metadata().authorization_endpoint,
            state=state,
            nonce=nonce,
            code_verifier=code_verifier,
        )
        return str(url)

    def check_callback_issuer(self, iss: str | None) -> None:
        """RFC 9207: a provider that sends iss with the code must send its own, so a code
        from another provider (mix-up attack) is not taken for this one's."""
        if (iss is not None or self.metadata().iss_parameter) and iss != self.provider.issuer:
            raise SsoError(f"callback iss {iss!r}")

    def sign_in(self, code: str, *, redirect_uri: str, code_verifier: str, nonce: str) -> Person:
        """Exchange the code (with the PKCE verifier), check the ID token, then ask userinfo,
        whose sub must be the ID token's: claims from there are about that same person."""
        metadata = self.metadata()
        oauth = self._oauth(redirect_uri)
        try:
            token = oauth.fetch_token(
                metadata.token_endpoint, code=code, code_verifier=code_verifier, timeout=TIMEOUT
            )
        except requests.RequestException as error:
            raise SsoError(f"token endpoint: {error}", unavailable=True) from error
        except (AuthlibBaseError, ValueError) as error:
            raise SsoError(f"token endpoint refused: {error!r}") from error
        raw_id_token = token.get("id_token")
        if not isinstance(raw_id_token, str):
            raise SsoError("no ID token in the token response")
        access_token = token.get("access_token")
        try:
            claims = self._with_keys(
                lambda keys: tokens.validate_id_token(
                    raw_id_token,
                    keys,
                    issuer=self.provider.issuer,
                    client_id=self.provider.client_id,
                    nonce=nonce,
                    access_token=access_token,
                    algorithms=metadata.algorithms,
                )
            )
        except tokens.TokenRefused as error:
            raise SsoError(str(error)) from error
        if metadata.userinfo_endpoint and access_token:
            userinfo = self._get_json(
                metadata.userinfo_endpoint, headers={"Authorization": f"Bearer {access_token}"}
            )
            if not isinstance(userinfo, dict) or userinfo.get("sub") != claims["sub"]:
                raise SsoError("userinfo sub is not the ID token's")
            claims = {**claims, **userinfo}
        return _person(self.provider.issuer, claims)

    # -- signing out ---------------------------------------------------------------------

    def end_session_url(self, post_logout_redirect_uri: str) -> str | None:
        """RP-initiated logout, when the provider offers it; None otherwise, or when the
        provider cannot be reached (signing out here must work regardless)."""
        try:
            endpoint = self.metadata().end_session_endpoint
        except SsoError:
            return None
        if not endpoint:
            return None
        query = urlencode(
            {
                "client_id": self.provider.client_id,
                "post_logout_redirect_uri": post_logout_redirect_uri,
            }
        )
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"

    def logout(self, raw: str) -> Logout:
        metadata = self.metadata()
        try:
            claims = self._with_keys(
                lambda keys: tokens.validate_logout_token(
                    raw,
                    keys,
                    issuer=self.provider.issuer,
                    client_id=self.provider.client_id,
                    algorithms=metadata.algorithms,
                )
            )
        except tokens.TokenRefused as error:
            raise SsoError(str(error)) from error
        exp = claims.get("exp")
        lifetime = tokens.MAX_AGE_SECONDS + 2 * tokens.LEEWAY_SECONDS
        return Logout(
            issuer=self.provider.issuer,
            subject=claims.get("sub"),
            sid=claims.get("sid"),
            jti=str(claims["jti"]),
            expires_at=max(
                float(exp) if isinstance(exp, int | float) else 0, claims["iat"] + lifetime
            ),
        )


def _person(issuer: str, claims: dict[str, Any]) -> Person:
    def text(name: str) -> str | None:
        value = claims.get(name)
        return value if isinstance(value, str) and value else None

    return Person(
        issuer=issuer,
        subject=str(claims["sub"]),
        email=text("email"),
        # Some providers send the JSON string "true"; anything else is not verified.
        email_verified=claims.get("email_verified") in (True, "true"),
        name=text("name") or "",
        locale=text("locale"),
        sid=text("sid"),
    )
