"""Any query string gives a sensible page: property-based, over the listing's parameters."""

import re
from urllib.parse import urlencode

from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.http.conftest import Catalog

PARAMETERS = [
    "q",
    "page",
    "sort",
    "brand",
    "size",
    "colour",
    "category",
    "price_min",
    "price_max",
    "in_stock",
    "store",
    "unknown",
]
# NUL is a 400 before any view (tests/http/test_hostile_input.py); everything else is a page.
text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
    max_size=300,
)
numbers = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["-1", "0", "99999", "1e9", "abc", "", " ", "NaN", "1,5", "0x10"]),
)
query_strings = st.lists(
    st.tuples(st.sampled_from(PARAMETERS), st.one_of(text, numbers)), max_size=8
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pairs=query_strings)
def test_category_and_search_never_fail_on_any_query_string(
    client: FlaskClient, catalog: Catalog, pairs: list[tuple[str, str]]
) -> None:
    query = urlencode(pairs)
    for path in ("/c/running", "/search"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (path, query)
        assert 'id="listing"' in response.text


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=text)
def test_suggestions_never_fail(client: FlaskClient, catalog: Catalog, q: str) -> None:
    response = client.get(
        "/search?" + urlencode({"q": q}),
        headers={"HX-Request": "true", "HX-Target": "div#search-suggestions"},
    )
    assert response.status_code == 200
    assert 'id="search-suggestions"' in response.text


def test_a_five_thousand_character_search_is_shortened_with_a_notice(
    client: FlaskClient, catalog: Catalog
) -> None:
    response = client.get("/search?q=" + "trail " * 834)
    assert response.status_code == 200
    assert "shortened to its first 200 characters" in response.text


def test_nonsense_pages_and_prices_are_explained(client: FlaskClient, catalog: Catalog) -> None:
    html = client.get("/c/running?page=-1&price_min=abc&sort=cheap").text
    assert "Page “-1” does not exist" in html
    assert "“abc” is not a price" in html
    assert "Unknown sort order" in html
    assert "2 products" in html


def test_the_price_filter_shows_whole_euros(client: FlaskClient, catalog: Catalog) -> None:
    html = client.get("/c/running?price_min=10.99&price_max=40").text
    assert "Price (€)" in html
    assert re.search(r'name="price_min"[^>]*value="10"', html)
    assert re.search(r'name="price_max"[^>]*value="40"', html)
