import hashlib
from datetime import timedelta
from typing import Any

import pytest
from flask import render_template_string
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront import clock
from storefront.accounts import resets, services
from storefront.accounts import sessions as sign_in_sessions
from storefront.accounts.models import PasswordReset, SignInSession
from storefront.messages import FORM, FieldErrors
from tests.conftest import PASSWORD
from tests.outbox_mail import rendered

pytestmark = pytest.mark.usefixtures("request_context")
NEW = "a new long passphrase"


def ask(session: Session, email: str = "anna@example.com", **kw: Any) -> list[str]:
    """Request a reset; returns the tokens that the emailed links carry."""
    tokens: list[str] = []

    def link_for(token: str) -> str:
        tokens.append(token)
        return f"/r/{token}"

    resets.request_password_reset(session, email, link_for=link_for, **kw)
    session.commit()
    return tokens


@pytest.fixture
def anna(session: Session) -> int:
    identity = services.sign_up(session, "anna@example.com", PASSWORD, name="Anna Martin")
    session.commit()
    return identity.account_id


def test_a_reset_emails_a_link_and_stores_only_its_hash(session: Session, anna: int) -> None:
    [token] = ask(session, " ANNA@example.com")
    reset = session.scalars(select(PasswordReset)).one()
    assert reset.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert len(token) >= 43  # 32 random bytes
    [mail] = rendered(session)
    assert mail.recipient == "anna@example.com"
    assert mail.dedupe_key == f"password-reset-{reset.id}"
    assert f"/r/{token}" in mail.text_body and f"/r/{token}" in (mail.html_body or "")
    assert "Hello Anna," in mail.text_body and "60 minutes" in mail.text_body


def test_an_unknown_email_gets_no_link_and_no_error(session: Session, anna: int) -> None:
    assert ask(session, "nobody@example.com") == []
    assert rendered(session) == []


def test_a_malformed_email_is_refused(session: Session) -> None:
    with pytest.raises(FieldErrors) as refused:
        ask(session, "not an email")
    assert set(refused.value.errors) == {"email"}


def test_the_email_is_in_the_account_language_whatever_the_page_is_in(
    session: Session, anna: int
) -> None:
    services.update_profile(session, anna, "Anna", "fr", offered=("en", "fr"))
    assert render_template_string("{{ _('Home') }}") == "Home"  # the page is in English
    ask(session)
    [mail] = rendered(session)
    assert "Cairn — sport et plein air" in mail.text_body
    assert 'lang="fr"' in (mail.html_body or "")
    assert render_template_string("{{ _('Home') }}") == "Home"  # and stays in English


def test_a_link_works_once_and_signs_out_everywhere(session: Session, anna: int) -> None:
    identity = services.authenticate(session, "anna@example.com", PASSWORD)
    signed_in = sign_in_sessions.start(session, identity.account, identity_id=identity.id)
    [token] = ask(session)
    assert resets.reset_is_usable(session, token)
    resets.reset_password(session, token, NEW, reset_link="/reset")
    session.commit()
    services.authenticate(session, "anna@example.com", NEW)
    assert session.get_one(SignInSession, signed_in.get_id()).revoked_at is not None
    assert not resets.reset_is_usable(session, token)
    with pytest.raises(FieldErrors) as again:
        resets.reset_password(session, token, "yet another passphrase", reset_link="/reset")
    assert again.value.errors == {FORM: resets.LINK_UNUSABLE}


def test_using_one_link_spends_the_others(session: Session, anna: int) -> None:
    [first] = ask(session)
    [second] = ask(session)
    resets.reset_password(session, second, NEW, reset_link="/reset")
    session.commit()
    assert not resets.reset_is_usable(session, first)


def test_an_expired_link_is_refused(session: Session, anna: int) -> None:
    [token] = ask(session, now=clock.now() - timedelta(minutes=61))
    assert not resets.reset_is_usable(session, token)
    with pytest.raises(FieldErrors):
        resets.reset_password(session, token, NEW, reset_link="/reset")
    services.authenticate(session, "anna@example.com", PASSWORD)


def test_a_weak_new_password_does_not_spend_the_link(session: Session, anna: int) -> None:
    [token] = ask(session)
    with pytest.raises(FieldErrors) as refused:
        resets.reset_password(session, token, "anna@example.com", reset_link="/reset")
    assert set(refused.value.errors) == {"password"}
    assert resets.reset_is_usable(session, token)


def test_an_unknown_token_is_refused(session: Session, anna: int) -> None:
    assert not resets.reset_is_usable(session, "made-up")
    with pytest.raises(FieldErrors):
        resets.reset_password(session, "made-up", NEW, reset_link="/reset")
