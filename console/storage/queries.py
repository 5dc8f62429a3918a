"""Read-side queries. Run them off the GUI thread (a worker, the review command, tests)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from console.events import Comment
from console.storage.models import (
    AppState,
    AuditEntry,
    BlockedUser,
    CommentRecord,
    LikeRecord,
    LotteryEntryRecord,
    LotteryRecord,
    LotteryWinnerRecord,
    RoomStatusRecord,
    Show,
    ViewerSample,
)
from console.storage.writer import AuditRecord
from console.textmatch import normalize

_EVENT_MODELS: dict[str, type[CommentRecord | LikeRecord | ViewerSample | RoomStatusRecord]] = {
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


def audit_records(engine: Engine, show_id: int) -> list[AuditRecord]:
    """A show's stored audit log as the records the job kernel wrote, oldest first."""
    return [
        AuditRecord(
            action=entry.action,
            target=entry.target,
            result=entry.result,
            operator=entry.operator,
            t=entry.t,
            detail=parse_detail(entry.detail),
            at=entry.at,
            entry=entry.entry,
            subject=entry.subject,
        )
        for entry in audit_entries(engine, show_id)
    ]


def parse_detail(text: str) -> dict[str, Any]:
    """An audit entry's stored detail (JSON); empty when it is not an object."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


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


@dataclass(frozen=True, slots=True)
class ShowSummary:
    show_id: int
    connector: str
    title: str
    started_at: datetime
    ended_at: datetime | None
    comments: int
    length_s: float


def list_shows(engine: Engine, limit: int = 200) -> list[ShowSummary]:
    """The newest shows first, with their comment count and length (last event time)."""
    comments = (
        select(
            CommentRecord.show_id, func.count().label("n"), func.max(CommentRecord.t).label("end")
        )
        .group_by(CommentRecord.show_id)
        .subquery()
    )
    viewers = (
        select(ViewerSample.show_id, func.max(ViewerSample.t).label("end"))
        .group_by(ViewerSample.show_id)
        .subquery()
    )
    stmt = (
        select(Show, comments.c.n, comments.c.end, viewers.c.end)
        .outerjoin(comments, comments.c.show_id == Show.id)
        .outerjoin(viewers, viewers.c.show_id == Show.id)
        .order_by(Show.id.desc())
        .limit(limit)
    )
    with Session(engine) as session:
        return [
            ShowSummary(
                show.id,
                show.connector,
                show.title,
                show.started_at,
                show.ended_at,
                int(n or 0),
                float(max(comment_end or 0, viewer_end or 0)),
            )
            for show, n, comment_end, viewer_end in session.execute(stmt)
        ]


@dataclass(frozen=True, slots=True)
class StoredLottery:
    """A lottery round as the database holds it: entrants in entry order, winners in draw order."""

    lottery: LotteryRecord
    entrants: list[LotteryEntryRecord]
    winners: list[LotteryWinnerRecord]


def load_lottery(engine: Engine, show_id: int, number: int) -> StoredLottery | None:
    """Lottery ``number`` of a show with its entrants and winners, or None."""
    with Session(engine) as session:
        lottery = session.scalars(
            select(LotteryRecord).where(
                LotteryRecord.show_id == show_id, LotteryRecord.number == number
            )
        ).one_or_none()
        if lottery is None:
            return None
        entrants = session.scalars(
            select(LotteryEntryRecord)
            .where(LotteryEntryRecord.lottery_id == lottery.id)
            .order_by(LotteryEntryRecord.id)
        )
        winners = session.scalars(
            select(LotteryWinnerRecord)
            .where(LotteryWinnerRecord.lottery_id == lottery.id)
            .order_by(LotteryWinnerRecord.position)
        )
        return StoredLottery(lottery, list(entrants), list(winners))


def show_lotteries(engine: Engine, show_id: int) -> list[LotteryRecord]:
    """The lottery rounds of a show, in number order."""
    stmt = (
        select(LotteryRecord).where(LotteryRecord.show_id == show_id).order_by(LotteryRecord.number)
    )
    with Session(engine) as session:
        return list(session.scalars(stmt))


def show_lottery_winners(engine: Engine, show_id: int) -> set[str]:
    """User ids who won a lottery of a show and did not forfeit the prize."""
    stmt = (
        select(LotteryWinnerRecord.user_id)
        .join(LotteryRecord, LotteryRecord.id == LotteryWinnerRecord.lottery_id)
        .where(LotteryRecord.show_id == show_id, LotteryWinnerRecord.forfeited.is_(False))
    )
    with engine.connect() as conn:
        return set(conn.execute(stmt).scalars())
