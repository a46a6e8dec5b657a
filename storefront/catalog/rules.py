"""Listing rules: read a query string into filters, then filter, count facets, sort and page.

Pure functions over plain rows, so every business case is a unit test without Flask or a
database. A product matches when one of its variants satisfies every variant-level filter
at once (size M *and* red *and* in stock means one variant that is all three), which is
what a shopper means, and what a product-level OR of filters gets wrong.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, NamedTuple

from babel.numbers import get_currency_precision

from storefront.messages import N_, Message

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 30
MAX_PRICE = Decimal(1_000_000)


class Sort(StrEnum):
    RELEVANCE = "relevance"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    NEWEST = "newest"
    NAME = "name"


@dataclass(frozen=True)
class Filters:
    """What the shopper asked for; prices in minor units of the catalogue currency."""

    q: str = ""
    page: int = 1
    sort: Sort = Sort.RELEVANCE
    categories: frozenset[str] = frozenset()
    brands: frozenset[str] = frozenset()
    sizes: frozenset[str] = frozenset()
    colours: frozenset[str] = frozenset()
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool = False
    store: str | None = None

    def without(self, facet: str) -> Filters:
        cleared: dict[str, Any] = {facet: frozenset()}
        return replace(self, **cleared)

    @property
    def active(self) -> bool:
        return bool(
            self.categories
            or self.brands
            or self.sizes
            or self.colours
            or self.in_stock
            or self.store
            or self.price_min is not None
            or self.price_max is not None
        )


FACET_FIELDS = ("categories", "brands", "sizes", "colours")


@dataclass(frozen=True)
class ParsedFilters:
    filters: Filters
    problems: tuple[Message, ...] = ()


def parse_filters(args: Mapping[str, Sequence[str]], currency: str) -> ParsedFilters:
    """Read a query string; what cannot be understood is dropped and reported, never a 500."""
    problems: list[Message] = []

    def first(name: str) -> str:
        values = args.get(name) or [""]
        return values[0].strip()

    def values(name: str) -> frozenset[str]:
        found = [v.strip()[:60] for v in args.get(name, []) if v.strip()]
        if len(found) > MAX_VALUES_PER_FACET:
            problems.append(
                Message(
                    N_("Too many values for %(name)s: kept the first %(num)d."),
                    name=name,
                    num=MAX_VALUES_PER_FACET,
                )
            )
        return frozenset(found[:MAX_VALUES_PER_FACET])

    q = first("q")
    if len(q) > MAX_QUERY_LENGTH:
        problems.append(
            Message(
                N_("The search was shortened to its first %(num)d characters."),
                num=MAX_QUERY_LENGTH,
            )
        )
        q = q[:MAX_QUERY_LENGTH]

    page = 1
    if raw_page := first("page"):
        if raw_page.isdigit() and 0 < int(raw_page) < 100_000:
            page = int(raw_page)
        else:
            problems.append(
                Message(
                    N_("Page “%(value)s” does not exist: showing the first page."),
                    value=raw_page[:20],
                )
            )

    sort = Sort.RELEVANCE
    if raw_sort := first("sort"):
        try:
            sort = Sort(raw_sort)
        except ValueError:
            problems.append(
                Message(
                    N_("Unknown sort order “%(value)s”: sorted by relevance."), value=raw_sort[:20]
                )
            )

    prices: dict[str, int | None] = {}
    for name in ("price_min", "price_max"):
        prices[name] = None
        if raw := first(name):
            try:
                amount = Decimal(raw.replace(",", "."))
                if not amount.is_finite() or amount < 0 or amount > MAX_PRICE:
                    raise InvalidOperation
                prices[name] = int(amount.scaleb(get_currency_precision(currency)))
            except InvalidOperation:
                problems.append(
                    Message(
                        N_("“%(value)s” is not a price: the price filter was ignored."),
                        value=raw[:20],
                    )
                )
    low, high = prices["price_min"], prices["price_max"]
    if low is not None and high is not None and low > high:
        low, high = high, low

    return ParsedFilters(
        Filters(
            q=q,
            page=page,
            sort=sort,
            categories=values("category"),
            brands=values("brand"),
            sizes=values("size"),
            colours=values("colour"),
            price_min=low,
            price_max=high,
            in_stock=first("in_stock") in {"1", "on", "true"},
            store=first("store")[:32] or None,
        ),
        tuple(problems),
    )


class VariantRow(NamedTuple):
    """One variant with what the listing filters, counts and sorts on (a tuple: a category
    listing builds thousands of them per request)."""

    product_id: int
    product_name: str
    created_at: datetime
    category: str
    brand: str | None
    size: str | None
    colour: str | None
    price: int
    in_stock: bool
    at_store: bool


def _variant_matches(row: VariantRow, f: Filters) -> bool:
    return (
        (not f.sizes or row.size in f.sizes)
        and (not f.colours or row.colour in f.colours)
        and (f.price_min is None or row.price >= f.price_min)
        and (f.price_max is None or row.price <= f.price_max)
        and (not f.in_stock or row.in_stock)
        and (not f.store or row.at_store)
    )


def _product_matches(row: VariantRow, f: Filters) -> bool:
    return (not f.categories or row.category in f.categories) and (
        not f.brands or row.brand in f.brands
    )


def matching_products(rows: Iterable[VariantRow], f: Filters) -> dict[int, list[VariantRow]]:
    """Product id -> its variants that match, for the products with at least one."""
    matched: dict[int, list[VariantRow]] = {}
    for row in rows:
        if _product_matches(row, f) and _variant_matches(row, f):
            matched.setdefault(row.product_id, []).append(row)
    return matched


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facets:
    categories: list[FacetValue] = field(default_factory=list)
    brands: list[FacetValue] = field(default_factory=list)
    sizes: list[FacetValue] = field(default_factory=list)
    colours: list[FacetValue] = field(default_factory=list)
    in_stock: int = 0
    at_store: int = 0
    price_floor: int | None = None
    price_ceiling: int | None = None


SIZE_ORDER = {s: i for i, s in enumerate(["XXS", "XS", "S", "M", "L", "XL", "XXL", "3XL"])}


def size_key(size: str) -> tuple[int, float, str]:
    if size in SIZE_ORDER:
        return (0, SIZE_ORDER[size], size)
    try:
        return (1, float(size.replace(",", ".")), size)
    except ValueError:
        return (2, 0.0, size)


def count_facets(rows: Sequence[VariantRow], f: Filters) -> Facets:
    """Counts of products per value, each facet counted with every *other* filter applied,
    so choosing a brand still shows how many products the other brands have."""

    def counts(facet: str, key: str) -> list[FacetValue]:
        counter: Counter[str] = Counter()
        for product_rows in matching_products(rows, f.without(facet)).values():
            for value in {getattr(r, key) for r in product_rows} - {None}:
                counter[value] += 1
        selected: frozenset[str] = getattr(f, facet)
        for value in selected - counter.keys():
            counter[value] = 0
        order = size_key if key == "size" else str.casefold
        return [FacetValue(v, counter[v], v in selected) for v in sorted(counter, key=order)]

    all_prices = [r.price for r in rows]
    return Facets(
        categories=counts("categories", "category"),
        brands=counts("brands", "brand"),
        sizes=counts("sizes", "size"),
        colours=counts("colours", "colour"),
        in_stock=len(matching_products(rows, replace(f, in_stock=True))),
        at_store=len(matching_products(rows, replace(f, store="*"))) if f.store else 0,
        price_floor=min(all_prices, default=None),
        price_ceiling=max(all_prices, default=None),
    )


def sort_products(
    matched: Mapping[int, list[VariantRow]], sort: Sort, relevance: Sequence[int]
) -> list[int]:
    """Product ids in the order asked; ties broken by name then id, so pages never overlap."""
    rank = {product_id: i for i, product_id in enumerate(relevance)}

    def first(pid: int) -> VariantRow:
        return matched[pid][0]

    def from_price(pid: int) -> int:
        return min(r.price for r in matched[pid])

    ids = sorted(matched, key=lambda pid: (first(pid).product_name.casefold(), pid))
    if sort is Sort.PRICE_ASC:
        ids.sort(key=from_price)
    elif sort is Sort.PRICE_DESC:
        ids.sort(key=from_price, reverse=True)
    elif sort is Sort.NEWEST:
        ids.sort(key=lambda pid: first(pid).created_at, reverse=True)
    elif sort is Sort.RELEVANCE and rank:
        ids.sort(key=lambda pid: rank.get(pid, len(rank)))
    return ids


@dataclass(frozen=True)
class Page:
    number: int
    count: int
    size: int
    total: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def window(self) -> list[int | None]:
        """Page numbers to link, with None for a gap: 1 … 4 5 [6] 7 8 … 20."""
        shown = {1, self.count, *range(self.number - 2, self.number + 3)}
        numbers = sorted(n for n in shown if 1 <= n <= self.count)
        window: list[int | None] = []
        for n in numbers:
            if window and n - (window[-1] or 0) > 1:
                window.append(None)
            window.append(n)
        return window


def paginate(total: int, requested: int, size: int) -> Page:
    """A page past the end shows the last one rather than an empty page."""
    count = max(1, math.ceil(total / size))
    return Page(number=min(requested, count), count=count, size=size, total=total)
