"""shelf location: where a store keeps each variant ("Aisle 12, bay 3")

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 15:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stock_level", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("location", sa.String(40), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("stock_level", schema=None) as batch_op:
        batch_op.drop_column("location")
