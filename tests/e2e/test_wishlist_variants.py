"""On the product page the heart saves the size picked in the variant picker, follows each
pick without a reload, and the wishlist names the size."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Catalog, open_product

pytestmark = pytest.mark.e2e

BOOT = "Scree Low GTX 3"


def test_the_heart_follows_the_size_picked_and_saves_it(
    open_context: Any, catalog: Catalog
) -> None:
    page = open_context("desktop").new_page()
    open_product(page, BOOT)
    heart = page.locator("form.heart .heart__button")
    expect(heart).to_have_accessible_name(f"Save {BOOT} to wishlist")
    picker = page.locator(".variant-picker").filter(has_text="Size")
    picker.get_by_role("link", name="42").click()
    expect(heart).to_have_accessible_name(re.compile(rf"Save {BOOT}, Size 42, \w+, to wishlist"))
    heart.click()
    expect(heart).to_have_attribute("aria-pressed", "true")
    picker.get_by_role("link", name="43").click()
    expect(heart).to_have_accessible_name(re.compile(rf"Save {BOOT}, Size 43, "))
    expect(heart).to_have_attribute("aria-pressed", "false")
    picker.get_by_role("link", name="42").click()
    expect(heart).to_have_attribute("aria-pressed", "true")
    page.goto("/wishlist")
    expect(page.locator(".wish-item__variant")).to_have_text(re.compile(r"^Size 42, \w+$"))
