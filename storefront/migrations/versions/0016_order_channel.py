"""order channel: a pickup order placed on a kiosk in the store says so

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-09 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pickup_order") as batch:
        batch.add_column(
            sa.Column(
                "placed_at_kiosk", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("pickup_order") as batch:
        batch.drop_column("placed_at_kiosk")
