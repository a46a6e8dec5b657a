"""The slot picker's view model: a week of day tabs and one day's slots, for any page.

Two pages show it: the checkout (picking a slot holds it) and the order page (picking one
reschedules the order). To show it, build a `Picker` with `build(...)` and include
``pickup/partials/slot_picker.html`` with ``picker`` in the context:

    picker.build(session, store, now_utc=now, earliest=earliest, chosen=Chosen(...),
                 action=PickerAction(choose_url=..., day_url=..., fields=(("store", "3"),)))

The partial replaces itself (its wrapper has ``hx-target:inherited="this"``), so every URL
in `PickerAction` must answer an htmx request with that same partial (status 422 and
`error` set when it refuses), and a plain request with the whole page:
- ``GET day_url`` with ``day=YYYY-MM-DD`` and `fields`: another day's slots;
- ``POST choose_url`` with ``starts_at`` (ISO 8601, UTC), `fields` and the CSRF token;
- ``POST release_url`` (optional; None hides the button) with `fields` and the CSRF token.
`earliest` is when the order could be collected (None: it cannot be), as
`pickup.supply.Supply.earliest` or, for an order, the rule `amendments.reschedule` checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from storefront.messages import N_, Message
from storefront.pickup import rules, slots
from storefront.stores.hours import day_hours, schedule_of
from storefront.stores.models import Store

NO_SUCH_SLOT = Message(N_("This slot does not exist. Choose one from the list."))
NO_SUCH_DAY = Message(N_("Choose a day within the next 7 days."))


@dataclass(frozen=True)
class PickerAction:
    """Where the picker's forms and day tabs go; `fields` are sent with each of them."""

    choose_url: str
    day_url: str
    release_url: str | None = None
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Chosen:
    """The slot the shopper has: a checkout hold (until `held_until`) or the order's slot."""

    starts_at: datetime
    ends_at: datetime
    held_until: datetime | None = None


@dataclass(frozen=True)
class DayTab:
    day: date
    closed: bool
    selected: bool


@dataclass(frozen=True)
class SlotChoice:
    """One window as the grid shows it; `starts_at` is UTC (the value posted), `start` and
    `end` are the store's local times."""

    starts_at: datetime
    start: datetime
    end: datetime
    state: rules.SlotState
    left: int
    chosen: bool

    @property
    def value(self) -> str:
        return self.starts_at.astimezone(UTC).isoformat()

    @property
    def free(self) -> bool:
        return self.state is rules.SlotState.FREE and not self.chosen


@dataclass(frozen=True)
class ChosenView:
    """The chosen slot in the store's local time, for the note above the grid."""

    start: datetime
    end: datetime
    held_until: datetime | None


@dataclass(frozen=True)
class Picker:
    store: Store
    days: list[DayTab]
    day: date
    slots: list[SlotChoice]
    chosen: ChosenView | None
    action: PickerAction
    error: Message | None = None

    @property
    def closed(self) -> bool:
        return next(tab.closed for tab in self.days if tab.selected)

    @property
    def any_free(self) -> bool:
        return any(slot.free for slot in self.slots)

    @property
    def hold_minutes(self) -> int:
        return int(rules.HOLD.total_seconds() // 60)


def parse_day(raw: str | None) -> date | None:
    """A YYYY-MM-DD day from a query string; None for anything else."""
    if not raw or len(raw) != 10:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def parse_start(raw: str | None) -> datetime | None:
    """A slot's start as posted (ISO 8601 with an offset) in UTC; None when malformed,
    without a time zone (which could only be guessed), or at the edge of the calendar
    (9999-12-31T23:30-05:00 is in year 10000 in UTC)."""
    if not raw or len(raw) > 40:
        return None
    try:
        moment = datetime.fromisoformat(raw)
        return moment.astimezone(UTC) if moment.tzinfo is not None else None
    except (ValueError, OverflowError):
        return None


def default_day(
    store: Store, days: list[date], earliest: datetime | None, chosen: Chosen | None
) -> date:
    """The chosen slot's day, else the first day with a slot late enough, else today."""
    schedule = schedule_of(store)
    if chosen is not None and (day := chosen.starts_at.astimezone(schedule.zone).date()) in days:
        return day
    for day in days:
        windows = rules.day_slots(schedule, day, store.slot_minutes)
        if earliest is not None and any(w.starts_at >= earliest for w in windows):
            return day
    return days[0]


def build(
    session: Session,
    store: Store,
    *,
    now_utc: datetime,
    earliest: datetime | None,
    action: PickerAction,
    day: date | None = None,
    chosen: Chosen | None = None,
    error: Message | None = None,
) -> Picker:
    """`store` comes with its hours and closures loaded; a `day` outside the week shown
    falls back to `default_day`."""
    schedule = schedule_of(store)
    days = rules.booking_days(schedule, now_utc)
    if day not in days:
        day = default_day(store, days, earliest, chosen)
    offer = slots.day_offer(session, store, schedule, day, earliest=earliest, now_utc=now_utc)
    zone = schedule.zone
    return Picker(
        store=store,
        days=[DayTab(d, day_hours(schedule, d).closed, d == day) for d in days],
        day=day,
        slots=[
            SlotChoice(
                starts_at=o.time.starts_at,
                start=o.time.starts_at.astimezone(zone),
                end=o.time.ends_at.astimezone(zone),
                state=o.state,
                left=o.left,
                chosen=chosen is not None and chosen.starts_at == o.time.starts_at,
            )
            for o in offer
        ],
        chosen=None
        if chosen is None
        else ChosenView(
            chosen.starts_at.astimezone(zone),
            chosen.ends_at.astimezone(zone),
            chosen.held_until.astimezone(zone) if chosen.held_until else None,
        ),
        action=action,
        error=error,
    )
