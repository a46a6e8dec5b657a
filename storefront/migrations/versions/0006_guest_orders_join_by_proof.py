"""guest pickup orders join an account by verified email or by their link, not by browser

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pickup_order", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("placed_as_guest", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute(
        "UPDATE pickup_order SET placed_as_guest = TRUE"
        " WHERE account_id IS NULL OR guest_token IS NOT NULL"
    )
    with op.batch_alter_table("pickup_order", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pickup_order_guest_token"))
        batch_op.drop_column("guest_token")


def downgrade() -> None:
    with op.batch_alter_table("pickup_order", schema=None) as batch_op:
        batch_op.add_column(sa.Column("guest_token", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_pickup_order_guest_token"), ["guest_token"], unique=False
        )
        batch_op.drop_column("placed_as_guest")
