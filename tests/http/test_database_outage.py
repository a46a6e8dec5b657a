"""While PostgreSQL cannot be reached, pages answer 503 with Retry-After, our own page and
every security header; the shop serves normally the moment the database is back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from storefront.config import Config
from storefront.db import make_engine
from storefront.inventory import tokens
from storefront.models import Base
from tests.conftest import SERVER_URL, AuthActions, make_app
from tests.factories import make_product, make_store
from tests.tcp_proxy import TcpProxy, tcp_proxy

# The outage is PostgreSQL's (SQLite cannot be cut off): the SQLite run uses a database of
# its own on the PostgreSQL server these machines have.
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432"
PAGES = ["/", "/p/trail-runner", "/search?q=trail", "/cart", "/stores", "/account/sign-in"]


@pytest.fixture
def database_url(database_url: str) -> Iterator[str]:
    if SERVER_URL:
        yield database_url
        return
    name = f"storefront_outage_{os.getpid()}"
    admin = make_engine(f"{POSTGRES}/postgres").execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(f"{POSTGRES}/{name}")
    Base.metadata.create_all(engine)
    engine.dispose()
    yield f"{POSTGRES}/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def proxy(database_url: str) -> Iterator[TcpProxy]:
    url = make_url(database_url)
    with tcp_proxy((url.host or "127.0.0.1", url.port or 5432)) as proxy:
        yield proxy


@pytest.fixture
def till_token(session: Session) -> str:
    make_store(session, "Lyon Part-Dieu", code="LYON")
    session.commit()
    token = tokens.issue_token(session, "LYON")
    session.commit()
    return token


@pytest.fixture
def client(config: Config, session: Session, proxy: TcpProxy) -> Iterator[FlaskClient]:
    make_product(session, "Trail runner", slug="trail-runner")
    session.commit()
    through_proxy = make_url(config.database_url).set(host="127.0.0.1", port=proxy.port)
    app = make_app(
        replace(config, database_url=through_proxy.render_as_string(hide_password=False))
    )
    yield app.test_client()
    app.extensions["db_engine"].dispose()


def test_pages_answer_503_while_the_database_is_away_and_serve_once_it_is_back(
    client: FlaskClient, proxy: TcpProxy, till_token: str
) -> None:
    auth = AuthActions(client)
    auth.sign_up("walker@example.com")
    token = auth.csrf_token()
    healthy = client.get("/")
    assert healthy.status_code == 200 and 'href="/account"' in healthy.text

    proxy.cut()
    answers = {path: client.get(path) for path in PAGES}
    fragment = client.get("/p/trail-runner", headers={"HX-Request": "true"})
    posted = client.post(
        "/cart/lines", data={"variant_id": "1", "quantity": "1", "csrf_token": token}
    )

    for path, answer in answers.items():
        assert answer.status_code == 503, path
        assert 0 < int(answer.headers["Retry-After"]) <= 60
        assert "briefly unavailable" in answer.text and "<html" in answer.text, path
        for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
            assert header in answer.headers, (path, header)
    assert fragment.status_code == 503 and "<html" not in fragment.text
    assert posted.status_code == 503
    feed = client.post(
        "/api/stock",
        json={"request_key": "till-1-1", "lines": [{"sku": "TR-1", "on_hand": 3}]},
        headers={"Authorization": f"Bearer {till_token}"},
    )
    assert feed.status_code == 503 and feed.is_json and "unavailable" in feed.json["error"]
    assert feed.headers["Retry-After"] == "30"

    proxy.restore()
    back = client.get("/")
    assert back.status_code == 200 and 'href="/account"' in back.text  # still signed in
    assert client.get("/p/trail-runner").status_code == 200


def test_a_page_whose_database_leaves_after_it_was_rendered_is_still_sent(
    client: FlaskClient, proxy: TcpProxy
) -> None:
    @client.application.after_request
    def _database_leaves(response):  # type: ignore[no-untyped-def]
        proxy.cut()  # the request's rollback at teardown finds the connection gone
        return response

    page = client.get("/p/trail-runner")

    assert page.status_code == 200 and "Trail runner" in page.text
    proxy.restore()
    assert client.get("/p/trail-runner").status_code == 200
