"""ObsController: draws the OBS dock from what the core knows of OBS, and turns the dock's
clicks into commands.

The state lives in the core (console.obs.link); this redraws whenever it changes and once a
second while a clock runs on screen (the stream's time, the next reconnect). Every click goes
through the command runner, like a key or the control API would. While the dock is on screen
(and only then) OBS sends audio levels, drawn on the meters LEVELS_INTERVAL_MS, and the scene
previews are refreshed.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from console.commands import SCENE_PRESETS, CommandId
from console.messages import Level
from console.obs.link import password_key
from console.obs.service import ObsService
from console.obs.state import ObsState
from console.secrets import delete_secret, set_secret
from obs_bridge import ConnectionState, SceneItem
from ui.bridge import CoreSignal
from ui.controllers.commands import CommandRunner
from ui.dialogs.obs_settings import ObsConnectionSettings, ObsSettingsDialog
from ui.errors import describe_error
from ui.panels.obs_panel import ObsPanel
from ui.persist import save_obs_address
from ui.text import arg
from ui.workers import run_in_worker

CLOCK_INTERVAL_MS = 1000
LEVELS_INTERVAL_MS = 80  # the meters' redraw: fast enough for a voice, 12 frames a second


class ObsController(QObject):
    def __init__(
        self, service: ObsService, panel: ObsPanel, runner: CommandRunner, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.link = service.link
        self.panel = panel
        self.runner = runner
        self.dialog_parent = parent
        self.settings_dialog: ObsSettingsDialog | None = None

        self.link.add_listener(CoreSignal(self.render, self, coalesce=True))
        self.link.previews.add_listener(CoreSignal(self._show_previews, self, coalesce=True))
        panel.scene_clicked.connect(self.switch_scene)
        panel.mute_clicked.connect(self.set_muted)
        panel.mic_chosen.connect(lambda name: self._run(CommandId.OBS_MIC_CHOOSE, {"input": name}))
        panel.source_clicked.connect(self.set_item_visible)
        clicks = (
            (panel.stream_clicked, CommandId.OBS_STREAM_TOGGLE),
            (panel.record_clicked, CommandId.OBS_RECORD_TOGGLE),
            (panel.pause_clicked, CommandId.OBS_RECORD_PAUSE_TOGGLE),
            (panel.replay_clicked, CommandId.OBS_REPLAY_TOGGLE),
            (panel.replay_save_clicked, CommandId.OBS_REPLAY_SAVE),
            (panel.camera_clicked, CommandId.OBS_VIRTUAL_CAMERA_TOGGLE),
            (panel.restore_clicked, CommandId.OBS_STREAM_TARGET_RESTORE),
            (panel.studio.take_clicked, CommandId.OBS_TAKE),
        )
        for signal, command in clicks:
            signal.connect(lambda _=None, c=command: self._run(c))
        panel.studio.studio_toggled.connect(
            lambda on: self._run(CommandId.OBS_STUDIO_MODE, {"enabled": on})
        )
        panel.studio.direct_toggled.connect(
            lambda on: self._run(CommandId.OBS_SCENE_KEYS_TO_PROGRAM, {"enabled": on})
        )
        panel.studio.transition_chosen.connect(
            lambda name, ms: self._run(CommandId.OBS_TRANSITION, {"name": name, "duration_ms": ms})
        )
        panel.settings_clicked.connect(self.open_settings)
        panel.reconnect_clicked.connect(self.link.reconnect)
        panel.shown.connect(self._on_screen)
        for command in (
            CommandId.OBS_STREAM_TOGGLE,
            CommandId.OBS_RECORD_TOGGLE,
            CommandId.OBS_STUDIO_MODE,
        ):
            runner.actions[command].setCheckable(True)  # checked while on, e.g. in a menu

        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._levels = QTimer(self)
        self._levels.setInterval(LEVELS_INTERVAL_MS)
        self._levels.timeout.connect(self._draw_levels)
        self.render()
        self._on_screen(panel.isVisible())

    @property
    def state(self) -> ObsState:
        return self.link.state

    # -- the operator's clicks -----------------------------------------------------------------
    def switch_scene(self, scene: str) -> None:
        self._run(CommandId.OBS_SCENE, {"name": scene})

    def set_muted(self, input_name: str, muted: bool) -> None:
        self._run(CommandId.OBS_INPUT_MUTE, {"input": input_name, "muted": muted})

    def set_item_visible(self, item: SceneItem, visible: bool) -> None:
        args = {
            "source": item.source,
            "visible": visible,
            "scene": self.state.items_scene,
            "item_id": item.id,
            "group": item.group,
        }
        self._run(CommandId.OBS_SOURCE_VISIBLE, args)

    def _run(self, command: CommandId, args: dict[str, Any] | None = None) -> None:
        self.runner.run(command, args)
        self.render()  # a refused or cancelled click must not leave a button toggled

    # -- settings ------------------------------------------------------------------------------
    def open_settings(self) -> None:
        state = self.state
        current = ObsConnectionSettings(state.host, state.port, self.link.password)
        dialog = ObsSettingsDialog(
            current, secure_store=self.link.secure_store, parent=self.dialog_parent
        )
        self.settings_dialog = dialog
        dialog.accepted.connect(lambda: self.apply_settings(dialog.settings()))
        dialog.finished.connect(lambda _code: self._settings_closed(dialog))
        dialog.open()

    def _settings_closed(self, dialog: ObsSettingsDialog) -> None:
        if self.settings_dialog is dialog:
            self.settings_dialog = None
        dialog.deleteLater()

    def apply_settings(self, settings: ObsConnectionSettings) -> None:
        """Remember the address (QSettings) and the password (keyring, where there is one),
        then connect with them."""
        host, port, password = settings.host, settings.port, settings.password
        save_obs_address(host, port)
        if self.link.secure_store:
            key = password_key(host, port)
            run_in_worker(
                lambda: set_secret(key, password) if password else delete_secret(key),
                None,
                lambda error: self.runner.tell(Level.ERROR, describe_error(error)),
                context=self,
            )
        self.link.configure(host, port, password)

    # -- on screen or not ------------------------------------------------------------------------
    def _on_screen(self, shown: bool) -> None:
        """Audio levels and scene previews cost OBS work and traffic: only while seen."""
        self.link.want_levels(shown)
        self.link.previews.want(shown)
        if shown:
            self._levels.start()
        else:
            self._levels.stop()
            self.panel.audio_box.set_levels(None)

    def _draw_levels(self) -> None:
        self.panel.audio_box.set_levels(self.link.levels if self.state.usable else None)

    def _show_previews(self) -> None:
        self.panel.set_previews(self.link.previews.images)

    # -- drawing -------------------------------------------------------------------------------
    def _tick(self) -> None:
        state = self.state
        if state.retry_at is not None or state.stream.running or state.record.running:
            self.render()

    def render(self) -> None:
        state, panel, now = self.state, self.panel, time.monotonic()
        actions = self.runner.actions
        headline, hint = self._describe(state, now)
        panel.set_connection(
            state.connection, headline, hint, state.detail, responding=state.responsive
        )
        panel.set_online(state.usable, arg(self.tr("OBS cannot be used now: %1"), headline))
        preview = state.preview_scene if state.studio_mode else ""
        keys = [actions.key(c) for c in SCENE_PRESETS]
        panel.set_scenes(state.scenes, state.current_scene, keys, preview=preview)
        panel.studio.set_studio(
            state.studio_mode,
            state.preview_scene,
            state.current_scene,
            state.scene_keys_to_program,
            state.transitions,
            actions.key(CommandId.OBS_TAKE),
        )
        actions[CommandId.OBS_STUDIO_MODE].setChecked(state.studio_mode)
        mic = state.mic
        panel.audio_box.set_inputs(
            state.audio,
            mic.name if mic else None,
            state.mic_choice,
            actions.key(CommandId.OBS_MIC_TOGGLE),
        )
        panel.sources_box.set_items(state.items_scene, state.items)
        for button, output, streaming, command in (
            (panel.stream_button, state.stream, True, CommandId.OBS_STREAM_TOGGLE),
            (panel.record_button, state.record, False, CommandId.OBS_RECORD_TOGGLE),
        ):
            panel.set_output(button, output, now, streaming=streaming, key=actions.key(command))
            actions[command].setChecked(output.running)
        panel.set_extras(
            state.replay_buffer,
            state.virtual_camera,
            restorable=state.stream_backup,
            streaming=state.stream.running or state.stream.moving,
        )
        health = state.health
        panel.set_health(health, warning=health is not None and health.warning)
        panel.apply_tips()
        self.runner.schedule_sync()

    def _describe(self, state: ObsState, now: float) -> tuple[str, str]:
        """The headline (what the connection does) and a hint (what the operator can do)."""
        address = state.address
        connection = state.connection
        if connection is ConnectionState.CONNECTED and not state.responsive:
            return (
                arg(self.tr("OBS at %1 is not responding"), address),
                self.tr(
                    "OBS has answered nothing for 4 seconds: it may be frozen or overloaded. "
                    "Everything continues when it answers again; if it stays frozen, restart "
                    "OBS."
                ),
            )
        if connection is ConnectionState.CONNECTED:
            return arg(self.tr("Connected to OBS at %1"), address), ""
        if connection is ConnectionState.CONNECTING:
            return arg(self.tr("Connecting to OBS at %1…"), address), ""
        if connection is ConnectionState.FAILED:
            return (
                arg(self.tr("OBS at %1 refused the password"), address),
                self.tr(
                    "Open Settings… and enter OBS's WebSocket password. "
                    "LiveDesk does not retry until then."
                ),
            )
        if connection is ConnectionState.RECONNECTING:
            hint = self.tr(
                "Start OBS and enable its WebSocket server (Tools → WebSocket Server Settings). "
                "The rest of the console keeps working meanwhile."
            )
            if state.retry_at is not None and state.retry_at > now:
                seconds = max(1, round(state.retry_at - now))
                text = self.tr("OBS not reachable at %1 — next try in %2 s")
                return arg(text, address, seconds), hint
            return arg(self.tr("Reconnecting to OBS at %1…"), address), hint
        return self.tr("Not connected to OBS"), ""
