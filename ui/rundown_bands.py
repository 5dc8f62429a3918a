"""The rundown's segments as bands on a chart: each segment's time on air shaded (every other
one a shade darker, so neighbours stay apart) and titled at the bottom (the markers' labels
are at the top), under the curves."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QColor

from console.rundown.review import SegmentResult

BAND_ALPHA = (22, 44)  # of the title colour, alternating


def add_segment_bands(
    plot: pg.PlotItem, segments: Sequence[SegmentResult], colour: QColor, end: float
) -> list[tuple[pg.LinearRegionItem, pg.TextItem]]:
    """A band per segment run from its start to its end (``end``: the show's, for one still
    on air when the console stopped); returns them for the caller (and tests) to see."""
    bands = []
    for number, segment in enumerate(segments):
        stop = segment.end_t if segment.end_t is not None else end
        if stop <= segment.t:
            continue
        fill = QColor(colour)
        fill.setAlpha(BAND_ALPHA[number % 2])
        region = pg.LinearRegionItem(
            values=(segment.t, stop), movable=False, brush=pg.mkBrush(fill), pen=pg.mkPen(None)
        )
        region.setZValue(-100)  # under the curves and the markers
        label = pg.TextItem(f"{segment.position}. {segment.title}", color=colour, anchor=(0, 1))
        label.setParentItem(region)
        plot.addItem(region)
        plot.vb.sigRangeChanged.connect(
            lambda _view, ranges, text=label, x=segment.t: text.setPos(x, ranges[1][0])
        )
        label.setPos(segment.t, plot.vb.viewRange()[1][0])
        bands.append((region, label))
    return bands
