"""A heart saves the size and colour the shopper picked; lists and shared lists name it."""

import re

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from storefront.wishlist.models import Wishlist
from tests.http.conftest import Catalog
from tests.http.wishlist.conftest import HX, post

VARIANT_43 = "Trail runner, Size 43, Red,"


def heart_of(html: str) -> str:
    match = re.search(r'<form class="heart".*?</form>', html, re.S)
    assert match is not None
    return match[0]


def pressed(html: str) -> bool:
    return 'aria-pressed="true"' in heart_of(html)


def variant_id(session: Session, sku: str) -> int:
    found = session.scalar(select(Variant.id).where(Variant.sku == sku))
    session.commit()
    assert found is not None
    return found


def test_the_heart_saves_the_picked_size_and_shows_it_in_the_list(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    size_43 = variant_id(session, "TR-43-RED")
    page = client.get("/p/trail-runner?size=43").text
    assert f'name="variant_id" value="{size_43}"' in heart_of(page)
    assert f'aria-label="Save {VARIANT_43} to wishlist"' in heart_of(page)
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1, variant_id=size_43)
    assert pressed(client.get("/p/trail-runner?size=43").text)
    assert not pressed(client.get("/p/trail-runner?size=42").text)
    assert not pressed(client.get("/p/trail-runner").text)  # the product as such is apart
    wishlist = client.get("/wishlist").text
    assert "Size 43, Red" in wishlist and "Size 42" not in wishlist


def test_without_a_pick_the_heart_saves_the_product_as_such(
    client: FlaskClient, catalog: Catalog
) -> None:
    page = client.get("/p/trail-runner").text
    assert 'name="variant_id"' not in heart_of(page)
    assert 'aria-label="Save Trail runner to wishlist"' in heart_of(page)


def test_two_sizes_are_two_items_and_hearting_one_again_removes_only_it(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    size_42, size_43 = variant_id(session, "TR-42-RED"), variant_id(session, "TR-43-RED")
    shoe = f"/wishlist/heart/{catalog.shoe.id}"
    post(client, shoe, on=1, variant_id=size_42)
    post(client, shoe, on=1, variant_id=size_43)
    post(client, shoe, on=1)
    assert 'aria-label="Wishlist, 3 items"' in client.get("/wishlist/link", headers=HX).text
    released = post(client, shoe, hx=True, on=0, variant_id=size_43)
    assert 'aria-pressed="false"' in released.text and f'value="{size_43}"' in released.text
    wishlist = client.get("/wishlist").text
    assert "Size 42, Red" in wishlist and "Size 43" not in wishlist
    assert 'aria-label="Wishlist, 2 items"' in client.get("/wishlist/link", headers=HX).text


def test_picking_a_size_swaps_in_the_heart_of_that_size(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    size_43 = variant_id(session, "TR-43-RED")
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1, variant_id=size_43)
    swap = client.get("/p/trail-runner?size=43", headers={**HX, "HX-Target": "div#buy-box"})
    assert swap.status_code == 200 and "<html" not in swap.text
    heart = heart_of(swap.text)
    assert 'hx-swap-oob="true"' in heart and f'id="heart-{catalog.shoe.id}"' in heart
    assert f'value="{size_43}"' in heart and pressed(swap.text)
    page = client.get("/p/trail-runner?size=43").text
    assert page.count('<form class="heart"') == 1 and "hx-swap-oob" not in heart_of(page)


def test_a_variant_of_another_product_is_refused_and_nothing_is_saved(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    jacket_m = variant_id(session, "RJ-M")
    refused = post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1, variant_id=jacket_m)
    assert refused.status_code == 404
    assert session.scalar(select(Wishlist.id)) is None


def test_a_shared_list_names_the_size_and_sku_for_the_store(
    client: FlaskClient, other: FlaskClient, session: Session, catalog: Catalog
) -> None:
    size_43 = variant_id(session, "TR-43-RED")
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1, variant_id=size_43)
    list_id = session.scalar(select(Wishlist.id))
    session.commit()
    post(client, f"/wishlist/lists/{list_id}/share")
    token = session.scalar(select(Wishlist.share_token))
    session.commit()
    shared = other.get(f"/wishlist/shared/{token}").text
    assert "Size 43, Red" in shared and "TR-43-RED" in shared
