"""MainWindow: the one place that builds the window — panels, their controllers, the docks,
the menus and the default layout — around a running LiveSession.

Panels are plain widgets; controllers get what they need explicitly (their service, their
panel, the command runner) and none of them knows this window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QRect,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from console.commands import COMMANDS, MUTE_PRESETS, PUSH_PRESETS, SCENE_PRESETS, CommandId, Entry
from console.continuation import ShowSoFar
from console.events import Comment
from console.messages import Level, Message
from console.metrics import ShowMetrics
from console.paths import log_dir
from console.platforms.relay import RelayConnector
from console.session import LiveSession
from console.show import Arrival
from console.storage.faults import StorageFault
from ui.bridge import CoreSignal, ShowBridge
from ui.controllers.commands import CommandActions, CommandRunner, keyable
from ui.controllers.goods import GoodsController
from ui.controllers.lottery import LotteryController
from ui.controllers.moderation import ModerationController
from ui.controllers.obs import ObsController
from ui.controllers.on_air import OnAirController
from ui.controllers.relay import RelayController
from ui.controllers.room import RoomController
from ui.controllers.rundown import RundownController
from ui.dialogs.settings import SettingsDialog
from ui.errors import describe_error
from ui.gui_thread import favour_gui_thread
from ui.models.comment_model import CommentListModel
from ui.models.goods_model import GoodsTableModel
from ui.names import connector_title
from ui.panels.audit_panel import AuditPanel
from ui.panels.comment_panel import CommentPanel
from ui.panels.continued_banner import ContinuedBanner
from ui.panels.dashboard_panel import DashboardPanel
from ui.panels.goods_panel import THUMBNAIL_PX, GoodsPanel
from ui.panels.lottery_panel import LotteryPanel
from ui.panels.obs_panel import ObsPanel
from ui.panels.on_air_bar import OnAirBar
from ui.panels.relay_panel import RelayIntro, RelayPanel
from ui.panels.room_panel import RoomPanel
from ui.panels.rundown_panel import RundownPanel
from ui.persist import ui_settings
from ui.preferences import Preferences, save_preferences
from ui.review_export import Exported, export_review
from ui.rundown_bands import LiveSegmentBands
from ui.session_stopper import SessionStopper
from ui.show_history import ShowListDialog
from ui.status_bar import ShowStatusBar
from ui.storage_state import fault_text
from ui.text import arg
from ui.theme import apply_theme
from ui.thumbnails import ThumbnailCache
from ui.view_commands import ViewId
from ui.workers import run_in_worker

LAYOUT_VERSION = 4  # 4: the rundown dock
# From this much screen width the dashboard gets a column of its own next to the goods.
WIDE_LAYOUT_PX = 1600
OBS_DOCK_PX = 300  # tall enough for the scene buttons, stream/record and the microphone

_MODERATION_MENU = (
    CommandId.COMMENT_DELETE,
    None,
    *MUTE_PRESETS,
    CommandId.USER_UNMUTE,
    CommandId.USER_BLOCK,
    ViewId.USER_CARD,
    None,
    CommandId.ROOM_BAN_ALL,
    None,
    ViewId.COMMENT_SEARCH,
    ViewId.RULES_EDIT,
    ViewId.FEED_JUMP,
)
_GOODS_MENU = (*PUSH_PRESETS, None, CommandId.GOODS_REFRESH, ViewId.GOODS_IMPORT_DIALOG)
_LOTTERY_MENU = (
    ViewId.LOTTERY_NEW,
    None,
    CommandId.LOTTERY_OPEN,
    CommandId.LOTTERY_CLOSE,
    CommandId.LOTTERY_DRAW,
    CommandId.LOTTERY_REROLL,
)
_OBS_MENU = (
    CommandId.OBS_STREAM_TOGGLE,
    CommandId.OBS_RECORD_TOGGLE,
    CommandId.OBS_RECORD_PAUSE_TOGGLE,
    CommandId.OBS_MIC_TOGGLE,
    None,
    CommandId.OBS_STUDIO_MODE,
    CommandId.OBS_TAKE,
    *SCENE_PRESETS,
    None,
    CommandId.OBS_REPLAY_TOGGLE,
    CommandId.OBS_REPLAY_SAVE,
    CommandId.OBS_VIRTUAL_CAMERA_TOGGLE,
    CommandId.OBS_STREAM_TARGET_RESTORE,
)
_RUNDOWN_MENU = (
    CommandId.RUNDOWN_NEXT,
    CommandId.RUNDOWN_PREVIOUS,
    CommandId.RUNDOWN_PAUSE,
    CommandId.RUNDOWN_SKIP,
)
_ROOM_MENU = (CommandId.ROOM_PUSH_URL, CommandId.OBS_STREAM_TARGET, CommandId.ROOM_SHARE_CODE)


def scrolling(panel: QWidget) -> QScrollArea:
    """A tall panel in a dock that scrolls, so that it does not make the docks it shares
    tabs with as tall (the lottery's winners list would take the goods' room)."""
    area = QScrollArea()
    area.setObjectName(f"{panel.objectName() or 'panel'}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(panel)
    return area


class MainWindow(QMainWindow):
    closing = Signal()  # the window starts to close: the session stops next
    saving_progress = Signal(int)  # items left to save, each second while quitting takes long
    settings_dialog_opened = Signal(object)  # the SettingsDialog, for tests to reach it
    first_painted = Signal()  # once, when the comment feed is first on screen

    def __init__(
        self,
        session: LiveSession,
        prefs: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        favour_gui_thread()  # the live feed must not wait for the GIL in a flood
        self.setObjectName("mainWindow")
        self.session = session
        self.prefs = prefs or Preferences()
        self.metrics = ShowMetrics()
        self.setWindowTitle(
            arg(self.tr("LiveDesk Console — %1"), connector_title(session.connector.name))
        )
        self.setDockNestingEnabled(True)
        self.actions = CommandActions(self, self.prefs.shortcuts)
        self.runner = CommandRunner(session.commands, self.actions, self)
        for command, spec in COMMANDS.items():
            if keyable(spec):
                self.runner.bind_action(command)

        self._build_panels()
        self.status = ShowStatusBar(session, self.metrics, self)
        self.setStatusBar(self.status)
        self.runner.reported.connect(self.status.show_message)
        self._build_controllers()
        self._build_top_bar()
        self._size_docks_when_shown = False
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        self._build_menus()
        self.arrange_docks()

        self.bridge = ShowBridge(session, self)
        self.bridge.events_arrived.connect(self._on_events_arrived)
        self.bridge.audits_arrived.connect(self.dashboard_panel.add_audits)
        self.bridge.audits_arrived.connect(self.audit_panel.add)
        self.bridge.message_posted.connect(self._on_message_posted)
        self.bridge.show_continued.connect(self._on_show_continued)
        self.bridge.start()
        session.add_quit_listener(CoreSignal(self.close_now, self))
        self._closing_now = False
        self.stopper: SessionStopper | None = None  # set once the window started to close
        self._session_stopped = False
        self.storage_dialog: QMessageBox | None = None
        session.add_storage_unusable_listener(CoreSignal(self._on_storage_unusable, self))

        self._restore_layout()
        if session.rundown.rundown is not None:  # started with a rundown: it is in front
            self.docks["rundownDock"].raise_()
        self.runner.refresh_availability()
        self.painted = False
        self.comment_panel.view.viewport().installEventFilter(self)

    # -- building --------------------------------------------------------------------------------
    def _build_panels(self) -> None:
        session = self.session
        self.comment_model = CommentListModel(parent=self)
        self.comment_panel = CommentPanel(self.comment_model, session.moderation)
        self.dashboard_panel = DashboardPanel(self.metrics)
        self.audit_panel = AuditPanel()
        self.thumbnails = ThumbnailCache(THUMBNAIL_PX, parent=self)
        goods_model = GoodsTableModel(self.thumbnails, session.goods.seconds_since_push, self)
        self.goods_panel = GoodsPanel(goods_model)
        self.lottery_panel = LotteryPanel()
        self.rundown_panel = RundownPanel()
        self.room_panel = RoomPanel(wechat=session.room is not None)
        connector = session.connector
        self.relay_connector = connector if isinstance(connector, RelayConnector) else None
        self.relay_widget = RelayPanel() if self.relay_connector is not None else RelayIntro()
        self.obs_panel = ObsPanel() if session.obs is not None else None
        self.on_air_bar = OnAirBar()
        self.continued_banner = ContinuedBanner()

    def _build_controllers(self) -> None:
        session, runner = self.session, self.runner
        self.moderation = ModerationController(
            session.moderation,
            session.people,
            session.writer,
            session.engine,
            self.comment_panel,
            runner,
            self,
        )
        self.goods = GoodsController(session.goods, self.goods_panel, self.thumbnails, runner, self)
        self.lottery = LotteryController(session.lottery, self.lottery_panel, runner, self)
        self.rundown = RundownController(
            session.rundown,
            session.prompter,
            session.goods,
            session.obs,
            self.rundown_panel,
            runner,
            self,
            LiveSegmentBands(self.dashboard_panel.plots, self.dashboard_panel.colours.title),
            session.show.clock,
        )
        self.room = RoomController(session.room, session.moderation, self.room_panel, runner, self)
        self.relay = RelayController(self.relay_connector, self.relay_widget, runner, self)
        if self.relay_connector is not None:  # sources joining change what is done here only
            update = CoreSignal(self.comment_panel.update_local_note, self, coalesce=True)
            self.relay_connector.add_sources_listener(update)
        self.on_air = OnAirController(session, self.on_air_bar, runner, self)
        runner.bind_button(self.continued_banner.new_show_button, CommandId.SHOW_NEW)
        self.obs: ObsController | None = None
        if session.obs is not None and self.obs_panel is not None:
            self.obs = ObsController(session.obs, self.obs_panel, runner, self)

    def _build_top_bar(self) -> None:
        """The on-air bar (and, for a continued show, its banner) above everything: a toolbar
        that cannot be moved, hidden or closed."""
        bar = QToolBar(self.tr("On air"), self)
        bar.setObjectName("onAirToolBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        bar.toggleViewAction().setVisible(False)
        top = QWidget(bar)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.on_air_bar)
        column.addWidget(self.continued_banner)
        bar.addWidget(top)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.on_air_toolbar = bar

    def _build_docks(self) -> None:
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        for name, title, widget in (
            ("commentsDock", self.tr("Comments"), self.comment_panel),
            ("obsDock", self.tr("OBS"), self.obs_panel),
            ("dashboardDock", self.tr("Dashboard"), self.dashboard_panel),
            ("goodsDock", self.tr("Goods"), self.goods_panel),
            ("lotteryDock", self.tr("Lottery"), scrolling(self.lottery_panel)),
            ("rundownDock", self.tr("Rundown"), self.rundown_panel),
            ("roomDock", self.tr("Room"), self.room_panel),
            ("relayDock", self.tr("Relay"), self.relay_widget),
            ("auditDock", self.tr("Audit log"), self.audit_panel),
        ):
            if widget is None:
                continue
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            dock.setWidget(widget)
            self.addDockWidget(left, dock)
            self.docks[name] = dock
        self.comments_dock = self.docks["commentsDock"]
        self.dashboard_dock = self.docks["dashboardDock"]
        self.docks["roomDock"].visibilityChanged.connect(self.room.set_on_screen)

    def _build_menus(self) -> None:
        a = self.actions
        app_menu = self.menuBar().addMenu(self.tr("&LiveDesk"))
        self._fill(app_menu, (ViewId.APP_SETTINGS, ViewId.APP_LOG_FOLDER, None, CommandId.APP_QUIT))
        a[ViewId.APP_SETTINGS].triggered.connect(self.open_settings)
        a[ViewId.APP_LOG_FOLDER].triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))
        )
        show = self.menuBar().addMenu(self.tr("&Show"))
        self._fill(
            show,
            (ViewId.SHOW_HISTORY, ViewId.SHOW_REVIEW, None, CommandId.SHOW_NEW, CommandId.SHOW_END),
        )
        a[ViewId.SHOW_HISTORY].triggered.connect(self.open_history)
        a[ViewId.SHOW_REVIEW].triggered.connect(self.export_review)
        self._fill(self.menuBar().addMenu(self.tr("&Moderation")), _MODERATION_MENU)
        self._fill(self.menuBar().addMenu(self.tr("&Goods")), _GOODS_MENU)
        self._fill(self.menuBar().addMenu(self.tr("L&ottery")), _LOTTERY_MENU)
        self._fill(self.menuBar().addMenu(self.tr("R&undown")), _RUNDOWN_MENU)
        if self.obs is not None:
            self._fill(self.menuBar().addMenu(self.tr("O&BS")), _OBS_MENU)
        if self.session.room is not None:
            self._fill(self.menuBar().addMenu(self.tr("&Room")), _ROOM_MENU)
        view = self.menuBar().addMenu(self.tr("&View"))
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        view.addAction(a[ViewId.LAYOUT_RESET])
        a[ViewId.LAYOUT_RESET].triggered.connect(self.arrange_docks)

    def _fill(self, menu: QMenu, items: tuple[CommandId | ViewId | None, ...]) -> None:
        for item in items:
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[item])

    def arrange_docks(self) -> None:
        """The default layout (a saved one replaces it; View → Reset the layout brings it
        back). The comment feed on the left. On a small screen (1366×768) OBS on the right
        with the goods under it, the other panels as tabs behind the goods; from
        ``WIDE_LAYOUT_PX`` the goods get a column of their own and the dashboard sits under
        OBS (the relay under the dashboard when the session runs on it)."""
        docks = self.docks
        for dock in docks.values():
            self.removeDockWidget(dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.comments_dock)
        goods, obs = docks["goodsDock"], docks.get("obsDock")
        dashboard, relay = docks["dashboardDock"], docks["relayDock"]
        wide = self._screen_area().width() >= WIDE_LAYOUT_PX
        vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
        if wide:
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, goods)
            if obs is not None:
                self.splitDockWidget(goods, obs, horizontal)
                self.splitDockWidget(obs, dashboard, vertical)
            else:
                self.splitDockWidget(goods, dashboard, horizontal)
            apart = [dashboard] + ([relay] if self.relay_connector is not None else [])
            if relay in apart:
                self.splitDockWidget(dashboard, relay, vertical)
        else:
            apart = []
            if obs is not None:
                self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, obs)
                self.splitDockWidget(obs, goods, vertical)
            else:
                self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, goods)
        tabbed = (
            "dashboardDock",
            "lotteryDock",
            "rundownDock",
            "roomDock",
            "relayDock",
            "auditDock",
        )
        for name in tabbed:
            if docks[name] not in apart:
                self.tabifyDockWidget(goods, docks[name])
        for dock in docks.values():
            dock.show()
        goods.raise_()
        if self.isVisible():
            self._size_docks()
        else:  # docks take sizes once the window has its own (maximized, restored)
            self._size_docks_when_shown = True

    def _size_docks(self) -> None:
        """Share the space among the docks of the default layout (Qt scales sizes that do
        not add up to the space there is, so they are made to)."""
        docks = self.docks
        goods, obs, dashboard = docks["goodsDock"], docks.get("obsDock"), docks["dashboardDock"]
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        if self._screen_area().width() >= WIDE_LAYOUT_PX:
            side = obs or dashboard
            row = [self.comments_dock, goods, side]
            width = sum(dock.width() for dock in row)
            self.resizeDocks(
                row, [width * 27 // 100, width * 33 // 100, width * 40 // 100], horizontal
            )
            column = [obs, dashboard] if obs is not None else []
        else:
            row = [self.comments_dock, goods]
            width = sum(dock.width() for dock in row)
            self.resizeDocks(row, [width * 37 // 100, width * 63 // 100], horizontal)
            column = [obs, goods] if obs is not None else []
        if column:
            height = sum(dock.height() for dock in column)
            self.resizeDocks(column, [OBS_DOCK_PX, max(0, height - OBS_DOCK_PX)], vertical)
        self.layout().activate()  # now, not at some later relayout (a click would miss)

    def _screen_area(self) -> QRect:
        """The part of the window's screen that windows may use (no taskbar, no dock)."""
        screen = self.screen() or QApplication.primaryScreen()
        return screen.availableGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.painted and event.type() == QEvent.Type.Paint:
            self.painted = True
            # Every event of the feed's viewport would come through Python, GIL and all.
            watched.removeEventFilter(self)
            self.first_painted.emit()
            if self._size_docks_when_shown:  # the window has its size now (maximized)
                self._size_docks_when_shown = False
                QTimer.singleShot(0, self._size_docks)
        return False

    # -- settings ----------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.prefs, self)
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.chosen()))
        dialog.open_wechat_settings.connect(self.room.open_settings)
        dialog.open_relay_settings.connect(self.relay.open_settings)
        if self.obs is not None:
            dialog.open_obs_settings.connect(self.obs.open_settings)
        else:
            dialog.connection_buttons["obsSettingsButton"].setEnabled(False)
        self.settings_dialog_opened.emit(dialog)
        dialog.open()
        return dialog

    def apply_preferences(self, prefs: Preferences) -> None:
        """Save the preferences; theme and shortcuts apply now, the rest at the next start."""
        later = ("language", "connector", "db_url", "operator", "role")  # at the next start
        restart = any(getattr(prefs, name) != getattr(self.prefs, name) for name in later)
        self.prefs = prefs
        save_preferences(prefs)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, prefs.theme)
        self.actions.rebind(prefs.shortcuts)
        text = (
            self.tr(
                "Settings saved; language, live room, operator, role and database apply next start."
            )
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

    def _on_show_continued(self, so_far: ShowSoFar) -> None:
        """A show continued after a restart: draw what it held before any new event."""
        self.metrics.take_over(so_far.metrics)
        self.comment_panel.add_arrivals(so_far.recent)
        self.comment_panel.update_hidden_counts()
        self.dashboard_panel.add_audits(so_far.audits)
        self.audit_panel.add(so_far.audits)
        self.continued_banner.show_continued(
            so_far.show_id, so_far.started_at, so_far.last_t, clean=so_far.clean
        )

    def _on_message_posted(self, message: Message, text: str) -> None:
        self.status.show_message(message.level, text)

    # -- layout ----------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        """The saved size, place and docks; maximized on the first start and when the saved
        size does not fit the screen (a laptop after a desk monitor). restoreGeometry keeps a
        window on a screen (the one it was on may be unplugged) but only shrinks a big one."""
        settings = ui_settings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        size = settings.value("window/size")  # restoreGeometry shrinks one that does not fit
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            area = self._screen_area()
            if isinstance(size, QSize) and (
                size.width() > area.width() or size.height() > area.height()
            ):
                self.setWindowState(Qt.WindowState.WindowMaximized)
        else:
            self.setWindowState(Qt.WindowState.WindowMaximized)
        if isinstance(state, QByteArray) and self.restoreState(state, LAYOUT_VERSION):
            self._size_docks_when_shown = False  # the saved sizes stand

    def save_layout(self) -> None:
        settings = ui_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/size", self.normalGeometry().size())
        settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        settings.sync()

    def close_now(self) -> None:
        """Close without asking: the operator confirmed a quit already, a timed run ended, or
        the system asks the console to stop (SIGTERM)."""
        self._closing_now = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing stops the session first (on a thread: it commits what waits, with a
        progress dialog when that takes more than a second); the window closes once it has."""
        if self._session_stopped:
            super().closeEvent(event)
            return
        event.ignore()
        if self.stopper is not None:
            return  # stopping already
        if not self._closing_now and self.session.commands.needs_confirmation(CommandId.APP_QUIT):
            # Streaming, or the database has not taken everything: quitting asks first (the
            # quit command asks, and closes the window once the operator confirmed).
            self.runner.run(CommandId.APP_QUIT, {}, Entry.MENU)
            return
        self.closing.emit()
        self.bridge.stop()
        self.room.shutdown()
        self.save_layout()
        self.stopper = SessionStopper(self.session, self)
        self.stopper.progress.connect(self.saving_progress)
        self.stopper.finished.connect(self._on_session_stopped)
        self.stopper.start()

    def _on_session_stopped(self, _saved: bool) -> None:
        self._session_stopped = True
        self.close()

    def _on_storage_unusable(self, fault: StorageFault) -> None:
        """The database cannot be opened: say so once, plainly, and let the operator go on
        without recording (OBS, the room) or quit."""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("This show cannot be recorded"),
            "\n\n".join(
                (
                    fault_text(fault),
                    self.tr(
                        "Live events are not taken in and nothing of this show is saved. "
                        "OBS and the room controls still work."
                    ),
                    self.tr(
                        "Free the database or choose another one in Settings, then start "
                        "LiveDesk again."
                    ),
                )
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("storageUnusableDialog")
        box.addButton(self.tr("Go on without recording"), QMessageBox.ButtonRole.RejectRole)
        quit_button = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.AcceptRole)
        quit_button.clicked.connect(self.close_now)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.storage_dialog = box
        box.open()
