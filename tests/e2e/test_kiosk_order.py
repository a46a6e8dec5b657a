"""The endless aisle on a 1920 × 1080 touch kiosk: a size this store does not have on its
shelf is ordered at the kiosk for pickup here, the details typed on the on-screen keyboard;
the confirmation shows the code, Done leaves nothing behind, and the store team marks the
order ready and hands it over."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from storefront.clock import SetClock
from storefront.config import Config
from storefront.inventory.models import StockLevel
from storefront.stores.models import Store
from tests.e2e.conftest import add_lyon_staff, decoded_qr, hold_first_free_slot, sign_in_as_staff
from tests.e2e.test_kiosk import KIOSK_SCREEN, SMALL_TARGETS, _pairing_path
from tests.mailbox import Mailbox

pytestmark = pytest.mark.e2e
# Monday 23 November 2026, 09:00 in Lyon: what the warehouse sends is there on Thursday.
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
ARRIVED = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # Thursday, the day it is ready here
SKU = "BOOT-00-BLA-42"  # Ridge Low GTX 1, black, 42: none on Lyon's shelf, 8 in the warehouse
SHOTS = Path(os.environ.get("KIOSK_SHOTS", "/tmp/kiosk-shots"))


@pytest.fixture
def config(config: Config, mailbox: Mailbox) -> Config:
    return replace(config, smtp_url=f"smtp://127.0.0.1:{mailbox.port}")


@pytest.fixture
def lyon_team(session: Session, clock: SetClock) -> str:
    """Ana works at Lyon; Lyon's shelf has no black 42 of the Ridge Low."""
    clock.at = NOW
    lyon = session.scalars(select(Store).where(Store.name == "Lyon Part-Dieu")).one()
    variant = session.scalars(select(Variant).where(Variant.sku == SKU)).one()
    session.execute(
        update(StockLevel)
        .where(StockLevel.store_id == lyon.id, StockLevel.variant_id == variant.id)
        .values(on_hand=0)
    )
    return add_lyon_staff(session)


@dataclass
class Taps:
    """What the shopper touches: buttons and links, and keys of the on-screen keyboard."""

    page: Page
    choices: int = 0
    keys: int = 0

    def tap(self, target: Locator) -> None:
        target.tap()
        self.choices += 1

    def type(self, text: str) -> None:
        keyboard = self.page.get_by_role("group", name="On-screen keyboard")
        for char in text:
            name = "Space" if char == " " else char.upper() if char.isalpha() else char
            keyboard.get_by_role("button", name=name, exact=True).tap()
            self.keys += 1


def _screenshots(page: Page, name: str) -> None:
    """The page at 1920 × 1080 and in portrait, 1080 × 1920, for a person to judge."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1920, 1080), (1080, 1920)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=SHOTS / f"{name}-{width}x{height}.png", full_page=True)
    page.set_viewport_size({"width": 1920, "height": 1080})


def _find_on_kiosk(page: Page, app: Flask, session: Session) -> None:
    page.goto(_pairing_path(app, session))
    page.get_by_role("button", name="Pair this screen as Lyon Part-Dieu").tap()
    page.get_by_role("link", name=re.compile("Touch to start")).tap()
    page.wait_for_url(re.compile(r"/kiosk/home$"))
    page.wait_for_load_state("load")
    Taps(page).type("ridge low")
    page.locator("#search-suggestions").get_by_role(
        "link", name=re.compile(r"Ridge Low GTX 1(?!\d)")
    ).tap()
    page.wait_for_url(re.compile(r"/kiosk/p/"))
    page.wait_for_load_state("load")


def test_an_endless_aisle_order_is_collected_here(
    app: Flask,
    session: Session,
    open_context: Any,
    lyon_team: str,
    mailbox: Mailbox,
    live_server: str,
    clock: SetClock,
) -> None:
    kiosk = open_context(**KIOSK_SCREEN)
    page = kiosk.new_page()
    _find_on_kiosk(page, app, session)
    row = page.get_by_role("row", name=re.compile(r"Black · 42"))
    expect(row).to_contain_text("Order here, collect here on Thursday 26 November")

    shopper = Taps(page)
    shopper.tap(row.get_by_role("button", name=re.compile(r"^Add to cart")))
    expect(page.get_by_role("link", name="Cart, 1 item")).to_be_visible()
    shopper.tap(page.get_by_role("link", name="Cart, 1 item"))
    shopper.tap(page.get_by_role("link", name="Order for pickup here"))
    page.wait_for_url(re.compile(r"/kiosk/checkout$"))
    page.wait_for_load_state("load")
    expect(page.get_by_text("Sent here from our warehouse: ready from Thursday")).to_be_visible()
    hold_first_free_slot(page, shopper.tap)
    expect(page.locator("#checkout-review")).to_contain_text("Thursday 26 November")
    assert page.evaluate(SMALL_TARGETS) == []
    shopper.type("camille martin")  # into the first field, the name
    shopper.tap(page.get_by_label("Email address"))
    shopper.type("camille@example.com")
    shopper.tap(page.get_by_label("Phone"))
    shopper.type("0612345678")
    expect(page.get_by_label("Name")).to_have_value("Camille Martin")
    _screenshots(page, "kiosk-checkout")
    shopper.tap(page.get_by_role("button", name="Confirm pickup order"))

    page.wait_for_url(re.compile(r"/kiosk/checkout/done$"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("is booked")
    number = re.search(r"C[A-Z0-9]{3}-[A-Z0-9]{4}", heading.inner_text())
    assert number, heading.inner_text()
    code = page.locator(".kiosk-placed__value").inner_text().strip()
    assert decoded_qr(page, ".kiosk-placed__qr svg") == code
    order_link = decoded_qr(page, ".kiosk-placed__link svg")
    assert order_link.startswith(f"{live_server}/orders/{number[0]}?t=")
    expect(page.get_by_role("status")).to_contain_text("We have emailed the confirmation")
    assert code in mailbox.text_of(f"Order {number[0]} is confirmed")
    _screenshots(page, "kiosk-confirmation")
    print(f"\nshopper taps from product to confirmation: {shopper.choices} choices")
    print(f"and {shopper.keys} keys for name, email and phone")
    assert shopper.choices == 7

    page.get_by_role("main").get_by_role("button", name="Done").tap()
    page.wait_for_url(re.compile(r"/kiosk$"))
    expect(page.get_by_text("Touch to start")).to_be_visible()
    assert [cookie["name"] for cookie in kiosk.cookies()] == ["kiosk_device"]

    phone = open_context("phone").new_page()  # the shopper scanned the order's link
    phone.goto(order_link)
    expect(phone.locator(".order-code__value")).to_have_text(code)

    clock.at = ARRIVED  # the board shows today's and tomorrow's pickups
    desktop = open_context("desktop").new_page()
    sign_in_as_staff(desktop, lyon_team)
    card = desktop.locator(".board-order").filter(has_text=number[0])
    expect(card).to_contain_text("Camille Martin")
    expect(card).to_contain_text("Ordered at the kiosk")
    card.get_by_role("button", name=re.compile("Mark ready")).click()
    expect(desktop.locator("#board")).to_contain_text(f"Order {number[0]}: Ready to collect.")
    desktop.get_by_role("textbox", name="Pickup code").fill(code)
    desktop.keyboard.press("Enter")
    expect(desktop.get_by_role("status").filter(has_text="Pickup code checked")).to_be_visible()
    desktop.get_by_role("button", name="Hand over: mark collected").click()
    expect(desktop.locator(".order-status")).to_have_text("Collected")
    phone.reload()
    expect(phone.locator(".order-status")).to_have_text("Collected")
