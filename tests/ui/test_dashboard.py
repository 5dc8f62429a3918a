"""The dashboard: curves and tiles follow the events, markers follow the audit log, the time
window selector, hover values, past shows read-only and the review export from the app."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage

from console.events import Comment, Like, Viewers
from console.metrics import ShowMetrics
from console.platforms.replay import ReplayConnector
from console.storage.writer import AuditRecord
from helpers.shows import KnownShow
from ui.charts import ChartColours, MarkerLayer, peak_decimate, top_view
from ui.main_window import MainWindow
from ui.panels.dashboard_panel import DashboardPanel, TimeWindow
from ui.show_history import ShowListDialog
from ui.theme import load_palette


def replay_window(make_window, qtbot, tmp_path: Path) -> tuple[MainWindow, KnownShow]:
    """A window replaying a known show, its dashboard's tab raised as the operator would
    (on the laptop's screen the dashboard shares its place with the goods)."""
    show = KnownShow().build()
    window: MainWindow = make_window(
        ReplayConnector(show.write_jsonl(tmp_path / "show.jsonl"), speed=0)
    )
    window.dashboard_dock.raise_()
    qtbot.waitUntil(window.dashboard_panel.isVisible)
    qtbot.waitUntil(lambda: window.session.connector.finished, timeout=15_000)
    qtbot.waitUntil(lambda: window.metrics.seconds == show.seconds)
    return window, show


def marker_layer(plot: pg.PlotItem) -> MarkerLayer:
    (layer,) = [i for i in top_view(plot).childGroup.childItems() if isinstance(i, MarkerLayer)]
    return layer


def test_curves_and_tiles_follow_the_events(make_window, qtbot, tmp_path: Path) -> None:
    window, show = replay_window(make_window, qtbot, tmp_path)
    panel = window.dashboard_panel
    panel.refresh()
    assert panel.viewers_curve.yData[-1] == show.online_at(599)
    assert panel.likes_curve.yData[-1] == 400
    comments = show.comments()
    last_minute = sum(1 for c in comments if 540 <= c.t < 600)
    assert panel.comments_rate_curve.yData[-1] == last_minute
    assert panel.likes_rate_curve.yData[-1] == 2 * 20
    assert panel.tiles["online"].value.text() == f"{show.online_at(599):,}"
    assert panel.tiles["peak"].value.text() == f"{show.online_at(599):,}"
    assert panel.tiles["comments"].value.text() == f"{len(comments):,}"
    recent = sum(1 for c in comments if 300 <= c.t < 600)
    previous = sum(1 for c in comments if 0 <= c.t < 300)
    note = panel.tiles["comments"].note.text()
    assert f"{recent:,}" in note and f"{(recent / previous - 1) * 100:+.0f}%" in note


def test_markers_come_from_the_audit_log(make_window, qtbot, tmp_path: Path) -> None:
    window, show = replay_window(make_window, qtbot, tmp_path)
    for record in show.audits:
        window.session.writer.audit(record)  # as the goods, lottery and moderation services do
    panel = window.dashboard_panel
    qtbot.waitUntil(lambda: len(panel.markers) == 4)
    assert [m.kind for m in panel.markers] == [
        "goods.push",
        "lottery.open",
        "lottery.draw",
        "moderation",
    ]
    layer = marker_layer(panel.viewers_plot)
    assert sorted(m.t for m in layer.markers) == [120.0, 300.0, 360.0, 400.0]
    panel.set_window(TimeWindow.WHOLE_SHOW)
    assert any("3号" in label.text for label in layer.labels())
    assert marker_layer(panel.rate_plot).labels() == []  # labels on the top plot only
    image = panel.graphics.grab().toImage()
    view = panel.viewers_plot.vb
    push = view.mapViewToScene(QPointF(120.0, 0)).x()
    box = view.sceneBoundingRect()
    column_colours = {
        image.pixelColor(x, y).name()
        for x in range(round(push) - 1, round(push) + 2)
        for y in range(int(box.top()), int(box.bottom()))
    }
    assert panel.colours.marker("goods.push").name() in column_colours  # the dashed line is drawn
    window.session.writer.audit(
        AuditRecord("obs.scene", "商品特写", "ok", "op", t=590.0, detail={"scene": "商品特写"})
    )
    qtbot.waitUntil(lambda: len(panel.markers) == 5)


def test_time_window_selector(make_window, qtbot, tmp_path: Path) -> None:
    window, _show = replay_window(make_window, qtbot, tmp_path)
    panel = window.dashboard_panel
    qtbot.mouseClick(panel.findChild(object, "windowLast5"), Qt.MouseButton.LeftButton)
    start, end = panel.viewers_plot.viewRange()[0]
    assert 290 <= start <= 310 and 595 <= end <= 615
    qtbot.mouseClick(panel.findChild(object, "windowWhole"), Qt.MouseButton.LeftButton)
    start, end = panel.viewers_plot.viewRange()[0]
    assert start <= 10 and end >= 595
    qtbot.mouseClick(panel.findChild(object, "windowLast30"), Qt.MouseButton.LeftButton)
    start, _end = panel.viewers_plot.viewRange()[0]
    assert start <= 10  # the show is shorter than 30 minutes


def test_hover_shows_the_values_at_that_second(make_window, qtbot, tmp_path: Path) -> None:
    window, show = replay_window(make_window, qtbot, tmp_path)
    panel = window.dashboard_panel
    text = panel.values_at(250)
    assert "04:10" in text and f"{show.online_at(250):,}" in text
    likes_so_far = sum(2 for s in range(0, 251, 3))
    assert f"{likes_so_far:,}" in text
    assert panel.values_at(10_000) == ""


def test_past_shows_open_read_only_and_export(make_window, qtbot, tmp_path: Path) -> None:
    window, show = replay_window(make_window, qtbot, tmp_path)
    assert window.session.writer.flush()
    dialog: ShowListDialog = window.open_history()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 1)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    viewer = dialog.viewers[-1]
    qtbot.waitUntil(lambda: viewer.dashboard.metrics.seconds == show.seconds)
    assert viewer.dashboard.viewers_curve.yData[-1] == show.online_at(599)
    assert not viewer.dashboard.live
    out = tmp_path / "review"
    viewer.export_to(out)
    qtbot.waitUntil(lambda: (out / "report.html").exists(), timeout=15_000)
    assert len(list(out.glob("*.png"))) == 3


def test_peak_decimate_keeps_peaks_dips_and_the_last_second() -> None:
    values = np.full(10_000, 50, dtype=np.int64)
    values[4321], values[7000], values[-1] = 900, 3, 77
    x, y = peak_decimate(values, 0, len(values), columns=500)
    assert len(x) == len(y) <= 2 * 500 + 20
    assert y.max() == 900 and y.min() == 3
    assert (x[-1], y[-1]) == (9999.0, 77)
    assert np.all(np.diff(x) >= 0)
    x, y = peak_decimate(values, 9000, 9100, columns=500)  # fewer seconds than columns
    assert list(x) == list(range(9000, 9100)) and list(y) == list(values[9000:9100])


def test_a_six_hour_show_is_drawn_from_a_few_points_per_pixel(qtbot) -> None:
    seconds = 6 * 3600
    online = np.full(seconds, 1000, dtype=np.int64)
    online[12_345] = 4000  # a spike an hour after the middle must stay visible
    t = np.arange(seconds, dtype=np.float64)
    metrics = ShowMetrics.from_columns(
        t, online, np.cumsum(online), t, np.ones(seconds, dtype=np.int64), t
    )
    panel = DashboardPanel(metrics, live=False)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.refresh()
    width = panel.viewers_plot.vb.width()
    assert len(panel.viewers_curve.xData) <= 2 * width + 30
    assert panel.viewers_curve.yData.max() == 4000
    top = panel.viewers_plot.vb.viewRange()[1][1]
    assert 4000 < top < 4500  # the y axis fits the spike
    panel.set_window(TimeWindow.LAST_5_MIN)
    assert panel.viewers_curve.xData[0] == seconds - 300
    assert panel.viewers_curve.yData.max() == 1000


# -- a young or empty show, sparse likes, close markers ------------------------------------------
def test_tiles_compare_only_with_five_whole_minutes_of_enough_activity(qtbot) -> None:
    """Five seconds at the start and a crowd five minutes on: no "+89900%" but a dash, until
    the five minutes before are whole and hold enough to compare with."""
    metrics = ShowMetrics()
    panel = DashboardPanel(metrics, live=False)
    qtbot.addWidget(panel)

    def notes() -> list[str]:
        panel.refresh()
        return [panel.tiles[name].note.text() for name in ("online", "likes", "comments")]

    for s in range(5):
        metrics.add_many([Viewers(s, 3, 3), Like(s, "u1", 1), Comment(s, f"a{s}", "u1", "n", "hi")])
    assert all(note.endswith(("：—", "（—）")) for note in notes())
    for s in range(300, 310):
        metrics.add_many(
            [Viewers(s, 2000, 2000), Like(s, "u1", 90), Comment(s, f"b{s}", "u", "n", "x")]
        )
    assert all("%" not in note and "—" in note for note in notes())  # against 5 s only
    for s in range(310, 600):
        metrics.add(Viewers(s, 2000, 2000))
    assert all("%" not in note for note in notes())  # against 3 viewers, 5 likes and comments
    for s in range(600, 900):
        metrics.add_many([Viewers(s, 2200, 2200), Like(s, "u1", 9)])
    online, likes, comments = notes()
    assert (
        online.endswith("：+10%") and likes.endswith("（+200%）") and comments.endswith("（-100%）")
    )


def steady_show(seconds: int) -> ShowMetrics:
    """About 500 online, a like every 3 s, a comment every 2 s."""
    metrics = ShowMetrics()
    for s in range(seconds):
        metrics.add(Viewers(s, 500 + s % 17, 1000 + s))
        if s % 3 == 0:
            metrics.add(Like(s, "u1", 2))
        if s % 2 == 0:
            metrics.add(Comment(s, f"c{s}", "u2", "观众", "好看"))
    return metrics


def shown_panel(qtbot, metrics: ShowMetrics, *, live: bool = False) -> DashboardPanel:
    """A dashboard at the width of a common laptop screen."""
    panel = DashboardPanel(metrics, live=live)
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_the_likes_per_minute_line_has_no_gaps(qtbot) -> None:
    """A like every 40 s: the rolling rate is drawn at every second and shows in every pixel
    column, also where it runs along a grid line or the comments curve."""
    metrics = ShowMetrics()
    for s in range(600):
        metrics.add(Viewers(s, 300, 300 + s))
        if s % 40 == 0:
            metrics.add(Like(s, "u1", 1))
        if s % 2 == 0:
            metrics.add(Comment(s, f"c{s}", "u2", "观众", "好看"))
    panel = shown_panel(qtbot, metrics)
    panel.set_window(TimeWindow.WHOLE_SHOW)
    curve = panel.likes_rate_curve
    assert np.isfinite(curve.yData).all() and list(curve.xData) == list(range(600))
    image = panel.graphics.grab().toImage()
    view = panel.rate_plot.vb
    box = view.sceneBoundingRect()
    first = round(view.mapViewToScene(QPointF(0, 0)).x()) + 1
    last = round(view.mapViewToScene(QPointF(599, 0)).x()) - 1
    likes = panel.colours.likes
    gaps = [
        x
        for x in range(first, last)
        if not any(
            image.pixelColor(x, y) == likes for y in range(int(box.top()), int(box.bottom()))
        )
    ]
    assert gaps == []


def hover(qtbot, panel: DashboardPanel, plot: pg.PlotItem) -> None:
    """Move the pointer over ``plot`` until pyqtgraph notices: it drops moves that come faster
    than the screen refreshes."""
    centre = panel.graphics.mapFromScene(plot.sceneBoundingRect().center())
    moves = itertools.count()

    def over() -> bool:
        qtbot.mouseMove(panel.graphics.viewport(), centre + QPoint(next(moves) % 2, 0))
        return bool(plot.mouseHovering)

    qtbot.waitUntil(over)


def test_no_auto_range_button_in_the_charts_corner(qtbot) -> None:
    """pyqtgraph shows an "A" button in a plot's corner while the pointer is over it."""
    panel = shown_panel(qtbot, steady_show(120))
    for plot in panel.plots:
        hover(qtbot, panel, plot)
        assert not plot.autoBtn.isVisible()


def test_an_empty_dashboard_reads_zero_to_ten_over_a_minute(qtbot) -> None:
    for live in (True, False):
        panel = shown_panel(qtbot, ShowMetrics(), live=live)
        views = [plot.vb for plot in panel.plots] + [panel.likes_rate_curve.getViewBox()]
        for view in views:
            (x0, x1), (y0, y1) = view.viewRange()
            assert -1 <= x0 <= 0 and 60 <= x1 <= 61
            assert -0.5 <= y0 <= 0 and 10 <= y1 <= 10.5
        for plot in panel.plots:
            axis = plot.getAxis("left")
            y0, y1 = plot.vb.viewRange()[1]
            _spacing, shown = axis.tickValues(y0, y1, axis.height())[0]
            assert len(shown) >= 3 and all(float(v).is_integer() for v in shown)


def has_colour(image: QImage, rect: QRectF, colour: QColor, tolerance: int = 0) -> bool:
    return any(
        all(
            abs(a - b) <= tolerance
            for a, b in zip(image.pixelColor(x, y).getRgb()[:3], colour.getRgb()[:3], strict=True)
        )
        for x in range(int(rect.left()), int(rect.right()) + 1)
        for y in range(int(rect.top()), int(rect.bottom()) + 1)
    )


def test_marker_labels_never_overlap_however_close_the_markers(qtbot) -> None:
    """Ten goods pushes within a minute, a scene switch, a burst of mutes, a lottery and the
    stream dropping as OBS is lost, all in the last five minutes: at 1366 px every label is
    drawn clear of the others, markers without room are counted in a neighbour's label
    ("推送 ×8 · 抽奖开始"), and every marker's line is still drawn."""
    pushes = [
        AuditRecord(
            "goods.push",
            f"g{i}",
            "ok",
            "场控",
            t=1600.0 + 6 * i,
            detail={"number": i + 1, "name": f"氨基酸洁面乳{i + 1}"},
        )
        for i in range(10)
    ]
    others = [
        AuditRecord("obs.scene", "近景", "ok", "场控", t=1590.0, detail={"scene": "近景"}),
        *(AuditRecord("user.mute", f"u{i}", "ok", "场控", t=1670.0 + i) for i in range(3)),
        AuditRecord("lottery.open", "1", "ok", "场控", t=1680.0, detail={"prize": "蓝牙耳机"}),
        AuditRecord("obs.stream.dropped", "", "ok", "场控", t=1790.0, entry="auto"),
        AuditRecord("obs.connection.lost", "", "ok", "场控", t=1792.0, entry="auto"),
    ]
    panel = shown_panel(qtbot, steady_show(1850))
    panel.add_audits(pushes + others)
    layer = marker_layer(panel.viewers_plot)
    box = panel.viewers_plot.vb.sceneBoundingRect()
    for mode in (TimeWindow.WHOLE_SHOW, TimeWindow.LAST_5_MIN):
        panel.set_window(mode)
        image = panel.graphics.grab().toImage()
        labels = layer.labels()
        for a, b in itertools.combinations(labels, 2):
            assert not a.rect.intersects(b.rect), (a.text, b.text)
        for label in labels:
            assert box.left() <= label.rect.left() and label.rect.right() <= box.right() + 1
            colour = panel.colours.marker(label.markers[0].kind)
            assert has_colour(image, label.rect, colour, tolerance=40), label.text  # drawn there
        start, end = panel.viewers_plot.viewRange()[0]
        shown = Counter(m for label in labels for m in label.markers)
        assert shown == Counter(m for m in panel.markers if start <= m.t <= end)
        assert any(label.text.startswith("推送 ×") for label in labels)  # pushes counted
        likes_box = panel.likes_plot.vb.sceneBoundingRect()
        for marker in panel.markers:  # every line, in the plot without labels
            x = panel.likes_plot.vb.mapViewToScene(QPointF(marker.t, 0)).x()
            column = QRectF(x - 1, likes_box.top(), 2, likes_box.height())
            assert has_colour(image, column, panel.colours.marker(marker.kind)), marker


def test_comment_bans_the_stream_and_its_breaks_are_marked(qtbot) -> None:
    """Successful ban-all switches, stream starts and stops, a stream drop and OBS lost each get
    a marker named in the UI language; the breaks in the alarm red, solid and wide."""
    audits = [
        AuditRecord("obs.stream.start", "", "ok", "场控", t=10.0),
        AuditRecord("room.ban_all", "", "ok", "场控", t=100.0, detail={"banned": True}),
        AuditRecord("room.unban_all", "", "ok", "场控", t=200.0, detail={"banned": False}),
        AuditRecord("obs.stream.dropped", "", "ok", "场控", t=300.0, entry="auto"),
        AuditRecord("obs.connection.lost", "", "ok", "场控", t=400.0, entry="auto"),
        AuditRecord("obs.stream.stop", "", "ok", "场控", t=500.0),
        AuditRecord("obs.stream.start", "", "error", "场控", t=550.0),  # failed: no marker
    ]
    panel = shown_panel(qtbot, steady_show(600))
    panel.add_audits(audits)
    panel.set_window(TimeWindow.WHOLE_SHOW)
    texts = [label.text for label in marker_layer(panel.viewers_plot).labels()]
    assert texts == ["开始推流", "全员禁言", "解除全员禁言", "推流中断", "OBS 断开", "停止推流"]
    image = panel.graphics.grab().toImage()
    view = panel.likes_plot.vb
    box = view.sceneBoundingRect()
    alarm = panel.colours.marker("obs.stream.dropped")
    for t in (300.0, 400.0):
        x = view.mapViewToScene(QPointF(t, 0)).x()
        line = [image.pixelColor(round(x), y) for y in range(int(box.top()) + 1, int(box.bottom()))]
        assert all(c == alarm for c in line[1:-1])  # solid, not dashed
        assert image.pixelColor(round(x) - 1, int(box.center().y())) == alarm or (
            image.pixelColor(round(x) + 1, int(box.center().y())) == alarm
        )  # two pixels wide


def test_marker_colours_are_distinct_and_breaks_are_red() -> None:
    kinds = (
        "goods.push",
        "lottery.open",
        "obs.scene",
        "moderation",
        "room.ban_all",
        "obs.stream.start",
        "obs.stream.dropped",
    )
    for theme in ("light", "dark"):
        colours = ChartColours.of(load_palette(theme))
        assert len({colours.marker(kind).name() for kind in kinds}) == len(kinds), theme
        assert colours.marker("room.unban_all") == colours.marker("room.ban_all")
        assert colours.marker("obs.stream.stop") == colours.marker("obs.stream.start")
        alarm = colours.marker("obs.connection.lost")
        assert alarm == colours.marker("obs.stream.dropped")
        assert (alarm.hue() <= 10 or alarm.hue() >= 350) and alarm.saturation() >= 190, theme
