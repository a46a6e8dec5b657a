"""One shopper, two devices: a guest cart merged at sign-in (undone, redone), then the same
cart and wishlist on a phone, and a change on the phone seen on the desktop."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import Catalog, add_from_product_page

pytestmark = pytest.mark.e2e

EMAIL = "camille@example.com"


def sign_up(page: Page) -> None:
    page.goto("/account/sign-up")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("link", name=re.compile("^Account|Camille"))).to_be_visible()


def sign_in(page: Page) -> None:
    page.goto("/account/sign-in")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))


def sign_out(page: Page) -> None:
    page.goto("/account")
    page.get_by_role("button", name="Sign out").first.click()
    page.wait_for_url(re.compile(r"/$"))


def quick_add_from_results(page: Page, name: str) -> None:
    """The card's "Add to cart" opens its sizes, fetched when opened, and one click adds."""
    page.goto(f"/search?q={name}")
    card = page.locator(".product-card").filter(has_text=name).first
    card.get_by_text("Add to cart").click()
    card.locator(".quick-add__sizes button:not([disabled])").first.click()
    expect(page.get_by_role("status").filter(has_text="Added to your cart")).to_be_visible()


def cart_lines(page: Page) -> Any:
    return page.locator(".cart-line .cart-line__name")


def test_a_guest_cart_follows_the_shopper_to_the_account_and_to_a_phone(
    open_context: Any, catalog: Catalog
) -> None:
    desktop = open_context("desktop").new_page()
    sign_up(desktop)
    sign_out(desktop)

    # As a guest: two items, one saved to the wishlist, without a page reload.
    add_from_product_page(desktop, "Scree Low GTX 3")
    quick_add_from_results(desktop, "Ridge Low GTX 1")
    desktop.get_by_role("button", name=re.compile("Save .* to wishlist")).first.click()
    expect(desktop.locator(".heart__button").first).to_have_attribute("aria-pressed", "true")
    expect(desktop.locator("#cart-link")).to_have_accessible_name("Cart, 2 items")

    # Signing in merges, says so, and the merge can be undone and redone.
    sign_in(desktop)
    expect(desktop.get_by_role("status").filter(has_text="now in your cart")).to_be_visible()
    desktop.get_by_role("link", name="Review it or undo").click()
    expect(cart_lines(desktop)).to_have_count(2)
    desktop.get_by_role("button", name="Undo: keep the carts apart").click()
    expect(desktop.get_by_role("heading", name="Your carts are apart again")).to_be_visible()
    expect(cart_lines(desktop)).to_have_count(0)
    desktop.get_by_role("button", name="Merge them again").click()
    expect(cart_lines(desktop)).to_have_count(2)
    expect(desktop.locator("#cart-link")).to_have_accessible_name("Cart, 2 items")

    # A phone signed in to the same account sees the same cart and wishlist.
    phone = open_context("phone").new_page()
    sign_in(phone)
    phone.goto("/cart")
    expect(cart_lines(phone)).to_have_count(2)
    phone.goto("/wishlist")
    expect(phone.get_by_role("main")).to_contain_text("Ridge Low GTX 1")

    # Removing a line on the phone shows on the desktop when it comes back to the front.
    phone.goto("/cart")
    phone.get_by_role("button", name=re.compile("^Remove Ridge")).click()
    expect(cart_lines(phone)).to_have_count(1)
    desktop.bring_to_front()
    desktop.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(cart_lines(desktop)).to_have_count(1)
    expect(desktop.locator("#cart-link")).to_have_accessible_name("Cart, 1 item")


def test_the_phones_bottom_bar_counts_what_was_just_added(
    open_context: Any, catalog: Catalog
) -> None:
    phone = open_context("phone").new_page()
    add_from_product_page(phone, "Scree Low GTX 3")
    bottom = phone.locator("#cart-bottom-link")
    expect(bottom).to_be_visible()
    expect(bottom).to_have_accessible_name("Cart, 1 item")
    expect(bottom.locator(".bottom-nav__count")).to_have_text("1")
    quick_add_from_results(phone, "Ridge Low GTX 1")
    expect(bottom).to_have_accessible_name("Cart, 2 items")
