"""Chart pieces shared by the live dashboard and the review's PNG charts (pyqtgraph)."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from console.review import Marker
from console.timefmt import show_clock

ONLINE_PEN = pg.mkPen("#1f6fd1", width=2)
LIKES_PEN = pg.mkPen("#e0523a", width=2)
COMMENTS_PEN = pg.mkPen("#2e9d57", width=2)
MARKER_COLOURS = {
    "goods.push": "#d98c00",
    "lottery.open": "#8e44ad",
    "lottery.draw": "#8e44ad",
    "obs.scene": "#607d8b",
    "moderation": "#c0392b",
}


class ShowTimeAxis(pg.AxisItem):
    """X axis labelled in show time (mm:ss / h:mm:ss) instead of raw seconds."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [show_clock(v) for v in values]


def new_plot(layout: pg.GraphicsLayout, row: int, title: str) -> pg.PlotItem:
    """A plot in the house style: show-time axis, light grid, peak downsampling, clip to view
    (so drawing cost depends on the pixels, not on how long the show has run)."""
    plot = layout.addPlot(row=row, col=0, axisItems={"bottom": ShowTimeAxis("bottom")})
    set_title(plot, title)
    plot.showGrid(x=True, y=True, alpha=0.2)
    # Grid lines at major ticks only: the minor ones doubled the cost of every redraw.
    for name in ("left", "bottom", "right"):
        plot.getAxis(name).setStyle(maxTickLevel=0)
    plot.setDownsampling(auto=True, mode="peak")
    plot.setClipToView(True)
    plot.setMouseEnabled(x=True, y=False)
    plot.enableAutoRange(axis="y")
    plot.getAxis("left").setWidth(56)
    # A right axis on every plot (empty unless used) keeps stacked plots' x axes aligned.
    plot.showAxis("right")
    plot.getAxis("right").setStyle(showValues=False)
    plot.getAxis("right").setWidth(56)
    return plot


def set_title(plot: pg.PlotItem, text: str) -> None:
    plot.setTitle(text, color="#333", size="10pt")


def marker_text(marker: Marker) -> str:
    kinds = {
        "goods.push": QCoreApplication.translate("charts", "Push"),
        "lottery.open": QCoreApplication.translate("charts", "Lottery open"),
        "lottery.draw": QCoreApplication.translate("charts", "Lottery draw"),
        "obs.scene": QCoreApplication.translate("charts", "Scene"),
        "moderation": QCoreApplication.translate("charts", "Moderation"),
    }
    return f"{kinds.get(marker.kind, marker.kind)} {marker.label}"


def add_markers(
    plots: Sequence[pg.PlotItem], markers: Sequence[Marker], *, labelled: pg.PlotItem | None
) -> list[tuple[pg.PlotItem, pg.InfiniteLine]]:
    """Vertical lines at each marker on every plot; labels only on ``labelled``."""
    lines: list[tuple[pg.PlotItem, pg.InfiniteLine]] = []
    for index, marker in enumerate(markers):
        colour = MARKER_COLOURS.get(marker.kind, "#555")
        for plot in plots:
            # The label is a format string to pyqtgraph: braces in a goods name must be doubled.
            label = marker_text(marker).replace("{", "{{").replace("}", "}}")
            line = pg.InfiniteLine(
                pos=marker.t,
                angle=90,
                movable=False,
                pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine),
                label=label if plot is labelled else None,
                # Three label heights in turn, so markers close together stay readable.
                labelOpts={
                    "position": 0.95 - 0.12 * (index % 3),
                    "color": colour,
                    "anchor": (0, 0),
                },
            )
            plot.addItem(line, ignoreBounds=True)
            lines.append((plot, line))
    return lines


def add_right_axis_curve(plot: pg.PlotItem, pen: object, label: str) -> pg.PlotDataItem:
    """A second curve on its own scale, read on a right-hand axis (e.g. likes next to
    comments per minute, which differ by an order of magnitude)."""
    view = pg.ViewBox()
    plot.getAxis("right").setStyle(showValues=True)
    plot.scene().addItem(view)
    plot.getAxis("right").linkToView(view)
    plot.getAxis("right").setLabel(label)
    view.setXLink(plot)
    view.enableAutoRange(axis="y")

    def follow() -> None:
        view.setGeometry(plot.vb.sceneBoundingRect())
        view.linkedViewChanged(plot.vb, view.XAxis)

    plot.vb.sigResized.connect(follow)
    curve = pg.PlotDataItem(pen=pen, skipFiniteCheck=True)
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    view.addItem(curve)
    follow()
    return curve
