import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from argon2 import PasswordHasher
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.accounts import passwords, services
from storefront.accounts import sessions as sign_in_sessions
from storefront.accounts.models import Account, Identity, SignInSession
from storefront.db import session_factory
from storefront.messages import FORM, FieldErrors
from storefront.outbox.models import OutboxMessage
from tests.conftest import PASSWORD
from tests.outbox_mail import rendered


def sign_up(session: Session, email: str = "anna@example.com", **kw: str) -> Identity:
    identity = services.sign_up(session, email, PASSWORD, **kw)
    session.commit()
    return identity


def test_sign_up_creates_an_account_and_a_local_identity(session: Session) -> None:
    identity = sign_up(session, " Anna@Example.com ", name=" Anna  Martin ")
    account = identity.account
    assert (account.email, account.name) == ("anna@example.com", "Anna Martin")
    assert (identity.issuer, identity.subject) == ("local", "anna@example.com")
    assert identity.password_hash and PASSWORD not in identity.password_hash


def test_sign_up_reports_every_refused_field_at_once(session: Session) -> None:
    with pytest.raises(FieldErrors) as refused:
        services.sign_up(session, "anna@", "short", name="x" * 200)
    assert set(refused.value.errors) == {"email", "password", "name"}
    assert session.scalar(select(func.count()).select_from(Account)) == 0


def test_one_email_one_account(session: Session) -> None:
    sign_up(session)
    with pytest.raises(FieldErrors) as refused:
        services.sign_up(session, "ANNA@example.com", PASSWORD)
    assert "already exists" in str(refused.value.errors["email"])


def test_two_sign_ups_racing_for_one_email_make_one_account(app: Flask) -> None:
    factory = session_factory(app.extensions["db_engine"], write=True)
    start = threading.Barrier(2)

    def attempt(_: int) -> str:
        with factory() as session:
            start.wait()
            try:
                services.sign_up(session, "race@example.com", PASSWORD)
                session.commit()
                return "created"
            except FieldErrors:
                return "refused"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(attempt, range(2)))
    assert outcomes == ["created", "refused"]


def test_authenticate_opens_with_the_right_password_only(session: Session) -> None:
    identity = sign_up(session)
    assert services.authenticate(session, "ANNA@example.com", PASSWORD).id == identity.id
    with pytest.raises(FieldErrors) as wrong:
        services.authenticate(session, "anna@example.com", PASSWORD + "!")
    with pytest.raises(FieldErrors) as unknown:
        services.authenticate(session, "nobody@example.com", PASSWORD)
    assert wrong.value.errors == unknown.value.errors == {FORM: services.INVALID_CREDENTIALS}


def test_an_unknown_email_costs_a_verification_too(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    spent: list[str] = []
    monkeypatch.setattr(passwords, "verify_nothing", spent.append)
    with pytest.raises(FieldErrors):
        services.authenticate(session, "nobody@example.com", "guess guess")
    assert spent == ["guess guess"]


def test_an_old_hash_is_upgraded_at_sign_in(session: Session) -> None:
    identity = sign_up(session)
    identity.password_hash = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1).hash(
        PASSWORD
    )
    session.commit()
    services.authenticate(session, "anna@example.com", PASSWORD)
    assert identity.password_hash and not passwords.needs_rehash(identity.password_hash)


def test_an_account_without_password_cannot_sign_in_with_one(session: Session) -> None:
    account = Account(email="sso@example.com")
    session.add(Identity(account=account, issuer="https://id.example", subject="42"))
    session.commit()
    with pytest.raises(FieldErrors):
        services.authenticate(session, "sso@example.com", PASSWORD)


@pytest.mark.usefixtures("request_context")
def test_changing_the_password_needs_the_current_one(session: Session) -> None:
    account = sign_up(session).account
    with pytest.raises(FieldErrors) as refused:
        services.change_password(
            session,
            account.id,
            "not it at all",
            "a new long passphrase",
            keep_session="",
            reset_link="x",
        )
    assert set(refused.value.errors) == {"current_password"}
    with pytest.raises(FieldErrors) as weak:
        services.change_password(
            session, account.id, PASSWORD, "motdepasse", keep_session="", reset_link="x"
        )
    assert set(weak.value.errors) == {"new_password"}


@pytest.mark.usefixtures("request_context")
def test_a_new_password_signs_out_every_other_device_and_tells_the_owner(
    session: Session,
) -> None:
    identity = sign_up(session)
    here = sign_in_sessions.start(session, identity.account, identity_id=identity.id)
    elsewhere = sign_in_sessions.start(session, identity.account, identity_id=identity.id)
    services.change_password(
        session,
        identity.account_id,
        PASSWORD,
        "a new long passphrase",
        keep_session=here.get_id(),
        reset_link="https://shop.example/account/password-reset",
    )
    session.commit()
    assert session.get_one(SignInSession, here.get_id()).revoked_at is None
    assert session.get_one(SignInSession, elsewhere.get_id()).revoked_at is not None
    services.authenticate(session, "anna@example.com", "a new long passphrase")
    [mail] = rendered(session)
    assert mail.recipient == "anna@example.com" and "changed" in mail.subject
    assert "https://shop.example/account/password-reset" in mail.text_body


def test_the_profile_keeps_a_tidy_name_and_an_offered_locale(session: Session) -> None:
    account = sign_up(session).account
    services.update_profile(session, account.id, "  Anna  M. ", "fr", offered=("en", "fr"))
    assert (account.name, account.locale) == ("Anna M.", "fr")
    services.update_profile(session, account.id, "Anna", "", offered=("en", "fr"))
    assert account.locale is None
    with pytest.raises(FieldErrors) as refused:
        services.update_profile(session, account.id, "Anna", "de", offered=("en", "fr"))
    assert set(refused.value.errors) == {"locale"}


def test_deleting_needs_the_email_then_removes_everything(session: Session) -> None:
    identity = sign_up(session)
    account_id = identity.account_id
    sign_in_sessions.start(session, identity.account, identity_id=identity.id)
    session.add(OutboxMessage(recipient="anna@example.com", subject="Hi", text_body="Hi"))
    session.commit()
    with pytest.raises(FieldErrors):
        services.delete_account(session, account_id, "someone@example.com")
    services.delete_account(session, account_id, "Anna@Example.com")
    session.commit()
    for model in (Account, Identity, SignInSession, OutboxMessage):
        assert session.scalar(select(func.count()).select_from(model)) == 0, model
