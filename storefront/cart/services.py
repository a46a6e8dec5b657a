"""Cart use cases. Every one is scoped by the Owner, so a line id from another cart is unknown.

Adding uses one atomic upsert on the (cart, variant) unique key, capped in SQL, so two
devices adding the same variant at the same moment end with one line holding both
quantities: never two lines, never a lost add, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, select, update
from sqlalchemy.orm import Session

from storefront import clock, db
from storefront.cart import rules
from storefront.cart.models import Cart, CartLine, CartMerge
from storefront.catalog.models import Variant
from storefront.inventory.stock import sellable, sellable_of
from storefront.messages import N_, DomainError, Message
from storefront.shopper import Owner


class CartError(DomainError):
    """A cart change refused."""


class LineNotFound(CartError):
    def __init__(self) -> None:
        super().__init__(Message(N_("This item is no longer in your cart.")))


@dataclass(frozen=True)
class AddResult:
    variant_id: int
    quantity: int  # what the line holds now
    notice: Message | None = None  # set when fewer were added than asked


@dataclass(frozen=True)
class RemovedLine:
    variant_id: int
    quantity: int
    name: str


def owner_filter(owner: Owner) -> Any:
    if owner.account_id is not None:
        return Cart.account_id == owner.account_id
    return Cart.guest_token == owner.guest_token


def find_cart(session: Session, owner: Owner) -> Cart | None:
    return session.scalars(select(Cart).where(owner_filter(owner))).one_or_none()


def get_or_create_cart(session: Session, owner: Owner) -> Cart:
    return find_cart(session, owner) or _new_cart(session, owner)


def _new_cart(session: Session, owner: Owner) -> Cart:
    """Race-safe: a second device creating the same owner's cart finds the first one."""
    key = "account_id" if owner.account_id is not None else "guest_token"
    value = owner.account_id if owner.account_id is not None else owner.guest_token
    session.execute(
        db.insert(session, Cart)
        .values({key: value, "created_at": clock.now(), "updated_at": clock.now()})
        .on_conflict_do_nothing(index_elements=[key])
    )
    cart = find_cart(session, owner)
    assert cart is not None
    return cart


def _touch(session: Session, cart_id: int) -> None:
    session.execute(update(Cart).where(Cart.id == cart_id).values(updated_at=clock.now()))


def upsert_line(session: Session, cart_id: int, variant: Variant, quantity: int, cap: int) -> int:
    """Add `quantity` to the line, never beyond `cap`, in one statement; returns the total."""
    insert = db.insert(session, CartLine).values(
        cart_id=cart_id,
        variant_id=variant.id,
        quantity=min(quantity, cap),
        unit_price_at_add=variant.price_amount,
        currency=variant.currency,
        added_at=clock.now(),
    )
    total = CartLine.quantity + insert.excluded.quantity
    statement = insert.on_conflict_do_update(
        index_elements=[CartLine.cart_id, CartLine.variant_id],
        set_={"quantity": case((total > cap, cap), else_=total)},
    ).returning(CartLine.quantity)
    return int(session.execute(statement).scalar_one())


def _touched_cart_id(session: Session, owner: Owner) -> int:
    """The owner's cart marked as just changed, in one statement when it exists."""
    touched = session.execute(
        update(Cart)
        .where(owner_filter(owner))
        .values(updated_at=clock.now())
        .returning(Cart.id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    return touched if touched is not None else _new_cart(session, owner).id


def add_to_cart(session: Session, owner: Owner, variant_id: int, quantity: int = 1) -> AddResult:
    """Four statements: the variant with its stock, the cart, the line's quantity, the upsert."""
    found = session.execute(
        select(Variant, sellable_of(Variant.id)).where(Variant.id == variant_id)
    ).one_or_none()
    if found is None:
        raise CartError(Message(N_("This product is no longer sold.")))
    variant, available = found
    if not 1 <= quantity <= rules.MAX_PER_LINE:
        raise CartError(
            Message(N_("Enter a whole number of items, from 1 to %(max)d."), max=rules.MAX_PER_LINE)
        )
    cap = rules.line_limit(available)
    if cap == 0:
        raise CartError(Message(N_("This item is out of stock.")))
    cart_id = _touched_cart_id(session, owner)
    before = session.scalar(
        select(CartLine.quantity).where(
            CartLine.cart_id == cart_id, CartLine.variant_id == variant_id
        )
    )
    decision = rules.allowed_quantity((before or 0) + quantity, available)
    if decision.reason is not None and before is not None and before >= cap:
        raise CartError(decision.reason)
    now_holds = upsert_line(session, cart_id, variant, quantity, cap)
    return AddResult(variant_id, now_holds, decision.reason)


def _owned_line(session: Session, owner: Owner, line_id: int) -> CartLine:
    line = session.scalars(
        select(CartLine).join(Cart).where(CartLine.id == line_id, owner_filter(owner))
    ).one_or_none()
    if line is None:
        raise LineNotFound()
    return line


def set_quantity(session: Session, owner: Owner, line_id: int, quantity: int) -> CartLine:
    line = _owned_line(session, owner, line_id)
    available = sellable(session, [line.variant_id])[line.variant_id]
    decision = rules.allowed_quantity(quantity, available)
    if decision.reason is not None:
        raise CartError(decision.reason)
    line.quantity = quantity
    _touch(session, line.cart_id)
    session.flush()
    return line


def remove_line(session: Session, owner: Owner, line_id: int) -> RemovedLine:
    line = _owned_line(session, owner, line_id)
    removed = RemovedLine(line.variant_id, line.quantity, line.variant.product.name)
    session.delete(line)
    _touch(session, line.cart_id)
    session.flush()
    return removed


def purge_expired_guest_carts(session: Session, *, now: datetime, max_idle: timedelta) -> int:
    """Guest carts unused for `max_idle` go, with the guests' merge records as old (what an
    undo would restore); an account's cart is kept as long as the account."""
    session.execute(
        delete(CartMerge).where(
            CartMerge.guest_token.is_not(None), CartMerge.created_at < now - max_idle
        )
    )
    result = session.execute(
        delete(Cart).where(Cart.guest_token.is_not(None), Cart.updated_at < now - max_idle)
    )
    return result.rowcount  # type: ignore[attr-defined]


def discard_guest_cart(session: Session, guest_token: str) -> None:
    """A shared screen's cart, thrown away when its shopper leaves (its lines go with it)."""
    session.execute(delete(Cart).where(Cart.guest_token == guest_token))
