"""What the cart page, the header badge and the merge notice show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from storefront import clock
from storefront.cart import rules
from storefront.cart.merging import merged_by
from storefront.cart.models import Cart, CartLine, CartMerge
from storefront.cart.services import find_cart, owner_filter
from storefront.catalog.models import Product, Variant
from storefront.inventory.stock import sellable
from storefront.shopper import Owner

MERGE_NOTICE_LIFETIME = timedelta(minutes=30)


@dataclass(frozen=True)
class LineView:
    id: int
    variant_id: int
    product_name: str
    product_slug: str
    image: str | None
    size: str | None
    colour: str | None
    sku: str
    quantity: int
    unit_price: int
    unit_price_at_add: int
    currency: str
    sellable: int

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity

    @property
    def price_change(self) -> int:
        return self.unit_price - self.unit_price_at_add

    @property
    def max_quantity(self) -> int:
        return max(1, min(rules.MAX_PER_LINE, self.sellable))


@dataclass(frozen=True)
class CartView:
    lines: list[LineView]

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def subtotal(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def currency(self) -> str:
        return self.lines[0].currency if self.lines else "EUR"

    @property
    def can_check_out(self) -> bool:
        return bool(self.lines) and all(line.quantity <= line.sellable for line in self.lines)


def cart_view(session: Session, owner: Owner | None) -> CartView:
    cart = find_cart(session, owner) if owner else None
    return cart_view_of(session, cart.id) if cart else CartView([])


def cart_view_of(session: Session, cart_id: int) -> CartView:
    """A cart found by id: the caller knows it may show it (a kiosk hand-off's)."""
    lines = list(
        session.scalars(
            select(CartLine)
            .where(CartLine.cart_id == cart_id)
            .order_by(CartLine.id)
            .options(
                selectinload(CartLine.variant)
                .selectinload(Variant.product)
                .selectinload(Product.images)
            )
        )
    )
    stock = sellable(session, [line.variant_id for line in lines])
    return CartView(
        [
            LineView(
                id=line.id,
                variant_id=line.variant_id,
                product_name=line.variant.product.name,
                product_slug=line.variant.product.slug,
                image=line.variant.product.images[0].path if line.variant.product.images else None,
                size=line.variant.size,
                colour=line.variant.colour,
                sku=line.variant.sku,
                quantity=line.quantity,
                unit_price=line.variant.price_amount,
                unit_price_at_add=line.unit_price_at_add,
                currency=line.variant.currency,
                sellable=stock[line.variant_id],
            )
            for line in lines
        ]
    )


def item_count(session: Session, owner: Owner | None) -> int:
    if owner is None:
        return 0
    total = session.scalar(
        select(func.sum(CartLine.quantity)).join(Cart).where(owner_filter(owner))
    )
    return int(total or 0)


@dataclass(frozen=True)
class MergedLine:
    product_name: str
    variant_label: str
    quantity: int
    asked: int
    already_had: int


@dataclass(frozen=True)
class MergeNotice:
    id: int
    kind: str  # a MergeKind: what the notice says came from where
    undone: bool
    lines: list[MergedLine]


def merge_notice(session: Session, owner: Owner) -> MergeNotice | None:
    """The newest merge of the last half hour, with names, for the notice and its undo."""
    record = session.scalars(
        select(CartMerge)
        .where(
            merged_by(owner),
            CartMerge.created_at > clock.now() - MERGE_NOTICE_LIFETIME,
        )
        .order_by(CartMerge.id.desc())
        .limit(1)
    ).first()
    if record is None:
        return None
    ids = [entry["variant_id"] for entry in record.added]
    variants = {
        v.id: v
        for v in session.scalars(
            select(Variant).where(Variant.id.in_(ids)).options(selectinload(Variant.product))
        )
    }
    lines = [
        MergedLine(
            product_name=variants[entry["variant_id"]].product.name,
            variant_label=variants[entry["variant_id"]].label,
            quantity=entry["quantity"],
            asked=entry["asked"],
            already_had=entry["already_had"],
        )
        for entry in record.added
        if entry["variant_id"] in variants
    ]
    return MergeNotice(
        id=record.id, kind=record.kind, undone=record.undone_at is not None, lines=lines
    )


def export_for_account(session: Session, account_id: int) -> list[dict[str, object]]:
    """The account's cart lines as stored, for the shopper's data download."""
    rows = session.execute(
        select(
            Variant.sku,
            CartLine.quantity,
            CartLine.unit_price_at_add,
            CartLine.currency,
            CartLine.added_at,
        )
        .join(Cart, Cart.id == CartLine.cart_id)
        .join(Variant, Variant.id == CartLine.variant_id)
        .where(Cart.account_id == account_id)
        .order_by(CartLine.id)
    )
    return [
        {
            "sku": sku,
            "quantity": quantity,
            "unit_price_when_added": price,
            "currency": currency,
            "added_at": added_at.isoformat(),
        }
        for sku, quantity, price, currency, added_at in rows
    ]
