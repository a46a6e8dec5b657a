"""Every domain's models, imported together so the metadata is complete."""

from storefront.accounts.models import Account, Identity, PasswordReset, SignInSession
from storefront.cart.models import Cart, CartLine, CartMerge
from storefront.catalog.models import Brand, Category, Product, ProductImage, Variant
from storefront.catalog.search import register_search_tables
from storefront.consent.models import ConsentView, HoldProposal, ListConsent
from storefront.db import Base
from storefront.idempotency import RequestKey
from storefront.inventory.models import StockAlert, StockFeedRequest, StockLevel, StoreToken
from storefront.kiosk.models import Handoff, Kiosk
from storefront.outbox.models import OutboxMessage
from storefront.pickup.models import (
    OrderEvent,
    PickupOrder,
    PickupOrderLine,
    PickupSlot,
    SlotHold,
)
from storefront.push.models import PushSubscription
from storefront.staff.models import StaffRole
from storefront.stores.models import OpeningHours, Store, StoreClosure, StoreKind
from storefront.wishlist.models import Wishlist, WishlistItem, WishlistMerge

register_search_tables(Base.metadata)

__all__ = [
    "Account",
    "Base",
    "Brand",
    "Cart",
    "CartLine",
    "CartMerge",
    "Category",
    "ConsentView",
    "Handoff",
    "HoldProposal",
    "Identity",
    "Kiosk",
    "ListConsent",
    "OpeningHours",
    "OrderEvent",
    "OutboxMessage",
    "PasswordReset",
    "PickupOrder",
    "PickupOrderLine",
    "PickupSlot",
    "Product",
    "ProductImage",
    "PushSubscription",
    "RequestKey",
    "SignInSession",
    "SlotHold",
    "StaffRole",
    "StockAlert",
    "StockFeedRequest",
    "StockLevel",
    "Store",
    "StoreClosure",
    "StoreKind",
    "StoreToken",
    "Variant",
    "Wishlist",
    "WishlistItem",
    "WishlistMerge",
]
