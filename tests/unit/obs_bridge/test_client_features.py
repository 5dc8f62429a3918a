"""What a streaming PC's OBS has and the headless one rarely shows: audio roles, studio mode,
groups, an OBS out of sync, the event subscription, a frozen OBS. Against the v5 fake; the
integration tests do the same against a real OBS where it can stage it."""

from __future__ import annotations

import time
from typing import Any

import pytest
from unit.obs_bridge.fake_obs import FakeObs, FakeSession, fail, ok
from unit.obs_bridge.recorder import wait_until

from obs_bridge import AudioInput, ObsClient, ObsError, SceneItem
from obs_bridge.models import audio_role
from obs_bridge.transport import EVENTS_ALL, EVENTS_VOLUME_METERS

UI_EVENTS = 1 << 10  # StudioModeStateChanged comes in this category


@pytest.mark.parametrize(
    ("kind", "special", "role"),
    [
        ("wasapi_input_capture", None, "mic"),
        ("coreaudio_input_capture", None, "mic"),
        ("pulse_input_capture", None, "mic"),
        ("alsa_input_capture", None, "mic"),
        ("wasapi_output_capture", None, "desktop"),
        ("wasapi_process_output_capture", None, "desktop"),
        ("pulse_output_capture", None, "desktop"),
        ("ffmpeg_source", None, "other"),
        ("browser_source", None, "other"),
        ("dshow_input", None, "other"),
        ("ffmpeg_source", "mic2", "mic"),  # set as a Mic/Aux device in OBS's audio settings
        ("wasapi_input_capture", "desktop1", "desktop"),
    ],
)
def test_an_input_role_comes_from_obs_audio_settings_then_its_kind(
    kind: str, special: str | None, role: str
) -> None:
    assert audio_role(kind, special) == role


def test_the_mic_of_a_default_windows_obs_is_found_behind_desktop_audio(
    client: ObsClient, fake_obs: FakeObs
) -> None:
    """OBS creates Desktop Audio before Mic/Aux: the first input with audio is not the mic."""
    fake_obs.handlers["GetInputList"] = lambda s, d: ok(
        {
            "inputs": [
                {"inputName": "Desktop Audio", "inputKind": "wasapi_output_capture"},
                {"inputName": "Mic/Aux", "inputKind": "wasapi_input_capture"},
                {"inputName": "Music", "inputKind": "ffmpeg_source"},
                {"inputName": "Logo", "inputKind": "image_source"},
            ]
        }
    )
    fake_obs.handlers["GetSpecialInputs"] = lambda s, d: ok(
        {"desktop1": "Desktop Audio", "desktop2": None, "mic1": "Mic/Aux", "mic2": None}
    )
    fake_obs.handlers["GetInputMute"] = lambda s, d: (
        fail(604, "The specified input does not support audio.")
        if d["inputName"] == "Logo"
        else ok({"inputMuted": False})
    )
    assert client.audio_inputs() == [
        AudioInput("Desktop Audio", "wasapi_output_capture", "desktop"),
        AudioInput("Mic/Aux", "wasapi_input_capture", "mic"),
        AudioInput("Music", "ffmpeg_source", "other"),
    ]


def test_sources_inside_groups_are_listed_after_their_group(
    client: ObsClient, fake_obs: FakeObs
) -> None:
    def items(rows: list[tuple[str, int, bool, bool]]) -> dict[str, Any]:
        bottom_first = list(reversed(rows))
        return ok(
            {
                "sceneItems": [
                    {
                        "sourceName": name,
                        "sceneItemId": item_id,
                        "sceneItemEnabled": enabled,
                        "sceneItemIndex": index,
                        "isGroup": group or None,
                    }
                    for index, (name, item_id, enabled, group) in enumerate(bottom_first)
                ]
            }
        )

    fake_obs.handlers["GetSceneItemList"] = lambda s, d: items(
        [("Camera", 1, True, False), ("Lower third", 2, True, True), ("Camera", 3, False, False)]
    )
    fake_obs.handlers["GetGroupSceneItemList"] = lambda s, d: items(
        [("Name", 1, True, False), ("Title", 2, False, False)]
    )
    assert client.scene_items("Scene") == [
        SceneItem("Camera", 1, True),
        SceneItem("Lower third", 2, True, is_group=True),
        SceneItem("Name", 1, True, group="Lower third"),
        SceneItem("Title", 2, False, group="Lower third"),
        SceneItem("Camera", 3, False),  # the same source twice: told apart by id
    ]
    (title,) = [i for i in client.scene_items("Scene") if i.source == "Title"]
    assert (title.id, title.enabled, title.group) == (2, False, "Lower third")
    assert (title.name, title.item_id, title.visible) == ("Title", 2, False)  # older names


def test_an_item_is_changed_by_id_in_the_scene_or_group_that_holds_it(
    client: ObsClient, fake_obs: FakeObs
) -> None:
    sent: list[dict[str, Any]] = []
    fake_obs.handlers["SetSceneItemEnabled"] = lambda s, d: sent.append(d) or ok()
    client.set_scene_item_enabled("Lower third", 2, False)
    assert sent == [{"sceneName": "Lower third", "sceneItemId": 2, "sceneItemEnabled": False}]


def test_studio_mode_preview_and_take(client: ObsClient, fake_obs: FakeObs) -> None:
    assert client.studio_mode() is False
    assert client.preview_scene() is None  # OBS refuses with 506 outside studio mode
    client.set_studio_mode(True)
    assert client.studio_mode() is True
    client.set_preview_scene("Live")
    assert (client.preview_scene(), client.current_scene()) == ("Live", "Scene")
    client.take()
    assert client.current_scene() == "Live"
    transitions = client.transitions()
    assert (transitions.names, transitions.current, transitions.duration_ms) == (
        ("Cut", "Fade"),
        "Fade",
        300,
    )


def test_an_obs_out_of_sync_names_no_program_scene_and_the_snapshot_still_works(
    client: ObsClient, fake_obs: FakeObs
) -> None:
    fake_obs.handlers["GetSceneList"] = lambda s, d: ok(
        {"currentProgramSceneName": None, "scenes": [{"sceneIndex": 0, "sceneName": "Scene"}]}
    )
    snapshot = client.snapshot()
    assert snapshot.current_scene == ""
    assert snapshot.scene_items == ()
    assert snapshot.scenes == ("Scene",)
    assert "GetSceneItemList" not in fake_obs.sessions[-1].requests


def test_the_snapshot_reads_what_runs_and_what_this_obs_lacks(
    client: ObsClient, fake_obs: FakeObs
) -> None:
    fake_obs.handlers["GetStreamStatus"] = lambda s, d: ok(
        {"outputActive": True, "outputReconnecting": True, "outputDuration": 5000}
    )
    snapshot = client.snapshot()
    assert snapshot.stream_active and snapshot.stream_reconnecting
    assert (snapshot.replay_buffer, snapshot.virtual_camera) == (None, None)
    assert snapshot.transitions.current == "Fade"


def test_stream_service_reads_and_writes_the_whole_setting(
    client: ObsClient, fake_obs: FakeObs
) -> None:
    kind, settings = client.stream_service()
    assert (kind, settings["service"], settings["key"]) == ("rtmp_common", "Twitch", "own-key")
    client.set_stream_service("rtmp_custom", {"server": "rtmp://a/b", "key": "k"})
    assert client.stream_service() == ("rtmp_custom", {"server": "rtmp://a/b", "key": "k"})


def test_screenshots_come_back_as_image_bytes(client: ObsClient, fake_obs: FakeObs) -> None:
    fake_obs.handlers["GetSourceScreenshot"] = lambda s, d: ok(
        {"imageData": "data:image/jpg;base64,/9j/4AAQ"}
    )
    assert client.scene_screenshot("Scene", 160) == b"\xff\xd8\xff\xe0\x00\x10"


def test_identify_is_followed_by_the_subscription_with_studio_mode_events(
    client: ObsClient, fake_obs: FakeObs
) -> None:
    session = fake_obs.wait_for_sessions(1)
    wait_until(lambda: session.subscriptions, what="the Reidentify after Identify")
    assert session.subscriptions[0] == EVENTS_ALL
    assert session.subscriptions[0] & UI_EVENTS


def test_volume_meters_are_asked_for_and_kept_across_a_reconnect(
    client: ObsClient, fake_obs: FakeObs
) -> None:
    session = fake_obs.wait_for_sessions(1)
    client.set_volume_meters(True)
    wait_until(lambda: len(session.subscriptions) == 2, what="the Reidentify for meters")
    assert session.subscriptions[-1] == EVENTS_ALL | EVENTS_VOLUME_METERS
    client.connect()  # a new connection subscribes to them right away
    again = fake_obs.wait_for_sessions(2)
    wait_until(lambda: again.subscriptions, what="the second session's Reidentify")
    assert again.subscriptions == [EVENTS_ALL | EVENTS_VOLUME_METERS]
    client.set_volume_meters(False)
    wait_until(lambda: len(again.subscriptions) == 2, what="the meters turned off")
    assert again.subscriptions[-1] == EVENTS_ALL


def test_a_frozen_obs_shows_as_stalled_until_it_speaks_again(fake_obs: FakeObs) -> None:
    """A stopped OBS process keeps the TCP connection: requests just get no answer."""
    frozen = {"on": False}

    def stats(_s: FakeSession, _d: dict[str, Any]) -> dict[str, Any] | None:
        return None if frozen["on"] else ok({"activeFps": 30.0})

    fake_obs.handlers["GetStats"] = stats
    client = ObsClient(port=fake_obs.port, timeout=0.5)
    client.connect()
    try:
        client.stats()
        assert client.stalled_for() == 0.0
        frozen["on"] = True
        with pytest.raises(ObsError):
            client.stats()  # times out after 0.5 s
        time.sleep(0.6)  # past the 1 s grace a waiting request gets
        assert client.stalled_for() >= 1.0  # still stalled after the timeout
        frozen["on"] = False
        client.stats()
        assert client.stalled_for() == 0.0
    finally:
        client.disconnect()
