"""POSTs replayed by the phone app carry an Idempotency-Key, kept so a second replay does nothing

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 12:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "request_key",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_request_key")),
    )


def downgrade() -> None:
    op.drop_table("request_key")
