"""The review's charts shade each rundown segment's time on air and title it."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor

from console.rundown.review import SegmentResult
from ui.charts import ChartColours, new_plot
from ui.rundown_bands import add_segment_bands
from ui.theme import load_palette


def segment(position: int, title: str, t: float, end_t: float | None) -> SegmentResult:
    return SegmentResult(position, title, 0, 60, 0, 60, t, end_t, 0.0, 0, 0, (), ())


def test_each_segment_is_a_titled_band_from_its_start_to_its_end(qapp) -> None:  # type: ignore[no-untyped-def]
    view = pg.GraphicsLayoutWidget()
    colours = ChartColours.of(load_palette("light"))
    plot = new_plot(view.ci, 0, "", colours)
    segments = [
        segment(1, "暖场", 0, 300),
        segment(2, "商品讲解 1", 300, 780),
        segment(4, "引导关注", 780, None),  # on air when the console stopped
    ]
    bands = add_segment_bands(plot, segments, QColor("#333333"), end=900)
    assert [region.getRegion() for region, _label in bands] == [
        (0, 300),
        (300, 780),
        (780, 900),
    ]
    assert [label.toPlainText() for _r, label in bands] == [
        "1. 暖场",
        "2. 商品讲解 1",
        "4. 引导关注",
    ]
    shades = {region.brush.color().alpha() for region, _label in bands[:2]}
    assert len(shades) == 2  # neighbours apart
    assert all(region in plot.items for region, _label in bands)
    view.deleteLater()
