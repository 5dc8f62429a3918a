"""The OBS dock's widgets: connection line, scenes (with previews, and studio mode's preview,
Take and transition), stream and record (and its pause) buttons, the replay buffer, virtual
camera and the user's stream settings when there are, audio inputs with level meters, the
sources of the scene on air, and the health strip.

The panel only draws what it is given (console.obs.state) and reports clicks as signals;
ui.controllers.obs decides what they mean.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QHideEvent, QIcon, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
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

from console.obs.health import ObsHealth
from console.obs.state import Output, Phase
from console.timefmt import show_clock
from obs_bridge import ConnectionState
from ui.panels.obs_audio import AudioBox
from ui.panels.obs_sources import SourcesBox
from ui.panels.obs_studio import StudioBar
from ui.text import arg
from ui.theme import restyle

MAX_SCENE_COLUMNS = 4
MIN_SCENE_BUTTON_WIDTH = 110
PREVIEW_ICON = QSize(56, 32)  # a scene's picture on its button (16:9)
SCENE_BUTTON_PX = 30  # a scene button's height without a picture
SIDE_BY_SIDE_WIDTH = 460  # audio and sources side by side from this panel width, else stacked

# The tone (livedesk.qss) of the connection line in each state.
STATE_TONES = {
    ConnectionState.CONNECTED: "good",
    ConnectionState.CONNECTING: "warning",
    ConnectionState.RECONNECTING: "warning",
    ConnectionState.FAILED: "error",
    ConnectionState.DISCONNECTED: "note",
}


def dim(label: QLabel) -> None:
    """Secondary text (captions, hints) in the theme's subdued colour."""
    label.setProperty("tone", "hint")


def _mnemonic_safe(text: str) -> str:
    """OBS names on buttons: "&" would otherwise turn the next letter into a shortcut."""
    return text.replace("&", "&&")


# -- the widgets ----------------------------------------------------------------------------------


class ObsPanel(QWidget):
    """The OBS dock's content. Signals carry what the operator asked for; nothing is sent to
    OBS from here."""

    scene_clicked = Signal(str)
    mute_clicked = Signal(str, bool)  # input name, muted wanted
    mic_chosen = Signal(str)  # input name, "" for OBS's own microphone
    source_clicked = Signal(object, bool)  # SceneItem, visible wanted
    stream_clicked = Signal()
    record_clicked = Signal()
    pause_clicked = Signal()
    replay_clicked = Signal()
    replay_save_clicked = Signal()
    camera_clicked = Signal()
    restore_clicked = Signal()
    settings_clicked = Signal()
    reconnect_clicked = Signal()
    shown = Signal(bool)  # the panel came on screen (True) or left it (hidden, tabbed away)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsPanel")
        self._online = False
        self._offline_reason = ""
        self.scene_buttons: list[QToolButton] = []
        self._columns = 0
        self._previews: Mapping[str, bytes] = {}

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
        self._scene_grid = QGridLayout()
        self._scene_grid.setSpacing(4)
        self._scene_group = QButtonGroup(self)
        self._scene_group.setExclusive(True)
        self.studio = StudioBar(self.scenes_box)
        scenes_layout = QVBoxLayout(self.scenes_box)
        scenes_layout.setSpacing(4)
        scenes_layout.addLayout(self._scene_grid)
        scenes_layout.addWidget(self.studio)

        self.audio_box = AudioBox(self.controls)
        self.audio_box.setTitle(self.tr("Audio"))
        self.audio_box.mute_clicked.connect(self.mute_clicked)
        self.audio_box.mic_chosen.connect(self.mic_chosen)
        self.sources_box = SourcesBox(self.controls)
        self.sources_box.item_clicked.connect(self.source_clicked)

        self.stream_button = self._output_button("obsStreamButton", self.stream_clicked)
        self.record_button = self._output_button("obsRecordButton", self.record_clicked)
        self.pause_button = QToolButton(self.controls)
        self.pause_button.setObjectName("obsPauseButton")
        self.pause_button.setCheckable(True)
        self.pause_button.setMinimumHeight(34)
        self.pause_button.clicked.connect(self.pause_clicked)
        outputs = QHBoxLayout()
        outputs.setSpacing(6)
        outputs.addWidget(self.stream_button)
        outputs.addWidget(self.record_button)
        outputs.addWidget(self.pause_button)

        # What not every OBS has, or is needed now and then: hidden while there is none.
        self.replay_button = self._output_button("obsReplayButton", self.replay_clicked)
        self.replay_save_button = QPushButton(self.tr("Save replay"), self.controls)
        self.replay_save_button.setObjectName("obsReplaySaveButton")
        self.replay_save_button.clicked.connect(self.replay_save_clicked)
        self.camera_button = self._output_button("obsCameraButton", self.camera_clicked)
        self.restore_button = QPushButton(self.tr("Restore my stream settings"), self.controls)
        self.restore_button.setObjectName("obsRestoreStreamButton")
        self.restore_button.clicked.connect(self.restore_clicked)
        for button in (self.replay_button, self.camera_button):
            button.setMinimumHeight(28)
        self.extras = QWidget(self.controls)
        extras = QGridLayout(self.extras)
        extras.setContentsMargins(0, 0, 0, 0)
        extras.setSpacing(6)
        extras.addWidget(self.replay_button, 0, 0)
        extras.addWidget(self.replay_save_button, 0, 1)
        extras.addWidget(self.camera_button, 0, 2)
        extras.addWidget(self.restore_button, 1, 0, 1, 3)

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
        # What the operator needs at once first (scenes, stream and record, the microphone),
        # so a short dock still shows it; the rest scrolls below.
        body.addWidget(self.scenes_box)
        body.addLayout(outputs)
        self._inputs_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._inputs_row.setSpacing(8)
        self._inputs_row.addWidget(self.audio_box, 1, Qt.AlignmentFlag.AlignTop)
        self._inputs_row.addWidget(self.sources_box, 1, Qt.AlignmentFlag.AlignTop)
        body.addLayout(self._inputs_row)
        body.addWidget(self.extras)
        body.addWidget(self.health)
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
        self.set_extras(None, None, restorable=False)
        self.set_online(False, "")

    @property
    def mute_buttons(self) -> dict[str, QPushButton]:
        return self.audio_box.mute_buttons

    @property
    def source_boxes(self) -> dict[tuple[str | None, int], QAbstractButton]:
        """Tick boxes by (group or None, sceneItemId)."""
        return dict(self.sources_box.boxes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.shown.emit(False)

    def _output_button(self, name: str, clicked: SignalInstance) -> QPushButton:
        button = QPushButton(self.controls)
        button.setObjectName(name)
        button.setCheckable(True)
        button.setMinimumHeight(34)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
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
        value.setProperty("emphasis", "bold")
        grid.addWidget(title, row, column)
        grid.addWidget(value, row + 1, column)
        grid.setColumnStretch(column, 1)
        return value

    # -- connection -------------------------------------------------------------------------
    def set_connection(
        self, state: ConnectionState, headline: str, hint: str, why: str, *, responding: bool
    ) -> None:
        tone = STATE_TONES[state] if responding else "error"
        for label in (self.state_dot, self.state_label):
            restyle(label, tone=tone)
        self.state_label.setText(headline)
        self.state_label.setToolTip(why)
        self.detail_label.setText(hint)
        self.detail_label.setVisible(bool(hint))
        self.reconnect_button.setVisible(state is not ConnectionState.CONNECTED or not responding)

    def set_online(self, online: bool, reason: str) -> None:
        """Enable what needs OBS; while offline, every control's tooltip says why."""
        self._online, self._offline_reason = online, reason
        self.controls.setEnabled(online)
        self.apply_tips()

    def apply_tips(self) -> None:
        """Every control's tooltip: its own (``onlineTip``) while online, else why offline."""
        for widget in [*self.controls.findChildren(QAbstractButton), self.health]:
            online_tip = widget.property("onlineTip") or ""
            widget.setToolTip(online_tip if self._online else self._offline_reason)

    def _set_tip(self, widget: QWidget, text: str) -> None:
        widget.setProperty("onlineTip", text)
        widget.setToolTip(text if self._online else self._offline_reason)

    # -- scenes -----------------------------------------------------------------------------
    def set_scenes(
        self,
        scenes: Sequence[str],
        current: str,
        keys: Sequence[str],
        *,
        preview: str = "",
    ) -> None:
        """``keys[i]``: the shortcut of the i-th scene (F1...), "" for none; ``preview``: the
        scene in studio mode's preview. OBS always has a scene: none means nothing was read
        from OBS yet, and the OBS content stays hidden."""
        for box in (self.scenes_box, self.audio_box, self.sources_box):
            box.setVisible(bool(scenes))
        if [b.property("sceneName") for b in self.scene_buttons] != list(scenes):
            for button in self.scene_buttons:
                self._scene_group.removeButton(button)
                button.deleteLater()
            self.scene_buttons = []
            for name in scenes:
                button = QToolButton(self.scenes_box)
                button.setObjectName("obsSceneButton")
                button.setText(_mnemonic_safe(name))
                button.setProperty("sceneName", name)
                button.setCheckable(True)
                button.setIconSize(PREVIEW_ICON)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
                # The grid picks its columns to fit the names; a name longer than the whole
                # panel is cut rather than widening the dock.
                button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                button.clicked.connect(lambda _checked=False, n=name: self.scene_clicked.emit(n))
                self._scene_group.addButton(button)
                self.scene_buttons.append(button)
            self._columns = 0
            self._lay_out_scenes()
            self.set_previews(self._previews)
        for index, button in enumerate(self.scene_buttons):
            key = keys[index] if index < len(keys) else ""
            name = button.property("sceneName")
            text = (
                self.tr("Put %1 in preview%2") if preview else self.tr("Switch OBS to scene %1%2")
            )
            self._set_tip(button, arg(text, name, _key_hint(key)))
            restyle(button, preview=bool(preview) and name == preview and name != current)
        self.set_current_scene(current)

    def set_previews(self, images: Mapping[str, bytes]) -> None:
        """Each scene's picture (JPEG bytes) on its button; a scene without one shows none."""
        self._previews = images
        pictured = False
        for button in self.scene_buttons:
            data = images.get(button.property("sceneName"))
            pixmap = QPixmap()
            if data is not None and pixmap.loadFromData(data, "JPG"):
                button.setIcon(QIcon(pixmap))
                pictured = True
            else:
                button.setIcon(QIcon())
        # Room for the picture and the name under it (a tool button's size hint does not
        # follow an icon set after it was laid out).
        lines = self.fontMetrics().height()
        height = PREVIEW_ICON.height() + lines + 12 if pictured else SCENE_BUTTON_PX
        for button in self.scene_buttons:
            button.setFixedHeight(height)

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
        restyle(button, phase=phase.value)
        if streaming:
            tip = self.tr("Stop streaming") if output.running else self.tr("Start streaming")
        else:
            tip = self.tr("Stop recording") if output.running else self.tr("Start recording")
            self._show_pause(output)
        self._set_tip(button, tip + _key_hint(key))

    def _show_pause(self, record: Output) -> None:
        paused = record.phase is Phase.PAUSED
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_button.setChecked(paused)
        self.pause_button.setEnabled(record.running)
        tip = self.tr("Resume the recording") if paused else self.tr("Pause the recording")
        self._set_tip(self.pause_button, tip)

    def set_extras(
        self,
        replay: Output | None,
        camera: Output | None,
        *,
        restorable: bool,
        streaming: bool = False,
    ) -> None:
        """The replay buffer and virtual camera when this OBS has them (None: it has not), and
        the button that puts the user's own stream settings back while they are kept (not
        while OBS streams)."""
        self.replay_button.setVisible(replay is not None)
        self.replay_save_button.setVisible(replay is not None)
        if replay is not None:
            self.replay_button.setChecked(replay.running)
            self.replay_button.setText(
                self.tr("Replay buffer on") if replay.running else self.tr("Replay buffer off")
            )
            tip = (
                self.tr("Stop the replay buffer")
                if replay.running
                else self.tr("Start the replay buffer")
            )
            self._set_tip(self.replay_button, tip)
            self.replay_save_button.setEnabled(replay.running)
            self._set_tip(self.replay_save_button, self.tr("Save the last seconds to a file"))
        self.camera_button.setVisible(camera is not None)
        if camera is not None:
            self.camera_button.setChecked(camera.running)
            self.camera_button.setText(
                self.tr("Virtual camera on") if camera.running else self.tr("Virtual camera off")
            )
            tip = (
                self.tr("Stop the virtual camera")
                if camera.running
                else self.tr("Start the virtual camera")
            )
            self._set_tip(self.camera_button, tip)
        self.restore_button.setVisible(restorable)
        self.restore_button.setEnabled(not streaming)
        self._set_tip(
            self.restore_button,
            self.tr("Not while OBS streams: stop the stream first")
            if streaming
            else self.tr("Put back the stream settings OBS had before the room's push address"),
        )
        self.extras.setVisible(replay is not None or camera is not None or restorable)

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
        restyle(self.health, warning=warning)
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
