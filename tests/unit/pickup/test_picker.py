"""The slot picker's model: a week of tabs with closed days, one day's slots in local time."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from storefront.pickup import picker, rules, slots
from storefront.shopper import Owner
from storefront.stores.models import Store
from storefront.stores.queries import shop_by_id
from tests.factories import make_store

# Monday 23 November 2026, 09:00 in Paris; the order can be ready from 12:00.
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
NOON = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
ACTION = picker.PickerAction("/choose", "/day", fields=(("store", "1"),))


def _store(session: Session, capacity: int = 6) -> Store:
    store = make_store(session, slot_capacity=capacity)
    session.commit()
    shop = shop_by_id(session, store.id, NOW)
    assert shop is not None
    return shop


def test_a_week_of_tabs_with_sunday_closed_and_the_first_day_with_a_slot_chosen(
    session: Session,
) -> None:
    store = _store(session)
    shown = picker.build(session, store, now_utc=NOW, earliest=NOON, action=ACTION)

    assert shown.days[0].day == date(2026, 11, 23)
    assert len(shown.days) == rules.BOOKING_DAYS
    assert [tab.closed for tab in shown.days] == [False] * 6 + [True]  # Sunday 29
    assert shown.day == date(2026, 11, 23)
    first = shown.slots[0]
    assert (first.start.hour, first.start.minute, first.end.minute) == (10, 0, 30)  # local
    assert first.state is rules.SlotState.PAST and not first.free
    assert next(s for s in shown.slots if s.free).starts_at == NOON
    assert shown.slots[4].value == "2026-11-23T11:00:00+00:00"


def test_the_held_slot_is_marked_and_its_day_shown_first(session: Session) -> None:
    store = _store(session)
    tuesday = NOON + timedelta(days=1)
    held = slots.hold(
        session,
        Owner(guest_token="g" * 32),
        store,
        rules.SlotTime(tuesday, tuesday + timedelta(minutes=30)),
        NOW,
    )
    chosen = picker.Chosen(tuesday, tuesday + timedelta(minutes=30), held.expires_at)

    shown = picker.build(session, store, now_utc=NOW, earliest=NOON, action=ACTION, chosen=chosen)

    assert shown.day == date(2026, 11, 24)
    mine = [s for s in shown.slots if s.chosen]
    assert [s.starts_at for s in mine] == [tuesday] and not mine[0].free
    assert shown.chosen is not None and shown.chosen.held_until is not None
    assert shown.chosen.held_until.hour == 9 and shown.chosen.held_until.minute == 10  # Paris


def test_a_full_slot_is_not_free_and_a_day_outside_the_week_falls_back(session: Session) -> None:
    store = _store(session, capacity=1)
    slots.hold(
        session,
        Owner(guest_token="h" * 32),
        store,
        rules.SlotTime(NOON, NOON + timedelta(minutes=30)),
        NOW,
    )

    shown = picker.build(
        session, store, now_utc=NOW, earliest=NOON, action=ACTION, day=date(2027, 1, 1)
    )

    assert shown.day == date(2026, 11, 23)
    full = next(s for s in shown.slots if s.starts_at == NOON)
    assert full.state is rules.SlotState.FULL and not full.free


def test_nothing_can_be_ready_shows_every_slot_unavailable(session: Session) -> None:
    store = _store(session)
    shown = picker.build(session, store, now_utc=NOW, earliest=None, action=ACTION)
    assert shown.slots and not shown.any_free


def test_parsing_days_and_starts() -> None:
    assert picker.parse_day("2026-11-24") == date(2026, 11, 24)
    assert [picker.parse_day(raw) for raw in ("", "2026-13-01", "tomorrow", None)] == [None] * 4
    assert picker.parse_start("2026-11-23T12:00:00+01:00") == NOON
    bad = ("2026-11-23T11:00:00", "noon", "", "2026-11-23T11:00:00+00:00" + "0" * 40)
    assert [picker.parse_start(raw) for raw in bad] == [None] * 4
