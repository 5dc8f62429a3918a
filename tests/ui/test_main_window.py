"""The main window on a real session: comments and curves follow the events; layout is kept."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from console.platforms.replay import ReplayConnector
from ui.main_window import MainWindow


def write_show(path: Path, comments: int = 40, seconds: int = 20) -> Path:
    lines = [{"t": 0, "type": "room", "status": "live"}]
    for s in range(seconds):
        lines.append({"t": s, "type": "viewers", "online": 100 + 10 * s, "total": 100 + 12 * s})
        lines.append({"t": s + 0.5, "type": "like", "user_id": f"u{s}", "count": 2})
    for n in range(comments):
        lines.append(
            {
                "t": n * seconds / comments,
                "type": "comment",
                "id": f"c{n}",
                "user_id": f"u{n}",
                "nickname": f"观众{n}",
                "text": f"评论{n}",
            }
        )
    lines.sort(key=lambda e: e["t"])
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in lines), encoding="utf-8")
    return path


def test_comments_and_curves_follow_the_events(make_window, qtbot, tmp_path: Path) -> None:
    window: MainWindow = make_window(ReplayConnector(write_show(tmp_path / "s.jsonl"), speed=0))
    qtbot.waitUntil(lambda: window.comment_model.rowCount() == 40, timeout=10_000)
    assert window.comment_model.comment_at(39).text == "评论39"
    viewers = window.dashboard_panel.viewers_curve
    likes = window.dashboard_panel.likes_curve
    # xData/yData are the curve's full data (getData() is what the current view shows).
    qtbot.waitUntil(lambda: viewers.yData is not None and len(viewers.yData) == 20, timeout=5000)
    qtbot.waitUntil(lambda: likes.yData is not None and likes.yData[-1] == 40, timeout=5000)
    assert list(viewers.yData[:3]) == [100, 110, 120] and viewers.yData[-1] == 290
    assert list(likes.yData[:2]) == [2, 4]
    qtbot.waitUntil(lambda: window.session.connector.finished)
    window.status.refresh()
    assert "评论 40" in window.status.counts_label.text()
    assert "点赞 40" in window.status.counts_label.text()
    assert "已结束" in window.status.connector_label.text()


def test_window_speaks_chinese(make_window, tmp_path: Path) -> None:
    window = make_window(ReplayConnector(write_show(tmp_path / "s.jsonl"), speed=0), start=False)
    assert "场控台" in window.windowTitle()
    assert window.comments_dock.windowTitle() == "评论"
    assert window.dashboard_dock.windowTitle() == "数据看板"


def test_dock_layout_is_saved_and_restored(make_window, qtbot, tmp_path: Path) -> None:
    show = write_show(tmp_path / "s.jsonl")
    first = make_window(ReplayConnector(show, speed=0), start=False)
    first.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, first.dashboard_dock)
    assert first.dockWidgetArea(first.dashboard_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    first.close()
    second = make_window(ReplayConnector(show, speed=0), start=False)
    assert second.dockWidgetArea(second.dashboard_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
