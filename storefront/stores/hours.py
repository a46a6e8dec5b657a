"""Opening hours in a store's own time zone: open now, the week ahead, the pickup promise."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from storefront.stores.hours_syntax import SpecialDay, WeeklyPeriod

# How far ahead to look for the next opening: long enough for a closure of several weeks
# (a refit), short enough that a store without hours costs a bounded loop.
HORIZON_DAYS = 62
QUARTER = 15  # minutes: a promise is rounded up to a quarter hour, so it reads like a clock


@dataclass(frozen=True)
class StoreSchedule:
    """What the rules need of a store: plain values, so they run without a database.

    Times are local wall-clock times in ``timezone``; instants are computed per day, so a
    store opening at 10:00 opens at 09:00 UTC in winter and 08:00 UTC in summer in Paris.
    """

    timezone: str
    weekly: tuple[WeeklyPeriod, ...] = ()
    closures: tuple[SpecialDay, ...] = ()
    preparation_minutes: int = 120
    transfer_days: int = 3

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class _HoursRow(Protocol):
    weekday: int
    opens: time
    closes: time


class _ClosureRow(Protocol):
    day: date
    reason: str
    opens: time | None
    closes: time | None


class StoreLike(Protocol):
    """The attributes of ``stores.models.Store`` a schedule is built from."""

    timezone: str
    preparation_minutes: int
    transfer_days: int

    @property
    def hours(self) -> Iterable[_HoursRow]: ...

    @property
    def closures(self) -> Iterable[_ClosureRow]: ...


def schedule_of(store: StoreLike) -> StoreSchedule:
    return StoreSchedule(
        timezone=store.timezone,
        weekly=tuple(sorted(WeeklyPeriod(h.weekday, h.opens, h.closes) for h in store.hours)),
        closures=tuple(
            sorted(SpecialDay(c.day, c.opens, c.closes, c.reason) for c in store.closures)
        ),
        preparation_minutes=store.preparation_minutes,
        transfer_days=store.transfer_days,
    )


@dataclass(frozen=True)
class Period:
    opens: time
    closes: time


@dataclass(frozen=True)
class DayHours:
    """One local day: its periods (none when closed) and the exceptional day, if any."""

    day: date
    periods: tuple[Period, ...]
    special: SpecialDay | None = None

    @property
    def closed(self) -> bool:
        return not self.periods


def day_hours(schedule: StoreSchedule, day: date) -> DayHours:
    """An exceptional day replaces the weekly hours: closed all day, or its one period."""
    special = next((c for c in schedule.closures if c.day == day), None)
    if special is not None:
        if special.opens is None or special.closes is None:
            return DayHours(day, (), special)
        return DayHours(day, (Period(special.opens, special.closes),), special)
    weekday = day.weekday()
    periods = tuple(Period(p.opens, p.closes) for p in schedule.weekly if p.weekday == weekday)
    return DayHours(day, periods)


def week(schedule: StoreSchedule, from_date: date) -> list[DayHours]:
    """The seven days from ``from_date`` (the store's local today, for the page)."""
    return [day_hours(schedule, from_date + timedelta(days=n)) for n in range(7)]


def upcoming_specials(
    schedule: StoreSchedule, from_date: date, *, days: int = 90
) -> list[SpecialDay]:
    """Exceptional days from ``from_date`` on, in date order: holidays and special hours."""
    until = from_date + timedelta(days=days)
    return [c for c in schedule.closures if from_date <= c.day < until]


def local_today(schedule: StoreSchedule, now_utc: datetime) -> date:
    return now_utc.astimezone(schedule.zone).date()


@dataclass(frozen=True)
class _Interval:
    """An opening period as UTC instants, so comparisons ignore wall-clock folds."""

    day: date
    start: datetime
    end: datetime


def _intervals(schedule: StoreSchedule, first: date) -> Iterator[_Interval]:
    """Opening periods from the local day ``first`` on, in order, touching ones merged."""
    zone = schedule.zone
    pending: _Interval | None = None
    for offset in range(HORIZON_DAYS):
        day = first + timedelta(days=offset)
        for period in day_hours(schedule, day).periods:
            start = datetime.combine(day, period.opens, zone).astimezone(UTC)
            end = datetime.combine(day, period.closes, zone).astimezone(UTC)
            if pending is not None and start <= pending.end:
                pending = _Interval(pending.day, pending.start, max(end, pending.end))
                continue
            if pending is not None:
                yield pending
            pending = _Interval(day, start, end)
    if pending is not None:
        yield pending


def _require_utc(now_utc: datetime) -> datetime:
    if now_utc.tzinfo is None:
        raise ValueError("now_utc must be an aware datetime")
    return now_utc.astimezone(UTC)


@dataclass(frozen=True)
class OpenStatus:
    """Open now until ``closes_at``, or closed until ``opens_at`` (None: no hours ahead).

    Times are local to the store; ``opens_in_days`` counts local calendar days (0 today,
    1 tomorrow) so the template can say "today", "tomorrow" or the weekday.
    """

    is_open: bool
    today: date
    closes_at: datetime | None = None
    opens_at: datetime | None = None

    @property
    def opens_in_days(self) -> int | None:
        return None if self.opens_at is None else (self.opens_at.date() - self.today).days


def status_at(schedule: StoreSchedule, now_utc: datetime) -> OpenStatus:
    now = _require_utc(now_utc)
    zone = schedule.zone
    today = now.astimezone(zone).date()
    # Start a day early: a period of yesterday cannot reach today (no overnight periods),
    # but a store west of UTC may still be in "yesterday" for some of its rows.
    for interval in _intervals(schedule, today - timedelta(days=1)):
        if interval.start <= now < interval.end:
            return OpenStatus(True, today, closes_at=interval.end.astimezone(zone))
        if interval.start > now:
            return OpenStatus(False, today, opens_at=interval.start.astimezone(zone))
    return OpenStatus(False, today)


class PromiseKind(enum.StrEnum):
    TODAY = "today"  # ready later today, from ready_at
    LATER = "later"  # in store, ready at a later opening (tomorrow morning, Monday...)
    TRANSFER = "transfer"  # sent from the warehouse: ready in `days` days
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class Promise:
    """When an order could be collected. ``ready_at`` is local to the store; ``days``
    counts local calendar days from today (0 for today)."""

    kind: PromiseKind
    ready_at: datetime | None = None
    days: int | None = None
    today: date | None = field(default=None, compare=False)

    @property
    def available(self) -> bool:
        return self.kind is not PromiseKind.UNAVAILABLE


def _round_up_to_quarter(moment: datetime, zone: ZoneInfo) -> datetime:
    """Round up in local time, so "ready from 15:00" even in a zone offset by 45 minutes."""
    local = moment.astimezone(zone).replace(second=0, microsecond=0) + (
        timedelta(minutes=1) if moment.second or moment.microsecond else timedelta()
    )
    minutes = local.hour * 60 + local.minute
    rounded = math.ceil(minutes / QUARTER) * QUARTER
    shifted = datetime.combine(local.date(), time(), zone) + timedelta(minutes=rounded)
    return shifted.astimezone(UTC)


def _in_store(schedule: StoreSchedule, now: datetime) -> datetime | None:
    """The first moment the order can be collected when the store has the goods.

    Staff prepare orders while the store is open, within one opening period: an order
    placed at night, or too late before closing or a lunch break, is prepared from the
    next opening. The ready time must be before that period closes, so there is time left
    to come and collect it.
    """
    zone = schedule.zone
    preparation = timedelta(minutes=max(schedule.preparation_minutes, 0))
    today = now.astimezone(zone).date()
    for interval in _intervals(schedule, today - timedelta(days=1)):
        if interval.end <= now:
            continue
        ready = _round_up_to_quarter(max(now, interval.start) + preparation, zone)
        if ready < interval.end:
            return ready
    return None


def _by_transfer(schedule: StoreSchedule, now: datetime) -> datetime | None:
    """Warehouse stock reaches the store ``transfer_days`` local days after the order and
    can be collected from the first opening on that day or after it."""
    zone = schedule.zone
    arrives = now.astimezone(zone).date() + timedelta(days=max(schedule.transfer_days, 0))
    return next((i.start for i in _intervals(schedule, arrives)), None)


def earliest_ready(
    schedule: StoreSchedule, now_utc: datetime, *, in_store: bool
) -> datetime | None:
    """The first moment (UTC) an order placed now can be collected: after preparation when
    the store has the goods, after the warehouse transfer when it does not."""
    now = _require_utc(now_utc)
    return _in_store(schedule, now) if in_store else _by_transfer(schedule, now)


def pickup_promise(
    schedule: StoreSchedule, now_utc: datetime, *, in_store: bool, warehouse_has_it: bool
) -> Promise:
    """When the shopper could collect an order placed now, as values the template words:
    today from HH:MM, at a later opening, in N days via the warehouse, or not at all."""
    now = _require_utc(now_utc)
    zone = schedule.zone
    today = now.astimezone(zone).date()
    if in_store and (ready := _in_store(schedule, now)) is not None:
        local = ready.astimezone(zone)
        days = (local.date() - today).days
        kind = PromiseKind.TODAY if days == 0 else PromiseKind.LATER
        return Promise(kind, local, days, today)
    if warehouse_has_it and (ready := _by_transfer(schedule, now)) is not None:
        local = ready.astimezone(zone)
        return Promise(PromiseKind.TRANSFER, local, (local.date() - today).days, today)
    return Promise(PromiseKind.UNAVAILABLE, today=today)
