"""The OBS dock against a real, headless OBS Studio: click the real widgets, check OBS itself.

One OBS (password, local RTMP server, the scene collection of helpers.obs_fixtures: Desktop
Audio and Mic/Aux devices, a group, a tone playing) serves the module; the last test stops
and restarts it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import pytest
from integration.event_log import eventually
from integration.headless_obs import (
    AUDIO_INPUT,
    DESKTOP_INPUT,
    GROUP,
    GROUP_CHILDREN,
    MIC_INPUT,
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
from console.obs import ObsLink, Phase, password_key
from console.obs.health import DROP_WARNING_S, HealthMeter
from console.obs.incidents import STREAM_DROPPED, STREAM_RECONNECTING
from console.secrets import SERVICE
from console.storage.models import AuditEntry
from helpers.connectors import ScriptedConnector
from helpers.memory_keyring import MemoryKeyring
from helpers.obs_fixtures import ensure_obs_available, start_with_test_content
from helpers.ui import answer
from obs_bridge import ConnectionState, ObsClient, RecordStatus, Stats, StreamStatus
from ui.controllers.obs import ObsController
from ui.main_window import MainWindow
from ui.panels.obs_audio import FLOOR_DB
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
    (item,) = [i for i in client.scene_items(scene) if i.source == source]
    return item.enabled


def source_names(controller: ObsController) -> list[str]:
    return [box.property("sourceName") for box in controller.panel.source_boxes.values()]


def status_text(window: MainWindow) -> str:
    return window.status.message_label.text()


def stop(window: MainWindow, command: CommandId) -> None:
    """Stop an output without the question (a test's clean-up)."""
    window.runner.router.submit(command, confirmed=True)


def audit_actions(window: MainWindow) -> list[str]:
    assert window.session.writer.flush()
    with Session(window.session.engine) as session:
        return [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


# -- with OBS -------------------------------------------------------------------------------------


@needs_obs
def test_shows_obs_scenes_and_switches_by_click_and_by_f_key(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    window, controller = connect()
    assert scene_names(controller) == obs_client.scenes()
    assert highlighted_scene(controller) == [obs_client.current_scene()] == ["Scene"]
    assert VISUAL_INPUT in source_names(controller)  # the sources of "Scene"
    try:
        qtbot.mouseClick(scene_button(controller, SECOND_SCENE), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: obs_client.current_scene() == SECOND_SCENE)
        qtbot.waitUntil(lambda: highlighted_scene(controller) == [SECOND_SCENE])
        qtbot.waitUntil(lambda: controller.panel.source_boxes == {})  # that scene is empty
        press(qtbot, window, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: obs_client.current_scene() == "Scene")
        qtbot.waitUntil(lambda: VISUAL_INPUT in source_names(controller))

        obs_client.set_scene(SECOND_SCENE)  # someone switches in OBS itself
        qtbot.waitUntil(lambda: highlighted_scene(controller) == [SECOND_SCENE])
    finally:
        obs_client.set_scene("Scene")
    found = audit(window, qtbot, 2)
    entries = [(e.action, e.target, e.result) for e in found]
    assert entries == [("obs.scene", SECOND_SCENE, "ok"), ("obs.scene", "Scene", "ok")]
    assert {e.operator for e in found} == {window.session.operator}


@needs_obs
def test_ctrl_m_mutes_obs_microphone_not_the_first_input_with_audio(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    """A media source comes first among OBS's inputs with audio, Desktop Audio next: the mic
    key must find Mic/Aux all the same."""
    window, controller = connect()
    assert obs_client.audio_inputs()[0].name == AUDIO_INPUT
    audio = controller.panel.audio_box
    assert list(audio.mute_buttons)[:2] == [MIC_INPUT, DESKTOP_INPUT]  # the mic comes first
    button = audio.mute_buttons[MIC_INPUT]
    assert not button.isChecked()
    try:
        press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: obs_client.input_muted(MIC_INPUT))
        qtbot.waitUntil(button.isChecked)
        assert not obs_client.input_muted(AUDIO_INPUT) and not obs_client.input_muted(DESKTOP_INPUT)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not obs_client.input_muted(MIC_INPUT))

        obs_client.set_input_mute(MIC_INPUT, True)  # muted in OBS itself
        qtbot.waitUntil(button.isChecked)
    finally:
        obs_client.set_input_mute(MIC_INPUT, False)
    entries = [(e.action, e.target, json.loads(e.detail)["muted"]) for e in audit(window, qtbot, 2)]
    assert entries == [
        ("obs.input.mute", MIC_INPUT, True),
        ("obs.input.mute", MIC_INPUT, False),
    ]


@needs_obs
def test_the_operator_chooses_the_mic_and_the_choice_is_kept(
    connect: Connect, obs_client: ObsClient, obs: HeadlessObs, qtbot
) -> None:
    window, controller = connect()
    combo = controller.panel.audio_box.mic_choice
    assert combo.currentData() == ""  # OBS's own microphone
    assert MIC_INPUT in combo.currentText()
    combo.setCurrentIndex(combo.findData(AUDIO_INPUT))
    combo.activated.emit(combo.currentIndex())  # as a pick in the list does
    qtbot.waitUntil(lambda: controller.state.mic_choice == AUDIO_INPUT)
    try:
        press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: obs_client.input_muted(AUDIO_INPUT))
        assert not obs_client.input_muted(MIC_INPUT)
    finally:
        obs_client.set_input_mute(AUDIO_INPUT, False)
    assert next(iter(controller.panel.audio_box.mute_buttons)) == AUDIO_INPUT
    qtbot.waitUntil(lambda: "obs.mic.choose" in audit_actions(window))
    assert combo.currentData() == AUDIO_INPUT

    state = controller.state  # the next start of the console, on the same OBS
    later = ObsLink(state.host, state.port, obs.password)
    later.start(read_keyring=False)
    try:
        qtbot.waitUntil(lambda: later.state.mic_choice == AUDIO_INPUT)
        qtbot.waitUntil(lambda: later.state.mic is not None)
        assert later.state.mic is not None and later.state.mic.name == AUDIO_INPUT
    finally:
        later.shutdown()


@needs_obs
def test_level_meters_move_with_the_sound_while_the_panel_shows(connect: Connect, qtbot) -> None:
    _window, controller = connect()
    meters = controller.panel.audio_box.meters
    qtbot.waitUntil(lambda: meters[AUDIO_INPUT].peak_db > -30, timeout=5_000)  # the tone
    assert meters[MIC_INPUT].peak_db == FLOOR_DB  # no sound server here: silence
    controller.panel.hide()  # e.g. tabbed behind another dock
    qtbot.waitUntil(lambda: meters[AUDIO_INPUT].peak_db == FLOOR_DB)
    assert controller.link.levels == {}


@needs_obs
def test_source_checkbox_hides_and_shows_the_source(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    window, controller = connect()
    box = controller.panel.sources_box.box(VISUAL_INPUT)
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
def test_a_source_inside_a_group_is_listed_and_toggled(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    _window, controller = connect()
    assert source_names(controller)[:3] == [GROUP, *GROUP_CHILDREN]
    child = GROUP_CHILDREN[1]
    box = controller.panel.sources_box.box(child, GROUP)
    assert box.isChecked()

    def child_shown() -> bool:
        (item,) = [i for i in obs_client.scene_items("Scene") if i.source == child]
        return item.enabled

    try:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not child_shown())
        others = [i for i in obs_client.scene_items("Scene") if i.source != child]
        assert all(i.enabled for i in others)  # the scene's item with the same id stays
        (item,) = [i for i in obs_client.scene_items("Scene") if i.source == child]
        obs_client.set_scene_item_enabled(GROUP, item.id, True)  # shown again in OBS
        qtbot.waitUntil(box.isChecked)
    finally:
        (item,) = [i for i in obs_client.scene_items("Scene") if i.source == child]
        obs_client.set_scene_item_enabled(GROUP, item.id, True)


@needs_obs
def test_studio_mode_scene_keys_fill_the_preview_and_take_puts_it_on_air(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    window, controller = connect()
    studio = controller.panel.studio
    qtbot.mouseClick(studio.studio_box, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(obs_client.studio_mode)
        qtbot.waitUntil(studio.take_button.isVisible)
        press(qtbot, window, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: obs_client.preview_scene() == SECOND_SCENE)
        assert obs_client.current_scene() == "Scene"  # nothing went on air
        qtbot.waitUntil(lambda: scene_button(controller, SECOND_SCENE).property("preview"))
        assert highlighted_scene(controller) == ["Scene"]
        assert SECOND_SCENE in studio.take_button.text()

        index = studio.transition.findText("Cut")
        studio.transition.setCurrentIndex(index)
        studio.transition.activated.emit(index)
        qtbot.waitUntil(lambda: obs_client.transitions().current == "Cut")
        qtbot.waitUntil(studio.take_button.isEnabled)  # as the operator sees it
        qtbot.mouseClick(studio.take_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: obs_client.current_scene() == SECOND_SCENE)
        qtbot.waitUntil(lambda: highlighted_scene(controller) == [SECOND_SCENE])

        qtbot.mouseClick(studio.direct_box, Qt.MouseButton.LeftButton)  # keys straight on air
        qtbot.waitUntil(lambda: controller.state.scene_keys_to_program)
        press(qtbot, window, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: obs_client.current_scene() == "Scene")
    finally:
        obs_client.set_studio_mode(False)
        obs_client.set_scene("Scene")
        obs_client.set_transition("Fade")
    qtbot.waitUntil(lambda: not studio.take_button.isVisible())
    actions = audit_actions(window)
    for action in ("obs.studio_mode", "obs.scene", "obs.transition", "obs.take"):
        assert action in actions


@needs_obs
def test_a_scene_renamed_in_obs_is_switched_to_under_its_new_name(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    window, controller = connect()
    obs_client.call("SetSceneName", sceneName=SECOND_SCENE, newSceneName="改名后")
    try:
        qtbot.waitUntil(lambda: scene_names(controller)[1] == "改名后")
        press(qtbot, window, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: obs_client.current_scene() == "改名后")
    finally:
        obs_client.set_scene("Scene")
        obs_client.call("SetSceneName", sceneName="改名后", newSceneName=SECOND_SCENE)
    assert [(e.action, e.result) for e in audit(window, qtbot, 1)] == [("obs.scene", "ok")]


@needs_obs
def test_scene_buttons_show_a_picture_of_their_scene(connect: Connect, qtbot) -> None:
    _window, controller = connect()
    qtbot.waitUntil(
        lambda: all(not b.icon().isNull() for b in controller.panel.scene_buttons),
        timeout=10_000,
    )
    assert all(len(image) < 10_000 for image in controller.link.previews.images.values())


@needs_obs
def test_the_users_stream_settings_are_kept_restored_and_never_changed_while_live(
    connect: Connect, obs_client: ObsClient, obs: HeadlessObs, qtbot
) -> None:
    window, controller = connect()
    panel = controller.panel
    own = obs_client.stream_service()
    push = f"{obs.env['RTMP_SERVER']}/room-42?txSecret=abc"
    window.runner.run(CommandId.OBS_STREAM_TARGET, {"push_url": push})
    qtbot.waitUntil(lambda: obs_client.stream_service()[1]["key"] == "room-42?txSecret=abc")
    qtbot.waitUntil(panel.restore_button.isVisible)

    qtbot.mouseClick(panel.stream_button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: controller.state.stream.phase is Phase.LIVE, timeout=15_000)
        qtbot.waitUntil(lambda: not panel.restore_button.isEnabled())  # why: in its tooltip
        window.runner.run(CommandId.OBS_STREAM_TARGET_RESTORE)
        qtbot.waitUntil(lambda: "停止推流之前不能更改推流目标" in status_text(window))
    finally:
        stop(window, CommandId.OBS_STREAM_STOP)
        qtbot.waitUntil(lambda: controller.state.stream.phase is Phase.OFF, timeout=15_000)
    qtbot.waitUntil(panel.restore_button.isEnabled)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: obs_client.stream_service() == own)
    qtbot.waitUntil(lambda: not panel.restore_button.isVisible())


@needs_obs
def test_a_stream_stopped_in_obs_itself_is_an_alarm_on_the_timeline(
    connect: Connect, obs_client: ObsClient, qtbot
) -> None:
    window, controller = connect()
    bar = window.on_air_bar
    qtbot.mouseClick(controller.panel.stream_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.air_label.text().startswith("● 直播中"), timeout=15_000)
    obs_client.stop_stream()  # someone at the OBS computer
    qtbot.waitUntil(lambda: bar.air_label.text() == "推流中断", timeout=15_000)
    assert bar.air_label.property("air") == "dropped"
    qtbot.waitUntil(lambda: "推流中断" in status_text(window))
    qtbot.waitUntil(lambda: STREAM_DROPPED in audit_actions(window))
    qtbot.waitUntil(lambda: any(m.kind == STREAM_DROPPED for m in window.dashboard_panel.markers))
    eventually(lambda: not obs_client.stream_status().active, what="the stream to end")


@needs_obs
def test_a_stream_reconnecting_shows_how_long_and_is_on_the_timeline(
    connect: Connect, obs: HeadlessObs, qtbot
) -> None:
    """The RTMP server's worker dies: OBS reconnects to the one nginx starts in its place."""
    window, controller = connect()
    bar = window.on_air_bar
    qtbot.mouseClick(controller.panel.stream_button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: bar.air_label.text().startswith("● 直播中"), timeout=15_000)
        workers = subprocess.run(
            ["pgrep", "-P", obs.env["RTMP_PID"]], capture_output=True, text=True, check=True
        ).stdout.split()
        for worker in workers:  # started by this module's fixture
            os.kill(int(worker), signal.SIGKILL)
        qtbot.waitUntil(lambda: bar.air_label.text().startswith("推流重连中"), timeout=10_000)
        assert bar.air_label.text().endswith("秒")
        assert bar.air_label.property("air") == "reconnecting"
        qtbot.waitUntil(lambda: bar.air_label.text().startswith("● 直播中"), timeout=20_000)
        qtbot.waitUntil(lambda: "推流已恢复" in status_text(window))
        assert STREAM_RECONNECTING in audit_actions(window)
        qtbot.waitUntil(
            lambda: any(m.kind == STREAM_RECONNECTING for m in window.dashboard_panel.markers)
        )
    finally:
        stop(window, CommandId.OBS_STREAM_STOP)
        qtbot.waitUntil(lambda: controller.state.stream.phase is Phase.OFF, timeout=15_000)


@needs_obs
def test_a_frozen_obs_says_not_responding_then_recovers(
    connect: Connect, obs: HeadlessObs, qtbot
) -> None:
    window, controller = connect()
    bar = window.on_air_bar
    pid = int(obs.env["OBS_PID"])  # started by this module's fixture
    os.kill(pid, signal.SIGSTOP)
    frozen_at = time.monotonic()
    try:
        qtbot.waitUntil(lambda: bar.obs_label.text() == "OBS 无响应", timeout=10_000)
        assert time.monotonic() - frozen_at <= 5.0
        assert controller.state.connected  # frozen, not disconnected
        assert "无响应" in controller.panel.state_label.text()
        assert not controller.panel.controls.isEnabled()
        assert not window.actions[CommandId.OBS_SCENE_1].isEnabled()
    finally:
        os.kill(pid, signal.SIGCONT)
    qtbot.waitUntil(lambda: bar.obs_label.text() == "OBS 已连接", timeout=10_000)
    qtbot.waitUntil(controller.panel.controls.isEnabled)


@needs_obs
def test_record_pause_and_the_replay_buffer(connect: Connect, obs_client: ObsClient, qtbot) -> None:
    window, controller = connect()
    panel = controller.panel
    assert panel.camera_button.isHidden()  # no virtual camera on this machine
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: controller.state.record.phase is Phase.LIVE, timeout=15_000)
        qtbot.waitUntil(panel.pause_button.isEnabled)
        qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: obs_client.record_status().paused)
        qtbot.waitUntil(lambda: panel.record_button.text().startswith("已暂停"))
        qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not obs_client.record_status().paused)
    finally:
        stop(window, CommandId.OBS_RECORD_STOP)
        qtbot.waitUntil(lambda: controller.state.record.phase is Phase.OFF, timeout=15_000)

    assert panel.replay_button.isVisible()
    qtbot.mouseClick(panel.replay_button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: obs_client.replay_buffer_active() is True, timeout=15_000)
        qtbot.waitUntil(panel.replay_save_button.isEnabled)
        qtbot.mouseClick(panel.replay_save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "obs.replay.save" in audit_actions(window))
    finally:
        window.runner.run(CommandId.OBS_REPLAY_STOP)
        qtbot.waitUntil(lambda: obs_client.replay_buffer_active() is False, timeout=15_000)


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
