"""rundowns and rundown_segment_runs: a show's rundown (直播脚本) and how its segments ran

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 21:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rundowns",
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["show_id"], ["shows.id"], name=op.f("fk_rundowns_show_id_shows"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("show_id", name=op.f("pk_rundowns")),
    )
    op.create_table(
        "rundown_segment_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("run", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("planned_s", sa.Float(), nullable=False),
        sa.Column("t", sa.Float(), nullable=False),
        sa.Column("started_s", sa.Float(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("ended_t", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["show_id"],
            ["shows.id"],
            name=op.f("fk_rundown_segment_runs_show_id_shows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rundown_segment_runs")),
        sa.UniqueConstraint("show_id", "run", name=op.f("uq_rundown_segment_runs_show_id")),
    )
    op.create_index(
        op.f("ix_rundown_segment_runs_show_id"), "rundown_segment_runs", ["show_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_rundown_segment_runs_show_id"), table_name="rundown_segment_runs")
    op.drop_table("rundown_segment_runs")
    op.drop_table("rundowns")
