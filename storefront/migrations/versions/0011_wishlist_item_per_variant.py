"""wishlist items per variant: a product once as such and once per chosen size or colour

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 15:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRODUCT_LEVEL = sa.text("variant_id IS NULL")
VARIANT_LEVEL = sa.text("variant_id IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("wishlist_item", schema=None) as batch_op:
        batch_op.drop_constraint("uq_wishlist_item_wishlist_id_product_id", type_="unique")
        batch_op.create_index(
            "uq_wishlist_item_product",
            ["wishlist_id", "product_id"],
            unique=True,
            sqlite_where=PRODUCT_LEVEL,
            postgresql_where=PRODUCT_LEVEL,
        )
        batch_op.create_index(
            "uq_wishlist_item_variant",
            ["wishlist_id", "variant_id"],
            unique=True,
            sqlite_where=VARIANT_LEVEL,
            postgresql_where=VARIANT_LEVEL,
        )


def downgrade() -> None:
    # Back to one item per product: keep each product's oldest item in each list.
    op.execute(
        "DELETE FROM wishlist_item WHERE id NOT IN ("
        "SELECT MIN(id) FROM wishlist_item GROUP BY wishlist_id, product_id)"
    )
    with op.batch_alter_table("wishlist_item", schema=None) as batch_op:
        batch_op.drop_index("uq_wishlist_item_variant")
        batch_op.drop_index("uq_wishlist_item_product")
        batch_op.create_unique_constraint(
            "uq_wishlist_item_wishlist_id_product_id", ["wishlist_id", "product_id"]
        )
