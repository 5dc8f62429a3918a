"""A show continued after a restart picks up where it was: the same counts, curves, feed,
audit log and moderation, not zeros.

``load_show_so_far`` runs on the writer thread when the database is open and the show found
open (console.storage.writer.ResumedShow), before the source starts: it reads what the show
holds, puts the services back where they were (hidden counts, deleted comments, mutes, the
comment ban, the goods on screen) and returns what the window draws (``ShowSoFar``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select

from console.events import Comment
from console.jobs import Scope
from console.metrics import ShowMetrics
from console.review import load_metrics
from console.show import Arrival
from console.storage.models import CommentRecord
from console.storage.queries import audit_records
from console.storage.writer import AuditRecord, ResumedShow
from console.verdicts import CommentState, HiddenReason

if TYPE_CHECKING:
    from console.goods_service import GoodsService
    from console.moderation import ModerationService

RECENT_COMMENTS = 2000  # the newest comments the feed shows again
_DELETED = {CommentState.DELETED: Scope.PLATFORM, CommentState.DELETED_LOCAL: Scope.LOCAL}
_HIDDEN = {
    CommentState.HIDDEN_BLOCKED: HiddenReason.BLOCKED,
    CommentState.HIDDEN_MUTED: HiddenReason.MUTED,
    CommentState.HIDDEN_KEYWORD: HiddenReason.KEYWORD,
}
_DONE = ("ok", "local")  # audit results of actions that took effect


@dataclass(frozen=True, slots=True)
class ShowSoFar:
    """What a continued show held when the console started again."""

    show_id: int
    started_at: datetime
    clean: bool  # the console stopped cleanly last time (False: a crash)
    last_t: float  # show seconds of the newest stored event
    metrics: ShowMetrics
    recent: list[Arrival]  # the newest comments, oldest first, with their verdicts
    audits: list[AuditRecord]  # the show's audit log, oldest first


def load_show_so_far(
    engine: Engine,
    resumed: ResumedShow,
    moderation: ModerationService,
    goods: GoodsService,
    *,
    recent: int = RECENT_COMMENTS,
) -> ShowSoFar:
    show_id = resumed.show_id
    audits = audit_records(engine, show_id)
    with engine.connect() as conn:
        states = dict(
            conn.execute(
                select(CommentRecord.moderation, func.count())
                .where(CommentRecord.show_id == show_id, CommentRecord.moderation != "")
                .group_by(CommentRecord.moderation)
            ).all()
        )
        deleted_rows = conn.execute(
            select(CommentRecord.comment_id, CommentRecord.moderation).where(
                CommentRecord.show_id == show_id,
                CommentRecord.moderation.in_([s.value for s in _DELETED]),
            )
        ).all()
        c = CommentRecord
        newest = conn.execute(
            select(c.t, c.comment_id, c.user_id, c.nickname, c.text, c.moderation)
            .where(CommentRecord.show_id == show_id)
            .order_by(CommentRecord.t.desc(), CommentRecord.id.desc())
            .limit(recent)
        ).all()
    moderation.resume(
        hidden={r: states[s.value] for s, r in _HIDDEN.items() if states.get(s.value)},
        deleted={row[0]: _DELETED[CommentState(row[1])] for row in deleted_rows},
        audits=[a for a in audits if a.result in _DONE],
    )
    goods.resume_pushes([a for a in audits if a.action == "goods.push" and a.result in _DONE])
    arrivals = []
    for t, comment_id, user_id, nickname, text, state in reversed(newest):
        comment = Comment(t, comment_id, user_id, nickname, text)
        arrivals.append(Arrival(comment, moderation.stored_verdict(comment, state)))
    return ShowSoFar(
        show_id=show_id,
        started_at=resumed.started_at,
        clean=resumed.clean,
        last_t=resumed.last_t,
        metrics=load_metrics(engine, show_id),
        recent=arrivals,
        audits=audits,
    )
