"""Two devices saving the same product at the same moment: one default list, one item,
on SQLite and on PostgreSQL (run with STOREFRONT_DATABASE_URL set)."""

import threading

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


def test_devices_racing_on_two_sizes_and_the_product_keep_one_item_each(
    app: Flask, session: Session, member: Owner
) -> None:
    coat = make_product(session, "Coat", variants=[{"size": "M"}, {"size": "L"}])
    hearts = [coat.variants[0].id, coat.variants[1].id, None] * 3
    session.commit()
    picks = iter(hearts)
    lock = threading.Lock()

    def press(own: Session) -> None:
        with lock:
            variant_id = next(picks)
        services.toggle_heart(own, member, coat.id, on=True, variant_id=variant_id)

    assert race(app, press, len(hearts)) == []
    session.expire_all()
    kept = session.execute(select(WishlistItem.product_id, WishlistItem.variant_id)).all()
    assert sorted(kept, key=lambda row: row[1] or 0) == [
        (coat.id, None),
        (coat.id, coat.variants[0].id),
        (coat.id, coat.variants[1].id),
    ]
