"""mail is queued as a template and its parameters, and rendered when it is sent

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Messages queued before this keep their rendered subject and body and are sent as
    # they are; new ones carry a template and fill those columns when sent.
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("template", sa.String(80), nullable=True))
        batch_op.add_column(sa.Column("params", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("locale", sa.String(16), nullable=True))
        batch_op.alter_column("subject", existing_type=sa.String(255), nullable=True)
        batch_op.alter_column("text_body", existing_type=sa.Text(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM outbox_message WHERE text_body IS NULL")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.alter_column("text_body", existing_type=sa.Text(), nullable=False)
        batch_op.alter_column("subject", existing_type=sa.String(255), nullable=False)
        batch_op.drop_column("locale")
        batch_op.drop_column("params")
        batch_op.drop_column("template")
