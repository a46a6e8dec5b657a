import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.cart.models import CartLine
from storefront.cart.services import CartError
from storefront.shopper import Owner
from storefront.wishlist import lists, queries, rules, services
from storefront.wishlist.models import Wishlist, WishlistItem
from tests.factories import make_product, make_store, set_stock
from tests.unit.wishlist.conftest import state


def test_first_heart_creates_the_default_list_with_the_from_price(
    session: Session, guest: Owner
) -> None:
    boot = make_product(session, "Boot", variants=[{"price_amount": 9000}, {"price_amount": 8000}])
    assert services.toggle_heart(session, guest, boot.id, on=True) is True
    [default] = session.scalars(select(Wishlist).where(services.owned_by(guest))).all()
    assert default.is_default and default.name == rules.DEFAULT_LIST_NAME
    [item] = default.items
    assert (item.product_id, item.variant_id, item.price_at_add) == (boot.id, None, 8000)


def test_pressing_twice_keeps_one_item_and_releasing_removes_it_from_every_list(
    session: Session, member: Owner
) -> None:
    tent = make_product(session, "Tent")
    services.toggle_heart(session, member, tent.id, on=True)
    services.toggle_heart(session, member, tent.id, on=True)
    assert len(session.scalars(select(WishlistItem)).all()) == 1
    trip = lists.create_list(session, member, "Trip")
    services.insert_item(session, trip.id, tent.id, variant_id=None, price_at_add=1)
    assert queries.wished_hearts(session, member) == {(tent.id, None)}
    assert services.toggle_heart(session, member, tent.id, on=False) is False
    assert session.scalars(select(WishlistItem)).all() == []


def test_a_heart_may_record_the_chosen_variant_and_its_price(
    session: Session, guest: Owner
) -> None:
    shoe = make_product(session, variants=[{"price_amount": 5000}, {"price_amount": 7000}])
    other = make_product(session)
    services.toggle_heart(session, guest, shoe.id, on=True, variant_id=shoe.variants[1].id)
    [item] = session.scalars(select(WishlistItem)).all()
    assert (item.variant_id, item.price_at_add) == (shoe.variants[1].id, 7000)
    with pytest.raises(services.NotFound):
        services.toggle_heart(session, guest, shoe.id, on=True, variant_id=other.variants[0].id)
    with pytest.raises(services.NotFound):
        services.toggle_heart(session, guest, 999_999, on=True)


def test_a_full_list_refuses_with_a_reason(
    session: Session, guest: Owner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "MAX_ITEMS_PER_LIST", 1)
    first, second = make_product(session), make_product(session)
    services.toggle_heart(session, guest, first.id, on=True)
    with pytest.raises(services.WishlistError) as refused:
        services.toggle_heart(session, guest, second.id, on=True)
    assert "full" in str(refused.value.message)


def test_default_list_is_created_once(session: Session, member: Owner) -> None:
    first = services.default_list(session, member)
    assert services.default_list(session, member).id == first.id


def test_lists_are_named_uniquely_and_the_first_becomes_the_default(
    session: Session, guest: Owner
) -> None:
    trip = lists.create_list(session, guest, "  Summer   trip ")
    assert (trip.name, trip.is_default) == ("Summer trip", True)
    gifts = lists.create_list(session, guest, "Gifts")
    assert not gifts.is_default
    with pytest.raises(services.WishlistError):
        lists.create_list(session, guest, "GIFTS")
    with pytest.raises(services.WishlistError):
        lists.rename_list(session, guest, gifts.id, "summer trip")
    assert lists.rename_list(session, guest, gifts.id, "gifts").name == "gifts"


def test_number_of_lists_is_limited(
    session: Session, guest: Owner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "MAX_LISTS", 2)
    lists.create_list(session, guest, "One")
    lists.create_list(session, guest, "Two")
    with pytest.raises(services.WishlistError):
        lists.create_list(session, guest, "Three")


def test_the_default_list_cannot_be_deleted_until_another_is_the_default(
    session: Session, member: Owner
) -> None:
    default = services.default_list(session, member)
    other = lists.create_list(session, member, "Other")
    with pytest.raises(services.WishlistError):
        lists.delete_list(session, member, default.id)
    lists.set_default(session, member, other.id)
    assert services.find_default(session, member).id == other.id  # type: ignore[union-attr]
    assert lists.delete_list(session, member, default.id) == rules.DEFAULT_LIST_NAME
    assert [name for name, *_ in state(session, member)] == ["Other"]


def test_moving_keeps_the_saved_price_and_never_duplicates(session: Session, guest: Owner) -> None:
    tent, mat = make_product(session, "Tent"), make_product(session, "Mat")
    services.toggle_heart(session, guest, tent.id, on=True)
    services.toggle_heart(session, guest, mat.id, on=True)
    trip = lists.create_list(session, guest, "Trip")
    services.insert_item(session, trip.id, mat.id, variant_id=None, price_at_add=1)
    default = services.default_list(session, guest)
    items = {i.product_id: i.id for i in default.items}
    services.move_item(session, guest, items[tent.id], trip.id)
    services.move_item(session, guest, items[mat.id], trip.id)
    assert state(session, guest) == [
        (rules.DEFAULT_LIST_NAME, True, None, []),
        ("Trip", False, None, sorted([(tent.id, None, 4999), (mat.id, None, 1)])),
    ]


def test_another_shoppers_lists_and_items_are_not_found(
    session: Session, guest: Owner, member: Owner
) -> None:
    tent = make_product(session)
    services.toggle_heart(session, guest, tent.id, on=True)
    [item] = session.scalars(select(WishlistItem)).all()
    mine = lists.create_list(session, member, "Mine")
    theirs = item.wishlist_id
    attempts = [
        lambda: lists.rename_list(session, member, theirs, "x"),
        lambda: lists.delete_list(session, member, theirs),
        lambda: lists.set_default(session, member, theirs),
        lambda: lists.share_list(session, member, theirs),
        lambda: lists.revoke_share(session, member, theirs),
        lambda: services.remove_item(session, member, item.id),
        lambda: services.move_item(session, member, item.id, mine.id),
        lambda: services.move_to_cart(session, member, item.id, tent.variants[0].id),
    ]
    for attempt in attempts:
        with pytest.raises(services.NotFound):
            attempt()
    assert len(state(session, guest)[0][3]) == 1


def test_move_to_cart_adds_the_variant_then_removes_the_item(
    session: Session, guest: Owner
) -> None:
    boot = make_product(session, variants=[{"size": "42"}, {"size": "43"}])
    store = make_store(session)
    set_stock(session, store, boot.variants[1], 2)
    services.toggle_heart(session, guest, boot.id, on=True)
    [item] = session.scalars(select(WishlistItem)).all()
    with pytest.raises(CartError):  # size 42 is out of stock: the item stays
        services.move_to_cart(session, guest, item.id, boot.variants[0].id)
    with pytest.raises(services.WishlistError):
        services.move_to_cart(session, guest, item.id, make_product(session).variants[0].id)
    services.move_to_cart(session, guest, item.id, boot.variants[1].id)
    [line] = session.scalars(select(CartLine)).all()
    assert (line.variant_id, line.quantity) == (boot.variants[1].id, 1)
    assert session.scalars(select(WishlistItem)).all() == []


def test_sharing_keeps_one_unguessable_link_until_revoked(session: Session, guest: Owner) -> None:
    trip = lists.create_list(session, guest, "Trip")
    token = lists.share_list(session, guest, trip.id)
    assert len(token) == 32 and lists.share_list(session, guest, trip.id) == token
    assert queries.shared_list(session, token) is not None
    lists.revoke_share(session, guest, trip.id)
    assert queries.shared_list(session, token) is None
    assert lists.share_list(session, guest, trip.id) != token
