"""back-in-stock alerts wait for the email's owner to confirm them

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 23:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stock_alert", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
    # Alerts asked before consent was required keep working.
    op.execute("UPDATE stock_alert SET confirmed_at = created_at")


def downgrade() -> None:
    with op.batch_alter_table("stock_alert", schema=None) as batch_op:
        batch_op.drop_column("confirmed_at")
