from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront import clock
from storefront.cart import merging, services
from storefront.cart.models import Cart, CartLine, CartMerge, MergeKind
from storefront.catalog.models import Variant
from storefront.shopper import Owner
from tests.factories import make_account, make_product, make_store, set_stock

GUEST = Owner(guest_token="a" * 32)
OTHER = Owner(guest_token="b" * 32)


@pytest.fixture
def variants(session: Session) -> list[Variant]:
    store = make_store(session)
    product = make_product(
        session,
        variants=[{"size": "S", "price_amount": 1000}, {"size": "M", "price_amount": 2000}],
    )
    set_stock(session, store, product.variants[0], 50)
    set_stock(session, store, product.variants[1], 3)
    return product.variants


def lines(session: Session, owner: Owner) -> dict[int, int]:
    cart = services.find_cart(session, owner)
    if cart is None:
        return {}
    rows = session.execute(
        select(CartLine.variant_id, CartLine.quantity).where(CartLine.cart_id == cart.id)
    )
    return {variant_id: quantity for variant_id, quantity in rows}


def test_adding_the_same_variant_twice_keeps_one_line(session: Session, variants) -> None:
    small = variants[0]
    services.add_to_cart(session, GUEST, small.id, 2)
    result = services.add_to_cart(session, GUEST, small.id, 3)
    assert result.quantity == 5 and result.notice is None
    assert lines(session, GUEST) == {small.id: 5}


def test_adding_more_than_can_be_sold_caps_and_says_so(session: Session, variants) -> None:
    medium = variants[1]  # 3 in stock
    result = services.add_to_cart(session, GUEST, medium.id, 5)
    assert result.quantity == 3 and "Only 3" in str(result.notice)
    with pytest.raises(services.CartError, match="Only 3"):
        services.add_to_cart(session, GUEST, medium.id, 1)
    assert lines(session, GUEST) == {medium.id: 3}


def test_out_of_stock_and_unknown_variants_are_refused(session: Session, variants) -> None:
    product = make_product(session)
    with pytest.raises(services.CartError, match="out of stock"):
        services.add_to_cart(session, GUEST, product.variants[0].id)
    with pytest.raises(services.CartError, match="no longer sold"):
        services.add_to_cart(session, GUEST, 999_999)
    assert lines(session, GUEST) == {}


def test_set_quantity_and_remove_only_reach_the_owners_lines(session: Session, variants) -> None:
    services.add_to_cart(session, GUEST, variants[0].id, 1)
    line_id = session.scalar(select(CartLine.id))
    assert line_id is not None
    with pytest.raises(services.LineNotFound):
        services.set_quantity(session, OTHER, line_id, 4)
    with pytest.raises(services.LineNotFound):
        services.remove_line(session, OTHER, line_id)
    services.set_quantity(session, GUEST, line_id, 4)
    assert lines(session, GUEST) == {variants[0].id: 4}
    services.add_to_cart(session, GUEST, variants[1].id, 1)
    medium_line = session.scalar(select(CartLine.id).where(CartLine.variant_id == variants[1].id))
    assert medium_line is not None
    with pytest.raises(services.CartError, match="Only 3"):
        services.set_quantity(session, GUEST, medium_line, 10)
    removed = services.remove_line(session, GUEST, line_id)
    assert (removed.variant_id, removed.quantity) == (variants[0].id, 4)


def test_merge_adds_guest_lines_and_undo_puts_both_carts_back(session: Session, variants) -> None:
    account = make_account(session, "merge@example.com")
    mine = Owner(account_id=account.id)
    small, medium = variants
    services.add_to_cart(session, mine, small.id, 1)
    services.add_to_cart(session, GUEST, small.id, 2)
    services.add_to_cart(session, GUEST, medium.id, 1)

    record = merging.merge_guest_cart(session, GUEST.guest_token or "", account.id)
    assert record is not None
    assert lines(session, mine) == {small.id: 3, medium.id: 1}
    assert lines(session, GUEST) == {}
    assert {a["variant_id"]: (a["quantity"], a["already_had"]) for a in record.added} == {
        small.id: (2, 1),
        medium.id: (1, 0),
    }

    assert merging.undo_merge(session, Owner(account_id=account.id), record.id) is not None
    assert lines(session, mine) == {small.id: 1}
    assert lines(session, GUEST) == {small.id: 2, medium.id: 1}
    assert merging.undo_merge(session, Owner(account_id=account.id), record.id) is None  # only once

    assert merging.merge_guest_cart(session, GUEST.guest_token or "", account.id) is not None
    assert lines(session, mine) == {small.id: 3, medium.id: 1}


def test_merge_caps_by_stock_and_ignores_an_empty_guest_cart(session: Session, variants) -> None:
    account = make_account(session, "cap@example.com")
    mine = Owner(account_id=account.id)
    medium = variants[1]
    services.add_to_cart(session, mine, medium.id, 2)
    services.add_to_cart(session, GUEST, medium.id, 3)
    record = merging.merge_guest_cart(session, GUEST.guest_token or "", account.id)
    assert record is not None and lines(session, mine) == {medium.id: 3}
    assert merging.merge_guest_cart(session, GUEST.guest_token or "", account.id) is None


def test_another_account_cannot_undo_a_merge(session: Session, variants) -> None:
    owner, intruder = make_account(session, "o@example.com"), make_account(session, "i@example.com")
    services.add_to_cart(session, GUEST, variants[0].id, 1)
    record = merging.merge_guest_cart(session, GUEST.guest_token or "", owner.id)
    assert record is not None
    assert merging.undo_merge(session, Owner(account_id=intruder.id), record.id) is None


def test_purge_removes_only_idle_guest_carts(session: Session, variants) -> None:
    account = make_account(session, "keep@example.com")
    services.add_to_cart(session, GUEST, variants[0].id)
    services.add_to_cart(session, OTHER, variants[0].id)
    services.add_to_cart(session, Owner(account_id=account.id), variants[0].id)
    stale = services.find_cart(session, GUEST)
    assert stale is not None
    stale.updated_at = clock.now() - timedelta(days=31)
    for cart in session.scalars(select(Cart).where(Cart.account_id.is_not(None))):
        cart.updated_at = clock.now() - timedelta(days=400)
    session.flush()
    removed = services.purge_expired_guest_carts(
        session, now=clock.now(), max_idle=timedelta(days=30)
    )
    assert removed == 1
    assert services.find_cart(session, GUEST) is None
    assert services.find_cart(session, OTHER) is not None
    assert services.find_cart(session, Owner(account_id=account.id)) is not None


def test_an_add_keeps_an_idle_cart_from_the_purge(session: Session, variants) -> None:
    services.add_to_cart(session, GUEST, variants[0].id)
    idle = services.find_cart(session, GUEST)
    assert idle is not None
    idle.updated_at = clock.now() - timedelta(days=31)
    session.flush()
    services.add_to_cart(session, GUEST, variants[0].id)
    session.expire_all()
    removed = services.purge_expired_guest_carts(
        session, now=clock.now(), max_idle=timedelta(days=30)
    )
    assert removed == 0 and services.find_cart(session, GUEST) is not None


def test_purge_removes_the_undo_records_of_idle_guests(session: Session, variants) -> None:
    account = make_account(session, "merged@example.com")
    kiosk = Owner(guest_token="k" * 32)
    records = []
    for into in (GUEST, OTHER, Owner(account_id=account.id)):
        services.add_to_cart(session, kiosk, variants[0].id)
        source = services.find_cart(session, kiosk)
        records.append(merging.merge_cart(session, source, into, MergeKind.KIOSK))
        services.discard_guest_cart(session, "k" * 32)
    old_guest, _recent_guest, old_account = records
    assert old_guest is not None and old_account is not None
    old_guest.created_at = old_account.created_at = clock.now() - timedelta(days=31)
    session.flush()

    services.purge_expired_guest_carts(session, now=clock.now(), max_idle=timedelta(days=30))

    kept = {
        tuple(row) for row in session.execute(select(CartMerge.guest_token, CartMerge.account_id))
    }
    assert kept == {(OTHER.guest_token, None), (None, account.id)}
