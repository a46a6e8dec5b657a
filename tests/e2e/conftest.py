"""Browser fixtures: the app on a live server thread, Debian's Chromium, a small catalogue."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from flask import Flask
from PIL import Image
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    Playwright,
    expect,
    sync_playwright,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from storefront.staff.models import StaffRole
from storefront.stores.models import Store, StoreKind
from tests.conftest import PASSWORD
from tests.factories import (
    make_account,
    make_brand,
    make_category,
    make_product,
    make_store,
    set_stock,
)
from tests.live_server import serving
from tests.mailbox import Mailbox, smtp_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.*",
]
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PROFILES = ("desktop", "phone")
CENTRAL_LYON = {"latitude": 45.7640, "longitude": 4.8357}  # a browser's position, for geolocation

# Catches violations the console may word differently, or not report at all.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


# -- live server -------------------------------------------------------------------------


@pytest.fixture
def live_server(app: Flask, catalog: Catalog) -> Iterator[str]:
    """The app on 127.0.0.1 in a thread, started once the catalogue is committed; that
    address is the shop's public one (links in mail, single sign-on redirects)."""
    with serving(app) as url:
        yield url


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    """A loopback SMTP server; a test's `config` sends the app's mail there."""
    with smtp_server() as box:
        yield box


# -- browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `apt-get install -y chromium`.")
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def context_options(playwright: Playwright, profile: str) -> dict[str, Any]:
    if profile == "phone":
        options = dict(playwright.devices["Pixel 7"])
        options.pop("default_browser_type", None)  # keep Chromium whatever the descriptor says
        return options
    return dict(DESKTOP)


@dataclass
class BrowserErrors:
    messages: list[str]

    def watch(self, page: Page) -> None:
        page.on(
            "console",
            lambda m: m.type == "error" and self.messages.append(f"console: {m.text}"),
        )
        page.on("pageerror", lambda e: self.messages.append(f"page error: {e}"))


@pytest.fixture
def open_context(
    browser: Browser, playwright_instance: Playwright, live_server: str
) -> Iterator[Any]:
    """Open browser contexts on the live server; fails the test on any console error."""
    contexts: list[BrowserContext] = []
    errors = BrowserErrors([])

    def open_(profile: str = "desktop", **overrides: Any) -> BrowserContext:
        options = {**context_options(playwright_instance, profile), **overrides}
        context = browser.new_context(base_url=live_server, **options)
        context.set_default_timeout(5_000)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        context.on("page", errors.watch)
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()
    if errors.messages:
        pytest.fail("Browser errors:\n" + "\n".join(errors.messages), pytrace=False)


@pytest.fixture(params=PROFILES)
def profile(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def page(open_context: Any, profile: str) -> Page:
    return open_context(profile).new_page()


# -- journeys ----------------------------------------------------------------------------


def open_product(page: Page, name: str) -> None:
    """Search, then open the product's page and wait until its scripts run: a click before
    htmx is ready would submit its forms as plain POSTs (which work, but elsewhere)."""
    page.goto(f"/search?q={name}")
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_url(re.compile(r"/p/"))
    page.wait_for_load_state("load")


def decoded_qr(page: Page, selector: str) -> str:
    """What a phone's camera reads off the QR code on the screen: a standard QR, one."""
    picture = Image.open(io.BytesIO(page.locator(selector).screenshot()))
    [found] = zxingcpp.read_barcodes(picture)
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    return found.text


def add_from_product_page(page: Page, name: str) -> None:
    open_product(page, name)
    page.get_by_role("button", name="Add to cart", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Added to your cart")).to_be_visible()


def add_lyon_staff(session: Session) -> str:
    """Ana, on the staff of Lyon Part-Dieu; her email, to sign in with."""
    lyon = session.scalars(select(Store).where(Store.name == "Lyon Part-Dieu")).one()
    ana = make_account(session, "ana@example.com", PASSWORD, name="Ana")
    session.add(StaffRole(account_id=ana.id, store_id=lyon.id))
    session.commit()
    return ana.email


def sign_in_as_staff(desktop: Page, email: str) -> None:
    desktop.goto("/staff")
    desktop.get_by_label("Email address").fill(email)
    desktop.get_by_label("Password").fill(PASSWORD)
    desktop.get_by_role("button", name="Sign in").click()
    desktop.wait_for_url(re.compile(r"/staff/"))


def hold_first_free_slot(page: Page, press: Callable[[Locator], None] = Locator.click) -> None:
    """Choose the checkout's first free slot (`press` is how: a click, a kiosk's tap) and
    wait until the picker says it is held."""
    press(page.locator("#slot-picker button.slot--free").first)
    expect(page.locator("#slot-picker")).to_contain_text("Held for 10 minutes")


# -- data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalog:
    hiking_total: int
    altitude_total: int
    altitude_size_42: int
    tents: int


def _boot_variants(i: int) -> list[dict[str, Any]]:
    """Every boot comes in black; a third also in red, 10 € dearer; sizes alternate."""
    sizes = ["41", "42", "43"] if i % 2 == 0 else ["40", "41", "44"]
    colours = ["Black", "Red"] if i % 3 == 0 else ["Black", "Navy"]
    base = 8900 + 100 * i
    return [
        {
            "size": size,
            "colour": colour,
            "price_amount": base + (1000 if colour == "Red" else 0),
            "sku": f"BOOT-{i:02d}-{colour[:3].upper()}-{size}",
        }
        for colour in colours
        for size in sizes
    ]


@pytest.fixture
def catalog(session: Session) -> Catalog:
    """Thirty boots under Hiking (more than a page of 24), backpacks, tents and shoes."""
    warehouse = make_store(session, "Online warehouse", kind=StoreKind.WAREHOUSE)
    lyon = make_store(session, "Lyon Part-Dieu")
    make_store(session, "Annecy", city="Annecy", postcode="74000")

    hiking = make_category(session, "Hiking", slug="hiking", position=0)
    boots = make_category(session, "Hiking boots", hiking, slug="hiking-boots")
    packs = make_category(session, "Backpacks", hiking, slug="backpacks", position=1)
    running = make_category(session, "Running", slug="running", position=1)
    trail = make_category(session, "Trail shoes", running, slug="trail-shoes")
    camping = make_category(session, "Camping", slug="camping", position=2)
    tents = make_category(session, "Tents", camping, slug="tents")

    brands = [
        make_brand(session, "Altitude", slug="altitude"),
        make_brand(session, "Cimalp", slug="cimalp"),
        make_brand(session, "Trailhead", slug="trailhead"),
    ]
    models = ["Ridge", "Summit", "Scree", "Col", "Moraine", "Cairn"]
    specs = []
    for i in range(30):
        product = make_product(
            session,
            f"{models[i % 6]} {'Mid' if i % 2 else 'Low'} GTX {i + 1}",
            category=boots,
            brand=brands[i % 3],
            variants=_boot_variants(i),
            description="A waterproof hiking boot with a grippy sole.",
        )
        specs.append((brands[i % 3].slug, {v.size for v in product.variants}))
        for n, variant in enumerate(product.variants):
            set_stock(session, warehouse, variant, 8 if n % 4 else 0)
            set_stock(session, lyon, variant, 2)
    for name in ("Daypack 20", "Trek 45", "Alpine 35"):
        make_product(
            session,
            name,
            category=packs,
            brand=brands[2],
            variants=[{"colour": "Green", "price_amount": 6900}],
            description="A backpack for long days on the trail.",
        )
    for name in ("Dome tent 2P", "Tunnel tent 4P", "Ultralight tent 1P"):
        make_product(
            session,
            name,
            category=tents,
            variants=[{"price_amount": 24900}],
            description="Sleeps well in wind and rain.",
        )
    make_product(session, "Skyline trail shoe", category=trail, brand=brands[1])
    session.commit()
    return Catalog(
        hiking_total=33,
        altitude_total=sum(1 for brand, _ in specs if brand == "altitude"),
        altitude_size_42=sum(1 for brand, sizes in specs if brand == "altitude" and "42" in sizes),
        tents=3,
    )
