"""The OBS dock: ObsPanel (the widgets), ObsController (wires them to OBS) and install().

The panel only draws what it is given and reports clicks. The controller keeps what OBS last
told it (scenes, inputs, sources of the current scene, stream and record state), applies OBS
events as they come, and sends every operator action through ObsService on its own serial
worker, so a slow OBS never holds up the GUI or the comment moderation queue.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QDockWidget,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.commands import CommandId
from console.errors import OperatorError
from console.log import obs as log
from console.messages import Level
from console.moderation import Job, Outcome
from console.obs_service import ObsService
from console.secrets import delete_secret, get_secret, secure_store_available, set_secret
from console.timefmt import show_clock
from obs_bridge import ConnectionState, InputState, ObsSnapshot, SceneItem
from ui.actions import ActionRunner
from ui.dialogs.obs_settings import ObsConnectionSettings, ObsSettingsDialog
from ui.errors import describe_error
from ui.obs_adapter import ObsAdapter, ObsHealth
from ui.persist import ui_settings
from ui.text import arg
from ui.workers import run_in_worker

if TYPE_CHECKING:
    from ui.main_window import MainWindow

DEFAULT_ADDRESS = ("127.0.0.1", 4455)
SCENE_COMMANDS = tuple(CommandId(f"obs.scene.{n}") for n in range(1, 9))
CLOCK_INTERVAL_MS = 1000
MAX_SCENE_COLUMNS = 4
MIN_SCENE_BUTTON_WIDTH = 110
SIDE_BY_SIDE_WIDTH = 460  # audio and sources side by side from this panel width, else stacked
# The supervisor's detail while it waits to retry ends like this (obs_bridge/supervisor.py).
_NEXT_TRY = re.compile(r"Next try in ([0-9.]+) s\.$")

STATE_COLOURS = {
    ConnectionState.CONNECTED: "#1d6b2f",
    ConnectionState.CONNECTING: "#9a5b00",
    ConnectionState.RECONNECTING: "#9a5b00",
    ConnectionState.FAILED: "#c0262d",
    ConnectionState.DISCONNECTED: "#6b6b6b",
}


def _checked_style(fill: str, edge: str, faded: str) -> str:
    """A checked button filled with ``fill``; ``faded`` while disabled (OBS not connected)."""
    return (
        f"QPushButton:checked {{ background: {fill}; color: white; border: 1px solid {edge}; "
        "border-radius: 3px; }"
        f"QPushButton:checked:disabled {{ background: {faded}; border-color: {faded}; }}"
    )


LIVE_STYLE = _checked_style("#c0262d", "#8f1c21", "#d9a0a3")  # streaming, recording, muted
ON_AIR_STYLE = _checked_style("#1f6fd1", "#17539c", "#a3bfe6") + (
    "QPushButton:checked { font-weight: bold; }"
)  # the current scene
WARNING_COLOUR = "#b3261e"
STRUCTURE_EVENTS = frozenset(
    {
        "SceneListChanged",
        "InputCreated",
        "InputRemoved",
        "InputNameChanged",
        "SceneItemCreated",
        "SceneItemRemoved",
    }
)


def password_key(host: str, port: int) -> str:
    """The keyring entry (console.secrets) of the OBS password for one address."""
    return f"obs-password:{host}:{port}"


def saved_address() -> tuple[str, int] | None:
    settings = ui_settings()
    host = settings.value("obs/host")
    port = settings.value("obs/port")
    if isinstance(host, str) and host and port is not None:
        try:
            return host, int(port)
        except (TypeError, ValueError):
            log.warning("ignoring the saved OBS port %r", port)
    return None


def save_address(host: str, port: int) -> None:
    settings = ui_settings()
    settings.setValue("obs/host", host)
    settings.setValue("obs/port", port)
    settings.sync()


def dim(label: QLabel) -> None:
    """Secondary text (captions, hints) in the theme's subdued colour, light or dark."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def _mnemonic_safe(text: str) -> str:
    """OBS names on buttons: "&" would otherwise turn the next letter into a shortcut."""
    return text.replace("&", "&&")


# -- the stream and record outputs ----------------------------------------------------------------


class Phase(Enum):
    OFF = "off"
    STARTING = "starting"
    LIVE = "live"
    STOPPING = "stopping"
    RECONNECTING = "reconnecting"  # the stream lost the server; OBS retries
    PAUSED = "paused"  # a paused recording


_OUTPUT_STATES = {
    "OBS_WEBSOCKET_OUTPUT_STARTING": Phase.STARTING,
    "OBS_WEBSOCKET_OUTPUT_STARTED": Phase.LIVE,
    "OBS_WEBSOCKET_OUTPUT_STOPPING": Phase.STOPPING,
    "OBS_WEBSOCKET_OUTPUT_STOPPED": Phase.OFF,
    "OBS_WEBSOCKET_OUTPUT_RECONNECTING": Phase.RECONNECTING,
    "OBS_WEBSOCKET_OUTPUT_RECONNECTED": Phase.LIVE,
    "OBS_WEBSOCKET_OUTPUT_PAUSED": Phase.PAUSED,
    "OBS_WEBSOCKET_OUTPUT_RESUMED": Phase.LIVE,
}
_RUNNING = (Phase.LIVE, Phase.RECONNECTING, Phase.PAUSED)


@dataclass(frozen=True, slots=True)
class Output:
    phase: Phase = Phase.OFF
    since: float | None = None  # time.monotonic() when it started, once known

    @property
    def running(self) -> bool:
        return self.phase in _RUNNING

    def elapsed(self, now: float) -> float | None:
        return None if self.since is None or not self.running else now - self.since

    def with_phase(self, phase: Phase, now: float) -> Output:
        if phase in _RUNNING:
            return Output(phase, self.since if self.since is not None else now)
        return Output(phase, None)


# -- the widgets ----------------------------------------------------------------------------------


class ObsPanel(QWidget):
    """The OBS dock's content. Signals carry what the operator asked for; nothing is sent to
    OBS from here."""

    scene_clicked = Signal(str)
    mute_clicked = Signal(str, bool)  # input name, muted wanted
    source_clicked = Signal(str, bool)  # source name, visible wanted
    stream_clicked = Signal()
    record_clicked = Signal()
    settings_clicked = Signal()
    reconnect_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsPanel")
        self._online = False
        self._offline_reason = ""
        self.scene_buttons: list[QPushButton] = []
        self._columns = 0
        self.mute_buttons: dict[str, QPushButton] = {}
        self.source_boxes: dict[str, QCheckBox] = {}
        self._built: dict[str, list[str]] = {}  # the names each list was last built for

        # Connection line: state, what to do about it, settings and reconnect.
        self.state_dot = QLabel("●", self)
        self.state_dot.setObjectName("obsStateDot")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("obsState")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        self.state_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.reconnect_button = QToolButton(self)
        self.reconnect_button.setObjectName("obsReconnectButton")
        self.reconnect_button.setText(self.tr("Reconnect"))
        self.reconnect_button.setToolTip(self.tr("Connect to OBS again now"))
        self.reconnect_button.clicked.connect(self.reconnect_clicked)
        self.settings_button = QToolButton(self)
        self.settings_button.setObjectName("obsSettingsButton")
        self.settings_button.setText(self.tr("Settings…"))
        self.settings_button.setToolTip(self.tr("Where OBS runs, and its WebSocket password"))
        self.settings_button.clicked.connect(self.settings_clicked)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("obsStateDetail")
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setWordWrap(True)
        dim(self.detail_label)
        header = QGridLayout()
        header.setContentsMargins(8, 6, 8, 2)
        header.setHorizontalSpacing(6)
        header.addWidget(self.state_dot, 0, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.state_label, 0, 1)
        header.addWidget(self.reconnect_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.settings_button, 0, 3, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.detail_label, 1, 1, 1, 3)
        header.setColumnStretch(1, 1)

        # What needs OBS: disabled as a whole while it is not connected.
        self.controls = QWidget(self)
        self.controls.setObjectName("obsControls")

        self.scenes_box = QGroupBox(self.tr("Scenes"), self.controls)
        self.scenes_box.setObjectName("obsScenes")
        self._scene_grid = QGridLayout(self.scenes_box)
        self._scene_grid.setSpacing(4)
        self._scene_group = QButtonGroup(self)
        self._scene_group.setExclusive(True)

        self.audio_box = QGroupBox(self.tr("Audio"), self.controls)
        self.audio_box.setObjectName("obsAudio")
        self._audio_layout = QVBoxLayout(self.audio_box)
        self._audio_layout.setSpacing(4)

        self.sources_box = QGroupBox(self.tr("Sources"), self.controls)
        self.sources_box.setObjectName("obsSources")
        self._sources_layout = QVBoxLayout(self.sources_box)
        self._sources_layout.setSpacing(2)

        self.stream_button = self._output_button("obsStreamButton", self.stream_clicked)
        self.record_button = self._output_button("obsRecordButton", self.record_clicked)
        outputs = QHBoxLayout()
        outputs.setSpacing(6)
        outputs.addWidget(self.stream_button)
        outputs.addWidget(self.record_button)

        self.health = QFrame(self.controls)
        self.health.setObjectName("obsHealth")
        self.health.setFrameShape(QFrame.Shape.StyledPanel)
        health_grid = QGridLayout(self.health)
        health_grid.setContentsMargins(8, 6, 8, 6)
        health_grid.setHorizontalSpacing(12)
        health_grid.setVerticalSpacing(0)
        self.fps_value = self._health_cell(health_grid, 0, 0, "obsFps", self.tr("FPS"))
        self.cpu_value = self._health_cell(health_grid, 0, 1, "obsCpu", self.tr("CPU"))
        self.bitrate_value = self._health_cell(health_grid, 0, 2, "obsBitrate", self.tr("Bitrate"))
        self.skipped_value = self._health_cell(
            health_grid, 2, 0, "obsSkipped", self.tr("Skipped frames")
        )
        self.dropped_value = self._health_cell(
            health_grid, 2, 1, "obsDropped", self.tr("Dropped frames")
        )
        self.congestion_value = self._health_cell(
            health_grid, 2, 2, "obsCongestion", self.tr("Congestion")
        )
        self.skipped_value.setToolTip(
            self.tr("Frames OBS could not render or encode in time (render lag + encoding lag)")
        )
        self.dropped_value.setToolTip(self.tr("Frames dropped because the network was too slow"))

        body = QVBoxLayout(self.controls)
        body.setContentsMargins(8, 4, 8, 8)
        body.setSpacing(8)
        body.addWidget(self.scenes_box)
        body.addLayout(outputs)
        body.addWidget(self.health)
        self._inputs_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._inputs_row.setSpacing(8)
        self._inputs_row.addWidget(self.audio_box, 1, Qt.AlignmentFlag.AlignTop)
        self._inputs_row.addWidget(self.sources_box, 1, Qt.AlignmentFlag.AlignTop)
        body.addLayout(self._inputs_row)
        body.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setObjectName("obsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.controls)
        self._viewport = scroll.viewport()
        self._viewport.installEventFilter(self)  # the width decides the layout

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)

        self.set_health(None, warning=False)
        self.set_output(self.stream_button, Output(), time.monotonic(), streaming=True)
        self.set_output(self.record_button, Output(), time.monotonic(), streaming=False)
        self.set_online(False, "")

    def _output_button(self, name: str, clicked: SignalInstance) -> QPushButton:
        button = QPushButton(self.controls)
        button.setObjectName(name)
        button.setCheckable(True)
        button.setMinimumHeight(34)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setStyleSheet(LIVE_STYLE + "QPushButton:checked { font-weight: bold; }")
        button.clicked.connect(clicked)
        return button

    def _health_cell(
        self, grid: QGridLayout, row: int, column: int, name: str, caption: str
    ) -> QLabel:
        title = QLabel(caption, self.health)
        dim(title)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        title.setFont(font)
        value = QLabel(self.health)
        value.setObjectName(name)
        value.setStyleSheet("font-weight: bold;")
        grid.addWidget(title, row, column)
        grid.addWidget(value, row + 1, column)
        grid.setColumnStretch(column, 1)
        return value

    # -- connection -------------------------------------------------------------------------
    def set_connection(self, state: ConnectionState, headline: str, hint: str, why: str) -> None:
        colour = STATE_COLOURS[state]
        self.state_dot.setStyleSheet(f"color: {colour}; font-size: 14pt;")
        self.state_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.state_label.setText(headline)
        self.state_label.setToolTip(why)
        self.detail_label.setText(hint)
        self.detail_label.setVisible(bool(hint))
        self.reconnect_button.setVisible(state is not ConnectionState.CONNECTED)

    def set_online(self, online: bool, reason: str) -> None:
        """Enable what needs OBS; while offline, every control's tooltip says why."""
        self._online, self._offline_reason = online, reason
        self.controls.setEnabled(online)
        for widget in self._tipped():
            self._apply_tip(widget)

    def _tipped(self) -> list[QWidget]:
        return [*self.controls.findChildren(QAbstractButton), self.health]

    def _set_tip(self, widget: QWidget, text: str) -> None:
        widget.setProperty("onlineTip", text)
        self._apply_tip(widget)

    def _apply_tip(self, widget: QWidget) -> None:
        online_tip = widget.property("onlineTip") or ""
        widget.setToolTip(online_tip if self._online else self._offline_reason)

    # -- scenes, audio, sources -------------------------------------------------------------
    def set_scenes(self, scenes: Sequence[str], current: str, keys: Sequence[str]) -> None:
        """``keys[i]``: the shortcut of the i-th scene (F1...), "" for none. OBS always has a
        scene: none means nothing was read from OBS yet, and the OBS content stays hidden."""
        for box in (self.scenes_box, self.audio_box, self.sources_box):
            box.setVisible(bool(scenes))
        if [b.property("sceneName") for b in self.scene_buttons] != list(scenes):
            for button in self.scene_buttons:
                self._scene_group.removeButton(button)
                button.deleteLater()
            self.scene_buttons = []
            for name in scenes:
                button = QPushButton(_mnemonic_safe(name), self.scenes_box)
                button.setObjectName("obsSceneButton")
                button.setProperty("sceneName", name)
                button.setCheckable(True)
                button.setMinimumHeight(30)
                # The grid picks its columns to fit the names; a name longer than the whole
                # panel is cut rather than widening the dock.
                button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                button.setStyleSheet(ON_AIR_STYLE)
                button.clicked.connect(lambda _checked=False, n=name: self.scene_clicked.emit(n))
                self._scene_group.addButton(button)
                self.scene_buttons.append(button)
            self._columns = 0
            self._lay_out_scenes()
        for index, button in enumerate(self.scene_buttons):
            key = keys[index] if index < len(keys) else ""
            name = button.property("sceneName")
            self._set_tip(button, arg(self.tr("Switch OBS to scene %1%2"), name, _key_hint(key)))
        self.set_current_scene(current)

    def _lay_out_scenes(self) -> None:
        """As many columns as the widest scene name allows (at most MAX_SCENE_COLUMNS)."""
        available = self._viewport.width() - 40  # the panel's and the group's margins
        widest = max((b.sizeHint().width() for b in self.scene_buttons), default=0)
        fit = available // max(widest + self._scene_grid.spacing(), MIN_SCENE_BUTTON_WIDTH)
        columns = max(1, min(MAX_SCENE_COLUMNS, fit))
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.scene_buttons:
            self._scene_grid.removeWidget(button)
        for index, button in enumerate(self.scene_buttons):
            self._scene_grid.addWidget(button, index // columns, index % columns)
        for column in range(MAX_SCENE_COLUMNS):
            self._scene_grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._lay_out_scenes()
            side_by_side = self._viewport.width() >= SIDE_BY_SIDE_WIDTH
            self._inputs_row.setDirection(
                QBoxLayout.Direction.LeftToRight
                if side_by_side
                else QBoxLayout.Direction.TopToBottom
            )
        return False

    def set_current_scene(self, current: str) -> None:
        for button in self.scene_buttons:
            button.setChecked(button.property("sceneName") == current)

    def set_inputs(self, inputs: Sequence[InputState], mic: str | None, mic_key: str) -> None:
        audio = [i for i in inputs if i.muted is not None]
        if self._rebuild("audio", [i.name for i in audio]):
            _clear(self._audio_layout)
            self.mute_buttons = {}
            for state in audio:
                button = QPushButton(self.audio_box)
                button.setObjectName("obsMuteButton")
                button.setMinimumHeight(28)
                button.setProperty("inputName", state.name)
                button.setCheckable(True)
                button.setStyleSheet(LIVE_STYLE)
                button.clicked.connect(
                    lambda checked, n=state.name: self.mute_clicked.emit(n, checked)
                )
                self._audio_layout.addWidget(button)
                self.mute_buttons[state.name] = button
            if not audio:
                self._audio_layout.addWidget(self._note(self.tr("OBS has no audio input.")))
        for state in audio:
            button = self.mute_buttons[state.name]
            muted = bool(state.muted)
            button.setChecked(muted)
            shown = arg(self.tr("%1 — muted"), state.name) if muted else state.name
            button.setText(_mnemonic_safe(shown))
            key = _key_hint(mic_key) if state.name == mic else ""
            tip = self.tr("Click to unmute%1") if muted else self.tr("Click to mute%1")
            self._set_tip(button, arg(tip, key))

    def set_sources(self, scene: str, items: Sequence[SceneItem]) -> None:
        self.sources_box.setTitle(arg(self.tr("Sources of %1"), scene) if scene else "")
        if self._rebuild("sources", [i.name for i in items]):
            _clear(self._sources_layout)
            self.source_boxes = {}
            for item in items:
                box = QCheckBox(_mnemonic_safe(item.name), self.sources_box)
                box.setObjectName("obsSourceVisible")
                box.setProperty("sourceName", item.name)
                # As wide as its label: a click beside it does nothing, so it should not look
                # like it would.
                box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
                box.clicked.connect(
                    lambda checked, n=item.name: self.source_clicked.emit(n, checked)
                )
                self._sources_layout.addWidget(box)
                self.source_boxes[item.name] = box
            if not items:
                self._sources_layout.addWidget(self._note(self.tr("This scene has no sources.")))
        for item in items:
            box = self.source_boxes[item.name]
            box.setChecked(item.visible)
            self._set_tip(box, self.tr("Shown in the scene when ticked"))

    def _rebuild(self, which: str, names: list[str]) -> bool:
        """Whether the ``which`` list must be built anew for ``names`` (always the first time,
        so an empty list gets its note)."""
        if self._built.get(which) == names:
            return False
        self._built[which] = names
        return True

    def _note(self, text: str) -> QLabel:
        label = QLabel(text, self.controls)
        dim(label)
        return label

    # -- outputs and health -----------------------------------------------------------------
    def set_output(
        self, button: QPushButton, output: Output, now: float, *, streaming: bool, key: str = ""
    ) -> None:
        elapsed = output.elapsed(now)
        clock = show_clock(elapsed) if elapsed is not None else ""
        phase = output.phase
        if phase is Phase.OFF:
            text = self.tr("Start streaming") if streaming else self.tr("Start recording")
        elif phase is Phase.STARTING:
            text = self.tr("Starting…")
        elif phase is Phase.STOPPING:
            text = self.tr("Stopping…")
        elif phase is Phase.RECONNECTING:
            text = arg(self.tr("Reconnecting %1"), clock)
        elif phase is Phase.PAUSED:
            text = arg(self.tr("Paused %1"), clock)
        else:
            text = arg(self.tr("LIVE %1") if streaming else self.tr("REC %1"), clock)
        button.setText(text.strip())
        button.setChecked(output.running)
        button.setProperty("phase", phase.value)
        if streaming:
            tip = self.tr("Stop streaming") if output.running else self.tr("Start streaming")
        else:
            tip = self.tr("Stop recording") if output.running else self.tr("Start recording")
        self._set_tip(button, tip + _key_hint(key))

    def set_health(self, health: ObsHealth | None, *, warning: bool) -> None:
        if health is None:
            for label in self._health_values():
                label.setText("—")
        else:
            stats, stream = health.stats, health.stream
            self.fps_value.setText(f"{stats.fps:.1f}")
            self.cpu_value.setText(f"{stats.cpu:.1f} %")
            skipped = stats.render_skipped_frames + stats.output_skipped_frames
            self.skipped_value.setText(_frames(skipped, stats.render_total_frames))
            if stream.active:
                self.dropped_value.setText(_frames(stream.skipped_frames, stream.total_frames))
                self.congestion_value.setText(f"{stream.congestion * 100:.0f} %")
            else:
                self.dropped_value.setText("—")
                self.congestion_value.setText("—")
            bitrate = health.bitrate_kbps
            self.bitrate_value.setText("—" if bitrate is None else f"{bitrate:,.0f} kb/s")
        self.health.setProperty("warning", warning)
        colour = f"color: {WARNING_COLOUR};" if warning else ""
        for label in self._health_values():
            label.setStyleSheet(f"font-weight: bold; {colour}")
        self.health.setStyleSheet(
            f"QFrame#obsHealth {{ background: rgba(192, 38, 45, 0.1); "
            f"border: 1px solid {WARNING_COLOUR}; }}"
            if warning
            else ""
        )
        self._set_tip(
            self.health,
            self.tr("Frames are being dropped or the network is congested") if warning else "",
        )

    def _health_values(self) -> tuple[QLabel, ...]:
        return (
            self.fps_value,
            self.cpu_value,
            self.bitrate_value,
            self.skipped_value,
            self.dropped_value,
            self.congestion_value,
        )


def _key_hint(key: str) -> str:
    return f" ({key})" if key else ""


def _frames(count: int, total: int) -> str:
    share = 100 * count / total if total else 0.0
    return f"{count:,} ({share:.1f} %)"


def _clear(layout: QVBoxLayout) -> None:
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()


# -- the controller -------------------------------------------------------------------------------


class ObsController(QObject):
    """What OBS last reported, the panel drawn from it, and the operator's OBS actions."""

    def __init__(
        self,
        window: MainWindow,
        dock: QDockWidget,
        panel: ObsPanel,
        adapter: ObsAdapter,
        service: ObsService,
        password: str | None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.dock = dock
        self.panel = panel
        self.adapter = adapter
        self.service = service
        self.actions = window.actions
        # Separate from the window's runner: a hanging OBS must not delay moderation actions.
        self.runner = ActionRunner(self)
        self.runner.reported.connect(window.status.show_message)
        self._password = password
        self._secure_store = False  # until the keyring was probed

        self.state = ConnectionState.CONNECTING
        self._detail = ""
        self._retry_at: float | None = None
        self.scenes: tuple[str, ...] = ()
        self.current_scene = ""
        self.inputs: tuple[InputState, ...] = ()
        self.items: tuple[SceneItem, ...] = ()
        self.items_scene = ""  # the scene ``items`` belong to (trails a scene switch a moment)
        self.stream = Output()
        self.record = Output()
        self.health: ObsHealth | None = None

        adapter.state_changed.connect(self._on_state_changed)
        adapter.snapshot_arrived.connect(self._on_snapshot)
        adapter.refreshed.connect(self._on_refreshed)
        adapter.event_arrived.connect(self._on_event)
        adapter.health_arrived.connect(self._on_health)
        panel.scene_clicked.connect(self.switch_scene)
        panel.mute_clicked.connect(self.set_muted)
        panel.source_clicked.connect(self.set_source_visible)
        panel.stream_clicked.connect(self.toggle_stream)
        panel.record_clicked.connect(self.toggle_record)
        panel.settings_clicked.connect(self.open_settings)
        panel.reconnect_clicked.connect(adapter.reconnect)
        self._connect_actions()

        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._render()

    def _connect_actions(self) -> None:
        a = self.actions
        for index, command in enumerate(SCENE_COMMANDS):
            a[command].triggered.connect(lambda _checked=False, i=index: self.switch_to(i))
        a[CommandId.OBS_MIC_TOGGLE].triggered.connect(self.toggle_mic)
        a[CommandId.OBS_STREAM_TOGGLE].triggered.connect(self.toggle_stream)
        a[CommandId.OBS_RECORD_TOGGLE].triggered.connect(self.toggle_record)
        for command in (CommandId.OBS_STREAM_TOGGLE, CommandId.OBS_RECORD_TOGGLE):
            a[command].setCheckable(True)  # checked while live, e.g. in a menu

    def _key(self, command: CommandId) -> str:
        return self.actions[command].shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    # -- start and stop ---------------------------------------------------------------------
    def start(self, *, password_given: bool) -> None:
        """Connect in the background. Without a given password, read the keyring first, on a
        worker: a keyring may wait on the desktop's secret service."""
        key = password_key(self.adapter.host, self.adapter.port)

        def probe() -> tuple[bool, str | None]:
            available = secure_store_available()
            stored = get_secret(key) if available and not password_given else None
            return available, stored

        def probed(result: tuple[bool, str | None]) -> None:
            self._secure_store, stored = result
            if not password_given:
                self._password = stored
                self.adapter.set_password(stored)
                self.adapter.start()

        def failed(error: Exception) -> None:
            log.warning("the OBS password could not be read from the keyring: %s", error)
            if not password_given:
                self.adapter.start()

        if password_given:
            self.adapter.start()
        run_in_worker(probe, probed, failed, context=self)

    def shutdown(self) -> None:
        self._clock.stop()
        self.adapter.shutdown()

    # -- from OBS ---------------------------------------------------------------------------
    def _on_state_changed(self, state: ConnectionState, detail: str) -> None:
        self.state, self._detail = state, detail
        match = _NEXT_TRY.search(detail) if state is ConnectionState.RECONNECTING else None
        self._retry_at = time.monotonic() + float(match.group(1)) if match else None
        if state is not ConnectionState.CONNECTED:
            self.health = None
            self.stream = self.record = Output()
        self._render()

    def _on_snapshot(self, snapshot: ObsSnapshot) -> None:
        """After every (re)connect: everything, the outputs included."""
        now = time.monotonic()
        stream = Phase.LIVE if snapshot.stream_active else Phase.OFF
        record = Phase.LIVE if snapshot.record_active else Phase.OFF
        self.stream = self.stream.with_phase(stream, now)
        self.record = self.record.with_phase(record, now)
        self._on_refreshed(snapshot)

    def _on_refreshed(self, snapshot: ObsSnapshot) -> None:
        """Scenes, inputs and sources; the outputs follow their own events."""
        self.scenes = snapshot.scenes
        self.current_scene = snapshot.current_scene
        self.inputs = snapshot.inputs
        self.items = snapshot.scene_items
        self.items_scene = snapshot.current_scene
        self._render()

    def _on_event(self, name: str, data: dict[str, Any]) -> None:
        if name == "CurrentProgramSceneChanged":
            self.current_scene = data.get("sceneName", "")
            self.adapter.refresh()  # for the new scene's sources
        elif name == "InputMuteStateChanged":
            self._show_muted(data.get("inputName", ""), bool(data.get("inputMuted")))
        elif name == "SceneItemEnableStateChanged":
            item_id, visible = data.get("sceneItemId"), bool(data.get("sceneItemEnabled"))
            self._show_visible(data.get("sceneName", ""), lambda i: i.item_id == item_id, visible)
        elif name in ("StreamStateChanged", "RecordStateChanged"):
            phase = _OUTPUT_STATES.get(data.get("outputState", ""))
            if phase is not None:
                streaming = name == "StreamStateChanged"
                self._set_output(
                    streaming, self._output(streaming).with_phase(phase, time.monotonic())
                )
        elif name in STRUCTURE_EVENTS:
            self.adapter.refresh()
        self._render()

    def _on_health(self, health: ObsHealth) -> None:
        self.health = health
        now = time.monotonic()
        # OBS's durations are exact, also for outputs that started before we connected.
        if self.stream.running and health.stream.active:
            self.stream = Output(self.stream.phase, now - health.stream.duration)
        if self.record.running and health.record.active:
            self.record = Output(self.record.phase, now - health.record.duration)
        self._render()

    def _output(self, streaming: bool) -> Output:
        return self.stream if streaming else self.record

    def _set_output(self, streaming: bool, output: Output) -> None:
        if streaming:
            self.stream = output
        else:
            self.record = output

    # -- operator actions -------------------------------------------------------------------
    def switch_to(self, index: int) -> None:
        """The scene at ``index`` in OBS's list (F1 is the first)."""
        if index < len(self.scenes):
            self.switch_scene(self.scenes[index])

    def switch_scene(self, scene: str) -> None:
        previous = self.current_scene
        if scene == previous and self.state is ConnectionState.CONNECTED:
            self._render()  # on air already: nothing to send, nothing to audit
            return

        def apply() -> None:
            self.current_scene = scene

        def undo() -> None:
            if self.current_scene == scene:
                self.current_scene = previous

        self._act(
            lambda: self.service.switch_scene(scene),
            apply,
            undo,
            arg(self.tr("OBS switched to scene %1"), scene),
        )

    @property
    def mic(self) -> InputState | None:
        """The input Ctrl+M toggles: OBS's first input that has audio."""
        return next((i for i in self.inputs if i.muted is not None), None)

    def toggle_mic(self) -> None:
        mic = self.mic
        if mic is not None:
            self.set_muted(mic.name, not mic.muted)

    def set_muted(self, input_name: str, muted: bool) -> None:
        text = self.tr("Muted %1") if muted else self.tr("Unmuted %1")
        self._act(
            lambda: self.service.set_input_muted(input_name, muted),
            lambda: self._show_muted(input_name, muted),
            lambda: self._show_muted(input_name, not muted),
            arg(text, input_name),
        )

    def _show_muted(self, input_name: str, muted: bool) -> None:
        self.inputs = tuple(
            InputState(i.name, muted) if i.name == input_name else i for i in self.inputs
        )

    def set_source_visible(self, source: str, visible: bool) -> None:
        text = self.tr("Showing %1") if visible else self.tr("Hid %1")
        scene = self.items_scene
        self._act(
            lambda: self.service.set_source_visible(scene, source, visible),
            lambda: self._show_visible(scene, lambda i: i.name == source, visible),
            lambda: self._show_visible(scene, lambda i: i.name == source, not visible),
            arg(text, source),
        )

    def _show_visible(self, scene: str, which: Callable[[SceneItem], bool], visible: bool) -> None:
        if scene == self.items_scene:
            self.items = tuple(replace(i, visible=visible) if which(i) else i for i in self.items)

    def toggle_stream(self) -> None:
        self._toggle_output(streaming=True)

    def toggle_record(self) -> None:
        self._toggle_output(streaming=False)

    def _toggle_output(self, *, streaming: bool) -> None:
        before = self._output(streaming)
        if before.phase not in (Phase.OFF, *_RUNNING):
            self._render()  # starting or stopping already: OBS decides
            return
        start = before.phase is Phase.OFF
        request = self.service.set_streaming if streaming else self.service.set_recording
        if streaming:
            text = (
                self.tr("OBS is starting the stream")
                if start
                else self.tr("OBS is stopping the stream")
            )
        else:
            text = (
                self.tr("OBS is starting the recording")
                if start
                else self.tr("OBS is stopping the recording")
            )
        # Until OBS reports, the button says "Starting…" or "Stopping…".
        moving = before.with_phase(Phase.STARTING if start else Phase.STOPPING, time.monotonic())

        def undo() -> None:
            if self._output(streaming) == moving:
                self._set_output(streaming, before)

        self._act(lambda: request(start), lambda: self._set_output(streaming, moving), undo, text)

    def use_push_url(self, push_url: str) -> None:
        """Point OBS's stream at a platform's push address (e.g. WeChat's pushAddr)."""
        self._act(
            lambda: self.service.use_push_url(push_url),
            None,
            None,
            self.tr("OBS now streams to the room's push address"),
        )

    def _act(
        self,
        make_job: Callable[[], Job],
        apply: Callable[[], None] | None,
        undo: Callable[[], None] | None,
        done_text: str,
    ) -> None:
        """The moderation pattern: validate (``make_job`` raises OperatorError), show the
        change at once (``apply``), run the job on the OBS worker, ``undo`` if OBS refused.
        OBS's own events confirm the change or correct it."""
        try:
            job = make_job()
        except OperatorError as exc:
            self.runner.reported.emit(Level.ERROR, describe_error(exc))
            self._render()  # a refused click must not leave a button toggled
            return
        if apply is not None:
            apply()

        def finished(outcome: Outcome) -> None:
            if not outcome.ok and undo is not None:
                undo()
            self._render()

        self.runner.run(job, done_text, finished)
        self._render()

    # -- settings ---------------------------------------------------------------------------
    def open_settings(self) -> None:
        current = ObsConnectionSettings(self.adapter.host, self.adapter.port, self._password)
        dialog = ObsSettingsDialog(current, secure_store=self._secure_store, parent=self.window)
        if dialog.exec() == ObsSettingsDialog.DialogCode.Accepted:
            self.apply_settings(dialog.settings())

    def apply_settings(self, settings: ObsConnectionSettings) -> None:
        """Remember the address (QSettings) and the password (keyring, where there is one),
        then connect with them."""
        host, port, password = settings.host, settings.port, settings.password
        save_address(host, port)
        self._password = password
        if self._secure_store:
            key = password_key(host, port)
            run_in_worker(
                lambda: set_secret(key, password) if password else delete_secret(key),
                None,
                lambda error: self.runner.reported.emit(Level.ERROR, describe_error(error)),
                context=self,
            )
        log.info("OBS address set to %s:%s by the operator", host, port)
        self.adapter.configure(host, port, password)
        self._render()

    # -- drawing ----------------------------------------------------------------------------
    def _tick(self) -> None:
        if self._retry_at is not None or self.stream.running or self.record.running:
            self._render()

    def _render(self) -> None:
        panel, now = self.panel, time.monotonic()
        online = self.state is ConnectionState.CONNECTED
        headline, hint = self._describe_state(now)
        reason = arg(self.tr("Not connected to OBS: %1"), headline)
        panel.set_connection(self.state, headline, hint, self._detail)
        panel.set_online(online, reason)
        panel.set_scenes(self.scenes, self.current_scene, [self._key(c) for c in SCENE_COMMANDS])
        mic = self.mic
        mic_name = mic.name if mic is not None else None
        panel.set_inputs(self.inputs, mic_name, self._key(CommandId.OBS_MIC_TOGGLE))
        panel.set_sources(self.items_scene, self.items)
        for button, output, streaming, command in (
            (panel.stream_button, self.stream, True, CommandId.OBS_STREAM_TOGGLE),
            (panel.record_button, self.record, False, CommandId.OBS_RECORD_TOGGLE),
        ):
            panel.set_output(button, output, now, streaming=streaming, key=self._key(command))
            self._enable(self.actions[command], online, reason)
            self.actions[command].setChecked(output.running)
        panel.set_health(self.health, warning=self.health is not None and self.health.warning)
        for index, command in enumerate(SCENE_COMMANDS):
            self._enable(self.actions[command], online and index < len(self.scenes), reason)
        self._enable(self.actions[CommandId.OBS_MIC_TOGGLE], online and mic is not None, reason)

    @staticmethod
    def _enable(action: QAction, enabled: bool, reason: str) -> None:
        action.setEnabled(enabled)
        action.setToolTip("" if enabled else reason)

    def _describe_state(self, now: float) -> tuple[str, str]:
        """The headline (what the connection does) and a hint (what the operator can do)."""
        address = f"{self.adapter.host}:{self.adapter.port}"
        state = self.state
        if state is ConnectionState.CONNECTED:
            return arg(self.tr("Connected to OBS at %1"), address), ""
        if state is ConnectionState.CONNECTING:
            return arg(self.tr("Connecting to OBS at %1…"), address), ""
        if state is ConnectionState.FAILED:
            return (
                arg(self.tr("OBS at %1 refused the password"), address),
                self.tr(
                    "Open Settings… and enter OBS's WebSocket password. "
                    "LiveDesk does not retry until then."
                ),
            )
        if state is ConnectionState.RECONNECTING:
            hint = self.tr(
                "Start OBS and enable its WebSocket server (Tools → WebSocket Server Settings). "
                "The rest of the console keeps working meanwhile."
            )
            if self._retry_at is not None and self._retry_at > now:
                seconds = max(1, round(self._retry_at - now))
                text = self.tr("OBS not reachable at %1 — next try in %2 s")
                return arg(text, address, seconds), hint
            return arg(self.tr("Reconnecting to OBS at %1…"), address), hint
        return self.tr("Not connected to OBS"), ""


# -- wiring ---------------------------------------------------------------------------------------


def install(
    window: MainWindow,
    *,
    address: tuple[str, int] | None = None,
    password: str | None = None,
) -> ObsController:
    """Add the OBS dock to ``window`` and start connecting in the background.

    ``address`` None: the address saved by the settings dialog, else 127.0.0.1:4455.
    ``password`` None: the one in the keyring for that address, if any. Never blocks:
    connecting runs on the supervisor's thread and the keyring is read on a worker.
    """
    host, port = address or saved_address() or DEFAULT_ADDRESS
    adapter = ObsAdapter(host, port, password, window)
    session = window.session
    service = ObsService(
        adapter.client, session.writer, operator=session.operator, clock=session.show.clock
    )
    panel = ObsPanel()
    dock = QDockWidget(QCoreApplication.translate("ObsPanel", "OBS"), window)
    dock.setObjectName("obsDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    controller = ObsController(window, dock, panel, adapter, service, password)
    window.closing.connect(controller.shutdown)
    controller.start(password_given=password is not None)
    return controller
