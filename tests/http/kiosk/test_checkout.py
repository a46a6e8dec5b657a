"""Ordering at the kiosk what is not on its shelf: the web's checkout rules, for this store
only, and a refusal (slot taken, stock gone, bad details, no token, revoked screen) that
says why on the screen and changes nothing."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from storefront.cart.models import CartLine
from storefront.clock import SetClock
from storefront.inventory.models import StockLevel
from storefront.kiosk.models import Kiosk
from storefront.outbox.models import OutboxMessage
from storefront.pickup.models import PickupOrder, PickupSlot, SlotHold
from storefront.stores.models import Store, StoreKind
from tests.factories import make_store, set_stock
from tests.forms import csrf, csrf_in
from tests.http.conftest import Catalog

HX = {"HX-Request": "true"}
# Monday 23 November 2026, 09:00 in Lyon: a jacket from the warehouse is there in 3 days.
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
CONTACT = {"name": "Camille Martin", "email": "camille@example.com", "phone": "+33 6 12 34 56 78"}
FREE_SLOT = re.compile(r'name="starts_at" value="([^"]+)"\s+class="slot slot--free"')


@pytest.fixture(autouse=True)
def warehouse(session: Session, catalog: Catalog, clock: SetClock) -> Store:
    """Lyon has no jacket on its shelf; the warehouse has 10."""
    clock.at = NOW
    store = make_store(session, "Warehouse", code="WH", kind=StoreKind.WAREHOUSE)
    set_stock(session, store, catalog.jacket.variants[0], 10)
    session.commit()
    return store


def _add_jacket(screen: FlaskClient, catalog: Catalog) -> None:
    token = csrf_in(screen.get("/kiosk/p/rain-jacket").text)
    data = {"csrf_token": token, "variant_id": str(catalog.jacket.variants[0].id)}
    assert screen.post("/cart/lines", data=data).status_code == 303


def _first_free_slot(screen: FlaskClient) -> str:
    found = FREE_SLOT.search(screen.get("/kiosk/checkout").text)
    assert found, "no free slot offered"
    return found[1]


def _hold(screen: FlaskClient, starts_at: str, **extra: str) -> TestResponse:
    data = {"starts_at": starts_at, "csrf_token": csrf(screen, "/kiosk/checkout"), **extra}
    return screen.post("/kiosk/checkout/slots", data=data, headers=HX)


def _confirm(screen: FlaskClient, page: str | None = None, **fields: str) -> TestResponse:
    """Send the confirm form of `page` (the checkout as the shopper last saw it)."""
    page = page or screen.get("/kiosk/checkout").text
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)
    assert key, "no confirm form"
    data = {"csrf_token": csrf_in(page), "idempotency_key": key[1], **CONTACT, **fields}
    return screen.post("/kiosk/checkout", data=data)


def _orders(session: Session) -> list[PickupOrder]:
    session.rollback()
    found = list(session.scalars(select(PickupOrder)))
    session.rollback()
    return found


def _count(session: Session, model: type) -> int:
    session.rollback()
    found = session.scalar(select(func.count()).select_from(model)) or 0
    session.rollback()
    return found


def _row(page: str, option: str) -> str:
    """The product page's row of one option, tags and all."""
    start = page.index(f'<th scope="row">{option}')
    return page[start : page.index("</tr>", start)]


def test_what_is_not_on_the_shelf_here_is_ordered_for_the_day_it_arrives(
    screen: FlaskClient, session: Session, catalog: Catalog, warehouse: Store, paris: Store
) -> None:
    red_42, _red_43, blue_42 = catalog.shoe.variants
    set_stock(session, warehouse, red_42, 5)
    set_stock(session, paris, blue_42, 4)
    session.commit()

    jacket = _row(screen.get("/kiosk/p/rain-jacket").text, "Black · M")
    shoe = screen.get("/kiosk/p/trail-runner").text

    assert "Out of stock" in jacket and "Add to cart" in jacket
    assert "Order here, collect here on Thursday 26 November" in jacket
    red = _row(shoe, "Red · 42")
    assert "Only 3 left" in red and "Add to cart" in red
    assert "More than 3? Order here, collect here on Thursday 26 November" in red
    # Only another store has it: no pickup here can be promised, so none is offered.
    blue = _row(shoe, "Blue · 42")
    assert "Not available" in blue and "Add to cart" not in blue


def test_the_kiosk_cart_orders_for_pickup_here_and_says_it_is_cleared_after(
    screen: FlaskClient, catalog: Catalog
) -> None:
    _add_jacket(screen, catalog)

    cart = screen.get("/kiosk/cart").text

    assert 'href="/kiosk/checkout"' in cart and "Order for pickup here" in cart
    assert "saved on every device" not in cart
    assert "This cart is cleared when you tap Done or walk away." in cart


def test_the_kiosk_checkout_offers_this_store_alone_and_no_sign_in(
    screen: FlaskClient, catalog: Catalog, paris: Store
) -> None:
    _add_jacket(screen, catalog)

    page = screen.get("/kiosk/checkout").text

    assert "Pickup here, at Cairn Lyon Part-Dieu" in page
    assert "Sent here from our warehouse: ready from Thursday 26 November" in page
    assert 'name="store"' not in page and "Paris Rivoli" not in page
    assert "Sign in" not in page and "No account needed." in page
    assert page.count('inputmode="none"') == 3  # the details are typed on the kiosk's keys
    assert "Change your cart" in page and 'href="/cart"' not in page


def test_page_or_fragment_from_the_same_routes(screen: FlaskClient, catalog: Catalog) -> None:
    _add_jacket(screen, catalog)

    page = screen.get("/kiosk/checkout/slots?day=2026-11-27")
    fragment = screen.get(
        "/kiosk/checkout/slots?day=2026-11-27", headers={**HX, "HX-Target": "section#slot-picker"}
    )
    review = screen.get("/kiosk/checkout", headers={**HX, "HX-Target": "section#checkout-review"})

    assert "<html" in page.text and 'id="slot-picker"' in page.text
    assert "<html" not in fragment.text and fragment.text.lstrip().startswith("<section")
    assert 'id="slot-picker"' in fragment.text and "Friday 27 November" in fragment.text
    assert "<html" not in review.text and 'id="checkout-review"' in review.text
    assert 'hx-get="/kiosk/checkout?store=' in review.text


def test_the_order_is_at_this_kiosks_store_whatever_the_form_says(
    screen: FlaskClient, session: Session, catalog: Catalog, paris: Store
) -> None:
    set_stock(session, paris, catalog.jacket.variants[0], 4)
    session.commit()
    _add_jacket(screen, catalog)
    held = _hold(screen, _first_free_slot(screen), store=str(paris.id))
    assert held.status_code == 200 and "Held for 10 minutes" in held.text

    placed = _confirm(screen, store=str(paris.id))

    assert placed.status_code == 303 and placed.headers["Location"] == "/kiosk/checkout/done"
    [order] = _orders(session)
    assert order.store_id == catalog.store.id and order.placed_at_kiosk
    assert order.placed_as_guest and order.account_id is None
    assert order.email == CONTACT["email"] and order.lines[0].quantity == 1
    assert _count(session, CartLine) == 0 and _count(session, SlotHold) == 0
    assert _count(session, OutboxMessage) == 1  # the confirmation email, with the code
    done = screen.get("/kiosk/checkout/done").text
    assert order.pickup_code in done and f"Order {order.number}" in done
    assert "We have emailed the confirmation and your pickup code to camille@example.com" in done
    assert done.count("<svg") >= 2  # the code's QR and the order link's


def test_a_slot_held_at_another_store_is_not_offered_here(
    screen: FlaskClient, session: Session, catalog: Catalog, warehouse: Store, paris: Store
) -> None:
    """Only Paris has the jacket now; the shopper held a slot there on the web's page."""
    session.execute(update(StockLevel).where(StockLevel.store_id == warehouse.id).values(on_hand=0))
    set_stock(session, paris, catalog.jacket.variants[0], 4)
    session.commit()
    _add_jacket(screen, catalog)
    found = FREE_SLOT.search(screen.get(f"/checkout?store={paris.id}").text)
    assert found, "no free slot at Paris"
    data = {"store": str(paris.id), "starts_at": found[1], "csrf_token": csrf(screen)}
    assert screen.post("/checkout/slots", data=data).status_code == 303

    page = screen.get("/kiosk/checkout").text

    assert "This store cannot supply everything in your cart right now." in page
    assert "Paris Rivoli" not in page and "Held for 10 minutes" not in page
    assert 'id="checkout-confirm"' not in page


def test_the_confirmation_is_gone_once_the_visit_ends(
    screen: FlaskClient, catalog: Catalog
) -> None:
    _add_jacket(screen, catalog)
    _hold(screen, _first_free_slot(screen))
    assert _confirm(screen).status_code == 303
    token = csrf(screen, "/kiosk/checkout/done")

    screen.post("/kiosk/reset", data={"csrf_token": token})

    again = screen.get("/kiosk/checkout/done")
    assert again.status_code == 303 and again.headers["Location"] == "/kiosk/home"


def _web_shopper_holds(client: FlaskClient, catalog: Catalog, starts_at: str) -> None:
    """Another shopper, on the web, takes a place in the same slot at Lyon."""
    data = {"csrf_token": csrf(client), "variant_id": str(catalog.jacket.variants[0].id)}
    assert client.post("/cart/lines", data=data).status_code == 303
    data = {"store": str(catalog.store.id), "starts_at": starts_at, "csrf_token": csrf(client)}
    assert client.post("/checkout/slots", data=data).status_code == 303


def test_a_slot_taken_meanwhile_is_refused_in_words(
    screen: FlaskClient, client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    session.execute(update(Store).where(Store.id == catalog.store.id).values(slot_capacity=1))
    session.commit()
    _add_jacket(screen, catalog)
    starts_at = _first_free_slot(screen)
    _web_shopper_holds(client, catalog, starts_at)

    refused = _hold(screen, starts_at)

    assert refused.status_code == 422
    assert "Someone has just taken the last place in this slot. Choose another." in refused.text
    assert _count(session, SlotHold) == 1  # the other shopper's only
    assert _confirm(screen).status_code == 422 and _orders(session) == []


def test_stock_gone_before_confirming_is_refused_and_changes_nothing(
    screen: FlaskClient, session: Session, catalog: Catalog, warehouse: Store
) -> None:
    _add_jacket(screen, catalog)
    _hold(screen, _first_free_slot(screen))
    seen = screen.get("/kiosk/checkout").text
    session.execute(  # meanwhile, the last jackets went to other orders
        update(StockLevel)
        .where(StockLevel.store_id == warehouse.id)
        .values(reserved=StockLevel.on_hand)
    )
    session.commit()

    refused = _confirm(screen, seen)

    assert refused.status_code == 422
    assert "Rain jacket" in refused.text and 'role="alert"' in refused.text
    assert _orders(session) == [] and _count(session, CartLine) == 1
    assert _count(session, SlotHold) == 1


def test_bad_contact_details_are_refused_beside_their_field(
    screen: FlaskClient, session: Session, catalog: Catalog
) -> None:
    _add_jacket(screen, catalog)
    _hold(screen, _first_free_slot(screen))

    refused = _confirm(screen, email="camille@", phone="")

    assert refused.status_code == 422
    assert 'id="checkout-email-error"' in refused.text
    assert 'id="checkout-phone-error"' in refused.text
    assert "Enter a phone number the store can call." in refused.text
    assert 'value="camille@"' in refused.text  # as typed, to correct
    assert _orders(session) == [] and _count(session, CartLine) == 1
    assert _count(session, SlotHold) == 1


def test_without_the_forms_token_nothing_is_held_or_ordered(
    screen: FlaskClient, session: Session, catalog: Catalog
) -> None:
    _add_jacket(screen, catalog)
    starts_at = _first_free_slot(screen)

    held = screen.post("/kiosk/checkout/slots", data={"starts_at": starts_at})
    _hold(screen, starts_at)
    placed = screen.post("/kiosk/checkout", data=CONTACT)

    assert held.status_code == 400 and placed.status_code == 400
    assert _orders(session) == [] and _count(session, CartLine) == 1


def test_a_revoked_kiosk_takes_no_order(
    screen: FlaskClient, session: Session, catalog: Catalog
) -> None:
    _add_jacket(screen, catalog)
    _hold(screen, _first_free_slot(screen))
    page = screen.get("/kiosk/checkout").text
    session.execute(update(Kiosk).values(revoked_at=NOW))
    session.commit()

    placed = screen.post("/kiosk/checkout", data={"csrf_token": csrf_in(page), **CONTACT})

    assert placed.status_code == 403 and "This screen is not in service" in placed.text
    assert screen.get("/kiosk/checkout").status_code == 403
    assert _orders(session) == []


def test_the_end_of_a_visit_gives_a_held_slot_back(
    screen: FlaskClient, session: Session, catalog: Catalog
) -> None:
    _add_jacket(screen, catalog)
    _hold(screen, _first_free_slot(screen))
    assert _count(session, SlotHold) == 1

    screen.post("/kiosk/reset", data={"csrf_token": csrf(screen, "/kiosk/checkout")})

    assert _count(session, SlotHold) == 0
    assert session.scalar(select(func.sum(PickupSlot.taken))) == 0
    session.rollback()
