"""comment moderation state, search text, blocklist, app state

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 20:43:59.563200
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_state")),
    )
    op.create_table(
        "blocked_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("nickname", sa.String(length=64), nullable=False),
        sa.Column("operator", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blocked_users")),
        sa.UniqueConstraint("user_id", name=op.f("uq_blocked_users_user_id")),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("moderation", sa.String(length=16), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    _backfill_search_text()


def _backfill_search_text() -> None:
    """Comments stored before this revision become searchable too (NFKC + casefold)."""
    comments = sa.table(
        "comments",
        sa.column("id", sa.Integer),
        sa.column("nickname", sa.String),
        sa.column("text", sa.Text),
        sa.column("search_text", sa.Text),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(comments.c.id, comments.c.nickname, comments.c.text)).all()
    updates = [
        {"row_id": row_id, "value": unicodedata.normalize("NFKC", f"{nick} {text}").casefold()}
        for row_id, nick, text in rows
    ]
    if updates:
        conn.execute(
            comments.update()
            .where(comments.c.id == sa.bindparam("row_id"))
            .values(search_text=sa.bindparam("value")),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_column("search_text")
        batch_op.drop_column("moderation")

    op.drop_table("blocked_users")
    op.drop_table("app_state")
