"""Small immutable values the bridge hands out: safe to pass between threads as they are."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class StreamStatus:
    active: bool
    reconnecting: bool
    duration: float  # seconds since the stream started
    bytes: int
    congestion: float  # 0.0 (fine) .. 1.0 (the network cannot keep up)
    skipped_frames: int
    total_frames: int

    @classmethod
    def from_obs(cls, data: Mapping[str, Any]) -> StreamStatus:
        """From a GetStreamStatus response."""
        return cls(
            active=bool(data.get("outputActive", False)),
            reconnecting=bool(data.get("outputReconnecting", False)),
            duration=float(data.get("outputDuration", 0)) / 1000.0,
            bytes=int(data.get("outputBytes", 0)),
            congestion=float(data.get("outputCongestion") or 0.0),
            skipped_frames=int(data.get("outputSkippedFrames", 0)),
            total_frames=int(data.get("outputTotalFrames", 0)),
        )


@dataclass(frozen=True)
class RecordStatus:
    active: bool
    paused: bool
    duration: float  # seconds since the recording started

    @classmethod
    def from_obs(cls, data: Mapping[str, Any]) -> RecordStatus:
        """From a GetRecordStatus response."""
        return cls(
            active=bool(data.get("outputActive", False)),
            paused=bool(data.get("outputPaused", False)),
            duration=float(data.get("outputDuration", 0)) / 1000.0,
        )


@dataclass(frozen=True)
class Stats:
    fps: float
    cpu: float  # percent of one core
    render_skipped_frames: int
    render_total_frames: int
    output_skipped_frames: int
    output_total_frames: int
    memory_mb: float

    @classmethod
    def from_obs(cls, data: Mapping[str, Any]) -> Stats:
        """From a GetStats response."""
        return cls(
            fps=float(data.get("activeFps", 0.0)),
            cpu=float(data.get("cpuUsage", 0.0)),
            render_skipped_frames=int(data.get("renderSkippedFrames", 0)),
            render_total_frames=int(data.get("renderTotalFrames", 0)),
            output_skipped_frames=int(data.get("outputSkippedFrames", 0)),
            output_total_frames=int(data.get("outputTotalFrames", 0)),
            memory_mb=float(data.get("memoryUsage", 0.0)),
        )


@dataclass(frozen=True)
class SceneItem:
    """A source placed in a scene (a row of OBS's Sources dock), or in a group of that scene.

    ``id`` is OBS's sceneItemId, unique only within the scene or group that holds the item: a
    child of a group is addressed with the group's name, not the scene's. A group
    is an item of its own (``is_group``), listed just before its children. So the scene or
    group to name when changing an item is ``item.group or scene``.
    """

    source: str
    id: int
    enabled: bool
    group: str | None = None  # the group this item sits in, None for an item of the scene
    is_group: bool = False

    # The names before items were addressed by id, kept for callers written against them.
    @property
    def name(self) -> str:
        return self.source

    @property
    def item_id(self) -> int:
        return self.id

    @property
    def visible(self) -> bool:
        return self.enabled


AudioRole = Literal["mic", "desktop", "other"]

# OBS's global audio devices (Settings > Audio), as GetSpecialInputs names them.
_SPECIAL_ROLES: dict[str, AudioRole] = {
    "mic1": "mic",
    "mic2": "mic",
    "mic3": "mic",
    "mic4": "mic",
    "desktop1": "desktop",
    "desktop2": "desktop",
}


def audio_role(kind: str, special: str | None = None) -> AudioRole:
    """What an audio input carries. ``special``: its slot among OBS's global audio devices
    ("mic1", "desktop1", …) if it is one. Otherwise its kind says it: capture of an input
    device (wasapi_input_capture, coreaudio_input_capture, pulse_input_capture,
    alsa_input_capture, …) is a microphone, capture of an output (wasapi_output_capture,
    pulse_output_capture, coreaudio_output_capture, wasapi_process_output_capture) is the
    computer's sound; anything else (media, browser, capture cards) is other."""
    if special in _SPECIAL_ROLES:
        return _SPECIAL_ROLES[special]
    unversioned = kind.rsplit("_v", 1)[0] if kind.rsplit("_v", 1)[-1].isdigit() else kind
    if unversioned.endswith("_input_capture"):
        return "mic"
    if unversioned.endswith("_output_capture"):
        return "desktop"
    return "other"


def special_slots(data: Mapping[str, Any]) -> dict[str, str]:
    """Input name -> its global audio slot, from a GetSpecialInputs response."""
    return {name: slot for slot, name in data.items() if isinstance(name, str) and name}


@dataclass(frozen=True)
class AudioInput:
    """An input that has audio, and what it carries (``role``)."""

    name: str
    kind: str
    role: AudioRole


@dataclass(frozen=True)
class InputState:
    name: str
    muted: bool | None  # None: the input has no audio (a colour or image source)
    kind: str = ""
    role: AudioRole = "other"


@dataclass(frozen=True)
class Transitions:
    """OBS's scene transitions and the one in use (Studio mode's Take uses it too)."""

    names: tuple[str, ...]
    current: str
    duration_ms: int | None  # None: the transition has a fixed length (Cut)

    @classmethod
    def from_obs(cls, listing: Mapping[str, Any], current: Mapping[str, Any]) -> Transitions:
        """From GetSceneTransitionList and GetCurrentSceneTransition responses."""
        names = tuple(str(t["transitionName"]) for t in listing.get("transitions", []))
        duration = current.get("transitionDuration")
        fixed = bool(current.get("transitionFixed"))
        return cls(
            names=names,
            current=str(current.get("transitionName") or ""),
            duration_ms=None if fixed or duration is None else int(duration),
        )


@dataclass(frozen=True)
class ObsSnapshot:
    """Everything an OBS panel shows, read in one go after a (re)connect."""

    scenes: tuple[str, ...]  # top first, as OBS's Scenes dock lists them
    current_scene: str  # "" when OBS names none (its scene list is out of sync)
    inputs: tuple[InputState, ...]
    scene_items: tuple[SceneItem, ...]  # of the current scene, top first, groups unfolded
    stream_active: bool
    record_active: bool
    stream_reconnecting: bool = False
    record_paused: bool = False
    studio_mode: bool = False
    preview_scene: str = ""  # in studio mode: the scene in preview
    transitions: Transitions = field(default_factory=lambda: Transitions((), "", None))
    replay_buffer: bool | None = None  # None: OBS's profile has no replay buffer
    virtual_camera: bool | None = None  # None: this OBS has no virtual camera
