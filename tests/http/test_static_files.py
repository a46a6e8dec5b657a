import re

from flask.testing import FlaskClient


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_assets_are_content_hashed_immutable_and_compressed(client: FlaskClient) -> None:
    urls = asset_urls(client.get("/").text)
    assert any(re.search(r"/css/app\.[0-9a-f]{12}\.css$", u) for u in urls)
    assert any(re.search(r"/vendor/htmx/htmx-4\.0\.1\.min\.[0-9a-f]{12}\.js$", u) for u in urls)
    for url in urls:
        response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
        assert response.status_code == 200
        assert "immutable" in response.headers["Cache-Control"]
        if url.endswith((".css", ".js", ".svg")):
            assert response.headers["Content-Encoding"] == "br"
        gzip = client.get(url, headers={"Accept-Encoding": "gzip"})
        if url.endswith((".css", ".js")):
            assert gzip.headers["Content-Encoding"] == "gzip"


def test_htmx_is_vendored_with_its_licence() -> None:
    from storefront.config import ROOT

    vendor = ROOT / "static" / "vendor" / "htmx"
    assert "Zero-Clause BSD" in (vendor / "LICENSE").read_text()
    assert "4.0.1" in (vendor / "htmx-4.0.1.min.js").read_text()[:20000]


def test_pages_are_compressed_for_browsers_that_accept_it(client: FlaskClient) -> None:
    response = client.get("/search", headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response.headers["Vary"]
    plain = client.get("/search")
    assert "Content-Encoding" not in plain.headers and "<html" in plain.text
