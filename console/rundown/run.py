"""The live run of a rundown: which segment is on, what it has fired, and the back-timer.

Pure state, no threads: every method takes the rundown clock's ``now`` (seconds; a rehearsal's
clock runs faster). The clock stops while the run is paused, so cue offsets and the back-timer
hold too. Segments are numbered from 0 here; the operator's numbers start at 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from console.rundown.model import Cue, Rundown


class CueState(StrEnum):
    PENDING = "pending"
    FIRED = "fired"  # handed to the command router, no outcome yet
    DONE = "done"
    FAILED = "failed"


class SegmentState(StrEnum):
    UPCOMING = "upcoming"
    ON_AIR = "on_air"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class BackTimer:
    """Where the show stands against its plan. ``segment_left_s``: to the planned end of the
    segment on air, ``show_left_s``: to the planned end of the show (skipped segments left
    out), both negative when past it; ``over_s``: how much later than planned the show will
    end at this pace (negative: earlier), the segment on air taking at least its plan."""

    segment_elapsed_s: float
    segment_left_s: float
    show_elapsed_s: float
    show_left_s: float
    over_s: float


@dataclass(frozen=True, slots=True)
class SegmentStart:
    """A segment went on air, ``started_s`` after the rundown's first GO."""

    index: int
    started_s: float


@dataclass
class RundownRun:
    rundown: Rundown
    current: int | None = None
    finished: bool = False
    skipped: set[int] = field(default_factory=set)
    cues: dict[tuple[int, int], CueState] = field(default_factory=dict)
    reasons: dict[tuple[int, int], BaseException] = field(default_factory=dict)
    done: set[int] = field(default_factory=set)
    _started: float | None = None  # rundown clock (pauses left out) at the first GO
    _segment_start: float = 0.0
    _paused_at: float | None = None
    _paused_total: float = 0.0
    _last_duration: float = 0.0  # how long the segment that ended last ran

    # -- the clock that stops while paused ------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def running_time(self, now: float) -> float:
        """``now`` with the paused time left out."""
        held = now - self._paused_at if self._paused_at is not None else 0.0
        return now - self._paused_total - held

    def set_paused(self, paused: bool, now: float) -> None:
        if paused and self._paused_at is None:
            self._paused_at = now
        elif not paused and self._paused_at is not None:
            self._paused_total += now - self._paused_at
            self._paused_at = None

    # -- moving -----------------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self._started is not None

    def next_index(self) -> int | None:
        """The segment GO starts (skipped ones passed over); None when none is left."""
        start = 0 if self.current is None else self.current + 1
        if self.finished:
            return None
        for index in range(start, len(self.rundown.segments)):
            if index not in self.skipped:
                return index
        return None

    def previous_index(self) -> int | None:
        if self.current is None:
            return None
        for index in range(self.current - 1, -1, -1):
            if index not in self.skipped:
                return index
        return None

    def start(self, index: int, now: float, *, fire: bool = True) -> SegmentStart:
        """Put segment ``index`` on air; ``fire`` False: its cues count as fired already (going
        back to a segment does not repeat what it did)."""
        t = self.running_time(now)
        if self._started is None:
            self._started = t
        if self.current is not None:
            self.done.add(self.current)
        self.current, self.finished = index, False
        self.skipped.discard(index)
        self.done.discard(index)
        self._segment_start = t
        for number in range(len(self.rundown.segments[index].actions())):
            key = (index, number)
            if fire:
                self.cues[key] = CueState.PENDING
                self.reasons.pop(key, None)
            else:
                self.cues.setdefault(key, CueState.DONE)
        return SegmentStart(index, t - self._started)

    def finish(self) -> None:
        """The last segment ended: the rundown is over."""
        if self.current is not None:
            self.done.add(self.current)
        self.current, self.finished = None, True

    def toggle_skip(self, index: int) -> bool:
        """Skip segment ``index`` (GO passes over it), or take it back; True when skipped."""
        if index in self.skipped:
            self.skipped.discard(index)
            return False
        self.skipped.add(index)
        return True

    # -- cues -------------------------------------------------------------------------------------
    def due(self, now: float) -> list[tuple[tuple[int, int], Cue]]:
        """The cues of the segment on air whose offset has come and that were not fired; they
        count as fired from now on."""
        if self.current is None:
            return []
        elapsed = self.segment_elapsed(now)
        out = []
        for number, cue in enumerate(self.rundown.segments[self.current].actions()):
            key = (self.current, number)
            if self.cues.get(key) is CueState.PENDING and cue.at_s <= elapsed:
                self.cues[key] = CueState.FIRED
                out.append((key, cue))
        return out

    def settle(self, key: tuple[int, int], error: BaseException | None) -> None:
        """A fired cue's outcome: done, or failed with the reason."""
        if error is None:
            self.cues[key] = CueState.DONE
        else:
            self.cues[key] = CueState.FAILED
            self.reasons[key] = error

    # -- where the show stands --------------------------------------------------------------------
    def segment_elapsed(self, now: float) -> float:
        return self.running_time(now) - self._segment_start if self.current is not None else 0.0

    def show_elapsed(self, now: float) -> float:
        if self._started is None:
            return 0.0
        if self.finished:
            return self._segment_start - self._started + self._last_duration
        return self.running_time(now) - self._started

    def end_segment(self, now: float) -> float:
        """The segment on air ends now (GO, a jump, the end): how long it ran."""
        duration = self.segment_elapsed(now)
        self._last_duration = duration
        return duration

    def segment_state(self, index: int) -> SegmentState:
        if index == self.current:
            return SegmentState.ON_AIR
        if index in self.skipped:
            return SegmentState.SKIPPED
        if index in self.done:
            return SegmentState.DONE
        return SegmentState.UPCOMING

    def timer(self, now: float) -> BackTimer:
        segments = self.rundown.segments
        planned_total = sum(s.planned_s for i, s in enumerate(segments) if i not in self.skipped)
        elapsed = self.segment_elapsed(now)
        show_elapsed = self.show_elapsed(now)
        if self.current is None:
            segment_left = 0.0
            later = range(0) if self.finished else range(len(segments))
        else:
            segment_left = segments[self.current].planned_s - elapsed
            later = range(self.current + 1, len(segments))
        upcoming = sum(segments[i].planned_s for i in later if i not in self.skipped)
        over = show_elapsed + max(segment_left, 0.0) + upcoming - planned_total
        return BackTimer(elapsed, segment_left, show_elapsed, planned_total - show_elapsed, over)
