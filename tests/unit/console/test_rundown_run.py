"""The rundown live on the demo room, on a clock the test moves: GO fires exactly the
segment's actions (the audit log says so, entry point "rundown"), offsets fire at their time,
the back-timer says over and under, a failing cue is marked and the rundown goes on, pause
holds the timer, skip and jump move through the plan, and the database keeps each run."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.commands import CommandId, Entry
from console.control_api.state import live_state
from console.errors import english
from console.jobs import Outcome
from console.platforms.demo import DemoConnector, DemoSettings
from console.rundown.model import Cue, Rundown, Segment
from console.rundown.run import CueState, SegmentState
from console.rundown.service import RundownService, RundownView
from console.rundown.storage import segment_runs, stored_rundown
from console.session import LiveSession
from console.storage.models import AuditEntry

PLAN = Rundown(
    "测试",
    (
        Segment(
            "商品讲解",
            120,
            goods=(1, 2),
            cues=(Cue(0, "goods.push", {"number": 1}), Cue(60, "goods.push.2")),
        ),
        Segment(
            "抽奖",
            60,
            lottery={"kind": "comment", "keyword": "想要", "prize": "福袋", "countdown": 0},
            cues=(Cue(0, "lottery.open"),),
        ),
        Segment("引导关注", 30),
    ),
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def demo(db_url: str, clock: FakeClock) -> Iterator[LiveSession]:
    live = LiveSession(DemoConnector(DemoSettings(seed=4, comment_rate=20)), db_url)
    live.rundown = RundownService(live.commands.submit, live.writer.execute, live.show.clock, clock)
    live.start()
    deadline = time.monotonic() + 10
    while not live.goods.loaded and time.monotonic() < deadline:
        time.sleep(0.01)
    assert live.goods.loaded
    yield live
    live.stop()


def run(live: LiveSession, command: str, args: dict[str, Any] | None = None) -> Outcome:
    return live.commands.submit(command, args, Entry.SHORTCUT).result(10)


def settled(live: LiveSession) -> RundownView:
    """The run once every fired cue has its outcome."""
    deadline = time.monotonic() + 10
    while True:
        view = live.rundown.view()
        assert view is not None
        if CueState.FIRED not in view.cues.values() or time.monotonic() > deadline:
            return view
        time.sleep(0.01)


def audits(live: LiveSession) -> list[tuple[str, str, str, str]]:
    assert live.writer.flush()
    with Session(live.engine) as db:
        rows = db.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.action, e.entry, e.target, e.result) for e in rows]


def cue_audits(live: LiveSession) -> list[tuple[str, str]]:
    return [(a, target) for a, entry, target, _r in audits(live) if entry == "rundown"]


def test_go_fires_exactly_the_segments_actions_and_offsets_fire_at_their_time(
    demo: LiveSession, clock: FakeClock
) -> None:
    demo.rundown.load(PLAN)
    goods = demo.goods.order()
    assert run(demo, "rundown.next").ok
    view = settled(demo)
    assert view.current == 0 and view.states[0] is SegmentState.ON_AIR
    assert cue_audits(demo) == [("goods.push", goods[0])]  # the +1:00 push waits
    assert ("rundown.next", "shortcut", "1", "ok") in audits(demo)

    clock.now += 59
    demo.rundown.tick()
    assert cue_audits(demo) == [("goods.push", goods[0])]
    clock.now += 1
    demo.rundown.tick()
    settled(demo)
    assert cue_audits(demo) == [("goods.push", goods[0]), ("goods.push", goods[1])]
    demo.rundown.tick()  # nothing fires twice
    assert len(cue_audits(demo)) == 2

    assert run(demo, "rundown.next").ok
    view = settled(demo)
    assert [a for a, _t in cue_audits(demo)][2:] == ["lottery.create", "lottery.open"]
    assert view.states[:2] == (SegmentState.DONE, SegmentState.ON_AIR)
    assert set(view.cues.values()) == {CueState.DONE}


def test_the_back_timer_says_over_and_under(demo: LiveSession, clock: FakeClock) -> None:
    demo.rundown.load(PLAN)
    run(demo, "rundown.next")
    clock.now += 100
    timer = demo.rundown.view().timer  # type: ignore[union-attr]
    assert (timer.segment_left_s, timer.show_left_s, timer.over_s) == (20, 110, 0)
    clock.now += 50  # 30 s over the segment's 2 minutes
    timer = demo.rundown.view().timer  # type: ignore[union-attr]
    assert (timer.segment_left_s, timer.show_left_s, timer.over_s) == (-30, 60, 30)
    run(demo, "rundown.next")
    clock.now += 20  # the lottery segment runs, 40 s of it left
    timer = demo.rundown.view().timer  # type: ignore[union-attr]
    assert (timer.segment_left_s, timer.show_elapsed_s, timer.over_s) == (40, 170, 30)
    run(demo, "rundown.next")  # 40 s early: 10 s under the plan
    timer = demo.rundown.view().timer  # type: ignore[union-attr]
    assert (timer.segment_left_s, timer.over_s) == (30, -10)
    run(demo, "rundown.next")  # the last segment ends at once, 30 s early
    view = demo.rundown.view()
    assert view is not None and view.finished and view.timer.over_s == -40
    refused = run(demo, "rundown.next")
    assert refused.refused and "over" in refused.message


def test_a_failing_cue_is_marked_and_the_rundown_goes_on(
    demo: LiveSession, clock: FakeClock
) -> None:
    rundown = Rundown(
        "",
        (
            Segment(
                "开场",
                60,
                scene="主画面",  # no OBS here: refused
                cues=(Cue(0, "goods.push", {"number": 99}), Cue(10, "goods.push.1")),
            ),
            Segment("下一段", 60, cues=(Cue(0, "goods.push.2"),)),
        ),
    )
    demo.rundown.load(rundown)
    run(demo, "rundown.next")
    clock.now += 10
    demo.rundown.tick()
    view = settled(demo)
    assert [view.cues[(0, n)] for n in range(3)] == [
        CueState.FAILED,
        CueState.FAILED,
        CueState.DONE,
    ]
    reasons = [english(view.reasons[(0, n)]) for n in (0, 1)]
    assert "OBS" in reasons[0] and "no goods no. 99" in reasons[1]
    assert run(demo, "rundown.next").ok
    settled(demo)
    goods = demo.goods.order()
    assert cue_audits(demo) == [("goods.push", goods[0]), ("goods.push", goods[1])]


def test_pause_holds_the_timer_and_the_offsets(demo: LiveSession, clock: FakeClock) -> None:
    demo.rundown.load(PLAN)
    run(demo, "rundown.next")
    clock.now += 30
    assert run(demo, "rundown.pause").ok
    clock.now += 600
    demo.rundown.tick()
    view = settled(demo)
    assert view.paused and view.timer.segment_elapsed_s == 30
    assert len(cue_audits(demo)) == 1  # the +1:00 push is held
    run(demo, "rundown.pause")
    clock.now += 30
    demo.rundown.tick()
    settled(demo)
    assert len(cue_audits(demo)) == 2


def test_skip_jump_and_previous_move_through_the_plan(demo: LiveSession, clock: FakeClock) -> None:
    demo.rundown.load(PLAN)
    assert run(demo, "rundown.skip", {"number": 2}).ok
    run(demo, "rundown.next")
    settled(demo)
    run(demo, "rundown.next")  # passes over the skipped lottery
    view = settled(demo)
    assert view.current == 2 and view.states[1] is SegmentState.SKIPPED
    assert "lottery.create" not in [a for a, _t in cue_audits(demo)]
    assert run(demo, "rundown.previous").ok
    view = settled(demo)
    assert view.current == 0 and len(cue_audits(demo)) == 1  # not fired again
    assert run(demo, "rundown.jump", {"number": 2}).ok
    view = settled(demo)
    assert view.current == 1 and [a for a, _t in cue_audits(demo)][-2:] == [
        "lottery.create",
        "lottery.open",
    ]
    missing = run(demo, "rundown.jump", {"number": 9})
    assert missing.refused and "no segment 9" in missing.message


def test_without_a_rundown_the_commands_say_what_to_do(demo: LiveSession) -> None:
    refused = run(demo, "rundown.next")
    assert refused.refused and "Load a rundown first" in refused.message
    assert not demo.commands.availability(CommandId.RUNDOWN_NEXT).enabled


def test_the_show_keeps_its_rundown_and_each_segments_run(
    demo: LiveSession, clock: FakeClock
) -> None:
    demo.rundown.load(PLAN)
    run(demo, "rundown.next")
    clock.now += 150
    run(demo, "rundown.next")
    clock.now += 45
    run(demo, "rundown.next")
    demo.rundown.stop()
    assert demo.writer.flush()
    show_id = demo.writer.show_id()
    assert '"商品讲解"' in (stored_rundown(demo.engine, show_id) or "")
    runs = [
        (r.position, r.title, r.planned_s, r.started_s, r.duration_s)
        for r in segment_runs(demo.engine, show_id)
    ]
    assert runs == [
        (1, "商品讲解", 120, 0, 150),
        (2, "抽奖", 60, 150, 45),
        (3, "引导关注", 30, 195, 0),
    ]


def test_a_continued_show_gets_its_rundown_back_and_keeps_its_runs(db_url: str) -> None:
    def started() -> LiveSession:
        live = LiveSession(DemoConnector(DemoSettings(seed=4, comment_rate=5)), db_url)
        live.start()
        assert live.ready.wait(10)
        return live

    first = started()
    first.rundown.load(PLAN)
    run(first, "rundown.next")
    run(first, "rundown.next")
    first.stop()  # the show stays open: the console is started again

    again = started()
    try:
        assert again.rundown.rundown == PLAN
        view = again.rundown.view()
        assert view is not None and view.current is None  # GO goes on from where the team says
        assert run(again, "rundown.jump", {"number": 3}).ok
        again.rundown.stop()
        assert again.writer.flush()
        show_id = again.writer.show_id()
        titles = [r.title for r in segment_runs(again.engine, show_id)]
        assert titles == ["商品讲解", "抽奖", "引导关注"]
    finally:
        again.stop()


def test_the_control_api_state_carries_the_back_timer(demo: LiveSession, clock: FakeClock) -> None:
    assert live_state(demo)["rundown"] is None
    demo.rundown.load(PLAN)
    run(demo, "rundown.next")
    clock.now += 130
    assert live_state(demo)["rundown"] == {
        "segments": 3,
        "current": 1,
        "segment": "商品讲解",
        "segment_left_s": -10,
        "show_left_s": 80,
        "over_s": 10,
        "next": "抽奖",
        "paused": False,
        "finished": False,
    }
