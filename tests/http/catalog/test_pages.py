import json
import re

from flask.testing import FlaskClient

from tests.http.conftest import Catalog

HX = {"HX-Request": "true"}


def product_names(html: str) -> list[str]:
    return re.findall(r'class="product-card__name">([^<]+)<', html)


def test_home_links_to_top_categories_and_shows_deals(
    client: FlaskClient, catalog: Catalog
) -> None:
    html = client.get("/").text
    assert 'href="/c/running"' in html
    assert "Trail runner" in html  # it has a compare-at price: a deal


def test_category_lists_products_of_its_whole_subtree(
    client: FlaskClient, catalog: Catalog
) -> None:
    response = client.get("/c/running")
    assert response.status_code == 200
    assert sorted(product_names(response.text)) == ["Rain jacket", "Trail runner"]
    assert "2 products" in response.text
    assert '<link rel="canonical" href="http://localhost/c/running">' in response.text


def test_facets_filter_and_show_counts(client: FlaskClient, catalog: Catalog) -> None:
    html = client.get("/c/running?brand=altitude&size=42").text
    assert product_names(html) == ["Trail runner"]
    assert re.search(r'value="boreal"\s*>.*?facet__count">0<', html, re.S) is None
    assert "1 product" in html


def test_store_facet_keeps_products_with_sellable_stock_there(
    client: FlaskClient, catalog: Catalog
) -> None:
    assert product_names(client.get("/c/running?store=LYON1").text) == ["Trail runner"]
    # Only blue is at the store with 0 units: red 42 has 3, so red matches, blue does not.
    assert product_names(client.get("/c/running?store=LYON1&colour=Blue").text) == []
    unknown = client.get("/c/running?store=NOPE")
    assert unknown.status_code == 200 and "There is no store" in unknown.text


def test_category_page_and_fragment_share_the_listing(
    client: FlaskClient, catalog: Catalog
) -> None:
    page = client.get("/c/running?size=M")
    fragment = client.get("/c/running?size=M", headers=HX)
    assert "<html" in page.text and "<html" not in fragment.text
    assert fragment.text.lstrip().startswith('<div id="listing"')
    assert product_names(fragment.text) == product_names(page.text) == ["Rain jacket"]
    assert "HX-Request" in fragment.headers["Vary"] and "HX-Request" in page.headers["Vary"]


def test_boosted_and_history_restore_requests_get_the_whole_page(
    client: FlaskClient, catalog: Catalog
) -> None:
    for extra in ({"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}):
        assert "<html" in client.get("/c/running", headers=HX | extra).text


def test_unknown_pages_get_the_designed_404(client: FlaskClient, catalog: Catalog) -> None:
    for url in ("/c/nowhere", "/p/nothing", "/no/such/page"):
        response = client.get(url)
        assert response.status_code == 404
        assert "This trail does not exist" in response.text


def test_product_page_has_structured_data_and_social_tags(
    client: FlaskClient, catalog: Catalog
) -> None:
    html = client.get("/p/trail-runner").text
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["@type"] == "Product" and data["sku"] == "TR-42-RED"
    assert data["offers"] == {
        "@type": "Offer",
        "price": "89.99",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/OutOfStock",
    }
    assert data["brand"]["name"] == "Altitude" and data["gtin"] == "4006381333931"
    assert '<meta property="og:title" content="Trail runner">' in html
    assert '<link rel="canonical" href="http://localhost/p/trail-runner">' in html
    assert "Running" in html and "Shoes" in html  # breadcrumbs


def test_structured_data_cannot_break_out_of_its_script(
    client: FlaskClient, catalog: Catalog
) -> None:
    from tests.factories import make_product

    html = client.get("/p/trail-runner").text
    assert html.count("</script>") == html.count("<script")
    del make_product


def test_variant_picker_swaps_price_and_sku(client: FlaskClient, catalog: Catalog) -> None:
    page = client.get("/p/trail-runner?size=42&colour=Blue")
    assert "TR-42-BLUE" in page.text and "€94.99" in page.text
    fragment = client.get("/p/trail-runner?size=43&colour=Red", headers=HX)
    assert fragment.text.lstrip().startswith('<div id="buy-box"')
    assert "TR-43-RED" in fragment.text and "<html" not in fragment.text


def test_out_of_stock_sizes_are_marked_but_still_links(
    client: FlaskClient, catalog: Catalog
) -> None:
    html = client.get("/p/trail-runner?size=42&colour=Red").text
    assert re.search(r'variant-option--unavailable"\s+href="/p/trail-runner\?size=43', html)


def test_search_ranks_and_offers_suggestions(client: FlaskClient, catalog: Catalog) -> None:
    assert product_names(client.get("/search?q=rain").text) == ["Rain jacket"]
    page = client.get("/search?q=trai")
    assert "<html" in page.text
    suggestions = client.get("/search?q=trai", headers=HX | {"HX-Target": "div#search-suggestions"})
    assert suggestions.text.lstrip().startswith('<div id="search-suggestions"')
    assert "Trail runner" in suggestions.text and "See all results" in suggestions.text
    listing = client.get("/search?q=trai", headers=HX)
    assert listing.text.lstrip().startswith('<div id="listing"')


def test_search_without_results_says_what_to_try(client: FlaskClient, catalog: Catalog) -> None:
    html = client.get("/search?q=snorkel").text
    assert "No products match “snorkel”" in html
    assert 'href="/c/running"' in html


def test_search_can_be_narrowed_by_facets(client: FlaskClient, catalog: Catalog) -> None:
    html = client.get("/search?q=r&category=running-jackets").text
    assert product_names(html) == ["Rain jacket"]


def test_pagination_links_keep_the_filters(client: FlaskClient, catalog: Catalog, app) -> None:  # type: ignore[no-untyped-def]
    from storefront.db import session_factory
    from tests.factories import make_product

    with session_factory(app.extensions["db_engine"], write=True)() as session:
        shoes = session.merge(catalog.shoes)
        for i in range(30):
            make_product(
                session,
                f"Road shoe {i:02d}",
                category=shoes,
                variants=[{"size": "42", "price_amount": 5000 + i}],
            )
        session.commit()
    html = client.get("/c/running?size=42&sort=price_asc").text
    assert len(product_names(html)) == 24
    assert 'href="/c/running?size=42&amp;sort=price_asc&amp;page=2"' in html
    second = client.get("/c/running?size=42&sort=price_asc&page=2").text
    assert len(product_names(second)) == 31 - 24
    assert client.get("/c/running?size=42&page=99999").status_code == 200


def test_quick_add_offers_the_variants_when_opened(client: FlaskClient, catalog: Catalog) -> None:
    card = client.get("/c/running").text
    assert 'hx-target="#quick-add-' in card and "Choose a size or colour" in card
    quick = client.get(
        "/p/trail-runner", headers=HX | {"HX-Target": f"div#quick-add-{catalog.shoe.id}"}
    )
    assert "<html" not in quick.text and quick.text.lstrip().startswith("<form")
    assert re.findall(r'name="variant_id" value="(\d+)"', quick.text) == [
        str(v.id) for v in catalog.shoe.variants
    ]
    assert 'disabled aria-label="Blue · 42, out of stock"' in quick.text
