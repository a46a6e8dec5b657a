"""list consent: a shopper shows one list or their cart to a store team, each look recorded,
and the team may propose to hold items for pickup

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "list_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wishlist_id", sa.Integer(), nullable=True),
        sa.Column("cart_id", sa.Integer(), nullable=True),
        sa.Column("nonce", sa.String(32), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(wishlist_id IS NULL) <> (cart_id IS NULL)", name=op.f("ck_list_consent_one_list")
        ),
        sa.ForeignKeyConstraint(
            ["wishlist_id"],
            ["wishlist.id"],
            name=op.f("fk_list_consent_wishlist_id_wishlist"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cart_id"], ["cart.id"], name=op.f("fk_list_consent_cart_id_cart"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_consent")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_list_consent_code_hash")),
    )
    op.create_index(op.f("ix_list_consent_wishlist_id"), "list_consent", ["wishlist_id"])
    op.create_index(op.f("ix_list_consent_cart_id"), "list_consent", ["cart_id"])
    op.create_table(
        "list_consent_view",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consent_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("staff_account_id", sa.Integer(), nullable=True),
        sa.Column("viewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["list_consent.id"],
            name=op.f("fk_list_consent_view_consent_id_list_consent"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["store.id"],
            name=op.f("fk_list_consent_view_store_id_store"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_account_id"],
            ["account.id"],
            name=op.f("fk_list_consent_view_staff_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_consent_view")),
    )
    op.create_index(
        op.f("ix_list_consent_view_consent_id"), "list_consent_view", ["consent_id"]
    )
    op.create_table(
        "hold_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consent_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("staff_account_id", sa.Integer(), nullable=True),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["list_consent.id"],
            name=op.f("fk_hold_proposal_consent_id_list_consent"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_hold_proposal_store_id_store"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["staff_account_id"],
            ["account.id"],
            name=op.f("fk_hold_proposal_staff_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["pickup_order.id"],
            name=op.f("fk_hold_proposal_order_id_pickup_order"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hold_proposal")),
    )
    op.create_index(op.f("ix_hold_proposal_consent_id"), "hold_proposal", ["consent_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_hold_proposal_consent_id"), table_name="hold_proposal")
    op.drop_table("hold_proposal")
    op.drop_index(op.f("ix_list_consent_view_consent_id"), table_name="list_consent_view")
    op.drop_table("list_consent_view")
    op.drop_index(op.f("ix_list_consent_cart_id"), table_name="list_consent")
    op.drop_index(op.f("ix_list_consent_wishlist_id"), table_name="list_consent")
    op.drop_table("list_consent")
