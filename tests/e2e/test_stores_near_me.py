"""Stores near me on a phone: locate, choose my store, see its stock; type a place if denied."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Product
from storefront.stores.models import Store
from tests.e2e.conftest import CENTRAL_LYON, Catalog

pytestmark = pytest.mark.e2e

PROMISE = re.compile(
    r"Pick up (today|tomorrow|on \w+|\w+) from \d{1,2}[:.h]\d{2}.* at Lyon Part-Dieu"
    r"|Ready for pickup in \d+ days? at Lyon Part-Dieu"
)


@pytest.fixture
def catalog(catalog: Catalog, session: Session) -> Catalog:
    """The shared catalogue, with the Annecy shop moved to Annecy (the factory puts every
    store at Part-Dieu), so "nearest first" has one right answer. Committed before the
    live server starts, since `live_server` depends on `catalog`."""
    annecy = session.scalars(select(Store).where(Store.name == "Annecy")).one()
    annecy.latitude, annecy.longitude = 45.8992, 6.1294
    session.commit()
    return catalog


def _boot_slug(session: Session) -> str:
    """A boot: every variant has two units at Lyon Part-Dieu (see the catalog fixture)."""
    return session.scalars(select(Product.slug).where(Product.name == "Ridge Low GTX 1")).one()


def test_use_my_location_choose_my_store_and_see_its_stock(
    open_context: Any, session: Session
) -> None:
    context = open_context("phone", geolocation=CENTRAL_LYON, permissions=["geolocation"])
    page = context.new_page()
    page.goto("/stores")
    page.get_by_role("button", name="Use my location").click()

    expect(page).to_have_url(re.compile(r"/stores\?lat=45\.764\d*&lon=4\.8357"))
    cards = page.locator(".store-list .store-result")
    expect(cards.first.get_by_role("heading")).to_have_text("Lyon Part-Dieu")
    expect(cards.nth(1).get_by_role("heading")).to_have_text("Annecy")
    card, name = cards.first.bounding_box(), cards.first.get_by_role("heading").bounding_box()
    assert card and name and name["y"] - card["y"] <= 24  # the name opens the card
    field_font = page.get_by_label("City or postcode").evaluate("e => getComputedStyle(e).fontSize")
    assert float(field_font.removesuffix("px")) >= 16  # the shop's text, not the browser's 13 px

    cards.first.get_by_role("link", name="Lyon Part-Dieu").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lyon Part-Dieu")
    page.get_by_role("button", name="Make this my store").click()
    expect(page.locator("#my-store-choice")).to_contain_text("This is your store")

    page.goto(f"/p/{_boot_slug(session)}")
    panel = page.locator("#availability")
    mine = panel.locator(".availability__mine")
    expect(mine.locator(".availability__store")).to_contain_text("Lyon Part-Dieu")
    expect(mine.locator(".availability__store")).to_contain_text("Only 2 left")
    expect(mine.locator(".availability__promise")).to_have_text(PROMISE)


def test_denied_location_falls_back_to_the_search_box(open_context: Any) -> None:
    page = open_context("phone", geolocation=CENTRAL_LYON).new_page()  # no permission granted
    page.goto("/stores")
    page.get_by_role("button", name="Use my location").click()

    expect(page.locator("#locator-message")).to_have_text(
        "We could not get your location. Type a city or postcode instead."
    )
    field = page.get_by_role("searchbox", name="City or postcode")
    expect(field).to_be_focused()
    field.fill("Lyon")
    field.press("Enter")

    expect(page).to_have_url(re.compile(r"/stores\?q=Lyon$"))
    expect(page.locator(".store-list .store-result").first.get_by_role("heading")).to_have_text(
        "Lyon Part-Dieu"
    )
