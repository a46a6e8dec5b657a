from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Product
from storefront.shopper import Owner
from storefront.wishlist import lists, merging, queries, rules, services
from storefront.wishlist.models import WishlistMerge
from tests.factories import make_product
from tests.unit.wishlist.conftest import state


def _arrange(session: Session, guest: Owner, member: Owner) -> dict[str, Product]:
    """The account saved a tent and has a "Trip" list; the guest saved the tent and a mat,
    and made a "trip" list (same name, other case) with a stove, and a shared "Gifts" list."""
    p = {name: make_product(session, name) for name in ("Tent", "Mat", "Stove", "Socks")}
    services.toggle_heart(session, member, p["Tent"].id, on=True)
    lists.create_list(session, member, "Trip")
    services.toggle_heart(session, guest, p["Tent"].id, on=True)
    services.toggle_heart(session, guest, p["Mat"].id, on=True)
    trip = lists.create_list(session, guest, "trip")
    services.insert_item(session, trip.id, p["Stove"].id, variant_id=None, price_at_add=100)
    gifts = lists.create_list(session, guest, "Gifts")
    services.insert_item(session, gifts.id, p["Socks"].id, variant_id=None, price_at_add=200)
    lists.share_list(session, guest, gifts.id)
    session.flush()
    return p


def test_merge_adds_guest_items_once_and_brings_other_lists_renamed(
    session: Session, guest: Owner, member: Owner
) -> None:
    p = _arrange(session, guest, member)
    assert guest.guest_token and member.account_id
    record = merging.merge_guest_lists(session, guest.guest_token, member.account_id)
    assert record is not None
    assert merging.added_count(record) == 3  # the mat, the stove, the socks: not the tent again
    names = [name for name, *_ in state(session, member)]
    assert names == ["Gifts", rules.DEFAULT_LIST_NAME, "Trip", "trip (2)"]
    [default] = [s for s in state(session, member) if s[1]]
    assert [product for product, *_ in default[3]] == sorted([p["Tent"].id, p["Mat"].id])
    assert state(session, guest) == []
    gifts = next(s for s in state(session, member) if s[0] == "Gifts")
    assert gifts[2] is not None and queries.shared_list(session, gifts[2]) is not None


def test_undo_puts_both_sides_back_exactly_and_redo_merges_again(
    session: Session, guest: Owner, member: Owner
) -> None:
    _arrange(session, guest, member)
    assert guest.guest_token and member.account_id
    before = state(session, guest), state(session, member)
    record = merging.merge_guest_lists(session, guest.guest_token, member.account_id)
    assert record is not None
    merging.undo_merge(session, member.account_id, record.id)
    assert (state(session, guest), state(session, member)) == before
    merging.undo_merge(session, member.account_id, record.id)  # twice: nothing more happens
    assert (state(session, guest), state(session, member)) == before

    again = merging.redo_merge(session, member.account_id, record.id)
    assert again is not None and again.id != record.id
    assert state(session, guest) == []
    assert queries.merge_notice(session, member.account_id) == queries.MergeNotice(
        again.id, 3, undone=False
    )


def test_merging_twice_is_harmless(session: Session, guest: Owner, member: Owner) -> None:
    _arrange(session, guest, member)
    assert guest.guest_token and member.account_id
    merging.merge_guest_lists(session, guest.guest_token, member.account_id)
    after_first = state(session, member)
    assert merging.merge_guest_lists(session, guest.guest_token, member.account_id) is None
    assert state(session, member) == after_first
    assert len(session.scalars(select(WishlistMerge)).all()) == 1


def test_nothing_saved_as_a_guest_means_no_merge(
    session: Session, guest: Owner, member: Owner
) -> None:
    assert guest.guest_token and member.account_id
    assert merging.merge_guest_lists(session, guest.guest_token, member.account_id) is None
    lists.create_list(session, guest, "Empty")
    assert merging.merge_guest_lists(session, guest.guest_token, member.account_id) is None
    assert state(session, member) == []


def test_undo_removes_a_default_list_the_merge_created(
    session: Session, guest: Owner, member: Owner
) -> None:
    tent = make_product(session)
    services.toggle_heart(session, guest, tent.id, on=True)
    assert guest.guest_token and member.account_id
    before = state(session, guest)
    record = merging.merge_guest_lists(session, guest.guest_token, member.account_id)
    assert record is not None and state(session, member)[0][1] is True
    merging.undo_merge(session, member.account_id, record.id)
    assert state(session, member) == [] and state(session, guest) == before


def test_another_accounts_merge_cannot_be_undone(
    session: Session, guest: Owner, member: Owner
) -> None:
    tent = make_product(session)
    services.toggle_heart(session, guest, tent.id, on=True)
    assert guest.guest_token and member.account_id
    record = merging.merge_guest_lists(session, guest.guest_token, member.account_id)
    assert record is not None
    for attempt in (merging.undo_merge, merging.redo_merge):
        try:
            attempt(session, member.account_id + 1000, record.id)
        except services.NotFound:
            continue
        raise AssertionError("another account reached the merge")
