"""The rundown's segments as bands on charts: each segment's time on air shaded (every other
one a shade darker, so neighbours stay apart) and titled at the bottom (the markers' labels
are at the top), under the curves. The review's charts draw them once (``add_segment_bands``);
the live dashboard's follow the run (``LiveSegmentBands``)."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QColor

from console.rundown.review import SegmentResult
from console.rundown.service import Aired

BAND_ALPHA = (22, 44)  # of the title colour, alternating
Span = tuple[int, str, float, float]  # position, title, start, end (show time)


def _spans(runs: Sequence[tuple[int, str, float, float | None]], end: float) -> list[Span]:
    """Each run from its start to its end: a run with none ends where the next one starts,
    the last one at ``end`` (on air now, or when the console stopped)."""
    spans = []
    for number, (position, title, t, end_t) in enumerate(runs):
        following = runs[number + 1][2] if number + 1 < len(runs) else end
        stop = end_t if end_t is not None else following
        on_air = end_t is None and number == len(runs) - 1  # drawn from its first moment
        if stop > t or on_air:
            spans.append((position, title, t, max(stop, t)))
    return spans


def _band(
    plot: pg.PlotItem, span: Span, shade: int, colour: QColor, *, titled: bool
) -> tuple[pg.LinearRegionItem, pg.TextItem | None]:
    position, title, start, stop = span
    fill = QColor(colour)
    fill.setAlpha(BAND_ALPHA[shade % 2])
    region = pg.LinearRegionItem(
        values=(start, stop), movable=False, brush=pg.mkBrush(fill), pen=pg.mkPen(None)
    )
    region.setZValue(-100)  # under the curves and the markers
    plot.addItem(region)
    if not titled:
        return region, None
    label = pg.TextItem(f"{position}. {title}", color=colour, anchor=(0, 1))
    label.setParentItem(region)
    label.setPos(start, plot.vb.viewRange()[1][0])  # the live bands follow the range (show)
    return region, label


def add_segment_bands(
    plot: pg.PlotItem, segments: Sequence[SegmentResult], colour: QColor, end: float
) -> list[tuple[pg.LinearRegionItem, pg.TextItem]]:
    """A titled band per segment run on ``plot`` (``end``: the show's); returns them."""
    runs = [(s.position, s.title, s.t, s.end_t) for s in segments]
    bands = []
    for shade, span in enumerate(_spans(runs, end)):
        region, label = _band(plot, span, shade, colour, titled=True)
        assert label is not None
        bands.append((region, label))
    return bands


class LiveSegmentBands:
    """Bands on the dashboard's stacked plots (titled on the first), redrawn when a segment
    starts or ends; the one on air grows with the show."""

    def __init__(self, plots: Sequence[pg.PlotItem], colour: QColor) -> None:
        self.plots = tuple(plots)
        self.colour = colour
        self._drawn: tuple[Aired, ...] = ()
        self.bands: list[tuple[pg.LinearRegionItem, ...]] = []  # per span: one per plot
        self._labels: list[tuple[float, pg.TextItem]] = []

    def show(self, aired: Sequence[Aired], now_t: float) -> None:
        runs = tuple(aired)
        if runs != self._drawn:
            self._redraw(runs, now_t)
        elif runs and runs[-1].end_t is None and self.bands:
            for region in self.bands[-1]:  # the segment on air reaches to now
                start, _stop = region.getRegion()
                region.setRegion((start, max(now_t, start)))
        bottom = self.plots[0].vb.viewRange()[1][0] if self.plots else 0.0
        for start, label in self._labels:  # at the bottom of the curves' range as it changes
            label.setPos(start, bottom)

    def _redraw(self, runs: tuple[Aired, ...], now_t: float) -> None:
        for regions in self.bands:
            for plot, region in zip(self.plots, regions, strict=True):
                plot.removeItem(region)
        self.bands, self._labels = [], []
        spans = _spans([(a.position, a.title, a.t, a.end_t) for a in runs], now_t)
        for shade, span in enumerate(spans):
            drawn = [
                _band(plot, span, shade, self.colour, titled=number == 0)
                for number, plot in enumerate(self.plots)
            ]
            self.bands.append(tuple(region for region, _label in drawn))
            self._labels.extend((span[2], label) for _r, label in drawn if label is not None)
        self._drawn = runs
