"""Small builders for test data: make_product(session, **overrides) and friends."""

from __future__ import annotations

import itertools
from datetime import time
from typing import Any

from sqlalchemy.orm import Session

from storefront.accounts.models import LOCAL_ISSUER, Account, Identity
from storefront.accounts.passwords import hash_password
from storefront.catalog.models import Brand, Category, Product, Variant
from storefront.catalog.search import index_products
from storefront.inventory.models import StockLevel
from storefront.stores.models import OpeningHours, Store, StoreKind

_seq = itertools.count(1)


def make_category(
    session: Session, name: str = "Shoes", parent: Category | None = None, **overrides: Any
) -> Category:
    n = next(_seq)
    category = Category(
        name=name, slug=overrides.pop("slug", f"{name.lower()}-{n}"), parent=parent, **overrides
    )
    session.add(category)
    session.flush()
    return category


def make_brand(session: Session, name: str = "Altitude", **overrides: Any) -> Brand:
    brand = Brand(
        name=name, slug=overrides.pop("slug", f"{name.lower()}-{next(_seq)}"), **overrides
    )
    session.add(brand)
    session.flush()
    return brand


def make_product(
    session: Session,
    name: str = "Trail shoe",
    *,
    category: Category | None = None,
    brand: Brand | None = None,
    variants: list[dict[str, Any]] | None = None,
    **overrides: Any,
) -> Product:
    n = next(_seq)
    product = Product(
        name=name,
        slug=overrides.pop("slug", f"{name.lower().replace(' ', '-')}-{n}"),
        description=overrides.pop("description", f"A {name.lower()} for the outdoors."),
        category=category or make_category(session),
        brand=brand,
        **overrides,
    )
    for position, spec in enumerate(variants or [{}]):
        spec = {
            "sku": f"SKU-{n}-{position}",
            "price_amount": 4999,
            "currency": "EUR",
            "position": position,
            **spec,
        }
        product.variants.append(Variant(**spec))
    session.add(product)
    session.flush()
    index_products(session, [product.id])
    return product


def make_store(session: Session, name: str = "Lyon Part-Dieu", **overrides: Any) -> Store:
    n = next(_seq)
    values: dict[str, Any] = {
        "code": f"S{n:03d}",
        "slug": f"{name.lower().replace(' ', '-')}-{n}",
        "name": name,
        "kind": StoreKind.SHOP,
        "address": "17 rue du Docteur Bouchut",
        "postcode": "69003",
        "city": "Lyon",
        "country": "FR",
        "latitude": 45.7606,
        "longitude": 4.8593,
        "timezone": "Europe/Paris",
        "services": ["pickup"],
    }
    values.update(overrides)
    store = Store(**values)
    store.hours = [OpeningHours(weekday=d, opens=time(10), closes=time(19)) for d in range(6)]
    session.add(store)
    session.flush()
    return store


def set_stock(
    session: Session,
    store: Store,
    variant: Variant,
    on_hand: int,
    reserved: int = 0,
    location: str = "",
) -> StockLevel:
    level = StockLevel(
        store_id=store.id,
        variant_id=variant.id,
        on_hand=on_hand,
        reserved=reserved,
        location=location,
    )
    session.add(level)
    session.flush()
    return level


def make_account(
    session: Session,
    email: str = "shopper@example.com",
    password: str | None = None,
    *,
    name: str = "Camille",
) -> Account:
    """An account with a local identity; a password is hashed only when given, since
    hashing is slow by design (tests/conftest.py makes it cheap)."""
    account = Account(email=email, name=name, email_verified=True)
    account.identities.append(
        Identity(
            issuer=LOCAL_ISSUER,
            subject=email,
            password_hash=hash_password(password) if password else None,
        )
    )
    session.add(account)
    session.flush()
    return account
