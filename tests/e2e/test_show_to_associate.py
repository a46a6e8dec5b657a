"""A shopper shows their wishlist to a store associate: the phone shows a code and its QR,
the associate's tablet types the code into the staff board and sees the item with its size,
colour and stock, and the phone's panel then says which store's team looked. The associate
offers to hold the item here; the shopper accepts on the phone and a pickup order is placed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Playwright, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.staff.models import StaffRole
from storefront.stores.models import Store
from tests.conftest import PASSWORD
from tests.e2e.conftest import Catalog, decoded_qr, open_product
from tests.factories import make_account, make_product, set_stock

pytestmark = pytest.mark.e2e


@pytest.fixture
def staff(session: Session, catalog: Catalog) -> str:
    """Ana works at Lyon, which has the red M shell in stock; Annecy has one too."""
    lyon = session.scalars(select(Store).where(Store.name == "Lyon Part-Dieu")).one()
    annecy = session.scalars(select(Store).where(Store.name == "Annecy")).one()
    shell = make_product(
        session,
        "Storm shell",
        variants=[{"size": "M", "colour": "Red", "price_amount": 15900, "sku": "STORM-M-RED"}],
    )
    set_stock(session, lyon, shell.variants[0], 3)
    set_stock(session, annecy, shell.variants[0], 1)
    ana = make_account(session, "ana@example.com", PASSWORD, name="Ana")
    session.add(StaffRole(account_id=ana.id, store_id=lyon.id))
    session.commit()
    return ana.email


def test_the_associate_reads_the_shown_list_and_the_shopper_sees_it_was_read(
    open_context: Any, playwright_instance: Playwright, staff: str, live_server: str
) -> None:
    phone = open_context("phone").new_page()
    open_product(phone, "Storm shell")
    phone.get_by_role("button", name="Save Storm shell to wishlist").click()
    expect(phone.get_by_role("button", name="Save Storm shell to wishlist")).to_have_attribute(
        "aria-pressed", "true"
    )
    phone.goto("/wishlist")
    phone.get_by_role("button", name="Show a code").click()  # once the panel has loaded
    code_box = phone.locator(".associate-panel__code")
    expect(code_box).to_have_text(re.compile(r"^[2-9A-Z]{4}-[2-9A-Z]{4}$"))
    code = code_box.inner_text()
    expect(phone.locator(".associate-panel")).to_contain_text("Valid for 30 more minutes.")
    assert decoded_qr(phone, ".associate-panel__qr svg") == f"{live_server}/staff/lists/{code}"

    tablet_options = dict(playwright_instance.devices["Galaxy Tab S4"])
    tablet_options.pop("default_browser_type", None)
    tablet = open_context("desktop", **tablet_options).new_page()
    tablet.goto("/staff")
    tablet.get_by_label("Email address").fill(staff)
    tablet.get_by_label("Password").fill(PASSWORD)
    tablet.get_by_role("button", name="Sign in").click()
    tablet.wait_for_url(re.compile(r"/staff/"))
    tablet.get_by_role("textbox", name="Pickup code").fill(code.replace("-", " ").lower())
    tablet.keyboard.press("Enter")
    tablet.wait_for_url(re.compile(rf"/staff/[^/]+/lists/{code}$"))
    item = tablet.locator(".shared-item")
    expect(item).to_contain_text("Storm shell")
    expect(item).to_contain_text("Size M · Red")
    expect(item.locator(".shared-item__here")).to_contain_text("3 in stock")
    expect(item.locator(".shared-item__nearby")).to_contain_text("Annecy")
    expect(tablet.locator(".shared-for-staff__until")).to_have_text(
        re.compile(r"Shared until \d\d:\d\d")
    )

    # The phone's panel refreshes itself while open: no reload.
    expect(phone.locator(".associate-panel__seen")).to_contain_text(
        re.compile(r"Lyon Part-Dieu team viewed this list at \d\d:\d\d"), timeout=12_000
    )

    item.get_by_label("Hold it here").check()
    tablet.get_by_role("button", name="Reserve for pickup here now").click()
    expect(tablet.get_by_role("status")).to_contain_text("the shopper sees your offer")
    offer = phone.locator(".associate-offer")  # the next refresh of the panel brings it
    expect(offer).to_contain_text("Lyon Part-Dieu can hold 1 item for you", timeout=12_000)
    offer.get_by_label("Name").fill("Camille Martin")
    offer.get_by_label("Email address").fill("camille@example.com")
    offer.get_by_label("Phone").fill("+33 6 12 34 56 78")
    offer.get_by_role("button", name="Accept").click()
    placed = phone.locator(".associate-panel").get_by_role("status")
    expect(placed).to_contain_text(re.compile(r"Order C[A-Z0-9]{3}-[A-Z0-9]{4} is placed"))
    placed.get_by_role("link", name="See the order").click()
    expect(phone.locator(".order-status")).to_have_text("Placed")
    expect(phone.locator(".order-pickup")).to_contain_text("Lyon Part-Dieu")
