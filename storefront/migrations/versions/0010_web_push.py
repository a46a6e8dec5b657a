"""web push: browsers subscribed to an order or an alert, and push messages in the outbox

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 12:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "push_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(40), nullable=False),
        sa.Column("endpoint", sa.String(1000), nullable=False),
        sa.Column("p256dh", sa.String(200), nullable=False),
        sa.Column("auth", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_subscription")),
        sa.UniqueConstraint("topic", "endpoint", name=op.f("uq_push_subscription_topic_endpoint")),
    )
    op.create_index(op.f("ix_push_subscription_topic"), "push_subscription", ["topic"])
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channel", sa.String(10), nullable=False, server_default="email")
        )
        batch_op.alter_column("recipient", existing_type=sa.String(254), type_=sa.String(1000))


def downgrade() -> None:
    op.execute("DELETE FROM outbox_message WHERE channel <> 'email'")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.alter_column("recipient", existing_type=sa.String(1000), type_=sa.String(254))
        batch_op.drop_column("channel")
    op.drop_index(op.f("ix_push_subscription_topic"), table_name="push_subscription")
    op.drop_table("push_subscription")
