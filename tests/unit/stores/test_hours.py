"""Opening status, the week and the pickup promise, at explicit UTC instants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

import pytest

from storefront.stores.hours import (
    Period,
    PromiseKind,
    StoreSchedule,
    day_hours,
    pickup_promise,
    schedule_of,
    status_at,
    upcoming_specials,
    week,
)
from storefront.stores.hours_syntax import parse_closures, parse_hours

CITY = "Mon-Sat 10:00-19:00"
LUNCH = "Mon-Sat 09:00-12:30,14:00-19:00"


def schedule(
    hours: str = CITY,
    closures: str = "",
    *,
    tz: str = "Europe/Paris",
    preparation: int = 120,
    transfer: int = 3,
) -> StoreSchedule:
    return StoreSchedule(
        timezone=tz,
        weekly=tuple(parse_hours(hours)),
        closures=tuple(parse_closures(closures)) if closures else (),
        preparation_minutes=preparation,
        transfer_days=transfer,
    )


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def hm(moment: datetime | None) -> str:
    assert moment is not None
    return moment.strftime("%Y-%m-%d %H:%M")


# --- open now ---------------------------------------------------------------------


def test_open_now_closes_at_local_time() -> None:
    # Monday 15 June 2026, 12:00 UTC is 14:00 in Paris (summer time, UTC+2).
    status = status_at(schedule(), utc(2026, 6, 15, 12))
    assert status.is_open
    assert hm(status.closes_at) == "2026-06-15 19:00"


def test_before_opening_opens_today() -> None:
    status = status_at(schedule(), utc(2026, 6, 15, 6))  # 08:00 in Paris
    assert not status.is_open
    assert hm(status.opens_at) == "2026-06-15 10:00"
    assert status.opens_in_days == 0


def test_after_closing_opens_tomorrow() -> None:
    status = status_at(schedule(), utc(2026, 6, 15, 17, 30))  # 19:30 in Paris
    assert not status.is_open
    assert hm(status.opens_at) == "2026-06-16 10:00"
    assert status.opens_in_days == 1


def test_closing_instant_is_closed() -> None:
    assert not status_at(schedule(), utc(2026, 6, 15, 17)).is_open  # 19:00 sharp
    assert status_at(schedule(), utc(2026, 6, 15, 8)).is_open  # 10:00 sharp


def test_saturday_evening_opens_monday() -> None:
    status = status_at(schedule(), utc(2026, 6, 20, 18))  # Saturday 20:00
    assert hm(status.opens_at) == "2026-06-22 10:00"
    assert status.opens_in_days == 2


def test_lunch_break_closes_at_noon_then_reopens() -> None:
    morning = status_at(schedule(LUNCH), utc(2026, 6, 15, 9))  # 11:00
    assert morning.is_open and hm(morning.closes_at) == "2026-06-15 12:30"
    lunch = status_at(schedule(LUNCH), utc(2026, 6, 15, 11))  # 13:00
    assert not lunch.is_open
    assert hm(lunch.opens_at) == "2026-06-15 14:00" and lunch.opens_in_days == 0


def test_touching_periods_read_as_one() -> None:
    status = status_at(schedule("Mon 10:00-12:00,12:00-19:00"), utc(2026, 6, 15, 9))
    assert hm(status.closes_at) == "2026-06-15 19:00"


def test_no_hours_is_closed_with_no_next_opening() -> None:
    status = status_at(schedule(""), utc(2026, 6, 15, 12))
    assert not status.is_open and status.opens_at is None and status.opens_in_days is None


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        status_at(schedule(), datetime(2026, 6, 15, 12))


# --- daylight saving --------------------------------------------------------------


def test_ten_o_clock_is_nine_utc_in_winter_and_eight_in_summer() -> None:
    paris = schedule()
    # Friday 27 March 2026 (winter, UTC+1): opens at 09:00 UTC.
    assert not status_at(paris, utc(2026, 3, 27, 8, 59)).is_open
    assert status_at(paris, utc(2026, 3, 27, 9)).is_open
    # Monday 30 March 2026, after the change on Sunday 29 (summer, UTC+2): 08:00 UTC.
    assert not status_at(paris, utc(2026, 3, 30, 7, 59)).is_open
    assert status_at(paris, utc(2026, 3, 30, 8)).is_open
    assert hm(status_at(paris, utc(2026, 3, 30, 8)).closes_at) == "2026-03-30 19:00"


def test_next_opening_across_the_spring_change() -> None:
    # Saturday 28 March 20:00 UTC = 21:00 in Paris; Sunday closed; Monday 10:00 summer time.
    status = status_at(schedule(), utc(2026, 3, 28, 20))
    assert status.opens_at is not None
    assert hm(status.opens_at) == "2026-03-30 10:00"
    assert status.opens_at.utcoffset() is not None
    assert status.opens_at.astimezone(UTC).hour == 8


def test_sunday_store_on_the_autumn_change() -> None:
    # Sunday 25 October 2026: clocks go back at 03:00. A store open 11:00-19:00 that day
    # opens at 10:00 UTC (UTC+1), a day after opening at 09:00 UTC (UTC+2).
    sundays = schedule("Sat-Sun 11:00-19:00")
    assert status_at(sundays, utc(2026, 10, 24, 9)).is_open
    assert not status_at(sundays, utc(2026, 10, 25, 9, 30)).is_open
    assert status_at(sundays, utc(2026, 10, 25, 10)).is_open
    assert hm(status_at(sundays, utc(2026, 10, 25, 17, 59)).closes_at) == "2026-10-25 19:00"
    assert not status_at(sundays, utc(2026, 10, 25, 18)).is_open


def test_london_and_paris_at_the_same_instant() -> None:
    # 09:30 UTC on Monday 30 March 2026: 11:30 in Paris (open), 10:30 in London (open);
    # 09:30 UTC on Friday 27 March: 10:30 Paris (open), 09:30 London (not yet).
    london = schedule(tz="Europe/London")
    assert status_at(london, utc(2026, 3, 30, 9, 30)).is_open
    assert status_at(schedule(), utc(2026, 3, 30, 9, 30)).is_open
    friday = status_at(london, utc(2026, 3, 27, 9, 30))
    assert not friday.is_open and hm(friday.opens_at) == "2026-03-27 10:00"
    assert status_at(schedule(), utc(2026, 3, 27, 9, 30)).is_open


def test_local_day_not_utc_day_decides_today() -> None:
    # 23:30 UTC on Sunday 14 June is already Monday 01:30 in Paris: "opens today".
    status = status_at(schedule(), utc(2026, 6, 14, 23, 30))
    assert status.today == date(2026, 6, 15) and status.opens_in_days == 0


def test_store_west_of_utc() -> None:
    # 01:00 UTC Tuesday is 21:00 Monday in Montreal: Monday's hours apply.
    montreal = schedule("Mon 10:00-22:00", tz="America/Toronto")
    status = status_at(montreal, utc(2026, 6, 16, 1))
    assert status.is_open and hm(status.closes_at) == "2026-06-15 22:00"


# --- closures ---------------------------------------------------------------------


def test_all_day_closure_skips_to_the_next_day() -> None:
    shut = schedule(closures="2026-12-25 closed Christmas Day")
    status = status_at(shut, utc(2026, 12, 25, 10))
    assert not status.is_open and hm(status.opens_at) == "2026-12-26 10:00"


def test_special_hours_replace_the_weekly_hours() -> None:
    eve = schedule(closures="2026-12-24 10:00-17:00 Christmas Eve")
    status = status_at(eve, utc(2026, 12, 24, 15))  # 16:00 in Paris
    assert status.is_open and hm(status.closes_at) == "2026-12-24 17:00"
    assert not status_at(eve, utc(2026, 12, 24, 16, 30)).is_open


def test_week_lists_periods_and_closures() -> None:
    shop = schedule(LUNCH, "2026-12-24 10:00-17:00 Christmas Eve; 2026-12-25 closed Christmas")
    days = week(shop, date(2026, 12, 21))
    assert [d.day.day for d in days] == [21, 22, 23, 24, 25, 26, 27]
    assert days[0].periods == (Period(time(9), time(12, 30)), Period(time(14), time(19)))
    assert days[3].periods == (Period(time(10), time(17)),)
    assert days[3].special is not None and days[3].special.reason == "Christmas Eve"
    assert days[4].closed and days[4].special is not None
    assert days[6].closed and days[6].special is None  # an ordinary Sunday


def test_upcoming_specials_from_today() -> None:
    shop = schedule(closures="2026-05-01 closed Labour Day; 2026-12-25 closed Christmas")
    assert [s.reason for s in upcoming_specials(shop, date(2026, 11, 1))] == ["Christmas"]
    assert upcoming_specials(shop, date(2026, 5, 2), days=30) == []


def test_long_closure_within_the_horizon() -> None:
    refit = "; ".join(f"2026-07-{d:02d} closed Refit" for d in range(1, 32))
    status = status_at(schedule(closures=refit), utc(2026, 7, 1, 9))
    assert hm(status.opens_at) == "2026-08-01 10:00"


# --- pickup promise ---------------------------------------------------------------


def test_in_store_ready_today_rounded_to_the_quarter() -> None:
    # Monday 11:07 in Paris + 2 h = 13:07, rounded up to 13:15.
    promise = pickup_promise(
        schedule(), utc(2026, 6, 15, 9, 7), in_store=True, warehouse_has_it=True
    )
    assert promise.kind is PromiseKind.TODAY
    assert hm(promise.ready_at) == "2026-06-15 13:15" and promise.days == 0


def test_on_the_quarter_is_not_rounded() -> None:
    promise = pickup_promise(
        schedule(), utc(2026, 6, 15, 11), in_store=True, warehouse_has_it=False
    )
    assert hm(promise.ready_at) == "2026-06-15 15:00"


def test_ready_must_be_before_closing() -> None:
    # 17:00 + 2 h = 19:00 = closing: too late, ready tomorrow 2 h after opening.
    promise = pickup_promise(
        schedule(), utc(2026, 6, 15, 15), in_store=True, warehouse_has_it=False
    )
    assert promise.kind is PromiseKind.LATER
    assert hm(promise.ready_at) == "2026-06-16 12:00" and promise.days == 1
    # 16:59 + 2 h = 18:59, rounded to 19:00: still too late.
    late = pickup_promise(
        schedule(), utc(2026, 6, 15, 14, 59), in_store=True, warehouse_has_it=False
    )
    assert late.kind is PromiseKind.LATER
    # 16:40 + 2 h = 18:40, rounded to 18:45: fine.
    ok = pickup_promise(schedule(), utc(2026, 6, 15, 14, 40), in_store=True, warehouse_has_it=False)
    assert ok.kind is PromiseKind.TODAY and hm(ok.ready_at) == "2026-06-15 18:45"


def test_ordered_at_night_is_prepared_after_opening() -> None:
    promise = pickup_promise(schedule(), utc(2026, 6, 15, 4), in_store=True, warehouse_has_it=False)
    assert promise.kind is PromiseKind.TODAY and hm(promise.ready_at) == "2026-06-15 12:00"


def test_lunch_break_moves_the_promise_to_the_afternoon() -> None:
    # 11:00 + 2 h = 13:00, in the lunch break: prepared from 14:00, ready at 16:00.
    promise = pickup_promise(
        schedule(LUNCH), utc(2026, 6, 15, 9), in_store=True, warehouse_has_it=False
    )
    assert promise.kind is PromiseKind.TODAY and hm(promise.ready_at) == "2026-06-15 16:00"
    early = pickup_promise(
        schedule(LUNCH), utc(2026, 6, 15, 7, 10), in_store=True, warehouse_has_it=False
    )
    assert hm(early.ready_at) == "2026-06-15 11:15"


def test_per_store_preparation_time() -> None:
    quick = schedule(preparation=30)
    promise = pickup_promise(quick, utc(2026, 6, 15, 16), in_store=True, warehouse_has_it=False)
    assert hm(promise.ready_at) == "2026-06-15 18:30"


def test_saturday_evening_ready_monday() -> None:
    promise = pickup_promise(
        schedule(), utc(2026, 6, 20, 16), in_store=True, warehouse_has_it=False
    )
    assert promise.kind is PromiseKind.LATER
    assert hm(promise.ready_at) == "2026-06-22 12:00" and promise.days == 2


def test_promise_on_the_spring_change() -> None:
    # Saturday 28 March 17:30 UTC = 18:30 Paris: too late; Monday opens 10:00 CEST.
    promise = pickup_promise(
        schedule(), utc(2026, 3, 28, 17, 30), in_store=True, warehouse_has_it=False
    )
    assert hm(promise.ready_at) == "2026-03-30 12:00"
    assert promise.ready_at is not None and promise.ready_at.astimezone(UTC).hour == 10


def test_special_hours_day_shortens_the_promise() -> None:
    eve = schedule(closures="2026-12-24 10:00-17:00 Christmas Eve; 2026-12-25 closed Xmas")
    # 15:30 Paris + 2 h = 17:30, after the special 17:00 close; the 25th is closed.
    promise = pickup_promise(eve, utc(2026, 12, 24, 14, 30), in_store=True, warehouse_has_it=False)
    assert hm(promise.ready_at) == "2026-12-26 12:00" and promise.days == 2


def test_transfer_ready_on_the_first_opening_day_after_the_transfer() -> None:
    # Monday 15 June + 3 days = Thursday 18, open: from 10:00.
    promise = pickup_promise(
        schedule(), utc(2026, 6, 15, 12), in_store=False, warehouse_has_it=True
    )
    assert promise.kind is PromiseKind.TRANSFER
    assert hm(promise.ready_at) == "2026-06-18 10:00" and promise.days == 3


def test_transfer_landing_on_a_closed_day_waits_for_the_next_opening() -> None:
    # Thursday 18 June + 3 days = Sunday 21: closed, so Monday 22, in 4 days.
    shop = schedule(transfer=3)
    promise = pickup_promise(shop, utc(2026, 6, 18, 12), in_store=False, warehouse_has_it=True)
    assert hm(promise.ready_at) == "2026-06-22 10:00" and promise.days == 4
    holiday = schedule(closures="2026-06-18 closed Refit")
    moved = pickup_promise(holiday, utc(2026, 6, 15, 12), in_store=False, warehouse_has_it=True)
    assert hm(moved.ready_at) == "2026-06-19 10:00" and moved.days == 4


def test_nowhere_is_unavailable() -> None:
    promise = pickup_promise(
        schedule(), utc(2026, 6, 15, 12), in_store=False, warehouse_has_it=False
    )
    assert promise.kind is PromiseKind.UNAVAILABLE and not promise.available


def test_store_without_hours_cannot_promise() -> None:
    promise = pickup_promise(
        schedule(""), utc(2026, 6, 15, 12), in_store=True, warehouse_has_it=True
    )
    assert promise.kind is PromiseKind.UNAVAILABLE


def test_in_store_falls_back_to_transfer_only_without_hours_ahead() -> None:
    shop = schedule()
    promise = pickup_promise(shop, utc(2026, 6, 15, 12), in_store=True, warehouse_has_it=True)
    assert promise.kind is PromiseKind.TODAY


def test_quarter_rounding_in_a_zone_offset_by_45_minutes() -> None:
    kathmandu = schedule("Mon 10:00-19:00", tz="Asia/Kathmandu", preparation=60)  # UTC+5:45
    # 05:20 UTC = 11:05 local; + 1 h = 12:05, rounded to 12:15 local.
    promise = pickup_promise(
        kathmandu, utc(2026, 6, 15, 5, 20), in_store=True, warehouse_has_it=False
    )
    assert hm(promise.ready_at) == "2026-06-15 12:15"


# --- from a store row -------------------------------------------------------------


@dataclass
class Row:
    weekday: int
    opens: time
    closes: time


@dataclass
class ClosureRow:
    day: date
    reason: str
    opens: time | None = None
    closes: time | None = None


@dataclass
class FakeStore:
    timezone: str = "Europe/Paris"
    preparation_minutes: int = 90
    transfer_days: int = 2
    hours: list[Row] = field(default_factory=list)
    closures: list[ClosureRow] = field(default_factory=list)


def test_schedule_of_a_store() -> None:
    store = FakeStore(
        hours=[Row(1, time(14), time(19)), Row(1, time(9), time(12))],
        closures=[ClosureRow(date(2026, 12, 25), "Christmas")],
    )
    built = schedule_of(store)
    assert built.preparation_minutes == 90 and built.transfer_days == 2
    assert [p.opens for p in day_hours(built, date(2026, 6, 16)).periods] == [time(9), time(14)]
    assert day_hours(built, date(2026, 12, 25)).closed
