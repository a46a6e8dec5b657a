from datetime import UTC, datetime

from storefront.catalog.filters import Filters, Sort, parse_filters
from storefront.catalog.rules import (
    VariantRow,
    count_facets,
    matching_products,
    paginate,
    sort_products,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def row(pid: int, **kw: object) -> VariantRow:
    values: dict[str, object] = {
        "product_id": pid,
        "product_name": f"Product {pid}",
        "created_at": T0,
        "category": "shoes",
        "brand": "altitude",
        "size": "42",
        "colour": "Red",
        "price": 5000,
        "in_stock": True,
        "at_store": False,
    }
    values.update(kw)
    return VariantRow(**values)  # type: ignore[arg-type]


def test_parse_reads_every_filter_and_converts_prices_to_cents() -> None:
    parsed = parse_filters(
        {
            "q": [" tent "],
            "page": ["3"],
            "sort": ["price_desc"],
            "brand": ["a", "b"],
            "size": ["M"],
            "colour": ["Red"],
            "price_min": ["10"],
            "price_max": ["99.5"],
            "in_stock": ["1"],
            "store": ["LYON1"],
            "category": ["tents"],
        },
        "EUR",
    )
    f = parsed.filters
    assert parsed.problems == ()
    assert (f.q, f.page, f.sort) == ("tent", 3, Sort.PRICE_DESC)
    assert f.brands == {"a", "b"} and f.sizes == {"M"} and f.colours == {"Red"}
    assert (f.price_min, f.price_max) == (1000, 9950)
    assert f.in_stock and f.store == "LYON1" and f.categories == {"tents"}


def test_parse_drops_nonsense_with_a_message_for_each() -> None:
    parsed = parse_filters(
        {"page": ["-1"], "sort": ["cheapest"], "price_min": ["abc"], "price_max": ["1e400"]},
        "EUR",
    )
    assert parsed.filters == Filters()
    assert len(parsed.problems) == 4
    assert any("-1" in str(p) for p in parsed.problems)
    assert any("cheapest" in str(p) for p in parsed.problems)


def test_parse_swaps_an_inverted_price_range_and_shortens_long_queries() -> None:
    parsed = parse_filters({"price_min": ["80"], "price_max": ["20"], "q": ["x" * 5000]}, "EUR")
    assert (parsed.filters.price_min, parsed.filters.price_max) == (2000, 8000)
    assert len(parsed.filters.q) == 200
    assert [str(p) for p in parsed.problems] == [
        "The search was shortened to its first 200 characters."
    ]


def test_a_product_matches_only_when_one_variant_meets_every_variant_filter() -> None:
    rows = [row(1, size="42", colour="Red", in_stock=False), row(1, size="43", colour="Blue")]
    assert matching_products(rows, Filters(sizes=frozenset({"42"}))).keys() == {1}
    # 42 exists and an in-stock variant exists, but no in-stock 42: not a match.
    assert matching_products(rows, Filters(sizes=frozenset({"42"}), in_stock=True)) == {}
    assert matching_products(rows, Filters(colours=frozenset({"Blue"}), in_stock=True)).keys() == {
        1
    }


def test_price_range_is_inclusive() -> None:
    rows = [row(1, price=1000), row(2, price=2000), row(3, price=3000)]
    assert matching_products(rows, Filters(price_min=1000, price_max=2000)).keys() == {1, 2}


def test_facet_counts_ignore_their_own_selection_but_apply_the_others() -> None:
    rows = [
        row(1, brand="altitude", size="42"),
        row(2, brand="altitude", size="43"),
        row(3, brand="boreal", size="42"),
    ]
    facets = count_facets(rows, Filters(brands=frozenset({"altitude"}), sizes=frozenset({"42"})))
    brands = {v.value: (v.count, v.selected) for v in facets.brands}
    sizes = {v.value: (v.count, v.selected) for v in facets.sizes}
    # Other brands stay visible with how many products they have in size 42.
    assert brands == {"altitude": (1, True), "boreal": (1, False)}
    # Sizes are counted within the chosen brand.
    assert sizes == {"42": (1, True), "43": (1, False)}


def test_a_selected_value_with_no_products_left_still_shows_so_it_can_be_cleared() -> None:
    facets = count_facets([row(1, brand="altitude")], Filters(brands=frozenset({"gone"})))
    assert {v.value: v.count for v in facets.brands} == {"altitude": 1, "gone": 0}


def test_sizes_are_ordered_as_a_shopper_reads_them() -> None:
    rows = [row(i, size=s) for i, s in enumerate(["XL", "S", "M", "XS", "L"])]
    assert [v.value for v in count_facets(rows, Filters()).sizes] == ["XS", "S", "M", "L", "XL"]
    rows = [row(i, size=s) for i, s in enumerate(["44", "38.5", "40"])]
    assert [v.value for v in count_facets(rows, Filters()).sizes] == ["38.5", "40", "44"]


def test_sorting_by_price_uses_the_cheapest_matching_variant() -> None:
    matched = matching_products(
        [row(1, price=9000), row(1, price=1000), row(2, price=5000), row(3, price=7000)], Filters()
    )
    assert sort_products(matched, Sort.PRICE_ASC, []) == [1, 2, 3]
    assert sort_products(matched, Sort.PRICE_DESC, []) == [3, 2, 1]


def test_relevance_follows_the_search_ranking_and_newest_the_creation_date() -> None:
    rows = [row(1, created_at=T0.replace(month=3)), row(2), row(3, created_at=T0.replace(month=5))]
    matched = matching_products(rows, Filters())
    assert sort_products(matched, Sort.RELEVANCE, [3, 1, 2]) == [3, 1, 2]
    assert sort_products(matched, Sort.NEWEST, []) == [3, 1, 2]
    assert sort_products(matched, Sort.NAME, []) == [1, 2, 3]


def test_pagination_clamps_past_the_end_and_shows_a_window_with_gaps() -> None:
    page = paginate(total=480, requested=99999, size=24)
    assert (page.number, page.count, page.offset) == (20, 20, 456)
    assert paginate(total=480, requested=10, size=24).window == [
        1,
        None,
        8,
        9,
        10,
        11,
        12,
        None,
        20,
    ]
    assert paginate(total=0, requested=1, size=24).count == 1
