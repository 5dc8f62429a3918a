"""Chart pieces shared by the live dashboard and the review's PNG charts (pyqtgraph)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from console.review import Marker
from console.timefmt import show_clock
from ui.theme import Palette

MIN_Y_TOP = 10.0  # counts: an empty or quiet chart reads 0..10 in whole numbers, not 0.2..0.8
MIN_SPAN_S = 60  # an empty or short show still gets a minute of time axis

# The palette name of each kind of marker's colour.
_MARKER_COLOURS = {
    "goods.push": "chartMarkerPush",
    "lottery.open": "chartMarkerLottery",
    "lottery.draw": "chartMarkerLottery",
    "obs.scene": "chartMarkerScene",
    "moderation": "chartMarkerModeration",
}


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


def marker_text(marker: Marker) -> str:
    kinds = {
        "goods.push": QCoreApplication.translate("charts", "Push"),
        "lottery.open": QCoreApplication.translate("charts", "Lottery open"),
        "lottery.draw": QCoreApplication.translate("charts", "Lottery draw"),
        "obs.scene": QCoreApplication.translate("charts", "Scene"),
        "moderation": QCoreApplication.translate("charts", "Moderation"),
    }
    return f"{kinds.get(marker.kind, marker.kind)} {marker.label}"


class MarkerLayer(pg.GraphicsObject):
    """Every marker of one plot in one item: a dashed vertical line over the full height of
    the view at each marker's time, with its label near the top when ``labelled``.

    One item per plot instead of an InfiniteLine (and a text item) per marker: those recompute
    their geometry on every change of the view, which the live dashboard's window does every
    second, and cost more than all the curves together.
    """

    LABEL_ROWS = 3  # labels of neighbouring markers take turns at three heights

    def __init__(self, markers: Sequence[Marker], colours: ChartColours, *, labelled: bool) -> None:
        super().__init__()
        self.markers = tuple(markers)
        self.labelled = labelled
        self.texts = [marker_text(m) for m in self.markers] if labelled else []
        self.set_colours(colours)

    def set_colours(self, colours: ChartColours) -> None:
        self._colours = colours
        self._pens = {
            kind: pg.mkPen(colours.marker(kind), width=1, style=Qt.PenStyle.DashLine)
            for kind in {m.kind for m in self.markers}
        }
        self.update()

    def boundingRect(self) -> QRectF:
        view = self.getViewBox()
        return view.viewRect() if view is not None else QRectF()

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()

    def paint(self, painter: QPainter, *_args: object) -> None:
        rect = self.boundingRect()
        left, right, top = rect.left(), rect.right(), max(rect.top(), rect.bottom())
        visible = [(i, m) for i, m in enumerate(self.markers) if left <= m.t <= right]
        for _index, marker in visible:
            painter.setPen(self._pens[marker.kind])
            painter.drawLine(QPointF(marker.t, rect.top()), QPointF(marker.t, rect.bottom()))
        if not self.labelled or not visible:
            return
        to_device = painter.transform()
        painter.resetTransform()  # text in pixels, not stretched by the data scale
        line_height = painter.fontMetrics().height()
        for index, marker in visible:
            anchor = to_device.map(QPointF(marker.t, top))
            row = index % self.LABEL_ROWS
            painter.setPen(self._colours.marker(marker.kind))
            painter.drawText(
                QPointF(anchor.x() + 3, anchor.y() + line_height * (row + 1)), self.texts[index]
            )


def add_markers(
    plots: Sequence[pg.PlotItem],
    markers: Sequence[Marker],
    colours: ChartColours,
    *,
    labelled: pg.PlotItem | None,
) -> list[tuple[pg.PlotItem, MarkerLayer]]:
    """A MarkerLayer on every plot; labels only on ``labelled``."""
    layers = []
    for plot in plots:
        layer = MarkerLayer(markers, colours, labelled=plot is labelled)
        plot.addItem(layer, ignoreBounds=True)
        layers.append((plot, layer))
    return layers


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
