"""The shopper's "Show to a store associate" panel: start, stop, expiry, and only for the owner."""

import re
from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.clock import SetClock
from storefront.wishlist.models import Wishlist
from tests.http.conftest import Catalog
from tests.http.wishlist.conftest import HX, post

CODE = re.compile(r'class="associate-panel__code" translate="no">([A-Z0-9]{4}-[A-Z0-9]{4})<')


def saved_list(client: FlaskClient, session: Session, catalog: Catalog) -> int:
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1)
    list_id = session.scalar(select(Wishlist.id))
    session.commit()
    assert list_id is not None
    return list_id


def code_in(html: str) -> str | None:
    found = CODE.search(html)
    return found[1] if found else None


def test_the_wishlist_offers_it_and_one_tap_shows_a_code_and_its_qr(
    client: FlaskClient, session: Session, catalog: Catalog, clock: SetClock
) -> None:
    list_id = saved_list(client, session, catalog)
    page = client.get("/wishlist").text
    assert f'hx-get="/show-in-store/lists/{list_id}" hx-trigger="load"' in page
    assert f'action="/show-in-store/lists/{list_id}"' in page
    closed = client.get(f"/show-in-store/lists/{list_id}", headers=HX)
    assert "<html" not in closed.text and "Show a code" in closed.text
    assert code_in(closed.text) is None
    shown = post(client, f"/show-in-store/lists/{list_id}", hx=True)
    assert shown.status_code == 200 and "<html" not in shown.text
    code = code_in(shown.text)
    assert code is not None and re.fullmatch(r"[2-9A-HJKMNPR-TW-Z]{4}-[2-9A-HJKMNPR-TW-Z]{4}", code)
    assert "<svg" in shown.text and "Valid for 30 more minutes." in shown.text
    assert 'hx-trigger="every 5s, shopper-refresh from:body"' in shown.text
    # The same code on the next look, from this device or another of the same shopper.
    clock.advance(timedelta(minutes=10))
    again = client.get(f"/show-in-store/lists/{list_id}", headers=HX).text
    assert code_in(again) == code and "Valid for 20 more minutes." in again


def test_without_javascript_the_button_posts_and_the_panel_has_its_own_page(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    list_id = saved_list(client, session, catalog)
    shown = post(client, f"/show-in-store/lists/{list_id}")
    assert shown.status_code == 303 and shown.location == f"/show-in-store/lists/{list_id}"
    page = client.get(shown.location).text
    assert "<html" in page and code_in(page) is not None
    assert 'href="/wishlist"' in page


def test_the_code_stops_after_30_minutes(
    client: FlaskClient, session: Session, catalog: Catalog, clock: SetClock
) -> None:
    list_id = saved_list(client, session, catalog)
    post(client, f"/show-in-store/lists/{list_id}", hx=True)
    clock.advance(timedelta(minutes=29, seconds=59))
    assert "Valid for 1 more minute." in client.get(f"/show-in-store/lists/{list_id}").text
    clock.advance(timedelta(seconds=1))
    after = client.get(f"/show-in-store/lists/{list_id}", headers=HX).text
    assert code_in(after) is None and "every 5s" not in after and "Show a code" in after


def test_stop_sharing_ends_the_code_and_showing_again_makes_a_new_one(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    list_id = saved_list(client, session, catalog)
    first = code_in(post(client, f"/show-in-store/lists/{list_id}", hx=True).text)
    stopped = post(client, f"/show-in-store/lists/{list_id}/stop", hx=True).text
    assert code_in(stopped) is None and "You stopped sharing: the code no longer works." in stopped
    second = code_in(post(client, f"/show-in-store/lists/{list_id}", hx=True).text)
    assert second is not None and second != first


def test_another_shopper_can_neither_show_nor_stop_nor_read_the_panel(
    client: FlaskClient, other: FlaskClient, session: Session, catalog: Catalog
) -> None:
    list_id = saved_list(client, session, catalog)
    code = code_in(post(client, f"/show-in-store/lists/{list_id}", hx=True).text)
    post(other, f"/wishlist/heart/{catalog.jacket.id}", on=1)  # other has a list of their own
    assert post(other, f"/show-in-store/lists/{list_id}").status_code == 404
    assert post(other, f"/show-in-store/lists/{list_id}/stop").status_code == 404
    assert other.get(f"/show-in-store/lists/{list_id}").status_code == 404
    assert code_in(client.get(f"/show-in-store/lists/{list_id}").text) == code


def test_a_post_without_its_csrf_token_changes_nothing(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    list_id = saved_list(client, session, catalog)
    assert client.post(f"/show-in-store/lists/{list_id}").status_code == 400
    assert code_in(client.get(f"/show-in-store/lists/{list_id}").text) is None


def test_the_cart_can_be_shown_too(client: FlaskClient, catalog: Catalog) -> None:
    assert post(client, "/show-in-store/cart").status_code == 404  # no cart yet
    post(client, "/cart/lines", variant_id=catalog.shoe.variants[0].id, quantity=2)
    page = client.get("/cart").text
    assert 'id="associate-cart"' in page and 'hx-get="/show-in-store/cart"' in page
    shown = post(client, "/show-in-store/cart", hx=True).text
    assert code_in(shown) is not None and "the items in your cart" in shown
