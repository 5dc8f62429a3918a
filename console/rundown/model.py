"""What a rundown is: segments in order, each with a planned duration and the cue actions it
fires (any registered command with its arguments, at an offset into the segment)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from console.commands.ids import CommandId


@dataclass(frozen=True, slots=True)
class Cue:
    """Run ``command`` with ``args`` ``at_s`` seconds into its segment."""

    at_s: int
    command: str
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Segment:
    title: str
    planned_s: int
    goods: tuple[int, ...] = ()  # the goods presented, by their number in the room
    scene: str | None = None  # the OBS scene switched to when the segment starts
    lottery: Mapping[str, Any] | None = None  # lottery.create's arguments, created at its start
    talking_points: tuple[str, ...] = ()
    cues: tuple[Cue, ...] = ()

    def actions(self) -> tuple[Cue, ...]:
        """Everything the segment fires, in firing order: its scene and lottery when it starts,
        then its cues by offset (cues at the same offset in the order written)."""
        implicit: list[Cue] = []
        if self.scene:
            implicit.append(Cue(0, CommandId.OBS_SCENE.value, {"name": self.scene}))
        if self.lottery is not None:
            implicit.append(Cue(0, CommandId.LOTTERY_CREATE.value, dict(self.lottery)))
        return (*implicit, *sorted(self.cues, key=lambda cue: cue.at_s))


@dataclass(frozen=True, slots=True)
class Rundown:
    title: str
    segments: tuple[Segment, ...]

    @property
    def planned_s(self) -> int:
        return sum(segment.planned_s for segment in self.segments)

    def planned_start(self, index: int) -> int:
        """When segment ``index`` (0-based) starts by the plan, from the first one's start."""
        return sum(segment.planned_s for segment in self.segments[:index])

    def moved(self, source: int, destination: int) -> Rundown:
        """The same rundown with segment ``source`` moved to place ``destination`` (0-based)."""
        segments = list(self.segments)
        segment = segments.pop(source)
        segments.insert(destination, segment)
        return Rundown(self.title, tuple(segments))
