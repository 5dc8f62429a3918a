"""examples/relay_sender.py, run as a person would run it, against a running relay."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from console.actions import DeleteComment
from console.events import Comment
from console.platforms.relay import RelayConnector, rotate_token
from helpers.sinks import RecordingSink

REPO = Path(__file__).resolve().parents[3]
SENDER = REPO / "examples" / "relay_sender.py"
SHOW_LENGTH = 40


def write_show(path: Path) -> Path:
    lines = [json.dumps({"t": 0, "type": "room", "status": "live"})]
    for n in range(SHOW_LENGTH - 1):
        event = {
            "t": n / 100,
            "type": "comment",
            "id": f"c{n}",
            "user_id": f"u{n}",
            "nickname": "小鹿",
            "text": f"第{n}条",
        }
        lines.append(json.dumps(event, ensure_ascii=False))
    lines.insert(5, "this line is not JSON")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wait_until(
    condition: Callable[[], bool],
    timeout: float = 15,
    process: subprocess.Popen[str] | None = None,
) -> None:
    """Wait for ``condition``; on a timeout, say what the sender ``process`` printed."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            said = ""
            if process is not None:
                process.kill()
                said = process.communicate(timeout=10)[0]
            raise AssertionError(f"timed out waiting; the sender said: {said!r}")
        time.sleep(0.02)


@pytest.fixture
def sender(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Starts the example sender on a small show; ends it after the test if still running."""
    show = write_show(tmp_path / "show.jsonl")
    running: list[subprocess.Popen[str]] = []

    def start(*args: str) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, str(SENDER), str(show), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        running.append(process)
        return process

    yield start
    for process in running:
        if process.poll() is None:
            process.terminate()
        process.communicate(timeout=10)


def test_it_replays_a_show_and_acks_commands_through_a_token_protected_relay(
    sender, memory_keyring
) -> None:
    token = rotate_token()
    sink = RecordingSink()
    connector = RelayConnector(host="0.0.0.0", port=0, token=token)
    connector.start(sink)
    try:
        url = f"ws://127.0.0.1:{connector.port}/ws"
        process = sender(
            "--url",
            url,
            "--token",
            token,
            "--speed",
            "0",
            "--capabilities",
            "delete_comment",
            "--stay",
        )
        wait_until(lambda: len(sink.events) == SHOW_LENGTH, process=process)
        connector.perform(DeleteComment("c7"))  # returns only once the sender has acked
    finally:
        connector.stop()
    process.terminate()  # with --stay it waits for commands until stopped
    output = process.communicate(timeout=15)[0]
    assert [e.id for e in sink.events if isinstance(e, Comment)] == [
        f"c{n}" for n in range(SHOW_LENGTH - 1)
    ]
    assert "command delete_comment {'comment_id': 'c7'} -> ack ok" in output
    assert token not in output


def test_it_waits_for_the_console_and_connects_when_it_starts(sender) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    process = sender("--url", f"ws://127.0.0.1:{port}/ws", "--speed", "20")
    before = []
    for line in process.stdout:  # nobody listens yet: it says it will try again
        before.append(line)
        if line.startswith("reconnecting in"):
            break
    assert process.poll() is None, before
    sink = RecordingSink()
    connector = RelayConnector(port=port)
    connector.start(sink)
    try:
        assert process.wait(timeout=20) == 0
        wait_until(lambda: len(sink.events) == SHOW_LENGTH)
    finally:
        connector.stop()
    assert f"sent all {SHOW_LENGTH} events" in process.communicate()[0]


def test_a_wrong_token_stops_it_with_the_consoles_reason(sender) -> None:
    connector = RelayConnector(host="0.0.0.0", port=0, token="right")
    connector.start(RecordingSink())
    try:
        process = sender("--url", f"ws://127.0.0.1:{connector.port}/ws", "--token", "wrong")
        assert process.wait(timeout=20) == 2
    finally:
        connector.stop()
    assert "unauthorized: missing or wrong token" in process.communicate()[0]
