"""OBS events and connection losses reach listeners on the client's own thread."""

from __future__ import annotations

import threading

from unit.obs_bridge.fake_obs import FakeObs
from unit.obs_bridge.recorder import Recorder, wait_until

from obs_bridge import ObsClient, ObsError, ObsErrorKind


def test_events_reach_listeners_off_the_receive_thread(
    client: ObsClient, fake_obs: FakeObs
) -> None:
    recorder = Recorder()
    client.add_event_listener(recorder.record("event"))
    fake_obs.wait_for_sessions(1).send_event("StreamStateChanged", {"outputActive": True})
    recorder.wait_for(lambda: recorder.tagged("event"))
    assert recorder.tagged("event") == [("StreamStateChanged", {"outputActive": True})]
    assert recorder.threads == {"obs-events"}


def test_listener_may_call_obs(fake_obs: FakeObs) -> None:
    """In obs-websocket-py a request from a callback deadlocks until the timeout."""
    client = ObsClient(port=fake_obs.port, timeout=1.0)
    client.connect()
    answers: list[str] = []
    done = threading.Event()

    def on_event(name: str, data: dict[str, object]) -> None:
        if name == "CurrentProgramSceneChanged":
            answers.append(client.current_scene())
            done.set()

    client.add_event_listener(on_event)
    client.set_scene("Live")
    assert done.wait(5)
    assert answers == ["Live"]
    client.disconnect()


def test_failing_listener_stops_nothing(client: ObsClient, fake_obs: FakeObs) -> None:
    recorder = Recorder()

    def broken(name: str, data: dict[str, object]) -> None:
        raise RuntimeError("listener bug")

    client.add_event_listener(broken)
    client.add_event_listener(recorder.record("event"))
    session = fake_obs.wait_for_sessions(1)
    session.send_event("InputMuteStateChanged", {"inputName": "Mic", "inputMuted": True})
    session.send_event("InputMuteStateChanged", {"inputName": "Mic", "inputMuted": False})
    recorder.wait_for(lambda: len(recorder.tagged("event")) == 2)
    assert client.current_scene() == "Scene"


def test_reset_while_idle_is_reported(client: ObsClient, fake_obs: FakeObs) -> None:
    recorder = Recorder()
    client.add_lost_listener(recorder.record("lost"))
    fake_obs.wait_for_sessions(1).reset()
    recorder.wait_for(lambda: recorder.tagged("lost"))
    ((error,),) = recorder.tagged("lost")
    assert isinstance(error, ObsError)
    assert error.kind is ObsErrorKind.DISCONNECTED
    assert "reset" in str(error)
    assert not client.connected


def test_obs_closing_the_session_is_reported(client: ObsClient, fake_obs: FakeObs) -> None:
    recorder = Recorder()
    client.add_lost_listener(recorder.record("lost"))
    fake_obs.wait_for_sessions(1).close(1001)
    recorder.wait_for(lambda: recorder.tagged("lost"))
    assert "shutting down" in str(recorder.tagged("lost")[0][0])
    assert not client.connected


def test_own_disconnect_is_not_a_loss(client: ObsClient, fake_obs: FakeObs) -> None:
    recorder = Recorder()
    client.add_lost_listener(recorder.record("lost"))
    client.add_event_listener(recorder.record("event"))
    fake_obs.wait_for_sessions(1).send_event("SceneListChanged", {"scenes": []})
    recorder.wait_for(lambda: recorder.tagged("event"))
    client.disconnect()
    wait_until(lambda: fake_obs.sessions[0].sock.fileno() == -1, what="the server to see the close")
    assert recorder.tagged("lost") == []
