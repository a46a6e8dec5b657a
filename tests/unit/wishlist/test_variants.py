"""Items per variant: M and L of one jacket are two items, the product as such a third,
and merging, moving and the data download keep which is which."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Product
from storefront.shopper import Owner
from storefront.wishlist import lists, merging, queries, services
from storefront.wishlist.models import WishlistItem
from tests.factories import make_product
from tests.unit.wishlist.conftest import make_account, state


def jacket(session: Session) -> Product:
    return make_product(
        session,
        "Jacket",
        variants=[{"size": "M", "colour": "Red"}, {"size": "L", "colour": "Red"}],
    )


def saved(session: Session, owner: Owner) -> set[tuple[int, int | None]]:
    return set(queries.wished_hearts(session, owner))


def test_each_variant_and_the_product_as_such_have_their_own_heart(
    session: Session, guest: Owner
) -> None:
    coat = jacket(session)
    medium, large = coat.variants
    services.toggle_heart(session, guest, coat.id, on=True, variant_id=medium.id)
    services.toggle_heart(session, guest, coat.id, on=True, variant_id=large.id)
    services.toggle_heart(session, guest, coat.id, on=True, variant_id=medium.id)  # a double click
    services.toggle_heart(session, guest, coat.id, on=True)
    assert saved(session, guest) == {(coat.id, medium.id), (coat.id, large.id), (coat.id, None)}
    assert services.toggle_heart(session, guest, coat.id, on=False, variant_id=medium.id) is False
    assert saved(session, guest) == {(coat.id, large.id), (coat.id, None)}
    services.toggle_heart(session, guest, coat.id, on=False)
    assert saved(session, guest) == {(coat.id, large.id)}


def test_a_sign_in_merge_keeps_the_guests_sizes(
    session: Session, guest: Owner, member: Owner
) -> None:
    coat = jacket(session)
    medium, large = coat.variants
    services.toggle_heart(session, member, coat.id, on=True, variant_id=medium.id)
    services.toggle_heart(session, guest, coat.id, on=True, variant_id=medium.id)
    services.toggle_heart(session, guest, coat.id, on=True, variant_id=large.id)
    assert guest.guest_token and member.account_id
    record = merging.merge_guest_lists(session, guest.guest_token, member.account_id)
    assert record is not None and merging.added_count(record) == 1  # L; M was there already
    [(_, _, _, items)] = state(session, member)
    assert [variant for _, variant, _ in items] == sorted([medium.id, large.id])
    merging.undo_merge(session, member.account_id, record.id)
    [(_, _, _, guest_items)] = state(session, guest)
    assert sorted(variant for _, variant, _ in guest_items) == sorted([medium.id, large.id])


def test_moving_an_item_keeps_its_size_beside_another_size_there(
    session: Session, guest: Owner
) -> None:
    coat = jacket(session)
    medium, large = coat.variants
    trip = lists.create_list(session, guest, "Trip")
    services.insert_item(session, trip.id, coat.id, variant_id=large.id, price_at_add=1)
    services.toggle_heart(session, guest, coat.id, on=True, variant_id=medium.id)
    item = session.scalars(select(WishlistItem).where(WishlistItem.variant_id == medium.id)).one()
    services.move_item(session, guest, item.id, trip.id)
    session.expire_all()
    moved = session.scalars(select(WishlistItem).where(WishlistItem.wishlist_id == trip.id))
    assert sorted(i.variant_id or 0 for i in moved) == sorted([medium.id, large.id])


def test_the_data_download_names_each_items_variant(session: Session) -> None:
    account = make_account(session)
    owner = Owner(account_id=account.id)
    coat = jacket(session)
    services.toggle_heart(session, owner, coat.id, on=True, variant_id=coat.variants[1].id)
    services.toggle_heart(session, owner, coat.id, on=True)
    [exported] = queries.export_for_account(session, account.id)
    variants = [item["variant"] for item in exported["items"]]  # type: ignore[index, union-attr]
    assert variants == [{"sku": coat.variants[1].sku, "size": "L", "colour": "Red"}, None]
