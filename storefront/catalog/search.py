"""Ranked full-text search over products: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both engines index the same accent-folded, lower-cased text with the same weights
(name > brand, category > description), and both take the same prefix query built by
``match_terms``, so a search gives the same products in the same order on either.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from sqlalchemy import DDL, Float, Integer, MetaData, Subquery, event, select, text
from sqlalchemy.orm import Session, selectinload

from storefront.catalog.models import Product

MAX_TERMS = 8
TERM = re.compile(r"[0-9a-z]+")

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS product_search USING fts5("
    "name, brand, category, body, tokenize = 'unicode61 remove_diacritics 2')"
)
POSTGRES_DDL = (
    "CREATE TABLE IF NOT EXISTS product_search ("
    " product_id integer PRIMARY KEY REFERENCES product(id) ON DELETE CASCADE,"
    " name text NOT NULL, brand text NOT NULL, category text NOT NULL, body text NOT NULL,"
    " document tsvector GENERATED ALWAYS AS ("
    "  setweight(to_tsvector('simple', name), 'A') ||"
    "  setweight(to_tsvector('simple', brand), 'B') ||"
    "  setweight(to_tsvector('simple', category), 'B') ||"
    "  setweight(to_tsvector('simple', body), 'D')) STORED)",
    "CREATE INDEX IF NOT EXISTS ix_product_search_document ON product_search USING gin (document)",
)
DROP_DDL = "DROP TABLE IF EXISTS product_search"


def fold(value: str) -> str:
    """Lower-case and strip accents, so "Vélo" and "velo" index and match alike."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def match_terms(query: str) -> list[str]:
    return TERM.findall(fold(query))[:MAX_TERMS]


def is_search_table(name: str | None) -> bool:
    """The search index is engine-specific DDL outside the ORM metadata: autogenerate and
    schema comparisons must leave it alone."""
    return bool(name and name.startswith(("product_search", "ix_product_search")))


def create_statements(dialect: str) -> Sequence[str]:
    return (SQLITE_DDL,) if dialect == "sqlite" else POSTGRES_DDL


def register_search_tables(metadata: MetaData) -> None:
    """The search table is engine-specific DDL, created and dropped with the ORM tables."""
    for dialect in ("sqlite", "postgresql"):
        for statement in create_statements(dialect):
            event.listen(metadata, "after_create", DDL(statement).execute_if(dialect=dialect))
    event.listen(metadata, "before_drop", DDL(DROP_DDL))


def index_products(session: Session, product_ids: Iterable[int]) -> None:
    ids = sorted(set(product_ids))
    if not ids:
        return
    key = "rowid" if _is_sqlite(session) else "product_id"
    products = session.scalars(
        select(Product)
        .where(Product.id.in_(ids))
        .options(selectinload(Product.brand), selectinload(Product.category))
    )
    rows = [
        {
            "id": p.id,
            "name": fold(p.name),
            "brand": fold(p.brand.name if p.brand else ""),
            "category": fold(p.category.name),
            "body": fold(p.description),
        }
        for p in products
    ]
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        session.execute(
            text(f"DELETE FROM product_search WHERE {key} IN ({','.join(map(str, chunk))})")
        )
    if rows:
        session.execute(
            text(
                f"INSERT INTO product_search ({key}, name, brand, category, body) "
                "VALUES (:id, :name, :brand, :category, :body)"
            ),
            rows,
        )


def ranking(session: Session, query: str, limit: int = 2000) -> Subquery | None:
    """The products matching every term (the last one as a prefix), as a subquery of
    (product_id, score), the best lowest; None when the query has no term to match. A page
    joins it to what it reads, so searching costs no statement of its own."""
    terms = match_terms(query)
    if not terms:
        return None
    if _is_sqlite(session):
        match = " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'
        statement = text(
            "SELECT rowid AS product_id, bm25(product_search, 10.0, 4.0, 4.0, 1.0) AS score "
            "FROM product_search WHERE product_search MATCH :match "
            "ORDER BY score, rowid LIMIT :limit"
        ).bindparams(match=match.strip(), limit=limit)
    else:
        tsquery = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
        statement = text(
            "SELECT product_id, -ts_rank(document, to_tsquery('simple', :q), 1) AS score "
            "FROM product_search WHERE document @@ to_tsquery('simple', :q) "
            "ORDER BY score, product_id LIMIT :limit"
        ).bindparams(q=tsquery, limit=limit)
    return statement.columns(product_id=Integer, score=Float).subquery("ranking")


def ranked_ids(session: Session, query: str, limit: int = 2000) -> list[int]:
    """Product ids matching every term (the last one as a prefix), best first."""
    found = ranking(session, query, limit)
    if found is None:
        return []
    return list(
        session.scalars(select(found.c.product_id).order_by(found.c.score, found.c.product_id))
    )


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"
