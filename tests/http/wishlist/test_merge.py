"""Signing in merges this browser's guest lists into the account's; the shopper sees what
came in, and can undo it, and redo it."""

import re

from flask.testing import FlaskClient

from tests.http.conftest import Catalog
from tests.http.wishlist.conftest import HX, SignIn, post


def merge_action(html: str, action: str) -> str:
    match = re.search(rf'action="(/wishlist/merges/\d+/{action})"', html)
    assert match is not None, action
    return match[1]


def test_sign_in_merges_and_the_notice_undoes_and_redoes(
    client: FlaskClient, sign_in: SignIn, catalog: Catalog
) -> None:
    post(client, f"/wishlist/heart/{catalog.shoe.id}", on=1)
    post(client, f"/wishlist/heart/{catalog.jacket.id}", on=1)
    sign_in(client)
    page = client.get("/wishlist").text
    assert "2 items from this device were added to your wishlist." in page
    assert "Trail runner" in page and "Rain jacket" in page

    undone = post(client, merge_action(page, "undo"), hx=True)
    assert undone.status_code == 200 and "<html" not in undone.text
    assert undone.text.lstrip().startswith('<div id="wishlist-merge"')
    assert "Add them again" in undone.text
    assert undone.headers["HX-Trigger"] == "wishlist-changed, wishlist-merged"
    assert "Trail runner" not in client.get("/wishlist").text

    redone = post(client, merge_action(undone.text, "redo"))
    assert redone.status_code == 303
    page = client.get("/wishlist").text
    assert "2 items from this device were added" in page and "Trail runner" in page

    dismissed = post(client, merge_action(page, "dismiss"), hx=True)
    assert "from this device" not in dismissed.text
    assert "from this device" not in client.get("/wishlist").text


def test_nothing_saved_before_signing_in_means_no_notice(
    client: FlaskClient, sign_in: SignIn, catalog: Catalog
) -> None:
    client.get("/c/running")
    sign_in(client)
    assert 'id="wishlist-merge"' in client.get("/wishlist").text
    assert "from this device" not in client.get("/wishlist").text


def test_two_devices_signed_in_to_one_account_see_the_same_wishlist(
    client: FlaskClient, other: FlaskClient, sign_in: SignIn, catalog: Catalog
) -> None:
    account_id = sign_in(client)
    sign_in(other, account_id)
    post(client, f"/wishlist/heart/{catalog.shoe.id}", hx=True, on=1)
    assert "Trail runner" in other.get("/wishlist", headers=HX).text  # the tab's refresh
    post(other, f"/wishlist/heart/{catalog.shoe.id}", hx=True, on=0)
    assert "Trail runner" not in client.get("/wishlist").text
