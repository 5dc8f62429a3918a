"""MainWindow: dock panels around one live session, status bar, and the saved dock layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from console.events import Comment, Event
from console.messages import Level, Message
from console.metrics import ShowMetrics
from console.session import LiveSession
from ui.bridge import ShowBridge
from ui.models.comment_model import CommentListModel
from ui.names import connector_title
from ui.panels.comment_panel import CommentPanel
from ui.panels.dashboard_panel import DashboardPanel
from ui.persist import ui_settings
from ui.status_bar import ShowStatusBar
from ui.text import arg

LAYOUT_VERSION = 1
MESSAGE_TIMEOUT_MS = {Level.INFO: 5000, Level.WARNING: 10000, Level.ERROR: 0}


class MainWindow(QMainWindow):
    closing = Signal()

    def __init__(self, session: LiveSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self.metrics = ShowMetrics()
        self.setWindowTitle(
            arg(self.tr("LiveDesk Console — %1"), connector_title(session.connector.name))
        )
        self.setDockNestingEnabled(True)

        self.comment_model = CommentListModel(parent=self)
        self.comment_panel = CommentPanel(self.comment_model)
        self.dashboard_panel = DashboardPanel(self.metrics)
        self.comments_dock = self._add_dock(
            "commentsDock",
            self.tr("Comments"),
            self.comment_panel,
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        self.dashboard_dock = self._add_dock(
            "dashboardDock",
            self.tr("Dashboard"),
            self.dashboard_panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )

        self.status = ShowStatusBar(session, self.metrics, self)
        self.setStatusBar(self.status)

        self.bridge = ShowBridge(session.show, session.messages, self)
        self.bridge.events_arrived.connect(self._on_events_arrived)
        self.bridge.message_posted.connect(self._on_message_posted)
        self.bridge.start()

        self.resize(1280, 800)
        self._restore_layout()

    def _add_dock(
        self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # -- live data -------------------------------------------------------------------------
    def _on_events_arrived(self, batch: list[Event]) -> None:
        self.metrics.add_many(batch)
        self.comment_panel.add_comments([e for e in batch if isinstance(e, Comment)])

    def _on_message_posted(self, message: Message, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_TIMEOUT_MS[message.level])

    # -- layout ----------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = ui_settings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state, LAYOUT_VERSION)

    def save_layout(self) -> None:
        settings = ui_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        self.bridge.stop()
        self.save_layout()
        super().closeEvent(event)
