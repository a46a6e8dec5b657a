import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account, SignInSession
from tests.conftest import PASSWORD, AuthActions
from tests.forms import csrf


def signed_in_as(client: FlaskClient) -> str | None:
    """The email shown on the account page, or None when it sends us to sign in."""
    response = client.get("/account")
    if response.status_code != 200:
        return None
    found = re.search(r'class="account-page__email">([^<]+)<', response.text)
    return found[1] if found else None


def server_session_id(client: FlaskClient) -> str | None:
    with client.session_transaction() as cookie_session:
        return cookie_session.get("_user_id")


@pytest.mark.parametrize(
    "path", ["/account/sign-in", "/account/sign-up", "/account/password-reset"]
)
def test_each_form_is_a_page_or_its_partial(client: FlaskClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200 and "<html" in page.text
    assert page.headers["Cache-Control"] == "private, no-store"
    fragment = client.get(path, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert fragment.text.lstrip().startswith("<form") and "HX-Request" in fragment.headers["Vary"]


def test_the_forms_declare_what_password_managers_need(client: FlaskClient) -> None:
    sign_in = client.get("/account/sign-in").text
    assert 'autocomplete="current-password"' in sign_in and 'type="email"' in sign_in
    sign_up = client.get("/account/sign-up").text
    assert 'autocomplete="new-password"' in sign_up and 'autocomplete="email"' in sign_up


def test_sign_up_signs_in_and_goes_where_it_was_asked(client: FlaskClient) -> None:
    token = csrf(client, "/account/sign-up")
    response = client.post(
        "/account/sign-up",
        data={
            "email": "Anna@Example.com",
            "password": PASSWORD,
            "next": "/cart",
            "csrf_token": token,
        },
    )
    assert response.status_code == 303 and response.headers["Location"] == "/cart"
    assert signed_in_as(client) == "anna@example.com"


def test_a_refused_sign_up_shows_each_error_beside_its_field(client: FlaskClient) -> None:
    token = csrf(client, "/account/sign-up")
    response = client.post(
        "/account/sign-up",
        data={"email": "anna@", "password": "anna", "name": "Anna", "csrf_token": token},
    )
    assert response.status_code == 422 and "<html" in response.text
    html = response.text
    assert 'id="sign-up-email-error"' in html and 'id="sign-up-password-error"' in html
    assert re.search(r'id="sign-up-email"[^>]*aria-describedby="sign-up-email-error"', html)
    assert re.search(r'id="sign-up-email"[^>]*aria-invalid="true"', html)
    assert 'value="Anna"' in html and 'value="anna@"' in html  # typed values kept...
    assert 'value="anna"' not in html  # ...but never the password
    assert 'href="#sign-up-email"' in html  # the summary links to the field


def test_a_refused_htmx_sign_up_is_the_partial_with_422(client: FlaskClient) -> None:
    token = csrf(client, "/account/sign-up")
    response = client.post(
        "/account/sign-up",
        data={"email": "", "password": "", "csrf_token": token},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422 and "<html" not in response.text
    assert 'id="sign-up"' in response.text and "autofocus" in response.text


def test_sign_in_and_out(client: FlaskClient, auth: AuthActions) -> None:
    auth.sign_up()
    auth.sign_out()
    assert signed_in_as(client) is None
    response = auth.sign_in(next="/c/running")
    assert response.status_code == 303 and response.headers["Location"] == "/c/running"
    assert signed_in_as(client) == "shopper@example.com"
    response = auth.sign_out()
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert signed_in_as(client) is None


def test_unknown_email_and_wrong_password_get_the_same_answer(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.sign_up()
    auth.sign_out()
    wrong = auth.sign_in(password="not the password")
    unknown = auth.sign_in(email="nobody@example.com")

    def error(html: str) -> str:
        return re.search(r'class="error-summary".*?</ul>', html, re.S)[0]  # type: ignore[index]

    assert wrong.status_code == unknown.status_code == 422
    assert error(wrong.text) == error(unknown.text)
    assert "do not match" in error(wrong.text)


def test_htmx_sign_in_reloads_the_whole_page(client: FlaskClient, auth: AuthActions) -> None:
    auth.sign_up()
    auth.sign_out()
    response = auth.sign_in(next="/cart", headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.headers["HX-Redirect"] == "/cart"


@pytest.mark.parametrize(
    "target", ["//evil.example", "https://evil.example/", "/\\evil.example", "/\t/evil.example"]
)
def test_next_never_leaves_the_site(client: FlaskClient, auth: AuthActions, target: str) -> None:
    auth.sign_up()
    auth.sign_out()
    assert auth.sign_in(next=target).headers["Location"] == "/"
    form = client.get(
        "/account/sign-in", query_string={"next": target}, headers={"HX-Request": "true"}
    ).text
    assert 'name="next" value="/"' in form and "evil" not in form


def test_signing_in_starts_a_new_session_and_keeps_nothing_from_before(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.sign_up()
    first = server_session_id(client)
    auth.sign_out()
    with client.session_transaction() as cookie_session:
        cookie_session["planted"] = "by someone else"
    auth.sign_in()
    second = server_session_id(client)
    assert first and second and first != second
    with client.session_transaction() as cookie_session:
        assert "planted" not in cookie_session


def test_a_copied_cookie_stops_working_at_sign_out(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up()
    stolen = client.get_cookie("session")
    assert stolen
    thief = app.test_client()
    thief.set_cookie("session", stolen.value)
    assert signed_in_as(thief) == "shopper@example.com"
    auth.sign_out()
    assert signed_in_as(thief) is None
    record = session.scalars(select(SignInSession)).one()
    assert record.revoked_at is not None


def test_remember_me_keeps_the_session_for_30_days(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    auth.sign_up()
    auth.sign_out()
    response = auth.sign_in(remember=True)
    cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")
    )
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie)[1])  # type: ignore[index]
    assert abs(expires - datetime.now(UTC) - timedelta(days=30)) < timedelta(minutes=5)
    remembered = client.get_cookie("remember_token")
    assert remembered

    browser_restarted = app.test_client()  # the session cookie is gone, the remembered one not
    browser_restarted.set_cookie("remember_token", remembered.value)
    assert signed_in_as(browser_restarted) == "shopper@example.com"

    auth.sign_out()
    assert client.get_cookie("remember_token") is None
    replayed = app.test_client()
    replayed.set_cookie("remember_token", remembered.value)
    assert signed_in_as(replayed) is None


def test_without_remember_me_there_is_no_lasting_cookie(auth: AuthActions) -> None:
    response = auth.sign_up()
    cookies = response.headers.getlist("Set-Cookie")
    assert not any(c.startswith("remember_token=") for c in cookies)
    session_cookie = next(c for c in cookies if c.startswith("session="))
    assert "Expires" not in session_cookie and "HttpOnly" in session_cookie


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(
    client: FlaskClient, session: Session
) -> None:
    response = client.post(
        "/account/sign-up", data={"email": "a@example.com", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert session.scalar(select(func.count()).select_from(Account)) == 0


def test_sign_out_without_csrf_token_keeps_the_shopper_signed_in(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.sign_up()
    assert client.post("/account/sign-out").status_code == 400
    assert signed_in_as(client) == "shopper@example.com"


def test_sign_out_forgets_the_guest(client: FlaskClient, auth: AuthActions) -> None:
    auth.sign_up()
    client.set_cookie("guest", "anything")
    response = auth.sign_out()
    assert any(c.startswith("guest=;") for c in response.headers.getlist("Set-Cookie")), (
        response.headers.getlist("Set-Cookie")
    )


def test_a_session_ends_30_days_after_signing_in(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up()
    record = session.scalars(select(SignInSession)).one()
    record.created_at = datetime.now(UTC) - timedelta(days=30, minutes=1)
    session.commit()
    assert signed_in_as(client) is None
