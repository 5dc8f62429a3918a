"""RundownService: runs a rundown in the core, with or without a window.

GO (``rundown.next``) and the other rundown commands change the run; the segment's cue
actions then go through the command router with entry point "rundown", so each is checked,
carried out and audited like any other command. Offsets are fired by the core's ticker
(``tick``). A cue that fails or is refused is marked failed with its reason and the rundown
goes on. In a rehearsal (``rehearse``) the rundown runs on its own, each segment for its
planned duration, on a clock that may run faster than real time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine

from console.commands.spec import Entry
from console.errors import OperatorError
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Outcome, Plan, Scope, said
from console.log import app as log
from console.rundown.document import dumps, loads
from console.rundown.errors import RundownInvalid
from console.rundown.model import Cue, Rundown
from console.rundown.run import BackTimer, CueState, RundownRun, SegmentState
from console.rundown.storage import (
    SaveRundown,
    SegmentEnded,
    SegmentStarted,
    segment_runs,
    stored_rundown,
)
from console.storage.ops import DbOp

Submit = Callable[[str, Mapping[str, Any], Entry], "Future[Outcome]"]

NO_RUNDOWN = QT_TRANSLATE_NOOP("errors", "Load a rundown first (Rundown → Open…).")
RUNDOWN_OVER = QT_TRANSLATE_NOOP("errors", "The rundown is over: jump to a segment to go on.")
NOT_STARTED = QT_TRANSLATE_NOOP("errors", "The rundown has not started: press GO.")
AT_FIRST = QT_TRANSLATE_NOOP("errors", "There is no segment before this one.")
NO_SUCH_SEGMENT = QT_TRANSLATE_NOOP("errors", "The rundown has no segment {number}.")
RUNNING = QT_TRANSLATE_NOOP(
    "errors", "The rundown is running: change it once it is over, or before GO."
)
ON_AIR_SKIP = QT_TRANSLATE_NOOP("errors", "Segment {number} is on air: it cannot be skipped.")


@dataclass(frozen=True, slots=True)
class Aired:
    """A segment run in show time (the dashboard's bands); ``end_t`` None while on air."""

    position: int
    title: str
    t: float
    end_t: float | None


@dataclass(frozen=True, slots=True)
class RundownView:
    """The run at one moment, for the panel, the prompter and the control API."""

    rundown: Rundown
    current: int | None  # 0-based; None before GO and after the end
    states: tuple[SegmentState, ...]
    cues: Mapping[tuple[int, int], CueState]  # (segment, action) -> state
    reasons: Mapping[tuple[int, int], BaseException]  # why a failed cue failed
    timer: BackTimer
    paused: bool
    finished: bool
    autorun: bool
    aired: tuple[Aired, ...]  # this show's segment runs so far, oldest first

    @property
    def next_index(self) -> int | None:
        start = 0 if self.current is None else self.current + 1
        if self.finished:
            return None
        for index in range(start, len(self.rundown.segments)):
            if self.states[index] is not SegmentState.SKIPPED:
                return index
        return None


class RundownService:
    def __init__(
        self,
        submit: Submit,
        execute: Callable[[DbOp], None] | None,
        show_clock: Callable[[], float],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._submit = submit
        self._execute = execute
        self._show_clock = show_clock
        self._clock = clock
        self._speed = 1.0
        self.autorun = False
        self._ready: Callable[[], bool] = lambda: True  # when a rehearsal may start
        self._lock = threading.RLock()
        self._run: RundownRun | None = None
        # The show's segment runs so far (their database rows' numbers; a continued show
        # goes on from the stored ones, see ``resume``) and the one on air.
        self._runs = 0
        self._segment_run = 0
        self._aired: list[Aired] = []

    def _now(self) -> float:
        return self._clock() * self._speed

    # -- the rundown ------------------------------------------------------------------------------
    @property
    def rundown(self) -> Rundown | None:
        run = self._run
        return run.rundown if run is not None else None

    def load(self, rundown: Rundown) -> None:
        """Use ``rundown`` for this show (kept with it); refused while one runs."""
        with self._lock:
            run = self._run
            if run is not None and run.current is not None:
                raise OperatorError(RUNNING)
            self._run = RundownRun(rundown)
        self._store(SaveRundown(dumps(rundown)))
        log.info(
            "rundown loaded: %d segments, %d s planned", len(rundown.segments), rundown.planned_s
        )

    def resume(self, engine: Engine, show_id: int) -> None:
        """A continued show: its stored rundown is loaded again (its run starts before GO)
        and segment runs are numbered after the stored ones."""
        document = stored_rundown(engine, show_id)
        runs = segment_runs(engine, show_id)
        with self._lock:
            self._runs = max(self._runs, max((r.run for r in runs), default=0))
            stored = [Aired(r.position, r.title, r.t, r.ended_t) for r in runs]
            self._aired[:0] = stored
            if document is None or self._run is not None:
                return
            try:
                self._run = RundownRun(loads(document))
            except RundownInvalid:
                log.warning("the stored rundown of show %d cannot be read; not loaded", show_id)
                return
        log.info("rundown of show %d loaded again (%d segment runs so far)", show_id, len(runs))

    def rehearse(self, speed: float = 1.0, when: Callable[[], bool] = lambda: True) -> None:
        """Run the rundown on its own, its clock ``speed`` times real time: GO at the first
        tick at which ``when()`` holds (the room is ready), then each segment for its plan."""
        with self._lock:
            if self._run is not None and self._run.started:
                raise OperatorError(RUNNING)
            self._speed = speed
            self._ready = when
            self.autorun = True

    def view(self) -> RundownView | None:
        with self._lock:
            run = self._run
            if run is None:
                return None
            now = self._now()
            return RundownView(
                run.rundown,
                run.current,
                tuple(run.segment_state(i) for i in range(len(run.rundown.segments))),
                dict(run.cues),
                dict(run.reasons),
                run.timer(now),
                run.paused,
                run.finished,
                self.autorun,
                tuple(self._aired),
            )

    # -- why a command cannot run now --------------------------------------------------------
    def why_not(self, command: str, number: int | None = None) -> OperatorError | None:
        run = self._run
        if run is None:
            return OperatorError(NO_RUNDOWN)
        segments = len(run.rundown.segments)
        if number is not None and not 1 <= number <= segments:
            return OperatorError(NO_SUCH_SEGMENT, number=number)
        if (
            command == "next"
            and run.next_index() is None
            and not (run.current is not None and not run.finished)
        ):
            return OperatorError(RUNDOWN_OVER)
        if command in ("previous", "pause") and run.current is None:
            return OperatorError(NOT_STARTED if not run.finished else RUNDOWN_OVER)
        if command == "previous" and run.previous_index() is None:
            return OperatorError(AT_FIRST)
        if command == "skip" and number is not None and number - 1 == run.current:
            return OperatorError(ON_AIR_SKIP, number=number)
        return None

    # -- commands (each returns its plan; the local step is done when it returns) ----------------
    def go(self) -> Plan:
        """Start the next segment (after the last one: the rundown is over)."""
        with self._lock:
            run = self._checked("next")
            index = run.next_index()
            now = self._now()
            self._end_segment(run, now)
            if index is None:
                run.finish()
                log.info("rundown over")
                done = said(QT_TRANSLATE_NOOP("outcomes", "The rundown is over"))
                return Plan("", "", done, {"over": True}, Scope.CONSOLE)
            return self._start(run, index, now, fire=True)

    def previous(self) -> Plan:
        """Back to the segment before (its cues are not fired again)."""
        with self._lock:
            run = self._checked("previous")
            index = run.previous_index()
            assert index is not None
            now = self._now()
            self._end_segment(run, now)
            return self._start(run, index, now, fire=False)

    def jump(self, number: int) -> Plan:
        """Start segment ``number`` (1 = first) now, firing its cues."""
        with self._lock:
            run = self._checked("jump", number)
            now = self._now()
            self._end_segment(run, now)
            return self._start(run, number - 1, now, fire=True)

    def pause(self) -> Plan:
        """Hold the back-timer and the cue offsets, or let them run again."""
        with self._lock:
            run = self._checked("pause")
            paused = not run.paused
            run.set_paused(paused, self._now())
        if paused:
            done = said(QT_TRANSLATE_NOOP("outcomes", "Rundown paused"))
        else:
            done = said(QT_TRANSLATE_NOOP("outcomes", "Rundown running again"))
        return Plan("", "", done, {"paused": paused}, Scope.CONSOLE)

    def skip(self, number: int | None) -> Plan:
        """Skip segment ``number`` (default: the next one) or take a skip back."""
        with self._lock:
            run = self._checked("skip", number)
            index = number - 1 if number is not None else run.next_index()
            if index is None:
                raise OperatorError(RUNDOWN_OVER)
            skipped = run.toggle_skip(index)
        title = run.rundown.segments[index].title
        if skipped:
            done = said(QT_TRANSLATE_NOOP("outcomes", "Segment {number} skipped"), number=index + 1)
        else:
            done = said(
                QT_TRANSLATE_NOOP("outcomes", "Segment {number} back in the rundown"),
                number=index + 1,
            )
        return Plan(str(index + 1), title, done, {"skipped": skipped}, Scope.CONSOLE)

    def _checked(self, command: str, number: int | None = None) -> RundownRun:
        why = self.why_not(command, number)
        if why is not None:
            raise why
        assert self._run is not None
        return self._run

    def _start(self, run: RundownRun, index: int, now: float, *, fire: bool) -> Plan:
        segment = run.rundown.segments[index]
        start = run.start(index, now, fire=fire)
        self._runs += 1
        self._segment_run = self._runs
        t = self._show_clock()
        self._aired.append(Aired(index + 1, segment.title, t, None))
        self._store(
            SegmentStarted(
                self._runs,
                index + 1,
                segment.title,
                segment.planned_s,
                t,
                start.started_s,
            )
        )
        log.info("rundown segment %d on air (%s s planned)", index + 1, segment.planned_s)
        done = said(
            QT_TRANSLATE_NOOP("outcomes", "Segment {number} “{title}” on air"),
            number=index + 1,
            title=segment.title,
        )
        detail = {"segment": index + 1, "title": segment.title, "planned_s": segment.planned_s}
        return Plan(str(index + 1), segment.title, done, detail, Scope.CONSOLE, then=self._fired)

    def _end_segment(self, run: RundownRun, now: float) -> None:
        if run.current is not None:
            t = self._show_clock()
            self._store(SegmentEnded(self._segment_run, run.end_segment(now), t))
            if self._aired:
                self._aired[-1] = replace(self._aired[-1], end_t=t)

    # -- cues and the rehearsal -------------------------------------------------------------------
    def _fired(self, _result: object) -> None:
        self.fire_due()

    def fire_due(self) -> None:
        """Submit the cues whose time has come (outside the lock: outcomes may come at once)."""
        with self._lock:
            run = self._run
            due = run.due(self._now()) if run is not None else []
        for key, cue in due:
            self._fire(key, cue)

    def _fire(self, key: tuple[int, int], cue: Cue) -> None:
        future = self._submit(cue.command, cue.args, Entry.RUNDOWN)
        future.add_done_callback(lambda done: self._settle(key, cue, done.result()))

    def _settle(self, key: tuple[int, int], cue: Cue, outcome: Outcome) -> None:
        error = outcome.error
        if error is not None:
            log.warning(
                "rundown cue %s of segment %d failed: %s", cue.command, key[0] + 1, outcome.message
            )
        with self._lock:
            if self._run is not None:
                self._run.settle(key, error)

    def tick(self) -> None:
        """The ticker's duty: in a rehearsal, GO when the segment's time is up; fire due cues."""
        if self.autorun and self._time_is_up():
            # Outside the lock: the router takes its own lock, then ours (in ``go``).
            self._submit("rundown.next", {}, Entry.AUTO)
        self.fire_due()

    def _time_is_up(self) -> bool:
        with self._lock:
            run = self._run
            if run is None or run.paused or self.why_not("next") is not None:
                return False
            if run.current is None:
                return self._ready()
            planned = run.rundown.segments[run.current].planned_s
            return run.segment_elapsed(self._now()) >= planned

    def stop(self) -> None:
        """The console stops: the segment on air ends now (its duration is kept)."""
        with self._lock:
            run = self._run
            if run is not None and run.current is not None:
                self._end_segment(run, self._now())

    def _store(self, op: DbOp) -> None:
        if self._execute is not None:
            self._execute(op)
