"""The associate's view of a list a shopper shows: by its code, only while shared, only for
staff, only that list; each look recorded and shown to the shopper."""

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.catalog.models import Product
from storefront.clock import SetClock
from storefront.consent.models import ConsentView, HoldProposal
from storefront.inventory.models import StockLevel
from storefront.pickup.models import PickupOrder
from storefront.staff.models import StaffRole
from storefront.wishlist.models import Wishlist
from tests.conftest import PASSWORD, AuthActions
from tests.factories import make_account, make_product, set_stock
from tests.forms import csrf, csrf_in
from tests.http.consent.test_panel import code_in
from tests.http.staff.conftest import Stores
from tests.http.wishlist.conftest import HX, post


@pytest.fixture
def jacket(session: Session, stores: Stores) -> Product:
    """Size M in red: 3 at Lyon (aisle 4), 5 at Paris."""
    product = make_product(
        session,
        "Rain jacket",
        variants=[
            {"sku": "RJ-M-RED", "size": "M", "colour": "Red", "price_amount": 12900},
            {"sku": "RJ-L-RED", "size": "L", "colour": "Red", "price_amount": 12900},
        ],
    )
    set_stock(session, stores.lyon, product.variants[0], 3, location="Aisle 4, bay 2")
    set_stock(session, stores.paris, product.variants[0], 5, location="Aisle 9")
    session.commit()
    return product


@pytest.fixture
def shopper(app: Flask) -> FlaskClient:
    return app.test_client()


def shown_code(shopper: FlaskClient, session: Session, product: Product, variant: int) -> str:
    """The shopper hearts `product` in one size, and shows their list: its code."""
    post(shopper, f"/wishlist/heart/{product.id}", on=1, variant_id=variant)
    list_id = session.scalar(select(Wishlist.id).order_by(Wishlist.id.desc()))
    session.commit()
    code = code_in(post(shopper, f"/show-in-store/lists/{list_id}", hx=True).text)
    assert code is not None
    return code


def views(session: Session) -> int:
    count = session.scalar(select(func.count(ConsentView.id)))
    session.commit()
    return count or 0


def test_a_typed_code_opens_the_list_with_each_item_its_size_and_stock_here_and_nearby(
    client: FlaskClient,
    shopper: FlaskClient,
    session: Session,
    stores: Stores,
    jacket: Product,
    ana: AuthActions,
) -> None:
    code = shown_code(shopper, session, jacket, jacket.variants[0].id)
    found = client.get("/staff/LYON1/find", query_string={"code": f" {code.lower()} "})
    assert found.status_code == 303 and found.location == f"/staff/LYON1/lists/{code}"
    page = client.get(found.location)
    assert page.status_code == 200
    text = page.text
    assert "Rain jacket" in text and "Size M · Red" in text and "RJ-M-RED" in text
    assert "€129.00" in text
    assert "Here:" in text and "3 in stock" in text and "Shelf: Aisle 4, bay 2" in text
    assert "Paris Rivoli" in text and "5 in stock" in text
    assert "Aisle 9" not in text  # another store's shelf means nothing here
    # Shown at 09:00 in Lyon (the tests' clock), valid 30 minutes.
    assert "Shared until 09:30" in text
    assert "Hiking boots" not in text  # on no list of theirs


def test_the_associate_sees_only_that_list_and_nothing_about_the_shopper(
    client: FlaskClient,
    shopper: FlaskClient,
    session: Session,
    stores: Stores,
    jacket: Product,
    ana: AuthActions,
) -> None:
    make_account(session, "lea.dubois@example.com", PASSWORD, name="Léa Dubois")
    session.commit()
    AuthActions(shopper).sign_in("lea.dubois@example.com")
    post(shopper, f"/wishlist/heart/{stores.boots.product_id}", on=1)  # on the default list
    post(shopper, "/wishlist/lists", name="Summer trek")
    summer = session.scalar(select(Wishlist.id).where(Wishlist.name == "Summer trek"))
    session.commit()
    post(shopper, f"/wishlist/lists/{summer}/default")
    post(shopper, f"/wishlist/heart/{jacket.id}", on=1, variant_id=jacket.variants[0].id)
    code = code_in(post(shopper, f"/show-in-store/lists/{summer}", hx=True).text)
    text = client.get(f"/staff/LYON1/lists/{code}").text
    assert "Shopper’s list “Summer trek”" in text and "Rain jacket" in text
    assert "Hiking boots" not in text
    assert "Léa" not in text and "lea.dubois" not in text


def test_each_look_is_recorded_against_the_store_and_the_shopper_sees_it(
    client: FlaskClient,
    shopper: FlaskClient,
    session: Session,
    stores: Stores,
    jacket: Product,
    ana: AuthActions,
    clock: SetClock,
) -> None:
    code = shown_code(shopper, session, jacket, jacket.variants[0].id)
    list_id = session.scalar(select(Wishlist.id))
    session.commit()
    before = shopper.get(f"/show-in-store/lists/{list_id}", headers=HX).text
    assert "team viewed" not in before
    clock.advance(timedelta(minutes=2))
    client.get(f"/staff/LYON1/lists/{code}")
    assert views(session) == 1
    panel = shopper.get(f"/show-in-store/lists/{list_id}", headers=HX).text
    assert "Lyon Part-Dieu team viewed this list at 09:02" in panel


def test_an_expired_or_stopped_code_shows_nothing_and_records_nothing(
    client: FlaskClient,
    shopper: FlaskClient,
    session: Session,
    stores: Stores,
    jacket: Product,
    ana: AuthActions,
    clock: SetClock,
) -> None:
    code = shown_code(shopper, session, jacket, jacket.variants[0].id)
    clock.advance(timedelta(minutes=30))
    expired = client.get(f"/staff/LYON1/lists/{code}")
    assert expired.status_code == 404 and "This code has expired." in expired.text
    assert "Rain jacket" not in expired.text
    code = shown_code(shopper, session, jacket, jacket.variants[0].id)
    list_id = session.scalar(select(Wishlist.id))
    session.commit()
    post(shopper, f"/show-in-store/lists/{list_id}/stop")
    stopped = client.get(f"/staff/LYON1/lists/{code}")
    assert stopped.status_code == 404 and "The shopper stopped sharing this list." in stopped.text
    assert "Rain jacket" not in stopped.text
    assert views(session) == 0


def test_an_unknown_code_is_answered_clearly_on_the_board(
    client: FlaskClient, stores: Stores, ana: AuthActions
) -> None:
    board = client.get("/staff/LYON1/find?code=K7R4-MX2P")
    assert board.status_code == 422
    assert "No shared list with this code. Ask the shopper to show it again." in board.text
    direct = client.get("/staff/LYON1/lists/K7R4-MX2P")
    assert direct.status_code == 404 and "No shared list with this code." in direct.text
    # A pickup code still gets the pickup answer.
    assert "No order with this code" in client.get("/staff/LYON1/find?code=ZZZZZZ").text


def test_only_staff_see_a_shared_list(
    client: FlaskClient,
    shopper: FlaskClient,
    session: Session,
    stores: Stores,
    jacket: Product,
    auth: AuthActions,
) -> None:
    code = shown_code(shopper, session, jacket, jacket.variants[0].id)
    anonymous = client.get(f"/staff/LYON1/lists/{code}")
    assert anonymous.status_code == 302 and "/account/sign-in" in anonymous.location
    make_account(session, "camille@example.com", PASSWORD)
    session.commit()
    auth.sign_in("camille@example.com")
    for path in (f"/staff/LYON1/lists/{code}", f"/staff/lists/{code}"):
        refused = client.get(path)
        assert refused.status_code == 404 and "Rain jacket" not in refused.text
    data = {"csrf_token": csrf(client), "variant_id": str(jacket.variants[0].id)}
    assert client.post(f"/staff/LYON1/lists/{code}/hold", data=data).status_code == 404
    assert session.scalar(select(func.count(HoldProposal.id))) == 0
    assert views(session) == 0


def test_staff_of_one_store_see_it_only_from_their_own_store(
    client: FlaskClient,
    shopper: FlaskClient,
    session: Session,
    stores: Stores,
    jacket: Product,
    ana: AuthActions,
) -> None:
    code = shown_code(shopper, session, jacket, jacket.variants[0].id)
    assert client.get(f"/staff/PARIS1/lists/{code}").status_code == 404
    assert views(session) == 0


def test_the_qr_link_opens_the_list_at_the_store_the_staff_member_works_at_now(
    client: FlaskClient,
    shopper: FlaskClient,
    session: Session,
    stores: Stores,
    jacket: Product,
    ana: AuthActions,
) -> None:
    code = shown_code(shopper, session, jacket, jacket.variants[0].id)
    opened = client.get(f"/staff/lists/{code}")
    assert opened.status_code == 302 and opened.location == f"/staff/LYON1/lists/{code}"
    session.add(StaffRole(account_id=ana_id(session), store_id=stores.paris.id))
    session.commit()
    client.post("/staff/working-store", data={"store": "PARIS1", "csrf_token": ana.csrf_token()})
    opened = client.get(f"/staff/lists/{code}")
    assert opened.status_code == 302 and opened.location == f"/staff/PARIS1/lists/{code}"


def test_a_shown_cart_lists_its_lines_with_their_quantities(
    client: FlaskClient, shopper: FlaskClient, stores: Stores, jacket: Product, ana: AuthActions
) -> None:
    post(shopper, "/cart/lines", variant_id=jacket.variants[0].id, quantity=2)
    code = code_in(post(shopper, "/show-in-store/cart", hx=True).text)
    text = client.get(f"/staff/LYON1/lists/{code}").text
    assert "Shopper’s cart" in text and "Rain jacket" in text and "× 2" in text


def ana_id(session: Session) -> int:
    found = session.scalar(select(Account.id).where(Account.email == "ana@example.com"))
    assert found is not None
    return found


def offer(client: FlaskClient, code: str, *variant_ids: int):  # type: ignore[no-untyped-def]
    page = client.get(f"/staff/LYON1/lists/{code}").text
    data = {"csrf_token": csrf_in(page), "variant_id": [str(v) for v in variant_ids]}
    return client.post(f"/staff/LYON1/lists/{code}/hold", data=data)


def offer_id(panel: str) -> int:
    found = re.search(r'action="/show-in-store/lists/\d+/offers/(\d+)/accept"', panel)
    assert found is not None
    return int(found[1])


CONTACT = {"name": "Lou Bernard", "email": "lou.bernard@example.com", "phone": "+33 6 12 34 56 78"}


def test_reserve_here_now_is_an_offer_the_shopper_accepts_and_an_order_is_placed(
    client: FlaskClient,
    shopper: FlaskClient,
    session: Session,
    stores: Stores,
    jacket: Product,
    ana: AuthActions,
) -> None:
    medium = jacket.variants[0]
    code = shown_code(shopper, session, jacket, medium.id)
    list_id = session.scalar(select(Wishlist.id))
    session.commit()
    assert "Hold it here" in client.get(f"/staff/LYON1/lists/{code}").text
    sent = offer(client, code, medium.id)
    assert sent.status_code == 200 and "the shopper sees your offer" in sent.text

    panel = shopper.get(f"/show-in-store/lists/{list_id}", headers=HX).text
    assert "Lyon Part-Dieu can hold 1 item for you" in panel and "Rain jacket · Red · M" in panel
    assert "every 5s" not in panel  # nothing typed into the form is swept away
    accept = f"/show-in-store/lists/{list_id}/offers/{offer_id(panel)}/accept"
    refused = post(shopper, accept, hx=True)  # a guest: the order needs their details
    assert refused.status_code == 422 and 'aria-invalid="true"' in refused.text
    assert orders(session) == []

    placed = post(shopper, accept, hx=True, **CONTACT)
    assert placed.status_code == 200
    assert re.search(
        r"Order C[A-Z0-9]{3}-[A-Z0-9]{4} is placed: collect it at Lyon Part-Dieu on Monday "
        r"23 November from \d\d:\d\d\.",
        placed.text,
    )
    [order] = orders(session)
    assert order.store_id == stores.lyon.id and order.email == CONTACT["email"]
    assert [(line.sku, line.quantity) for line in order.lines] == [("RJ-M-RED", 1)]
    stock = session.scalars(
        select(StockLevel).where(
            StockLevel.store_id == stores.lyon.id, StockLevel.variant_id == medium.id
        )
    ).one()
    assert stock.reserved == 1
    session.commit()
    again = post(shopper, accept, hx=True, **CONTACT)
    assert again.status_code == 422 and "This offer is no longer open." in again.text
    assert len(orders(session)) == 1


def test_no_thanks_holds_nothing(
    client: FlaskClient,
    shopper: FlaskClient,
    session: Session,
    stores: Stores,
    jacket: Product,
    ana: AuthActions,
) -> None:
    code = shown_code(shopper, session, jacket, jacket.variants[0].id)
    list_id = session.scalar(select(Wishlist.id))
    session.commit()
    offer(client, code, jacket.variants[0].id)
    panel = shopper.get(f"/show-in-store/lists/{list_id}", headers=HX).text
    path = f"/show-in-store/lists/{list_id}/offers/{offer_id(panel)}/decline"
    declined = post(shopper, path, hx=True).text
    assert "No problem: nothing is held for you." in declined and "can hold" not in declined
    assert orders(session) == []


def test_only_items_of_the_list_in_stock_here_can_be_offered(
    client: FlaskClient,
    shopper: FlaskClient,
    session: Session,
    stores: Stores,
    jacket: Product,
    ana: AuthActions,
) -> None:
    code = shown_code(shopper, session, jacket, jacket.variants[0].id)
    large = jacket.variants[1]  # not on the list, and none in Lyon
    refused = offer(client, code, large.id, stores.boots.id)
    assert refused.status_code == 422 and "Choose at least one item in stock here." in refused.text
    assert session.scalar(select(func.count(HoldProposal.id))) == 0
    session.commit()


def test_another_shopper_cannot_answer_an_offer(
    client: FlaskClient,
    shopper: FlaskClient,
    app: Flask,
    session: Session,
    stores: Stores,
    jacket: Product,
    ana: AuthActions,
) -> None:
    code = shown_code(shopper, session, jacket, jacket.variants[0].id)
    list_id = session.scalar(select(Wishlist.id))
    session.commit()
    offer(client, code, jacket.variants[0].id)
    panel = shopper.get(f"/show-in-store/lists/{list_id}", headers=HX).text
    stranger = app.test_client()
    post(stranger, f"/wishlist/heart/{jacket.id}", on=1)
    accept = f"/show-in-store/lists/{list_id}/offers/{offer_id(panel)}/accept"
    assert post(stranger, accept, **CONTACT).status_code == 404
    assert orders(session) == []


def orders(session: Session) -> list[PickupOrder]:
    """Orders placed here, besides the two the staff fixture placed."""
    found = session.scalars(select(PickupOrder).where(PickupOrder.email == CONTACT["email"])).all()
    for order in found:
        session.refresh(order)
    session.commit()
    return list(found)
