"""The post-show review (复盘): what happened in a stored show, as numbers, CSV files and HTML.

``build_report`` reads one show from the database (events and the audit log) into a
ShowReport; ``write_csv_files`` and ``write_html`` turn it into files. Charts are drawn by the
UI layer (ui/review_charts.py) and handed in by file name. Texts of the report are English
templates marked for translation (context ``review``); the caller passes ``tr``.
"""

from __future__ import annotations

import csv
import html
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from console.i18n import QT_TRANSLATE_NOOP
from console.metrics import ShowMetrics
from console.moderation import RULES_KEY, KeywordRules
from console.obs.incidents import (
    CONNECTION_LOST,
    OBS_UNRESPONSIVE,
    STREAM_DROPPED,
    STREAM_RECONNECTING,
)
from console.rundown.review import SegmentResult, segment_results
from console.storage.models import CommentRecord, LikeRecord, Show, ViewerSample
from console.storage.queries import audit_entries, load_app_state, load_lottery, parse_detail
from console.textmatch import KeywordMatcher, normalize
from console.timefmt import show_clock

EFFECT_WINDOW_S = 300  # "5 minutes before vs after" a goods push
# Moderation actions the review counts, each under the heading it is counted in.
MODERATION_ACTIONS = {
    "comment.delete": "comment.delete",
    "user.mute": "user.mute",
    "user.block": "user.block",
    "room.ban_all": "room.ban_all",
    "room.unban_all": "room.ban_all",  # a ban-all switch either way
}
BURST_WINDOW_S = 30.0  # moderation actions this close together make one "burst" marker
BURST_MIN_ACTIONS = 3
# Audited actions that are a marker of their own, named by the action. The last four are written
# when the broadcast breaks unasked (console.obs.incidents).
EVENT_MARKERS = (
    "room.ban_all",
    "room.unban_all",
    "obs.stream.start",
    "obs.stream.stop",
    STREAM_DROPPED,
    STREAM_RECONNECTING,
    CONNECTION_LOST,
    OBS_UNRESPONSIVE,
)

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Marker:
    """A moment worth a vertical line on a chart: something the team did, or that happened to
    the broadcast."""

    t: float
    kind: str  # goods.push, lottery.open, lottery.draw, obs.scene, moderation, EVENT_MARKERS
    label: str


@dataclass(frozen=True, slots=True)
class PushEffect:
    t: float
    goods: str
    viewers_before: float
    viewers_after: float
    comments_before: int
    comments_after: int


@dataclass(frozen=True, slots=True)
class LotteryResult:
    t: float
    prize: str
    kind: str
    entrants: int
    winners: tuple[str, ...]


@dataclass
class ShowReport:
    show_id: int
    connector: str
    title: str
    started_at: datetime
    ended_at: datetime | None
    metrics: ShowMetrics
    questions: int
    hidden: dict[str, int]  # comments.moderation state -> count
    moderation: dict[str, int]  # audit action -> count
    pushes: list[PushEffect] = field(default_factory=list)
    lotteries: list[LotteryResult] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    segments: list[SegmentResult] = field(default_factory=list)  # the rundown's, as they ran

    @property
    def length_s(self) -> int:
        return self.metrics.seconds

    @property
    def average_online(self) -> float:
        return float(self.metrics.online().mean()) if self.metrics.seconds else 0.0

    @property
    def comments_per_minute(self) -> float:
        minutes = self.length_s / 60
        return self.metrics.total_comments() / minutes if minutes else 0.0


# -- reading a show ---------------------------------------------------------------------------
def latest_show_id(engine: Engine) -> int | None:
    with engine.connect() as conn:
        return conn.execute(select(func.max(Show.id))).scalar_one_or_none()


def _columns(conn: Connection, columns: Sequence[Any], where: Any) -> list[np.ndarray]:
    rows = conn.execute(select(*columns).where(where)).all()
    return [np.array([row[i] for row in rows], dtype=np.float64) for i in range(len(columns))]


def load_metrics(engine: Engine, show_id: int) -> ShowMetrics:
    """The per-second series of a stored show."""
    with engine.connect() as conn:
        viewer_t, online, total = _columns(
            conn,
            (ViewerSample.t, ViewerSample.online, ViewerSample.total),
            ViewerSample.show_id == show_id,
        )
        like_t, like_count = _columns(
            conn, (LikeRecord.t, LikeRecord.count), LikeRecord.show_id == show_id
        )
        (comment_t,) = _columns(conn, (CommentRecord.t,), CommentRecord.show_id == show_id)
    return ShowMetrics.from_columns(
        viewer_t,
        online.astype(np.int64),
        total.astype(np.int64),
        like_t,
        like_count.astype(np.int64),
        comment_t,
    )


def markers_from_audit(entries: Sequence[Any]) -> list[Marker]:
    """Markers for goods pushes, lotteries, scene switches, bursts of moderation, comments
    banned and allowed again, the stream started, stopped or dropped, and OBS lost.

    ``entries`` are stored AuditEntry rows or live AuditRecords (same fields); failed actions
    and entries without a show time are left out.
    """
    markers: list[Marker] = []
    moderation_times: list[float] = []
    for entry in entries:
        if entry.result == "error" or entry.t is None:
            continue
        detail = entry.detail if isinstance(entry.detail, dict) else parse_detail(entry.detail)
        if entry.action == "goods.push":
            number = detail.get("number")
            name = str(detail.get("name") or entry.target)
            markers.append(Marker(entry.t, entry.action, f"{number}号 {name}" if number else name))
        elif entry.action in ("lottery.open", "lottery.draw"):
            markers.append(Marker(entry.t, entry.action, str(detail.get("prize") or entry.target)))
        elif entry.action == "obs.scene":
            markers.append(Marker(entry.t, entry.action, str(detail.get("scene") or entry.target)))
        elif entry.action in EVENT_MARKERS:
            # Older shows audited allowing comments again as room.ban_all with banned: false.
            allowed = entry.action == "room.ban_all" and detail.get("banned") is False
            markers.append(Marker(entry.t, "room.unban_all" if allowed else entry.action, ""))
        elif entry.action in MODERATION_ACTIONS:
            moderation_times.append(entry.t)
    markers.extend(_bursts(sorted(moderation_times)))
    markers.sort(key=lambda m: m.t)
    return markers


def _bursts(times: list[float]) -> list[Marker]:
    bursts: list[Marker] = []
    start = 0
    for end in range(1, len(times) + 1):
        if end == len(times) or times[end] - times[start] > BURST_WINDOW_S:
            if end - start >= BURST_MIN_ACTIONS:
                bursts.append(Marker(times[start], "moderation", f"×{end - start}"))
            start = end
    return bursts


def _questions(engine: Engine, show_id: int) -> int:
    saved = load_app_state(engine, RULES_KEY)
    rules = KeywordRules.from_json(saved) if saved else KeywordRules()
    matcher = KeywordMatcher(rules.question)
    with engine.connect() as conn:
        texts = conn.execute(select(CommentRecord.text).where(CommentRecord.show_id == show_id))
        return sum(1 for (text,) in texts if matcher.find(normalize(text)))


def _hidden(engine: Engine, show_id: int) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(CommentRecord.moderation, func.count())
            .where(CommentRecord.show_id == show_id, CommentRecord.moderation != "")
            .group_by(CommentRecord.moderation)
        )
        return {state: int(count) for state, count in rows}


def build_report(engine: Engine, show_id: int) -> ShowReport:
    """Everything the review shows about one show (raises LookupError for an unknown id)."""
    with Session(engine) as session:
        show = session.get(Show, show_id)
        if show is None:
            raise LookupError(f"there is no show {show_id} in this database")
    metrics = load_metrics(engine, show_id)
    audit = audit_entries(engine, show_id)
    moderation = Counter(
        MODERATION_ACTIONS[e.action]
        for e in audit
        if e.action in MODERATION_ACTIONS and e.result != "error"
    )
    report = ShowReport(
        show_id=show_id,
        connector=show.connector,
        title=show.title,
        started_at=show.started_at,
        ended_at=show.ended_at,
        metrics=metrics,
        questions=_questions(engine, show_id),
        hidden=_hidden(engine, show_id),
        moderation=dict(moderation),
        markers=markers_from_audit(audit),
    )
    for entry in audit:
        if entry.result == "error" or entry.t is None:
            continue
        detail = parse_detail(entry.detail)
        if entry.action == "goods.push":
            report.pushes.append(_push_effect(metrics, entry.t, detail, entry.target))
        elif entry.action == "lottery.draw":
            report.lotteries.append(_lottery(engine, show_id, entry.t, detail))
    report.segments = segment_results(
        engine,
        show_id,
        metrics,
        [(p.t, p.goods) for p in report.pushes],
        [(lot.t, f"{lot.prize}: {'、'.join(lot.winners)}") for lot in report.lotteries],
    )
    return report


def _push_effect(metrics: ShowMetrics, t: float, detail: dict[str, Any], target: str) -> PushEffect:
    before = metrics.window(t - EFFECT_WINDOW_S, t)
    after = metrics.window(t, t + EFFECT_WINDOW_S)
    number = detail.get("number")
    name = str(detail.get("name") or target)
    return PushEffect(
        t=t,
        goods=f"{number}号 {name}" if number else name,
        viewers_before=before.average_online,
        viewers_after=after.average_online,
        comments_before=before.comments,
        comments_after=after.comments,
    )


def _lottery(engine: Engine, show_id: int, t: float, detail: dict[str, Any]) -> LotteryResult:
    """A drawn lottery as it ended: the winners the database holds, re-rolls applied (the
    audit entry of the draw names the first draw only), each by nickname where one is known."""
    entrants = detail.get("entrants", detail.get("entrant_count", 0))
    if isinstance(entrants, list):
        entrants = len(entrants)
    number = detail.get("number")
    stored = load_lottery(engine, show_id, number) if isinstance(number, int) else None
    if stored is not None:
        final = [(w.user_id, w.nickname) for w in stored.winners if not w.forfeited]
    else:  # a show recorded before the lottery tables
        final = [
            (str(w.get("user_id")), str(w.get("nickname") or ""))
            for w in detail.get("winners") or []
            if isinstance(w, dict)
        ]
    return LotteryResult(
        t=t,
        prize=str(detail.get("prize") or ""),
        kind=str(detail.get("kind") or ""),
        entrants=int(entrants or 0),
        winners=tuple(nickname or _nickname(engine, show_id, user) for user, nickname in final),
    )


def _nickname(engine: Engine, show_id: int, user_id: str) -> str:
    """The user's latest nickname in the show's comments; the id when they never commented."""
    stmt = (
        select(CommentRecord.nickname)
        .where(CommentRecord.show_id == show_id, CommentRecord.user_id == user_id)
        .where(CommentRecord.nickname != "")
        .order_by(CommentRecord.t.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        return conn.execute(stmt).scalar_one_or_none() or user_id


# -- CSV ----------------------------------------------------------------------------------------
def write_csv_files(report: ShowReport, out_dir: Path) -> list[Path]:
    """timeline.csv (per second), pushes.csv, lotteries.csv, moderation.csv, summary.csv, and
    segments.csv when the show ran a rundown."""
    out_dir.mkdir(parents=True, exist_ok=True)
    m = report.metrics
    timeline = zip(
        range(m.seconds),
        m.online().tolist(),
        m.total_viewers().tolist(),
        m.likes_per_second().tolist(),
        m.likes_cumulative().tolist(),
        m.comments_per_second().tolist(),
        m.comments_per_minute().tolist(),
        strict=True,
    )
    files = {
        "summary.csv": (("item", "value"), _summary_rows(report)),
        "timeline.csv": (
            (
                "t",
                "online",
                "total_viewers",
                "likes",
                "likes_cumulative",
                "comments",
                "comments_last_minute",
            ),
            list(timeline),
        ),
        "pushes.csv": (
            ("t", "goods", "viewers_before", "viewers_after", "comments_before", "comments_after"),
            [
                (
                    round(p.t, 1),
                    p.goods,
                    round(p.viewers_before, 1),
                    round(p.viewers_after, 1),
                    p.comments_before,
                    p.comments_after,
                )
                for p in report.pushes
            ],
        ),
        "lotteries.csv": (
            ("t", "prize", "kind", "entrants", "winners"),
            [
                (round(lot.t, 1), lot.prize, lot.kind, lot.entrants, " / ".join(lot.winners))
                for lot in report.lotteries
            ],
        ),
        **_segment_file(report.segments),
        "moderation.csv": (
            ("what", "count"),
            [
                *sorted(report.moderation.items()),
                *((f"comments:{k}", v) for k, v in sorted(report.hidden.items())),
            ],
        ),
    }
    written = []
    for name, (header, rows) in files.items():
        path = out_dir / name
        # utf-8-sig: Excel on Windows then reads the Chinese correctly.
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written


def _segment_file(segments: list[SegmentResult]) -> dict[str, tuple[tuple[str, ...], list[Any]]]:
    if not segments:
        return {}
    header = (
        "segment",
        "title",
        "planned_start_s",
        "start_s",
        "planned_s",
        "duration_s",
        "over_s",
        "t",
        "average_online",
        "comments",
        "likes",
        "goods_pushed",
        "lotteries",
    )
    rows = [
        (
            s.position,
            s.title,
            round(s.planned_start_s, 1),
            round(s.start_s, 1),
            round(s.planned_s, 1),
            "" if s.duration_s is None else round(s.duration_s, 1),
            "" if s.over_s is None else round(s.over_s, 1),
            round(s.t, 1),
            round(s.online, 1),
            s.comments,
            s.likes,
            " / ".join(s.goods),
            " / ".join(s.lotteries),
        )
        for s in segments
    ]
    return {"segments.csv": (header, rows)}


def _summary_rows(report: ShowReport) -> list[tuple[str, Any]]:
    peak, peak_at = report.metrics.peak_online()
    return [
        ("show_id", report.show_id),
        ("connector", report.connector),
        ("started_at", report.started_at.isoformat()),
        ("length_s", report.length_s),
        ("peak_online", peak),
        ("peak_online_at_s", peak_at),
        ("average_online", round(report.average_online, 1)),
        ("total_viewers", int(report.metrics.total_viewers()[-1]) if report.length_s else 0),
        ("likes", report.metrics.total_likes()),
        ("comments", report.metrics.total_comments()),
        ("comments_per_minute", round(report.comments_per_minute, 2)),
        ("questions", report.questions),
        ("goods_pushes", len(report.pushes)),
        ("lotteries", len(report.lotteries)),
    ]


# -- HTML ---------------------------------------------------------------------------------------
_CSS = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 32px; color: #222; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 28px; }
.meta { color: #666; } table { border-collapse: collapse; margin-top: 8px; }
td, th { border: 1px solid #ddd; padding: 6px 10px; text-align: left; }
th { background: #f3f5f8; } .num { text-align: right; font-variant-numeric: tabular-nums; }
.tiles { display: flex; flex-wrap: wrap; gap: 12px; }
.tile { border: 1px solid #e0e4ea; border-radius: 8px; padding: 10px 16px; min-width: 140px; }
.tile b { display: block; font-size: 22px; } img { max-width: 100%; margin-top: 8px; }
"""


def _change(before: float, after: float) -> str:
    if before <= 0:
        return "—"
    return f"{(after / before - 1) * 100:+.0f}%"


def write_html(
    report: ShowReport, out_dir: Path, charts: dict[str, str], tr: Translate = _same
) -> Path:
    """report.html beside the CSV files and the chart images (``charts``: title -> file name)."""
    e = html.escape
    m = report.metrics
    peak, peak_at = m.peak_online()
    tiles = [
        (tr(QT_TRANSLATE_NOOP("review", "Show length")), show_clock(report.length_s)),
        (tr(QT_TRANSLATE_NOOP("review", "Peak online")), f"{peak:,} @ {show_clock(peak_at)}"),
        (tr(QT_TRANSLATE_NOOP("review", "Average online")), f"{report.average_online:,.0f}"),
        (tr(QT_TRANSLATE_NOOP("review", "Likes")), f"{m.total_likes():,}"),
        (tr(QT_TRANSLATE_NOOP("review", "Comments")), f"{m.total_comments():,}"),
        (
            tr(QT_TRANSLATE_NOOP("review", "Comments per minute")),
            f"{report.comments_per_minute:,.1f}",
        ),
        (tr(QT_TRANSLATE_NOOP("review", "Questions asked")), f"{report.questions:,}"),
    ]
    heading = tr(QT_TRANSLATE_NOOP("review", "Show review"))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(heading)} #{report.show_id}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(heading)} #{report.show_id}{' · ' + e(report.title) if report.title else ''}</h1>",
        f'<p class="meta">{e(report.started_at.astimezone().strftime("%Y-%m-%d %H:%M"))} · '
        f"{e(report.connector)}</p>",
        '<div class="tiles">',
        *(f'<div class="tile">{e(label)}<b>{e(value)}</b></div>' for label, value in tiles),
        "</div>",
    ]
    for title, file_name in charts.items():
        parts.append(_heading(title) + f'<img src="{e(file_name)}" alt="{e(title)}">')
    if report.segments:
        parts.append(_heading(tr(QT_TRANSLATE_NOOP("review", "Rundown: plan and reality"))))
        parts.append(_segment_table(report.segments, tr))
    parts.append(_heading(tr(QT_TRANSLATE_NOOP("review", "Goods pushes"))))
    parts.append(
        _table(
            [
                tr(QT_TRANSLATE_NOOP("review", "Time")),
                tr(QT_TRANSLATE_NOOP("review", "Goods")),
                tr(QT_TRANSLATE_NOOP("review", "Online 5 min before")),
                tr(QT_TRANSLATE_NOOP("review", "Online 5 min after")),
                tr(QT_TRANSLATE_NOOP("review", "Comments 5 min before")),
                tr(QT_TRANSLATE_NOOP("review", "Comments 5 min after")),
                tr(QT_TRANSLATE_NOOP("review", "Change in comments")),
            ],
            [
                [
                    show_clock(p.t),
                    p.goods,
                    f"{p.viewers_before:,.0f}",
                    f"{p.viewers_after:,.0f}",
                    f"{p.comments_before:,}",
                    f"{p.comments_after:,}",
                    _change(p.comments_before, p.comments_after),
                ]
                for p in report.pushes
            ],
            tr(QT_TRANSLATE_NOOP("review", "No goods were pushed.")),
        )
    )
    parts.append(_heading(tr(QT_TRANSLATE_NOOP("review", "Lotteries"))))
    parts.append(
        _table(
            [
                tr(QT_TRANSLATE_NOOP("review", "Time")),
                tr(QT_TRANSLATE_NOOP("review", "Prize")),
                tr(QT_TRANSLATE_NOOP("review", "Entrants")),
                tr(QT_TRANSLATE_NOOP("review", "Winners")),
            ],
            [
                [show_clock(lot.t), lot.prize, f"{lot.entrants:,}", "、".join(lot.winners)]
                for lot in report.lotteries
            ],
            tr(QT_TRANSLATE_NOOP("review", "No lotteries were drawn.")),
        )
    )
    parts.append(_heading(tr(QT_TRANSLATE_NOOP("review", "Moderation"))))
    moderation_rows = [
        [_action_title(a, tr), f"{n:,}"] for a, n in sorted(report.moderation.items())
    ]
    moderation_rows += [[_state_title(s, tr), f"{n:,}"] for s, n in sorted(report.hidden.items())]
    parts.append(
        _table(
            [tr(QT_TRANSLATE_NOOP("review", "What")), tr(QT_TRANSLATE_NOOP("review", "Count"))],
            moderation_rows,
            tr(QT_TRANSLATE_NOOP("review", "No moderation actions.")),
        )
    )
    parts.append("</body></html>")
    path = out_dir / "report.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _segment_table(segments: list[SegmentResult], tr: Translate) -> str:
    header = [
        "#",
        tr(QT_TRANSLATE_NOOP("review", "Segment")),
        tr(QT_TRANSLATE_NOOP("review", "Planned start")),
        tr(QT_TRANSLATE_NOOP("review", "Actual start")),
        tr(QT_TRANSLATE_NOOP("review", "Planned")),
        tr(QT_TRANSLATE_NOOP("review", "Actual")),
        tr(QT_TRANSLATE_NOOP("review", "Over/under")),
        tr(QT_TRANSLATE_NOOP("review", "Average online")),
        tr(QT_TRANSLATE_NOOP("review", "Comments")),
        tr(QT_TRANSLATE_NOOP("review", "Likes")),
        tr(QT_TRANSLATE_NOOP("review", "Goods pushed")),
        tr(QT_TRANSLATE_NOOP("review", "Lotteries")),
    ]
    rows = [
        [
            str(s.position),
            s.title,
            show_clock(s.planned_start_s),
            show_clock(s.start_s),
            show_clock(s.planned_s),
            "—" if s.duration_s is None else show_clock(s.duration_s),
            "—" if s.over_s is None else _signed_clock(s.over_s),
            f"{s.online:,.0f}",
            f"{s.comments:,}",
            f"{s.likes:,}",
            "、".join(s.goods),
            "；".join(s.lotteries),
        ]
        for s in segments
    ]
    return _table(header, rows, "")


def _signed_clock(seconds: float) -> str:
    """ "+00:30" over, "-00:10" under."""
    return ("+" if seconds >= 0 else "-") + show_clock(abs(round(seconds)))


def _heading(text: str) -> str:
    return f"<h2>{html.escape(text)}</h2>"


def _table(header: list[str], rows: list[list[str]], empty: str) -> str:
    e = html.escape
    if not rows:
        return f"<p>{e(empty)}</p>"
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{e(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _action_title(action: str, tr: Translate) -> str:
    titles = {
        "comment.delete": QT_TRANSLATE_NOOP("review", "Comments deleted"),
        "user.mute": QT_TRANSLATE_NOOP("review", "Users muted"),
        "user.block": QT_TRANSLATE_NOOP("review", "Users blocked"),
        "room.ban_all": QT_TRANSLATE_NOOP("review", "Ban-all switches"),
    }
    return tr(titles[action]) if action in titles else action


def _state_title(state: str, tr: Translate) -> str:
    titles = {
        "deleted": QT_TRANSLATE_NOOP("review", "Comments deleted on the platform"),
        "deleted_local": QT_TRANSLATE_NOOP("review", "Comments deleted here only"),
        "hidden_muted": QT_TRANSLATE_NOOP("review", "Comments hidden (muted users)"),
        "hidden_blocked": QT_TRANSLATE_NOOP("review", "Comments hidden (blocklist)"),
        "hidden_keyword": QT_TRANSLATE_NOOP("review", "Comments hidden (block words)"),
    }
    return tr(titles[state]) if state in titles else state
