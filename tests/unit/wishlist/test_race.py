"""Two devices saving the same product at the same moment: one default list, one item,
on SQLite and on PostgreSQL (run with STOREFRONT_DATABASE_URL set)."""

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.shopper import Owner
from storefront.wishlist import services
from storefront.wishlist.models import Wishlist, WishlistItem
from tests.concurrency import race
from tests.factories import make_product

DEVICES = 8


@pytest.mark.parametrize("owner", [Owner(guest_token="f" * 32), None], ids=["guest", "account"])
def test_devices_racing_on_the_same_product_end_with_one_list_and_one_item(
    app: Flask, session: Session, member: Owner, owner: Owner | None
) -> None:
    owner = owner or member
    tent = make_product(session, "Tent")
    session.commit()
    errors = race(app, lambda own: services.toggle_heart(own, owner, tent.id, on=True), DEVICES)
    assert errors == []
    session.expire_all()
    lists = session.scalar(select(func.count()).select_from(Wishlist))
    items = session.scalar(select(func.count()).select_from(WishlistItem))
    assert (lists, items) == (1, 1)
