"""Hand-offs by QR between a kiosk visit and a phone, both ways: the phone opens the code's
link (which changes nothing), taps one button, and the kiosk follows; a used, expired or
unknown code is refused in words, and no other kiosk or visit can use it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.cart.models import Cart, CartLine
from storefront.clock import SetClock
from storefront.kiosk.models import Handoff
from tests.conftest import AuthActions
from tests.forms import csrf, csrf_in
from tests.http.conftest import Catalog
from tests.http.kiosk.conftest import cli_pairing_link, pair

CODE = re.compile(r"/k/([0-9A-Z]{4}-[0-9A-Z]{4})")
HTMX = {"HX-Request": "true", "HX-Target": "section#kiosk-handoff"}


def _add(browser: FlaskClient, variant_id: int, quantity: int = 1, page: str = "/") -> None:
    answer = browser.post(
        "/cart/lines",
        data={"csrf_token": csrf(browser, page), "variant_id": variant_id, "quantity": quantity},
    )
    assert answer.status_code in {200, 303}, answer.text


def _start(screen: FlaskClient, kind: str, page: str = "/kiosk/cart") -> tuple[str, str]:
    """Tap "Continue on my phone" ("phone") or "Show my list here" ("list"): the kiosk's
    hand-off screen, and the code it shows in words."""
    started = screen.post(f"/kiosk/handoff/{kind}", data={"csrf_token": csrf(screen, page)})
    assert started.status_code == 303, started.text
    screen_path = started.headers["Location"]
    shown = screen.get(screen_path)
    assert shown.status_code == 200
    found = CODE.search(shown.text)
    assert found, shown.text
    return screen_path, found[1]


def _kiosk_lines(session: Session) -> int:
    session.rollback()
    count = session.scalar(
        select(func.count()).select_from(CartLine).join(Cart).where(Cart.guest_token.is_not(None))
    )
    session.rollback()
    return count or 0


def _handoffs(session: Session) -> list[bool]:
    """Whether each hand-off kept on the server was used."""
    session.rollback()
    found = [used is not None for used in session.scalars(select(Handoff.used_at))]
    session.rollback()
    return found


@pytest.fixture
def kiosk_cart(screen: FlaskClient, catalog: Catalog) -> FlaskClient:
    """The kiosk with two red trail runners in its cart."""
    _add(screen, catalog.shoe.variants[0].id, 2, page="/kiosk/cart")
    return screen


def test_the_phone_takes_the_kiosk_cart_and_the_kiosk_resets(
    kiosk_cart: FlaskClient, client: FlaskClient, session: Session
) -> None:
    screen_path, code = _start(kiosk_cart, "phone")
    assert "Continue on your phone" in kiosk_cart.get(screen_path).text

    opened = client.get(f"/k/{code}")
    assert opened.status_code == 200
    assert "Trail runner" in opened.text and "Add these to my cart" in opened.text
    assert _kiosk_lines(session) == 1 and _handoffs(session) == [False]  # GET: nothing

    taken = client.post(f"/k/{code}", data={"csrf_token": csrf_in(opened.text)})

    assert taken.status_code == 303 and taken.headers["Location"] == "/cart"
    cart = client.get("/cart").text
    assert "We added what you picked on the kiosk" in cart
    assert "Trail runner (Red · 42) — 2 added from the kiosk" in cart
    assert _kiosk_lines(session) == 1  # the phone's own cart, now; the kiosk's is gone

    polled = kiosk_cart.get(screen_path, headers=HTMX)
    assert "<html" not in polled.text and "Your cart is on your phone" in polled.text
    assert 'name="after" value="phone"' in polled.text
    reset = kiosk_cart.post(
        "/kiosk/reset", data={"csrf_token": csrf_in(polled.text), "after": "phone"}
    )
    assert reset.status_code == 303 and reset.headers["Location"] == "/kiosk?after=phone"
    assert "Your cart is on your phone" in kiosk_cart.get(reset.headers["Location"]).text
    assert _handoffs(session) == []  # nothing of the visit is left
    assert "Trail runner" in client.get("/cart").text


def test_a_kiosk_that_left_the_qr_ends_the_visit_on_its_next_page(
    kiosk_cart: FlaskClient, client: FlaskClient
) -> None:
    screen_path, code = _start(kiosk_cart, "phone")
    assert "Remove" in kiosk_cart.get("/kiosk/cart").text  # Back: the shopper walks off
    opened = client.get(f"/k/{code}")
    client.post(f"/k/{code}", data={"csrf_token": csrf_in(opened.text)})

    for page in ("/kiosk/search?q=tent", "/kiosk/cart", "/kiosk/checkout"):
        answer = kiosk_cart.get(page)
        assert answer.status_code == 303 and answer.headers["Location"] == screen_path
    htmx = kiosk_cart.get("/kiosk/cart", headers={"HX-Request": "true"})
    assert htmx.headers["HX-Redirect"] == screen_path
    assert "Your cart is on your phone" in kiosk_cart.get(screen_path).text


def test_the_hand_off_screen_is_a_page_or_its_fragment(kiosk_cart: FlaskClient) -> None:
    screen_path, _code = _start(kiosk_cart, "phone")
    page = kiosk_cart.get(screen_path)
    fragment = kiosk_cart.get(screen_path, headers=HTMX)
    assert "<html" in page.text and "<svg" in page.text
    assert "<html" not in fragment.text and 'id="kiosk-handoff"' in fragment.text
    assert 'hx-trigger="every 2s"' in fragment.text


def test_the_merge_keeps_the_sign_in_rules_and_undo_puts_the_phones_cart_back(
    screen: FlaskClient, client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    red_42, _red_43, _blue = catalog.shoe.variants
    _add(screen, red_42.id, 3, page="/kiosk/cart")  # all three Lyon has
    _add(client, red_42.id, 2)
    _path, code = _start(screen, "phone")

    client.post(f"/k/{code}", data={"csrf_token": csrf(client, f"/k/{code}")})

    cart = client.get("/cart").text
    assert "Trail runner (Red · 42) — 1 added from the kiosk" in cart
    assert "(2 already in your cart)" in cart
    assert re.search(r'id="quantity-\d+"[^>]*value="3"', cart)  # capped by the stock
    merge_id = re.search(r"/cart/merges/(\d+)/undo", cart)
    assert merge_id
    undone = client.post(f"/cart/merges/{merge_id[1]}/undo", data={"csrf_token": csrf_in(cart)})
    assert undone.status_code == 303
    after = client.get("/cart").text
    assert "Your cart is back as it was" in after
    assert re.search(r'id="quantity-\d+"[^>]*value="2"', after)


def test_a_signed_in_phone_gets_the_lines_in_its_account_cart(
    kiosk_cart: FlaskClient, client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.sign_up("lea@example.com")
    _path, code = _start(kiosk_cart, "phone")

    client.post(f"/k/{code}", data={"csrf_token": csrf(client, f"/k/{code}")})

    session.rollback()
    account_cart = session.scalar(select(Cart).where(Cart.account_id.is_not(None)))
    assert account_cart is not None and [line.quantity for line in account_cart.lines] == [2]


def test_a_used_code_is_refused_in_words_and_changes_nothing(
    kiosk_cart: FlaskClient, client: FlaskClient, app: Flask, session: Session
) -> None:
    _path, code = _start(kiosk_cart, "phone")
    client.post(f"/k/{code}", data={"csrf_token": csrf(client, f"/k/{code}")})
    second = app.test_client()

    opened = second.get(f"/k/{code}")
    again = second.post(f"/k/{code}", data={"csrf_token": csrf(second)})

    assert opened.status_code == 410 and "already used" in opened.text
    assert again.status_code == 410 and "Nothing was changed" in again.text
    assert "Your cart is empty" in second.get("/cart").text


def test_a_code_works_for_ten_minutes(
    kiosk_cart: FlaskClient, client: FlaskClient, session: Session, clock: SetClock
) -> None:
    screen_path, code = _start(kiosk_cart, "phone")
    token = csrf(client, f"/k/{code}")

    clock.advance(timedelta(minutes=9, seconds=59))
    assert client.get(f"/k/{code}").status_code == 200
    clock.advance(timedelta(seconds=1))
    expired = client.get(f"/k/{code}")
    posted = client.post(f"/k/{code}", data={"csrf_token": token})

    assert expired.status_code == 410 and "expired" in expired.text
    assert posted.status_code == 410
    assert _kiosk_lines(session) == 1 and "Your cart is empty" in client.get("/cart").text
    assert "This code has expired" in kiosk_cart.get(screen_path).text


def test_an_unknown_code_is_refused_in_words(client: FlaskClient, catalog: Catalog) -> None:
    for code in ("K7R4-MX2P", "not-a-code", "x" * 500):
        answer = client.get(f"/k/{code}")
        assert answer.status_code == 404 and "not known" in answer.text


def test_a_post_without_the_forms_token_changes_nothing(
    kiosk_cart: FlaskClient, client: FlaskClient, session: Session
) -> None:
    _path, code = _start(kiosk_cart, "phone")
    client.get(f"/k/{code}")

    assert client.post(f"/k/{code}").status_code == 400
    assert _kiosk_lines(session) == 1 and _handoffs(session) == [False]


def test_another_kiosk_or_another_visit_cannot_use_the_hand_off(
    kiosk_cart: FlaskClient, client: FlaskClient, app: Flask, session: Session
) -> None:
    screen_path, code = _start(kiosk_cart, "phone")
    other_kiosk = app.test_client()
    assert pair(other_kiosk, cli_pairing_link(app)).status_code == 303
    assert other_kiosk.get(screen_path).status_code == 404

    kiosk_cart.post("/kiosk/reset", data={"csrf_token": csrf(kiosk_cart, "/kiosk/cart")})

    assert kiosk_cart.get(screen_path).status_code == 404  # the next visit on the same screen
    assert client.get(f"/k/{code}").status_code == 404


def test_an_empty_kiosk_cart_is_not_handed_over(screen: FlaskClient, session: Session) -> None:
    started = screen.post("/kiosk/handoff/phone", data={"csrf_token": csrf(screen, "/kiosk/cart")})
    assert started.status_code == 303 and started.headers["Location"] == "/kiosk/cart"
    assert _handoffs(session) == []


def test_the_phone_shows_its_lists_on_the_kiosk_until_it_withdraws(
    screen: FlaskClient,
    client: FlaskClient,
    auth: AuthActions,
    session: Session,
    catalog: Catalog,
) -> None:
    auth.sign_up("lea@example.com", name="Léa Martin")
    token = csrf(client, "/p/rain-jacket")
    client.post(f"/wishlist/heart/{catalog.jacket.id}", data={"csrf_token": token, "on": "1"})
    _add(client, catalog.shoe.variants[0].id)
    screen_path, code = _start(screen, "list", page="/kiosk/home")
    assert "Rain jacket" not in screen.get(screen_path).text

    opened = client.get(f"/k/{code}")
    assert "Show your wishlist and cart on the kiosk at Lyon Part-Dieu?" in opened.text
    assert "Rain jacket" not in screen.get(screen_path, headers=HTMX).text  # GET: nothing
    approved = client.post(f"/k/{code}", data={"csrf_token": csrf_in(opened.text)})
    assert approved.status_code == 303 and approved.headers["Location"] == f"/k/{code}"

    shown = screen.get(screen_path, headers=HTMX).text
    assert "Your list, from your phone" in shown
    assert "Rain jacket" in shown and "Trail runner" in shown
    assert "In stock" in shown or "Only 3 left" in shown
    assert "lea@example.com" not in shown and "Léa" not in shown
    assert f'name="variant_id" value="{catalog.jacket.variants[0].id}"' in shown  # add to kiosk
    assert 'hx-trigger="every 5s"' in shown

    phone_page = client.get(f"/k/{code}").text
    assert "Stop showing them on the kiosk" in phone_page
    withdrawn = client.post(f"/k/{code}/withdraw", data={"csrf_token": csrf_in(phone_page)})
    assert withdrawn.status_code == 200 and "no longer on the kiosk" in withdrawn.text
    after = screen.get(screen_path, headers=HTMX).text
    assert "Rain jacket" not in after and "no longer shown" in after


def test_only_the_phone_that_approved_can_withdraw(
    screen: FlaskClient, client: FlaskClient, app: Flask, session: Session, catalog: Catalog
) -> None:
    screen_path, code = _start(screen, "list", page="/kiosk/home")
    client.post(f"/k/{code}", data={"csrf_token": csrf(client, f"/k/{code}")})
    stranger = app.test_client()

    refused = stranger.post(f"/k/{code}/withdraw", data={"csrf_token": csrf(stranger)})

    assert refused.status_code == 410
    assert "Your list, from your phone" in screen.get(screen_path).text


def test_done_ends_the_showing_for_good(
    screen: FlaskClient, client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    token = csrf(client, "/p/rain-jacket")
    client.post(f"/wishlist/heart/{catalog.jacket.id}", data={"csrf_token": token, "on": "1"})
    screen_path, code = _start(screen, "list", page="/kiosk/home")
    client.post(f"/k/{code}", data={"csrf_token": csrf(client, f"/k/{code}")})
    assert "Rain jacket" in screen.get(screen_path).text

    screen.post("/kiosk/reset", data={"csrf_token": csrf(screen, "/kiosk/home")})

    assert screen.get(screen_path).status_code == 404
    assert _handoffs(session) == []
    assert client.get(f"/k/{code}").status_code == 404
