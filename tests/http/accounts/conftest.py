"""A real SMTP server on loopback (aiosmtpd), and an app that sends its mail there."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from flask import Flask

from storefront.config import Config
from tests.conftest import make_app
from tests.mailbox import Mailbox
from tests.mailbox import smtp_server as serve_smtp

SMTP_USER, SMTP_PASSWORD = "shop", "smtp secret"


def _authenticate(
    _server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok)


@pytest.fixture
def smtp_server() -> Iterator[Mailbox]:
    """Requires a login, as a real relay does; plain text is fine on loopback."""
    with serve_smtp(
        authenticator=_authenticate, auth_required=True, auth_require_tls=False
    ) as mailbox:
        yield mailbox


@pytest.fixture
def smtp_app(config: Config, smtp_server: Mailbox) -> Iterator[Flask]:
    url = f"smtp://{SMTP_USER}:{SMTP_PASSWORD.replace(' ', '%20')}@127.0.0.1:{smtp_server.port}"
    app = make_app(replace(config, smtp_url=url))
    yield app
    app.extensions["db_engine"].dispose()
