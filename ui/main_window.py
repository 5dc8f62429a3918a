"""MainWindow: dock panels around one live session, status bar, and the saved dock layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog, QMainWindow, QWidget

from console.commands import CommandId
from console.events import Comment
from console.messages import Level, Message
from console.metrics import ShowMetrics
from console.paths import log_dir
from console.session import LiveSession
from console.show import Arrival
from ui.actions import ActionRunner, create_actions
from ui.bridge import ShowBridge
from ui.dialogs.settings import SettingsDialog
from ui.errors import describe_error
from ui.goods_panel import install_goods
from ui.lottery_panel import install as install_lottery
from ui.models.comment_model import CommentListModel
from ui.moderation_controller import ModerationController
from ui.names import connector_title
from ui.obs_panel import SCENE_COMMANDS, ObsController
from ui.obs_panel import install as install_obs
from ui.panels.audit_panel import AuditPanel
from ui.panels.comment_panel import CommentPanel
from ui.panels.dashboard_panel import DashboardPanel
from ui.persist import ui_settings
from ui.preferences import Preferences, save_preferences
from ui.relay_panel import install as install_relay
from ui.review_export import Exported, export_review
from ui.room_panel import install_room
from ui.show_history import ShowListDialog
from ui.status_bar import ShowStatusBar
from ui.text import arg
from ui.theme import apply_theme
from ui.workers import run_in_worker

LAYOUT_VERSION = 1


class MainWindow(QMainWindow):
    closing = Signal()
    settings_dialog_opened = Signal(object)  # the SettingsDialog, for connection panels to hook
    first_painted = Signal()  # once, when the comment feed is first on screen

    def __init__(
        self,
        session: LiveSession,
        prefs: Preferences | None = None,
        parent: QWidget | None = None,
        *,
        connect_obs: bool = False,
        obs_address: tuple[str, int] | None = None,
        obs_password: str | None = None,
    ) -> None:
        """``connect_obs``: show the OBS dock and connect to OBS (the app does; tests that are
        not about OBS leave it off so they never reach a developer's own OBS)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self.prefs = prefs or Preferences()
        self.metrics = ShowMetrics()
        self.setWindowTitle(
            arg(self.tr("LiveDesk Console — %1"), connector_title(session.connector.name))
        )
        self.setDockNestingEnabled(True)

        self.actions = create_actions(self, self.prefs.shortcuts)
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
        self.audit_panel = AuditPanel()
        self.audit_dock = self._add_dock(
            "auditDock",
            self.tr("Audit log"),
            self.audit_panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )

        self.status = ShowStatusBar(session, self.metrics, self)
        self.setStatusBar(self.status)
        self.runner.reported.connect(self.status.show_message)
        self.moderation = ModerationController(
            session, self.comment_panel, self.actions, self.runner, self
        )
        self._build_menus()
        self.obs: ObsController | None = None
        if connect_obs:
            self.obs = install_obs(self, address=obs_address, password=obs_password)
        self.goods = install_goods(self)
        self.room = install_room(self, obs=self.obs.service if self.obs is not None else None)
        self.lottery = install_lottery(self)
        self.relay = install_relay(self)
        self.relay.sources_changed.connect(self.comment_panel.update_local_note)
        self.relay.sources_changed.connect(self.moderation.sync_capabilities)
        self._build_obs_and_view_menus()
        self._arrange_docks()

        self.bridge = ShowBridge(session, self)
        self.bridge.events_arrived.connect(self._on_events_arrived)
        self.bridge.audits_arrived.connect(self.dashboard_panel.add_audits)
        self.bridge.audits_arrived.connect(self.audit_panel.add)
        self.bridge.message_posted.connect(self._on_message_posted)
        self.bridge.start()

        self.resize(1280, 800)
        self._restore_layout()
        self.painted = False
        self.comment_panel.view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            self.first_painted.emit()
        return False

    def _build_menus(self) -> None:
        app_menu = self.menuBar().addMenu(self.tr("&LiveDesk"))
        app_menu.addAction(self.actions[CommandId.APP_SETTINGS])
        app_menu.addAction(self.actions[CommandId.APP_LOG_FOLDER])
        app_menu.addSeparator()
        app_menu.addAction(self.tr("&Quit"), self.close)
        self.actions[CommandId.APP_SETTINGS].triggered.connect(self.open_settings)
        self.actions[CommandId.APP_LOG_FOLDER].triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))
        )
        show = self.menuBar().addMenu(self.tr("&Show"))
        show.addAction(self.actions[CommandId.SHOW_HISTORY])
        show.addAction(self.actions[CommandId.SHOW_REVIEW])
        self.actions[CommandId.SHOW_HISTORY].triggered.connect(self.open_history)
        self.actions[CommandId.SHOW_REVIEW].triggered.connect(self.export_review)
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

    def _build_obs_and_view_menus(self) -> None:
        if self.obs is not None:
            obs_menu = self.menuBar().addMenu(self.tr("&OBS"))
            for command in (
                CommandId.OBS_STREAM_TOGGLE,
                CommandId.OBS_RECORD_TOGGLE,
                CommandId.OBS_MIC_TOGGLE,
            ):
                obs_menu.addAction(self.actions[command])
            obs_menu.addSeparator()
            for command in SCENE_COMMANDS:
                obs_menu.addAction(self.actions[command])
        view = self.menuBar().addMenu(self.tr("&View"))
        for dock in self.findChildren(QDockWidget):
            view.addAction(dock.toggleViewAction())

    def _arrange_docks(self) -> None:
        """The default layout (a saved one replaces it): the comment feed on the left; on the
        right OBS on top and below it the dashboard, with the other panels as tabs."""
        right = Qt.DockWidgetArea.RightDockWidgetArea
        top = [self.obs.dock] if self.obs is not None else []
        tabs = [
            self.dashboard_dock,
            self.goods.dock,
            self.lottery.dock,
            self.room.dock,
            self.relay.dock,
            self.audit_dock,
        ]
        for dock in [*top, *tabs]:
            self.removeDockWidget(dock)
        for dock in [*top, tabs[0]]:
            self.addDockWidget(right, dock)
            dock.show()
        for dock in tabs[1:]:
            self.tabifyDockWidget(tabs[0], dock)
            dock.show()
        tabs[0].raise_()
        self.resizeDocks([self.comments_dock, tabs[0]], [480, 800], Qt.Orientation.Horizontal)
        if top:
            self.resizeDocks([top[0], tabs[0]], [230, 570], Qt.Orientation.Vertical)

    def _add_dock(
        self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # -- settings ----------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.prefs, self)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.chosen()))
        dialog.open_wechat_settings.connect(self.room.open_settings)
        dialog.open_relay_settings.connect(self.relay.open_settings)
        if self.obs is not None:
            dialog.open_obs_settings.connect(self.obs.open_settings)
        else:
            dialog.findChild(QWidget, "obsSettingsButton").setEnabled(False)
        self.settings_dialog_opened.emit(dialog)
        dialog.open()
        return dialog

    def apply_preferences(self, prefs: Preferences) -> None:
        """Save the preferences; theme and shortcuts apply now, the rest at the next start."""
        restart = (prefs.language, prefs.connector, prefs.db_url, prefs.operator) != (
            self.prefs.language,
            self.prefs.connector,
            self.prefs.db_url,
            self.prefs.operator,
        )
        self.prefs = prefs
        save_preferences(prefs)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, prefs.theme)
        for command, action in self.actions.items():
            action.setShortcut(QKeySequence(prefs.shortcut(command)))
        text = (
            self.tr("Settings saved; language, live room, operator and database apply next start.")
            if restart
            else self.tr("Settings saved.")
        )
        self.status.show_message(Level.INFO, text)

    # -- shows -------------------------------------------------------------------------------
    def open_history(self) -> ShowListDialog:
        dialog = ShowListDialog(self.session.engine, self)
        dialog.show()
        return dialog

    def export_review(self, out_dir: Path | None = None) -> None:
        """Write this show's review (so far) to a folder the operator picks."""
        show_id = self.session.writer.current_show_id
        if show_id is None:
            self.status.show_message(Level.ERROR, self.tr("The database is not open yet."))
            return
        if not isinstance(out_dir, Path):
            folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the review"))
            if not folder:
                return
            out_dir = Path(folder) / f"review-{show_id}"
        self.status.show_message(Level.INFO, self.tr("Exporting the review…"))
        writer = self.session.writer

        def done(result: Exported) -> None:
            self.status.show_message(
                Level.INFO, arg(self.tr("Review written to %1"), str(result.files[-1].parent))
            )

        def failed(error: Exception) -> None:
            self.status.show_message(
                Level.ERROR, arg(self.tr("Review export failed: %1"), describe_error(error))
            )

        run_in_worker(
            lambda: writer.flush(timeout=5.0),
            lambda _flushed: export_review(
                self.session.engine, show_id, out_dir, done, failed, context=self
            ),
            failed,
            context=self,
        )

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
