"""Pairing a screen: one link, one screen, 15 minutes; a screen without a valid credential
asks for staff."""

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from storefront.clock import SetClock
from tests.forms import csrf_in
from tests.http.conftest import Catalog
from tests.http.kiosk.conftest import cli_pairing_link, pair

ASK_STAFF = "Please ask a member of staff"


def test_the_command_line_link_pairs_the_screen_to_its_store(app: Flask, catalog: Catalog) -> None:
    screen = app.test_client()
    link = cli_pairing_link(app)

    offer = screen.get(link)
    paired = screen.post(link, data={"csrf_token": csrf_in(offer.text)})

    assert "Pair this screen as Lyon Part-Dieu" in offer.text
    assert paired.status_code == 303 and paired.headers["Location"] == "/kiosk"
    cookie = next(c for c in paired.headers.getlist("Set-Cookie") if c.startswith("kiosk_device="))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/kiosk" in cookie
    assert "Max-Age=34560000" in cookie  # 400 days: revocation, not expiry, ends a kiosk
    attract = screen.get("/kiosk")
    assert attract.status_code == 200
    assert "Touch to start" in attract.text and "Lyon Part-Dieu" in attract.text


def test_a_used_link_pairs_no_second_screen(app: Flask, catalog: Catalog) -> None:
    link = cli_pairing_link(app)
    first, second = app.test_client(), app.test_client()
    offer = second.get(link)
    pair(first, link)

    again = second.get(link)
    late_tap = second.post(link, data={"csrf_token": csrf_in(offer.text)})

    for answer in (again, late_tap):
        assert answer.status_code == 410
        assert "This pairing link was already used" in answer.text
    assert not any("kiosk_device=" in c for c in late_tap.headers.getlist("Set-Cookie"))
    assert ASK_STAFF in second.get("/kiosk/home").text


def test_a_link_expires_after_15_minutes(app: Flask, catalog: Catalog, clock: SetClock) -> None:
    link = cli_pairing_link(app)
    screen = app.test_client()
    offer = screen.get(link)
    clock.advance(timedelta(minutes=15))

    expired = screen.post(link, data={"csrf_token": csrf_in(offer.text)})

    assert expired.status_code == 410 and "This pairing link has expired" in expired.text
    assert screen.get(link).status_code == 410
    assert screen.get("/kiosk").status_code == 403


def test_an_unknown_link_or_a_forged_post_pairs_nothing(app: Flask, catalog: Catalog) -> None:
    screen = app.test_client()
    link = cli_pairing_link(app)

    unknown = screen.get("/kiosk/pair/not-a-real-token")
    forged = screen.post(link)  # no CSRF token

    assert unknown.status_code == 404 and "This pairing link is not known" in unknown.text
    assert forged.status_code == 400
    assert screen.get(link).status_code == 200  # still unused


def test_a_screen_without_a_credential_asks_for_staff(
    app: Flask, catalog: Catalog, screen: FlaskClient
) -> None:
    stranger = app.test_client()
    forged = app.test_client()
    cookie = screen.get_cookie("kiosk_device", path="/kiosk")
    assert cookie is not None
    forged.set_cookie("kiosk_device", cookie.value[:-2] + "xx", path="/kiosk")

    for client in (stranger, forged):
        for path in ("/kiosk", "/kiosk/home", "/kiosk/p/trail-runner", "/kiosk/search?q=trail"):
            answer = client.get(path)
            assert answer.status_code == 403, path
            assert ASK_STAFF in answer.text and "Trail runner" not in answer.text


def test_the_command_line_names_an_unknown_store(app: Flask, catalog: Catalog) -> None:
    result = app.test_cli_runner().invoke(args=["kiosk", "pair", "NOPE"])

    assert result.exit_code != 0 and "no store with code NOPE" in result.output
