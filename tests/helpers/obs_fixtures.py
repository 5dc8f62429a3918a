"""Real OBS Studio for the tests that need one (tests/integration and the OBS panel tests).

``ensure_obs_available`` skips loudly when OBS is missing — or installs it (about 190 Debian
packages, with apt-get) when asked to with LIVEDESK_INSTALL_OBS=1, and fails instead of
skipping with LIVEDESK_REQUIRE_OBS=1 (CI installs OBS itself first); ``add_test_scene_content`` gives a fresh headless OBS the second
scene and the two inputs the tests use.
"""

from __future__ import annotations

import os

from integration.headless_obs import (
    AUDIO_INPUT,
    SCRIPT,
    SECOND_SCENE,
    VISUAL_INPUT,
    HeadlessObs,
    obs_installed,
    run_script,
    unavailable,
)


def ensure_obs_available() -> None:
    """OBS Studio, Xvfb and nginx-rtmp present; installed (apt-get) only when asked."""
    if not SCRIPT.is_file():
        unavailable(f"{SCRIPT} is missing")
    if obs_installed():
        return
    if os.environ.get("LIVEDESK_INSTALL_OBS") != "1":
        unavailable(
            "OBS Studio is not installed (LIVEDESK_INSTALL_OBS=1 installs it with apt-get, "
            "or run: bash ../shared/tools/obs-headless.sh install --rtmp)"
        )
    done = run_script("install", "--rtmp", timeout=900)
    if done.returncode != 0 or not obs_installed():
        unavailable("OBS Studio is not installed and could not be installed", done.stderr)


def add_test_scene_content(obs: HeadlessObs) -> None:
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
