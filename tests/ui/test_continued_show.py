"""A restarted console shows the show it continues: its banner, counts, curves and feed.

A tester restarted mid-show and saw 评论 534 become 18 and the charts start empty, with
nothing saying it was the same show. A first session stops (cleanly, or "crashed": the
database says it never stopped), then a window opens on the same database.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import create_engine, text

from console.platforms.demo import DemoConnector, DemoSettings
from console.session import LiveSession
from helpers.ui import answer


def run_a_while(db_url: str, comments: int) -> int:
    """A show that received ``comments`` comments, left open; its id."""
    first = LiveSession(DemoConnector(DemoSettings(seed=8, comment_rate=80)), db_url)
    first.start()
    deadline = time.monotonic() + 20
    while first.show.counters().received.get("comment", 0) < comments:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    show_id = first.writer.current_show_id
    assert show_id is not None and first.stop()
    return show_id


def test_the_window_draws_the_whole_show_it_continues(make_window, qtbot, tmp_path: Path) -> None:
    db_url = f"sqlite:///{(tmp_path / 'ui.db').as_posix()}"  # make_window's database
    show_id = run_a_while(db_url, comments=120)
    with create_engine(db_url).connect() as conn:
        stored = conn.execute(text("select count(*) from comments")).scalar_one()
        likes = conn.execute(text("select sum(count) from likes")).scalar_one()

    window = make_window(DemoConnector(DemoSettings(seed=9, comment_rate=5)))
    banner = window.continued_banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert f"继续第 {show_id} 场" in banner.text_label.text()
    # Counts, tiles and curves go on from the stored show, not from zero.
    assert window.metrics.total_comments() >= stored
    assert window.metrics.total_likes() >= likes
    window.status.refresh()
    counted = re.search(r"评论 ([\d,]+)", window.status.counts_label.text())
    assert counted is not None and int(counted.group(1).replace(",", "")) >= stored
    window.dashboard_panel.refresh()
    shown = int(window.dashboard_panel.tiles["comments"].value.text().replace(",", ""))
    assert shown >= stored
    assert window.dashboard_panel.metrics.seconds >= 1  # the curves have the earlier part
    # The feed shows the earlier comments again.
    assert window.comment_model.rowCount() >= min(stored, 2000)


def test_after_a_crash_the_banner_says_so_and_a_new_show_can_be_started(
    make_window, qtbot, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{(tmp_path / 'ui.db').as_posix()}"
    show_id = run_a_while(db_url, comments=20)
    with create_engine(db_url).begin() as conn:  # what a kill -9 leaves: never stopped
        conn.execute(text("update shows set stopped_at = null"))

    window = make_window(DemoConnector(DemoSettings(seed=9, comment_rate=5)))
    banner = window.continued_banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert "没有正常退出" in banner.text_label.text()

    qtbot.mouseClick(banner.new_show_button, Qt.MouseButton.LeftButton)
    box = answer(window, qtbot)  # it ends this show: it asks first
    assert "开始新的一场" in box.text()
    qtbot.waitUntil(lambda: window.session.new_show_wanted, timeout=5000)
    assert window.session.show_ended
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert window.session.stop()
    with create_engine(db_url).connect() as conn:
        ended = conn.execute(text("select ended_at from shows where id = :i"), {"i": show_id})
        assert ended.scalar_one() is not None
