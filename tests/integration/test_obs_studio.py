"""ObsClient and ObsSupervisor against a real, headless OBS Studio (see conftest.py)."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from integration.event_log import EventLog, event_named, eventually
from integration.headless_obs import (
    AUDIO_INPUT,
    SECOND_SCENE,
    VISUAL_INPUT,
    HeadlessObs,
)

from obs_bridge import (
    ConnectionState,
    ObsClient,
    ObsError,
    ObsErrorKind,
    ObsSnapshot,
    ObsSupervisor,
)

pytestmark = pytest.mark.integration

STARTED = "OBS_WEBSOCKET_OUTPUT_STARTED"
STOPPED = "OBS_WEBSOCKET_OUTPUT_STOPPED"


def in_state(state: ConnectionState) -> Callable[[tuple[Any, ...]], bool]:
    return lambda entry: entry[0] == "state" and entry[1] is state


def test_connects_with_password(obs_with_password: HeadlessObs) -> None:
    assert obs_with_password.password
    client = obs_with_password.client()
    client.connect()
    assert client.connected
    assert "Scene" in client.scenes()
    client.disconnect()
    assert not client.connected


def test_connects_without_password(obs_without_password: HeadlessObs) -> None:
    client = ObsClient(port=obs_without_password.port)
    client.connect()
    assert client.current_scene() == "Scene"
    client.disconnect()


@pytest.mark.parametrize(
    ("password", "says"), [("not-the-password", "rejected"), (None, "asks for a password")]
)
def test_wrong_or_missing_password_is_refused(
    obs_with_password: HeadlessObs, password: str | None, says: str
) -> None:
    client = ObsClient(port=obs_with_password.port, password=password)
    with pytest.raises(ObsError) as caught:
        client.connect()
    assert caught.value.kind is ObsErrorKind.AUTH_FAILED
    assert says in str(caught.value)
    assert not client.connected


def test_supervisor_gives_up_on_a_wrong_password(obs_with_password: HeadlessObs) -> None:
    supervisor = ObsSupervisor(
        port=obs_with_password.port, password="not-the-password", initial_delay=0.1
    )
    log = EventLog()
    supervisor.add_state_listener(lambda state, detail: log("state", state, detail))
    supervisor.start()
    try:
        log.wait_for(in_state(ConnectionState.FAILED))
        time.sleep(1.0)  # backoff would have retried several times by now
        assert [entry[1] for entry in log.entries] == [
            ConnectionState.CONNECTING,
            ConnectionState.FAILED,
        ]
        assert "password" in supervisor.detail
    finally:
        supervisor.stop()


def test_lists_and_switches_scenes_with_an_event(obs_client: ObsClient) -> None:
    events = EventLog()
    obs_client.add_event_listener(events)
    assert obs_client.scenes()[:2] == ["Scene", SECOND_SCENE]  # as OBS's Scenes dock shows them
    obs_client.set_scene(SECOND_SCENE)
    try:
        events.wait_for(event_named("CurrentProgramSceneChanged", sceneName=SECOND_SCENE))
        assert obs_client.current_scene() == SECOND_SCENE
    finally:
        obs_client.set_scene("Scene")


def test_mutes_and_unmutes_an_input(obs_client: ObsClient) -> None:
    events = EventLog()
    obs_client.add_event_listener(events)
    obs_client.set_input_mute(AUDIO_INPUT, True)
    events.wait_for(event_named("InputMuteStateChanged", inputName=AUDIO_INPUT, inputMuted=True))
    assert obs_client.input_muted(AUDIO_INPUT) is True
    obs_client.set_input_mute(AUDIO_INPUT, False)
    assert obs_client.input_muted(AUDIO_INPUT) is False


def test_hides_and_shows_a_source(obs_client: ObsClient) -> None:
    events = EventLog()
    obs_client.add_event_listener(events)

    def visible() -> bool:
        (item,) = [i for i in obs_client.scene_items("Scene") if i.name == VISUAL_INPUT]
        return item.visible

    obs_client.set_source_visible("Scene", VISUAL_INPUT, False)
    events.wait_for(event_named("SceneItemEnableStateChanged", sceneItemEnabled=False))
    assert visible() is False
    obs_client.set_source_visible("Scene", VISUAL_INPUT, True)
    assert visible() is True


def test_real_refusals_carry_code_and_comment(obs_client: ObsClient) -> None:
    with pytest.raises(ObsError) as caught:
        obs_client.set_scene("No Such Scene")
    assert caught.value.code == 600
    assert "No Such Scene" in (caught.value.comment or "")
    with pytest.raises(ObsError) as caught:
        obs_client.input_muted(VISUAL_INPUT)  # a colour source has no audio
    assert caught.value.code == 604
    assert "audio" in str(caught.value)


def test_reads_stats(obs_client: ObsClient) -> None:
    stats = obs_client.stats()
    assert stats.fps > 0
    assert stats.render_total_frames > 0
    assert stats.memory_mb > 0


def _rtmp_stat(obs: HeadlessObs) -> str:
    with urllib.request.urlopen(obs.env["RTMP_STAT_URL"], timeout=5) as response:
        return response.read().decode()


def test_streams_a_push_url_to_the_rtmp_server(
    obs_client: ObsClient, obs_with_password: HeadlessObs
) -> None:
    events = EventLog()
    obs_client.add_event_listener(events)
    rtmp_server = obs_with_password.env["RTMP_SERVER"]
    target = obs_client.use_push_url(f"{rtmp_server}/livedesk-it?txSecret=0f1e2d&txTime=65A1B2C3")
    assert target.server == rtmp_server
    assert not obs_client.stream_status().active
    obs_client.start_stream()
    try:
        events.wait_for(event_named("StreamStateChanged", outputState=STARTED))
        eventually(
            lambda: "<name>livedesk-it</name>" in _rtmp_stat(obs_with_password),
            what="the stream to reach the RTMP server under the key from the push URL",
        )
        eventually(lambda: obs_client.stream_status().bytes > 0, what="bytes sent")
        assert obs_client.stream_status().active
    finally:
        obs_client.stop_stream()
        events.wait_for(event_named("StreamStateChanged", outputState=STOPPED))
        obs_client.set_stream_target(rtmp_server, obs_with_password.env["RTMP_KEY"])
    # GetStreamStatus can still say "active" for a moment after the STOPPED event.
    eventually(lambda: not obs_client.stream_status().active, what="the stream to end")


def test_records_a_file(obs_client: ObsClient) -> None:
    events = EventLog()
    obs_client.add_event_listener(events)
    obs_client.start_record()
    try:
        events.wait_for(event_named("RecordStateChanged", outputState=STARTED))
        assert obs_client.record_status().active
        time.sleep(0.5)
    finally:
        obs_client.stop_record()
    _name, data = events.wait_for(event_named("RecordStateChanged", outputState=STOPPED))
    assert Path(data["outputPath"]).stat().st_size > 0
    # Like GetStreamStatus, GetRecordStatus trails the STOPPED event.
    eventually(lambda: not obs_client.record_status().active, what="the recording to end")


def test_supervisor_resyncs_and_survives_an_obs_restart(obs_without_password: HeadlessObs) -> None:
    supervisor = ObsSupervisor(port=obs_without_password.port, initial_delay=0.2, max_delay=1.0)
    log = EventLog()
    supervisor.add_state_listener(lambda state, detail: log("state", state, detail))
    supervisor.add_snapshot_listener(lambda snapshot: log("snapshot", snapshot))
    supervisor.add_event_listener(lambda name, data: log("event", name, data))
    supervisor.start()
    try:
        log.wait_for(in_state(ConnectionState.CONNECTED))
        (_tag, snapshot) = log.wait_for(lambda entry: entry[0] == "snapshot")
        assert isinstance(snapshot, ObsSnapshot)
        assert snapshot.current_scene == "Scene"
        assert not snapshot.stream_active

        obs_without_password.stop()
        log.wait_for(in_state(ConnectionState.RECONNECTING))
        assert not supervisor.client.connected
        obs_without_password.start()
        log.wait_for(in_state(ConnectionState.CONNECTED), timeout=30, count=2)
        log.wait_for(lambda entry: entry[0] == "snapshot", count=2)

        supervisor.client.call("CreateScene", sceneName="After Restart")
        log.wait_for(lambda entry: entry[0] == "event" and entry[1] == "SceneListChanged")
    finally:
        supervisor.stop()
    assert supervisor.state is ConnectionState.DISCONNECTED
