"""A show continued after a restart starts where it stopped, not at zero.

A tester restarted the console mid-show (to change the language) and saw the comment count go
from 534 to 18, empty curves, a feed without the earlier comments, and the muted user
speaking again. Two sessions on one database, one after the other, as two starts are.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import create_engine, select

from console.commands import Entry
from console.events import Comment
from console.jobs import Outcome, Scope
from console.platforms.demo import DemoConnector, DemoSettings
from console.review import load_metrics
from console.session import LiveSession
from console.storage.models import CommentRecord
from console.verdicts import HiddenReason


def wait_for(condition: Callable[[], object], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def run(session: LiveSession, command: str, args: dict[str, Any] | None = None) -> Outcome:
    outcome = session.commands.submit(command, args, Entry.CONTROL_API, confirmed=True).result(10)
    assert outcome.ok, outcome
    return outcome


def demo(db_url: str, seed: int) -> LiveSession:
    return LiveSession(
        DemoConnector(DemoSettings(seed=seed, comment_rate=60)), db_url, operator="场控小王"
    )


def test_a_continued_show_has_its_counts_curves_feed_and_moderation(db_url: str) -> None:
    first = demo(db_url, seed=4)
    first.start()
    run(first, "rules.set", {"block": ["想要"], "highlight": ["好看"]})
    wait_for(lambda: first.goods.loaded and first.show.counters().received.get("comment", 0) > 30)
    comments = [a.event for a in first.show.drain() if isinstance(a.event, Comment)]
    noisy, deleted = comments[0], comments[1]
    run(first, "user.mute.10m", {"user_id": noisy.user_id})
    run(first, "comment.delete", {"comment_id": deleted.id})
    wait_for(lambda: first.show.counters().received["comment"] > 60)
    run(first, "goods.push.2")
    run(first, "room.ban_all")  # the demo room's viewers stop commenting
    hidden_before = first.moderation.hidden_counts()
    assert hidden_before[HiddenReason.KEYWORD] > 0
    show_id = first.writer.current_show_id
    assert first.stop()

    engine = create_engine(db_url)
    stored = load_metrics(engine, show_id)
    with engine.connect() as conn:
        newest = conn.execute(
            select(CommentRecord.comment_id)
            .where(CommentRecord.show_id == show_id)
            .order_by(CommentRecord.t.desc(), CommentRecord.id.desc())
            .limit(50)
        ).scalars()
        newest_ids = list(newest)[::-1]

    second = demo(db_url, seed=5)
    second.start()
    try:
        wait_for(second.ready.is_set)
        so_far = second.so_far
        assert so_far is not None and so_far.show_id == show_id and so_far.clean
        # The curves and tiles: everything stored, to the second.
        assert so_far.metrics.seconds == stored.seconds
        assert so_far.metrics.total_comments() == stored.total_comments() > 60
        assert so_far.metrics.total_likes() == stored.total_likes()
        assert list(so_far.metrics.online()) == list(stored.online())
        # The feed: the newest comments, oldest first, the deleted one marked as deleted.
        assert [a.event.id for a in so_far.recent][-50:] == newest_ids
        assert second.moderation.deleted_scope(deleted.id) is Scope.PLATFORM
        # Moderation goes on: the mute still runs, comments are still banned, the counts
        # of hidden comments go on from where they were.
        assert second.moderation.is_muted(noisy.user_id)
        assert second.moderation.banned_all
        assert second.moderation.hidden_counts() == hidden_before
        # The goods on the viewers' screens, and the audit log with it all.
        on_screen = second.goods.on_screen()
        assert on_screen is not None and on_screen.number == 2
        actions = [a.action for a in so_far.audits]
        assert {"user.mute", "comment.delete", "room.ban_all", "goods.push"} <= set(actions)
        # A comment from the muted user in the continued show is hidden as a muted one.
        later = Comment(second.show.clock() + 1, "new-1", noisy.user_id, noisy.nickname, "hi")
        assert second.moderation.classify(later).hidden is not None
    finally:
        second.stop()
