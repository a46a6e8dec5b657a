"""HTTP helpers: the CSRF token a page carries, a shopper signed in through Flask-Login
(so the sign-in signal and its merge run as in production), and another shopper's client."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from storefront import db
from storefront.accounts import on_sign_in, sessions
from storefront.accounts.models import Account
from storefront.extensions import csrf
from tests import forms

HX = {"HX-Request": "true"}
_seq = itertools.count(1)


def post(client: FlaskClient, path: str, hx: bool = False, **form: object) -> TestResponse:
    data = {"csrf_token": forms.csrf(client), **{k: str(v) for k, v in form.items()}}
    return client.post(path, data=data, headers=HX if hx else {})


SignIn = Callable[..., int]


@pytest.fixture
def sign_in(app: Flask, session: Session) -> SignIn:
    """Sign a client in to a new account as the sign-in views do, in a request of its own."""

    def _sign_in_for_tests(account_id: int) -> str:
        account = db.session().get(Account, account_id)
        assert account is not None
        on_sign_in.sign_in(sessions.start(db.session(), account, identity_id=None))
        db.session().commit()
        return ""

    app.add_url_rule(
        "/_tests/sign-in/<int:account_id>",
        view_func=csrf.exempt(_sign_in_for_tests),
        methods=["POST"],
    )

    def sign_in(client: FlaskClient, account_id: int | None = None) -> int:
        """Into `account_id`, or a new account; returns the account's id."""
        if account_id is None:
            account = Account(email=f"wish{next(_seq)}@example.com")
            session.add(account)
            session.commit()
            account_id = account.id
        assert client.post(f"/_tests/sign-in/{account_id}").status_code == 200
        return account_id

    return sign_in


@pytest.fixture
def other(app: Flask) -> FlaskClient:
    """A second browser: another shopper."""
    return app.test_client()
