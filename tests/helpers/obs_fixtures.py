"""Real OBS Studio for the tests that need one (tests/integration and the OBS panel tests).

``ensure_obs_available`` skips loudly when OBS is missing — or installs it (about 190 Debian
packages, with apt-get) when asked to with LIVEDESK_INSTALL_OBS=1, and fails instead of
skipping with LIVEDESK_REQUIRE_OBS=1 (CI installs OBS itself first); ``add_test_scene_content`` gives a fresh headless OBS the second
scene and the two inputs the tests use.
"""

from __future__ import annotations

import json
import math
import os
import struct
import wave
from pathlib import Path
from typing import Any

from integration.headless_obs import (
    AUDIO_INPUT,
    DESKTOP_INPUT,
    GROUP,
    GROUP_CHILDREN,
    MIC_INPUT,
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


def start_with_test_content(obs: HeadlessObs) -> None:
    """Start OBS on the scene collection the tests use. Global audio devices and groups can
    only come from a scene collection file (obs-websocket 5.1 creates neither), and
    obs-headless.sh writes into a state directory only it made: OBS starts once to make it,
    then again on the collection written meanwhile (the script writes the profile on every
    start, never the scene collection)."""
    obs.start()
    obs.stop()
    write_test_collection(obs)
    obs.start()
    configure_outputs(obs)


def configure_outputs(obs: HeadlessObs) -> None:
    """A replay buffer, and a recording with its own encoder (one that shares the stream's,
    OBS's default, cannot pause). OBS sets its outputs up when it loads a profile: set them
    in the profile, then switch to another profile and back (obs-websocket has no other
    way)."""
    client = obs.client()
    client.connect()
    try:
        for name, value in (("RecRB", "true"), ("RecQuality", "Small")):
            client.call(
                "SetProfileParameter",
                parameterCategory="SimpleOutput",
                parameterName=name,
                parameterValue=value,
            )
        client.call("CreateProfile", profileName="LiveDesk Swap")  # and switches to it
        client.call("SetCurrentProfile", profileName="Headless")
        client.call("RemoveProfile", profileName="LiveDesk Swap")
    finally:
        client.disconnect()


def write_test_collection(obs: HeadlessObs) -> None:
    """The scene collection the tests use, while OBS is stopped.

    "Scene" holds, top first: the group (two colour sources), the colour source and the media
    source (a looping tone, so its level meter moves); "LiveDesk Two" is empty. Desktop Audio and
    Mic/Aux are OBS's global audio devices, as on a default OBS."""
    tone = obs.directory / "tone.wav"
    _write_tone(tone)
    colours = [_source("color_source_v3", VISUAL_INPUT, color=0xFF3366CC, width=320, height=180)]
    colours += [
        _source("color_source_v3", name, color=0xFF33CC66, width=160, height=90)
        for name in GROUP_CHILDREN
    ]
    media = _source(
        "ffmpeg_source", AUDIO_INPUT, local_file=str(tone), is_local_file=True, looping=True
    )
    group = _source(
        "group",
        GROUP,
        id_counter=2,
        custom_size=True,
        cx=320,
        cy=90,
        items=[_item(name, n) for n, name in enumerate(reversed(GROUP_CHILDREN), 1)],
    )
    scene_items = [_item(AUDIO_INPUT, 1), _item(VISUAL_INPUT, 2), _item(GROUP, 3)]  # bottom first
    scenes = [
        _source("scene", "Scene", id_counter=3, custom_size=False, items=scene_items),
        _source("scene", SECOND_SCENE, id_counter=0, custom_size=False, items=[]),
    ]
    collection = {
        "name": "Headless",
        "current_scene": "Scene",
        "current_program_scene": "Scene",
        "current_transition": "Fade",
        "transition_duration": 300,
        "scene_order": [{"name": "Scene"}, {"name": SECOND_SCENE}],
        "sources": [*scenes, *colours, media],
        "groups": [group],
        "DesktopAudioDevice1": _source("pulse_output_capture", DESKTOP_INPUT, device_id="default"),
        "AuxAudioDevice1": _source("pulse_input_capture", MIC_INPUT, device_id="default"),
    }
    folder = obs.directory / "config" / "obs-studio" / "basic" / "scenes"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Headless.json").write_text(json.dumps(collection), encoding="utf-8")


def _source(kind: str, name: str, **settings: Any) -> dict[str, Any]:
    return {"id": kind, "versioned_id": kind, "name": name, "settings": settings}


def _item(source: str, item_id: int) -> dict[str, Any]:
    return {
        "name": source,
        "id": item_id,
        "visible": True,
        "locked": False,
        "pos": {"x": 0.0, "y": 0.0},
        "scale": {"x": 1.0, "y": 1.0},
        "rot": 0.0,
        "align": 5,
        "bounds_type": 0,
    }


def _write_tone(path: Path) -> None:
    """One second of a 440 Hz tone at -12 dBFS (the media source loops it)."""
    rate = 48_000
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        samples = (int(8192 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(rate))
        out.writeframes(b"".join(struct.pack("<h", sample) for sample in samples))
