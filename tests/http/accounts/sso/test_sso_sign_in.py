"""Signing in through the real OpenID provider: the account it creates or finds, the cart that
follows, the return path, and what the sign-in page offers."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account, Identity, SignInSession
from tests.forms import csrf
from tests.http.accounts.sso.conftest import SsoActions, query
from tests.oidc import real
from tests.oidc.real import RunningProvider


def test_the_sign_in_page_offers_to_continue_with_each_provider(client: FlaskClient) -> None:
    html = client.get("/account/sign-in").text
    assert "Continue with Cairn ID" in html and "Continue with Fake ID" in html
    assert 'action="/account/sso/retailer/start"' in html
    assert 'name="password"' in html  # the local form stays beside them


def test_continue_goes_to_the_provider_with_pkce_state_and_nonce(
    sso: SsoActions, real_provider: RunningProvider
) -> None:
    url = sso.authorization_url()
    assert url.startswith(f"{real_provider.issuer}/auth?")
    asked = query(url)
    assert asked["client_id"] == "shop-http" and asked["response_type"] == "code"
    assert asked["redirect_uri"] == "http://localhost/account/sso/retailer/callback"
    assert asked["code_challenge_method"] == "S256" and len(asked["code_challenge"]) == 43
    assert len(asked["state"]) >= 40 and len(asked["nonce"]) >= 40
    assert set(asked["scope"].split()) == {"openid", "email", "profile"}


def test_a_first_sign_in_creates_the_account_from_the_claims(
    sso: SsoActions, client: FlaskClient, session: Session, real_provider: RunningProvider
) -> None:
    response = sso.sign_in(real.ANNA)
    assert response.status_code == 303 and response.headers["Location"] == "/"
    account = session.scalars(select(Account)).one()
    assert (account.email, account.email_verified, account.name, account.locale) == (
        "anna@example.com",
        True,
        "Anna Martin",
        "fr",
    )
    identity = session.scalars(select(Identity)).one()
    assert (identity.issuer, identity.subject) == (real_provider.issuer, "anna")
    assert identity.password_hash is None
    signed_in = session.scalars(select(SignInSession)).one()
    assert signed_in.provider_sid and signed_in.identity_id == identity.id
    page = client.get("/account")
    assert page.status_code == 200 and "Hello, Anna" in page.text
    assert "Cairn ID" in page.text  # among the ways in


def test_signing_in_again_finds_the_same_account(
    sso: SsoActions, client: FlaskClient, session: Session
) -> None:
    sso.sign_in(real.ANNA)
    client.post("/account/sign-out", data={"csrf_token": csrf(client, "/account")})
    assert client.get("/account").status_code == 302
    assert sso.sign_in(real.ANNA).status_code == 303
    assert session.scalar(select(Account.id).where(Account.email == "anna@example.com"))
    assert len(session.scalars(select(Account)).all()) == 1
    assert client.get("/account").status_code == 200


def test_the_return_path_survives_the_round_trip_on_our_site_only(sso: SsoActions) -> None:
    assert sso.sign_in(real.ANNA, next="/cart?x=1").headers["Location"] == "/cart?x=1"


def test_a_return_path_to_another_site_leads_home(sso: SsoActions, client: FlaskClient) -> None:
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = sso.sign_in(real.ANNA, next=elsewhere)
        assert response.status_code == 303 and response.headers["Location"] == "/"
