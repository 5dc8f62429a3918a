"""The review (复盘): numbers, CSV and HTML from a stored show, checked against what was fed in."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from console.commands import Entry
from console.events import Comment, Like
from console.lottery.model import announcement_text
from console.review import (
    build_report,
    latest_show_id,
    markers_from_audit,
    write_csv_files,
    write_html,
)
from console.session import LiveSession
from console.storage.database import create_db_engine
from console.storage.writer import AuditRecord
from helpers.connectors import ScriptedConnector
from helpers.shows import QUESTION_TEXTS, KnownShow


@pytest.fixture
def known(db_url: str) -> tuple[KnownShow, int]:
    show = KnownShow().build()
    return show, show.store(db_url)


def test_report_numbers_match_the_show(known, db_url: str) -> None:
    show, show_id = known
    engine = create_db_engine(db_url)
    assert latest_show_id(engine) == show_id
    report = build_report(engine, show_id)
    comments = show.comments()
    assert report.length_s == 600
    assert report.metrics.peak_online() == (show.online_at(599), 590)  # first second at 159
    expected_average = sum(show.online_at(s) for s in range(600)) / 600
    assert report.average_online == pytest.approx(expected_average)
    assert report.metrics.total_likes() == 2 * 200
    assert report.metrics.total_comments() == len(comments)
    assert report.comments_per_minute == pytest.approx(len(comments) / 10)
    assert report.questions == sum(c.text in QUESTION_TEXTS for c in comments)
    assert report.moderation == {"user.mute": 4, "comment.delete": 1}


def test_goods_push_effect_compares_five_minutes_before_and_after(known, db_url: str) -> None:
    show, show_id = known
    report = build_report(create_db_engine(db_url), show_id)
    [push] = report.pushes  # the failed push is not counted
    assert push.goods == "3号 氨基酸洁面乳<script>"
    before = [c for c in show.comments() if 0 <= c.t < 120]
    after = [c for c in show.comments() if 120 <= c.t < 420]
    assert (push.comments_before, push.comments_after) == (len(before), len(after))
    assert push.viewers_before == pytest.approx(sum(show.online_at(s) for s in range(120)) / 120)
    assert push.viewers_after == pytest.approx(
        sum(show.online_at(s) for s in range(120, 420)) / 300
    )


def test_lotteries_and_markers(known, db_url: str) -> None:
    _show, show_id = known
    report = build_report(create_db_engine(db_url), show_id)
    [lottery] = report.lotteries
    assert (lottery.prize, lottery.entrants, lottery.winners) == ("蓝牙耳机", 42, ("小鹿", "阿杰"))
    kinds = [(m.kind, m.t) for m in report.markers]
    assert kinds == [
        ("goods.push", 120.0),
        ("lottery.open", 300.0),
        ("lottery.draw", 360.0),
        ("moderation", 400.0),  # four mutes within 30 s make one burst
    ]


def test_comment_bans_the_stream_and_its_breaks_are_markers_of_their_own() -> None:
    """Not part of a moderation burst; a failed action makes no marker; older shows audited
    allowing comments again as room.ban_all with banned: false."""
    records = [
        AuditRecord("room.ban_all", "", "ok", "场控", t=10.0, detail={"banned": True}),
        AuditRecord("room.unban_all", "", "ok", "场控", t=12.0, detail={"banned": False}),
        AuditRecord("room.ban_all", "", "ok", "场控", t=14.0, detail={"banned": False}),
        AuditRecord("obs.stream.start", "", "ok", "场控", t=20.0),
        AuditRecord("obs.stream.stop", "", "error", "场控", t=30.0),
        AuditRecord("obs.stream.dropped", "", "ok", "场控", t=40.0, entry="auto"),
        AuditRecord("obs.connection.lost", "", "ok", "场控", t=41.0, entry="auto"),
        AuditRecord("obs.stream.stop", "", "ok", "场控", t=50.0),
    ]
    assert [(m.kind, m.t) for m in markers_from_audit(records)] == [
        ("room.ban_all", 10.0),
        ("room.unban_all", 12.0),
        ("room.unban_all", 14.0),
        ("obs.stream.start", 20.0),
        ("obs.stream.dropped", 40.0),
        ("obs.connection.lost", 41.0),
        ("obs.stream.stop", 50.0),
    ]


def test_csv_and_html_files(known, db_url: str, tmp_path: Path) -> None:
    show, show_id = known
    report = build_report(create_db_engine(db_url), show_id)
    files = write_csv_files(report, tmp_path)
    assert {f.name for f in files} == {
        "summary.csv",
        "timeline.csv",
        "pushes.csv",
        "lotteries.csv",
        "moderation.csv",
    }
    with (tmp_path / "timeline.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 600
    assert int(rows[590]["online"]) == show.online_at(590)
    assert sum(int(r["comments"]) for r in rows) == len(show.comments())
    with (tmp_path / "summary.csv").open(encoding="utf-8-sig") as handle:
        summary = dict(csv.reader(handle))
    assert summary["comments"] == str(len(show.comments()))
    assert summary["peak_online"] == str(show.online_at(599))
    html = write_html(report, tmp_path, {"在线": "chart1.png"}).read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html  # goods names are escaped
    assert 'src="chart1.png"' in html and "蓝牙耳机" in html and "小鹿" in html


def test_unknown_show_is_a_clear_error(db_url: str) -> None:
    engine = create_db_engine(db_url)
    KnownShow(seconds=10).build().store(db_url)
    with pytest.raises(LookupError, match="no show 99"):
        build_report(engine, 99)


def test_after_a_reroll_the_review_names_the_replacement_by_nickname(
    db_url: str, tmp_path: Path
) -> None:
    """A like lottery with a winner who did not claim the prize: the review lists the final
    winners, by nickname, also for a viewer who liked before ever commenting."""
    session = LiveSession(ScriptedConnector(), db_url, operator="场控小王")
    session.start()
    assert session.ready.wait(10)
    try:
        commands = session.commands

        def run(command: str, args: dict[str, object] | None = None) -> None:
            outcome = commands.submit(command, args, Entry.BUTTON).result(10)
            assert outcome.ok, outcome.message

        run("lottery.create", {"kind": "like", "prize": "优惠券", "winners": 2, "countdown": 0})
        run("lottery.open")
        for n in range(1, 6):
            session.show.ingest(Like(float(n), f"u{n}", 1))
        for n in range(1, 6):  # they comment only after liking: the entry has no nickname
            session.show.ingest(Comment(10.0 + n, f"c{n}", f"u{n}", f"观众{n}号", "好"))
        run("lottery.draw")
        first, second = (w.user_id for w in session.lottery.current().winners)  # type: ignore[union-attr]
        run("lottery.reroll", {"position": 1})
        view = session.lottery.current()
        assert view is not None
        replacement = view.winners[-1].user_id
        assert replacement not in (first, second)
        assert session.writer.flush()
        report = build_report(session.engine, session.writer.show_id())
    finally:
        session.stop()
    [lottery] = report.lotteries
    expected = [f"观众{user[1:]}号" for user in (second, replacement)]
    assert list(lottery.winners) == expected  # the replaced winner is gone
    assert announcement_text("{winners}", view) == f"1. {expected[0]} 2. {expected[1]}"
    # What the operator reads: the exported review and its lotteries table.
    html = write_html(report, tmp_path, {}).read_text(encoding="utf-8")
    write_csv_files(report, tmp_path)
    table = (tmp_path / "lotteries.csv").read_text(encoding="utf-8-sig")
    replaced = f"观众{first[1:]}号"
    for text in (html, table):
        assert all(name in text for name in expected) and replaced not in text
