import re
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront import clock
from storefront.accounts import resets
from storefront.config import Config
from storefront.outbox.models import OutboxMessage
from tests.conftest import AuthActions
from tests.forms import csrf
from tests.mailbox import Mailbox

NEW = "a brand new passphrase"
# The loopback server asks for a login without TLS, which aiosmtpd rightly warns about.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def ask_for_reset(client: FlaskClient, email: str = "shopper@example.com") -> str:
    token = csrf(client, "/account/password-reset")
    response = client.post("/account/password-reset", data={"email": email, "csrf_token": token})
    assert response.status_code == 200
    return response.text


def link_in(email: EmailMessage) -> str:
    body = email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    return re.search(r"https?://\S+/account/password-reset/\S+", body)[0]  # type: ignore[index]


def set_password(client: FlaskClient, path: str, password: str = NEW):  # type: ignore[no-untyped-def]
    token = csrf(client, path)
    return client.post(path, data={"password": password, "csrf_token": token})


def test_the_answer_is_the_same_whether_the_account_exists(
    client: FlaskClient, auth: AuthActions, config: Config
) -> None:
    auth.sign_up()
    auth.sign_out()
    known = ask_for_reset(client, "shopper@example.com")
    unknown = ask_for_reset(client, "nobody@example.com")
    sentence = "we have sent it a link to choose a new password"
    assert sentence in known and sentence in unknown
    assert len(list((config.instance_path / "mail").glob("*.eml"))) == 1


def test_without_smtp_the_email_is_written_to_instance_mail(
    client: FlaskClient, auth: AuthActions, config: Config, session: Session
) -> None:
    auth.sign_up()
    auth.sign_out()
    ask_for_reset(client)
    [eml] = list((config.instance_path / "mail").glob("*.eml"))
    email = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert email["To"] == "shopper@example.com"
    assert email["Subject"] == "Reset your Cairn password"
    assert link_in(email).startswith("http://localhost/account/password-reset/")
    assert session.scalars(select(OutboxMessage.sent_at)).one() is not None


def test_the_link_from_a_real_smtp_server_resets_once(
    smtp_app: Flask, smtp_server: Mailbox
) -> None:
    client, other_device = smtp_app.test_client(), smtp_app.test_client()
    AuthActions(other_device).sign_up()  # signed in before the reset
    ask_for_reset(client)
    [email] = smtp_server.messages
    assert email["To"] == "shopper@example.com" and email["From"].addresses[0].domain
    link = link_in(email)
    assert link.startswith("http://localhost/account/password-reset/")
    html = email.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert link in html
    path = link.removeprefix("http://localhost")

    form = client.get(path)
    assert form.status_code == 200 and 'autocomplete="new-password"' in form.text
    assert form.headers["Referrer-Policy"] == "no-referrer"
    done = set_password(client, path)
    assert done.status_code == 303 and done.headers["Location"] == "/account/sign-in?reset=done"
    assert "Your password has been changed" in client.get(done.headers["Location"]).text
    assert other_device.get("/account").status_code == 302  # signed out everywhere

    again = set_password(client, path, "yet another passphrase")
    assert again.status_code == 410 and "already been used" in again.text
    assert AuthActions(client).sign_in(password=NEW).status_code == 303
    assert smtp_server.messages[-1]["Subject"] == "Your Cairn password was changed"


def test_an_expired_link_is_refused(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up()
    tokens: list[str] = []
    with client.application.test_request_context("/"):
        resets.request_password_reset(
            session,
            "shopper@example.com",
            link_for=lambda t: tokens.append(t) or t,  # type: ignore[func-returns-value]
            now=clock.now() - timedelta(hours=2),
        )
    session.commit()
    path = f"/account/password-reset/{tokens[0]}"
    page = client.get(path)
    assert page.status_code == 410 and "has expired" in page.text
    assert 'href="/account/password-reset"' in page.text
    assert set_password(client, path).status_code == 410


def test_a_made_up_token_is_refused(client: FlaskClient) -> None:
    assert client.get("/account/password-reset/made-up").status_code == 410


def test_a_weak_new_password_is_refused_beside_the_field(
    client: FlaskClient, auth: AuthActions, config: Config
) -> None:
    auth.sign_up()
    auth.sign_out()
    ask_for_reset(client)
    [eml] = list((config.instance_path / "mail").glob("*.eml"))
    path = link_in(message_from_bytes(eml.read_bytes(), policy=policy.default))
    path = path.removeprefix("http://localhost")
    refused = set_password(client, path, "short")
    assert refused.status_code == 422 and 'id="new-password-password-error"' in refused.text
    assert set_password(client, path).status_code == 303


def test_a_malformed_email_is_refused_beside_the_field(client: FlaskClient) -> None:
    token = csrf(client, "/account/password-reset")
    response = client.post("/account/password-reset", data={"email": "nope", "csrf_token": token})
    assert response.status_code == 422 and 'aria-invalid="true"' in response.text


def test_the_retry_command_sends_what_is_waiting(app: Flask, session: Session) -> None:
    session.add(OutboxMessage(recipient="a@example.com", subject="Hi", text_body="Hi"))
    session.commit()
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.exit_code == 0 and "Sent 1 message(s), 0 failed." in result.output
