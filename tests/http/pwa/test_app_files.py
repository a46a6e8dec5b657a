"""What a phone needs to install the shop and read it offline: the manifest, the service
worker with the shell it caches, and an offline page that holds nothing personal."""

import json
import re

from flask.testing import FlaskClient

from tests.conftest import AuthActions


def test_every_page_links_the_manifest(client: FlaskClient) -> None:
    page = client.get("/").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert re.search(r'<script src="/static/js/pwa\.[0-9a-f]{12}\.js" defer>', page)


def test_the_manifest_describes_an_installable_app_in_the_shoppers_language(
    client: FlaskClient,
) -> None:
    response = client.get("/manifest.webmanifest", headers={"Accept-Language": "fr"})
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.text)
    assert manifest["lang"] == "fr" and manifest["name"] == "Cairn — sport et plein air"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
    assert [s["url"] for s in manifest["shortcuts"]] == ["/stores", "/orders", "/scan"]
    assert "Accept-Language" in response.headers["Vary"]


def test_the_worker_is_never_stale_and_caches_only_hashed_files(client: FlaskClient) -> None:
    response = client.get("/sw.js")
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    shell = json.loads(re.match(r"self\.SHELL = (\{.*?\});\n", response.text)[1])  # type: ignore[index]
    assert shell["offline"] == "/offline" and shell["signOut"] == "/account/sign-out"
    for url in shell["shell"]:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url) and client.get(url).status_code == 200
    assert 'addEventListener("fetch"' in response.text


def test_the_same_files_give_the_same_worker(client: FlaskClient) -> None:
    """A browser offers "a new version" when the worker's bytes change: only a deploy that
    changes the shell may change them."""
    first = client.get("/sw.js").text
    assert re.search(r'"version": "[0-9a-f]{12}"', first)
    assert client.get("/sw.js").text == first


def test_the_offline_page_holds_nothing_about_the_shopper(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.sign_up(email="camille@example.com")
    page = client.get("/offline").text
    assert "You are offline" in page and "camille" not in page.lower()
    assert 'href="/wishlist"' in page and 'href="/orders"' in page


def test_the_manifest_and_the_worker_travel_compressed(client: FlaskClient) -> None:
    for url in ("/manifest.webmanifest", "/sw.js"):
        response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
        assert response.headers["Content-Encoding"] == "br", url
