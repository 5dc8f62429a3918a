"""Exporting the review (复盘): charts drawn with the dashboard's pieces, plus CSV and HTML.

Charts are QGraphics drawings, so they are rendered to images on the GUI thread; building the
report (database reads) and writing files happen elsewhere: on a worker thread in the app,
in sequence for the ``livedesk review`` command.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QSize
from PySide6.QtGui import QImage

from console.paths import default_db_url
from console.review import ShowReport, build_report, latest_show_id, write_csv_files, write_html
from console.storage.database import create_db_engine, migrate, sqlite_file
from console.storage.faults import classify, is_database_error
from ui.charts import (
    ChartColours,
    add_markers,
    add_right_axis_curve,
    new_plot,
    series_pen,
    show_series,
    show_time_range,
)
from ui.rundown_bands import add_segment_bands
from ui.theme import load_palette
from ui.workers import run_in_worker

CHART_SIZE = QSize(1200, 380)
# Twice the live dashboard's width: a report's charts are drawn once (cost does not matter)
# and often shown scaled down, where one-pixel lines fade.
PRINT_PEN_WIDTH = 2


@dataclass(frozen=True, slots=True)
class Exported:
    report: ShowReport
    files: list[Path]


def _tr(text: str) -> str:
    return QCoreApplication.translate("review", text)


def render_charts(report: ShowReport) -> dict[str, bytes]:
    """Chart title -> PNG data (GUI thread). Encoded here, not by the worker that writes the
    files: Qt's image writers create QObjects, and a worker doing that while it holds Python's
    GIL can deadlock with the GUI thread (see ui.workers). In the light theme's colours
    whatever the app shows: the report is a page with a white background."""
    m = report.metrics
    colours = ChartColours.of(load_palette("light"))
    online, likes, comments = (
        series_pen(colour, PRINT_PEN_WIDTH)
        for colour in (colours.online, colours.likes, colours.comments)
    )
    end = max(m.seconds, 1)
    columns = CHART_SIZE.width()
    charts: dict[str, bytes] = {}
    specs: list[tuple[str, Callable[[pg.PlotItem], None]]] = [
        (
            QCoreApplication.translate("ReviewCharts", "Online viewers"),
            lambda plot: show_series(plot.plot(pen=online), m.online(), 0, end, columns),
        ),
        (
            QCoreApplication.translate("ReviewCharts", "Likes (cumulative)"),
            lambda plot: show_series(plot.plot(pen=likes), m.likes_cumulative(), 0, end, columns),
        ),
        (
            QCoreApplication.translate(
                "ReviewCharts", "Comments per minute (left) and likes per minute (right)"
            ),
            lambda plot: (
                show_series(plot.plot(pen=comments), m.comments_per_minute(), 0, end, columns),
                show_series(
                    add_right_axis_curve(plot, likes, ""),
                    m.likes_per_minute(),
                    0,
                    end,
                    columns,
                ),
            ),
        ),
    ]
    for title, draw in specs:
        view = pg.GraphicsLayoutWidget()
        view.setBackground(colours.background)
        view.resize(CHART_SIZE)
        plot = new_plot(view.ci, 0, title, colours)
        draw(plot)
        show_time_range(plot, 0, end)
        add_segment_bands(plot, report.segments, colours.title, end)
        add_markers([plot], report.markers, colours, labelled=plot)
        view.show()  # offscreen in the review command; laid out before grabbing
        QCoreApplication.processEvents()
        charts[title] = png_bytes(view.grab().toImage())
        view.close()
        view.deleteLater()
    return charts


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("the chart could not be encoded as PNG")
    buffer.close()
    return data.data()


def write_files(report: ShowReport, charts: dict[str, bytes], out_dir: Path) -> list[Path]:
    """PNG charts, CSV files and report.html into ``out_dir`` (any thread; no Qt)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    files: list[Path] = []
    for number, (title, png) in enumerate(charts.items(), 1):
        path = out_dir / f"chart{number}.png"
        path.write_bytes(png)
        names[title] = path.name
        files.append(path)
    files.extend(write_csv_files(report, out_dir))
    files.append(write_html(report, out_dir, names, _tr))
    return files


def export_review(
    engine: object,
    show_id: int,
    out_dir: Path,
    on_done: Callable[[Exported], None],
    on_error: Callable[[Exception], None],
    *,
    context: QObject,
) -> None:
    """In the app: read on a worker, draw on the GUI thread, write on a worker; the callbacks
    are dropped if ``context`` (the window asking) is gone by then."""

    def drawn(report: ShowReport) -> None:
        try:
            charts = render_charts(report)
        except Exception as exc:
            on_error(exc)
            return
        run_in_worker(
            lambda: Exported(report, write_files(report, charts, out_dir)),
            on_done,
            on_error,
            context=context,
        )

    run_in_worker(lambda: build_report(engine, show_id), drawn, on_error, context=context)  # type: ignore[arg-type]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="livedesk review",
        description="Write the review (复盘) of a show: report.html, PNG charts and CSV data.",
    )
    parser.add_argument("show_id", nargs="?", type=int, help="the show (default: the latest)")
    parser.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: yours)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    return parser


def main(argv: Sequence[str]) -> int:
    """``livedesk review [SHOW_ID] [--db URL] --out DIR``: runs without a window."""
    args = build_parser().parse_args(argv)
    engine = create_db_engine(args.db or default_db_url())
    try:
        migrate(engine)
        show_id = args.show_id if args.show_id is not None else latest_show_id(engine)
        if show_id is None:
            print("livedesk review: this database holds no show yet", file=sys.stderr)
            return 1
        report = build_report(engine, show_id)
    except LookupError as exc:
        print(f"livedesk review: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        if not is_database_error(exc):
            raise
        fault = classify(exc, sqlite_file(engine))
        print(f"livedesk review: cannot read the database: {fault.summary}", file=sys.stderr)
        return 1
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_translators

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translators(app)
    files = write_files(report, render_charts(report), args.out)
    print(f"review of show {show_id}: {len(files)} files in {args.out}")
    for path in files:
        print(f"  {path}")
    return 0
