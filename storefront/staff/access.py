"""Who is staff, and where: every staff route checks it before it reads anything."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from flask import abort, g
from flask_login import current_user, login_required

from storefront import db
from storefront.pickup.orders import Actor
from storefront.staff import queries
from storefront.staff.models import MANAGER, STAFF
from storefront.stores.models import Store

P = ParamSpec("P")
R = TypeVar("R")


def my_stores() -> list[Store]:
    """The signed-in account's stores, read once per request."""
    if "staff_stores" not in g:
        g.staff_stores = (
            queries.stores_of(db.session(), current_user.account_id)
            if current_user.is_authenticated
            else []
        )
    stores: list[Store] = g.staff_stores
    return stores


def staff_only(view: Callable[P, R]) -> Callable[P, R]:
    """Sign in first; then anyone without a staff role gets a 404, as if the page did not
    exist, rather than learning where the store team works."""

    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        if not my_stores():
            abort(404)
        return view(*args, **kwargs)

    return login_required(guarded)


def team_store(code: str | None) -> Store | None:
    """One of the staff member's stores by its code, or None."""
    return next((store for store in my_stores() if store.code == code), None)


def staff_at_store(role: str = STAFF) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Guard a route under /<store_code>: staff only (as above), and on that store's team
    with `role` (a manager may act as staff), else a 404 like a store that does not exist.
    The view is called with the Store as `store` instead of its code."""

    def decorate(view: Callable[..., R]) -> Callable[..., R]:
        @wraps(view)
        def guarded(*args: Any, store_code: str, **kwargs: Any) -> R:
            store = team_store(store_code)
            if store is None or (role == MANAGER and not manages(store)):
                abort(404)
            return view(*args, store=store, **kwargs)

        return staff_only(guarded)

    return decorate


def manages(store: Store) -> bool:
    return queries.role_at(db.session(), current_user.account_id, store.id) == MANAGER


def actor() -> Actor:
    """The staff member, as an order's history records them."""
    account: Any = current_user.account
    return Actor.staff(account.email, current_user.account_id)
