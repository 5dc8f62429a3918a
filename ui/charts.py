"""Chart pieces shared by the live dashboard and the review's PNG charts (pyqtgraph)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from console.i18n import QT_TRANSLATE_NOOP
from console.obs.incidents import (
    CONNECTION_LOST,
    OBS_UNRESPONSIVE,
    STREAM_DROPPED,
    STREAM_RECONNECTING,
)
from console.review import Marker
from console.timefmt import show_clock
from ui.theme import Palette

# The palette name of each kind of marker's colour.
_MARKER_COLOURS = {
    "goods.push": "chartMarkerPush",
    "lottery.open": "chartMarkerLottery",
    "lottery.draw": "chartMarkerLottery",
    "obs.scene": "chartMarkerScene",
    "moderation": "chartMarkerModeration",
    "room.ban_all": "chartMarkerBan",
    "room.unban_all": "chartMarkerBan",
    "obs.stream.start": "chartMarkerStream",
    "obs.stream.stop": "chartMarkerStream",
    STREAM_DROPPED: "chartMarkerAlarm",
    STREAM_RECONNECTING: "chartMarkerAlarm",
    CONNECTION_LOST: "chartMarkerAlarm",
    OBS_UNRESPONSIVE: "chartMarkerAlarm",
}
# The name of each kind of marker, at the start of its label.
_MARKER_NAMES = {
    "goods.push": QT_TRANSLATE_NOOP("charts", "Push"),
    "lottery.open": QT_TRANSLATE_NOOP("charts", "Lottery open"),
    "lottery.draw": QT_TRANSLATE_NOOP("charts", "Lottery draw"),
    "obs.scene": QT_TRANSLATE_NOOP("charts", "Scene"),
    "moderation": QT_TRANSLATE_NOOP("charts", "Moderation"),
    "room.ban_all": QT_TRANSLATE_NOOP("charts", "Comments banned"),
    "room.unban_all": QT_TRANSLATE_NOOP("charts", "Comments allowed"),
    "obs.stream.start": QT_TRANSLATE_NOOP("charts", "Stream started"),
    "obs.stream.stop": QT_TRANSLATE_NOOP("charts", "Stream stopped"),
    STREAM_DROPPED: QT_TRANSLATE_NOOP("charts", "Stream dropped"),
    STREAM_RECONNECTING: QT_TRANSLATE_NOOP("charts", "Stream reconnecting"),
    CONNECTION_LOST: QT_TRANSLATE_NOOP("charts", "OBS lost"),
    OBS_UNRESPONSIVE: QT_TRANSLATE_NOOP("charts", "OBS not responding"),
}
# The broadcast broke: a solid, wider line than the dashed one of what the team did.
_ALARMS = {STREAM_DROPPED, STREAM_RECONNECTING, CONNECTION_LOST, OBS_UNRESPONSIVE}
MIN_Y_TOP = 10.0  # counts: an empty or quiet chart reads 0..10 in whole numbers, not 0.2..0.8
MIN_SPAN_S = 60  # an empty or short show still gets a minute of time axis
LABEL_PAD = 2.0  # pixels between a marker's line and its label's box
LABEL_MARGIN = 2.0  # pixels between the box and the text
LABEL_GAP = 6.0  # pixels between two labels in a row
LABEL_OPACITY = 0.85  # of a label's box: curves and other lines show faintly through it


@dataclass(frozen=True, slots=True)
class ChartColours:
    """A theme's chart colours: the live dashboard follows the theme, the review's PNG charts
    use the light one."""

    background: QColor
    grid: QColor
    axis: QColor
    title: QColor
    cursor: QColor
    online: QColor
    likes: QColor
    comments: QColor
    markers: dict[str, QColor]
    other_marker: QColor

    @classmethod
    def of(cls, palette: Palette) -> ChartColours:
        c = palette.colour
        return cls(
            background=c("chartBackground"),
            grid=c("chartGrid"),
            axis=c("chartAxis"),
            title=c("chartTitle"),
            cursor=c("chartCursor"),
            online=c("chartOnline"),
            likes=c("chartLikes"),
            comments=c("chartComments"),
            markers={kind: c(name) for kind, name in _MARKER_COLOURS.items()},
            other_marker=c("chartMarkerOther"),
        )

    def marker(self, kind: str) -> QColor:
        return self.markers.get(kind, self.other_marker)


def series_pen(colour: QColor, width: int = 1) -> QPen:
    """A curve's pen. One pixel live: Qt strokes wider lines several times slower (15 ms a
    frame for a 6 h show)."""
    return pg.mkPen(colour, width=width)


class ShowTimeAxis(pg.AxisItem):
    """X axis labelled in show time (mm:ss / h:mm:ss) instead of raw seconds."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [show_clock(v) for v in values]


def new_plot(layout: pg.GraphicsLayout, row: int, title: str, colours: ChartColours) -> pg.PlotItem:
    """A plot in the house style: show-time axis, light grid, y fixed by show_series."""
    plot = layout.addPlot(row=row, col=0, axisItems={"bottom": ShowTimeAxis("bottom")})
    set_title(plot, title, colours)
    # An opaque grid at major ticks only: translucent grid lines (alpha blending across the
    # whole plot) and minor ticks each cost more than the curves on every redraw.
    plot.showGrid(x=True, y=True, alpha=1.0)
    colour_axes(plot, colours)
    for name in ("left", "bottom", "right"):
        axis = plot.getAxis(name)
        axis.setStyle(maxTickLevel=0)
        axis.setZValue(-200)  # grid under the curves (pyqtgraph puts axes above the view box)
    plot.setMouseEnabled(x=True, y=False)
    plot.hideButtons()  # pyqtgraph's "A" (auto-range) in the corner: show_series sets the range
    plot.getAxis("left").setWidth(56)
    # A right axis on every plot (empty unless used) keeps stacked plots' x axes aligned.
    plot.showAxis("right")
    plot.getAxis("right").setStyle(showValues=False)
    plot.getAxis("right").setWidth(56)
    return plot


def peak_decimate(
    values: NDArray[np.int64], start: int, end: int, columns: int
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Seconds [start, end) of a one-per-second series as at most about 2 x ``columns``
    points: the lowest and highest value of each run of seconds that shares a pixel column,
    so peaks and dips stay visible. The last second is always the last point."""
    segment = values[start:end]
    step = max(1, -(-len(segment) // max(columns, 1)))
    if step == 1:
        return np.arange(start, start + len(segment), dtype=np.float64), segment
    whole = (len(segment) - 1) // step * step  # the last second stays a point of its own
    blocks = segment[:whole].reshape(-1, step)
    peaks = np.column_stack((blocks.min(axis=1), blocks.max(axis=1))).ravel()
    x = np.repeat(start + np.arange(len(blocks), dtype=np.float64) * step, 2)
    rest = np.arange(start + whole, start + len(segment), dtype=np.float64)
    return np.concatenate((x, rest)), np.concatenate((peaks, segment[whole:]))


def show_series(
    curve: pg.PlotDataItem, values: NDArray[np.int64], start: int, end: int, columns: int
) -> None:
    """Draw seconds [start, end) of ``values`` on ``curve`` and scale its y axis from 0 to
    just above the highest value drawn.

    Decimating here, instead of pyqtgraph's downsampling, clip-to-view and auto-range, keeps a
    redraw's cost set by the pixels: those scan every sample of every curve several times per
    frame, which made a six-hour show twice as slow to redraw as a short one.
    """
    x, y = peak_decimate(values, start, end, columns)
    curve.setData(x, y)
    top = float(y.max()) if len(y) else 0.0
    # Padded so that zeros clear the x axis.
    curve.getViewBox().setYRange(0, max(top * 1.06, MIN_Y_TOP), padding=0.02)


def show_time_range(plot: pg.PlotItem, start: float, end: float) -> None:
    """Show the seconds [start, end) on the x axis, at least a minute of them."""
    plot.setXRange(start, max(end, start + MIN_SPAN_S), padding=0.01)


def colour_axes(plot: pg.PlotItem, colours: ChartColours) -> None:
    """Grid lines and axis text (and the axis labels, which take the text's colour)."""
    for name in ("left", "bottom", "right"):
        axis = plot.getAxis(name)
        axis.setTickPen(pg.mkPen(colours.grid))
        axis.setTextPen(pg.mkPen(colours.axis))


def set_title(plot: pg.PlotItem, text: str, colours: ChartColours) -> None:
    plot.setTitle(text, color=colours.title, size="10pt")


def kind_name(kind: str) -> str:
    name = _MARKER_NAMES.get(kind)
    return QCoreApplication.translate("charts", name) if name else kind


def marker_text(marker: Marker) -> str:
    name = kind_name(marker.kind)
    return f"{name} {marker.label}" if marker.label else name


def group_text(markers: Sequence[Marker]) -> str:
    """The label of markers too close to label one by one: their kinds and how many of each
    ("Push ×4 · Lottery open")."""
    if len(markers) == 1:
        return marker_text(markers[0])
    kinds = Counter(m.kind for m in markers)  # in the order they came
    return " · ".join(kind_name(k) + (f" ×{n}" if n > 1 else "") for k, n in kinds.items())


@dataclass(frozen=True, slots=True)
class MarkerLabel:
    """A label as drawn: its box in the view's pixels and the markers it stands for."""

    rect: QRectF
    text: str
    markers: tuple[Marker, ...]


@dataclass
class _Slot:
    """A label being placed: ``floor`` is where the label before it in its row ends."""

    row: int
    floor: float
    x: float
    markers: list[Marker]
    left: float = 0.0
    text: str = ""
    width: float = 0.0


def place_labels(
    anchors: Sequence[tuple[float, Marker]],
    metrics: QFontMetricsF,
    top: float,
    right: float,
    rows: int,
) -> list[MarkerLabel]:
    """Labels for markers at pixel x ``anchors`` (in time order) in ``rows`` rows from ``top``,
    none overlapping another. A marker's label goes right of its line in the first row with
    room for it there; a marker with room in no row joins the label placed last, which then
    counts its markers by kind (group_text). A label that would run past ``right`` moves left
    of its line, but never over the label before it in its row."""
    ends = [-math.inf] * rows  # where each row is free again
    slots: list[_Slot] = []

    def fit(slot: _Slot) -> None:
        slot.text = group_text(slot.markers)
        slot.width = metrics.horizontalAdvance(slot.text) + 2 * LABEL_MARGIN
        slot.left = max(slot.floor, min(slot.x + LABEL_PAD, right - slot.width))
        ends[slot.row] = slot.left + slot.width + LABEL_GAP

    for x, marker in anchors:
        width = metrics.horizontalAdvance(marker_text(marker)) + 2 * LABEL_MARGIN
        left = min(x + LABEL_PAD, right - width)
        row = next((r for r in range(rows) if ends[r] <= left), None)
        if row is None:
            slots[-1].markers.append(marker)
        else:
            slots.append(_Slot(row, ends[row], x, [marker]))
        fit(slots[-1])
    height = metrics.height()
    return [
        MarkerLabel(QRectF(s.left, top + s.row * height, s.width, height), s.text, tuple(s.markers))
        for s in slots
    ]


def _marker_pen(colour: QColor, kind: str) -> QPen:
    if kind in _ALARMS:
        return pg.mkPen(colour, width=2)
    return pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine)


class MarkerLayer(pg.GraphicsObject):
    """Every marker of one plot in one item: a vertical line over the full height of the view
    at each marker's time, with labels near the top when ``labelled`` (see place_labels).

    One item per plot instead of an InfiniteLine (and a text item) per marker: those recompute
    their geometry on every change of the view, which the live dashboard's window does every
    second, and cost more than all the curves together.
    """

    LABEL_ROWS = 3  # labels stack in up to three rows under the top of the view

    def __init__(self, markers: Sequence[Marker], colours: ChartColours, *, labelled: bool) -> None:
        super().__init__()
        self.markers = tuple(markers)
        self.labelled = labelled
        self.set_colours(colours)

    def set_colours(self, colours: ChartColours) -> None:
        self._colours = colours
        self._pens = {
            kind: _marker_pen(colours.marker(kind), kind) for kind in {m.kind for m in self.markers}
        }
        self.update()

    def boundingRect(self) -> QRectF:
        view = self.getViewBox()
        return view.viewRect() if view is not None else QRectF()

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()

    def _font(self) -> QFont:
        scene = self.scene()
        return scene.font() if scene is not None else QFont()

    def labels(self) -> list[MarkerLabel]:
        """The labels of the markers in view, in the scene's (the chart widget's) pixels."""
        view = self.getViewBox()
        if not self.labelled or view is None:
            return []
        rect = view.viewRect()
        # childTransform() first brings the data scale up to date with the view range.
        to_scene = view.childTransform() * view.sceneTransform()
        anchors = [
            (to_scene.map(QPointF(m.t, 0)).x(), m)
            for m in self.markers
            if rect.left() <= m.t <= rect.right()
        ]
        box = view.sceneBoundingRect()
        metrics = QFontMetricsF(self._font())
        return place_labels(anchors, metrics, box.top(), box.right(), self.LABEL_ROWS)

    def paint(self, painter: QPainter, *_args: object) -> None:
        rect = self.boundingRect()
        for marker in self.markers:
            if rect.left() <= marker.t <= rect.right():
                painter.setPen(self._pens[marker.kind])
                painter.drawLine(QPointF(marker.t, rect.top()), QPointF(marker.t, rect.bottom()))
        labels = self.labels()
        from_scene, invertible = self.sceneTransform().inverted()
        if not labels or not invertible:
            return
        # Text in pixels, not stretched by the data scale.
        painter.setTransform(from_scene * painter.transform())
        painter.setFont(self._font())
        box = QColor(self._colours.background)
        box.setAlphaF(LABEL_OPACITY)
        for label in labels:
            painter.fillRect(label.rect, box)
            painter.setPen(self._colours.marker(label.markers[0].kind))
            painter.drawText(label.rect, Qt.AlignmentFlag.AlignCenter, label.text)


def add_markers(
    plots: Sequence[pg.PlotItem],
    markers: Sequence[Marker],
    colours: ChartColours,
    *,
    labelled: pg.PlotItem | None,
) -> list[tuple[pg.ViewBox, MarkerLayer]]:
    """A MarkerLayer over every plot, in the view it went to; labels only on ``labelled``."""
    layers = []
    for plot in plots:
        layer = MarkerLayer(markers, colours, labelled=plot is labelled)
        view = top_view(plot)
        view.addItem(layer, ignoreBounds=True)
        layers.append((view, layer))
    return layers


def top_view(plot: pg.PlotItem) -> pg.ViewBox:
    """The view drawn last over ``plot``: that of its right axis's curve if it has one
    (add_right_axis_curve), else its own. Markers go there, so no curve hides their labels."""
    view: pg.ViewBox = plot.getAxis("right").linkedView()
    return view


def add_right_axis_curve(plot: pg.PlotItem, pen: object, label: str) -> pg.PlotDataItem:
    """A second curve on its own scale, read on a right-hand axis (e.g. likes next to
    comments per minute, which differ by an order of magnitude)."""
    view = pg.ViewBox()
    # Over the plot: under it, the plot's opaque grid lines would cut the curve into pieces.
    # It takes no mouse input, so dragging and zooming still reach the plot.
    view.setZValue(plot.zValue() + 1)
    view.setMouseEnabled(x=False, y=False)
    view.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    plot.getAxis("right").setStyle(showValues=True)
    plot.scene().addItem(view)
    plot.getAxis("right").linkToView(view)
    plot.getAxis("right").setLabel(label)
    view.setXLink(plot)

    def follow() -> None:
        view.setGeometry(plot.vb.sceneBoundingRect())
        view.linkedViewChanged(plot.vb, view.XAxis)

    plot.vb.sigResized.connect(follow)
    curve = pg.PlotDataItem(pen=pen, skipFiniteCheck=True)
    view.addItem(curve)
    follow()
    return curve
