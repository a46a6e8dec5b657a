"""The kiosk journey on a 1920 × 1080 touch screen: pair, search with the on-screen keyboard,
open a product, add it, walk away; the idle countdown leaves nothing for the next shopper."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storefront.cart.models import Cart
from storefront.kiosk.models import Kiosk
from storefront.stores.models import Store

pytestmark = pytest.mark.e2e
KIOSK_SCREEN = {"viewport": {"width": 1920, "height": 1080}, "has_touch": True}


def _pairing_path(app: Flask, session: Session) -> str:
    code = session.scalar(select(Store.code).where(Store.name == "Lyon Part-Dieu"))
    session.rollback()
    result = app.test_cli_runner().invoke(args=["kiosk", "pair", str(code)])
    found = re.search(r"https?://[^/\s]+(/kiosk/pair/[\w-]+)", result.output)
    assert found, result.output
    return found[1]


def _set_idle_seconds(session: Session, seconds: int) -> None:
    """Lower than the staff form allows, so the test need not wait 90 seconds."""
    session.execute(update(Kiosk).values(idle_seconds=seconds))
    session.commit()


def _carts(session: Session) -> int:
    count = session.scalar(select(func.count()).select_from(Cart)) or 0
    session.rollback()
    return count


SMALL_TARGETS = """() => [...document.querySelectorAll('a, button, input, select, summary')]
  .filter((e) => e.checkVisibility() && !(e.type === 'checkbox' && e.closest('label')))
  .map((e) => [e, e.getBoundingClientRect()])
  .filter(([e, box]) => box.height < 56 || box.width < 56)
  .map(([e, box]) => `${e.outerHTML.slice(0, 60)} ${box.width}x${box.height}`)"""


def _type(page: Page, word: str) -> None:
    keyboard = page.get_by_role("group", name="On-screen keyboard")
    for letter in word:
        keyboard.get_by_role("button", name=letter.upper(), exact=True).tap()


def test_a_visit_on_the_kiosk_leaves_nothing_behind(
    app: Flask, session: Session, open_context: Any
) -> None:
    context = open_context(**KIOSK_SCREEN)
    page = context.new_page()

    page.goto(_pairing_path(app, session))
    page.get_by_role("button", name="Pair this screen as Lyon Part-Dieu").tap()
    expect(page.get_by_text("Touch to start")).to_be_visible()
    page.get_by_role("link", name=re.compile("Touch to start")).tap()
    page.wait_for_url(re.compile(r"/kiosk/home$"))
    page.wait_for_load_state("load")

    assert page.evaluate(SMALL_TARGETS) == []
    _type(page, "ridge")
    expect(page.get_by_role("combobox")).to_have_value("ridge")
    suggestion = page.locator("#search-suggestions").get_by_role("link", name=re.compile("Ridge"))
    suggestion.first.tap()
    page.wait_for_url(re.compile(r"/kiosk/p/"))
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="In this store")).to_be_visible()
    assert page.evaluate(SMALL_TARGETS) == []
    page.get_by_role("button", name=re.compile(r"^Add to cart\W+Ridge")).first.tap()
    expect(page.get_by_role("status").filter(has_text="Added to your cart")).to_be_visible()
    expect(page.get_by_role("link", name="Cart, 1 item")).to_be_visible()
    assert _carts(session) == 1
    page.evaluate("localStorage.setItem('left-behind', 'yes')")

    _set_idle_seconds(session, 1)
    page.reload()
    page.wait_for_load_state("load")
    still_there = page.get_by_role("alertdialog", name="Still there?")
    expect(still_there).to_be_visible(timeout=5_000)
    expect(still_there).to_contain_text(re.compile(r"Resetting in \d+"))
    still_there.get_by_role("button", name="Keep going").tap()
    expect(still_there).to_be_hidden()
    expect(page.get_by_role("link", name="Cart, 1 item")).to_be_visible()

    # Then the shopper walks away: the countdown runs out and the attract screen returns.
    expect(still_there).to_be_visible(timeout=5_000)
    page.wait_for_url(re.compile(r"/kiosk$"), timeout=20_000)
    expect(page.get_by_text("Touch to start")).to_be_visible()
    assert [cookie["name"] for cookie in context.cookies()] == ["kiosk_device"]
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert _carts(session) == 0
