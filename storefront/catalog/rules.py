"""Listing rules: filter variant rows, count facets, sort and page.

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
from typing import NamedTuple

from storefront.catalog.filters import Filters, Sort


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
    if not f.active:  # a plain category page: every row, without testing each
        for row in rows:
            matched.setdefault(row.product_id, []).append(row)
        return matched
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

    everything = matching_products(rows, f)  # what a facet nobody filters on counts over

    def counts(facet: str, key: str) -> list[FacetValue]:
        counter: Counter[str] = Counter()
        selected: frozenset[str] = getattr(f, facet)
        matched = matching_products(rows, f.without(facet)) if selected else everything
        for product_rows in matched.values():
            for value in {getattr(r, key) for r in product_rows} - {None}:
                counter[value] += 1
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
        in_stock=len(
            matching_products(rows, replace(f, in_stock=True)) if not f.in_stock else everything
        ),
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
