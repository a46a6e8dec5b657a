from collections.abc import Iterator
from dataclasses import replace

import pytest
from flask import Flask
from flask.testing import FlaskClient

from storefront.config import Config, ConfigError
from tests.conftest import make_app
from tests.forms import csrf


@pytest.fixture
def app(config: Config) -> Iterator[Flask]:
    """Limits low enough to reach in a test."""
    app = make_app(replace(config, sign_in_limit="3/minute", password_reset_limit="2/minute"))
    yield app
    app.extensions["db_engine"].dispose()


def attempt(client: FlaskClient, email: str, ip: str = "192.0.2.1", **headers: str):  # type: ignore[no-untyped-def]
    token = csrf(client)
    return client.post(
        "/account/sign-in",
        data={"email": email, "password": "wrong password", "csrf_token": token},
        environ_base={"REMOTE_ADDR": ip},
        headers=headers,
    )


def test_sign_in_is_limited_per_address(client: FlaskClient) -> None:
    for n in range(3):
        assert attempt(client, f"person{n}@example.com").status_code == 422
    refused = attempt(client, "person9@example.com")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.text and "<html" in refused.text
    assert 0 < int(refused.headers["Retry-After"]) <= 61
    assert attempt(client, "person9@example.com", ip="192.0.2.2").status_code == 422


def test_sign_in_is_limited_per_email_whatever_the_address(client: FlaskClient) -> None:
    for n in range(3):
        assert attempt(client, "anna@example.com", ip=f"198.51.100.{n}").status_code == 422
    assert attempt(client, "ANNA@example.com ", ip="198.51.100.9").status_code == 429
    assert attempt(client, "bob@example.com", ip="198.51.100.9").status_code == 422


def test_an_htmx_request_gets_the_form_back_with_the_reason(client: FlaskClient) -> None:
    for _ in range(3):
        attempt(client, "anna@example.com")
    refused = attempt(client, "anna@example.com", **{"HX-Request": "true"})
    assert refused.status_code == 429 and "<html" not in refused.text
    assert 'id="sign-in"' in refused.text and "Too many attempts" in refused.text
    assert 'value="anna@example.com"' in refused.text


def test_reading_the_form_is_not_limited(client: FlaskClient) -> None:
    for _ in range(10):
        assert client.get("/account/sign-in").status_code == 200


def test_password_reset_requests_are_limited(client: FlaskClient) -> None:
    def ask() -> int:
        token = csrf(client, "/account/password-reset")
        data = {"email": "anna@example.com", "csrf_token": token}
        return client.post("/account/password-reset", data=data).status_code

    assert [ask(), ask(), ask()] == [200, 200, 429]


def test_a_forged_forwarded_for_does_not_escape_the_limit(client: FlaskClient) -> None:
    for n in range(3):
        attempt(client, f"person{n}@example.com", **{"X-Forwarded-For": f"203.0.113.{n}"})
    forged = attempt(client, "person9@example.com", **{"X-Forwarded-For": "203.0.113.9"})
    assert forged.status_code == 429


def test_behind_a_load_balancer_each_shopper_has_their_own_limit(config: Config) -> None:
    app = make_app(replace(config, sign_in_limit="3/minute", proxies=1))
    balancer = "10.0.0.1"  # every request arrives from it, naming the shopper it forwards
    client = app.test_client()
    for n in range(3):
        shopper = {"X-Forwarded-For": "203.0.113.1"}
        assert attempt(client, f"person{n}@example.com", ip=balancer, **shopper).status_code == 422
    assert (
        attempt(client, "person9@example.com", ip=balancer, **{"X-Forwarded-For": "203.0.113.1"})
    ).status_code == 429
    other = attempt(
        client, "person9@example.com", ip=balancer, **{"X-Forwarded-For": "203.0.113.2"}
    )
    assert other.status_code == 422
    app.extensions["db_engine"].dispose()


@pytest.mark.parametrize("value", ["-1", "one", "99", "1.5"])
def test_an_unusable_number_of_proxies_is_refused(value: str) -> None:
    env = {"STOREFRONT_INSTANCE": "/tmp/storefront-proxies", "SECRET_KEY": "k"}
    env.update(STOREFRONT_PUBLIC_URL="https://shop.example", STOREFRONT_PROXIES=value)
    with pytest.raises(ConfigError, match="STOREFRONT_PROXIES must be a number of proxies"):
        Config.from_env(env)
