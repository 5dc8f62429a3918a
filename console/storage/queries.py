"""Read-side queries. Run them off the GUI thread (a worker, the review command, tests)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from console.events import Comment
from console.storage.models import (
    AppState,
    AuditEntry,
    BlockedUser,
    CommentRecord,
    LikeRecord,
    RoomStatusRecord,
    Show,
    ViewerSample,
)
from console.textmatch import normalize

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


def load_blocklist(engine: Engine) -> dict[str, str]:
    """user_id -> nickname of every blocked user."""
    with engine.connect() as conn:
        rows = conn.execute(select(BlockedUser.user_id, BlockedUser.nickname))
        return {user_id: nickname for user_id, nickname in rows}


def load_app_state(engine: Engine, key: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(AppState.value).where(AppState.key == key)).scalar_one_or_none()


@dataclass(frozen=True, slots=True)
class StoredComment:
    """A comment as the database holds it, with its moderation state."""

    comment: Comment
    moderation: str


def _stored(rows: Iterable[CommentRecord]) -> list[StoredComment]:
    return [
        StoredComment(Comment(r.t, r.comment_id, r.user_id, r.nickname, r.text), r.moderation)
        for r in rows
    ]


def search_comments(
    engine: Engine, show_id: int, query: str, limit: int = 500
) -> list[StoredComment]:
    """Comments of a show whose nickname or text contains ``query`` (case/width-insensitive),
    newest first."""
    needle = normalize(query).strip()
    if not needle:
        return []
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    stmt = (
        select(CommentRecord)
        .where(
            CommentRecord.show_id == show_id,
            CommentRecord.search_text.like(f"%{escaped}%", escape="\\"),
        )
        .order_by(CommentRecord.t.desc(), CommentRecord.id.desc())
        .limit(limit)
    )
    with Session(engine) as session:
        return _stored(session.scalars(stmt))


def user_comments(
    engine: Engine, show_id: int, user_id: str, limit: int = 500
) -> list[StoredComment]:
    """A user's comments in a show, oldest first (the newest ``limit``)."""
    stmt = (
        select(CommentRecord)
        .where(CommentRecord.show_id == show_id, CommentRecord.user_id == user_id)
        .order_by(CommentRecord.t.desc(), CommentRecord.id.desc())
        .limit(limit)
    )
    with Session(engine) as session:
        return list(reversed(_stored(session.scalars(stmt))))


def audit_for_target(engine: Engine, target: str, limit: int = 200) -> list[AuditEntry]:
    """Audit entries about one target (a user id, a comment id …) in every show, newest first."""
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.target == target)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    with Session(engine) as session:
        return list(session.scalars(stmt))
