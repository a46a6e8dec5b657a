"""Single sign-on in a browser: the real provider's login page on a desktop and on a phone,
one cart for that person, and signing out at the provider ending both sessions here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from storefront.config import Config, OidcProvider
from tests.e2e.conftest import add_from_product_page
from tests.e2e.test_cart_across_devices import cart_lines
from tests.oidc import real

pytestmark = pytest.mark.e2e

PROVIDER_PORT = real.free_port()
ISSUER = f"http://localhost:{PROVIDER_PORT}"  # the provider's cookies are not the shop's


@pytest.fixture
def config(database_url: str, tmp_path: Path) -> Config:
    provider = OidcProvider("retailer", ISSUER, "shop-e2e", "e2e-secret", "Cairn ID")
    return replace(
        Config.for_tests(database_url, tmp_path / "instance"), oidc_providers=(provider,)
    )


@pytest.fixture
def provider(live_server: str) -> Iterator[real.RunningProvider]:
    client = real.Client(
        "shop-e2e",
        "e2e-secret",
        [f"{live_server}/account/sso/retailer/callback"],
        [f"{live_server}/"],
        backchannel_logout_uri=f"{live_server}/account/sso/retailer/backchannel-logout",
    )
    with real.run_provider([client], port=PROVIDER_PORT) as running:
        yield running


@pytest.fixture
def open_context(provider: real.RunningProvider, open_context: Any) -> Any:
    """The browsers close before the provider stops, so a request still on its way to the
    provider (its favicon, say) is not reset and reported as a browser error."""
    return open_context


def continue_with_provider(page: Page, person: dict[str, Any]) -> None:
    page.goto("/account/sign-in")
    page.get_by_role("button", name="Continue with Cairn ID").click()
    page.wait_for_url(re.compile(rf"^{ISSUER}/interaction/"))
    page.get_by_label("Username").fill(str(person["sub"]))
    page.get_by_label("Password").fill(str(person["password"]))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/"))


def is_signed_out(page: Page) -> bool:
    page.goto("/account")
    return "/account/sign-in" in page.url


def test_one_person_on_two_devices_signed_out_by_the_provider(
    open_context: Any, provider: real.RunningProvider
) -> None:
    desktop = open_context("desktop").new_page()
    add_from_product_page(desktop, "Scree Low GTX 3")  # as a guest
    continue_with_provider(desktop, real.ANNA)
    expect(desktop.get_by_role("status").filter(has_text="now in your cart")).to_be_visible()
    expect(desktop.get_by_role("link", name="Anna, your account")).to_be_visible()

    phone = open_context("phone").new_page()
    continue_with_provider(phone, real.ANNA)
    phone.goto("/cart")
    expect(cart_lines(phone)).to_have_count(1)
    expect(cart_lines(phone).first).to_contain_text("Scree Low GTX 3")

    # Anna signs out at the provider (say, on the retailer's app): it tells the shop.
    desktop.goto(f"{ISSUER}/session/end")
    desktop.get_by_role("button", name="Yes, sign me out").click()
    expect(desktop.get_by_role("heading", name="Signed out")).to_be_visible()

    assert is_signed_out(phone), provider.log
    assert is_signed_out(desktop)
    expect(phone.get_by_role("button", name="Continue with Cairn ID")).to_be_visible()


def test_signing_out_here_signs_out_at_the_provider_and_comes_home(
    open_context: Any, provider: real.RunningProvider
) -> None:
    page = open_context("desktop").new_page()
    continue_with_provider(page, real.ANNA)
    page.goto("/account")
    expect(page.get_by_role("heading", name="How you sign in")).to_be_visible()
    page.get_by_role("button", name="Sign out").first.click()
    page.wait_for_url(re.compile(rf"^{ISSUER}/session/end"))
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/$"))
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    # The provider forgot Anna too: continuing asks for her password again.
    page.goto("/account/sign-in")
    page.get_by_role("button", name="Continue with Cairn ID").click()
    expect(page.get_by_label("Password")).to_be_visible()
