"""Scan in the store, in Debian's Chromium (no BarcodeDetector, so the vendored ZXing
reads): a fake camera shows a demo GTIN's barcode and the product opens in that variant."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Product
from tests.barcodes import fake_camera_video
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Catalog, context_options

pytestmark = pytest.mark.e2e

EAN = "5901234123457"


@pytest.fixture
def camera_browser(playwright_instance: Playwright, tmp_path: Path) -> Iterator[Browser]:
    video = fake_camera_video(EAN, tmp_path / "barcode.y4m")
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    yield browser
    browser.close()


def test_a_scanned_barcode_opens_the_product_in_that_variant(
    camera_browser: Browser,
    playwright_instance: Playwright,
    live_server: str,
    session: Session,
    catalog: Catalog,
) -> None:
    boots = session.scalars(select(Product).where(Product.name == "Col Mid GTX 4")).one()
    variant = boots.variants[2]
    variant.gtin = EAN
    session.commit()
    options: dict[str, Any] = context_options(playwright_instance, "phone")
    context = camera_browser.new_context(base_url=live_server, permissions=["camera"], **options)
    try:
        page = context.new_page()
        page.goto("/scan")
        page.get_by_role("button", name="Start the camera").click()
        page.wait_for_url(f"**/p/{boots.slug}?sku={variant.sku}", timeout=15_000)
        expect(page.get_by_role("heading", name="Col Mid GTX 4")).to_be_visible()
        size = page.get_by_role("group", name=f"Size: {variant.size}")
        expect(size.locator('[aria-current="true"]')).to_have_text(variant.size or "")
    finally:
        context.close()


def test_without_a_camera_the_digits_can_be_typed(
    open_context: Any, session: Session, catalog: Catalog
) -> None:
    boots = session.scalars(select(Product).where(Product.name == "Col Mid GTX 4")).one()
    boots.variants[0].gtin = EAN
    session.commit()
    page = open_context("phone", permissions=[]).new_page()
    page.goto("/scan")
    page.get_by_role("button", name="Start the camera").click()
    expect(page.get_by_role("status")).to_contain_text("Type the digits under the barcode")
    expect(page.get_by_label("Or type the digits under the barcode")).to_be_focused()
    page.get_by_label("Or type the digits under the barcode").fill("5901 2341 2345 8")
    page.get_by_role("button", name="Find the product").click()
    expect(page.get_by_role("alert")).to_contain_text("is not a barcode number")
    page.get_by_label("Or type the digits under the barcode").fill(EAN)
    page.get_by_role("button", name="Find the product").click()
    expect(page.get_by_role("heading", name="Col Mid GTX 4")).to_be_visible()
