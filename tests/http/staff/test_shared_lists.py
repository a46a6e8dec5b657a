"""The associate's view of a list a shopper shows: by its code, only while shared, only for
staff, only that list; each look recorded and shown to the shopper."""

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.catalog.models import Product
from storefront.clock import SetClock
from storefront.consent.models import ConsentView
from storefront.staff.models import StaffRole
from storefront.wishlist.models import Wishlist
from tests.conftest import PASSWORD, AuthActions
from tests.factories import make_account, make_product, set_stock
from tests.http.consent.test_panel import code_in
from tests.http.staff.conftest import Stores
from tests.http.wishlist.conftest import HX, post


@pytest.fixture
def jacket(session: Session, stores: Stores) -> Product:
    """Size M in red: 3 at Lyon, 5 at Paris."""
    product = make_product(
        session,
        "Rain jacket",
        variants=[
            {"sku": "RJ-M-RED", "size": "M", "colour": "Red", "price_amount": 12900},
            {"sku": "RJ-L-RED", "size": "L", "colour": "Red", "price_amount": 12900},
        ],
    )
    set_stock(session, stores.lyon, product.variants[0], 3)
    set_stock(session, stores.paris, product.variants[0], 5)
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
    assert "Here:" in text and "3 in stock" in text
    assert "Paris Rivoli" in text and "5 in stock" in text
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


def test_the_qr_link_opens_the_list_from_the_staff_members_store(
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
    choose = client.get(f"/staff/lists/{code}")
    assert choose.status_code == 200 and "Which store are you in?" in choose.text
    assert f'href="/staff/PARIS1/lists/{code}"' in choose.text


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
