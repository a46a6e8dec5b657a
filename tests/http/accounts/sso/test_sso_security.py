"""The relying party's refusals, after the OpenID relying-party conformance tests: each bad
answer from a provider gets a clear message, and nobody is signed in."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from flask.testing import FlaskClient
from joserfc import jwt
from joserfc.jwk import OctKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from storefront.accounts import sso as sso_module
from storefront.accounts.models import Account, SignInSession
from tests.forms import csrf
from tests.http.accounts.sso.conftest import SsoActions, query
from tests.oidc import fake
from tests.oidc.fake import FakeProvider

NOT_CONFIRMED = "We could not confirm your sign-in with Fake ID, so you are not signed in."
TRIP_UNUSABLE = "This sign-in has expired or was already used. Start again."


def nobody_signed_in(client: FlaskClient, session: Session) -> None:
    assert client.get("/account").status_code == 302
    assert session.scalar(select(func.count()).select_from(SignInSession)) == 0
    assert session.scalar(select(func.count()).select_from(Account)) == 0
    session.rollback()


def refused(response: TestResponse, message: str = NOT_CONFIRMED) -> None:
    assert response.status_code == 400, response.text
    assert message in response.text
    assert "Continue with Fake ID" in response.text  # the sign-in page again, to try again


def test_the_fake_provider_signs_in_when_nothing_is_wrong(
    sso: SsoActions, client: FlaskClient, session: Session
) -> None:
    assert sso.fake_sign_in().status_code == 303
    assert client.get("/account").status_code == 200


def claims_change(**changes: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def change(claims: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in {**claims, **changes}.items() if v is not None}

    return change


BAD_ID_TOKENS = {
    "wrong nonce": claims_change(nonce="not-the-nonce-we-sent"),
    "no nonce": claims_change(nonce=None),
    "wrong iss": claims_change(iss="http://127.0.0.1:1/other-issuer"),
    "aud without our client id": claims_change(aud=["someone-else"]),
    "our client among several aud but azp another": claims_change(
        aud=["someone-else", fake.CLIENT_ID], azp="someone-else"
    ),
    "expired": claims_change(exp=int(time.time()) - 3600, iat=int(time.time()) - 4000),
    "missing iat": claims_change(iat=None),
    "issued long ago": claims_change(iat=int(time.time()) - 3600),
    "no sub": claims_change(sub=None),
}


@pytest.mark.parametrize("change", BAD_ID_TOKENS.values(), ids=BAD_ID_TOKENS.keys())
def test_a_bad_id_token_is_refused(
    change: Callable[[dict[str, Any]], dict[str, Any]],
    sso: SsoActions,
    client: FlaskClient,
    session: Session,
    fake_provider: FakeProvider,
) -> None:
    fake_provider.id_token_claims = change
    refused(sso.fake_sign_in())
    nobody_signed_in(client, session)


def test_an_id_token_signed_with_an_unknown_key_is_refused(
    sso: SsoActions, client: FlaskClient, session: Session, fake_provider: FakeProvider
) -> None:
    fake_provider.signing_key = fake.new_key("not-published")
    refused(sso.fake_sign_in())
    nobody_signed_in(client, session)


def test_an_id_token_with_alg_none_is_refused(
    sso: SsoActions, client: FlaskClient, session: Session, fake_provider: FakeProvider
) -> None:
    fake_provider.id_token_override = fake.unsigned
    refused(sso.fake_sign_in())
    nobody_signed_in(client, session)


def test_an_id_token_signed_with_the_client_secret_is_refused(
    sso: SsoActions, client: FlaskClient, session: Session, fake_provider: FakeProvider
) -> None:
    """HS256 with a key everyone holding the secret knows: not the provider's signature."""
    secret = OctKey.import_key(fake.CLIENT_SECRET.encode().ljust(32, b"x"))
    fake_provider.id_token_override = lambda claims: jwt.encode({"alg": "HS256"}, claims, secret)
    refused(sso.fake_sign_in())
    nobody_signed_in(client, session)


def test_a_userinfo_sub_other_than_the_id_tokens_is_refused(
    sso: SsoActions, client: FlaskClient, session: Session, fake_provider: FakeProvider
) -> None:
    fake_provider.userinfo = claims_change(sub="someone-else", email="victim@example.com")
    refused(sso.fake_sign_in())
    nobody_signed_in(client, session)


def test_rotated_keys_are_fetched_again_once(
    sso: SsoActions,
    client: FlaskClient,
    fake_provider: FakeProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert sso.fake_sign_in().status_code == 303
    client.post("/account/sign-out", data={"csrf_token": csrf(client)})
    fetches = fake_provider.jwks_fetches
    rotated = fake.new_key("k2")
    fake_provider.keys = [rotated]
    fake_provider.signing_key = rotated
    monkeypatch.setattr(sso_module, "KEYS_REFETCH_AFTER", 0.0)  # the keys were fetched just now
    assert sso.fake_sign_in().status_code == 303
    assert fake_provider.jwks_fetches == fetches + 1
    assert client.get("/account").status_code == 200


def test_a_wrong_state_is_refused(sso: SsoActions, client: FlaskClient, session: Session) -> None:
    back = sso.fake_callback_url()
    forged = back.replace(f"state={query(back)['state']}", "state=forged-state")
    refused(sso.come_back(forged), TRIP_UNUSABLE)
    nobody_signed_in(client, session)


def test_a_missing_state_is_refused(sso: SsoActions, client: FlaskClient, session: Session) -> None:
    refused(client.get("/account/sso/fake/callback?code=abc"), TRIP_UNUSABLE)
    nobody_signed_in(client, session)


def test_a_replayed_state_is_refused_even_with_the_old_cookie(
    sso: SsoActions, client: FlaskClient, session: Session, fake_provider: FakeProvider
) -> None:
    back = sso.fake_callback_url()
    cookie = client.get_cookie("session")
    assert cookie is not None
    old_cookie = cookie.value
    assert sso.come_back(back).status_code == 303
    client.post("/account/sign-out", data={"csrf_token": csrf(client)})
    client.set_cookie("session", old_cookie)  # the cookie as it was before the callback
    code = query(back)["code"]
    fake_provider.codes[code] = {"nonce": "whatever"}  # even if the provider took the code again
    refused(sso.come_back(back), TRIP_UNUSABLE)
    assert client.get("/account").status_code == 302


def test_a_state_from_another_browser_is_refused(
    sso: SsoActions, client: FlaskClient, session: Session, app: Any
) -> None:
    back = sso.fake_callback_url()
    other = SsoActions(app.test_client())
    other.client.get("/account/sign-in")
    refused(other.come_back(back), TRIP_UNUSABLE)
    assert other.client.get("/account").status_code == 302
    nobody_signed_in(client, session)


def test_a_provider_error_says_the_sign_in_was_cancelled(
    sso: SsoActions, client: FlaskClient, session: Session
) -> None:
    back = sso.fake_callback_url()
    state = query(back)["state"]
    cancelled = client.get(f"/account/sso/fake/callback?error=access_denied&state={state}")
    refused(cancelled, "Signing in with Fake ID was cancelled. You are not signed in.")
    nobody_signed_in(client, session)


def test_a_callback_iss_of_another_provider_is_refused(
    sso: SsoActions, client: FlaskClient, session: Session
) -> None:
    back = sso.fake_callback_url() + "&iss=http%3A%2F%2Flocalhost%3A1"
    refused(sso.come_back(back))
    nobody_signed_in(client, session)


def test_an_unreachable_provider_gets_a_clear_message(
    sso: SsoActions, client: FlaskClient, session: Session
) -> None:
    clients = client.application.extensions["sso_clients"]
    down = replace(clients["fake"].provider, issuer="http://127.0.0.1:9")  # nothing listens
    clients["fake"] = sso_module.Client(down)
    response = sso.start("fake")
    assert response.status_code == 503
    assert "Fake ID cannot be reached right now. Try again in a moment." in response.text
    nobody_signed_in(client, session)


def test_an_unknown_provider_is_not_found(client: FlaskClient) -> None:
    assert client.get("/account/sso/nobody/callback?state=x").status_code == 404
    response = client.post("/account/sso/nobody/start", data={"csrf_token": csrf(client)})
    assert response.status_code == 404


def test_starting_needs_the_csrf_token(client: FlaskClient) -> None:
    assert client.post("/account/sso/fake/start").status_code == 400
