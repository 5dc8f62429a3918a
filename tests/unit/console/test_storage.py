"""Storage: migrations, the batched writer, round trips and duplicate comment ids."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from console.events import Comment, Like, RoomStatus, Viewers
from console.show import LiveShow
from console.storage.database import create_db_engine, migrate, open_database
from console.storage.faults import StorageFault
from console.storage.models import Base, CommentRecord, Show
from console.storage.queries import audit_entries, get_show, stored_counts
from console.storage.writer import AuditRecord, ShowInfo, StorageWriter


def comment(n: int, t: float = 1.0, cid: str | None = None) -> Comment:
    return Comment(t, cid or f"c{n}", f"u{n % 7}", f"观众{n % 7}", f"第{n}条评论")


def test_migrations_build_exactly_the_models(db_url: str) -> None:
    engine = open_database(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert {"shows", "comments", "likes", "viewer_samples", "room_events", "audit_entries"} <= set(
        inspect(engine).get_table_names()
    )


def test_migrating_twice_is_harmless(db_url: str) -> None:
    engine = create_db_engine(db_url)
    migrate(engine)
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar_one()


def test_sqlite_runs_in_wal_mode(db_url: str) -> None:
    engine = open_database(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"


def test_writer_round_trip(db_url: str) -> None:
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("demo", "demo room seed=1", "春季上新"))
    writer.start()
    events = [RoomStatus(0, "live"), Viewers(1, 100, 120), comment(1), Like(1.2, "u1", 5)]
    for event in events:
        writer.add(event)
    writer.audit(
        AuditRecord("comment.delete", "c1", "ok", operator="场控", t=1.3, detail={"why": "广告"})
    )
    assert writer.close()
    show_id = writer.show_id()
    assert stored_counts(engine, show_id) == {"comment": 1, "like": 1, "viewers": 1, "room": 1}
    show = get_show(engine, show_id)
    assert show is not None and show.title == "春季上新" and show.ended_at is not None
    assert show.ended_at >= show.started_at
    [entry] = audit_entries(engine, show_id)
    assert (entry.action, entry.target, entry.result, entry.operator) == (
        "comment.delete",
        "c1",
        "ok",
        "场控",
    )
    assert '"广告"' in entry.detail
    with Session(engine) as session:
        row = session.scalars(select(CommentRecord)).one()
    assert (row.comment_id, row.nickname, row.text, row.t) == ("c1", "观众1", "第1条评论", 1.0)


def test_writes_are_batched(db_url: str) -> None:
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("demo"), batch_window=0.2)
    writer.start()
    writer.show_id()
    for n in range(20_000):
        writer.add(comment(n))
    assert writer.flush(timeout=30)
    assert writer.batches <= 10  # 20,000 rows in a handful of transactions, not 20,000
    assert writer.close()
    assert stored_counts(engine, writer.show_id())["comment"] == 20_000


def test_duplicate_comment_ids_are_stored_once(db_url: str) -> None:
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("replay"))
    show = LiveShow(writer)
    writer.start()
    assert show.ingest(comment(1)) is True
    assert show.ingest(comment(1, t=9)) is False  # same id again: ignored
    writer.add(comment(1, t=10))  # even if it reaches the writer, the database keeps one
    assert writer.close()
    assert stored_counts(engine, writer.show_id())["comment"] == 1
    counters = show.counters()
    assert counters.received == {"comment": 1} and counters.duplicates == 1


def test_each_run_is_its_own_show(db_url: str) -> None:
    engine = create_db_engine(db_url)
    ids = []
    for _ in range(2):
        writer = StorageWriter(engine, ShowInfo("demo"))
        writer.start()
        writer.add(comment(1))  # same comment id in two shows is fine
        assert writer.close()
        ids.append(writer.show_id())
    assert ids[0] != ids[1]
    assert all(stored_counts(engine, i)["comment"] == 1 for i in ids)
    with engine.connect() as conn:
        assert conn.execute(select(Show.id)).all() == [(ids[0],), (ids[1],)]


def test_a_failed_commit_is_retried_without_losing_the_batch(db_url: str, tmp_path: Path) -> None:
    engine = create_db_engine(db_url)
    errors: list[StorageFault | None] = []
    writer = StorageWriter(engine, ShowInfo("demo"), on_fault=errors.append)
    writer.start()
    writer.show_id()
    blocker = engine.connect()
    blocker.execute(text("PRAGMA busy_timeout=0"))
    blocker.execute(text("BEGIN EXCLUSIVE"))  # another program holds the database
    writer.add(comment(1))
    # The writer waits out SQLite's 5 s busy timeout, fails, reports, and keeps the batch.
    deadline_ok = not writer.flush(timeout=6)
    blocker.execute(text("ROLLBACK"))
    blocker.close()
    assert writer.flush(timeout=15)
    assert writer.close()
    assert stored_counts(engine, writer.show_id())["comment"] == 1
    assert deadline_ok and errors  # the failure was reported while it lasted


def test_a_show_left_open_by_a_crash_is_continued(db_url: str) -> None:
    engine = create_db_engine(db_url)
    crashed = StorageWriter(engine, ShowInfo("demo", resumable=True))
    crashed.start()
    for n in range(5):
        crashed.add(comment(n, t=10.0 + n))
    assert crashed.flush()  # ... and the process dies here: the show is never closed

    again = StorageWriter(engine, ShowInfo("demo", resumable=True))
    show = LiveShow(again)
    again.start()
    assert again.show_id() == crashed.show_id()
    assert again.resumed is not None and again.resumed.last_t == 14.0
    assert again.resumed.comment_ids == tuple(f"c{n}" for n in range(5))  # oldest first
    assert not again.resumed.clean  # nothing said the console stopped: a crash
    resumed = again.resumed
    show.resume(resumed.comment_ids, resumed.last_t, resumed.received)
    assert show.counters().received["comment"] == 5  # the counts go on from the stored ones
    assert show.ingest(comment(4, t=1.0)) is False  # already stored before the crash
    assert show.ingest(comment(5, t=1.0)) is True
    assert again.close()
    with Session(engine) as session:
        rows = session.scalars(select(CommentRecord).order_by(CommentRecord.t)).all()
    assert [r.comment_id for r in rows] == ["c0", "c1", "c2", "c3", "c4", "c5"]
    assert rows[-1].t == 15.0  # the restarted clock continues after the stored events


def test_a_clean_stop_leaves_the_show_open_and_the_next_start_continues_it(db_url: str) -> None:
    engine = create_db_engine(db_url)
    first = StorageWriter(engine, ShowInfo("demo", resumable=True))
    first.start()
    for n in range(3):
        first.add(comment(n, t=5.0 + n))
    assert first.close(end_show=False)  # e.g. a restart to change the language
    with engine.connect() as conn:
        ended, stopped = conn.execute(text("select ended_at, stopped_at from shows")).one()
    assert ended is None and stopped is not None

    second = StorageWriter(engine, ShowInfo("demo", resumable=True))
    second.start()
    assert second.show_id() == first.show_id()
    assert second.resumed is not None and second.resumed.clean
    assert second.resumed.received == {"comment": 3, "like": 0, "viewers": 0, "room": 0}
    assert second.close()  # the operator ended it this time
    with engine.connect() as conn:
        ended, stopped = conn.execute(text("select ended_at, stopped_at from shows")).one()
    assert ended is not None and stopped is None  # running again cleared the clean stop


def test_a_replay_or_another_connector_starts_a_new_show(db_url: str) -> None:
    engine = create_db_engine(db_url)
    crashed = StorageWriter(engine, ShowInfo("demo", resumable=True))
    crashed.start()
    crashed.show_id()
    replay = StorageWriter(engine, ShowInfo("replay", resumable=False))
    replay.start()
    assert replay.show_id() != crashed.show_id() and replay.resumed is None
    assert replay.close()
    with engine.connect() as conn:
        open_shows = conn.execute(
            text("select count(*) from shows where ended_at is null")
        ).scalar_one()
    assert open_shows == 0  # the crashed demo show was closed when the replay started


def test_a_large_batch_is_stored_whole_with_repeated_ids_once(db_url: str) -> None:
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("demo"), batch_window=0.5)
    writer.start()
    writer.show_id()
    for n in range(1234):  # several multi-row statements in one batch; ids repeat
        writer.add(comment(n % 700))
        writer.add(Like(float(n), f"u{n}", 1))
    assert writer.close()
    counts = stored_counts(engine, writer.show_id())
    assert (counts["comment"], counts["like"]) == (700, 1234)
    with engine.connect() as conn:
        texts = conn.execute(text("select text from comments order by id")).scalars().all()
    assert texts == [f"第{n}条评论" for n in range(700)]
