"""The checkout page: the cart, the stores that can supply it, the slot picker, holding a slot."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.cart.queries import CartView, cart_view
from storefront.messages import N_, Decision, Message
from storefront.pickup import rules, slots
from storefront.pickup.errors import InsufficientStock, Refused
from storefront.pickup.models import SlotHold
from storefront.pickup.picker import Chosen, ChosenView, Picker, PickerAction, build
from storefront.pickup.reservation import EmptyCart, cart_wants, load_cart
from storefront.pickup.supply import Supply, Want, supplies, supply
from storefront.shopper import Owner
from storefront.stores.hours import Promise, PromiseKind, local_today, schedule_of
from storefront.stores.models import Store, StoreKind
from storefront.stores.nearest import nearest_stores
from storefront.stores.queries import shop_by_id, stores_with_hours

NEARBY = 8  # stores offered around my store
CONTACT_FIELDS = ("name", "email", "phone")
SLOT_CHANGED = "pickup-slot-changed"  # HX-Trigger once a hold changes: the review re-fetches


def new_key() -> str:
    """The confirm form's idempotency key: a second submit of the same page finds the
    order the first one made."""
    return secrets.token_urlsafe(24)


def valid_key(raw: str) -> bool:
    return 20 <= len(raw) <= 64 and all(c.isalnum() or c in "-_" for c in raw)


@dataclass(frozen=True)
class StoreOption:
    """A store the shopper may collect from, and when the whole cart could be ready there."""

    store: Store
    promise: Promise
    earliest: datetime | None
    distance_km: float | None
    mine: bool

    @property
    def available(self) -> bool:
        return self.promise.available


@dataclass(frozen=True)
class Checkout:
    cart: CartView
    options: list[StoreOption]
    chosen: StoreOption | None
    picker: Picker | None
    contact: dict[str, str]
    idempotency_key: str
    errors: dict[str, Message] = field(default_factory=dict)
    message: Message | None = None
    nearby: bool = False  # the stores are ranked from my store or the shopper's position

    @property
    def held(self) -> ChosenView | None:
        return self.picker.chosen if self.picker else None

    def refused(self, message: Message) -> Checkout:
        """The same page with `message` in the picker (or above it, without one)."""
        if self.picker is None:
            return replace(self, message=message)
        return replace(self, picker=replace(self.picker, error=message))


def promise_of(plan: Supply, now_utc: datetime) -> Promise:
    """The product page's promise, for a whole cart: from the store's shelves (today or
    at a later opening) or sent from the warehouse, as `Supply.earliest` says."""
    schedule = schedule_of(plan.store)
    today = local_today(schedule, now_utc)
    if plan.short or plan.earliest is None:
        return Promise(PromiseKind.UNAVAILABLE, today=today)
    ready = plan.earliest.astimezone(schedule.zone)
    days = (ready.date() - today).days
    if not plan.all_in_store:
        kind = PromiseKind.TRANSFER
    else:
        kind = PromiseKind.TODAY if days == 0 else PromiseKind.LATER
    return Promise(kind, ready, days, today)


def _candidates(
    session: Session,
    mine: Store | None,
    wanted: list[int],
    origin: tuple[float, float] | None,
) -> list[tuple[int, float | None]]:
    """Shop ids to offer with their distance: my store and the nearest to it, or the
    nearest to the shopper's position, or without either every shop by name; then the
    ones asked for, should they be farther."""
    found: list[tuple[int, float | None]]
    if mine is not None:
        near = nearest_stores(session, mine.latitude, mine.longitude, NEARBY)
        found = [(mine.id, 0.0)]
        found += [(n.store.id, n.distance_km) for n in near if n.store.id != mine.id]
    elif origin is not None:
        near = nearest_stores(session, origin[0], origin[1], NEARBY + 1)
        found = [(n.store.id, n.distance_km) for n in near]
    else:
        shops = select(Store.id).where(Store.kind == StoreKind.SHOP).order_by(Store.name)
        found = [(store_id, None) for store_id in session.scalars(shops)]
    listed = {store_id for store_id, _ in found}
    return found + [(i, None) for i in dict.fromkeys(wanted) if i not in listed]


def store_options(
    session: Session,
    wants: list[Want],
    mine: Store | None,
    wanted: list[int],
    now_utc: datetime,
    *,
    origin: tuple[float, float] | None = None,
    only_wanted: bool = False,
) -> list[StoreOption]:
    """My store (even when it cannot supply the cart, to say so), then the others that
    can supply every line, nearest first; with `only_wanted`, just the stores asked for
    (a slot picker swapped on its own shows one store, and planning every shop costs)."""
    if only_wanted:
        candidates: list[tuple[int, float | None]] = [(i, None) for i in dict.fromkeys(wanted)]
    else:
        candidates = _candidates(session, mine, wanted, origin)
    stores = {
        store_id: store
        for store_id, store in stores_with_hours(
            session, [i for i, _ in candidates], now_utc.date()
        ).items()
        if store.kind is StoreKind.SHOP
    }
    listed = [(stores[i], distance) for i, distance in candidates if i in stores]
    plans = supplies(session, [store for store, _ in listed], wants, now_utc)
    mine_id = mine.id if mine is not None else None
    options = [
        StoreOption(store, promise_of(plan, now_utc), plan.earliest, distance, store.id == mine_id)
        for (store, distance), plan in zip(listed, plans, strict=True)
    ]
    return [o for o in options if o.available or o.mine]


def live_hold(session: Session, owner: Owner | None, now_utc: datetime) -> SlotHold | None:
    if owner is None:
        return None
    held = slots.current_hold(session, owner)
    return held if held is not None and held.expires_at > now_utc else None


def checkout_view(
    session: Session,
    owner: Owner | None,
    *,
    mine: Store | None = None,
    store_id: int | None = None,
    only_store: Store | None = None,
    now_utc: datetime,
    action: Callable[[Store], PickerAction],
    contact: dict[str, str],
    idempotency_key: str,
    day: date | None = None,
    origin: tuple[float, float] | None = None,
    only_wanted: bool = False,
    picker_error: Message | None = None,
    errors: dict[str, Message] | None = None,
    message: Message | None = None,
) -> Checkout:
    """The store shown is the one asked for, else the one holding the shopper's slot, else
    my store, else the nearest that can supply the cart; one no longer able to is not.
    With `only_store` (a kiosk's), that store is my store and the only one planned or
    offered, and a slot held at another is not shown as its."""
    cart = cart_view(session, owner)
    wants = [Want(line.variant_id, line.quantity, line.product_name) for line in cart.lines]
    held = live_hold(session, owner, now_utc)
    if only_store is not None:
        mine, wanted, only_wanted = only_store, [only_store.id], True
    else:
        wanted = [i for i in (store_id, held.slot.store_id if held else None) if i is not None]
    options = (
        store_options(
            session,
            wants,
            mine,
            wanted,
            now_utc,
            origin=origin,
            only_wanted=only_wanted and bool(wanted),
        )
        if wants
        else []
    )
    usable = {o.store.id: o for o in options if o.available}
    chosen = next(
        (usable[i] for i in (*wanted, mine.id if mine else None) if i in usable),
        next(iter(usable.values()), None),
    )
    shown = None
    if chosen is not None:
        mine_held = held if held is not None and held.slot.store_id == chosen.store.id else None
        shown = build(
            session,
            chosen.store,
            now_utc=now_utc,
            earliest=chosen.earliest,
            action=action(chosen.store),
            day=day,
            chosen=None
            if mine_held is None
            else Chosen(mine_held.slot.starts_at, mine_held.slot.ends_at, mine_held.expires_at),
            error=picker_error,
        )
    return Checkout(
        cart=cart,
        options=options,
        chosen=chosen,
        picker=shown,
        contact=contact,
        idempotency_key=idempotency_key,
        errors=errors or {},
        message=message,
        nearby=mine is not None or origin is not None,
    )


def hold_slot(
    session: Session, owner: Owner, store_id: int, starts_at: datetime, now_utc: datetime
) -> SlotHold:
    """Hold the slot starting at `starts_at` for this cart, if the store offers it to this
    order now: the same checks the confirmation makes, so a slot that cannot be booked is
    never held. Raises a PickupError saying why not; the caller rolls back."""
    store = shop_by_id(session, store_id, now_utc)
    if store is None:
        raise Refused(Message(N_("Choose a store from the list.")))
    wants = cart_wants(load_cart(session, owner))
    if not wants:
        raise EmptyCart()
    plan = supply(session, store, wants, now_utc)
    if plan.short:
        raise InsufficientStock([w.name for w in plan.short])
    checked = rules.check_slot(
        schedule_of(store),
        starts_at,
        now_utc=now_utc,
        minutes=store.slot_minutes,
        earliest=plan.earliest,
    )
    if isinstance(checked, Decision):
        raise Refused(checked.reason or Message(N_("Choose another slot.")))
    return slots.hold(session, owner, store, checked, now_utc)
