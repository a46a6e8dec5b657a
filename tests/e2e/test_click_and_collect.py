"""Click & collect end to end: a guest on a phone books a pickup and gets the code by email;
a staff member on a desktop sees it on the board, marks it ready, checks the code and hands
it over; the shopper's page then says collected."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from storefront.clock import SetClock
from storefront.config import Config
from tests.e2e.conftest import (
    CENTRAL_LYON,
    Catalog,
    add_from_product_page,
    add_lyon_staff,
    hold_first_free_slot,
    sign_in_as_staff,
)
from tests.mailbox import Mailbox

pytestmark = pytest.mark.e2e

# Monday 23 November 2026, 09:00 in Lyon: the first slot the store can have ready is 12:00.
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
SHOPPER = "camille@example.com"


@pytest.fixture
def config(config: Config, mailbox: Mailbox) -> Config:
    """The app sends its mail to the loopback server."""
    return replace(config, smtp_url=f"smtp://127.0.0.1:{mailbox.port}")


@pytest.fixture
def staff(session: Session, catalog: Catalog, clock: SetClock) -> str:
    clock.at = NOW
    return add_lyon_staff(session)


def book_pickup(phone: Page) -> str:
    """Checkout as a guest at the nearest store, first free slot; returns the order number."""
    add_from_product_page(phone, "Scree Low GTX 3")
    add_from_product_page(phone, "Ridge Low GTX 1")
    phone.goto("/cart")
    phone.get_by_role("link", name="Check out for pickup").click()
    phone.get_by_role("button", name="List the stores nearest to me first").click()
    phone.wait_for_url(re.compile(r"/checkout\?lat="))
    nearest = phone.locator(".store-option").first
    expect(nearest).to_contain_text("Lyon Part-Dieu")
    expect(nearest.get_by_role("radio")).to_be_checked()
    hold_first_free_slot(phone)
    phone.get_by_label("Name").fill("Camille Martin")
    phone.get_by_label("Email address").fill(SHOPPER)
    phone.get_by_label("Phone").fill("+33 6 12 34 56 78")
    phone.get_by_role("button", name="Confirm pickup order").click()
    phone.wait_for_url(re.compile(r"/orders/C[A-Z0-9]{3}-[A-Z0-9]{4}\?t="))
    heading = phone.get_by_role("heading", level=1).inner_text()
    return heading.removeprefix("Order ").strip()


def test_a_guest_books_a_pickup_and_the_store_hands_it_over(
    open_context: Any, staff: str, mailbox: Mailbox
) -> None:
    phone = open_context("phone", geolocation=CENTRAL_LYON, permissions=["geolocation"]).new_page()
    number = book_pickup(phone)
    code = phone.locator(".order-code__value").inner_text().strip()
    expect(phone.locator(".order-status")).to_have_text("Placed")
    expect(phone.locator(".order-pickup__when")).to_contain_text("12:00–12:30")
    confirmation = mailbox.text_of(f"Order {number} is confirmed")
    assert code in confirmation

    desktop = open_context("desktop").new_page()
    sign_in_as_staff(desktop, staff)
    card = desktop.locator(".board-order").filter(has_text=number)
    expect(card).to_contain_text("Camille Martin")
    card.get_by_role("button", name=re.compile("Mark ready")).click()
    expect(desktop.locator("#board")).to_contain_text(f"Order {number}: Ready to collect.")
    assert code in mailbox.text_of(f"Order {number} is ready for pickup")

    desktop.get_by_role("textbox", name="Pickup code").fill(code.lower())  # as typed
    desktop.keyboard.press("Enter")
    expect(desktop.get_by_role("status").filter(has_text="Pickup code checked")).to_be_visible()
    desktop.get_by_role("button", name="Hand over: mark collected").click()
    expect(desktop.locator(".order-status")).to_have_text("Collected")

    phone.reload()
    expect(phone.locator(".order-status")).to_have_text("Collected")
    expect(phone.locator(".order-code")).to_have_count(0)
