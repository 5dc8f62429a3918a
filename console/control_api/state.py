"""The live state as the control API reports it: plain JSON, safe to build on any thread.

What a hardware deck or a script needs to show and to decide: the show and its clock, OBS
(connection, scene, stream, recording, microphone), the goods (and the one pushed last), the
current lottery with its winners (user ids and nicknames), the rundown's back-timer,
moderation and the counters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console.lottery.model import LotteryView, Winner
from console.timefmt import show_clock

if TYPE_CHECKING:
    from console.goods_service import GoodsRow
    from console.obs.service import ObsService
    from console.rundown.service import RundownView
    from console.session import LiveSession


def live_state(session: LiveSession) -> dict[str, Any]:
    show = session.show
    seconds = show.clock()
    counters = show.counters()
    viewers = show.viewers
    return {
        "show": {
            "id": session.writer.current_show_id,
            "title": session.title,
            "connector": session.connector.name,
            "clock": show_clock(seconds),
            "seconds": round(seconds, 1),
            "ended": session.show_ended,
        },
        "obs": _obs(session.obs),
        "goods": _goods(session),
        "lottery": _lottery(session.lottery.current()),
        "lotteries_left": session.lottery.remaining_lotteries,
        "rundown": _rundown(session.rundown.view()),
        "moderation": {
            "banned_all": session.moderation.banned_all,
            "hidden": {k.value: v for k, v in session.moderation.hidden_counts().items()},
        },
        "counters": {
            "comments": counters.received.get("comment", 0),
            "likes": session.lottery.likes_total,
            "viewers_online": viewers.online if viewers is not None else None,
            "viewers_total": viewers.total if viewers is not None else None,
            "duplicates": counters.duplicates,
            "rejected": counters.rejected_total,
        },
    }


def _rundown(view: RundownView | None) -> dict[str, Any] | None:
    """The rundown and its back-timer (docs/rundown.md); None without one."""
    if view is None:
        return None
    segments, timer, current, upcoming = (
        view.rundown.segments,
        view.timer,
        view.current,
        view.next_index,
    )
    return {
        "segments": len(segments),
        "current": None if current is None else current + 1,
        "segment": None if current is None else segments[current].title,
        "segment_left_s": None if current is None else round(timer.segment_left_s),
        "show_left_s": round(timer.show_left_s),
        "over_s": round(timer.over_s),
        "next": None if upcoming is None else segments[upcoming].title,
        "paused": view.paused,
        "finished": view.finished,
    }


def _obs(obs: ObsService | None) -> dict[str, Any] | None:
    if obs is None:
        return None
    state = obs.state
    mic = state.mic
    return {
        "connection": state.connection.value,
        "responding": state.responsive,
        "address": state.address,
        "scene": state.current_scene,
        "scenes": list(state.scenes),
        "studio_mode": state.studio_mode,
        "preview": state.preview_scene if state.studio_mode else None,
        "streaming": state.stream.running,
        "stream": state.stream.phase.value,
        "recording": state.record.running,
        "record": state.record.phase.value,
        "mic": None if mic is None else {"name": mic.name, "muted": bool(mic.muted)},
    }


def _goods(session: LiveSession) -> dict[str, Any]:
    rows = session.goods.rows()
    current = session.goods.on_screen()
    return {
        "loaded": session.goods.loaded,
        "current": None if current is None else _goods_row(current),
        "items": [_goods_row(row) for row in rows],
    }


def _goods_row(row: GoodsRow) -> dict[str, Any]:
    return {
        "number": row.number,
        "goods_id": row.item.goods_id,
        "name": row.item.name,
        "price": row.item.shown_price,
        "on_sale": row.on_sale,
        "pushed_at": None if row.pushed is None else round(row.pushed.t, 1),
    }


def _lottery(view: LotteryView | None) -> dict[str, Any] | None:
    if view is None:
        return None
    s = view.settings
    return {
        "number": view.number,
        "kind": s.kind.value,
        "keyword": s.keyword,
        "prize": s.prize,
        "winners_wanted": s.winners,
        "state": view.state.value,
        "entrants": view.entrants,
        "remaining": None if view.remaining is None else round(view.remaining, 1),
        "commitment": view.commitment,
        "seed": view.seed,
        "drawn": [_winner(w) for w in view.winners],
        "winners": [_winner(w) for w in view.final_winners],
    }


def _winner(winner: Winner) -> dict[str, Any]:
    return {
        "position": winner.position,
        "user_id": winner.user_id,
        "nickname": winner.nickname,
        "forfeited": winner.forfeited,
    }
