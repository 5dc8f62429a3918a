"""The OBS of a real streaming PC, in the core: the right microphone (and the operator's own
choice, kept), studio mode, items in groups, OBS renaming things, an OBS out of sync, a frozen
OBS, the user's own stream settings kept and restored, a recording that cannot pause.

Against the v5 fake (tests/unit/obs_bridge/fake_obs.py); the integration and panel tests do
the same against a real OBS where one can stage it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from integration.event_log import eventually
from unit.obs_bridge.fake_obs import FakeObs, FakeSession, fail, ok, output_event, serve_outputs

from console.errors import OperatorError
from console.obs import ObsLink, ObsService
from console.obs.preferences import FILE_NAME, ObsPreferences, load_preferences
from console.obs.service import MIN_PAUSE_S
from console.obs.state import Phase
from console.paths import config_dir
from console.secrets import SERVICE
from helpers.jobs import PlanRunner
from helpers.memory_keyring import MemoryKeyring

WINDOWS_INPUTS = [
    {"inputName": "Desktop Audio", "inputKind": "wasapi_output_capture"},
    {"inputName": "Mic/Aux", "inputKind": "wasapi_input_capture"},
    {"inputName": "Headset", "inputKind": "wasapi_input_capture"},
    {"inputName": "Music", "inputKind": "ffmpeg_source"},
]


@pytest.fixture
def fake_obs() -> Iterator[FakeObs]:
    """A default Windows OBS: Desktop Audio is made (and listed) before Mic/Aux."""
    with FakeObs() as server:
        serve_outputs(server)
        muted = {i["inputName"]: False for i in WINDOWS_INPUTS}

        def set_mute(session: FakeSession, data: dict[str, Any]) -> dict[str, Any]:
            muted[data["inputName"]] = data["inputMuted"]
            session.send_event("InputMuteStateChanged", data)
            return ok()

        server.handlers["GetInputList"] = lambda s, d: ok({"inputs": WINDOWS_INPUTS})
        server.handlers["GetSpecialInputs"] = lambda s, d: ok(
            {"desktop1": "Desktop Audio", "mic1": "Mic/Aux"}
        )
        server.handlers["GetInputMute"] = lambda s, d: ok({"inputMuted": muted[d["inputName"]]})
        server.handlers["SetInputMute"] = set_mute
        yield server


def open_link(fake_obs: FakeObs, **options: Any) -> ObsLink:
    link = ObsLink("127.0.0.1", fake_obs.port, **options)
    link.start(read_keyring=False)
    eventually(lambda: link.state.connected and bool(link.state.scenes))
    return link


@pytest.fixture
def link(fake_obs: FakeObs) -> Iterator[ObsLink]:
    obs = open_link(fake_obs)
    yield obs
    obs.shutdown()


@pytest.fixture
def service(link: ObsLink) -> ObsService:
    return ObsService(link)


@pytest.fixture
def run() -> PlanRunner:
    return PlanRunner(None, "场控小王")


def test_the_mic_is_obs_mic_not_the_first_input_with_audio(link: ObsLink) -> None:
    state = link.state
    assert state.audio[0].name == "Desktop Audio"
    assert state.mic is not None and state.mic.name == "Mic/Aux"
    assert state.desktop is not None and state.desktop.name == "Desktop Audio"


def test_the_operators_mic_is_kept_for_this_obs_and_follows_a_rename(
    fake_obs: FakeObs, link: ObsLink, service: ObsService, run: PlanRunner
) -> None:
    assert run(service.choose_mic("Headset"), "obs.mic.choose").ok
    assert link.state.mic is not None and link.state.mic.name == "Headset"
    assert load_preferences(link.state.address) == ObsPreferences(mic="Headset")
    assert json.loads((config_dir() / FILE_NAME).read_text())[link.state.address]["mic"] == (
        "Headset"
    )
    with pytest.raises(OperatorError, match="no audio input"):
        service.choose_mic("Logo")

    fake_obs.sessions[-1].send_event(
        "InputNameChanged", {"oldInputName": "Headset", "inputName": "Anchor mic"}
    )
    eventually(lambda: link.state.mic_choice == "Anchor mic")
    eventually(lambda: load_preferences(link.state.address).mic == "Anchor mic")

    again = open_link(fake_obs)  # the next run of the console
    try:
        eventually(lambda: again.state.mic_choice == "Anchor mic")
    finally:
        again.shutdown()


def test_in_studio_mode_scene_keys_fill_the_preview_and_take_puts_it_on_air(
    fake_obs: FakeObs, link: ObsLink, service: ObsService, run: PlanRunner
) -> None:
    with pytest.raises(OperatorError, match="Studio mode is off"):
        service.take()
    assert run(service.set_studio_mode(True), "obs.studio_mode").ok
    eventually(lambda: link.state.studio_mode and link.state.preview_scene == "Scene")
    assert run(service.switch_scene("Live"), "obs.scene").ok
    assert (fake_obs.preview_scene, fake_obs.current_scene) == ("Live", "Scene")
    eventually(lambda: link.state.preview_scene == "Live")
    assert link.state.current_scene == "Scene"
    assert run(service.take(), "obs.take").ok
    eventually(lambda: link.state.current_scene == "Live")
    assert link.state.preview_scene == "Scene"  # OBS swaps them

    assert run(service.set_scene_keys_to_program(True), "obs.scene_keys_to_program").ok
    assert run(service.switch_scene("Scene"), "obs.scene").ok
    assert fake_obs.current_scene == "Scene"  # on air at once, in studio mode too
    assert load_preferences(link.state.address).scene_keys_to_program


def test_a_source_in_a_group_is_toggled_by_id_in_its_group(
    fake_obs: FakeObs, link: ObsLink, service: ObsService, run: PlanRunner
) -> None:
    rows = [("Camera", 1, True, None), ("Lower third", 2, True, True)]

    def items(_s: FakeSession, _d: dict[str, Any]) -> dict[str, Any]:
        return ok(
            {
                "sceneItems": [
                    {"sourceName": n, "sceneItemId": i, "sceneItemEnabled": e, "isGroup": g}
                    for n, i, e, g in rows
                ]
            }
        )

    sent: list[dict[str, Any]] = []
    fake_obs.handlers["GetSceneItemList"] = items
    fake_obs.handlers["GetGroupSceneItemList"] = lambda s, d: ok(
        {"sceneItems": [{"sourceName": "Title", "sceneItemId": 1, "sceneItemEnabled": True}]}
    )
    fake_obs.handlers["SetSceneItemEnabled"] = lambda s, d: sent.append(d) or ok()
    link.refresh()
    eventually(lambda: any(i.group == "Lower third" for i in link.state.items))
    plan = service.set_source_visible("Scene", None, False, item_id=1, group="Lower third")
    (title,) = [i for i in link.state.items if i.source == "Title"]
    assert not title.enabled  # at once
    camera = next(i for i in link.state.items if i.source == "Camera")
    assert camera.enabled  # the scene's item with the same id is another one
    assert run(plan, "obs.source.visible").ok
    assert sent == [{"sceneName": "Lower third", "sceneItemId": 1, "sceneItemEnabled": False}]

    # OBS tells of the change in the group by the group's name
    fake_obs.sessions[-1].send_event(
        "SceneItemEnableStateChanged",
        {"sceneName": "Lower third", "sceneItemId": 1, "sceneItemEnabled": True},
    )
    eventually(lambda: next(i for i in link.state.items if i.source == "Title").enabled)
    assert next(i for i in link.state.items if i.source == "Camera").enabled


def test_a_scene_renamed_in_obs_is_switched_to_by_its_new_name(
    fake_obs: FakeObs, link: ObsLink, service: ObsService, run: PlanRunner
) -> None:
    fake_obs.sessions[-1].send_event(
        "SceneNameChanged", {"oldSceneName": "Live", "sceneName": "Live 2"}
    )
    eventually(lambda: link.state.scenes == ("Scene", "Live 2"))
    assert service.scene_named(2) == "Live 2"


def test_a_scene_list_event_brings_the_new_order(fake_obs: FakeObs, link: ObsLink) -> None:
    fake_obs.sessions[-1].send_event(
        "SceneListChanged",
        {
            "scenes": [
                {"sceneIndex": 0, "sceneName": "Scene"},
                {"sceneIndex": 1, "sceneName": "Live"},
            ]
        },
    )
    eventually(lambda: link.state.scenes == ("Live", "Scene"))


def test_obs_naming_no_program_scene_is_no_reconnect_loop(fake_obs: FakeObs) -> None:
    fake_obs.handlers["GetSceneList"] = lambda s, d: ok(
        {"currentProgramSceneName": None, "scenes": [{"sceneIndex": 0, "sceneName": "Scene"}]}
    )
    link = open_link(fake_obs)
    try:
        assert link.state.current_scene == ""
        fake_obs.sessions[-1].send_event("CurrentProgramSceneChanged", {"sceneName": None})
        eventually(lambda: "GetSceneList" in fake_obs.sessions[-1].requests[3:])
        assert link.state.connected and fake_obs.identify_count == 1
    finally:
        link.shutdown()


def test_a_frozen_obs_is_unresponsive_not_disconnected_and_recovers(fake_obs: FakeObs) -> None:
    frozen = {"on": False}
    stats = fake_obs.handlers["GetStats"]
    fake_obs.handlers["GetStats"] = lambda s, d: None if frozen["on"] else stats(s, d)
    link = open_link(fake_obs, poll_interval=0.2, unresponsive_after=1.0)
    incidents: list[str] = []
    link.add_incident_listener(lambda incident: incidents.append(incident.value))
    try:
        frozen["on"] = True
        eventually(lambda: not link.state.responsive)
        assert link.state.connected
        with pytest.raises(OperatorError, match="not responding"):
            ObsService(link).switch_scene("Live")
        frozen["on"] = False
        eventually(lambda: link.state.responsive)
        assert incidents == ["obs_frozen", "obs_responsive"]
    finally:
        link.shutdown()


def test_the_users_stream_settings_are_kept_and_restored(
    fake_obs: FakeObs,
    link: ObsLink,
    service: ObsService,
    run: PlanRunner,
    memory_keyring: MemoryKeyring,
) -> None:
    own = dict(fake_obs.stream_settings)
    assert run(service.use_push_url("rtmp://push.example.com/live/k1?txSecret=a"), "x").ok
    assert fake_obs.stream_settings["streamServiceType"] == "rtmp_custom"
    assert link.state.stream_backup
    # a second push address must not replace what is kept
    assert run(service.use_push_url("rtmp://push.example.com/live/k2?txSecret=b"), "x").ok
    kept = memory_keyring.store[(SERVICE, f"obs-stream-backup:{link.state.address}")]
    assert json.loads(kept) == {
        "kind": own["streamServiceType"],
        "settings": own["streamServiceSettings"],
    }
    assert run(service.restore_stream_service(), "obs.stream_target.restore").ok
    assert fake_obs.stream_settings == own
    assert not link.state.stream_backup
    assert (SERVICE, f"obs-stream-backup:{link.state.address}") not in memory_keyring.store
    with pytest.raises(OperatorError, match="no stream settings of yours"):
        service.restore_stream_service()


def test_the_stream_target_does_not_change_while_streaming(
    link: ObsLink, service: ObsService, run: PlanRunner
) -> None:
    assert run(service.set_output(streaming=True, start=True), "obs.stream.start").ok
    eventually(lambda: link.state.stream.phase is Phase.LIVE)
    with pytest.raises(OperatorError, match="streaming: where it streams to cannot change"):
        service.use_push_url("rtmp://push.example.com/live/k1")


def test_a_recording_that_cannot_pause_says_why(
    fake_obs: FakeObs, link: ObsLink, service: ObsService, run: PlanRunner
) -> None:
    fake_obs.handlers["PauseRecord"] = lambda s, d: ok()  # OBS says yes and does nothing
    assert run(service.set_output(streaming=False, start=True), "obs.record.start").ok
    eventually(lambda: link.state.record.phase is Phase.LIVE)
    outcome = run(service.set_record_paused(True), "obs.record.pause")
    assert not outcome.ok and "cannot pause" in str(outcome.error)
    assert link.state.record.phase is Phase.LIVE  # put back


def test_a_replay_buffer_and_a_virtual_camera_follow_obs(
    fake_obs: FakeObs, link: ObsLink, service: ObsService, run: PlanRunner
) -> None:
    assert link.state.replay_buffer is None  # this OBS has none
    with pytest.raises(OperatorError, match="no replay buffer"):
        service.set_replay_buffer(True)
    fake_obs.handlers["GetReplayBufferStatus"] = lambda s, d: ok({"outputActive": False})
    fake_obs.handlers["GetVirtualCamStatus"] = lambda s, d: fail(604, "not available")
    fake_obs.handlers["StartReplayBuffer"] = lambda s, d: (
        s.send_event("ReplayBufferStateChanged", output_event("STARTED")) or ok()
    )
    link.reconnect()
    eventually(lambda: link.state.connected and link.state.replay_buffer is not None)
    assert run(service.set_replay_buffer(True), "obs.replay.start").ok
    eventually(lambda: link.state.replay_buffer is not None and link.state.replay_buffer.running)
    assert link.state.virtual_camera is None


def test_a_virtual_camera_starts_and_stops(
    fake_obs: FakeObs, link: ObsLink, service: ObsService, run: PlanRunner
) -> None:
    """Only against the fake: the headless OBS has no virtual camera (no v4l2loopback)."""
    camera = {"on": False}

    def switch(on: bool) -> Any:
        def handle(session: FakeSession, _data: dict[str, Any]) -> dict[str, Any]:
            camera["on"] = on
            state = "STARTED" if on else "STOPPED"
            session.send_event("VirtualcamStateChanged", output_event(state))
            return ok()

        return handle

    fake_obs.handlers["GetVirtualCamStatus"] = lambda s, d: ok({"outputActive": camera["on"]})
    fake_obs.handlers["StartVirtualCam"] = switch(True)
    fake_obs.handlers["StopVirtualCam"] = switch(False)
    link.reconnect()
    eventually(lambda: link.state.connected and link.state.virtual_camera is not None)
    assert run(service.set_virtual_camera(True), "obs.virtual_camera.start").ok
    eventually(lambda: link.state.virtual_camera is not None and link.state.virtual_camera.running)
    with pytest.raises(OperatorError, match="virtual camera is on already"):
        service.set_virtual_camera(True)
    assert run(service.set_virtual_camera(False), "obs.virtual_camera.stop").ok
    eventually(lambda: not camera["on"] and not link.state.virtual_camera.running)  # type: ignore[union-attr]


def test_a_reconnect_missed_as_an_event_is_read_from_the_stream_status(
    fake_obs: FakeObs, run: PlanRunner
) -> None:
    """Its events came while the console was reconnecting to OBS: the health reading says."""
    status = {"outputActive": True, "outputReconnecting": False, "outputDuration": 9000}
    link = open_link(fake_obs, poll_interval=0.2)
    try:
        assert run(ObsService(link).set_output(streaming=True, start=True), "x").ok
        eventually(lambda: link.state.stream.phase is Phase.LIVE)
        fake_obs.handlers["GetStreamStatus"] = lambda s, d: ok(dict(status))
        status["outputReconnecting"] = True
        eventually(lambda: link.state.stream.phase is Phase.RECONNECTING)
        assert link.state.reconnecting_since is not None
        status["outputReconnecting"] = False
        eventually(lambda: link.state.stream.phase is Phase.LIVE)
        assert link.state.reconnecting_since is None
    finally:
        link.shutdown()


def test_a_resume_right_after_a_pause_waits_until_obs_can_take_it(
    fake_obs: FakeObs, link: ObsLink, service: ObsService, run: PlanRunner
) -> None:
    """OBS 29 leaves a recording resumed right after its pause stuck (seen on the headless
    OBS: no more frames, a stop that never ends): a double click must not do that."""
    sent: dict[str, float] = {}
    paused = {"on": False}

    def switch(on: bool) -> Any:
        def handle(session: FakeSession, _data: dict[str, Any]) -> dict[str, Any]:
            sent["Pause" if on else "Resume"] = time.monotonic()
            paused["on"] = on
            session.send_event("RecordStateChanged", output_event("PAUSED" if on else "RESUMED"))
            return ok()

        return handle

    record = fake_obs.handlers["GetRecordStatus"]
    fake_obs.handlers["GetRecordStatus"] = lambda s, d: ok(
        {**record(s, d)["responseData"], "outputPaused": paused["on"]}
    )
    fake_obs.handlers["PauseRecord"] = switch(True)
    fake_obs.handlers["ResumeRecord"] = switch(False)
    assert run(service.set_output(streaming=False, start=True), "obs.record.start").ok
    eventually(lambda: link.state.record.phase is Phase.LIVE)
    assert run(service.set_record_paused(True), "obs.record.pause").ok
    assert run(service.set_record_paused(False), "obs.record.resume").ok
    assert sent["Resume"] - sent["Pause"] >= MIN_PAUSE_S
    eventually(lambda: link.state.record.phase is Phase.LIVE)
