"""Confirming a pickup order: stock reserved and the slot booked in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session, selectinload

from storefront.accounts.rules import check_email, normalise_email
from storefront.cart.models import Cart, CartLine
from storefront.cart.services import find_cart
from storefront.catalog.models import Variant
from storefront.inventory import movements
from storefront.messages import N_, Decision, FieldErrors, Message
from storefront.pickup import rules, slots
from storefront.pickup.errors import InsufficientStock, PickupError, Refused
from storefront.pickup.models import OrderEvent, PickupOrder, PickupOrderLine, PickupSlot
from storefront.pickup.notifications import Notice, notify
from storefront.pickup.supply import Want, supply
from storefront.shopper import Owner
from storefront.stores.hours import schedule_of
from storefront.stores.models import Store
from storefront.stores.queries import shop_by_id


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str

    @classmethod
    def cleaned(cls, name: str, email: str, phone: str) -> Contact:
        return cls(rules.clean_name(name), normalise_email(email), rules.clean_phone(phone))

    def problems(self) -> dict[str, Message]:
        """Field name -> what is wrong with it; empty when all is well."""
        decisions: dict[str, Decision] = {
            "name": rules.check_name(self.name),
            "email": check_email(self.email),
            "phone": rules.check_phone(self.phone),
        }
        return {field: d.reason for field, d in decisions.items() if d.reason is not None}


class HoldLost(PickupError):
    def __init__(self) -> None:
        super().__init__(
            Message(
                N_(
                    "We kept your slot for %(minutes)d minutes and that time ran out. "
                    "Choose a slot again."
                ),
                minutes=int(rules.HOLD.total_seconds() // 60),
            )
        )


class EmptyCart(PickupError):
    def __init__(self) -> None:
        super().__init__(Message(N_("Your cart is empty: add something to collect first.")))


def cart_wants(cart: Cart | None) -> list[Want]:
    """The cart's lines in variant id order: the order every reservation locks rows in."""
    if cart is None:
        return []
    return [
        Want(line.variant_id, line.quantity, line.variant.product.name)
        for line in sorted(cart.lines, key=lambda line: line.variant_id)
    ]


def load_cart(session: Session, owner: Owner | None) -> Cart | None:
    if owner is None:
        return None
    cart = find_cart(session, owner)
    if cart is not None:
        session.refresh(cart, ["lines"])
    return cart


def bound_key(key: str, owner: Owner, cart: Cart) -> str:
    """What an order stores of the form's key: bound to the cart and owner that posted it,
    so someone else's key (read off a shared screen) finds nothing of theirs."""
    posted_by = f"{owner.account_id or ''}|{owner.guest_token or ''}|{cart.id}|{key}"
    return hashlib.sha256(posted_by.encode()).hexdigest()


def by_key(session: Session, key: str) -> PickupOrder | None:
    return session.scalars(
        select(PickupOrder).where(PickupOrder.idempotency_key == key)
    ).one_or_none()


def _unique_code(session: Session, store_id: int) -> str:
    while True:
        code = rules.pickup_code()
        taken = session.scalar(
            select(
                exists().where(PickupOrder.store_id == store_id, PickupOrder.pickup_code == code)
            )
        )
        if not taken:
            return code


def _done_else(session: Session, key: str, error: PickupError) -> PickupOrder:
    """A second submit of the same form that ran while the first one committed finds the
    cart emptied and the hold used: the first one's order is its answer, not `error`."""
    if (done := by_key(session, key)) is not None:
        return done
    raise error


def reserve_for_pickup(
    session: Session,
    owner: Owner,
    *,
    store_id: int,
    contact: Contact,
    idempotency_key: str,
    locale: str,
    now_utc: datetime,
) -> PickupOrder:
    """Turn the shopper's cart and slot hold into an order, or change nothing.

    Order of work, the same in every transaction, so none can deadlock another: the hold
    (a second submit of the same form waits here, then finds the first one's order), the
    stock rows in variant id order, each with a conditional UPDATE whose row count says
    whether enough was left, then the new rows. Any failure raises, and the request rolls
    the whole transaction back: the cart and the hold stay as they were.
    """
    cart = load_cart(session, owner)
    if cart is None:
        raise EmptyCart()
    idempotency_key = bound_key(idempotency_key, owner, cart)
    if (done := by_key(session, idempotency_key)) is not None:
        return done
    problems = contact.problems()
    if problems:
        raise FieldErrors(problems)
    wants = cart_wants(cart)
    if not wants:
        return _done_else(session, idempotency_key, EmptyCart())
    order = book_held_slot(
        session,
        owner,
        store_id=store_id,
        wants=wants,
        contact=contact,
        idempotency_key=idempotency_key,
        locale=locale,
        now_utc=now_utc,
    )
    session.execute(delete(CartLine).where(CartLine.cart_id == cart.id))
    session.flush()
    return order


def book_held_slot(
    session: Session,
    owner: Owner,
    *,
    store_id: int,
    wants: list[Want],
    contact: Contact,
    idempotency_key: str,
    locale: str,
    now_utc: datetime,
) -> PickupOrder:
    """Book the slot the owner holds at the store for `wants` (in variant id order): the
    second half of `reserve_for_pickup`, shared by every way of placing an order, so each
    takes stock and capacity by the same rules and in the same order of locks."""
    store = shop_by_id(session, store_id, now_utc)
    held = slots.current_hold(session, owner)
    if held is None:
        return _done_else(session, idempotency_key, HoldLost())
    if store is None or held.slot.store_id != store.id:
        raise Refused(Message(N_("Choose a pickup slot at this store first.")))
    slot: PickupSlot = held.slot
    if not slots.consume_hold(session, owner, slot.id, now_utc):
        return _done_else(session, idempotency_key, HoldLost())

    plan = supply(session, store, wants, now_utc)
    if plan.short:
        raise InsufficientStock([w.name for w in plan.short])
    schedule = schedule_of(store)
    checked = rules.check_slot(
        schedule,
        slot.starts_at,
        now_utc=now_utc,
        minutes=store.slot_minutes,
        earliest=plan.earliest,
    )
    if isinstance(checked, Decision):
        raise Refused(checked.reason or Message(N_("Choose another slot.")))
    failed = [
        w.name
        for w in wants
        if not movements.reserve(session, plan.sources[w.variant_id], w.variant_id, w.quantity)
    ]
    if failed:
        raise InsufficientStock(failed)

    order = _record(
        session, owner, store, slot, contact, wants, plan.sources, idempotency_key, now_utc
    )
    order.locale = locale
    session.flush()
    notify(session, order, Notice.CONFIRMED)
    return order


def _record(
    session: Session,
    owner: Owner,
    store: Store,
    slot: PickupSlot,
    contact: Contact,
    wants: list[Want],
    sources: dict[int, int],
    idempotency_key: str,
    now_utc: datetime,
) -> PickupOrder:
    variants = {
        v.id: v
        for v in session.scalars(
            select(Variant)
            .where(Variant.id.in_([w.variant_id for w in wants]))
            .options(selectinload(Variant.product))
        )
    }
    lines = [
        PickupOrderLine(
            variant_id=w.variant_id,
            source_store_id=sources[w.variant_id],
            quantity=w.quantity,
            unit_price=variants[w.variant_id].price_amount,
            product_name=w.name[:200],
            sku=variants[w.variant_id].sku,
            options=variants[w.variant_id].label,
        )
        for w in wants
    ]
    order = PickupOrder(
        number=rules.order_number(),
        pickup_code=_unique_code(session, store.id),
        idempotency_key=idempotency_key,
        store=store,
        slot=slot,
        slot_starts_at=slot.starts_at,
        slot_ends_at=slot.ends_at,
        status=rules.OrderStatus.PLACED,
        account_id=owner.account_id,
        placed_as_guest=owner.account_id is None,
        customer_name=contact.name,
        email=contact.email,
        phone=contact.phone,
        currency=next(iter(variants.values())).currency,
        total_amount=sum(line.unit_price * line.quantity for line in lines),
        lines=lines,
        events=[
            OrderEvent(
                to_status=rules.OrderStatus.PLACED,
                actor="shopper",
                actor_account_id=owner.account_id,
                at=now_utc,
            )
        ],
        created_at=now_utc,
        updated_at=now_utc,
    )
    session.add(order)
    return order
