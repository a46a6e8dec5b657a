"""Short codes: readable aloud, typed any way, derived only with the app's secret."""

from datetime import UTC, datetime, timedelta

from storefront import short_codes

NOW = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)


def test_a_code_is_eight_unambiguous_characters_shown_in_two_groups() -> None:
    codes = {short_codes.code_for(b"secret", f"nonce-{n}") for n in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 8 and not set(code) & set("01ILOQUV")
        assert short_codes.grouped(code) == f"{code[:4]}-{code[4:]}"


def test_the_same_nonce_gives_the_same_code_only_with_the_same_secret() -> None:
    assert short_codes.code_for(b"secret", "n") == short_codes.code_for(b"secret", "n")
    assert short_codes.code_for(b"secret", "n") != short_codes.code_for(b"other", "n")


def test_case_spaces_dashes_and_a_scanned_link_do_not_matter() -> None:
    for typed in (
        "K7R4-MX2P",
        "k7r4mx2p",
        " k7r4 mx2p ",
        "https://shop.example/staff/lists/K7R4-MX2P",
    ):
        assert short_codes.typed_code(typed) == "K7R4MX2P"
    for wrong in ("", "K7R4-MX2", "K7R4-MX2PP", "O7R4-MX2P", "K7Q4-MX2P", "7K3MPX"):
        assert short_codes.typed_code(wrong) is None


def test_minutes_left_rounds_up() -> None:
    until = NOW + timedelta(minutes=30)
    assert short_codes.minutes_left(until, NOW) == 30
    assert short_codes.minutes_left(until, until - timedelta(seconds=1)) == 1
    assert short_codes.minutes_left(until, until) == 0
