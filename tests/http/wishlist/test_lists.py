import re

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.cart.models import CartLine
from storefront.wishlist.models import Wishlist, WishlistItem
from tests.http.conftest import Catalog
from tests.http.wishlist.conftest import post


def ids(session: Session) -> tuple[dict[str, int], dict[int, int]]:
    """List ids by name, item ids by product id. The read ends its transaction with a commit
    (which keeps loaded objects), so the app's next write is not kept waiting on SQLite."""
    lists = {name: id_ for name, id_ in session.execute(select(Wishlist.name, Wishlist.id))}
    items = {p: i for p, i in session.execute(select(WishlistItem.product_id, WishlistItem.id))}
    session.commit()
    return lists, items


def test_create_rename_and_refuse_a_duplicate_with_htmx(client: FlaskClient) -> None:
    created = post(client, "/wishlist/lists", hx=True, name="Summer trek")
    assert created.status_code == 200 and "<html" not in created.text
    assert "Summer trek" in created.text and "List “Summer trek” created." in created.text
    assert created.headers["HX-Trigger"] == "wishlist-changed"
    duplicate = post(client, "/wishlist/lists", hx=True, name="SUMMER TREK")
    assert duplicate.status_code == 422
    assert "You already have a list called" in duplicate.text
    assert 'value="SUMMER TREK"' in duplicate.text and 'aria-invalid="true"' in duplicate.text
    list_id = re.search(r"/wishlist/lists/(\d+)/rename", created.text)
    assert list_id is not None
    renamed = post(client, f"/wishlist/lists/{list_id[1]}/rename", hx=True, name="Winter trek")
    assert "Winter trek" in renamed.text


def test_without_javascript_a_change_redirects_and_the_page_says_what_happened(
    client: FlaskClient,
) -> None:
    response = post(client, "/wishlist/lists", name="Gifts")
    assert response.status_code == 303 and response.location == "/wishlist"
    assert "List “Gifts” created." in client.get("/wishlist").text
    refused = post(client, "/wishlist/lists", name="  ")
    assert refused.status_code == 422 and "<html" in refused.text
    assert "Give the list a name." in refused.text


def test_items_move_between_lists_and_to_the_cart(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1)
    post(client, f"/wishlist/heart/{catalog.jacket.id}", on=1)
    post(client, "/wishlist/lists", name="Race day")
    lists, items = ids(session)
    moved = post(
        client, f"/wishlist/items/{items[catalog.shoe.id]}/move", hx=True, list_id=lists["Race day"]
    )
    assert "Moved to “Race day”." in moved.text
    bad = post(client, f"/wishlist/items/{items[catalog.jacket.id]}/move", hx=True, list_id="x")
    assert bad.status_code == 422 and "Choose a list" in bad.text

    _, items = ids(session)
    out_of_stock = post(
        client,
        f"/wishlist/items/{items[catalog.shoe.id]}/cart",
        hx=True,
        variant_id=catalog.shoe.variants[2].id,
    )
    assert out_of_stock.status_code == 422 and "out of stock" in out_of_stock.text
    to_cart = post(
        client,
        f"/wishlist/items/{items[catalog.shoe.id]}/cart",
        hx=True,
        variant_id=catalog.shoe.variants[0].id,
    )
    assert to_cart.status_code == 200
    assert to_cart.headers["HX-Trigger"] == "wishlist-changed, cart-changed"
    in_cart = list(session.scalars(select(CartLine.variant_id)))
    session.commit()
    assert in_cart == [catalog.shoe.variants[0].id]
    removed = post(client, f"/wishlist/items/{items[catalog.jacket.id]}/remove", hx=True)
    assert "Rain jacket removed." in removed.text
    assert ids(session)[1] == {}


def test_the_default_list_is_kept_until_another_is_chosen(
    client: FlaskClient, session: Session
) -> None:
    post(client, "/wishlist/lists", name="First")
    post(client, "/wishlist/lists", name="Second")
    lists, _ = ids(session)
    refused = post(client, f"/wishlist/lists/{lists['First']}/delete", hx=True)
    assert refused.status_code == 422 and "Make another list the default first" in refused.text
    post(client, f"/wishlist/lists/{lists['Second']}/default", hx=True)
    assert post(client, f"/wishlist/lists/{lists['First']}/delete").status_code == 303
    assert list(ids(session)[0]) == ["Second"]
