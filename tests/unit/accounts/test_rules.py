from datetime import UTC, datetime, timedelta

import pytest

from storefront.accounts import rules


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("  Anna@Example.COM ", "anna@example.com"), ("e\u0301lise@x.fr", "\u00e9lise@x.fr")],
)
def test_an_email_has_one_spelling(raw: str, expected: str) -> None:
    assert rules.normalise_email(raw) == expected


@pytest.mark.parametrize(
    "email",
    ["anna@example.com", "anna.martin+shop@mail.example.fr", "élise@exemple.fr"],
)
def test_plausible_emails_are_accepted(email: str) -> None:
    assert rules.check_email(email).ok


@pytest.mark.parametrize(
    "email",
    [
        "anna",
        "anna@",
        "@example.com",
        "anna@example",
        "anna@@example.com",
        "an na@example.com",
        "anna@example..com",
        "anna@.example.com",
        "anna\x00@example.com",
        "a" * 65 + "@example.com",
        "a@" + "b" * 250 + ".fr",
    ],
)
def test_mistyped_emails_are_refused_with_an_example(email: str) -> None:
    decision = rules.check_email(email)
    assert not decision.ok and "name@example.com" in str(decision.reason)


def test_an_empty_email_asks_for_one() -> None:
    assert str(rules.check_email("").reason) == "Enter your email address."


def test_a_password_needs_ten_characters() -> None:
    decision = rules.check_password("nine char", "anna@example.com")
    assert not decision.ok and str(decision.reason) == "Use at least 10 characters."
    assert rules.check_password("ten chars!", "anna@example.com").ok


def test_a_password_has_an_upper_bound() -> None:
    assert not rules.check_password("x" * 999 + "yz", "anna@example.com").ok


@pytest.mark.parametrize(
    "password", ["anna.martin@example.com", "ANNA.MARTIN@EXAMPLE.COM", "anna.martin"]
)
def test_a_password_is_not_the_email(password: str) -> None:
    decision = rules.check_password(password, "anna.martin@example.com")
    assert not decision.ok and "email" in str(decision.reason)


@pytest.mark.parametrize("password", ["motdepasse", "AZERTYUIOP", "Password123", "aaaaaaaaaaaa"])
def test_the_most_guessed_passwords_are_refused(password: str) -> None:
    decision = rules.check_password(password, "anna@example.com")
    assert not decision.ok and "most guessed" in str(decision.reason)


def test_names_are_tidied_and_bounded() -> None:
    assert rules.clean_name("  Anna   Martin ") == "Anna Martin"
    assert rules.check_name("Anna Martin").ok and rules.check_name("").ok
    assert not rules.check_name("x" * 121).ok
    assert not rules.check_name("Anna\x07").ok


def test_the_locale_is_one_we_offer_or_none() -> None:
    assert rules.check_locale("", ("en", "fr")).ok
    assert rules.check_locale("fr", ("en", "fr")).ok
    assert not rules.check_locale("de", ("en", "fr")).ok


def test_the_first_name_is_the_first_word() -> None:
    assert rules.first_name("Anna Martin") == "Anna"
    assert rules.first_name("") == ""


def test_a_reset_link_lasts_one_hour() -> None:
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert rules.reset_expiry(now) == now + timedelta(hours=1)


def test_deleting_needs_the_account_email_typed() -> None:
    assert rules.confirms_deletion(" Anna@Example.com", "anna@example.com").ok
    assert not rules.confirms_deletion("", "anna@example.com").ok
    assert not rules.confirms_deletion("other@example.com", "anna@example.com").ok
