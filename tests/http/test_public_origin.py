"""Links in email come from STOREFRONT_PUBLIC_URL; a request for another host is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from flask import Flask

from storefront.config import ROOT, Config, ConfigError
from tests.conftest import AuthActions, make_app
from tests.forms import csrf

SHOP = "https://shop.example"


@pytest.fixture
def public_app(config: Config) -> Flask:
    return make_app(replace(config, public_url=SHOP))


def mails(config: Config) -> list[str]:
    found = sorted((config.instance_path / "mail").glob("*.eml"))
    return [
        message_from_bytes(eml.read_bytes(), policy=policy.default)
        .get_body(("plain",))
        .get_content()  # type: ignore[union-attr]
        for eml in found
    ]


def test_a_reset_asked_with_a_forged_host_is_refused_and_sends_nothing(
    public_app: Flask, config: Config
) -> None:
    client = public_app.test_client()
    page = client.get("/account/password-reset", base_url=SHOP)
    assert page.status_code == 200
    forged = client.post(
        "/account/password-reset",
        data={"email": "shopper@example.com"},
        headers={"Host": "evil.example"},
    )
    assert forged.status_code == 400
    assert mails(config) == []


def test_the_reset_link_is_built_on_the_public_address_not_the_host_asked(
    config: Config,
) -> None:
    """Asked through localhost, a shop whose address is 127.0.0.1:8000 links there."""
    client = make_app(replace(config, public_url="http://127.0.0.1:8000")).test_client()
    AuthActions(client).sign_up()
    AuthActions(client).sign_out()
    token = csrf(client, "/account/password-reset")
    client.post(
        "/account/password-reset", data={"email": "shopper@example.com", "csrf_token": token}
    )
    [body] = mails(config)
    assert "http://127.0.0.1:8000/account/password-reset/" in body
    assert "http://localhost" not in body


def test_every_page_refuses_a_host_that_is_not_the_shop(public_app: Flask) -> None:
    client = public_app.test_client()
    assert client.get("/", base_url=SHOP).status_code == 200
    assert client.get("/", base_url="https://evil.example").status_code == 400


def test_on_loopback_every_loopback_name_is_the_shop(config: Config) -> None:
    loopback = replace(config, public_url="http://127.0.0.1:8000")
    assert set(loopback.trusted_hosts) == {"127.0.0.1", "localhost", "::1"}
    assert replace(config, public_url=SHOP).trusted_hosts == ["shop.example"]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "is not set"),
        ("http://shop.example", "http only on loopback"),
        ("https://shop.example/shop", "no path"),
        ("shop.example", "must be an origin"),
    ],
)
def test_a_missing_or_unusable_public_address_is_refused(value: str, reason: str) -> None:
    env = {"STOREFRONT_INSTANCE": "/tmp/storefront-public-url", "SECRET_KEY": "k"}
    with pytest.raises(ConfigError, match=reason):
        Config.from_env({**env, "STOREFRONT_PUBLIC_URL": value})


def test_the_server_refuses_to_start_without_it_and_says_why(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "STOREFRONT_PUBLIC_URL"}
    env.update(STOREFRONT_INSTANCE=str(tmp_path), SECRET_KEY="k")
    started = subprocess.run(
        [sys.executable, "-c", "import app"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert started.returncode == 1
    assert "The shop cannot start: STOREFRONT_PUBLIC_URL is not set" in started.stderr
    assert "Traceback" not in started.stderr
