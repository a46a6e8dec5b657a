"""An app that accepts two identity providers: the real oidc-provider ("retailer", started
once for the session) and the misbehaving fake ("fake", one per test)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from storefront.config import Config, OidcProvider
from tests.forms import csrf
from tests.oidc import fake, real

CALLBACK = "http://localhost/account/sso/retailer/callback"
HOME = "http://localhost/"
# The back-channel URI makes the provider put its session id (sid) in ID tokens; nothing
# listens there in these tests (the browser test has the provider post to a live server).
CLIENT = real.Client(
    "shop-http",
    "http-secret",
    [CALLBACK],
    [HOME],
    backchannel_logout_uri="http://localhost/account/sso/retailer/backchannel-logout",
)


@pytest.fixture(scope="session")
def real_provider() -> Iterator[real.RunningProvider]:
    with real.run_provider([CLIENT]) as provider:
        yield provider


@pytest.fixture
def fake_provider() -> Iterator[fake.FakeProvider]:
    with fake.run_fake() as provider:
        yield provider


def providers(real_issuer: str, fake_issuer: str) -> tuple[OidcProvider, ...]:
    return (
        OidcProvider("retailer", real_issuer, CLIENT.client_id, CLIENT.client_secret, "Cairn ID"),
        OidcProvider("fake", fake_issuer, fake.CLIENT_ID, fake.CLIENT_SECRET, "Fake ID"),
    )


@pytest.fixture
def config(
    database_url: str,
    tmp_path: Path,
    real_provider: real.RunningProvider,
    fake_provider: fake.FakeProvider,
) -> Config:
    base = Config.for_tests(database_url, tmp_path / "instance")
    return replace(base, oidc_providers=providers(real_provider.issuer, fake_provider.issuer))


class SsoActions:
    """A shopper's browser: the Flask test client for our pages, requests for the provider's."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def start(self, provider: str = "retailer", next: str | None = None) -> TestResponse:
        data = {"csrf_token": csrf(self.client)}
        if next is not None:
            data["next"] = next
        return self.client.post(f"/account/sso/{provider}/start", data=data)

    def authorization_url(self, provider: str = "retailer", next: str | None = None) -> str:
        response = self.start(provider, next)
        assert response.status_code == 303, response.text
        return response.headers["Location"]

    def come_back(self, callback_url: str) -> TestResponse:
        parts = urlsplit(callback_url)
        return self.client.get(f"{parts.path}?{parts.query}")

    def sign_in(
        self, person: dict[str, object] = real.ANNA, next: str | None = None
    ) -> TestResponse:
        """The whole round trip through the real provider's login page."""
        back = real.sign_in_at_provider(
            self.authorization_url("retailer", next), str(person["sub"]), str(person["password"])
        )
        return self.come_back(back)

    def fake_callback_url(self, next: str | None = None) -> str:
        """Through the fake provider, which signs in at once: the URL it sends us back to."""
        response = requests.get(
            self.authorization_url("fake", next), allow_redirects=False, timeout=10
        )
        assert response.status_code == 302
        return response.headers["Location"]

    def fake_sign_in(self, next: str | None = None) -> TestResponse:
        return self.come_back(self.fake_callback_url(next))


@pytest.fixture
def sso(client: FlaskClient) -> SsoActions:
    return SsoActions(client)


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
