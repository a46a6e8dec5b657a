"""The catalog import service: grouping, upsert by SKU, categories, checks an operator sees."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storefront.catalog.gtin import check_digit as gs1_check_digit
from storefront.catalog.gtin import parse as parse_gtin
from storefront.catalog.importing import import_catalog
from storefront.catalog.models import Brand, Category, Product, ProductImage, Variant
from storefront.catalog.search import ranked_ids
from storefront.importing import ImportResult


def run(session: Session, *rows: dict[str, Any]) -> ImportResult:
    return import_catalog(session, list(enumerate(rows, start=2)))


def line(sku: str, **values: Any) -> dict[str, Any]:
    return {"sku": sku, "title": "Trail runner", "price": "89.90", "category": "Running", **values}


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_lines_sharing_a_product_key_become_variants_named_after_the_first_line(
    session: Session,
) -> None:
    result = run(
        session,
        line("TR-40", product="tr", title="Kestrel trail shoe", size="40", colour="Red"),
        line("TR-41", product="tr", title="ignored title", size="41", colour="Red"),
        line("JK-1", title="Rain jacket", price=129),
    )

    assert (result.created, result.updated, result.errors) == (3, 0, [])
    products = session.scalars(select(Product).order_by(Product.id)).all()
    assert [p.name for p in products] == ["Kestrel trail shoe", "Rain jacket"]
    assert [v.sku for v in products[0].variants] == ["TR-40", "TR-41"]
    assert [v.size for v in products[0].variants] == ["40", "41"]
    assert products[1].slug == "rain-jacket"
    assert products[1].variants[0].price_amount == 12900


def test_reimport_updates_by_sku_without_duplicates(session: Session) -> None:
    first = [line("TR-40", product="tr", size="40"), line("TR-41", product="tr", size="41")]
    run(session, *first)

    again = run(session, *first)
    changed = run(
        session,
        line("TR-40", product="tr", size="40", price="79.90", compare_at_price="89.90"),
        line("TR-41", product="tr", size="41"),
    )

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    assert count(session, Product) == 1
    assert count(session, Variant) == 2
    variant = session.scalars(select(Variant).where(Variant.sku == "TR-40")).one()
    assert (variant.price_amount, variant.compare_at_amount) == (7990, 8990)


def test_an_empty_optional_field_clears_the_value(session: Session) -> None:
    run(session, line("TR-40", compare_at_price="99.90", colour="Red"))
    run(session, line("TR-40", compare_at_price="", colour=""))

    variant = session.scalars(select(Variant)).one()
    assert (variant.compare_at_amount, variant.colour) == (None, None)


def test_a_product_key_given_later_keeps_the_existing_product(session: Session) -> None:
    run(session, line("TR-40"))
    result = run(session, line("TR-40", product="kestrel"), line("TR-41", product="kestrel"))

    assert (result.created, result.updated) == (1, 1)
    product = session.scalars(select(Product)).one()
    assert product.attributes["import_key"] == "kestrel"
    assert len(product.variants) == 2


def test_category_path_creates_the_tree_once(session: Session) -> None:
    run(
        session,
        line("A", category="Men > Shoes > Trail"),
        line("B", category="men > shoes"),
        line("C", category="Ski > Jackets"),
        line("D", category="Hiking > Jackets"),
    )

    categories = {c.slug: c for c in session.scalars(select(Category))}
    assert set(categories) == {
        "men",
        "men-shoes",
        "men-shoes-trail",
        "ski",
        "ski-jackets",
        "hiking",
        "hiking-jackets",
    }
    assert categories["men-shoes-trail"].parent_id == categories["men-shoes"].id
    assert categories["men-shoes"].parent_id == categories["men"].id


def test_brands_are_created_once_and_products_are_searchable(session: Session) -> None:
    run(
        session,
        line("A", title="Kestrel trail shoe", brand="Norvent"),
        line("B", title="Bivy tent", brand="norvent", category="Camping > Tents"),
    )

    assert session.scalars(select(Brand.name)).all() == ["Norvent"]
    assert len(ranked_ids(session, "kestrel")) == 1
    assert len(ranked_ids(session, "norvent")) == 2


def test_every_bad_line_is_reported_and_nothing_is_written(session: Session) -> None:
    result = run(
        session,
        line("OK-1"),
        line("", title="", price="abc", category="A >  > B"),
        line("OK-1"),
        line("X", currency="ZZZ", compare_at_price="1"),
        line("Y", gtin="4006381333932"),
    )

    assert [(e.line, e.field) for e in result.errors] == [
        (3, "sku"),
        (3, "title"),
        (3, "category"),
        (3, "price"),
        (5, "currency"),
        (5, "compare_at_price"),
        (6, "gtin"),
        (4, "sku"),
    ]
    assert str(result.errors[-1]) == "line 4: sku: OK-1 already appears on line 2"
    assert count(session, Product) == 0
    assert not session.new


def test_a_gtin_owned_by_another_sku_is_refused(session: Session) -> None:
    run(session, line("A", gtin="4006381333931"))

    result = run(session, line("B", upc="4006381333931"))

    assert [str(e) for e in result.errors] == ["line 2: gtin: already used by SKU A"]


def test_unknown_fields_are_named_once(session: Session) -> None:
    result = run(session, line("A", colour_code="R", foo=1), line("B", foo=2))

    assert result.unknown_fields == ["colour_code", "foo"]


def test_images_are_added_once_per_path_with_their_colour(session: Session) -> None:
    image = {"image": "products/tr-red.svg", "colour": "Red", "product": "tr"}
    run(session, line("A", size="40", **image), line("B", size="41", **image))
    run(session, line("A", size="40", **image), line("B", size="41", **image))

    images = session.scalars(select(ProductImage)).all()
    assert [(i.path, i.colour) for i in images] == [("products/tr-red.svg", "Red")]


@pytest.mark.parametrize("raw", ["4006381333931", "036000291452", "96385074", "10012345678902"])
def test_valid_gtins_are_kept_at_their_length(raw: str) -> None:
    assert parse_gtin(raw) == raw
    assert gs1_check_digit(raw[:-1]) == int(raw[-1])


@pytest.mark.parametrize("raw", ["4006381333932", "12345", "40063813339a1"])
def test_invalid_gtins_are_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_gtin(raw)


def test_a_line_naming_another_product_moves_its_sku_there(session: Session) -> None:
    run(session, line("A1", product="p1"), line("A2", product="p2", title="Other"))

    result = run(session, line("A1", product="p1"), line("A2", product="p1"))

    assert (result.updated, result.unchanged) == (1, 1)
    product = session.scalars(select(Product).where(Product.name == "Trail runner")).one()
    assert [variant.sku for variant in product.variants] == ["A1", "A2"]
