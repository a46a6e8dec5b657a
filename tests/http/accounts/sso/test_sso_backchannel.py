"""Back-channel logout: the provider posts a signed logout token, and every session of that
person here ends, on every device. Anything else is answered 400 and ends nothing."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.http.accounts.sso.conftest import SsoActions
from tests.oidc import fake
from tests.oidc.fake import FakeProvider

URL = "/account/sso/fake/backchannel-logout"


@pytest.fixture
def two_devices(app: Flask, sso: SsoActions) -> tuple[FlaskClient, FlaskClient]:
    """The same person signed in through the fake provider on two devices."""
    phone = SsoActions(app.test_client())
    for device in (sso, phone):
        assert device.fake_sign_in().status_code == 303
        assert device.client.get("/account").status_code == 200
    return sso.client, phone.client


def post_logout(app: Flask, token: str) -> Any:
    """Posted by the provider: no cookie, no CSRF token."""
    return app.test_client().post(URL, data={"logout_token": token})


def signed_in(*devices: FlaskClient) -> list[bool]:
    return [device.get("/account").status_code == 200 for device in devices]


def test_a_logout_token_ends_every_session_of_that_person(
    app: Flask, two_devices: tuple[FlaskClient, FlaskClient], fake_provider: FakeProvider
) -> None:
    response = post_logout(app, fake_provider.sign(fake_provider.logout_token()))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert signed_in(*two_devices) == [False, False]


def test_a_logout_token_with_only_the_provider_session_ends_that_persons_sessions(
    app: Flask, two_devices: tuple[FlaskClient, FlaskClient], fake_provider: FakeProvider
) -> None:
    claims = fake_provider.logout_token(sub=None, sid="fake-sid-1")
    assert post_logout(app, fake_provider.sign(claims)).status_code == 200
    assert signed_in(*two_devices) == [False, False]


def test_a_logout_token_for_someone_else_ends_nothing(
    app: Flask, two_devices: tuple[FlaskClient, FlaskClient], fake_provider: FakeProvider
) -> None:
    claims = fake_provider.logout_token(sub="another-person")
    assert post_logout(app, fake_provider.sign(claims)).status_code == 200
    assert signed_in(*two_devices) == [True, True]


BAD_LOGOUT_TOKENS = {
    "with a nonce": {"nonce": "abc"},
    "without the logout event": {"events": {"http://example.com/other": {}}},
    "without sub or sid": {"sub": None},
    "for another client": {"aud": "someone-else"},
    "from another issuer": {"iss": "http://127.0.0.1:1"},
    "without iat": {"iat": None},
    "without jti": {"jti": None},
}


@pytest.mark.parametrize("changes", BAD_LOGOUT_TOKENS.values(), ids=BAD_LOGOUT_TOKENS.keys())
def test_a_bad_logout_token_is_refused(
    changes: dict[str, Any],
    app: Flask,
    two_devices: tuple[FlaskClient, FlaskClient],
    fake_provider: FakeProvider,
) -> None:
    response = post_logout(app, fake_provider.sign(fake_provider.logout_token(**changes)))
    assert response.status_code == 400 and response.json == {
        "error": "invalid_request",
        "error_description": "bad logout token",
    }
    assert signed_in(*two_devices) == [True, True]


def test_a_logout_token_with_a_bad_signature_is_refused(
    app: Flask, two_devices: tuple[FlaskClient, FlaskClient], fake_provider: FakeProvider
) -> None:
    claims = fake_provider.logout_token()
    forged = fake_provider.sign(claims, key=fake.new_key(fake_provider.keys[0].kid))
    assert post_logout(app, forged).status_code == 400
    assert post_logout(app, fake.unsigned(claims)).status_code == 400
    assert post_logout(app, "not a token").status_code == 400
    assert signed_in(*two_devices) == [True, True]


def test_a_replayed_logout_token_is_refused(
    app: Flask, sso: SsoActions, fake_provider: FakeProvider
) -> None:
    token = fake_provider.sign(fake_provider.logout_token())
    assert post_logout(app, token).status_code == 200
    assert sso.fake_sign_in().status_code == 303
    replay = post_logout(app, token)
    assert replay.status_code == 400 and replay.json["error_description"] == "replayed token"
    assert signed_in(sso.client) == [True]


def test_the_endpoint_takes_only_posts(client: FlaskClient) -> None:
    assert client.get(URL).status_code == 405
