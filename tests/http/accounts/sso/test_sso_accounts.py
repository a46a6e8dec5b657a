"""One person, one account: the guest's cart joins it, a local account with the same verified
email is linked only with its password, sign-in methods come and go, and signing out here
signs out at the provider."""

from __future__ import annotations

from dataclasses import replace

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account, Identity, SignInSession
from storefront.config import Config
from tests.conftest import PASSWORD, AuthActions, make_app
from tests.forms import csrf
from tests.http.accounts.sso.conftest import HOME, SsoActions, query
from tests.http.conftest import Catalog
from tests.oidc import real
from tests.oidc.real import RunningProvider


def test_the_guest_cart_and_wishlist_join_the_account_at_sso_sign_in(
    sso: SsoActions, client: FlaskClient, catalog: Catalog
) -> None:
    token = csrf(client)
    variant = catalog.shoe.variants[0].id
    added = client.post("/cart/lines", data={"variant_id": variant, "csrf_token": token})
    assert added.status_code == 303
    saved = client.post(
        f"/wishlist/heart/{catalog.jacket.id}", data={"csrf_token": token, "on": "1"}
    )
    assert saved.status_code in (200, 303)
    assert "Trail runner" in client.get("/cart").text

    assert sso.sign_in(real.ANNA).status_code == 303
    home = client.get("/")
    assert "1 item you picked before signing in is now in your cart." in home.text
    assert "Trail runner" in client.get("/cart").text
    assert catalog.jacket.name in client.get("/wishlist").text


def test_a_local_account_with_the_same_verified_email_is_linked_after_its_password(
    sso: SsoActions, client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up("anna@example.com", name="Anna")
    auth.sign_out()
    back = sso.sign_in(real.ANNA, next="/cart")
    assert back.status_code == 303 and back.headers["Location"] == "/account/sso/link"
    page = client.get("/account/sso/link")
    assert "You already have a Cairn account with anna@example.com" in page.text
    assert client.get("/account").status_code == 302  # not signed in yet

    wrong = client.post(
        "/account/sso/link", data={"password": "not the password", "csrf_token": csrf(client)}
    )
    assert wrong.status_code == 422 and "This is not the password of this account." in wrong.text
    assert len(session.scalars(select(Identity)).all()) == 1
    session.rollback()  # the app writes next; the test's session holds no transaction

    right = client.post(
        "/account/sso/link", data={"password": PASSWORD, "csrf_token": csrf(client)}
    )
    assert right.status_code == 303 and right.headers["Location"] == "/cart"
    account = session.scalars(select(Account)).one()
    assert account.email_verified
    assert sorted(i.issuer.split(":")[0] for i in account.identities) == ["http", "local"]
    session.rollback()
    # From now on the provider alone signs in to that account.
    client.post("/account/sign-out", data={"csrf_token": csrf(client, "/account")})
    assert sso.sign_in(real.ANNA).headers["Location"] == "/"
    assert len(session.scalars(select(Account)).all()) == 1


def test_the_link_request_is_void_after_five_wrong_passwords(
    sso: SsoActions, client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up("anna@example.com")
    auth.sign_out()
    sso.sign_in(real.ANNA)
    for _ in range(4):
        client.post("/account/sso/link", data={"password": "nope", "csrf_token": csrf(client)})
    last = client.post("/account/sso/link", data={"password": "nope", "csrf_token": csrf(client)})
    assert last.status_code == 400 and "has expired. Continue with Cairn ID again." in last.text
    again = client.post(
        "/account/sso/link", data={"password": PASSWORD, "csrf_token": csrf(client)}
    )
    assert again.status_code == 303 and again.headers["Location"] == "/account/sign-in"
    assert len(session.scalars(select(Identity)).all()) == 1
    assert client.get("/account").status_code == 302


def test_an_unverified_email_never_links_to_an_existing_account(
    sso: SsoActions, client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up("ben@example.com")
    auth.sign_out()
    refused = sso.sign_in(real.BEN)
    assert refused.status_code == 409
    assert "has not confirmed that the address is yours" in refused.text
    assert len(session.scalars(select(Identity)).all()) == 1
    assert client.get("/account").status_code == 302


def test_an_unverified_email_with_no_account_gets_a_new_unverified_one(
    sso: SsoActions, session: Session
) -> None:
    assert sso.sign_in(real.BEN).status_code == 303
    account = session.scalars(select(Account)).one()
    assert account.email == "ben@example.com" and not account.email_verified


def test_the_account_page_lists_sign_in_methods_and_unlinks_while_one_remains(
    sso: SsoActions, client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up("anna@example.com")
    auth.sign_out()
    sso.sign_in(real.ANNA)
    client.post("/account/sso/link", data={"password": PASSWORD, "csrf_token": csrf(client)})
    page = client.get("/account").text
    assert "Email and password" in page and "Unlink Cairn ID" in page and "Remove password" in page
    provider_id = session.scalars(select(Identity.id).where(Identity.issuer != "local")).one()
    local_id = session.scalars(select(Identity.id).where(Identity.issuer == "local")).one()
    session.rollback()

    unlinked = client.post(
        f"/account/sign-in-methods/{provider_id}/remove",
        data={"csrf_token": csrf(client, "/account")},
        headers={"HX-Request": "true"},
    )
    assert unlinked.status_code == 200 and "That sign-in method is removed." in unlinked.text
    assert unlinked.text.lstrip().startswith('<section id="sign-in-methods"')
    assert "Add Cairn ID" in unlinked.text and "Remove password" not in unlinked.text

    last = client.post(
        f"/account/sign-in-methods/{local_id}/remove",
        data={"csrf_token": csrf(client, "/account")},
    )
    assert last.status_code == 303
    assert "This is your only way to sign in." in client.get("/account").text
    session.expire_all()
    assert session.get(Identity, local_id) is not None


def test_removing_a_method_needs_the_csrf_token_and_ones_own_method(
    sso: SsoActions, client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up("someone@example.com")
    theirs = session.scalars(select(Identity.id)).one()
    session.rollback()
    auth.sign_out()
    sso.sign_in(real.ANNA)
    assert client.post(f"/account/sign-in-methods/{theirs}/remove").status_code == 400
    other = client.post(
        f"/account/sign-in-methods/{theirs}/remove",
        data={"csrf_token": csrf(client, "/account")},
    )
    assert other.status_code == 303
    assert "This sign-in method is not on your account any more." in client.get("/account").text
    session.expire_all()
    assert session.get(Identity, theirs) is not None


def test_signing_out_ends_our_session_then_signs_out_at_the_provider(
    sso: SsoActions, client: FlaskClient, session: Session, real_provider: RunningProvider
) -> None:
    sso.sign_in(real.ANNA)
    out = client.post("/account/sign-out", data={"csrf_token": csrf(client, "/account")})
    assert out.status_code == 303
    location = out.headers["Location"]
    assert location.startswith(f"{real_provider.issuer}/session/end?")
    assert query(location) == {"client_id": "shop-http", "post_logout_redirect_uri": HOME}
    assert session.scalars(select(SignInSession)).one().revoked_at is not None
    assert client.get("/account").status_code == 302


def test_a_local_sign_out_stays_here(client: FlaskClient, auth: AuthActions) -> None:
    auth.sign_up("camille@example.com")
    assert auth.sign_out().headers["Location"] == "/"


def test_with_local_accounts_off_only_the_providers_remain(config: Config) -> None:
    app: Flask = make_app(replace(config, local_accounts=False))
    client = app.test_client()
    html = client.get("/account/sign-in").text
    assert "Continue with Cairn ID" in html and 'name="password"' not in html
    assert client.get("/account/sign-up").status_code == 404
    assert client.get("/account/password-reset").status_code == 404
    posted = client.post(
        "/account/sign-in",
        data={"email": "a@example.com", "password": PASSWORD, "csrf_token": csrf(client)},
    )
    assert posted.status_code == 404
    app.extensions["db_engine"].dispose()


def test_the_content_security_policy_lets_forms_go_to_the_providers(
    client: FlaskClient, real_provider: RunningProvider
) -> None:
    policy = client.get("/account/sign-in").headers["Content-Security-Policy"]
    form_action = next(d for d in policy.split("; ") if d.startswith("form-action"))
    assert form_action.split()[:2] == ["form-action", "'self'"]
    assert real_provider.issuer in form_action.split()
