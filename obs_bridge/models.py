"""Small immutable values the bridge hands out: safe to pass between threads as they are."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


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
    """A source placed in a scene (a row of OBS's Sources dock)."""

    name: str
    item_id: int
    visible: bool


@dataclass(frozen=True)
class InputState:
    name: str
    muted: bool | None  # None: the input has no audio (a colour or image source)


@dataclass(frozen=True)
class ObsSnapshot:
    """Everything an OBS panel shows, read in one go after a (re)connect."""

    scenes: tuple[str, ...]  # top first, as OBS's Scenes dock lists them
    current_scene: str
    inputs: tuple[InputState, ...]
    scene_items: tuple[SceneItem, ...]  # of the current scene, top first
    stream_active: bool
    record_active: bool
