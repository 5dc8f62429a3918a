"""The OBS dock against a real, headless OBS Studio: click the real widgets, check OBS itself.

One OBS (password, local RTMP server) serves the module; the last test stops and restarts it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import pytest
from integration.event_log import eventually
from integration.headless_obs import (
    AUDIO_INPUT,
    PASSWORD,
    SECOND_SCENE,
    VISUAL_INPUT,
    HeadlessObs,
)
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.commands import CommandId
from console.events import Comment
from console.obs import Phase, password_key
from console.obs.health import DROP_WARNING_S, HealthMeter
from console.secrets import SERVICE
from console.storage.models import AuditEntry
from helpers.connectors import ScriptedConnector
from helpers.memory_keyring import MemoryKeyring
from helpers.obs_fixtures import ensure_obs_available, start_with_test_content
from helpers.ui import answer
from obs_bridge import ConnectionState, ObsClient, RecordStatus, Stats, StreamStatus
from ui.controllers.obs import ObsController
from ui.main_window import MainWindow
from ui.persist import save_obs_address, saved_obs_address

needs_obs = pytest.mark.integration
COMMENTS = [Comment(1.0, "c1", "u1", "小鹿", "主播好")]


# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def obs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HeadlessObs]:
    ensure_obs_available()
    options = ["--password", PASSWORD, "--rtmp", "--rtmp-port", "auto", "--rtmp-stat-port", "auto"]
    instance = HeadlessObs(tmp_path_factory.mktemp("obs-panel"), options)
    try:
        start_with_test_content(instance)
        yield instance
    finally:
        instance.stop()


@pytest.fixture
def obs_client(obs: HeadlessObs) -> Iterator[ObsClient]:
    """A second, independent connection: what OBS really does, not what the panel says."""
    client = obs.client()
    client.connect()
    yield client
    client.disconnect()


Connect = Callable[..., tuple[MainWindow, ObsController]]


@pytest.fixture
def connect(make_window: Callable[..., MainWindow], obs: HeadlessObs, qtbot: Any) -> Connect:
    """``connect(password=…, address=…, connected=True)``: a window on a session that controls
    the module's OBS, once its dock shows OBS's scenes (``connected`` False: at once)."""

    def open_window(
        password: str | None = obs.password,
        *,
        address: tuple[str, int] | None = None,
        connected: bool = True,
    ) -> tuple[MainWindow, ObsController]:
        host, port = address or ("127.0.0.1", obs.port)
        window = make_window(ScriptedConnector(COMMENTS), obs=(host, port, password))
        qtbot.waitUntil(lambda: window.comment_model.rowCount() == len(COMMENTS), timeout=10_000)
        controller = window.obs
        assert controller is not None
        if connected:
            qtbot.waitUntil(lambda: controller.state.connected, timeout=10_000)
            qtbot.waitUntil(lambda: bool(controller.panel.scene_buttons), timeout=5_000)
        return window, controller

    return open_window


def scene_names(controller: ObsController) -> list[str]:
    return [button.property("sceneName") for button in controller.panel.scene_buttons]


def highlighted_scene(controller: ObsController) -> list[str]:
    return [b.property("sceneName") for b in controller.panel.scene_buttons if b.isChecked()]


def scene_button(controller: ObsController, name: str) -> Any:
    (button,) = [b for b in controller.panel.scene_buttons if b.property("sceneName") == name]
    return button


def audit(window: MainWindow, qtbot: Any, count: int) -> list[AuditEntry]:
    """The audit entries, once there are ``count`` (a job audits right after OBS answered, so
    OBS may show the change a moment before the entry exists)."""

    def entries() -> list[AuditEntry]:
        assert window.session.writer.flush()
        with Session(window.session.engine) as session:
            return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))

    qtbot.waitUntil(lambda: len(entries()) >= count)
    found = entries()
    assert len(found) == count
    return found


def press(
    qtbot: Any, window: MainWindow, key: Qt.Key, modifiers: Any = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key pressed while the operator works in the comment feed (window-wide shortcuts)."""
    qtbot.keyClick(window.comment_panel.view, key, modifiers)


def visible_in_obs(client: ObsClient, scene: str, source: str) -> bool:
    (item,) = [i for i in client.scene_items(scene) if i.name == source]
    return item.visible


# -- with OBS -------------------------------------------------------------------------------------


@needs_obs
def test_shows_obs_scenes_and_switches_by_click_and_by_f_key(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    window, controller = connect()
    assert scene_names(controller) == obs_client.scenes()
    assert highlighted_scene(controller) == [obs_client.current_scene()] == ["Scene"]
    assert VISUAL_INPUT in controller.panel.source_boxes  # the sources of "Scene"
    try:
        qtbot.mouseClick(scene_button(controller, SECOND_SCENE), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: obs_client.current_scene() == SECOND_SCENE)
        qtbot.waitUntil(lambda: highlighted_scene(controller) == [SECOND_SCENE])
        qtbot.waitUntil(lambda: controller.panel.source_boxes == {})  # that scene is empty
        press(qtbot, window, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: obs_client.current_scene() == "Scene")
        qtbot.waitUntil(lambda: VISUAL_INPUT in controller.panel.source_boxes)

        obs_client.set_scene(SECOND_SCENE)  # someone switches in OBS itself
        qtbot.waitUntil(lambda: highlighted_scene(controller) == [SECOND_SCENE])
    finally:
        obs_client.set_scene("Scene")
    found = audit(window, qtbot, 2)
    entries = [(e.action, e.target, e.result) for e in found]
    assert entries == [("obs.scene", SECOND_SCENE, "ok"), ("obs.scene", "Scene", "ok")]
    assert {e.operator for e in found} == {window.session.operator}


@needs_obs
def test_mic_button_and_ctrl_m_mute_the_input_in_obs(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    window, controller = connect()
    mic = controller.state.mic
    assert mic is not None and mic.name == AUDIO_INPUT
    button = controller.panel.mute_buttons[AUDIO_INPUT]
    assert not button.isChecked()
    try:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: obs_client.input_muted(AUDIO_INPUT))
        qtbot.waitUntil(button.isChecked)
        press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not obs_client.input_muted(AUDIO_INPUT))
        qtbot.waitUntil(lambda: not button.isChecked())

        obs_client.set_input_mute(AUDIO_INPUT, True)  # muted in OBS itself
        qtbot.waitUntil(button.isChecked)
    finally:
        obs_client.set_input_mute(AUDIO_INPUT, False)
    entries = [(e.action, e.target, json.loads(e.detail)["muted"]) for e in audit(window, qtbot, 2)]
    assert entries == [
        ("obs.input.mute", AUDIO_INPUT, True),
        ("obs.input.mute", AUDIO_INPUT, False),
    ]


@needs_obs
def test_source_checkbox_hides_and_shows_the_source(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    window, controller = connect()
    box = controller.panel.source_boxes[VISUAL_INPUT]
    assert box.isChecked()
    try:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not visible_in_obs(obs_client, "Scene", VISUAL_INPUT))
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: visible_in_obs(obs_client, "Scene", VISUAL_INPUT))
    finally:
        obs_client.set_source_visible("Scene", VISUAL_INPUT, True)
    qtbot.waitUntil(box.isChecked)  # the panel follows OBS's event
    entries = [(e.action, e.target, json.loads(e.detail)) for e in audit(window, qtbot, 2)]
    assert [(a, t, d["scene"], d["visible"]) for a, t, d in entries] == [
        ("obs.source.visible", VISUAL_INPUT, "Scene", False),
        ("obs.source.visible", VISUAL_INPUT, "Scene", True),
    ]


@needs_obs
def test_streams_to_the_rtmp_server_with_live_state_and_bitrate(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    window, controller = connect()
    panel = controller.panel
    assert not panel.stream_button.isChecked()
    qtbot.mouseClick(panel.stream_button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: controller.state.stream.phase is Phase.LIVE, timeout=15_000)
        qtbot.waitUntil(panel.stream_button.isChecked)  # drawn from the state, a moment later
        assert window.actions[CommandId.OBS_STREAM_TOGGLE].isChecked()
        assert obs_client.stream_status().active
        qtbot.waitUntil(
            lambda: (
                controller.state.health is not None
                and (controller.state.health.bitrate_kbps or 0) > 0
            ),
            timeout=15_000,
        )

        def bitrate_shown() -> int:
            digits = "".join(ch for ch in panel.bitrate_value.text() if ch.isdigit())
            return int(digits or 0)

        qtbot.waitUntil(lambda: bitrate_shown() > 0)  # the strip follows the reading
        assert panel.fps_value.text() != "—"
    finally:
        press(
            qtbot,
            window,
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        box = answer(window, qtbot)  # stopping the stream ends the broadcast: it asks
        assert "停止推流" in box.text()
        qtbot.waitUntil(lambda: controller.state.stream.phase is Phase.OFF, timeout=15_000)
    qtbot.waitUntil(lambda: not panel.stream_button.isChecked())
    eventually(lambda: not obs_client.stream_status().active, what="the stream to end")
    assert [(e.action, e.result) for e in audit(window, qtbot, 2)] == [
        ("obs.stream.start", "ok"),
        ("obs.stream.stop", "ok"),
    ]


@needs_obs
def test_record_button_starts_and_stops_a_recording(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    window, controller = connect()
    button = controller.panel.record_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: controller.state.record.phase is Phase.LIVE, timeout=15_000)
        qtbot.waitUntil(button.isChecked)
        assert obs_client.record_status().active
    finally:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        answer(window, qtbot)
        qtbot.waitUntil(lambda: controller.state.record.phase is Phase.OFF, timeout=15_000)
    qtbot.waitUntil(lambda: not button.isChecked())
    assert [e.action for e in audit(window, qtbot, 2)] == ["obs.record.start", "obs.record.stop"]


@needs_obs
def test_a_wrong_password_fails_without_retries_until_settings_fix_it(
    connect: Connect, obs: HeadlessObs, memory_keyring: MemoryKeyring, qtbot
) -> None:
    window, controller = connect("not-the-password", connected=False)
    states: list[ConnectionState] = []
    controller.link.supervisor.add_state_listener(lambda state, _detail: states.append(state))
    failed = ConnectionState.FAILED
    qtbot.waitUntil(lambda: controller.state.connection is failed, timeout=10_000)
    qtbot.wait(1500)  # a retry loop would have tried again by now
    assert states == [] or states == [failed]  # (the listener may come after the failure)
    assert controller.state.connection is failed
    assert "password" in controller.link.supervisor.detail
    panel = controller.panel
    assert not panel.controls.isEnabled()
    assert panel.stream_button.toolTip()  # says why it is disabled
    assert not window.actions[CommandId.OBS_SCENE_1].isEnabled()
    assert not window.actions[CommandId.OBS_STREAM_TOGGLE].isEnabled()

    enter_in_settings(qtbot, controller, password=PASSWORD)
    qtbot.waitUntil(lambda: controller.state.connected, timeout=10_000)
    qtbot.waitUntil(lambda: bool(panel.scene_buttons))
    qtbot.waitUntil(panel.controls.isEnabled)  # the render of the connection may come last
    key = (SERVICE, password_key("127.0.0.1", obs.port))
    qtbot.waitUntil(lambda: memory_keyring.store.get(key) == PASSWORD)
    assert saved_obs_address() == ("127.0.0.1", obs.port)


@needs_obs
def test_without_a_keyring_the_password_is_used_for_this_run_only(
    connect: Connect, obs: HeadlessObs, qtbot
) -> None:
    keyring.set_keyring(NoKeyring())
    _window, controller = connect(None, connected=False)  # keyring: nothing to read
    failed = ConnectionState.FAILED
    qtbot.waitUntil(lambda: controller.state.connection is failed, timeout=10_000)
    note = enter_in_settings(qtbot, controller, password=PASSWORD)
    assert note["secure"] is False
    qtbot.waitUntil(lambda: controller.state.connected, timeout=10_000)


@needs_obs
def test_the_saved_address_and_keyring_password_are_used_by_default(
    connect: Connect, obs: HeadlessObs, memory_keyring: MemoryKeyring
) -> None:
    save_obs_address("127.0.0.1", obs.port)
    memory_keyring.set_password(SERVICE, password_key("127.0.0.1", obs.port), PASSWORD)
    address = saved_obs_address()  # what the app connects to when no --obs is given
    _window, controller = connect(None, address=address)  # the password: the keyring's
    assert (controller.state.host, controller.state.port) == ("127.0.0.1", obs.port)


@needs_obs
def test_the_console_keeps_working_while_obs_is_away_and_reconnects(
    connect: Connect, obs: HeadlessObs, qtbot
) -> None:
    """Runs last: it stops and restarts the module's OBS."""
    window, controller = connect()
    panel = controller.panel
    obs.stop()
    reconnecting = ConnectionState.RECONNECTING
    qtbot.waitUntil(lambda: controller.state.connection is reconnecting, timeout=10_000)
    qtbot.waitUntil(lambda: not panel.controls.isEnabled())
    assert not window.actions[CommandId.OBS_SCENE_1].isEnabled()
    assert panel.reconnect_button.isVisible()

    window.session.show.ingest(Comment(5.0, "c2", "u2", "阿杰", "OBS 掉线了吗"))
    qtbot.waitUntil(lambda: window.comment_model.row_of("c2") >= 0)

    obs.start()
    qtbot.waitUntil(lambda: controller.state.connected, timeout=30_000)
    qtbot.waitUntil(panel.controls.isEnabled)
    fresh = obs.client()
    fresh.connect()
    try:
        qtbot.waitUntil(lambda: scene_names(controller) == fresh.scenes())
        assert highlighted_scene(controller) == [fresh.current_scene()]
    finally:
        fresh.disconnect()


def enter_in_settings(qtbot, controller: ObsController, *, password: str) -> dict[str, Any]:
    """Open the settings dialog from its button, type ``password``, press OK; returns what the
    dialog said about the keyring."""
    qtbot.mouseClick(controller.panel.settings_button, Qt.MouseButton.LeftButton)
    dialog = controller.settings_dialog
    assert dialog is not None and dialog.isVisible()
    seen = {"secure": dialog.findChild(object, "obsKeyringNote").property("secure")}
    edit = dialog.findChild(QLineEdit, "obsPassword")
    edit.clear()
    qtbot.keyClicks(edit, password)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    return seen


# -- health readings (no OBS needed) --------------------------------------------------------------


def stream_status(active: bool, sent: int, dropped: int = 0, frames: int = 0) -> StreamStatus:
    return StreamStatus(active, False, 0.0, sent, 0.0, dropped, frames)


def stats(skipped: int = 0, rendered: int = 0) -> Stats:
    return Stats(30.0, 5.0, skipped, rendered, 0, 0, 200.0)


IDLE = RecordStatus(False, False, 0.0)


def test_bitrate_comes_from_the_bytes_sent_between_two_readings() -> None:
    meter = HealthMeter()
    assert meter.update(stream_status(True, 0), IDLE, stats(), now=10.0).bitrate_kbps is None
    health = meter.update(stream_status(True, 375_000), IDLE, stats(), now=11.5)
    assert health.bitrate_kbps == pytest.approx(2000.0)  # 375 kB in 1.5 s
    # A new stream starts its byte counter from zero again: no negative bitrate.
    assert meter.update(stream_status(True, 1000), IDLE, stats(), now=13.0).bitrate_kbps is None
    assert meter.update(stream_status(False, 0), IDLE, stats(), now=14.5).bitrate_kbps is None


def test_lost_frames_warn_for_a_while_and_single_ones_do_not() -> None:
    meter = HealthMeter()
    meter.update(stream_status(True, 0), IDLE, stats(0, 0), now=0.0)
    one_in_600 = meter.update(stream_status(True, 0), IDLE, stats(1, 600), now=1.5)
    assert not one_in_600.warning
    many = meter.update(stream_status(True, 0), IDLE, stats(30, 900), now=3.0)
    assert many.dropping and many.warning
    steady = meter.update(stream_status(True, 0), IDLE, stats(30, 1200), now=4.5)
    assert steady.dropping  # still within the window that saw the drop
    later = 4.5 + DROP_WARNING_S + 1.5
    meter.update(stream_status(True, 0), IDLE, stats(30, 1500), now=later - 1.5)
    assert not meter.update(stream_status(True, 0), IDLE, stats(30, 1800), now=later).dropping


def test_network_drops_and_congestion_warn() -> None:
    meter = HealthMeter()
    meter.update(stream_status(True, 0, dropped=0, frames=100), IDLE, stats(), now=0.0)
    health = meter.update(stream_status(True, 0, dropped=20, frames=200), IDLE, stats(), now=1.5)
    assert health.dropping
    congested = StreamStatus(True, False, 3.0, 0, 0.4, 0, 0)
    assert HealthMeter().update(congested, IDLE, stats(), now=0.0).congested
