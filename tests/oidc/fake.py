"""A small identity provider on loopback that misbehaves on request: it signs the tokens a
test describes (wrong nonce, unknown key, alg none...) with a test key set it serves.

The real provider (real.py) cannot be made to issue bad tokens; this one exists for that.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "shop-fake"
CLIENT_SECRET = "fake-secret"


def new_key(kid: str | None = None) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid or secrets.token_hex(4), "use": "sig"})


def unsigned(claims: dict[str, Any]) -> str:
    """A JWT with "alg": "none" and no signature."""

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


@dataclass
class FakeProvider:
    issuer: str = ""
    keys: list[RSAKey] = field(default_factory=lambda: [new_key("k1")])
    signing_key: RSAKey | None = None  # default: keys[0]
    # Changes the ID token's claims at the token endpoint: (claims) -> claims.
    id_token_claims: Callable[[dict[str, Any]], dict[str, Any]] = lambda claims: claims
    id_token_override: Callable[[dict[str, Any]], str] | None = None
    userinfo: Callable[[dict[str, Any]], dict[str, Any]] = lambda claims: claims
    person: dict[str, Any] = field(
        default_factory=lambda: {
            "sub": "fake-person-1",
            "email": "fake@example.com",
            "email_verified": True,
            "name": "Frankie Fake",
        }
    )
    jwks_fetches: int = 0
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)

    def sign(self, claims: dict[str, Any], key: RSAKey | None = None, **header: Any) -> str:
        key = key or self.signing_key or self.keys[0]
        return jwt.encode({"alg": "RS256", "kid": key.kid, **header}, claims, key)

    def id_token(self, nonce: str) -> dict[str, Any]:
        now = int(time.time())
        return {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "exp": now + 300,
            "iat": now,
            "nonce": nonce,
            "sid": "fake-sid-1",
            **self.person,
        }

    def logout_token(self, **changes: Any) -> dict[str, Any]:
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": int(time.time()),
            "jti": secrets.token_hex(8),
            "sub": self.person["sub"],
            "events": {"http://schemas.openid.net/event/backchannel-logout": {}},
        }
        claims.update(changes)
        return {k: v for k, v in claims.items() if v is not None}

    # -- HTTP ------------------------------------------------------------------------------

    def handle(self, method: str, path: str, query: dict[str, str], form: dict[str, str]) -> Any:
        if path == "/.well-known/openid-configuration":
            return 200, {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/auth",
                "token_endpoint": f"{self.issuer}/token",
                "userinfo_endpoint": f"{self.issuer}/userinfo",
                "jwks_uri": f"{self.issuer}/jwks",
                "end_session_endpoint": f"{self.issuer}/logout",
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        if path == "/jwks":
            self.jwks_fetches += 1
            return 200, {"keys": [k.as_dict(private=False) for k in self.keys]}
        if path == "/auth":  # signs the person in at once and sends them back with a code
            code = secrets.token_urlsafe(16)
            self.codes[code] = query
            back = {"code": code, "state": query.get("state", "")}
            return 302, f"{query['redirect_uri']}?{urlencode(back)}"
        if path == "/token" and method == "POST":
            asked = self.codes.pop(form.get("code", ""), None)
            if asked is None or "code_verifier" not in form:
                return 400, {"error": "invalid_grant"}
            claims = self.id_token_claims(self.id_token(asked.get("nonce", "")))
            token = self.id_token_override(claims) if self.id_token_override else self.sign(claims)
            return 200, {"access_token": "fake-access", "token_type": "Bearer", "id_token": token}
        if path == "/userinfo":
            return 200, self.userinfo(dict(self.person))
        return 404, {"error": "not_found"}


@contextmanager
def run_fake(provider: FakeProvider | None = None) -> Iterator[FakeProvider]:
    fake = provider or FakeProvider()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method: str) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            form = {k: v[0] for k, v in parse_qs(body).items()}
            status, payload = fake.handle(method, parts.path, query, form)
            if status == 302:
                self.send_response(302)
                self.send_header("Location", payload)
                self.end_headers()
                return
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._answer("GET")

        def do_POST(self) -> None:
            self._answer("POST")

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
