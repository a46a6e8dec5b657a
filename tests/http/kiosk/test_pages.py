"""The kiosk's pages: every link stays in the kiosk, the product shows this store's stock of
each option, and page or fragment come from the same route."""

from html.parser import HTMLParser

from flask.testing import FlaskClient

from tests.forms import csrf_in
from tests.http.conftest import Catalog


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def _hrefs(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def _stays_in_kiosk(href: str) -> bool:
    return href.startswith(("/kiosk/", "#")) or href == "/kiosk"


def _add(screen: FlaskClient, variant_id: int, **headers: str) -> str:
    token = csrf_in(screen.get("/kiosk/p/trail-runner").text)
    answer = screen.post(
        "/cart/lines", data={"csrf_token": token, "variant_id": str(variant_id)}, headers=headers
    )
    assert answer.status_code in (200, 303), answer.text
    return answer.text


def test_no_link_on_any_kiosk_page_leaves_the_kiosk(screen: FlaskClient, catalog: Catalog) -> None:
    from_kiosk = {
        "HX-Request": "true",
        "HX-Current-URL": "http://localhost/kiosk/p/trail-runner",
    }
    toast = _add(screen, catalog.shoe.variants[0].id, **from_kiosk, **{"HX-Target": "form"})
    pages = {
        path: screen.get(path).text
        for path in (
            "/kiosk",
            "/kiosk/home",
            "/kiosk/search?q=trail",
            "/kiosk/search?q=nothing-like-this",
            "/kiosk/c/running",
            "/kiosk/c/running-shoes?page=1&size=42",
            "/kiosk/p/trail-runner",
            "/kiosk/p/rain-jacket",
            "/kiosk/cart",
            "/kiosk/checkout",
        )
    }
    suggestions = screen.get(
        "/kiosk/search?q=tra", headers={"HX-Request": "true", "HX-Target": "div#search-suggestions"}
    )
    badge = screen.get("/cart/badges", headers=from_kiosk)
    fragments = {"suggestions": suggestions.text, "toast": toast, "badge": badge.text}

    for name, html in {**pages, **fragments}.items():
        hrefs = _hrefs(html)
        assert hrefs, f"{name} has no links at all"
        leaving = [href for href in hrefs if not _stays_in_kiosk(href)]
        assert not leaving, f"{name} links out of the kiosk: {leaving}"
    assert 'href="/kiosk/cart"' in toast  # "View cart" is the kiosk's cart
    assert "Trail runner" in pages["/kiosk/cart"]
    assert 'href="/kiosk/checkout"' in pages["/kiosk/cart"]  # pickup here, in the kiosk


def test_the_web_shop_keeps_its_own_links(client: FlaskClient, catalog: Catalog) -> None:
    page = client.get("/search?q=trail").text

    assert 'href="/p/trail-runner"' in page and "/kiosk" not in page


def test_the_product_shows_this_stores_stock_of_each_option(
    screen: FlaskClient, catalog: Catalog
) -> None:
    page = screen.get("/kiosk/p/trail-runner").text

    rows = page.split('<th scope="row">')[1:]
    assert len(rows) == 3
    assert rows[0].startswith("Red · 42")
    assert "Only 3 left" in rows[0] and "Add to cart" in rows[0]
    assert "Out of stock" in rows[1] and "Not available" in rows[1]  # 43 is stocked nowhere
    assert "Out of stock" in rows[2]
    assert "Lyon Part-Dieu" in page


def test_listing_page_or_fragment_from_one_route(screen: FlaskClient, catalog: Catalog) -> None:
    page = screen.get("/kiosk/c/running")
    fragment = screen.get(
        "/kiosk/c/running?size=42", headers={"HX-Request": "true", "HX-Target": "div#listing"}
    )

    assert "<html" in page.text and "Trail runner" in page.text
    assert "<html" not in fragment.text and 'id="listing"' in fragment.text
    assert "HX-Request" in fragment.headers["Vary"]


def test_the_language_switch_stays_in_the_kiosk_and_ends_with_the_visit(
    screen: FlaskClient, catalog: Catalog
) -> None:
    page = screen.get("/kiosk/home").text
    assert 'name="language" value="fr" lang="fr">Français</button>' in page

    chosen = screen.post(
        "/language", data={"csrf_token": csrf_in(page), "language": "fr", "next": "/kiosk/home"}
    )

    assert chosen.status_code == 303 and chosen.headers["Location"] == "/kiosk/home"
    french = screen.get("/kiosk/home").text
    assert "Que cherchez-vous" in french
    assert 'name="language" value="en" lang="en">English</button>' in french
    screen.post("/kiosk/reset", data={"csrf_token": csrf_in(french)})
    assert screen.get_cookie("lang") is None
    assert "What are you looking for?" in screen.get("/kiosk/home").text
