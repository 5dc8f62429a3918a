"""The supervisor keeps OBS connected, resyncs after every connect and reports its state."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from unit.obs_bridge.fake_obs import FakeObs, FakeSession, free_port, ok
from unit.obs_bridge.recorder import Recorder

from obs_bridge import ConnectionState, ObsSnapshot, ObsSupervisor

CONNECTED = ConnectionState.CONNECTED
RECONNECTING = ConnectionState.RECONNECTING


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def make_supervisor(recorder: Recorder) -> Iterator[Any]:
    """``make_supervisor(port, password=None)``: a started supervisor with fast backoff whose
    callbacks land in ``recorder`` as "state", "snapshot" and "event"."""
    started: list[ObsSupervisor] = []

    def make(port: int, password: str | None = None, **options: float) -> ObsSupervisor:
        options = {"timeout": 2.0, "initial_delay": 0.05, "max_delay": 0.2} | options
        supervisor = ObsSupervisor(port=port, password=password, **options)
        supervisor.add_state_listener(recorder.record("state"))
        supervisor.add_snapshot_listener(recorder.record("snapshot"))
        supervisor.add_event_listener(recorder.record("event"))
        started.append(supervisor)
        supervisor.start()
        return supervisor

    yield make
    for supervisor in started:
        supervisor.stop()


def states(recorder: Recorder) -> list[ConnectionState]:
    return [state for state, _detail in recorder.tagged("state")]


def reached(recorder: Recorder, state: ConnectionState, times: int = 1) -> bool:
    return states(recorder).count(state) >= times


def test_connects_and_hands_out_a_snapshot_first(
    make_supervisor: Any, recorder: Recorder, fake_obs: FakeObs
) -> None:
    supervisor = make_supervisor(fake_obs.port)
    recorder.wait_for(lambda: reached(recorder, CONNECTED))
    assert states(recorder) == [ConnectionState.CONNECTING, CONNECTED]
    assert recorder.tags() == ["state", "snapshot", "state"]
    ((snapshot,),) = recorder.tagged("snapshot")
    assert isinstance(snapshot, ObsSnapshot)
    assert snapshot.current_scene == "Scene"
    assert supervisor.state is CONNECTED
    assert f"127.0.0.1:{fake_obs.port}" in supervisor.detail
    assert supervisor.client.current_scene() == "Scene"


def test_reconnects_and_resyncs_after_a_reset_while_idle(
    make_supervisor: Any, recorder: Recorder, fake_obs: FakeObs
) -> None:
    make_supervisor(fake_obs.port)
    recorder.wait_for(lambda: reached(recorder, CONNECTED))
    fake_obs.wait_for_sessions(1).reset()
    recorder.wait_for(lambda: reached(recorder, CONNECTED, 2))
    assert RECONNECTING in states(recorder)
    assert any("reset" in detail for _state, detail in recorder.tagged("state"))
    assert len(recorder.tagged("snapshot")) == 2
    assert len(fake_obs.sessions) == 2


def test_wrong_password_fails_and_is_not_retried(make_supervisor: Any, recorder: Recorder) -> None:
    with FakeObs(password="stage-pass") as server:
        supervisor = make_supervisor(server.port, "guess")
        recorder.wait_for(lambda: reached(recorder, ConnectionState.FAILED))
        time.sleep(0.5)  # ten backoff periods
        assert server.identify_count == 1
    assert supervisor.state is ConnectionState.FAILED
    assert "rejected the password" in supervisor.detail
    assert states(recorder) == [ConnectionState.CONNECTING, ConnectionState.FAILED]


def test_new_settings_leave_the_failed_state(make_supervisor: Any, recorder: Recorder) -> None:
    with FakeObs(password="stage-pass") as server:
        supervisor = make_supervisor(server.port, "guess")
        recorder.wait_for(lambda: reached(recorder, ConnectionState.FAILED))
        supervisor.configure("127.0.0.1", server.port, "stage-pass")
        recorder.wait_for(lambda: reached(recorder, CONNECTED))
        assert supervisor.client.connected


def test_configure_moves_to_another_obs(
    make_supervisor: Any, recorder: Recorder, fake_obs: FakeObs
) -> None:
    supervisor = make_supervisor(fake_obs.port)
    recorder.wait_for(lambda: reached(recorder, CONNECTED))
    with FakeObs(password="other") as other:
        supervisor.configure("127.0.0.1", other.port, "other")
        recorder.wait_for(lambda: reached(recorder, CONNECTED, 2))
        assert other.identify_count == 1
        assert f":{other.port}" in supervisor.detail
    assert len(recorder.tagged("snapshot")) == 2


def test_backoff_doubles_up_to_the_cap_and_resets_after_success(
    make_supervisor: Any, recorder: Recorder
) -> None:
    port = free_port()
    make_supervisor(port, initial_delay=0.05, max_delay=0.2)

    def announced_delays() -> list[float]:
        found = (re.search(r"Next try in ([\d.]+) s", d) for _s, d in recorder.tagged("state"))
        return [float(match.group(1)) for match in found if match]

    recorder.wait_for(lambda: len(announced_delays()) >= 5)
    assert announced_delays()[:5] == [0.05, 0.1, 0.2, 0.2, 0.2]
    assert any("not running" in d for _s, d in recorder.tagged("state"))
    with FakeObs(port=port) as server:
        recorder.wait_for(lambda: reached(recorder, CONNECTED))
        before = len(announced_delays())
        server.wait_for_sessions(1).reset()
        recorder.wait_for(lambda: reached(recorder, CONNECTED, 2))
    assert announced_delays()[before] == 0.05


def test_exit_started_is_forwarded_and_leads_to_a_reconnect(
    make_supervisor: Any, recorder: Recorder, fake_obs: FakeObs
) -> None:
    make_supervisor(fake_obs.port)
    recorder.wait_for(lambda: reached(recorder, CONNECTED))
    fake_obs.wait_for_sessions(1).send_event("ExitStarted")
    recorder.wait_for(lambda: reached(recorder, CONNECTED, 2))
    assert ("ExitStarted", {}) in recorder.tagged("event")
    assert any("shutting down" in detail for _state, detail in recorder.tagged("state"))
    assert len(fake_obs.sessions) == 2


def test_only_panel_events_are_forwarded(
    make_supervisor: Any, recorder: Recorder, fake_obs: FakeObs
) -> None:
    supervisor = make_supervisor(fake_obs.port)
    recorder.wait_for(lambda: reached(recorder, CONNECTED))
    session = fake_obs.wait_for_sessions(1)
    session.send_event("SceneItemSelected", {"sceneName": "Scene", "sceneItemId": 1})
    supervisor.client.set_scene("Live")
    recorder.wait_for(lambda: recorder.tagged("event"))
    assert recorder.tagged("event") == [("CurrentProgramSceneChanged", {"sceneName": "Live"})]


def test_events_seen_during_the_resync_follow_the_snapshot(
    make_supervisor: Any, recorder: Recorder, fake_obs: FakeObs
) -> None:
    """A UI applies the snapshot, then the changes OBS reported while it was being read."""

    def record_status_after_a_scene_change(session: FakeSession, data: dict[str, Any]) -> Any:
        session.send_event("CurrentProgramSceneChanged", {"sceneName": "Live"})
        time.sleep(0.05)  # let the event be received (and queued) before the answer
        return ok({"outputActive": False, "outputPaused": False, "outputDuration": 0})

    fake_obs.handlers["GetRecordStatus"] = record_status_after_a_scene_change
    make_supervisor(fake_obs.port)
    recorder.wait_for(lambda: recorder.tagged("event"))
    assert recorder.tags() == ["state", "snapshot", "state", "event"]


def test_failing_listener_does_not_stop_the_supervisor(
    make_supervisor: Any, recorder: Recorder, fake_obs: FakeObs
) -> None:
    supervisor = ObsSupervisor(port=fake_obs.port, initial_delay=0.05)

    def broken(*args: object) -> None:
        raise RuntimeError("listener bug")

    supervisor.add_state_listener(broken)
    supervisor.add_snapshot_listener(broken)
    supervisor.add_state_listener(recorder.record("state"))
    supervisor.start()
    try:
        recorder.wait_for(lambda: reached(recorder, CONNECTED))
        fake_obs.wait_for_sessions(1).reset()
        recorder.wait_for(lambda: reached(recorder, CONNECTED, 2))
    finally:
        supervisor.stop()


def test_stop_disconnects_and_says_so(
    make_supervisor: Any, recorder: Recorder, fake_obs: FakeObs
) -> None:
    supervisor = make_supervisor(fake_obs.port)
    recorder.wait_for(lambda: reached(recorder, CONNECTED))
    supervisor.stop()
    assert states(recorder)[-1] is ConnectionState.DISCONNECTED
    assert supervisor.state is ConnectionState.DISCONNECTED
    assert not supervisor.client.connected
    supervisor.stop()


def test_stop_before_start_is_safe() -> None:
    supervisor = ObsSupervisor(port=free_port())
    supervisor.stop()
    assert supervisor.state is ConnectionState.DISCONNECTED


def test_without_obs_the_log_says_it_once_not_at_every_attempt(
    make_supervisor: Any, recorder: Recorder, caplog: pytest.LogCaptureFixture, fake_obs: FakeObs
) -> None:
    caplog.set_level("DEBUG", logger="livedesk.obs")
    port = free_port()  # nothing listens there
    supervisor = make_supervisor(port)
    recorder.wait_for(lambda: reached(recorder, RECONNECTING, times=8))  # many attempts
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "reconnecting" in warnings[0].getMessage()
    attempts = [
        r for r in caplog.records if r.levelname == "DEBUG" and "reconnecting" in r.getMessage()
    ]
    assert len(attempts) >= 6  # the rest is still in the log, at debug level
    supervisor.configure("127.0.0.1", fake_obs.port, None)  # OBS found: connected, said
    recorder.wait_for(lambda: reached(recorder, CONNECTED))
    assert any("connected" in r.getMessage() for r in caplog.records if r.levelname == "INFO")
