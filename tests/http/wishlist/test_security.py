"""No identifier in a URL or a form reaches another shopper's lists: 404, and nothing changes."""

import re

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.wishlist.models import Wishlist, WishlistItem
from tests.http.conftest import Catalog
from tests.http.wishlist.conftest import SignIn, post


def test_another_shoppers_list_and_item_ids_are_not_found(
    client: FlaskClient, other: FlaskClient, session: Session, catalog: Catalog
) -> None:
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1)
    post(client, "/wishlist/lists", name="Private")
    assert post(other, "/wishlist/lists", name="Mine").status_code == 303
    list_id, item_id = session.execute(
        select(Wishlist.id, WishlistItem.id).join(WishlistItem.wishlist)
    ).one()
    other_list = session.scalar(select(Wishlist.id).where(Wishlist.name == "Mine"))
    session.commit()  # end the read: SQLite lets the app write again
    attempts = {
        f"/wishlist/lists/{list_id}/rename": {"name": "Stolen"},
        f"/wishlist/lists/{list_id}/delete": {},
        f"/wishlist/lists/{list_id}/default": {},
        f"/wishlist/lists/{list_id}/share": {},
        f"/wishlist/lists/{list_id}/unshare": {},
        f"/wishlist/items/{item_id}/remove": {},
        f"/wishlist/items/{item_id}/move": {"list_id": other_list},
        f"/wishlist/items/{item_id}/cart": {"variant_id": catalog.shoe.variants[0].id},
    }
    for path, form in attempts.items():
        assert post(other, path, **form).status_code == 404, path
    # Nor can one move one's own item into someone else's list.
    post(other, f"/wishlist/heart/{catalog.jacket.id}", on=1)
    theirs = session.scalar(
        select(WishlistItem.id).where(WishlistItem.product_id == catalog.jacket.id)
    )
    session.commit()
    assert post(other, f"/wishlist/items/{theirs}/move", list_id=list_id).status_code == 404
    counts = session.execute(
        select(func.count(WishlistItem.id)).where(WishlistItem.wishlist_id == list_id)
    ).scalar_one()
    names = set(session.scalars(select(Wishlist.name)))
    session.commit()
    assert counts == 1 and "Stolen" not in names


def test_a_visitor_without_lists_gets_404_not_an_error(client: FlaskClient) -> None:
    for path in ("/wishlist/lists/1/rename", "/wishlist/items/1/remove", "/wishlist/merges/1/undo"):
        assert post(client, path, name="x").status_code == 404


def test_another_accounts_merge_cannot_be_undone(
    client: FlaskClient, other: FlaskClient, sign_in: SignIn, catalog: Catalog
) -> None:
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1)
    sign_in(client)
    sign_in(other)
    merge_id = _merge_id(client.get("/wishlist").text)
    for action in ("undo", "redo", "dismiss"):
        assert post(other, f"/wishlist/merges/{merge_id}/{action}").status_code == 404


def _merge_id(html: str) -> str:
    match = re.search(r"/wishlist/merges/(\d+)/undo", html)
    assert match is not None
    return match[1]
