"""Shoppers and their lists, read back as plain values to compare whole states."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.accounts.models import Account
from storefront.shopper import Owner
from storefront.wishlist.models import Wishlist
from storefront.wishlist.services import owned_by

_seq = itertools.count(1)


def make_account(session: Session) -> Account:
    account = Account(email=f"shopper{next(_seq)}@example.com")
    session.add(account)
    session.flush()
    return account


def state(session: Session, owner: Owner) -> list[tuple[Any, ...]]:
    """Everything a shopper would notice about their lists, ids and timestamps aside."""
    session.expire_all()
    lists = session.scalars(select(Wishlist).where(owned_by(owner)).order_by(Wishlist.name))
    return [
        (
            wl.name,
            wl.is_default,
            wl.share_token,
            sorted((i.product_id, i.variant_id, i.price_at_add) for i in wl.items),
        )
        for wl in lists
    ]


@pytest.fixture
def guest() -> Owner:
    return Owner(guest_token=f"{next(_seq):032d}")


@pytest.fixture
def member(session: Session) -> Owner:
    return Owner(account_id=make_account(session).id)
