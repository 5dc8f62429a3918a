"""The rundown in the review (复盘): per segment run, the plan against reality — planned and
actual start and duration, over/under, the audience during it, the goods pushed and the
lotteries drawn while it was on air."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from console.metrics import ShowMetrics
from console.rundown.document import loads
from console.rundown.errors import RundownInvalid
from console.rundown.storage import segment_runs, stored_rundown


@dataclass(frozen=True, slots=True)
class SegmentResult:
    position: int  # 1 = the rundown's first segment
    title: str
    planned_start_s: float  # by the plan, from the first segment's start (rundown clock)
    planned_s: float
    start_s: float  # when it went on air (rundown clock)
    duration_s: float | None  # None: the console stopped without saying when it ended
    t: float  # show time at its start and end (the dashboard's bands)
    end_t: float | None
    online: float  # average online viewers while on air
    comments: int
    likes: int
    goods: tuple[str, ...]  # goods pushed while on air
    lotteries: tuple[str, ...]  # lotteries drawn while on air: "prize: winner、winner"

    @property
    def over_s(self) -> float | None:
        """How much longer than planned it ran (negative: shorter)."""
        return None if self.duration_s is None else self.duration_s - self.planned_s


def segment_results(
    engine: Engine,
    show_id: int,
    metrics: ShowMetrics,
    pushes: Sequence[tuple[float, str]],
    lotteries: Sequence[tuple[float, str]],
) -> list[SegmentResult]:
    """The show's segment runs in the order they went on air (empty without a rundown);
    ``pushes`` and ``lotteries``: (show time, what) of the review's goods pushes and draws."""
    runs = segment_runs(engine, show_id)
    if not runs:
        return []
    planned_start = _planned_starts(stored_rundown(engine, show_id))
    results = []
    for number, run in enumerate(runs):
        following = runs[number + 1].t if number + 1 < len(runs) else None
        end = run.ended_t if run.ended_t is not None else following
        window = metrics.window(run.t, end if end is not None else metrics.seconds)
        results.append(
            SegmentResult(
                position=run.position,
                title=run.title,
                planned_start_s=planned_start.get(run.position, 0.0),
                planned_s=run.planned_s,
                start_s=run.started_s,
                duration_s=run.duration_s,
                t=run.t,
                end_t=end,
                online=window.average_online,
                comments=window.comments,
                likes=window.likes,
                goods=_during(pushes, run.t, end),
                lotteries=_during(lotteries, run.t, end),
            )
        )
    return results


def _planned_starts(document: str | None) -> dict[int, float]:
    if document is None:
        return {}
    try:
        rundown = loads(document)
    except RundownInvalid:  # written by a later LiveDesk, say
        return {}
    return {n + 1: float(rundown.planned_start(n)) for n in range(len(rundown.segments))}


def _during(items: Sequence[tuple[float, str]], start: float, end: float | None) -> tuple[str, ...]:
    return tuple(what for t, what in items if start <= t and (end is None or t < end))
