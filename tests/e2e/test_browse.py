"""Shopper journeys in a real browser: browse, filter, go back, pick a variant, search."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Catalog

pytestmark = pytest.mark.e2e


def count(n: int) -> re.Pattern[str]:
    return re.compile(rf"^{n} products?$")


def facet(page: Page, label: str) -> Any:
    """A facet checkbox by its value (its accessible name also carries the count)."""
    return page.locator("#filters").get_by_role(
        "checkbox", name=re.compile(rf"^{label}\b"), include_hidden=True
    )


def test_browse_filter_go_back_pick_a_variant_and_search(
    page: Page, profile: str, catalog: Catalog
) -> None:
    phone = profile == "phone"
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Hiking", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hiking")
    results = page.locator(".listing__count")
    expect(results).to_have_text(count(catalog.hiking_total))
    expect(page.get_by_role("navigation", name="Pages")).to_be_visible()
    page.evaluate("window.__marker = 1")

    # Two facets, each applied in place: the count and the address follow, no reload.
    if phone:
        page.get_by_role("button", name="Filters").click()
        expect(page.locator("#filters")).to_be_in_viewport()
    facet(page, "Altitude").check()
    expect(page).to_have_url(re.compile(r"brand=altitude"))
    expect(results).to_have_text(count(catalog.altitude_total))
    facet(page, "42").check()
    expect(page).to_have_url(re.compile(r"brand=altitude.*size=42"))
    if phone:
        show = page.get_by_role("button", name=f"Show {catalog.altitude_size_42} results")
        show.click()
        expect(page.locator("#filters")).not_to_be_in_viewport()
    expect(results).to_have_text(count(catalog.altitude_size_42))
    assert page.evaluate("window.__marker") == 1

    # Back: the previous filters and their results, still without a reload.
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"size="))
    expect(results).to_have_text(count(catalog.altitude_total))
    expect(facet(page, "Altitude")).to_be_checked()
    expect(facet(page, "42")).not_to_be_checked()
    assert page.evaluate("window.__marker") == 1

    # A product, then another colour: new price and SKU, a shareable address, no reload.
    first = page.locator("#results .product-card__name").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    page.evaluate("window.__marker = 2")
    price = page.locator(".buy-box__price .price").first
    sku = page.locator(".buy-box__ids dd").first
    black_price, black_sku = price.inner_text(), sku.inner_text()
    page.locator(".variant-picker").get_by_role("link", name="Red").click()
    expect(page).to_have_url(re.compile(r"colour=Red"))
    expect(page.locator(".variant-picker legend").first).to_contain_text("Red")
    expect(sku).not_to_have_text(black_sku)
    expect(price).not_to_have_text(black_price)
    assert page.evaluate("window.__marker") == 2

    # Search from the header: suggestions while typing, then Enter for every result.
    search = page.get_by_role("combobox", name="Search products")
    search.fill("tent")
    suggestions = page.locator("#search-suggestions")
    expect(suggestions.get_by_role("option").first).to_be_visible()
    expect(suggestions).to_contain_text("Dome tent 2P")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=tent"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “tent”")
    expect(results).to_have_text(count(catalog.tents))


def test_without_javascript_forms_and_links_still_work(open_context: Any, catalog: Catalog) -> None:
    page = open_context("desktop", java_script_enabled=False).new_page()
    page.goto("/c/hiking")
    results = page.locator(".listing__count")
    expect(results).to_have_text(count(catalog.hiking_total))

    facet(page, "Altitude").check()
    page.get_by_role("button", name=re.compile(r"^Show \d+ results?$")).click()
    expect(page).to_have_url(re.compile(r"brand=altitude"))
    expect(results).to_have_text(count(catalog.altitude_total))

    page.goto("/c/hiking")
    page.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator("#results .product-card")).to_have_count(catalog.hiking_total - 24)

    page.locator("#results .product-card__link").first.click()
    page.locator(".variant-picker").get_by_role("link", name=re.compile("^(Red|Navy)")).click()
    expect(page).to_have_url(re.compile(r"colour=(Red|Navy)"))
    expect(page.locator(".variant-picker legend").first).to_contain_text(re.compile("Red|Navy"))
