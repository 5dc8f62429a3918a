"""lotteries, their entrants and winners

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 21:36:34.539134
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lotteries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("keyword", sa.String(length=64), nullable=False),
        sa.Column("prize", sa.String(length=100), nullable=False),
        sa.Column("winners", sa.Integer(), nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("commitment", sa.String(length=64), nullable=False),
        sa.Column("seed", sa.String(length=128), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("drawn_at", sa.DateTime(), nullable=True),
        sa.Column("operator", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["show_id"], ["shows.id"], name=op.f("fk_lotteries_show_id_shows"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lotteries")),
        sa.UniqueConstraint("show_id", "number", name=op.f("uq_lotteries_show_id")),
    )
    with op.batch_alter_table("lotteries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lotteries_show_id"), ["show_id"], unique=False)

    op.create_table(
        "lottery_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lottery_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("nickname", sa.String(length=64), nullable=False),
        sa.Column("t", sa.Float(), nullable=False),
        sa.Column("via", sa.String(length=128), nullable=False),
        sa.Column("excluded", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["lottery_id"],
            ["lotteries.id"],
            name=op.f("fk_lottery_entries_lottery_id_lotteries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lottery_entries")),
        sa.UniqueConstraint("lottery_id", "user_id", name=op.f("uq_lottery_entries_lottery_id")),
    )
    with op.batch_alter_table("lottery_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lottery_entries_lottery_id"), ["lottery_id"], unique=False
        )

    op.create_table(
        "lottery_winners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lottery_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("nickname", sa.String(length=64), nullable=False),
        sa.Column("forfeited", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lottery_id"],
            ["lotteries.id"],
            name=op.f("fk_lottery_winners_lottery_id_lotteries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lottery_winners")),
        sa.UniqueConstraint("lottery_id", "position", name=op.f("uq_lottery_winners_lottery_id")),
    )
    with op.batch_alter_table("lottery_winners", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lottery_winners_lottery_id"), ["lottery_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("lottery_winners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lottery_winners_lottery_id"))
    op.drop_table("lottery_winners")

    with op.batch_alter_table("lottery_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lottery_entries_lottery_id"))
    op.drop_table("lottery_entries")

    with op.batch_alter_table("lotteries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lotteries_show_id"))
    op.drop_table("lotteries")
