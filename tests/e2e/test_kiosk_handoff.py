"""Hand-offs between the kiosk (1920 × 1080, touch) and a shopper's phone (Pixel 7), both ways,
by the QR the kiosk shows: the phone's camera reads it (decoded here), the shopper taps once on
each screen. Kiosk → phone: the phone's cart holds the lines and the kiosk is back on its attract
screen, empty. Phone → kiosk: the kiosk shows the phone's wishlist, and after Done nothing of it.
Screenshots of each screen are kept in the test's tmp_path, to be looked at."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.cart.models import Cart
from storefront.catalog.models import Product
from storefront.kiosk.models import Handoff
from storefront.stores.models import Store
from tests.e2e.conftest import Catalog, decoded_qr, open_product
from tests.e2e.test_kiosk import KIOSK_SCREEN, SMALL_TARGETS, _pairing_path
from tests.factories import set_stock

pytestmark = pytest.mark.e2e
PORTRAIT = {"width": 1080, "height": 1920}
QR = ".kiosk-handoff__qr svg"
DAYPACK_SHELF = "Aisle 4, bay 2"


def _count(session: Session, model: type[Any]) -> int:
    found = session.scalar(select(func.count()).select_from(model)) or 0
    session.rollback()
    return found


def _paired_kiosk(app: Flask, session: Session, open_context: Any) -> tuple[BrowserContext, Page]:
    context = open_context(**KIOSK_SCREEN)
    kiosk = context.new_page()
    kiosk.goto(_pairing_path(app, session))
    kiosk.get_by_role("button", name="Pair this screen as Lyon Part-Dieu").tap()
    expect(kiosk.get_by_text("Touch to start")).to_be_visible()
    return context, kiosk


def _shoot(page: Page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)


def _shoot_both_ways(kiosk: Page, tmp_path: Path, name: str) -> None:
    _shoot(kiosk, tmp_path / f"{name}-1920x1080.png")
    kiosk.set_viewport_size(PORTRAIT)
    _shoot(kiosk, tmp_path / f"{name}-1080x1920.png")
    kiosk.set_viewport_size(KIOSK_SCREEN["viewport"])


@pytest.fixture
def daypack_here(session: Session, catalog: Catalog) -> str:
    lyon = session.scalars(select(Store).where(Store.name == "Lyon Part-Dieu")).one()
    daypack = session.scalars(select(Product).where(Product.name == "Daypack 20")).one()
    set_stock(session, lyon, daypack.variants[0], 4, location=DAYPACK_SHELF)
    session.commit()
    return daypack.name


def test_the_kiosk_cart_continues_on_the_phone(
    app: Flask, session: Session, open_context: Any, live_server: str, tmp_path: Path
) -> None:
    kiosk_context, kiosk = _paired_kiosk(app, session, open_context)
    kiosk.goto("/kiosk/search?q=ridge")
    kiosk.get_by_role("link", name=re.compile("Ridge")).first.tap()
    kiosk.wait_for_url(re.compile(r"/kiosk/p/"))
    kiosk.wait_for_load_state("load")
    kiosk.get_by_role("button", name=re.compile(r"^Add to cart\W+Ridge")).first.tap()
    expect(kiosk.get_by_role("status").filter(has_text="Added to your cart")).to_be_visible()
    kiosk.goto("/kiosk/cart")
    product = kiosk.locator(".cart-line__name").first.inner_text()

    taps = 0
    kiosk.get_by_role("button", name="Continue on my phone").tap()
    taps += 1
    expect(kiosk.get_by_role("heading", name="Continue on your phone")).to_be_visible()
    link = decoded_qr(kiosk, QR)
    code = re.fullmatch(rf"{re.escape(live_server)}/k/([2-9A-Z]{{8}})", link)
    assert code, link
    expect(kiosk.locator(".kiosk-handoff__link")).to_have_text(
        re.compile(rf"/k/{code[1][:4]}-{code[1][4:]}$")
    )
    assert kiosk.evaluate(SMALL_TARGETS) == []
    _shoot_both_ways(kiosk, tmp_path, "kiosk-continue-on-phone")

    phone = open_context("phone").new_page()
    phone.goto(link)  # what the camera app opens: not a tap in the page
    expect(phone.get_by_role("heading", name="Take your kiosk cart with you")).to_be_visible()
    expect(phone.get_by_text(product)).to_be_visible()
    _shoot(phone, tmp_path / "phone-take-cart-412.png")
    phone.get_by_role("button", name="Add these to my cart").tap()
    taps += 1
    phone.wait_for_url(re.compile(r"/cart$"))
    expect(
        phone.get_by_role("heading", name="We added what you picked on the kiosk")
    ).to_be_visible()
    expect(phone.locator(".cart-line__name").first).to_have_text(product)
    _shoot(phone, tmp_path / "phone-cart-merged-412.png")

    kiosk.wait_for_url(re.compile(r"/kiosk\?after=phone$"), timeout=10_000)
    expect(kiosk.get_by_role("status")).to_have_text(re.compile("Your cart is on your phone"))
    assert [cookie["name"] for cookie in kiosk_context.cookies()] == ["kiosk_device"]
    _shoot(kiosk, tmp_path / "kiosk-after-phone-1920x1080.png")
    assert _count(session, Cart) == 1  # the phone's
    kiosk.goto("/kiosk/cart")
    expect(kiosk.get_by_role("heading", name="Your cart is empty")).to_be_visible()
    assert taps <= 2, taps
    print(f"\nkiosk → phone: {taps} taps; screenshots in {tmp_path}")


def test_the_phone_shows_its_list_on_the_kiosk_for_the_visit(
    app: Flask,
    session: Session,
    open_context: Any,
    daypack_here: str,
    tmp_path: Path,
) -> None:
    phone = open_context("phone").new_page()
    open_product(phone, daypack_here)
    save = phone.get_by_role("button", name=f"Save {daypack_here} to wishlist")
    save.tap()
    expect(save).to_have_attribute("aria-pressed", "true")
    _kiosk_context, kiosk = _paired_kiosk(app, session, open_context)

    kiosk.get_by_role("link", name=re.compile("Touch to start")).tap()  # starts any visit
    kiosk.wait_for_url(re.compile(r"/kiosk/home$"))
    kiosk.wait_for_load_state("load")
    taps = 0
    kiosk.get_by_role("button", name="Show my list here").tap()
    taps += 1
    expect(kiosk.get_by_role("heading", name="Show your list here")).to_be_visible()
    assert kiosk.evaluate(SMALL_TARGETS) == []
    _shoot_both_ways(kiosk, tmp_path, "kiosk-show-my-list")
    link = decoded_qr(kiosk, QR)

    phone.goto(link)
    expect(
        phone.get_by_role(
            "heading", name="Show your wishlist and cart on the kiosk at Lyon Part-Dieu?"
        )
    ).to_be_visible()
    _shoot(phone, tmp_path / "phone-show-on-kiosk-412.png")
    phone.get_by_role("button", name="Show on the kiosk").tap()
    taps += 1
    expect(phone.get_by_role("button", name="Stop showing them on the kiosk")).to_be_visible()
    _shoot(phone, tmp_path / "phone-shown-412.png")

    shown = kiosk.get_by_role("region", name="Wishlist")
    expect(shown.get_by_role("heading", name=daypack_here)).to_be_visible(timeout=6_000)
    expect(shown).to_contain_text("In stock")
    expect(shown).to_contain_text(f"Shelf: {DAYPACK_SHELF}")
    assert kiosk.evaluate(SMALL_TARGETS) == []
    _shoot_both_ways(kiosk, tmp_path, "kiosk-list-shown")
    shown.get_by_role("button", name=re.compile(rf"^Add to cart\W+{daypack_here}")).tap()
    expect(kiosk.get_by_role("status").filter(has_text="Added to your cart")).to_be_visible()

    kiosk.get_by_role("button", name="Done").tap()
    kiosk.wait_for_url(re.compile(r"/kiosk$"))
    expect(kiosk.get_by_text("Touch to start")).to_be_visible()
    expect(kiosk.get_by_text(daypack_here)).to_have_count(0)
    assert _count(session, Handoff) == 0
    kiosk.goto("/kiosk/cart")
    expect(kiosk.get_by_role("heading", name="Your cart is empty")).to_be_visible()
    assert taps <= 2, taps
    print(f"\nphone → kiosk: {taps} taps; screenshots in {tmp_path}")
