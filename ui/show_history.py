"""Past shows: a list to pick from, a read-only dashboard of one, and its review export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from console.metrics import ShowMetrics
from console.review import load_metrics
from console.storage.models import AuditEntry
from console.storage.queries import ShowSummary, audit_entries, list_shows
from console.timefmt import show_clock
from ui.errors import describe_error
from ui.panels.dashboard_panel import DashboardPanel
from ui.placement import fit_when_shown
from ui.review_export import Exported, export_review
from ui.text import arg
from ui.workers import run_in_worker


class ShowListDialog(QDialog):
    """The stored shows, newest first; opening one shows its dashboard."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("showListDialog")
        self.setWindowTitle(self.tr("Past shows"))
        self.engine = engine
        self.shows: list[ShowSummary] = []
        self.viewers: list[ShowViewer] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("showTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Show"),
                self.tr("Started"),
                self.tr("Source"),
                self.tr("Length"),
                self.tr("Comments"),
            ]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        # Open keeps the list open, to open another show; Close (or Esc) closes it.
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close, self
        )
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setObjectName("openShow")
        self.buttons.accepted.connect(self.open_selected)
        self.buttons.rejected.connect(self.reject)
        self.status_label = QLabel(self.tr("Loading…"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        self.resize(640, 420)
        fit_when_shown(self)
        run_in_worker(lambda: list_shows(engine), self._loaded, self._failed, context=self)

    def _loaded(self, shows: list[ShowSummary]) -> None:
        self.shows = shows
        self.table.setRowCount(len(shows))
        for row, show in enumerate(shows):
            cells = (
                f"#{show.show_id} {show.title}".strip(),
                show.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                show.connector,
                show_clock(show.length_s),
                f"{show.comments:,}",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if shows:
            self.table.selectRow(0)
        self.status_label.setText(arg(self.tr("%1 show(s)"), len(shows)))

    def _failed(self, error: Exception) -> None:
        self.status_label.setText(arg(self.tr("Could not load: %1"), describe_error(error)))

    def open_selected(self) -> ShowViewer | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.shows):
            return None
        viewer = ShowViewer(self.engine, self.shows[row], self)
        self.viewers.append(viewer)
        viewer.show()
        return viewer


class ShowViewer(QMainWindow):
    """One stored show's dashboard, read-only, with "export review"."""

    def __init__(self, engine: Engine, show: ShowSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("showViewer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.engine = engine
        self.show_id = show.show_id
        self.setWindowTitle(arg(self.tr("Show #%1 (read-only)"), show.show_id))
        self.dashboard = DashboardPanel(ShowMetrics(), live=False)
        self.export_button = QPushButton(self.tr("Export review…"), self)
        self.export_button.setObjectName("exportReview")
        self.export_button.clicked.connect(self.choose_and_export)
        self.status_label = QLabel(self.tr("Loading…"), self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        bar = QHBoxLayout()
        bar.addWidget(self.status_label, 1)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        layout.addWidget(self.dashboard, 1)
        self.setCentralWidget(central)
        self.resize(1000, 720)
        fit_when_shown(self)
        run_in_worker(
            lambda: (load_metrics(engine, show.show_id), audit_entries(engine, show.show_id)),
            self._loaded,
            lambda error: self.status_label.setText(describe_error(error)),
            context=self,
        )

    def _loaded(self, loaded: tuple[ShowMetrics, list[AuditEntry]]) -> None:
        metrics, audit = loaded
        self.dashboard.metrics = metrics
        self.dashboard.add_audits(audit)
        self.dashboard.refresh()
        self.status_label.setText(arg(self.tr("Show length %1"), show_clock(metrics.seconds)))

    def choose_and_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the review"))
        if folder:
            self.export_to(Path(folder) / f"review-{self.show_id}")

    def export_to(self, out_dir: Path) -> None:
        self.export_button.setEnabled(False)
        self.status_label.setText(self.tr("Exporting…"))
        export_review(
            self.engine, self.show_id, out_dir, self._exported, self._export_failed, context=self
        )

    def _exported(self, result: Exported) -> None:
        self.export_button.setEnabled(True)
        self.status_label.setText(
            arg(self.tr("Review written to %1"), str(result.files[-1].parent))
        )

    def _export_failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        self.status_label.setText("")
        QMessageBox.warning(self, self.tr("Export failed"), describe_error(error))
