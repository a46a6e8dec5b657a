"""What a shopper asks of a listing: a query string read into filters, never a 500.

Anything that cannot be understood is dropped and reported as a translatable message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

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
