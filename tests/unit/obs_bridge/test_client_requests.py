"""Requests: typed answers, OBS's error codes, lost and silent connections, many threads."""

from __future__ import annotations

import random
import threading
import time
from typing import Any

import pytest
from unit.obs_bridge.fake_obs import FakeObs, FakeSession, fail, ok
from unit.obs_bridge.recorder import wait_until

from obs_bridge import (
    InputState,
    ObsClient,
    ObsError,
    ObsErrorKind,
    RecordStatus,
    SceneItem,
    Stats,
    StreamStatus,
)


def test_answers_come_back_typed(client: ObsClient) -> None:
    assert client.scenes() == ["Scene", "Live"]
    assert client.current_scene() == "Scene"
    assert client.inputs() == ["Mic", "Logo"]
    assert client.input_muted("Mic") is False
    assert client.scene_items("Scene") == [
        SceneItem("Camera", 1, True),
        SceneItem("Logo", 2, False),
    ]
    assert client.stream_status() == StreamStatus(
        active=True,
        reconnecting=False,
        duration=61.5,
        bytes=123456,
        congestion=0.25,
        skipped_frames=3,
        total_frames=1800,
    )
    assert client.record_status() == RecordStatus(active=False, paused=False, duration=0.0)
    assert client.stats() == Stats(
        fps=30.0,
        cpu=12.5,
        render_skipped_frames=1,
        render_total_frames=900,
        output_skipped_frames=2,
        output_total_frames=880,
        memory_mb=180.25,
    )


def test_snapshot_reads_everything_a_panel_shows(client: ObsClient) -> None:
    snapshot = client.snapshot()
    assert snapshot.scenes == ("Scene", "Live")
    assert snapshot.current_scene == "Scene"
    assert snapshot.inputs == (
        InputState("Mic", False, "pulse_input_capture", "mic"),
        InputState("Logo", None, "image_source", "other"),
    )
    assert snapshot.scene_items == (SceneItem("Camera", 1, True), SceneItem("Logo", 2, False))
    assert (snapshot.stream_active, snapshot.record_active) == (True, False)


def test_commands_change_obs(client: ObsClient, fake_obs: FakeObs) -> None:
    client.set_scene("Live")
    client.set_input_mute("Mic", True)
    client.set_source_visible("Scene", "Logo", True)
    assert fake_obs.current_scene == "Live"
    assert client.input_muted("Mic") is True
    assert SceneItem("Logo", 2, True) in client.scene_items("Scene")


def test_refusal_carries_obs_code_and_comment(client: ObsClient) -> None:
    with pytest.raises(ObsError) as caught:
        client.set_scene("Backstage")
    error = caught.value
    assert error.kind is ObsErrorKind.REQUEST_FAILED
    assert (error.code, error.request_type) == (600, "SetCurrentProgramScene")
    assert error.comment == "No source was found by the name of `Backstage`."
    assert "SetCurrentProgramScene" in str(error)
    assert "600" in str(error)
    assert "Backstage" in str(error)


def test_refusal_without_comment_explains_the_code(client: ObsClient, fake_obs: FakeObs) -> None:
    fake_obs.handlers["StopStream"] = lambda session, data: fail(501)
    with pytest.raises(ObsError) as caught:
        client.stop_stream()
    assert (caught.value.code, caught.value.comment) == (501, None)
    assert "the output is not running" in str(caught.value)


def test_any_request_can_be_made_by_name(client: ObsClient) -> None:
    assert client.call("GetCurrentProgramScene") == {"currentProgramSceneName": "Scene"}
    with pytest.raises(ObsError) as caught:
        client.call("NoSuchRequest", value=1)
    assert (caught.value.kind, caught.value.code) == (ObsErrorKind.REQUEST_FAILED, 204)
    assert "this OBS does not know the request" in str(caught.value)


def test_unanswered_request_times_out_and_the_client_stays_usable(fake_obs: FakeObs) -> None:
    fake_obs.handlers["GetStats"] = lambda session, data: None
    client = ObsClient(port=fake_obs.port, timeout=0.3)
    client.connect()
    with pytest.raises(ObsError) as caught:
        client.stats()
    assert caught.value.kind is ObsErrorKind.TIMEOUT
    assert "GetStats" in str(caught.value)
    assert client.connected
    assert client.current_scene() == "Scene"
    client.disconnect()


def test_answer_after_the_timeout_is_dropped_harmlessly(fake_obs: FakeObs) -> None:
    def late_stats(session: FakeSession, data: dict[str, Any]) -> dict[str, Any]:
        time.sleep(0.4)
        return ok({"activeFps": 1.0})

    fake_obs.handlers["GetStats"] = late_stats
    client = ObsClient(port=fake_obs.port, timeout=0.2)
    client.connect()
    with pytest.raises(ObsError):
        client.stats()
    time.sleep(0.3)  # the late answer arrives now
    assert client.connected
    assert client.current_scene() == "Scene"
    client.disconnect()


def drop_connection(session: FakeSession, data: dict[str, Any]) -> None:
    session.drop()


def test_socket_dropped_mid_request_fails_at_once(client: ObsClient, fake_obs: FakeObs) -> None:
    """The waiting caller learns of the loss right away instead of waiting out its timeout."""
    fake_obs.handlers["StartStream"] = drop_connection
    started = time.monotonic()
    with pytest.raises(ObsError) as caught:
        client.start_stream()
    assert caught.value.kind is ObsErrorKind.DISCONNECTED
    assert time.monotonic() - started < 1.5  # the client's timeout is 2 s
    assert not client.connected


def test_calls_after_a_reset_say_disconnected(client: ObsClient, fake_obs: FakeObs) -> None:
    """obs-websocket-py itself raises BrokenPipeError or websocket-client's own type here."""
    fake_obs.wait_for_sessions(1).reset()
    wait_until(lambda: not client.connected, what="the reset to be noticed")
    with pytest.raises(ObsError) as caught:
        client.scenes()
    assert caught.value.kind is ObsErrorKind.DISCONNECTED
    assert "reset" in str(caught.value)


def test_many_threads_each_get_their_own_answer(fake_obs: FakeObs) -> None:
    """Answers arrive out of order (each after a random delay) and must reach their caller."""

    def mute_by_name(session: FakeSession, data: dict[str, Any]) -> dict[str, Any]:
        time.sleep(random.uniform(0, 0.01))
        return ok({"inputMuted": data["inputName"].endswith("-muted")})

    fake_obs.handlers["GetInputMute"] = mute_by_name
    client = ObsClient(port=fake_obs.port, timeout=5.0)
    client.connect()
    wrong: list[str] = []
    failures: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            for n in range(25):
                name = f"in-{index}-{n}" + ("-muted" if n % 3 == 0 else "")
                if client.input_muted(name) is not name.endswith("-muted"):
                    wrong.append(name)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    client.disconnect()
    assert not failures
    assert not wrong
    assert fake_obs.sessions[0].requests.count("GetInputMute") == 200


def test_push_url_becomes_a_custom_rtmp_target(client: ObsClient, fake_obs: FakeObs) -> None:
    target = client.use_push_url(
        "rtmp://livepush.example.com/live/room42?txSecret=abc&txTime=65A1B2C3"
    )
    assert target.server == "rtmp://livepush.example.com/live"
    assert fake_obs.stream_settings == {
        "streamServiceType": "rtmp_custom",
        "streamServiceSettings": {
            "server": "rtmp://livepush.example.com/live",
            "key": "room42?txSecret=abc&txTime=65A1B2C3",
            "use_auth": False,
        },
    }


def test_bad_push_url_sends_nothing(client: ObsClient, fake_obs: FakeObs) -> None:
    with pytest.raises(ValueError, match="rtmp://"):
        client.use_push_url("https://example.com/live/room42")
    assert "SetStreamServiceSettings" not in fake_obs.sessions[0].requests


def test_text_that_is_not_json_is_ignored(client: ObsClient, fake_obs: FakeObs) -> None:
    fake_obs.wait_for_sessions(1).send_text("}{ not json")
    assert client.current_scene() == "Scene"
    assert client.connected


def test_message_that_breaks_the_receive_loop_ends_the_session_visibly(
    client: ObsClient, fake_obs: FakeObs
) -> None:
    """JSON without "op" raises KeyError inside obs-websocket-py's receive thread and ends it;
    the client must notice rather than time out every later call."""
    fake_obs.wait_for_sessions(1).send_json({"unexpected": True})
    wait_until(lambda: not client.connected, what="the broken session to be noticed")
    with pytest.raises(ObsError) as caught:
        client.current_scene()
    assert caught.value.kind is ObsErrorKind.DISCONNECTED
