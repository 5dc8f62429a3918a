"""The rundown dock from the real widgets on the demo room: the template fills the table with
its total, GO (button and F9) puts segments on air and the audit log says so, the back-timer
turns amber then red on a clock the test moves, a failed cue shows red with its reason, and a
row dropped elsewhere reorders the segments."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.platforms.demo import DemoConnector, DemoSettings
from console.rundown.model import Cue, Rundown, Segment
from console.rundown.service import RundownService
from console.storage.models import AuditEntry
from ui.main_window import MainWindow
from ui.theme import colour


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def window(make_window: Callable[..., MainWindow], qtbot, clock: FakeClock) -> MainWindow:  # type: ignore[no-untyped-def]
    built = make_window(DemoConnector(DemoSettings(seed=3, comment_rate=5)))
    session = built.session
    # The same service as the session's, on a clock the test moves.
    session.rundown = RundownService(
        session.commands.submit, session.writer.execute, session.show.clock, clock
    )
    built.rundown.service = session.rundown
    qtbot.waitUntil(lambda: session.goods.loaded, timeout=10_000)
    return built


def rows(window: MainWindow) -> list[list[str]]:
    table = window.rundown_panel.table
    return [
        [table.topLevelItem(r).text(c) for c in range(table.columnCount())]
        for r in range(table.topLevelItemCount())
    ]


def audited(window: MainWindow) -> list[tuple[str, str]]:
    session = window.session
    assert session.writer.flush()
    with Session(session.engine) as db:
        entries = db.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.action, e.entry) for e in entries]


def test_go_runs_the_template_and_the_back_timers_turn_amber_then_red(
    window: MainWindow, qtbot, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    panel = window.rundown_panel
    assert not panel.go_button.isEnabled()  # nothing to run yet
    qtbot.mouseClick(panel.template_button, Qt.MouseButton.LeftButton)
    assert [r[1] for r in rows(window)] == [
        "暖场",
        "商品讲解 1",
        "商品讲解 2",
        "商品讲解 3",
        "互动 / 抽奖",
        "引导关注",
    ]
    assert panel.total_label.text() == "计划 37:00"
    qtbot.waitUntil(panel.go_button.isEnabled)
    assert "F9" in panel.go_button.text()

    qtbot.mouseClick(panel.go_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(window)[0][4] == "进行中")
    assert panel.segment_timer.text() == "05:00"
    assert panel.on_air_label.text() == "正在进行：1. 暖场"
    assert panel.next_label.text() == "下一段：商品讲解 1"
    bar = window.on_air_bar.segment_label  # the back-timer is on the on-air bar too
    qtbot.waitUntil(lambda: bar.isVisible() and bar.text() == "环节 1 暖场 · 剩 05:00")
    clock.now += 250  # 50 s left of 5 minutes
    qtbot.waitUntil(lambda: panel.segment_timer.text() == "00:50")
    assert panel.segment_timer.property("tone") == "warning"  # amber
    qtbot.waitUntil(lambda: bar.text() == "环节 1 暖场 · 剩 00:50")
    assert bar.property("tone") == "warning"
    clock.now += 80
    qtbot.waitUntil(lambda: panel.segment_timer.text() == "-00:30")
    assert panel.segment_timer.property("tone") == "error"  # red
    qtbot.waitUntil(lambda: bar.text() == "环节 1 暖场 · 超时 00:30")
    assert bar.property("tone") == "error"
    assert panel.over_label.text() == "超时 00:30" and panel.over_label.property("tone") == "error"

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F9)  # GO from the keyboard
    qtbot.waitUntil(lambda: rows(window)[1][4] == "进行中")
    assert rows(window)[0][4] == "已完成"
    clock.now += 60
    window.session.rundown.tick()  # the core ticker runs the session's first service
    qtbot.waitUntil(lambda: ("goods.push", "rundown") in audited(window))
    assert audited(window)[:2] == [("rundown.next", "button"), ("rundown.next", "shortcut")]
    qtbot.waitUntil(lambda: "✓" in panel.detail.toPlainText())  # the push at +1:00 is done


def test_a_failed_cue_shows_red_with_its_reason(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    rundown = Rundown("", (Segment("开场", 60, scene="主画面", talking_points=("欢迎",)),))
    window.rundown.load(rundown)
    qtbot.waitUntil(window.rundown_panel.go_button.isEnabled)
    qtbot.mouseClick(window.rundown_panel.go_button, Qt.MouseButton.LeftButton)
    detail = window.rundown_panel.detail
    qtbot.waitUntil(lambda: "失败" in detail.toPlainText())
    assert "obs.scene" in detail.toPlainText() and "OBS" in detail.toPlainText()
    assert colour("error").name() in detail.toHtml().lower()


def test_a_row_dropped_elsewhere_reorders_the_segments(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    segments = tuple(Segment(title, 60) for title in ("甲", "乙", "丙"))
    window.rundown.load(Rundown("", segments))
    table = window.rundown_panel.table
    qtbot.waitUntil(lambda: table.topLevelItemCount() == 3)
    table.setCurrentItem(table.topLevelItem(0))
    last = table.visualItemRect(table.topLevelItem(2))
    below_last = QPointF(last.center().x(), last.bottom() - 1)
    mime = QMimeData()
    drop = QDropEvent(
        below_last,
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    table.dropEvent(drop)
    qtbot.waitUntil(lambda: [r[1] for r in rows(window)] == ["乙", "丙", "甲"])
    rundown = window.session.rundown.rundown
    assert rundown is not None and [s.title for s in rundown.segments] == ["乙", "丙", "甲"]
    assert table.drop_row(QPoint(1, 1)) == 0


def test_cues_of_a_loaded_rundown_are_listed_in_the_detail_pane(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    rundown = Rundown(
        "",
        (Segment("讲解", 300, goods=(2,), cues=(Cue(180, "goods.push", {"number": 2}),)),),
    )
    window.rundown.load(rundown)
    text = window.rundown_panel.detail.toPlainText()
    assert "讲解" in text and "2号" in text and "+03:00" in text and "goods.push" in text


def test_the_dashboard_shows_each_segment_as_a_band(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    segments = tuple(Segment(title, 60) for title in ("暖场", "讲解"))
    window.rundown.load(Rundown("", segments))
    panel = window.rundown_panel
    qtbot.waitUntil(panel.go_button.isEnabled)
    qtbot.mouseClick(panel.go_button, Qt.MouseButton.LeftButton)
    bands = window.rundown.bands
    assert bands is not None
    qtbot.waitUntil(lambda: len(bands.bands) == 1)
    qtbot.waitUntil(lambda: window.session.show.clock() > 1)
    qtbot.mouseClick(panel.go_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(bands.bands) == 2)
    plots = window.dashboard_panel.plots
    assert all(len(regions) == len(plots) for regions in bands.bands)
    first, second = (regions[0].getRegion() for regions in bands.bands)
    assert first[1] == second[0]  # the first ended when the second started
    titles = [
        item.toPlainText()
        for regions in bands.bands
        for item in regions[0].childItems()
        if hasattr(item, "toPlainText")
    ]
    assert titles == ["1. 暖场", "2. 讲解"]
