from storefront.wishlist import rules


def test_names_are_trimmed_and_inner_whitespace_collapsed() -> None:
    assert rules.clean_name("  Summer \t  trip \n") == "Summer trip"


def test_a_name_needs_one_to_eighty_characters() -> None:
    assert not rules.check_list_name("", []).ok
    assert rules.check_list_name("x" * 80, []).ok
    refused = rules.check_list_name("x" * 81, [])
    assert not refused.ok and refused.reason is not None
    assert "80" in str(refused.reason)


def test_control_characters_are_refused() -> None:
    assert not rules.check_list_name("Trip\x00", []).ok
    assert not rules.check_list_name("Trip\u200b", []).ok  # zero-width space: format char


def test_names_are_unique_per_owner_whatever_the_case_or_unicode_form() -> None:
    assert not rules.check_list_name("SUMMER TRIP", ["Summer trip"]).ok
    assert not rules.check_list_name("Cafe\u0301", ["Café"]).ok
    assert rules.check_list_name("Winter", ["Summer trip"]).ok


def test_limits_on_lists_and_items() -> None:
    assert rules.can_create_list(rules.MAX_LISTS - 1).ok
    assert not rules.can_create_list(rules.MAX_LISTS).ok
    assert rules.can_add_item(rules.MAX_ITEMS_PER_LIST - 1).ok
    assert not rules.can_add_item(rules.MAX_ITEMS_PER_LIST).ok


def test_free_name_numbers_clashes_and_stays_within_the_limit() -> None:
    assert rules.free_name("Trip", ["Other"]) == "Trip"
    assert rules.free_name("Trip", ["trip"]) == "Trip (2)"
    assert rules.free_name("Trip", ["Trip", "Trip (2)"]) == "Trip (3)"
    long = "x" * 80
    renamed = rules.free_name(long, [long])
    assert renamed.endswith(" (2)") and len(renamed) == rules.NAME_MAX


def test_only_a_lower_price_counts_as_a_drop() -> None:
    assert rules.price_dropped(5000, 4500)
    assert not rules.price_dropped(5000, 5000)
    assert not rules.price_dropped(5000, 5500)
    assert not rules.price_dropped(None, 10)
