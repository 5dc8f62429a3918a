"""DashboardPanel: live curves of online viewers and cumulative likes (pyqtgraph).

Curves redraw on a timer only when the metrics changed, with peak downsampling and
clip-to-view so a six-hour show (21,600 one-second points) costs the same as a short one.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from console.metrics import ShowMetrics
from console.timefmt import show_clock
from ui.text import arg

REDRAW_INTERVAL_MS = 250


class ShowTimeAxis(pg.AxisItem):
    """X axis labelled in show time (mm:ss / h:mm:ss) instead of raw seconds."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [show_clock(v) for v in values]


class DashboardPanel(QWidget):
    def __init__(self, metrics: ShowMetrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPanel")
        self.metrics = metrics
        self._drawn_version = -1

        self.graphics = pg.GraphicsLayoutWidget(self)
        self.graphics.setBackground("w")
        self.viewers_plot = self._add_plot(0, self.tr("Online viewers"))
        self.likes_plot = self._add_plot(1, self.tr("Likes (cumulative)"))
        self.likes_plot.setXLink(self.viewers_plot)
        self.viewers_curve = self.viewers_plot.plot(pen=pg.mkPen("#1f6fd1", width=2))
        self.likes_curve = self.likes_plot.plot(pen=pg.mkPen("#e0523a", width=2))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)

        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def _add_plot(self, row: int, title: str) -> pg.PlotItem:
        plot = self.graphics.addPlot(row=row, col=0, axisItems={"bottom": ShowTimeAxis("bottom")})
        _set_title(plot, title)
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setDownsampling(auto=True, mode="peak")
        plot.setClipToView(True)
        plot.setMouseEnabled(x=True, y=False)
        plot.enableAutoRange(axis="y")
        return plot

    def refresh(self) -> None:
        """Redraw the curves if new data arrived since the last redraw."""
        if self.metrics.version == self._drawn_version:
            return
        self._drawn_version = self.metrics.version
        x = self.metrics.time_axis()
        self.viewers_curve.setData(x, self.metrics.online())
        self.likes_curve.setData(x, self.metrics.likes_cumulative())
        online = f"{self.metrics.current_online():,}"
        likes = f"{self.metrics.total_likes():,}"
        _set_title(self.viewers_plot, arg(self.tr("Online viewers: %1"), online))
        _set_title(self.likes_plot, arg(self.tr("Likes (cumulative): %1"), likes))


def _set_title(plot: pg.PlotItem, text: str) -> None:
    plot.setTitle(text, color="#333", size="10pt")
