"""Checkout for pickup: the page, choosing a store, confirming once, and every refusal
leaving the cart, the stock and the slots as they were."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from storefront.cart.models import CartLine
from storefront.clock import SetClock
from storefront.inventory.models import StockLevel
from storefront.pickup.models import PickupOrder, PickupSlot, SlotHold
from storefront.stores.models import StoreKind
from tests.conftest import PASSWORD, AuthActions
from tests.factories import make_account, make_product, make_store, set_stock
from tests.forms import csrf

HX = {"HX-Request": "true"}
# Monday 23 November 2026, 09:00 in Paris: Lyon opens at 10:00 and prepares in 2 hours.
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
NOON = "2026-11-23T11:00:00+00:00"  # 12:00 in Paris, the first slot an order can take
CONTACT = {"name": "Camille Martin", "email": "camille@example.com", "phone": "+33 6 12 34 56 78"}


@dataclass
class Shop:
    lyon: int
    villeurbanne: int
    annecy: int
    shoe: int
    jacket: int


@pytest.fixture(autouse=True)
def at_now(clock: SetClock) -> None:
    clock.at = NOW


@pytest.fixture
def shop(session: Session) -> Shop:
    """Lyon has both items; Villeurbanne, 3 km away, only the shoes (the jacket comes from
    the warehouse); Annecy has nothing and is never offered."""
    lyon = make_store(session, "Lyon Part-Dieu", code="LYON", slug="lyon")
    villeurbanne = make_store(
        session, "Villeurbanne", code="VIL", slug="villeurbanne", latitude=45.77, longitude=4.89
    )
    annecy = make_store(session, "Annecy", code="ANN", slug="annecy", latitude=45.9, longitude=6.13)
    warehouse = make_store(session, "Warehouse", code="WH", kind=StoreKind.WAREHOUSE)
    shoe = make_product(session, "Trail runner", variants=[{"size": "42", "price_amount": 8999}])
    jacket = make_product(session, "Rain jacket", variants=[{"size": "M", "price_amount": 12900}])
    set_stock(session, lyon, shoe.variants[0], 3)
    set_stock(session, lyon, jacket.variants[0], 2)
    set_stock(session, villeurbanne, shoe.variants[0], 5)
    set_stock(session, warehouse, jacket.variants[0], 10)
    session.commit()
    return Shop(lyon.id, villeurbanne.id, annecy.id, shoe.variants[0].id, jacket.variants[0].id)


def fill_cart(client: FlaskClient, shop: Shop) -> None:
    for variant, quantity in ((shop.shoe, "2"), (shop.jacket, "1")):
        data = {"variant_id": str(variant), "quantity": quantity, "csrf_token": csrf(client)}
        assert client.post("/cart/lines", data=data).status_code == 303


def choose_lyon(client: FlaskClient) -> None:
    client.post("/stores/lyon/my-store", data={"csrf_token": csrf(client, "/stores/lyon")})


def hold(
    client: FlaskClient, store: int | str, starts_at: str = NOON, **headers: str
) -> TestResponse:
    data = {"store": str(store), "starts_at": starts_at, "csrf_token": csrf(client)}
    return client.post("/checkout/slots", data=data, headers=headers)


def confirm_form(client: FlaskClient, **changes: str) -> dict[str, str]:
    """The confirm form as the page renders it, hidden fields included."""
    html = client.get("/checkout").text
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))
    form = re.search(r'<form id="checkout-confirm".*?</form>', html, re.S)
    assert form, "no confirm form"
    hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form[0]))
    return {**fields, **hidden, **CONTACT, **changes}


def counts(session: Session) -> tuple[int, int, int, int, int]:
    """Orders, holds, places taken, units reserved, cart lines: what a refusal must not touch."""
    found = (
        session.scalar(select(func.count(PickupOrder.id))) or 0,
        session.scalar(select(func.count(SlotHold.id))) or 0,
        session.scalar(select(func.coalesce(func.sum(PickupSlot.taken), 0))) or 0,
        session.scalar(select(func.coalesce(func.sum(StockLevel.reserved), 0))) or 0,
        session.scalar(select(func.coalesce(func.sum(CartLine.quantity), 0))) or 0,
    )
    session.rollback()  # end the read: the test session would otherwise hold SQLite's lock
    return found


def test_an_empty_cart_says_what_to_do_next(client: FlaskClient, shop: Shop) -> None:
    html = client.get("/checkout").text
    assert "Your cart is empty" in html and 'href="/"' in html
    assert "checkout-confirm" not in html


def test_confirming_an_empty_cart_is_refused(
    client: FlaskClient, shop: Shop, session: Session
) -> None:
    data = {"store": str(shop.lyon), "csrf_token": csrf(client), **CONTACT}
    response = client.post("/checkout", data=data)
    assert response.status_code == 422 and "Your cart is empty" in response.text
    assert counts(session) == (0, 0, 0, 0, 0)


def test_the_cart_page_leads_to_the_checkout(client: FlaskClient, shop: Shop) -> None:
    fill_cart(client, shop)
    assert 'href="/checkout"' in client.get("/cart").text


def test_the_page_offers_my_store_first_and_the_others_with_their_promise(
    client: FlaskClient, shop: Shop
) -> None:
    choose_lyon(client)
    fill_cart(client, shop)
    html = client.get("/checkout").text

    assert "<html" in html and "Trail runner" in html and "Rain jacket" in html
    assert "€308.98" in html  # 2 × 89.99 + 129.00
    assert "Payment is taken at the pickup desk when you collect your order" in html
    options = re.findall(r'<label class="store-option.*?</label>', html, re.S)
    assert len(options) == 2 and "Annecy" not in html
    assert f'value="{shop.lyon}" checked' in options[0] and "My store" in options[0]
    assert "Ready today from 12:00" in options[0]
    assert "Ready in 3 days (sent from our warehouse)" in options[1]
    assert "Pickup time at Lyon Part-Dieu" in html
    # The chosen store and its slots first; the other store is folded away, one tap off.
    folded = html.split('<details class="store-options__more">')[1].split("</details>")[0]
    assert "<summary>Collect from another store</summary>" in folded
    assert options[1] in folded and options[0] not in folded


def test_without_my_store_the_nearest_able_store_is_preselected(
    client: FlaskClient, shop: Shop
) -> None:
    fill_cart(client, shop)
    html = client.get("/checkout").text
    assert f'value="{shop.lyon}" checked' in html
    assert "My store" not in html


def test_without_my_store_the_shopper_can_rank_stores_from_where_they_are(
    client: FlaskClient, shop: Shop
) -> None:
    fill_cart(client, shop)

    by_name = client.get("/checkout").text
    near_villeurbanne = client.get("/checkout?lat=45.771&lon=4.889").text
    ignored = client.get("/checkout?lat=north&lon=4.889").text

    assert "Stores are listed by name." in by_name and 'id="locator-locate"' in by_name
    assert f'value="{shop.villeurbanne}" checked' in near_villeurbanne
    assert near_villeurbanne.index("Villeurbanne") < near_villeurbanne.index("Lyon Part-Dieu")
    assert "Stores are listed by name." not in near_villeurbanne
    assert re.search(r"Lyon · [\d.]+ km", near_villeurbanne)  # the store's city, then how far
    assert f'value="{shop.lyon}" checked' in ignored and "Stores are listed by name." in ignored


def test_with_my_store_the_list_starts_from_it(client: FlaskClient, shop: Shop) -> None:
    fill_cart(client, shop)
    choose_lyon(client)

    html = client.get("/checkout").text

    assert "Stores are listed by name." not in html and 'id="locator-locate"' not in html


def test_a_guest_books_a_slot_and_confirms_once_even_when_posting_twice(
    client: FlaskClient, shop: Shop, session: Session
) -> None:
    fill_cart(client, shop)
    held = hold(client, shop.lyon)
    assert held.status_code == 303 and held.headers["Location"] == f"/checkout?store={shop.lyon}"
    page = client.get(held.headers["Location"]).text
    assert "Held for 10 minutes, until 09:10" in page
    assert "Monday 23 November, 12:00–12:30" in page
    form = confirm_form(client)

    first = client.post("/checkout", data=form)
    second = client.post("/checkout", data=form)

    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    order = session.scalars(select(PickupOrder)).one()
    assert first.headers["Location"].startswith(f"/orders/{order.number}?t=")  # guest link
    assert order.number in client.get(first.headers["Location"]).text
    assert (order.customer_name, order.email, order.phone) == (
        "Camille Martin",
        "camille@example.com",
        "+33 6 12 34 56 78",
    )
    session.rollback()
    assert counts(session) == (1, 0, 1, 3, 0)


def test_someone_elses_idempotency_key_gives_nothing_of_their_order(
    app: Flask, client: FlaskClient, shop: Shop, session: Session
) -> None:
    fill_cart(client, shop)
    hold(client, shop.lyon)
    form = confirm_form(client)
    mine = client.post("/checkout", data=form).headers["Location"]
    other = app.test_client()  # read the key off the shared screen, with a cart of their own
    line = {"variant_id": str(shop.jacket), "quantity": "1", "csrf_token": csrf(other)}
    other.post("/cart/lines", data=line)
    hold(other, shop.lyon)
    stolen = {**confirm_form(other), "idempotency_key": form["idempotency_key"]}

    placed = other.post("/checkout", data=stolen)
    empty = app.test_client().post("/checkout", data={**stolen, "csrf_token": csrf(other)})

    assert placed.status_code == 303 and placed.headers["Location"] != mine
    assert mine.split("?")[0] not in other.get(placed.headers["Location"]).text
    assert session.scalar(select(func.count(PickupOrder.id))) == 2  # each their own order
    assert mine.split("?")[0] not in empty.headers.get("Location", "") + empty.text


def place_as_guest(client: FlaskClient, shop: Shop, **contact: str) -> tuple[str, str]:
    """A guest's order: its number and the link the confirmation email carries."""
    fill_cart(client, shop)
    hold(client, shop.lyon)
    placed = client.post("/checkout", data=confirm_form(client, **contact))
    link = placed.headers["Location"]
    return link.split("?")[0].removeprefix("/orders/"), link


def test_a_shared_browser_gives_the_next_account_no_guest_order(
    client: FlaskClient, shop: Shop, session: Session, auth: AuthActions
) -> None:
    number, link = place_as_guest(client, shop)
    make_account(session, "dominique@example.com", PASSWORD)  # the next one on this laptop
    session.commit()

    auth.sign_in("dominique@example.com")

    assert number not in client.get("/orders").text
    assert client.get(f"/orders/{number}").status_code == 404
    assert "in your account" not in client.get("/").text
    cancel = client.post(f"/orders/{number}/cancel", data={"csrf_token": csrf(client)})
    assert cancel.status_code == 404
    assert client.get(link).status_code == 200  # the guest's emailed link still opens it


def test_a_guest_order_joins_the_account_whose_verified_email_it_carries(
    app: Flask, client: FlaskClient, shop: Shop, session: Session
) -> None:
    number, link = place_as_guest(client, shop, email="Camille@Example.com")
    make_account(session, "camille@example.com", PASSWORD)  # verified, signing in elsewhere
    session.commit()
    phone = app.test_client()

    AuthActions(phone).sign_in("camille@example.com")

    banner = phone.get("/").text
    assert "placed as a guest with camille@example.com is now in your account" in banner
    assert number in phone.get("/orders").text
    assert phone.get(f"/orders/{number}").status_code == 200
    assert app.test_client().get(link).status_code == 200  # the emailed link keeps working


def test_an_unverified_account_with_the_orders_email_does_not_get_it(
    client: FlaskClient, shop: Shop, auth: AuthActions
) -> None:
    number, _ = place_as_guest(client, shop)

    auth.sign_up("camille@example.com")  # anyone can type an email: it proves nothing

    assert number not in client.get("/orders").text
    assert client.get(f"/orders/{number}").status_code == 404


def test_the_holder_of_the_link_signed_in_accepts_the_order_into_their_account(
    app: Flask, client: FlaskClient, shop: Shop, auth: AuthActions
) -> None:
    number, link = place_as_guest(client, shop, email="camille.work@example.com")
    auth.sign_up("camille@example.com")
    page = client.get(link).text
    assert "Add to my account" in page
    action = re.search(r'action="(/orders/[^"]+/accept[^"]*)"', page)
    assert action

    accepted = client.post(action[1].replace("&amp;", "&"), data={"csrf_token": csrf(client)})

    assert accepted.status_code == 303
    assert f"Order {number} is now in your account." in client.get("/orders").text
    assert client.get(f"/orders/{number}").status_code == 200
    assert app.test_client().get(link).status_code == 200
    someone = app.test_client()
    AuthActions(someone).sign_up("someone@example.com")
    again = someone.post(action[1].replace("&amp;", "&"), data={"csrf_token": csrf(someone)})
    assert again.status_code == 409
    assert number not in someone.get("/orders").text


def test_accepting_needs_the_orders_link(
    client: FlaskClient, shop: Shop, auth: AuthActions
) -> None:
    number, _ = place_as_guest(client, shop)
    auth.sign_up("someone@example.com")

    refused = client.post(f"/orders/{number}/accept", data={"csrf_token": csrf(client)})

    assert refused.status_code == 404
    assert number not in client.get("/orders").text


def test_an_account_finds_its_name_and_email_filled_in(
    client: FlaskClient, shop: Shop, auth: AuthActions
) -> None:
    auth.sign_up("ana@example.com", name="Ana Lopez")
    fill_cart(client, shop)
    html = client.get("/checkout").text
    assert 'value="Ana Lopez"' in html and 'value="ana@example.com"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "email"),
        ("phone", "call me", "Enter a phone number like +33 6 12 34 56 78."),
        ("phone", "12", "Enter a phone number like +33 6 12 34 56 78."),
        ("name", "   ", "Enter the name the store should ask for."),
    ],
)
def test_bad_contact_details_are_shown_beside_their_field_and_change_nothing(
    client: FlaskClient, shop: Shop, session: Session, field: str, value: str, message: str
) -> None:
    fill_cart(client, shop)
    hold(client, shop.lyon)
    before = counts(session)

    response = client.post("/checkout", data=confirm_form(client, **{field: value}))

    assert response.status_code == 422
    error = re.search(rf'id="checkout-{field}-error">(.*?)</p>', response.text, re.S)
    assert error and message.lower() in error[1].lower()
    assert 'aria-invalid="true"' in response.text
    assert 'value="Camille Martin"' in response.text or field == "name"
    assert counts(session) == before == (0, 1, 1, 0, 3)


def test_a_line_gone_meanwhile_is_named_and_the_cart_kept(
    client: FlaskClient, shop: Shop, session: Session
) -> None:
    fill_cart(client, shop)
    hold(client, shop.lyon)
    form = confirm_form(client)
    session.execute(
        update(StockLevel)
        .where(StockLevel.variant_id == shop.shoe)
        .values(reserved=StockLevel.on_hand)
    )
    session.commit()

    response = client.post("/checkout", data=form)

    assert response.status_code == 422
    assert "no longer available in the quantity you chose: Trail runner" in response.text
    assert counts(session) == (0, 1, 1, 8, 3)  # only what the test itself reserved


def test_an_expired_hold_sends_the_shopper_back_to_the_picker(
    client: FlaskClient, shop: Shop, session: Session, clock: SetClock
) -> None:
    fill_cart(client, shop)
    hold(client, shop.lyon)
    form = confirm_form(client)
    clock.advance(timedelta(minutes=11))

    response = client.post("/checkout", data=form)

    assert response.status_code == 422
    picker = re.search(r'<section id="slot-picker".*?</section>', response.text, re.S)
    assert picker and "that time ran out. Choose a slot again." in picker[0]
    assert counts(session)[0] == 0 and counts(session)[3:] == (0, 3)


def test_a_tampered_store_is_refused(client: FlaskClient, shop: Shop, session: Session) -> None:
    fill_cart(client, shop)
    hold(client, shop.lyon)
    for store in ("99999", "abc", str(shop.villeurbanne)):
        response = client.post("/checkout", data=confirm_form(client, store=store))
        assert response.status_code == 422
        assert "Choose a pickup slot at this store first." in response.text or (
            "Choose a store from the list." in response.text
        )
    assert counts(session) == (0, 1, 1, 0, 3)


def test_changing_store_lets_the_held_slot_go(
    client: FlaskClient, shop: Shop, session: Session
) -> None:
    fill_cart(client, shop)
    hold(client, shop.lyon)
    data = {"store": str(shop.villeurbanne), "csrf_token": csrf(client)}

    response = client.post("/checkout/store", data=data)

    assert response.status_code == 303
    assert response.headers["Location"] == f"/checkout?store={shop.villeurbanne}"
    assert counts(session) == (0, 0, 0, 0, 3)
    assert "Pickup time at Villeurbanne" in client.get(response.headers["Location"]).text


def test_changing_store_with_htmx_keeps_what_was_typed(client: FlaskClient, shop: Shop) -> None:
    fill_cart(client, shop)
    data = {"store": str(shop.villeurbanne), "csrf_token": csrf(client), **CONTACT}

    response = client.post("/checkout/store", data=data, headers=HX)

    assert response.status_code == 200 and "<html" not in response.text
    assert response.text.lstrip().startswith('<div id="checkout"')
    assert f'value="{shop.villeurbanne}" checked' in response.text
    assert 'value="Camille Martin"' in response.text
    assert response.headers["HX-Replace-Url"] == f"/checkout?store={shop.villeurbanne}"


def test_changing_to_a_store_that_cannot_supply_is_refused(
    client: FlaskClient, shop: Shop, session: Session
) -> None:
    fill_cart(client, shop)
    hold(client, shop.lyon)
    data = {"store": str(shop.annecy), "csrf_token": csrf(client)}
    response = client.post("/checkout/store", data=data)
    assert response.status_code == 422 and "Choose a store from the list." in response.text
    assert counts(session) == (0, 1, 1, 0, 3)


def test_the_checkout_as_a_partial(client: FlaskClient, shop: Shop) -> None:
    fill_cart(client, shop)
    response = client.get("/checkout", headers=HX)
    assert response.status_code == 200 and "<html" not in response.text
    assert response.text.lstrip().startswith('<div id="checkout"')
    assert "HX-Request" in response.headers["Vary"]
