"""DashboardPanel: the audience at a glance — big numbers, live curves and what the team did.

Tiles: online now, peak online, likes, comments, and the last five minutes against the five
before (once there were five, with enough in them). Curves (pyqtgraph, one point per second):
online viewers, cumulative likes, comments and likes per minute. Vertical markers show goods
pushes, lotteries, scene switches, bursts of moderation, comments banned or allowed, the stream
started or stopped, and (in red) the stream dropped or OBS lost, so cause and effect line up;
their labels never overlap (ui.charts.place_labels). Hovering shows the values at that second.
The time window follows the show (last 5 / 30 minutes) or shows all of it; only the window is
drawn, at most two points per pixel column (ui.charts.show_series), so redrawing a six-hour
show costs about what a short one does. Curves redraw once a second, only when something
changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.metrics import ShowMetrics, change_ratio
from console.review import Marker, markers_from_audit
from console.timefmt import show_clock
from ui.charts import (
    ChartColours,
    MarkerLayer,
    add_markers,
    add_right_axis_curve,
    colour_axes,
    new_plot,
    series_pen,
    set_title,
    show_series,
    show_time_range,
)
from ui.text import arg
from ui.theme import current_palette, on_theme_changed

REDRAW_INTERVAL_MS = 1000  # samples are one per second
RECENT_S = 300
MIN_COLUMNS = 200  # before the first layout the plot has no width yet


class TimeWindow(IntEnum):
    LAST_5_MIN = 300
    LAST_30_MIN = 1800
    WHOLE_SHOW = 0


def _percent(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio * 100:+.0f}%"


class Tile(QFrame):
    """A big number with a caption and a small line under it."""

    def __init__(self, name: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption, self)
        self.value = QLabel("0", self)
        self.value.setObjectName(f"{name}Value")
        self.value.setProperty("emphasis", "figure")
        self.note = QLabel("", self)
        self.note.setObjectName(f"{name}Note")
        self.note.setProperty("tone", "note")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def show_values(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


class DashboardPanel(QWidget):
    def __init__(
        self, metrics: ShowMetrics, parent: QWidget | None = None, *, live: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPanel")
        self.metrics = metrics
        self.live = live
        self.window_mode = TimeWindow.LAST_30_MIN if live else TimeWindow.WHOLE_SHOW
        self._drawn_version = -1
        self._audits: list[object] = []
        self.markers: list[Marker] = []
        self._marker_layers: list[tuple[pg.ViewBox, MarkerLayer]] = []
        self.colours = ChartColours.of(current_palette())

        self.tiles = {
            "online": Tile("tileOnline", self.tr("Online now"), self),
            "peak": Tile("tilePeak", self.tr("Peak online"), self),
            "likes": Tile("tileLikes", self.tr("Likes"), self),
            "comments": Tile("tileComments", self.tr("Comments"), self),
        }
        tiles = QGridLayout()
        tiles.setSpacing(6)
        for column, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, column)

        self.window_buttons = QButtonGroup(self)
        window_bar = QHBoxLayout()
        window_bar.addWidget(QLabel(self.tr("Time window:"), self))
        for mode, text, name in (
            (TimeWindow.LAST_5_MIN, self.tr("Last 5 min"), "windowLast5"),
            (TimeWindow.LAST_30_MIN, self.tr("Last 30 min"), "windowLast30"),
            (TimeWindow.WHOLE_SHOW, self.tr("Whole show"), "windowWhole"),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setCheckable(True)
            button.setChecked(mode == self.window_mode)
            self.window_buttons.addButton(button, int(mode))
            window_bar.addWidget(button)
        window_bar.addStretch(1)
        self.hover_label = QLabel(self)
        self.hover_label.setObjectName("hoverValues")
        self.hover_label.setTextFormat(Qt.TextFormat.PlainText)
        window_bar.addWidget(self.hover_label)
        self.window_buttons.idClicked.connect(lambda mode: self.set_window(TimeWindow(mode)))

        self.graphics = pg.GraphicsLayoutWidget(self)
        colours = self.colours
        self.viewers_plot = new_plot(self.graphics.ci, 0, self.tr("Online viewers"), colours)
        self.likes_plot = new_plot(self.graphics.ci, 1, self.tr("Likes (cumulative)"), colours)
        self.rate_plot = new_plot(
            self.graphics.ci, 2, self.tr("Comments and likes per minute"), colours
        )
        self.plots = (self.viewers_plot, self.likes_plot, self.rate_plot)
        for plot in self.plots[1:]:
            plot.setXLink(self.viewers_plot)
        # Counts are never NaN: skipping pyqtgraph's finite check saves time on every redraw.
        # The curves get their pens from _colour_charts.
        self.viewers_curve = self.viewers_plot.plot(skipFiniteCheck=True)
        self.likes_curve = self.likes_plot.plot(skipFiniteCheck=True)
        self.comments_rate_curve = self.rate_plot.plot(skipFiniteCheck=True)
        self.likes_rate_curve = add_right_axis_curve(self.rate_plot, None, self.tr("Likes"))
        self.cursor_lines = [pg.InfiniteLine(angle=90) for _ in self.plots]
        for plot, line in zip(self.plots, self.cursor_lines, strict=True):
            plot.addItem(line, ignoreBounds=True)
            line.setVisible(False)
        self._colour_charts()
        on_theme_changed(self._recolour)
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(tiles)
        layout.addLayout(window_bar)
        layout.addWidget(self.graphics, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)
        if live:
            self._timer.start()
        self.refresh()  # axes fit for the show from the start, even without data

    # -- inputs ------------------------------------------------------------------------------
    def add_audits(self, records: Iterable[object]) -> None:
        """New audit entries (AuditRecord or stored AuditEntry): redraw the markers."""
        self._audits.extend(records)
        markers = markers_from_audit(self._audits)
        if markers != self.markers:
            self.markers = markers
            for view, layer in self._marker_layers:
                view.removeItem(layer)
            self._marker_layers = add_markers(
                self.plots, markers, self.colours, labelled=self.viewers_plot
            )

    def set_window(self, mode: TimeWindow) -> None:
        self.window_mode = mode
        button = self.window_buttons.button(int(mode))
        if button is not None and not button.isChecked():
            button.setChecked(True)
        self._apply_window()

    # -- drawing -----------------------------------------------------------------------------
    def _recolour(self) -> None:
        """The theme changed: draw everything in its colours at once."""
        self.colours = ChartColours.of(current_palette())
        for plot in self.plots:
            colour_axes(plot, self.colours)
            set_title(plot, plot.titleLabel.text, self.colours)
        for _view, layer in self._marker_layers:
            layer.set_colours(self.colours)
        self._colour_charts()

    def _colour_charts(self) -> None:
        colours = self.colours
        self.graphics.setBackground(colours.background)
        for curve, colour in (
            (self.viewers_curve, colours.online),
            (self.likes_curve, colours.likes),
            (self.comments_rate_curve, colours.comments),
            (self.likes_rate_curve, colours.likes),
        ):
            curve.setPen(series_pen(colour))
        # After colour_axes, which gives the axis labels the text's colour.
        self.rate_plot.getAxis("left").setLabel(self.tr("Comments"), color=colours.comments.name())
        for line in self.cursor_lines:
            line.setPen(pg.mkPen(colours.cursor))

    def refresh(self) -> None:
        """Redraw the curves and tiles if new data arrived since the last redraw."""
        if self.metrics.version == self._drawn_version:
            return
        self._drawn_version = self.metrics.version
        self._update_tiles()
        self._apply_window()

    def _apply_window(self) -> None:
        """Draw the curves over the selected time window, at most two points per pixel."""
        m = self.metrics
        end = max(m.seconds, 1)
        span = int(self.window_mode)
        start = 0 if span == 0 else max(0, end - span)
        show_time_range(self.viewers_plot, start, end)
        columns = max(int(self.viewers_plot.vb.width()), MIN_COLUMNS)
        for curve, values in (
            (self.viewers_curve, m.online()),
            (self.likes_curve, m.likes_cumulative()),
            (self.comments_rate_curve, m.comments_per_minute()),
            (self.likes_rate_curve, m.likes_per_minute()),
        ):
            show_series(curve, values, start, end, columns)

    def _update_tiles(self) -> None:
        m = self.metrics
        now = m.seconds
        recent, previous = (
            m.window(now - RECENT_S, now),
            m.window(now - 2 * RECENT_S, now - RECENT_S),
        )
        peak, peak_at = m.peak_online()

        def change(now_value: float, before: float) -> str:
            """Only against five whole minutes: the first seconds of a show are no base."""
            whole = previous.seconds == RECENT_S
            return _percent(change_ratio(now_value, before) if whole else None)

        self.tiles["online"].show_values(
            f"{m.current_online():,}",
            arg(self.tr("5 min: %1"), change(recent.average_online, previous.average_online)),
        )
        self.tiles["peak"].show_values(f"{peak:,}", arg(self.tr("at %1"), show_clock(peak_at)))
        self.tiles["likes"].show_values(
            f"{m.total_likes():,}",
            arg(
                self.tr("5 min: %1 (%2)"), f"{recent.likes:,}", change(recent.likes, previous.likes)
            ),
        )
        self.tiles["comments"].show_values(
            f"{m.total_comments():,}",
            arg(
                self.tr("5 min: %1 (%2)"),
                f"{recent.comments:,}",
                change(recent.comments, previous.comments),
            ),
        )
        set_title(
            self.viewers_plot,
            arg(self.tr("Online viewers: %1"), f"{m.current_online():,}"),
            self.colours,
        )

    def values_at(self, second: int) -> str:
        """The hover text for one second of the show."""
        m = self.metrics
        if not 0 <= second < m.seconds:
            return ""
        return arg(
            self.tr("%1 · online %2 · likes %3 · comments/min %4 · likes/min %5"),
            show_clock(second),
            f"{int(m.online()[second]):,}",
            f"{int(m.likes_cumulative()[second]):,}",
            f"{int(m.comments_per_minute()[second]):,}",
            f"{int(m.likes_per_minute()[second]):,}",
        )

    def _on_mouse_moved(self, position: QPointF) -> None:
        for plot in self.plots:
            if plot.sceneBoundingRect().contains(position):
                second = round(plot.vb.mapSceneToView(position).x())
                text = self.values_at(second)
                for line in self.cursor_lines:
                    line.setPos(second)
                    line.setVisible(bool(text))
                self.hover_label.setText(text)
                return
        for line in self.cursor_lines:
            line.setVisible(False)
        self.hover_label.setText("")
