"""Connecting: passwords, servers that misbehave during the handshake, and the v4 port trap."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable

import pytest
from unit.obs_bridge.fake_obs import FakeObs, Mode, free_port

from obs_bridge import ObsClient, ObsError, ObsErrorKind


def connect_error(client: ObsClient, deadline: float = 5.0) -> ObsError:
    """connect() on a helper thread, so a client that blocks for ever fails the test instead of
    hanging the suite; returns the ObsError it raised."""
    return _run_expecting_error(client.connect, deadline)


def _run_expecting_error(action: Callable[[], object], deadline: float) -> ObsError:
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(deadline)
    assert outcome, f"still blocked after {deadline} s"
    error = outcome[0]
    assert isinstance(error, ObsError), f"expected ObsError, got {error!r}"
    return error


def test_connects_without_password(fake_obs: FakeObs) -> None:
    client = ObsClient(port=fake_obs.port)
    client.connect()
    assert client.connected
    assert client.current_scene() == "Scene"
    client.disconnect()
    assert not client.connected


def test_connects_with_password() -> None:
    with FakeObs(password="stage-pass") as server:
        client = ObsClient(port=server.port, password="stage-pass")
        client.connect()
        assert client.connected
        assert client.scenes() == ["Scene", "Live"]
        client.disconnect()


def test_wrong_password_is_reported_as_such() -> None:
    with FakeObs(password="stage-pass") as server:
        client = ObsClient(port=server.port, password="guess")
        error = connect_error(client)
    assert error.kind is ObsErrorKind.AUTH_FAILED
    assert "rejected the password" in str(error)
    assert not client.connected


def test_missing_password_is_reported_before_identifying() -> None:
    with FakeObs(password="stage-pass") as server:
        error = connect_error(ObsClient(port=server.port))
        assert server.identify_count == 0
    assert error.kind is ObsErrorKind.AUTH_FAILED
    assert "asks for a password" in str(error)


def test_nothing_listening_means_obs_is_not_running() -> None:
    port = free_port()
    error = connect_error(ObsClient(port=port))
    assert error.kind is ObsErrorKind.NOT_RUNNING
    assert f"127.0.0.1:{port}" in str(error)


def test_listener_that_never_answers_times_out() -> None:
    with FakeObs(mode=Mode.SILENT) as server:
        started = time.monotonic()
        error = connect_error(ObsClient(port=server.port, timeout=0.5))
    assert error.kind is ObsErrorKind.TIMEOUT
    assert time.monotonic() - started < 3.0


def test_server_that_never_says_hello_times_out() -> None:
    with FakeObs(mode=Mode.NO_HELLO) as server:
        error = connect_error(ObsClient(port=server.port, timeout=0.5))
    assert error.kind is ObsErrorKind.TIMEOUT


@pytest.mark.parametrize("mode", [Mode.GARBAGE_HELLO, Mode.HTTP])
def test_server_that_is_not_obs_websocket_is_a_protocol_error(mode: Mode) -> None:
    with FakeObs(mode=mode) as server:
        error = connect_error(ObsClient(port=server.port))
    assert error.kind is ObsErrorKind.PROTOCOL
    assert "right port" in str(error)


def test_port_4444_still_speaks_obs_websocket_5() -> None:
    """obs-websocket-py switches to the v4 protocol on port 4444 unless told otherwise."""
    try:
        server = FakeObs(port=4444)
    except OSError:
        pytest.skip("port 4444 is in use on this machine")
    with server:
        client = ObsClient(port=4444)
        client.connect()
        assert client.current_scene() == "Scene"
        client.disconnect()


def test_disconnect_before_connect_is_safe() -> None:
    client = ObsClient(port=free_port())
    client.disconnect()
    client.disconnect()
    assert not client.connected


def test_request_before_connect_says_not_connected() -> None:
    with pytest.raises(ObsError) as caught:
        ObsClient(port=4455).scenes()
    assert caught.value.kind is ObsErrorKind.DISCONNECTED
    assert "Not connected" in str(caught.value)


def test_idle_session_outlives_the_connect_timeout(fake_obs: FakeObs) -> None:
    """The connect timeout must be cleared once connected: OBS sits idle for a long time."""
    client = ObsClient(port=fake_obs.port, timeout=0.2)
    client.connect()
    time.sleep(0.6)
    assert client.connected
    assert client.current_scene() == "Scene"
    client.disconnect()


def test_reconnect_on_the_same_client(fake_obs: FakeObs) -> None:
    client = ObsClient(port=fake_obs.port)
    client.connect()
    client.disconnect()
    client.connect()
    assert client.current_scene() == "Scene"
    client.disconnect()
    assert len(fake_obs.sessions) == 2


def test_password_never_reaches_the_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with FakeObs(password="stage-pass") as server:
        good = ObsClient(port=server.port, password="stage-pass")
        good.connect()
        good.disconnect()
        connect_error(ObsClient(port=server.port, password="wrong-pass"))
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "Connected to OBS" in text
    assert "stage-pass" not in text
    assert "wrong-pass" not in text


def test_connect_timeout_also_covers_a_stalled_tcp_handshake() -> None:
    """A listener whose backlog is full leaves the TCP connect itself hanging."""
    with socket.create_server(("127.0.0.1", 0), backlog=0) as listener:
        port = listener.getsockname()[1]
        fillers = []
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        try:
            error = connect_error(ObsClient(port=port, timeout=0.5))
        finally:
            for filler in fillers:
                filler.close()
    assert error.kind is ObsErrorKind.TIMEOUT
