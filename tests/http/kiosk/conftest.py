"""A paired kiosk at Lyon, Ana who manages Lyon, and how a screen pairs with a link."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from storefront.staff.models import MANAGER, StaffRole
from storefront.stores.models import Store
from tests.conftest import PASSWORD, AuthActions
from tests.factories import make_account, make_store
from tests.forms import csrf_in
from tests.http.conftest import Catalog

LINK = re.compile(r"http://localhost(/kiosk/pair/[\w-]+)")


def cli_pairing_link(app: Flask, store_code: str = "LYON1") -> str:
    """The path of the link `flask kiosk pair` prints."""
    result = app.test_cli_runner().invoke(args=["kiosk", "pair", store_code])
    assert result.exit_code == 0, result.output
    found = LINK.search(result.output)
    assert found, result.output
    return found[1]


def pair(screen: FlaskClient, link: str) -> TestResponse:
    """Open the link on the screen and tap "Pair this screen"."""
    page = screen.get(link)
    assert page.status_code == 200, page.text
    return screen.post(link, data={"csrf_token": csrf_in(page.text)})


@pytest.fixture
def screen(app: Flask, catalog: Catalog) -> FlaskClient:
    """A kiosk browser at Lyon, paired through the command line."""
    client = app.test_client()
    assert pair(client, cli_pairing_link(app)).status_code == 303
    return client


@pytest.fixture
def paris(session: Session, catalog: Catalog) -> Store:
    store = make_store(session, "Paris Rivoli", code="PARIS1", slug="paris-rivoli", city="Paris")
    session.commit()
    return store


def add_role(session: Session, email: str, store: Store, role: str) -> None:
    account = make_account(session, email, PASSWORD, name=email.split("@")[0])
    session.add(StaffRole(account_id=account.id, store_id=store.id, role=role))
    session.commit()


@pytest.fixture
def ana(session: Session, auth: AuthActions, catalog: Catalog) -> AuthActions:
    """Manager at Lyon, signed in."""
    add_role(session, "ana@example.com", catalog.store, MANAGER)
    auth.sign_in("ana@example.com")
    return auth
