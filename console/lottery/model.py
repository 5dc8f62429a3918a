"""What a lottery is: its settings, presets, states, a view of one round, the announcement.

Pure data, no threads and no storage: the service (console.lottery.service) runs the rounds,
the UI and the control API show ``LotteryView`` copies of them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

MAX_LOTTERIES_PER_SHOW = 30  # the platform's rule: at most 30 lotteries per room and show
MAX_WINNERS = 500
MAX_KEYWORD_CHARS = 64
MAX_PRIZE_CHARS = 100
MIN_COUNTDOWN_S = 5
MAX_COUNTDOWN_S = 3600
PREFERENCES_KEY = "lottery"
DEFAULT_ANNOUNCEMENT = (
    "恭喜以下 {count} 位观众抽中【{prize}】：{winners}  请在 10 分钟内联系客服领奖"
)


class LotteryKind(StrEnum):
    COMMENT = "comment"  # entry: a comment containing the keyword
    LIKE = "like"  # entry: a like


class LotteryState(StrEnum):
    READY = "ready"
    OPEN = "open"
    CLOSED = "closed"
    DRAWN = "drawn"


class Exclusion(StrEnum):
    """Why the draw left an entrant out (stored with the entrant, listed in the proof)."""

    STAFF = "staff"
    BLOCKED = "blocked"
    MUTED = "muted"
    PAST_WINNER = "past_winner"


@dataclass(frozen=True, slots=True)
class LotterySettings:
    kind: LotteryKind = LotteryKind.COMMENT
    keyword: str = ""
    prize: str = ""
    winners: int = 1
    countdown: int | None = 60  # seconds from opening to the automatic draw; None: manual
    exclude_moderated: bool = True  # muted or blocked when the draw runs
    exclude_staff: bool = True
    staff: tuple[str, ...] = ()  # user ids of the team's own accounts
    exclude_past_winners: bool = False  # winners of earlier lotteries of this show
    auto_start_likes: int | None = None  # like lottery: opens once the room has this many likes

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        data["staff"] = list(self.staff)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LotterySettings:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known["kind"] = LotteryKind(known.get("kind", LotteryKind.COMMENT))
        known["staff"] = tuple(str(s) for s in known.get("staff", ()))
        return cls(**known)


@dataclass(frozen=True, slots=True)
class LotteryPreset:
    name: str
    settings: LotterySettings


DEFAULT_PRESETS = (
    LotteryPreset(
        "评论抽奖 · 想要", LotterySettings(LotteryKind.COMMENT, "想要", "神秘好礼", 1, 60)
    ),
    LotteryPreset("点赞抽奖", LotterySettings(LotteryKind.LIKE, "", "无门槛优惠券", 3, 60)),
    LotteryPreset(
        "福袋 · 口令",
        LotterySettings(LotteryKind.COMMENT, "福袋来啦", "福袋", 5, 180, exclude_past_winners=True),
    ),
)


@dataclass(frozen=True, slots=True)
class LotteryPreferences:
    """What the operator keeps between shows: presets, the staff accounts, the announcement."""

    presets: tuple[LotteryPreset, ...] = DEFAULT_PRESETS
    staff: tuple[str, ...] = ()
    announcement: str = DEFAULT_ANNOUNCEMENT

    def to_json(self) -> str:
        presets = [
            {"name": p.name, "settings": replace(p.settings, staff=()).to_dict()}
            for p in self.presets
        ]
        data = {"presets": presets, "staff": list(self.staff), "announcement": self.announcement}
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> LotteryPreferences:
        data = json.loads(text)
        presets = tuple(
            LotteryPreset(str(p["name"]), LotterySettings.from_dict(p["settings"]))
            for p in data.get("presets", ())
        )
        return cls(
            presets=presets,
            staff=tuple(str(s) for s in data.get("staff", ())),
            announcement=str(data.get("announcement") or DEFAULT_ANNOUNCEMENT),
        )


@dataclass(frozen=True, slots=True)
class Winner:
    position: int  # 1-based draw order; a re-roll gets the next position
    user_id: str
    nickname: str
    forfeited: bool = False

    @property
    def name(self) -> str:
        return self.nickname or self.user_id


@dataclass(frozen=True, slots=True)
class LotteryView:
    """A consistent copy of one round, safe to read on any thread."""

    number: int
    settings: LotterySettings
    state: LotteryState
    commitment: str  # published when the round opened ("" before)
    seed: str  # hex, revealed by the draw ("" before)
    entrants: int
    eligible: int  # entrants the draw used (0 before the draw)
    excluded: dict[str, int]  # Exclusion value -> how many the draw left out
    remaining: float | None  # countdown seconds left; None without a countdown
    winners: tuple[Winner, ...]  # everyone drawn, in draw order, forfeited ones included
    can_reroll: bool  # somebody eligible has not been drawn yet

    @property
    def final_winners(self) -> list[Winner]:
        return [w for w in self.winners if not w.forfeited]


def announcement_text(template: str, view: LotteryView) -> str:
    """The winners announcement from the operator's template. Fields: {count}, {prize},
    {winners} ("1. 小鹿 2. 阿杰"), {number}, {keyword}; other braces are kept as they are."""
    winners = view.final_winners
    fields = {
        "count": len(winners),
        "prize": view.settings.prize,
        "winners": " ".join(f"{i}. {w.name}" for i, w in enumerate(winners, start=1)),
        "number": view.number,
        "keyword": view.settings.keyword,
    }
    try:
        return template.format_map(_KeepUnknown(fields))
    except (ValueError, IndexError, AttributeError):  # stray braces: show the text as written
        return template


class _KeepUnknown(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
