"""Scan in the store: a barcode's digits, scanned or typed, open the product in that variant;
anything else is explained on the scan page."""

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from storefront.catalog.models import Variant
from tests.http.conftest import Catalog

EAN = "5901234123457"


def with_gtin(session: Session, variant: Variant, gtin: str) -> Variant:
    variant.gtin = gtin
    session.commit()
    return variant


def test_the_scan_page_offers_the_camera_and_typing(client: FlaskClient) -> None:
    page = client.get("/scan").text
    assert 'id="scan-camera"' in page and "/static/vendor/zxing/zxing-library-0.23.0." in page
    assert 'name="code" inputmode="numeric"' in page


def test_a_barcode_opens_its_product_in_that_variant(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    variant = with_gtin(session, catalog.shoe.variants[1], EAN)
    response = client.get(f"/scan?code={EAN}")
    assert response.status_code == 303
    assert response.location == f"/p/{catalog.shoe.slug}?sku={variant.sku}"


def test_the_same_number_scanned_as_upc_ean_or_gtin14_is_the_same_product(
    client: FlaskClient, session: Session, catalog: Catalog
) -> None:
    with_gtin(session, catalog.shoe.variants[0], "036000291452")  # a UPC-A, kept at 12 digits
    for scanned in ("036000291452", "0036000291452", "00036000291452", "0360 0029 1452"):
        assert client.get("/scan", query_string={"code": scanned}).status_code == 303


def test_an_unknown_or_malformed_code_is_explained_and_kept_for_correction(
    client: FlaskClient, catalog: Catalog
) -> None:
    unknown = client.get(f"/scan?code={EAN}")
    assert unknown.status_code == 200
    assert f"Barcode {EAN} is not a product sold here." in unknown.text
    assert f'value="{EAN}"' in unknown.text
    for bad in ("4006381333932", "12345", "abc<script>", "9" * 400):
        response = client.get("/scan", query_string={"code": bad})
        assert response.status_code == 200, bad
        assert "is not a barcode number" in response.text and "<script>" not in response.text
