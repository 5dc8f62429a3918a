"""A real OBS Studio started headless by ../shared/tools/obs-headless.sh, and the names of the
scenes and inputs the integration tests add to it.

When OBS is not installed and cannot be installed, the tests are skipped with a message that
says so loudly; with LIVEDESK_REQUIRE_OBS=1 (CI) they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import pytest

from obs_bridge import ObsClient

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO.parent / "shared" / "tools" / "obs-headless.sh"
PASSWORD = "livedesk-it.pw"
SECOND_SCENE = "LiveDesk Two"
AUDIO_INPUT = "LiveDesk Media"  # a media source playing a tone: audio, role "other"
VISUAL_INPUT = "LiveDesk Color"  # a colour source: no audio; its visibility gets toggled
# OBS's global audio devices (Settings > Audio), as a default OBS has them: PulseAudio
# captures here (there is no sound server: they stay silent).
DESKTOP_INPUT = "Desktop Audio"
MIC_INPUT = "Mic/Aux"
GROUP = "LiveDesk Group"  # a group in "Scene" holding the two sources below
GROUP_CHILDREN = ("LiveDesk Name", "LiveDesk Title")  # top first


def unavailable(reason: str, output: str = "") -> NoReturn:
    """Skip loudly, or fail when CI demands OBS (LIVEDESK_REQUIRE_OBS=1)."""
    detail = f" Last output: {last_lines(output)}" if output.strip() else ""
    if os.environ.get("LIVEDESK_REQUIRE_OBS") == "1":
        pytest.fail(f"OBS integration tests cannot run: {reason}.{detail}", pytrace=False)
    pytest.skip(
        f"OBS INTEGRATION TESTS DID NOT RUN: {reason}. "
        f"Set LIVEDESK_REQUIRE_OBS=1 to make this a failure.{detail}"
    )


def obs_installed() -> bool:
    return shutil.which(os.environ.get("OBS_BIN", "obs")) is not None


def last_lines(text: str, lines: int = 3) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])


def run_script(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@dataclass
class HeadlessObs:
    """One OBS started by obs-headless.sh in ``directory``; ``env`` holds its env-file keys."""

    directory: Path
    options: list[str]
    env: dict[str, str] = field(default_factory=dict)

    @property
    def port(self) -> int:
        return int(self.env["OBS_WS_PORT"])

    @property
    def password(self) -> str | None:
        return self.env.get("OBS_WS_PASSWORD") or None

    def client(self, timeout: float = 10.0) -> ObsClient:
        return ObsClient(port=self.port, password=self.password, timeout=timeout)

    def start(self) -> None:
        """Start (again, on the same port and state directory after the first start)."""
        port = str(self.port) if self.env else "auto"
        done = run_script(
            "start", "--dir", str(self.directory), "--port", port, *self.options, timeout=900
        )
        if done.returncode != 0:
            if not obs_installed():
                unavailable("OBS Studio is not installed and could not be installed", done.stderr)
            pytest.fail(
                f"obs-headless.sh start failed: {last_lines(done.stderr, 15)}", pytrace=False
            )
        self.env = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)

    def stop(self) -> None:
        """Stop OBS (and its Xvfb and RTMP server); the state directory stays for a restart.

        The script returns once OBS's main thread is gone; under load its other threads may
        still hold the websocket port for a moment, and a restart on that port would fail."""
        run_script("stop", str(self.directory), "--keep", timeout=60)
        if not self.env:
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) != 0:
                    return
            time.sleep(0.05)
