"""The comment feed: bounded ring, plain text, pause on hover, scroll-lock and catching up."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication

from console.events import Comment
from console.moderation import ModerationService
from console.show import Arrival
from helpers.connectors import ScriptedConnector
from ui.models.comment_model import COMMENT_ROLE, CommentListModel
from ui.panels.comment_panel import CommentPanel


def comments(start: int, count: int) -> list[Arrival]:
    return [
        Arrival(Comment(n / 10, f"c{n}", f"u{n % 9}", f"观众{n % 9}", f"第{n}条"))
        for n in range(start, start + count)
    ]


def make_panel(qtbot, capacity: int = 500) -> CommentPanel:
    moderation = ModerationService(ScriptedConnector(), None, operator="tester", clock=lambda: 0.0)
    panel = CommentPanel(CommentListModel(capacity=capacity), moderation)
    qtbot.addWidget(panel)
    panel.resize(400, 300)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def hover(panel: CommentPanel, inside: bool) -> None:
    viewport = panel.view.viewport()
    if inside:
        event = QEnterEvent(QPointF(10, 10), QPointF(10, 10), QPointF(10, 10))
    else:
        event = QEvent(QEvent.Type.Leave)
    QApplication.sendEvent(viewport, event)


def newest_text(panel: CommentPanel) -> str:
    model = panel.model
    return model.data(model.index(model.rowCount() - 1), COMMENT_ROLE).text


def test_model_passes_qt_model_checks(qtmodeltester) -> None:
    model = CommentListModel(capacity=50)
    model.append_batch(comments(0, 80))
    qtmodeltester.check(model)


def test_ring_keeps_the_newest_rows(qtbot) -> None:
    panel = make_panel(qtbot, capacity=100)
    panel.add_arrivals(comments(0, 70))
    panel.add_arrivals(comments(70, 70))
    assert panel.model.rowCount() == 100
    assert panel.model.comment_at(0).id == "c40"
    assert newest_text(panel) == "第139条"
    panel.add_arrivals(comments(1000, 250))  # a batch larger than the ring
    assert panel.model.rowCount() == 100 and newest_text(panel) == "第1249条"


def test_feed_follows_the_newest_comment(qtbot) -> None:
    panel = make_panel(qtbot)
    panel.add_arrivals(comments(0, 300))
    bar = panel.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    panel.add_arrivals(comments(300, 50))
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    assert not panel.paused


def test_hovering_pauses_and_the_jump_button_catches_up(qtbot) -> None:
    panel = make_panel(qtbot)
    panel.add_arrivals(comments(0, 100))
    hover(panel, True)
    assert panel.paused
    panel.add_arrivals(comments(100, 42))
    assert panel.model.rowCount() == 100  # held back while the operator points at a line
    assert panel.held_count == 42
    assert panel.jump_button.isVisible()
    assert "42" in panel.jump_button.text() and "新评论" in panel.jump_button.text()
    qtbot.mouseClick(panel.jump_button, Qt.MouseButton.LeftButton)
    assert not panel.paused
    assert panel.model.rowCount() == 142 and newest_text(panel) == "第141条"
    assert not panel.jump_button.isVisible()


def test_leaving_the_feed_resumes(qtbot) -> None:
    panel = make_panel(qtbot)
    hover(panel, True)
    panel.add_arrivals(comments(0, 5))
    assert panel.model.rowCount() == 0
    hover(panel, False)
    assert panel.model.rowCount() == 5 and not panel.paused


def test_scrolling_up_locks_the_feed(qtbot) -> None:
    panel = make_panel(qtbot)
    panel.add_arrivals(comments(0, 300))
    bar = panel.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    bar.setValue(0)
    assert panel.paused
    panel.add_arrivals(comments(300, 10))
    assert panel.model.rowCount() == 300 and panel.held_count == 10
    assert bar.value() == 0  # the operator's place is kept
    bar.setValue(bar.maximum())
    assert not panel.paused and panel.model.rowCount() == 310


def test_comment_text_is_plain_text(qtbot) -> None:
    panel = make_panel(qtbot)
    html = '<b>粗体</b><img src=x><a href="http://evil">点我</a>'
    panel.add_arrivals([Arrival(Comment(1, "c1", "u1", "<i>昵称</i>", html))])
    model = panel.model
    assert model.data(model.index(0)) == f"<i>昵称</i>：{html}"
    # The row is painted from the literal text: an image of it differs from an image of
    # the same row with the tags stripped (which is what rich-text rendering would show).
    plain = make_panel(qtbot)
    plain.add_arrivals([Arrival(Comment(1, "c1", "u1", "昵称", "粗体点我"))])
    qtbot.wait(50)
    rect = panel.view.visualRect(model.index(0))
    assert panel.view.viewport().grab(rect).toImage() != plain.view.viewport().grab(rect).toImage()
