"""audit entries: the door a command came through, and what it was done to, for people

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 18:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entries") as batch:
        batch.add_column(
            sa.Column("entry", sa.String(length=16), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("subject", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_entries") as batch:
        batch.drop_column("subject")
        batch.drop_column("entry")
