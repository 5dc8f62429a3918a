"""MainWindow: dock panels around one live session, status bar, and the saved dock layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from console.commands import CommandId
from console.events import Comment
from console.messages import Message
from console.metrics import ShowMetrics
from console.session import LiveSession
from console.show import Arrival
from ui.actions import ActionRunner, create_actions
from ui.bridge import ShowBridge
from ui.models.comment_model import CommentListModel
from ui.moderation_controller import ModerationController
from ui.names import connector_title
from ui.panels.comment_panel import CommentPanel
from ui.panels.dashboard_panel import DashboardPanel
from ui.persist import ui_settings
from ui.status_bar import ShowStatusBar
from ui.text import arg

LAYOUT_VERSION = 1


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

        self.actions = create_actions(self)
        self.runner = ActionRunner(self)
        self.comment_model = CommentListModel(parent=self)
        self.comment_panel = CommentPanel(self.comment_model, session.moderation)
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
        self.runner.reported.connect(self.status.show_message)
        self.moderation = ModerationController(
            session, self.comment_panel, self.actions, self.runner, self
        )
        self._build_menus()

        self.bridge = ShowBridge(session, self)
        self.bridge.events_arrived.connect(self._on_events_arrived)
        self.bridge.message_posted.connect(self._on_message_posted)
        self.bridge.start()

        self.resize(1280, 800)
        self._restore_layout()

    def _build_menus(self) -> None:
        moderation = self.menuBar().addMenu(self.tr("&Moderation"))
        for command in (
            CommandId.COMMENT_DELETE,
            None,
            CommandId.USER_MUTE_1M,
            CommandId.USER_MUTE_10M,
            CommandId.USER_MUTE_1H,
            CommandId.USER_MUTE_SHOW,
            CommandId.USER_UNMUTE,
            CommandId.USER_BLOCK,
            CommandId.USER_CARD,
            None,
            CommandId.ROOM_BAN_ALL,
            None,
            CommandId.COMMENT_SEARCH,
            CommandId.RULES_EDIT,
            CommandId.FEED_JUMP,
        ):
            if command is None:
                moderation.addSeparator()
            else:
                moderation.addAction(self.actions[command])
        view = self.menuBar().addMenu(self.tr("&View"))
        for dock in (self.comments_dock, self.dashboard_dock):
            view.addAction(dock.toggleViewAction())

    def _add_dock(
        self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # -- live data -------------------------------------------------------------------------
    def _on_events_arrived(self, batch: list[Arrival]) -> None:
        self.metrics.add_many(a.event for a in batch)
        self.comment_panel.add_arrivals([a for a in batch if isinstance(a.event, Comment)])
        self.comment_panel.update_hidden_counts()

    def _on_message_posted(self, message: Message, text: str) -> None:
        self.status.show_message(message.level, text)

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
