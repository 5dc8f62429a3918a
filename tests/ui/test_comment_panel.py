"""The comment feed: bounded ring, plain text, pausing on the operator's intent (the pointer
moving over it, scrolling up, a selection), catching up, and what a flood looks like."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QWidget,
)

from console.events import Comment
from console.moderation import ModerationService
from console.platforms.demo import DemoConnector, DemoSettings
from console.show import Arrival
from console.verdicts import Verdict
from helpers.connectors import ScriptedConnector
from ui.models.comment_model import COMMENT_ROLE, DEFAULT_CAPACITY, CommentListModel
from ui.panels.comment_delegate import CommentDelegate
from ui.panels.comment_panel import CommentPanel
from ui.panels.comment_view import CommentView
from ui.theme import colour

PARKED = QPoint(5000, 5000)  # off every screen (tests/ui/conftest.py parks the pointer there)


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


@pytest.fixture
def parked_afterwards() -> Iterator[None]:
    """A test that puts the pointer on a widget parks it again, off-screen, when it ends."""
    yield
    QCursor.setPos(PARKED)
    QApplication.processEvents()


def point_at(panel: CommentPanel, position: QPoint) -> None:
    """The operator moves the pointer to ``position`` on the feed (or away from it)."""
    QCursor.setPos(panel.view.viewport().mapToGlobal(position))
    QApplication.processEvents()


def open_under_the_pointer(qtbot, panel: CommentPanel) -> QPoint:
    """Open the feed's window again where the pointer already rests, on the middle of the feed,
    as when the console starts under a pointer nobody moves; returns that point."""
    viewport = panel.view.viewport()
    middle = viewport.rect().center()
    panel.hide()
    QCursor.setPos(viewport.mapToGlobal(middle))
    panel.show()
    qtbot.waitExposed(panel)
    QApplication.processEvents()
    assert viewport.underMouse()
    return middle


def ink_in_bands(image: QImage, band: int) -> list[int]:
    """How many pixels differ from the background (the most common colour) in each horizontal
    band of ``band`` pixels: a band crossing a painted row holds the row's text."""
    ground = Counter(
        image.pixel(x, y) for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
    ).most_common(1)[0][0]
    return [
        sum(
            image.pixel(x, y) != ground
            for y in range(top, min(top + band, image.height()))
            for x in range(0, image.width(), 2)
        )
        for top in range(0, image.height() - band + 1, band)
    ]


def on_screen(widget: QWidget) -> QImage:
    """What the window shows of ``widget`` now: its pixels in the window's backing store (a
    widget's grab() paints it afresh, which hides pixels left over from a scroll)."""
    QApplication.processEvents()
    corner = widget.mapTo(widget.window(), QPoint(0, 0))
    window = widget.window().winId()
    shot = widget.screen().grabWindow(
        window, corner.x(), corner.y(), widget.width(), widget.height()
    )
    return shot.toImage()


def rows_with_buttons(panel: CommentPanel, image: QImage) -> list[int]:
    """The rows fully in sight whose inline buttons ``image`` (the viewport) shows."""
    view, viewport = panel.view, panel.view.viewport()
    rows = []
    for y in range(0, viewport.height(), 4):
        index = view.indexAt(QPoint(5, y))
        rect = view.visualRect(index)
        if not index.isValid() or rect.top() < 0 or rect.bottom() >= viewport.height():
            continue
        if rows and rows[-1] == index.row():
            continue
        geometry = panel.delegate.geometry(rect, view.fontMetrics(), index, buttons=True)
        button = geometry.buttons["delete"]
        if image.pixelColor(button.left() + 4, button.center().y()) == colour("rowButton"):
            rows.append(index.row())
    return rows


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


def test_moving_the_pointer_on_the_feed_pauses_it_and_leaving_catches_up(
    qtbot, parked_afterwards
) -> None:
    panel = make_panel(qtbot)
    panel.add_arrivals(comments(0, 100))
    point_at(panel, QPoint(20, 20))
    point_at(panel, QPoint(30, 24))
    assert panel.paused
    panel.add_arrivals(comments(100, 42))
    assert panel.model.rowCount() == 100  # held back while the operator points at a line
    assert panel.held_count == 42
    assert panel.jump_button.isVisible()
    assert "42" in panel.jump_button.text() and "新评论" in panel.jump_button.text()
    QCursor.setPos(PARKED)
    QApplication.processEvents()
    assert not panel.paused
    assert panel.model.rowCount() == 142 and newest_text(panel) == "第141条"
    assert not panel.jump_button.isVisible()


def test_a_pause_that_begins_with_a_click_moves_nothing_before_the_release(qtbot) -> None:
    """A press on a line is intent too, but the jump button appears on the release: showing
    it lays the panel out again, and a row that moves between press and release is missed."""
    panel = make_panel(qtbot)
    panel.add_arrivals(comments(0, 50))
    bar = panel.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    viewport = panel.view.viewport()
    size = viewport.size()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    assert panel.paused
    QApplication.processEvents()
    assert not panel.jump_button.isVisible() and viewport.size() == size
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    assert panel.jump_button.isVisible()


def test_a_pointer_resting_on_the_feed_at_start_up_does_not_pause_it(
    qtbot, parked_afterwards
) -> None:
    """Only the operator's intent pauses the feed: a pointer that was on it when the window
    opened is not the operator reading; moving it is."""
    panel = make_panel(qtbot)
    resting = open_under_the_pointer(qtbot, panel)
    panel.add_arrivals(comments(0, 300))
    assert not panel.paused and panel.model.rowCount() == 300
    bar = panel.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    panel.add_arrivals(comments(300, 20))
    assert panel.model.rowCount() == 320 and newest_text(panel) == "第319条"
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())

    qtbot.mouseMove(panel.view.viewport(), resting + QPoint(3, 6))
    assert panel.paused
    panel.add_arrivals(comments(320, 5))
    assert panel.model.rowCount() == 320 and panel.held_count == 5


def test_selecting_a_comment_with_the_keyboard_pauses_the_feed(qtbot) -> None:
    panel = make_panel(qtbot)
    panel.add_arrivals(comments(0, 50))
    panel.activateWindow()
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    assert not panel.paused  # the focus alone is no selection
    qtbot.keyClick(panel.view, Qt.Key.Key_End)
    assert panel.current_comment() is not None and panel.current_comment().id == "c49"
    assert panel.paused
    panel.add_arrivals(comments(50, 7))
    assert panel.held_count == 7 and panel.current_comment().id == "c49"
    qtbot.mouseClick(panel.jump_button, Qt.MouseButton.LeftButton)
    assert not panel.paused and panel.model.rowCount() == 57


def test_the_feed_never_shows_an_empty_frame_while_following_a_flood(qtbot) -> None:
    """3,000 comments/s reach the feed as 150 every 50 ms (the window's drain); the ring fills
    and then loses its oldest rows with every batch. Frames are grabbed right after a batch and
    after one or two turns of the event loop: each must show rows from top to bottom."""
    panel = make_panel(qtbot, capacity=DEFAULT_CAPACITY)
    view, viewport = panel.view, panel.view.viewport()
    sent = 0
    for frame in range(60):
        panel.add_arrivals(comments(sent, 150))
        sent += 150
        for _turn in range(frame % 3):
            QApplication.processEvents()
        image = viewport.grab().toImage()
        empty = [band for band, ink in enumerate(ink_in_bands(image, 24)) if ink == 0]
        assert empty == [], f"frame {frame}: bands {empty} of the feed are blank"
        for y in (2, viewport.height() // 2, viewport.height() - 3):
            index = view.indexAt(QPoint(10, y))
            assert index.isValid(), f"frame {frame}: no row at y={y}"
            assert view.visualRect(index).intersects(viewport.rect())
    assert not panel.paused and panel.model.rowCount() == DEFAULT_CAPACITY
    assert newest_text(panel) == f"第{sent - 1}条"


def qt_table_like(view: CommentView) -> QTableView:
    """A plain QTableView set up as ``view`` is, on its model, with its kind of delegate:
    Qt's own painting of the same rows."""
    table = QTableView()
    table.setModel(view.model())
    table.setItemDelegate(CommentDelegate(view.delegate._moderation, table))
    table.horizontalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setMinimumSectionSize(1)
    rows.setDefaultSectionSize(view.verticalHeader().defaultSectionSize())
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


def test_the_feed_draws_its_rows_as_qts_table_would(qtbot) -> None:
    """Comment lists paint their visible rows themselves, in one Python call a frame (in a
    flood the GUI thread waited for the GIL once per row when Qt called the delegate): they
    must show what Qt's table shows — questions, highlights, a muted user's badge, a deleted
    comment, the selected row, with and without the keyboard focus."""
    moderation = ModerationService(ScriptedConnector(), None, operator="tester", clock=lambda: 0.0)
    model = CommentListModel(capacity=500)
    rows = [
        Arrival(
            Comment(n / 10, f"c{n}", f"u{n % 5}", f"观众{n % 5}", f"第{n}条 多少钱" * (1 + n % 3)),
            Verdict(None, n % 3 == 0, n % 7 == 0),
        )
        for n in range(40)
    ]
    model.append_batch(rows)
    moderation.mute_user("u3", "观众3", 600)
    moderation.delete_comment(rows[36].event)
    side_by_side = QWidget()
    qtbot.addWidget(side_by_side)
    view = CommentView(model, moderation)
    table = qt_table_like(view)
    layout = QHBoxLayout(side_by_side)
    layout.addWidget(view)
    layout.addWidget(table)
    side_by_side.resize(900, 400)
    side_by_side.show()
    qtbot.waitExposed(side_by_side)
    for widget in (view, table):
        widget.setCurrentIndex(model.index(37, 0))
        widget.scrollToBottom()
    QApplication.processEvents()
    assert table.viewport().size() == view.viewport().size()
    assert view.viewport().grab().toImage() == table.viewport().grab().toImage()
    view.setFocus()
    QApplication.processEvents()
    ours = view.viewport().grab().toImage()
    table.setFocus()
    QApplication.processEvents()
    assert ours == table.viewport().grab().toImage()


def test_the_window_feed_shows_rows_in_every_frame_of_a_flood(make_window, qtbot) -> None:
    """The whole console under a demo flood (5,000 comments/s): what the window shows of the
    feed (its backing store, as the screen got it) has rows from top to bottom whenever it
    is looked at."""
    window = make_window(DemoConnector(DemoSettings(seed=5, comment_rate=5000)))
    panel = window.comment_panel
    viewport = panel.view.viewport()
    qtbot.waitUntil(lambda: panel.model.rowCount() == DEFAULT_CAPACITY, timeout=20_000)
    for frame in range(40):
        qtbot.wait(37)  # out of step with the 50 ms drain: frames at every point of it
        assert not panel.paused
        empty = [band for band, ink in enumerate(ink_in_bands(on_screen(viewport), 24)) if ink == 0]
        assert empty == [], f"frame {frame}: bands {empty} of the feed are blank"


def test_row_buttons_stay_on_the_row_under_a_still_pointer_as_rows_slide_by(
    qtbot, parked_afterwards
) -> None:
    """The inline buttons belong to the row under the pointer: when the feed moves under a
    pointer that does not (it follows new comments, the ring trims its oldest), they are drawn
    on the row now under it and on no other."""
    panel = make_panel(qtbot, capacity=300)
    panel.add_arrivals(comments(0, 100))
    resting = open_under_the_pointer(qtbot, panel)
    view, viewport = panel.view, panel.view.viewport()
    sent = 100
    for frame in range(20):  # the ring is full after 5 batches: the later ones trim it
        panel.add_arrivals(comments(sent, 40))
        sent += 40
        QApplication.processEvents()
        assert not panel.paused
        under = view.indexAt(resting)
        assert under.isValid()
        drawn = rows_with_buttons(panel, on_screen(viewport))
        assert drawn == [under.row()], (
            f"frame {frame}: buttons on {drawn}, pointer on {under.row()}"
        )
    bar = view.verticalScrollBar()
    for step in range(5):  # the operator scrolls up a little (the pixels of painted rows move)
        bar.setValue(bar.value() - 37)
        QApplication.processEvents()
        under = view.indexAt(resting)
        drawn = rows_with_buttons(panel, on_screen(viewport))
        assert drawn == [under.row()], f"step {step}: buttons on {drawn}, pointer on {under.row()}"


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
