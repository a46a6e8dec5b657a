"""kiosk hand-off: a kiosk visit's cart to a phone, or a phone's lists shown on the kiosk, by
a short code; a cart merge into a guest's cart too (a kiosk's into the phone's)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWNED_BY_ONE = "(account_id IS NULL) <> (guest_token IS NULL)"


def upgrade() -> None:
    op.create_table(
        "kiosk_handoff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("visit_hash", sa.String(64), nullable=False),
        sa.Column("cart_id", sa.Integer(), nullable=True),
        sa.Column("nonce", sa.String(32), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shown_account_id", sa.Integer(), nullable=True),
        sa.Column("shown_guest_token", sa.String(64), nullable=True),
        sa.CheckConstraint(
            "shown_account_id IS NULL OR shown_guest_token IS NULL",
            name=op.f("ck_kiosk_handoff_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosk.id"], name=op.f("fk_kiosk_handoff_kiosk_id_kiosk"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["cart_id"], ["cart.id"], name=op.f("fk_kiosk_handoff_cart_id_cart"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["shown_account_id"],
            ["account.id"],
            name=op.f("fk_kiosk_handoff_shown_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosk_handoff")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_kiosk_handoff_code_hash")),
    )
    op.create_index(op.f("ix_kiosk_handoff_kiosk_id"), "kiosk_handoff", ["kiosk_id"])
    op.create_index(op.f("ix_kiosk_handoff_visit_hash"), "kiosk_handoff", ["visit_hash"])

    with op.batch_alter_table("cart_merge", schema=None) as batch_op:
        batch_op.add_column(sa.Column("guest_token", sa.String(64), nullable=True))
        batch_op.add_column(
            sa.Column("kind", sa.String(16), server_default="sign_in", nullable=False)
        )
        batch_op.alter_column("account_id", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("guest_cart_id", existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint("fk_cart_merge_guest_cart_id_cart", type_="foreignkey")
        batch_op.create_foreign_key(
            "fk_cart_merge_guest_cart_id_cart", "cart", ["guest_cart_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_check_constraint("ck_cart_merge_one_owner", sa.text(OWNED_BY_ONE))
        batch_op.create_index("ix_cart_merge_guest_token", ["guest_token"])


def downgrade() -> None:
    # A merge into a guest's cart has no place in the old table: it goes.
    op.execute("DELETE FROM cart_merge WHERE account_id IS NULL")
    op.execute("DELETE FROM cart_merge WHERE guest_cart_id IS NULL")
    with op.batch_alter_table("cart_merge", schema=None) as batch_op:
        batch_op.drop_index("ix_cart_merge_guest_token")
        batch_op.drop_constraint("ck_cart_merge_one_owner", type_="check")
        batch_op.drop_constraint("fk_cart_merge_guest_cart_id_cart", type_="foreignkey")
        batch_op.create_foreign_key(
            "fk_cart_merge_guest_cart_id_cart", "cart", ["guest_cart_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.alter_column("guest_cart_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("account_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("kind")
        batch_op.drop_column("guest_token")
    op.drop_index(op.f("ix_kiosk_handoff_visit_hash"), table_name="kiosk_handoff")
    op.drop_index(op.f("ix_kiosk_handoff_kiosk_id"), table_name="kiosk_handoff")
    op.drop_table("kiosk_handoff")
