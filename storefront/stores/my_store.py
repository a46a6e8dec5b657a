"""The shopper's chosen store: a signed cookie for guests, the account's column once signed in.

Other domains ask ``current_store_code()`` / ``current_store_id()`` (the catalog's
"available at my store" facet, the product page's availability) and never read the cookie.
An account that works at stores (the staff domain registers who does) always has one of
them as its store: the one it chose among them, else the first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app, g, request
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from storefront import clock, db
from storefront.accounts.models import Account
from storefront.accounts.sessions import SignedIn
from storefront.htmx import rendering_fragment
from storefront.messages import N_, DomainError, Message
from storefront.stores import queries
from storefront.stores.hours import OpenStatus, schedule_of, status_at
from storefront.stores.models import Store

COOKIE = "my_store"
LIFETIME = timedelta(days=365)
CHANGED = "my-store-changed"  # HX-Trigger: the header link re-fetches itself
_UNSET = object()
WORKPLACES = "my_store_workplaces"

WorkplacesOf = Callable[[Session, int], list[int]]
"""The ids of the stores an account works at, the default one first; empty for a shopper."""


class NotYourWorkplace(DomainError):
    def __init__(self) -> None:
        super().__init__(
            Message(
                N_(
                    "As a member of a store team, your store is one you work at: "
                    "switch between them in the store team area."
                )
            )
        )


def register_workplaces(app: Flask, workplaces_of: WorkplacesOf) -> None:
    """Called by a domain above this one that knows who works where (staff)."""
    app.extensions[WORKPLACES] = workplaces_of


def _workplaces(account_id: int) -> list[int]:
    workplaces_of: WorkplacesOf | None = current_app.extensions.get(WORKPLACES)
    return workplaces_of(db.session(), account_id) if workplaces_of else []


def _account_store_id(account_id: int, chosen: int | None) -> int | None:
    """The account's choice, unless it works at stores and chose none of them."""
    workplaces = _workplaces(account_id)
    if workplaces and chosen not in workplaces:
        return workplaces[0]
    return chosen


@dataclass(frozen=True)
class MyStore:
    """What the header and other domains need of the chosen store."""

    id: int
    code: str
    slug: str
    name: str
    status: OpenStatus


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="my-store")


def _cookie_code() -> str | None:
    """The store code from a valid cookie; a tampered or malformed one counts as none."""
    raw = request.cookies.get(COOKIE)
    if not raw or len(raw) > 200:
        return None
    try:
        code = _serializer().loads(raw)
    except BadSignature:
        return None
    return code if isinstance(code, str) and 0 < len(code) <= 32 else None


def current_store() -> Store | None:
    """The chosen shop, loaded once per request: the account's choice when signed in, the
    cookie's for a guest. A store since closed down or turned into a warehouse is none."""
    cached = g.get("my_store", _UNSET)
    if cached is not _UNSET:
        return cached
    store: Store | None = None
    session, now = db.session(), clock.now()
    if current_user.is_authenticated:
        store_id = _account_store_id(current_user.account_id, current_user.account.my_store_id)
        store = queries.shop_by_id(session, store_id, now) if store_id else None
    elif code := _cookie_code():
        store = queries.shop_by_code(session, code, now)
    g.my_store = store
    return store


def current_store_code() -> str | None:
    store = current_store()
    return store.code if store else None


def current_store_id() -> int | None:
    store = current_store()
    return store.id if store else None


def summary(store: Store | None = None) -> MyStore | None:
    store = store or current_store()
    if store is None:
        return None
    status = status_at(schedule_of(store), clock.now())
    return MyStore(store.id, store.code, store.slug, store.name, status)


def choose(store: Store) -> None:
    """Remember ``store`` for this shopper: in the account (the request commits) or, for a
    guest, in the cookie written with the response. Staff choose only among the stores they
    work at (NotYourWorkplace, nothing changed), so their store is always one of those."""
    if current_user.is_authenticated:
        workplaces = _workplaces(current_user.account_id)
        if workplaces and store.id not in workplaces:
            raise NotYourWorkplace()
        account = db.session().get(Account, current_user.account_id)
        if account is not None:
            account.my_store_id = store.id
            db.session().flush()
    else:
        g.my_store_cookie = store.code
    g.my_store = store


def adopt_on_sign_in(user: SignedIn) -> None:
    """At sign-in the account's own choice wins; an account without one adopts the
    guest's. The guest cookie is then dropped either way: the account carries the choice,
    and the next person on this device does not inherit it after sign-out."""
    code = _cookie_code()
    if code is None:
        return
    g.forget_my_store_cookie = True
    g.pop("my_store", None)
    session = db.session()
    account = session.get(Account, user.account_id)
    if account is None or account.my_store_id is not None:
        return
    store = queries.shop_by_code(session, code, clock.now())
    if store is not None:
        account.my_store_id = store.id
        session.flush()  # the sign-in view commits


def _write_cookie(response: Response) -> Response:
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    if code := g.get("my_store_cookie"):
        response.set_cookie(
            COOKIE,
            _serializer().dumps(code),
            max_age=int(LIFETIME.total_seconds()),
            httponly=True,
            samesite="Lax",
            secure=secure,
        )
    elif g.get("forget_my_store_cookie"):
        response.delete_cookie(COOKIE, httponly=True, samesite="Lax", secure=secure)
    return response


def _header_context() -> dict[str, object]:
    """``my_store`` for full pages (the header link); fragments and error pages without
    the database do without it."""
    if db.unavailable() or rendering_fragment():
        return {"my_store": None}
    return {"my_store": summary()}


def init_app(app: Flask) -> None:
    app.after_request(_write_cookie)
    app.context_processor(_header_context)
