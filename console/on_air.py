"""What the on-air bar shows, read from the running show in one go (any thread).

Is the show on air and for how long, or did the stream drop or is it reconnecting (for how
long); is OBS there, answering and recording; are
the viewers' comments banned; which goods are on the viewers' screens since when; is a
lottery open and how long is left; which rundown segment is on air and its back-timer; who
runs this desk.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from console.lottery.model import LotteryState
from console.obs.state import DropCause, Phase
from console.roles import Role
from obs_bridge import ConnectionState

if TYPE_CHECKING:
    from console.session import LiveSession


class Air(StrEnum):
    """The broadcast as OBS reports it."""

    NO_OBS = "no_obs"  # this console does not control OBS
    OFF = "off"
    STARTING = "starting"
    LIVE = "live"
    RECONNECTING = "reconnecting"  # OBS lost the streaming server and retries
    STOPPING = "stopping"
    DROPPED = "dropped"  # stopped, or may have, without anyone asking


@dataclass(frozen=True, slots=True)
class OnScreenGoods:
    number: int
    name: str
    seconds_ago: float


@dataclass(frozen=True, slots=True)
class OpenLottery:
    number: int
    prize: str
    remaining: float | None  # countdown seconds left; None: it closes when the operator says


@dataclass(frozen=True, slots=True)
class SegmentOnAir:
    """The rundown's segment on air and its back-timer."""

    number: int  # 1-based, as the rundown shows it
    title: str
    planned_s: int
    left_s: float  # to its planned end; negative: over


@dataclass(frozen=True, slots=True)
class OnAir:
    air: Air
    stream_seconds: float | None  # how long it has streamed, while it does
    reconnecting_seconds: float | None  # how long OBS has been reconnecting the stream
    drop_cause: DropCause | None
    obs: ConnectionState | None  # None: OBS control is off
    obs_responding: bool  # False: connected, but OBS has answered nothing for a while
    recording_seconds: float | None  # None: not recording
    banned_all: bool
    goods: OnScreenGoods | None
    lottery: OpenLottery | None
    segment: SegmentOnAir | None  # None: no rundown runs
    operator: str
    role: Role


_AIR = {
    Phase.OFF: Air.OFF,
    Phase.STARTING: Air.STARTING,
    Phase.LIVE: Air.LIVE,
    Phase.PAUSED: Air.LIVE,
    Phase.RECONNECTING: Air.RECONNECTING,
    Phase.STOPPING: Air.STOPPING,
}


def on_air(session: LiveSession, now: float | None = None) -> OnAir:
    """``now``: time.monotonic(), the clock of OBS's outputs."""
    now = time.monotonic() if now is None else now
    air, stream_seconds, drop_cause, connection, recording = Air.NO_OBS, None, None, None, None
    reconnecting, responding = None, True
    if session.obs is not None:
        state = session.obs.state
        connection = state.connection
        responding = state.responsive
        stream_seconds = state.stream.elapsed(now)
        if state.stream.phase is Phase.RECONNECTING and state.reconnecting_since is not None:
            reconnecting = max(0.0, now - state.reconnecting_since)
        recording = state.record.elapsed(now)
        air = _AIR[state.stream.phase]
        if state.stream_drop is not None and not state.stream.running:
            air, drop_cause = Air.DROPPED, state.stream_drop.cause
    pushed = session.goods.on_screen()
    goods = None
    if pushed is not None:
        seconds_ago = session.goods.seconds_since_push(pushed.item.goods_id) or 0.0
        goods = OnScreenGoods(pushed.number, pushed.item.name, seconds_ago)
    view = session.lottery.current()
    lottery = None
    if view is not None and view.state is LotteryState.OPEN:
        lottery = OpenLottery(view.number, view.settings.prize, view.remaining)
    run = session.rundown.view()
    segment = None
    if run is not None and run.current is not None and not run.finished:
        planned = run.rundown.segments[run.current]
        left = run.timer.segment_left_s
        segment = SegmentOnAir(run.current + 1, planned.title, planned.planned_s, left)
    return OnAir(
        air=air,
        stream_seconds=stream_seconds,
        reconnecting_seconds=reconnecting,
        drop_cause=drop_cause,
        obs=connection,
        obs_responding=responding,
        recording_seconds=recording,
        banned_all=session.moderation.banned_all,
        goods=goods,
        lottery=lottery,
        segment=segment,
        operator=session.operator,
        role=session.role,
    )
