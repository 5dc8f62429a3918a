"""Read-side queries. Run them off the GUI thread (a worker, the review command, tests)."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from console.storage.models import (
    AuditEntry,
    CommentRecord,
    LikeRecord,
    RoomStatusRecord,
    Show,
    ViewerSample,
)

_EVENT_MODELS = {
    "comment": CommentRecord,
    "like": LikeRecord,
    "viewers": ViewerSample,
    "room": RoomStatusRecord,
}


def stored_counts(engine: Engine, show_id: int) -> dict[str, int]:
    """How many events of each type the database holds for a show."""
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for kind, model in _EVENT_MODELS.items():
            stmt = select(func.count()).select_from(model).where(model.show_id == show_id)
            counts[kind] = int(conn.execute(stmt).scalar_one())
    return counts


def audit_entries(engine: Engine, show_id: int) -> list[AuditEntry]:
    with Session(engine) as session:
        stmt = select(AuditEntry).where(AuditEntry.show_id == show_id).order_by(AuditEntry.id)
        return list(session.scalars(stmt))


def get_show(engine: Engine, show_id: int) -> Show | None:
    with Session(engine) as session:
        return session.get(Show, show_id)
