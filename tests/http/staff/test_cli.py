"""`flask staff add EMAIL STORE`: a role at a store, and an account when there is none."""

from dataclasses import replace

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.outbox.models import OutboxMessage
from storefront.staff.models import StaffRole
from tests.conftest import make_app
from tests.factories import make_account, make_store


def _roles(session: Session) -> list[tuple[str, str]]:
    session.rollback()
    rows = session.execute(
        select(Account.email, StaffRole.store_id).join(StaffRole.account).order_by(Account.email)
    )
    return [(email, str(store_id)) for email, store_id in rows]


def test_adding_an_existing_account_twice(app: Flask, session: Session) -> None:
    store = make_store(session, code="LYON1")
    make_account(session, "ana@example.com")
    session.commit()
    runner = app.test_cli_runner()

    first = runner.invoke(args=["staff", "add", "Ana@Example.com", "LYON1"])
    second = runner.invoke(args=["staff", "add", "ana@example.com", "LYON1"])

    assert first.exit_code == 0 and "ana@example.com is now staff at LYON1." in first.output
    assert "set their password" not in first.output
    assert "already staff at LYON1: nothing changed" in second.output
    assert _roles(session) == [("ana@example.com", str(store.id))]


def test_a_new_account_gets_a_one_time_password_link(app: Flask, session: Session) -> None:
    make_store(session, code="LYON1")
    session.commit()

    result = app.test_cli_runner().invoke(args=["staff", "add", "new@example.com", "LYON1"])

    assert result.exit_code == 0, result.output
    assert "New account" in result.output
    assert "http://localhost/account/password-reset/" in result.output
    assert [email for email, _ in _roles(session)] == ["new@example.com"]
    assert session.scalar(select(OutboxMessage.recipient)) == "new@example.com"


def test_bad_store_or_email_changes_nothing(app: Flask, session: Session) -> None:
    make_store(session, code="LYON1")
    session.commit()
    runner = app.test_cli_runner()

    no_store = runner.invoke(args=["staff", "add", "ana@example.com", "NOPE"])
    bad_email = runner.invoke(args=["staff", "add", "not-an-email", "LYON1"])

    assert no_store.exit_code != 0 and "no store with code NOPE" in no_store.output
    assert bad_email.exit_code != 0 and "not-an-email" in bad_email.output
    assert _roles(session) == []
    assert session.scalar(select(Account.id)) is None


def test_with_single_sign_on_only_the_person_signs_in_first(config, session: Session) -> None:
    make_store(session, code="LYON1")
    session.commit()
    app = make_app(replace(config, local_accounts=False))
    runner = app.test_cli_runner()

    refused = runner.invoke(args=["staff", "add", "new@example.com", "LYON1"])
    make_account(session, "new@example.com")
    session.commit()
    added = runner.invoke(args=["staff", "add", "new@example.com", "LYON1"])
    app.extensions["db_engine"].dispose()

    assert refused.exit_code != 0 and "ask them to sign in once" in refused.output
    assert added.exit_code == 0 and "set their password" not in added.output
    assert _roles(session) == [("new@example.com", str(session.scalar(select(StaffRole.store_id))))]
