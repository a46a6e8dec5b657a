"""kiosks: a browser paired to a store by a one-time link, then known by its credential

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 15:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kiosk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("idle_seconds", sa.Integer(), nullable=False),
        sa.Column("pairing_hash", sa.String(64), nullable=False),
        sa.Column("pairing_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("credential_hash", sa.String(64), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_kiosk_store_id_store"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosk")),
        sa.UniqueConstraint("pairing_hash", name=op.f("uq_kiosk_pairing_hash")),
    )
    op.create_index(op.f("ix_kiosk_store_id"), "kiosk", ["store_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_kiosk_store_id"), table_name="kiosk")
    op.drop_table("kiosk")
