"""The real program run without a person and driven by a script over the control API, as a
Stream Deck or a rehearsal script would: push goods, run a comment lottery, read the winners,
quit. Then the audit log in the database says every step came through the control API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine, text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_script_runs_the_show_over_the_control_api(tmp_path: Path) -> None:
    port, nobody = free_port(), free_port()
    db = tmp_path / "show.db"
    env = {**os.environ, "LIVEDESK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    args = ["--duration", "60", "--control-port", str(port), "--db", f"sqlite:///{db.as_posix()}"]
    args += ["--seed", "3", "--comment-rate", "40", "--obs", f"127.0.0.1:{nobody}"]
    process = subprocess.Popen(
        [sys.executable, "-m", "console", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}/api"

    def call(command: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        answer = requests.post(f"{base}/commands/{command}", json=body or {}, timeout=30)
        result: dict[str, Any] = answer.json()
        assert answer.status_code == 200 and result["ok"], result
        return result

    def state() -> dict[str, Any]:
        answer: dict[str, Any] = requests.get(f"{base}/state", timeout=10).json()
        return answer

    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            try:
                if state()["goods"]["loaded"]:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the control API never answered"
            time.sleep(0.2)

        assert call("goods.push.1")["message"] == "Pushed no. 1 316不锈钢保温杯 500ml"
        call("lottery.create", {"keyword": "想要", "prize": "福袋", "winners": 3, "countdown": 0})
        opened = call("lottery.open")
        assert "commitment" in opened["message"]
        deadline = time.monotonic() + 20
        while state()["lottery"]["entrants"] < 3:
            assert time.monotonic() < deadline, "the demo audience did not enter"
            time.sleep(0.3)
        call("lottery.draw")
        lottery = state()["lottery"]
        assert lottery["state"] == "drawn" and len(lottery["winners"]) == 3
        assert all(w["user_id"].startswith("u") and w["nickname"] for w in lottery["winners"])
        obs = state()["obs"]
        assert obs["connection"] in ("connecting", "reconnecting") and not obs["streaming"]

        call("app.quit")  # not streaming: a script may quit without confirming
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["stored"]["comment"] == summary["received"]["comment"] > 0

    engine = create_engine(f"sqlite:///{db.as_posix()}")
    with engine.connect() as conn:
        rows = conn.execute(text("select action, entry, subject from audit_entries order by id"))
        entries = [tuple(row) for row in rows]
    assert entries == [
        ("goods.push", "control_api", "316不锈钢保温杯 500ml"),
        ("lottery.create", "control_api", "福袋"),
        ("lottery.open", "control_api", "福袋"),
        ("lottery.close", "control_api", "福袋"),
        ("lottery.draw", "control_api", "福袋"),
        ("app.quit", "control_api", ""),
    ]
