"""The shop as a phone app: installable by Chromium's own check, and what the shopper
opened (a product, the wishlist, a pickup order with its code) still reads offline."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, Page, Playwright, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.catalog.models import Product
from storefront.pickup.links import order_url
from storefront.stores.models import Store
from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Catalog,
    add_from_product_page,
    context_options,
    open_product,
)
from tests.e2e.test_cart_across_devices import sign_up
from tests.pickup_orders import guest, place

pytestmark = pytest.mark.e2e

OFFLINE_PAGE = "You are offline"
KEPT_COPY = "You are offline: this is the page as you last saw it."


def controlled(page: Page) -> None:
    """Wait until the service worker controls the page. A page whose navigation began
    before the worker activated stays uncontrolled (clients.claim() cannot take a document
    still loading), as a shopper's first page can: it is reloaded then, as their next
    page would be."""
    settled = page.evaluate(
        """new Promise((done, fail) => {
            setTimeout(() => fail(new Error("no service worker activated in 20 s")), 20000);
            navigator.serviceWorker.ready.then(({ active }) => {
                const answer = () => done(navigator.serviceWorker.controller !== null);
                const whenActivated = () => { if (active.state === "activated") answer(); };
                whenActivated();
                active.addEventListener("statechange", whenActivated);
            });
        })"""
    )
    if not settled:
        page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")


@pytest.fixture
def pickup_link(app: Flask, session: Session, catalog: Catalog) -> str:
    store = session.scalars(select(Store).where(Store.name == "Lyon Part-Dieu")).one()
    boots = session.scalars(select(Product).where(Product.name == "Ridge Low GTX 1")).one()
    order = place(session, store, boots.variants[0], guest(7))
    with app.test_request_context():
        return order_url(order, external=False)


def test_chromium_finds_the_shop_installable(
    playwright_instance: Playwright, live_server: str, tmp_path: Path
) -> None:
    # Chromium installs nothing from an incognito profile, which new_context() gives.
    context = playwright_instance.chromium.launch_persistent_context(
        tmp_path / "profile",
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        base_url=live_server,
        **context_options(playwright_instance, "phone"),
    )
    try:
        page = context.new_page()
        page.goto("/")
        controlled(page)
        manifest = page.evaluate("fetch('/manifest.webmanifest').then((r) => r.json())")
        assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
        assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
        assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        # Chromium offers to install it (beforeinstallprompt): our button appears.
        expect(page.get_by_role("button", name="Install the app")).to_be_visible()
    finally:
        context.close()


def test_what_the_shopper_opened_reads_offline(
    open_context: Any, catalog: Catalog, pickup_link: str
) -> None:
    context: BrowserContext = open_context("phone")
    page = context.new_page()
    page.goto("/")
    controlled(page)
    # An incognito profile cannot install: the browser offers nothing, nor does the page.
    expect(page.get_by_role("button", name="Install the app")).to_be_hidden()

    open_product(page, "Summit Mid GTX 2")
    expect(page.get_by_role("heading", name="Summit Mid GTX 2")).to_be_visible()
    product = page.url
    page.get_by_role("button", name=re.compile("Save .* to wishlist")).first.click()
    expect(page.locator(".heart__button").first).to_have_attribute("aria-pressed", "true")
    page.goto("/wishlist")
    expect(page.get_by_role("main")).to_contain_text("Summit Mid GTX 2")
    page.goto(pickup_link)
    code = page.locator(".order-code__value").first.inner_text()
    expect(page.locator(".order-code__qr svg").first).to_be_visible()

    context.set_offline(True)
    page.goto(product)
    expect(page.get_by_role("heading", name="Summit Mid GTX 2")).to_be_visible()
    expect(page.get_by_text(KEPT_COPY)).to_be_visible()
    page.goto("/wishlist")
    expect(page.get_by_role("main")).to_contain_text("Summit Mid GTX 2")
    page.goto(pickup_link)
    expect(page.locator(".order-code__value").first).to_have_text(code)
    expect(page.locator(".order-code__qr svg").first).to_be_visible()
    expect(page.get_by_text(KEPT_COPY)).to_be_visible()

    page.goto("/c/tents")  # never opened on this phone
    expect(page.get_by_role("heading", name=OFFLINE_PAGE)).to_be_visible()
    expect(page.get_by_role("link", name="Your pickup orders and codes")).to_be_visible()

    context.set_offline(False)
    page.goto(product)
    expect(page.get_by_text(KEPT_COPY)).to_be_hidden()


def test_signing_out_leaves_nothing_to_read_offline(open_context: Any, catalog: Catalog) -> None:
    context: BrowserContext = open_context("phone")
    page = context.new_page()
    sign_up(page)
    controlled(page)
    page.goto("/search?q=Summit")
    page.get_by_role("button", name=re.compile("Save .* to wishlist")).first.click()
    expect(page.locator(".heart__button").first).to_have_attribute("aria-pressed", "true")
    page.goto("/wishlist")
    expect(page.get_by_role("main")).to_contain_text("Summit Mid")

    page.goto("/account")
    page.get_by_role("button", name="Sign out").first.click()
    page.wait_for_url(re.compile(r"/$"))
    context.set_offline(True)
    page.goto("/wishlist")
    expect(page.get_by_role("heading", name=OFFLINE_PAGE)).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("Summit Mid")


def test_what_is_done_offline_is_sent_once_back_online(open_context: Any, catalog: Catalog) -> None:
    context: BrowserContext = open_context("phone")
    page = context.new_page()
    page.goto("/")
    controlled(page)
    open_product(page, "Summit Mid GTX 2")
    expect(page.get_by_role("heading", name="Summit Mid GTX 2")).to_be_visible()

    context.set_offline(True)
    page.get_by_role("button", name=re.compile("Save .* to wishlist")).first.click()
    waiting = page.locator("#offline-waiting")
    expect(waiting).to_have_text(re.compile("1 change made offline is waiting"))
    page.get_by_role("button", name="Add to cart", exact=True).click()
    expect(waiting).to_have_text(re.compile("2 changes made offline are waiting"))

    context.set_offline(False)
    expect(waiting).to_be_hidden(timeout=10_000)
    expect(page.locator("#cart-bottom-link")).to_have_accessible_name("Cart, 1 item")
    page.goto("/wishlist")
    expect(page.locator(".wish-item")).to_have_count(1)
    expect(page.get_by_role("main")).to_contain_text("Summit Mid GTX 2")


def test_the_service_worker_adds_no_request_to_a_repeat_view(
    open_context: Any, app: Flask, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    reached: list[str] = []
    shop = app.wsgi_app

    def counting(environ: dict[str, Any], start_response: Any) -> Any:
        reached.append(environ["PATH_INFO"])
        return shop(environ, start_response)

    monkeypatch.setattr(app, "wsgi_app", counting)

    def repeat_view(context: BrowserContext, *, worker: bool) -> list[str]:
        page = context.new_page()
        open_product(page, "Summit Mid GTX 2")
        if worker:
            controlled(page)
        page.reload(wait_until="networkidle")  # now the page is fetched as the worker would
        product = page.url
        page.goto("/")
        page.wait_for_load_state("networkidle")
        reached.clear()
        page.goto(product, wait_until="networkidle")
        return sorted(reached)

    without = repeat_view(open_context("phone", service_workers="block"), worker=False)
    with_worker = repeat_view(open_context("phone"), worker=True)
    assert with_worker == without
    assert len(without) <= 3, without  # the page and what loads itself, no asset again


def test_a_push_for_a_ready_order_shows_a_notification_that_opens_the_order(
    open_context: Any, pickup_link: str, live_server: str
) -> None:
    context: BrowserContext = open_context("phone", permissions=["notifications"])
    page = context.new_page()
    page.goto("/")
    controlled(page)
    cdp = context.new_cdp_session(page)
    registrations: list[str] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(r["registrationId"] for r in event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    for _ in range(50):
        if registrations:
            break
        page.wait_for_timeout(100)
    assert registrations, "the service worker registration was not reported"
    message = {
        "title": "Your order is ready",
        "body": "Your order is ready at Lyon Part-Dieu. Show your code at the desk.",
        "url": f"{live_server}{pickup_link}",
    }
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": live_server, "registrationId": registrations[0], "data": json.dumps(message)},
    )
    shown = """navigator.serviceWorker.ready
        .then((registration) => registration.getNotifications())
        .then((all) => all.map((n) => ({ title: n.title, body: n.body, url: n.data.url })))"""
    for _ in range(50):
        if notifications := page.evaluate(shown):
            break
        page.wait_for_timeout(100)
    assert notifications == [message]

    # Headless Chromium has no notification to click: the worker gets the click's event.
    (worker,) = context.service_workers
    worker.evaluate(
        """self.registration.getNotifications().then(([notification]) =>
            self.dispatchEvent(new NotificationEvent("notificationclick", { notification })))"""
    )
    expect(page).to_have_url(message["url"])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Order")
    assert page.evaluate(shown) == []  # the click closed it


def test_add_to_cart_stays_at_hand_on_a_phone(open_context: Any, catalog: Catalog) -> None:
    page = open_context("phone").new_page()
    open_product(page, "Summit Mid GTX 2")
    button = page.get_by_role("button", name="Add to cart", exact=True)
    viewport = page.viewport_size or {"height": 0}
    box = button.bounding_box()
    assert box and box["y"] + box["height"] <= viewport["height"]  # in the first screen
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(100)
    bar = page.locator(".bottom-nav").bounding_box()
    box = button.bounding_box()
    assert box and bar and box["y"] + box["height"] <= bar["y"] + 1  # above the bottom bar


def test_the_cart_total_and_check_out_stay_at_hand_on_a_phone(
    open_context: Any, catalog: Catalog
) -> None:
    page = open_context("phone").new_page()
    for name in ("Summit Mid GTX 2", "Ridge Low GTX 1", "Scree Low GTX 3", "Col Mid GTX 4"):
        add_from_product_page(page, name)
    page.goto("/cart")
    check_out = page.get_by_role("link", name="Check out for pickup")
    bar = page.locator(".bottom-nav").bounding_box()
    box = check_out.bounding_box()
    assert box and bar and box["y"] + box["height"] <= bar["y"] + 1  # in the first screen
    page.get_by_role("link", name="Col Mid GTX 4").scroll_into_view_if_needed()
    box = check_out.bounding_box()
    assert box and box["y"] + box["height"] <= bar["y"] + 1
    expect(page.locator(".cart__summary")).to_contain_text("4 items")


TOO_SMALL = """() => [...document.querySelectorAll("a, button, summary, select, input, textarea")]
    .filter((control) => control.checkVisibility() && control.type !== "hidden")
    .map((control) => [control, control.getBoundingClientRect()])
    .filter(([control, box]) => box.height < 44
        && !(control.labels?.[0]?.getBoundingClientRect().height >= 44))
    .map(([control, box]) => `${control.outerHTML.slice(0, 80)}: ${box.height.toFixed(0)} px`)"""


def test_every_control_is_a_44_px_target_on_a_phone(open_context: Any, catalog: Catalog) -> None:
    page = open_context("phone").new_page()
    add_from_product_page(page, "Summit Mid GTX 2")
    product = page.url
    for url in (
        "/",
        "/c/hiking",
        product,
        "/cart",
        "/stores",
        "/wishlist",
        "/checkout",
        "/account/sign-in",
    ):
        page.goto(url)
        assert page.evaluate(TOO_SMALL) == [], url
