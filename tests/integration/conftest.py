"""Real OBS Studio for the integration tests (see headless_obs.py).

Two instances live for the whole session (each start costs about 2 s):
- ``obs_with_password``: password, local RTMP server, and the scenes and inputs the tests use;
- ``obs_without_password``: no password and no RTMP; the reconnect test stops and restarts it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from integration.headless_obs import (
    AUDIO_INPUT,
    PASSWORD,
    SCRIPT,
    SECOND_SCENE,
    VISUAL_INPUT,
    HeadlessObs,
    obs_installed,
    run_script,
    unavailable,
)

from obs_bridge import ObsClient


@pytest.fixture(scope="session")
def obs_available() -> None:
    """OBS Studio, Xvfb and nginx-rtmp present, installing them (apt-get) when missing."""
    if not SCRIPT.is_file():
        unavailable(f"{SCRIPT} is missing")
    if obs_installed():
        return
    done = run_script("install", "--rtmp", timeout=900)
    if done.returncode != 0 or not obs_installed():
        unavailable("OBS Studio is not installed and could not be installed", done.stderr)


@pytest.fixture(scope="session")
def obs_with_password(
    obs_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HeadlessObs]:
    options = ["--password", PASSWORD, "--rtmp", "--rtmp-port", "auto", "--rtmp-stat-port", "auto"]
    obs = HeadlessObs(tmp_path_factory.mktemp("obs-password"), options)
    try:
        obs.start()
        _add_test_scene_content(obs)
        yield obs
    finally:
        obs.stop()


@pytest.fixture(scope="session")
def obs_without_password(
    obs_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HeadlessObs]:
    obs = HeadlessObs(tmp_path_factory.mktemp("obs-open"), [])
    try:
        obs.start()
        yield obs
    finally:
        obs.stop()


def _add_test_scene_content(obs: HeadlessObs) -> None:
    """The headless profile starts with one empty scene named "Scene" and no inputs."""
    client = obs.client()
    client.connect()
    try:
        if SECOND_SCENE not in client.scenes():
            client.call("CreateScene", sceneName=SECOND_SCENE)
        inputs = client.inputs()
        current = client.current_scene()
        if AUDIO_INPUT not in inputs:
            client.call(
                "CreateInput",
                sceneName=current,
                inputName=AUDIO_INPUT,
                inputKind="ffmpeg_source",
                inputSettings={},
            )
        if VISUAL_INPUT not in inputs:
            client.call(
                "CreateInput",
                sceneName=current,
                inputName=VISUAL_INPUT,
                inputKind="color_source_v3",
                inputSettings={"color": 0xFF3366CC, "width": 320, "height": 180},
            )
    finally:
        client.disconnect()


@pytest.fixture
def obs_client(obs_with_password: HeadlessObs) -> Iterator[ObsClient]:
    client = obs_with_password.client()
    client.connect()
    yield client
    client.disconnect()
