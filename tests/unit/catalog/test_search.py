"""Full-text search behaves the same on SQLite (FTS5) and PostgreSQL (tsvector)."""

from sqlalchemy.orm import Session

from storefront.catalog.search import index_products, ranked_ids
from tests.factories import make_brand, make_category, make_product


def test_name_matches_rank_above_description_matches(session: Session) -> None:
    tents = make_category(session, "Tents")
    in_description = make_product(
        session, "Sleeping mat", category=tents, description="Pairs well with any tent."
    )
    in_name = make_product(session, "Tent Quechua 2", category=tents, description="Two people.")
    assert ranked_ids(session, "tent") == [in_name.id, in_description.id]


def test_every_word_must_match_and_the_last_is_a_prefix(session: Session) -> None:
    jacket = make_product(session, "Waterproof hiking jacket")
    make_product(session, "Hiking boots")
    assert ranked_ids(session, "hiking jack") == [jacket.id]
    assert ranked_ids(session, "hik") != []


def test_accents_and_case_do_not_matter(session: Session) -> None:
    velo = make_product(session, "Vélo de route Élite")
    assert ranked_ids(session, "VELO elite") == [velo.id]


def test_brand_and_category_names_are_searchable(session: Session) -> None:
    product = make_product(
        session,
        "Storm shell",
        brand=make_brand(session, "Boreal"),
        category=make_category(session, "Mountaineering"),
    )
    assert ranked_ids(session, "boreal") == [product.id]
    assert ranked_ids(session, "mountaineering") == [product.id]


def test_punctuation_and_operators_are_plain_text(session: Session) -> None:
    make_product(session, "Trail shoe")
    for query in ['"', "a OR b", "NEAR(", "*", "-", "tent:*", "' or 1=1 --", "()"]:
        assert ranked_ids(session, query) == []


def test_reindexing_replaces_the_old_text(session: Session) -> None:
    product = make_product(session, "Headlamp", description="Bright.")
    product.name = "Torch"
    index_products(session, [product.id])
    assert ranked_ids(session, "headlamp") == []
    assert ranked_ids(session, "torch") == [product.id]
