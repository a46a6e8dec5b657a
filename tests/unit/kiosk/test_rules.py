"""Kiosk rules: a pairing link's life, the idle time a manager may set, a kiosk's name."""

from datetime import UTC, datetime, timedelta

import pytest

from storefront.kiosk import rules
from storefront.kiosk.rules import PairingState
from storefront.messages import Message

NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_a_link_is_open_until_it_expires_then_never_again() -> None:
    expires = NOON + rules.PAIRING_VALID_FOR

    assert rules.pairing_state(expires, None, NOON) is PairingState.OPEN
    assert rules.pairing_state(expires, None, expires - timedelta(seconds=1)) is PairingState.OPEN
    assert rules.pairing_state(expires, None, expires) is PairingState.EXPIRED


def test_a_used_link_says_so_even_after_it_would_have_expired() -> None:
    expires = NOON + rules.PAIRING_VALID_FOR

    assert rules.pairing_state(expires, NOON, NOON) is PairingState.USED
    assert rules.pairing_state(expires, NOON, expires + timedelta(days=1)) is PairingState.USED


@pytest.mark.parametrize(("typed", "seconds"), [("30", 30), (" 90 ", 90), ("900", 900)])
def test_idle_seconds_within_bounds(typed: str, seconds: int) -> None:
    assert rules.parse_idle_seconds(typed) == seconds


@pytest.mark.parametrize("typed", ["", "29", "901", "-60", "1e3", "90.5", "٩٠", "9" * 5000])
def test_idle_seconds_refused_with_the_bounds(typed: str) -> None:
    refused = rules.parse_idle_seconds(typed)

    assert isinstance(refused, Message)
    assert str(refused) == "Enter a whole number of seconds from 30 to 900."


def test_names_are_tidied_and_checked() -> None:
    assert rules.clean_name("  Entrance \t screen ") == "Entrance screen"
    assert rules.check_name("Entrance screen").ok
    assert not rules.check_name("").ok
    assert not rules.check_name("x" * (rules.NAME_MAX + 1)).ok
    assert not rules.check_name("Entrance\x00").ok
