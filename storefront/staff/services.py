"""The store team: who joins it, and the checked hand-over of an order."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.accounts import services as accounts
from storefront.accounts.models import Account
from storefront.accounts.rules import normalise_email
from storefront.messages import N_, Message
from storefront.pickup import orders
from storefront.pickup.errors import Refused
from storefront.pickup.models import PickupOrder
from storefront.pickup.rules import OrderStatus, normalise_code
from storefront.staff.models import STAFF, StaffRole
from storefront.stores.models import Store


def hand_over(
    session: Session, order: PickupOrder, code: str, actor: orders.Actor, *, now_utc: datetime
) -> PickupOrder:
    """Collected only with the order's own pickup code, typed or scanned: the code is what
    proves the person at the desk is the one who ordered."""
    if normalise_code(code) != order.pickup_code:
        raise Refused(
            Message(N_("This is not the pickup code of order %(number)s."), number=order.number)
        )
    return orders.move(session, order, OrderStatus.COLLECTED, actor, now_utc=now_utc)


@dataclass(frozen=True)
class Added:
    account: Account
    created: bool  # a new account, with no password yet
    already: bool  # the same role existed: nothing changed


class UnknownStore(Exception):
    pass


class NoSuchAccount(Exception):
    pass


def add_staff(
    session: Session, email: str, store_code: str, *, create: bool = True, role: str = STAFF
) -> Added:
    """Give the account with `email` a role at the store; create the account first when
    there is none and `create` allows it. A new account gets an unguessable password
    nobody knows: its owner sets their own through a reset link, so no password ever
    passes through the operator. Adding someone again with another role changes it."""
    store = session.scalar(select(Store).where(Store.code == store_code))
    if store is None:
        raise UnknownStore(store_code)
    email = normalise_email(email)
    account = session.scalar(select(Account).where(Account.email == email))
    created = account is None
    if account is None and not create:
        raise NoSuchAccount(email)
    if account is None:
        account = accounts.sign_up(session, email, secrets.token_urlsafe(32)).account
    found = session.scalar(
        select(StaffRole).where(StaffRole.account_id == account.id, StaffRole.store_id == store.id)
    )
    already = found is not None and found.role == role
    if found is None:
        session.add(StaffRole(account_id=account.id, store_id=store.id, role=role))
    else:
        found.role = role
    session.flush()
    return Added(account, created, already)
