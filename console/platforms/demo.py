"""The demo connector: a seeded simulated live room, the embedded default.

``DemoAudience`` is a pure function of its settings: the same seed gives the same show,
second by second. Viewers arrive along a warm-up curve with slow waves and churn, comment at
a rate that follows the audience (or a fixed ``comment_rate``, up to floods of thousands per
second) and like in bursts. ``DemoConnector`` plays that audience in real time.
"""

from __future__ import annotations

import math
import random
import secrets
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path

from console.actions import (
    Action,
    BanAllComments,
    Capability,
    DeleteComment,
    ImportGoods,
    MuteUser,
    PushGoods,
    SetGoodsOnSale,
    SortGoods,
    UnmuteUser,
)
from console.events import Comment, Event, Like, RoomStatus, Viewers, event_to_json
from console.goods import GoodsItem
from console.platforms import demo_script as script
from console.platforms.base import EventSink, PacedConnector
from console.platforms.demo_catalogue import DemoCatalogue

REGULARS = 60  # the chatty core of the room: a good share of comments come from them
LOTTERY_JOIN_SHARE = 0.02  # of the online viewers, who join an open lottery each second
PUSH_REACTION_SECONDS = 90.0


@dataclass(frozen=True, slots=True)
class DemoSettings:
    seed: int = 1
    comment_rate: float | None = None  # comments per second; None: follows the audience
    peak_viewers: int = 1500
    id_prefix: str = "c"  # comment ids are <prefix><sequence number>

    def __post_init__(self) -> None:
        if self.comment_rate is not None and self.comment_rate < 0:
            raise ValueError("comment_rate must be >= 0")
        if self.peak_viewers < 1:
            raise ValueError("peak_viewers must be >= 1")


def nickname_for(index: int) -> str:
    """A stable nickname for user number ``index`` (no table kept, so floods stay cheap)."""
    h = (index * 2654435761) & 0xFFFFFFFF
    deco = script.DECORATIONS[(h >> 20) % len(script.DECORATIONS)]
    form = h % 5
    if form == 0:
        adjective = script.ADJECTIVES[(h >> 8) % len(script.ADJECTIVES)]
        return f"{adjective}{script.NOUNS[(h >> 12) % len(script.NOUNS)]}{deco}"
    name = script.NAMES[(h >> 8) % len(script.NAMES)]
    if form == 1:
        return f"{name}{(h >> 4) % 1000}"
    if form == 2:
        return f"{name}妈妈{deco}"
    return f"{name}{deco}"


@dataclass(eq=False)
class Stimulus:
    """Something the team did that moves the audience for a while: more viewers, more
    comments about it (``texts``), more likes, or lottery entries (``entry_keyword``)."""

    start: float
    duration: float | None = None  # None: until withdrawn
    viewer_boost: float = 0.0  # extra share of online viewers at full strength
    comment_factor: float = 0.0  # extra comments, as a share of the normal rate
    texts: tuple[str, ...] = ()  # what those extra comments say
    like_factor: float = 0.0  # extra likes, as a share of the normal amount
    entry_keyword: str | None = None  # a comment lottery: viewers join once each
    joined: set[int] = field(default_factory=set)

    def strength(self, second: float) -> float:
        if second < self.start:
            return 0.0
        if self.duration is None:
            return 1.0
        return max(0.0, 1.0 - (second - self.start) / self.duration)


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


class DemoAudience:
    """Generates the room's events one simulated second at a time."""

    def __init__(self, settings: DemoSettings) -> None:
        self.settings = settings
        self._rng = random.Random(settings.seed)
        self._phase = self._rng.uniform(0, 2 * math.pi)
        self._online = 0
        self._total = 0
        self._next_comment = 0.0
        self._comment_seq = 0
        self._burst_left = 0
        self._burst_size = 0
        self._kinds: list[tuple[str, ...]] = [kind for kind, _ in script.COMMENT_KINDS]
        self._kind_weights: list[float] = [weight for _, weight in script.COMMENT_KINDS]
        # What the chat is about this second: its template lists and their cumulative weights.
        self._chat: tuple[list[tuple[str, ...]], list[float]] = (
            self._kinds,
            list(accumulate(self._kind_weights)),
        )
        self._nicknames: dict[int, str] = {}
        self._stimuli: list[Stimulus] = []
        self._stimuli_lock = threading.Lock()
        self._active: list[tuple[Stimulus, float]] = []

    def stimulate(self, stimulus: Stimulus) -> None:
        """Start a reaction (any thread); it applies from its ``start`` second on."""
        with self._stimuli_lock:
            self._stimuli.append(stimulus)

    def withdraw(self, stimulus: Stimulus) -> None:
        with self._stimuli_lock:
            if stimulus in self._stimuli:
                self._stimuli.remove(stimulus)

    def events(self) -> Iterator[Event]:
        """The whole show, forever, in time order."""
        yield RoomStatus(0.0, "live")
        second = 0
        while True:
            yield from self.second(second)
            second += 1

    def second(self, s: int) -> list[Event]:
        """Events with s <= t < s + 1 (call with s = 0, 1, 2, ... in order)."""
        with self._stimuli_lock:
            self._stimuli = [st for st in self._stimuli if st.strength(s) > 0 or s < st.start]
            self._active = [(st, st.strength(s)) for st in self._stimuli if st.strength(s) > 0]
        self._move_audience(s)
        self._chat = self._chat_now()
        out: list[Event] = [Viewers(float(s), self._online, self._total)]
        timed = self._comments(s) + self._likes(s) + self._lottery_entries(s)
        timed.sort(key=lambda e: e.t)
        out.extend(timed)
        return out

    # -- the audience model -------------------------------------------------------------
    def _target_online(self, s: int) -> float:
        peak = self.settings.peak_viewers
        warm = 1.0 - math.exp(-s / 90.0)
        wave = 1.0 + 0.12 * math.sin(2 * math.pi * s / 1500.0 + self._phase)
        wave += 0.05 * math.sin(2 * math.pi * s / 420.0 + 2 * self._phase)
        noise = self._rng.gauss(1.0, 0.01)
        return max(1.0, (0.2 * peak + 0.8 * peak * warm) * wave * noise)

    def _move_audience(self, s: int) -> None:
        boost = sum(st.viewer_boost * strength for st, strength in self._active)
        target = self._target_online(s) * (1.0 + boost)
        leaving = min(self._online, int(self._online * 0.004 + self._rng.random() * 2))
        joining = max(0, round(target) - self._online + leaving)
        self._online += joining - leaving
        self._total += joining

    def _comment_rate(self) -> float:
        rate = self.settings.comment_rate
        base = rate if rate is not None else max(1.5, self._online * 0.004)
        return base * (1.0 + sum(st.comment_factor * strength for st, strength in self._active))

    def _comments(self, s: int) -> list[Event]:
        rate = self._comment_rate()
        out: list[Event] = []
        if rate <= 0:
            self._next_comment = s + 1.0
            return out
        self._next_comment = max(self._next_comment, float(s))
        rng = self._rng
        while self._next_comment < s + 1:
            self._comment_seq += 1
            out.append(self._comment(round(self._next_comment, 3)))
            self._next_comment += rng.expovariate(rate)
        return out

    def _pick_user(self) -> int:
        rng = self._rng
        if rng.random() < 0.3:
            return rng.randrange(min(REGULARS, max(1, self._total)))
        return rng.randrange(max(1, self._total))

    def _chat_now(self) -> tuple[list[tuple[str, ...]], list[float]]:
        """The templates comments are drawn from this second, with cumulative weights."""
        reactions = [(st.texts, st.comment_factor * k) for st, k in self._active if st.texts]
        if not reactions:
            return self._kinds, list(accumulate(self._kind_weights))
        # Weights of the normal chat sum to 100: a factor of 1 doubles the comment rate and
        # half of all comments are then about what was just pushed.
        kinds = [*self._kinds, *(texts for texts, _ in reactions)]
        weights = [*self._kind_weights, *(share * 100 for _, share in reactions)]
        return kinds, list(accumulate(weights))

    def _nickname(self, user: int) -> str:
        nickname = self._nicknames.get(user)
        if nickname is None:
            nickname = self._nicknames[user] = nickname_for(user)
        return nickname

    def _comment(self, t: float) -> Comment:
        rng = self._rng
        user = self._pick_user()
        kinds, cumulative = self._chat
        templates = rng.choices(kinds, cum_weights=cumulative)[0]
        text = rng.choice(templates)
        if "{" in text:
            text = text.format(
                size=rng.choice(script.SIZES),
                colour=rng.choice(script.COLOURS),
                n=rng.randint(1, 12),
                height=rng.randint(150, 175),
                weight=rng.randint(85, 140),
            )
        return Comment(
            t,
            f"{self.settings.id_prefix}{self._comment_seq:08d}",
            f"u{user:06d}",
            self._nickname(user),
            text,
        )

    def _likes(self, s: int) -> list[Event]:
        rng = self._rng
        if self._burst_left == 0 and rng.random() < 0.08:
            self._burst_left = rng.randint(3, 8)
            self._burst_size = rng.randint(5, 10 + self._online // 60)
        count = max(0, int(self._online * 0.002 + rng.random() * 2))
        count = int(count * (1.0 + sum(st.like_factor * k for st, k in self._active)))
        in_burst = self._burst_left > 0
        if in_burst:
            self._burst_left -= 1
            count += self._burst_size
        return [
            Like(
                round(s + rng.random(), 3),
                f"u{self._pick_user():06d}",
                rng.randint(1, 15) if in_burst else rng.randint(1, 3),
            )
            for _ in range(count)
        ]

    def _lottery_entries(self, s: int) -> list[Event]:
        """Viewers joining open comment lotteries: each once, mostly typing the keyword right."""
        rng = self._rng
        out: list[Event] = []
        for stimulus, strength in self._active:
            keyword = stimulus.entry_keyword
            if keyword is None:
                continue
            expected = self._online * LOTTERY_JOIN_SHARE * strength
            for _ in range(int(expected) + (rng.random() < expected % 1)):
                user = self._pick_user()
                if user in stimulus.joined:
                    continue
                stimulus.joined.add(user)
                self._comment_seq += 1
                text = rng.choices(
                    (
                        keyword,
                        f"{keyword}!!",
                        f"{keyword}{keyword}",
                        _full_width(keyword),
                        keyword[:-1] or "?",
                    ),
                    (60, 15, 10, 10, 5),  # 5 % get it wrong and do not enter
                )[0]
                out.append(
                    Comment(
                        round(s + rng.random(), 3),
                        f"{self.settings.id_prefix}{self._comment_seq:08d}",
                        f"u{user:06d}",
                        nickname_for(user),
                        text,
                    )
                )
        return out


@dataclass(frozen=True, slots=True)
class ViewerView:
    """What the simulated platform let viewers see, as moderation shaped it."""

    withheld_comments: int  # comments of muted users: sent, but shown to nobody else
    removed_comment_ids: frozenset[str]  # deleted after they were shown
    blocked_by_ban: int  # comments that could not be sent while all comments were banned
    muted_users: frozenset[str]
    banned_all: bool


class DemoConnector(PacedConnector):
    """The simulated platform: supports every moderation action, and its audience obeys them.

    A muted viewer keeps typing, but the platform shows their comments to nobody else (the
    console still receives them, as a platform's moderator view does); a deleted comment
    disappears for viewers; while all comments are banned, nobody can send one.
    """

    name = "demo"
    capabilities = frozenset(
        {
            Capability.LIVE_EVENTS,
            Capability.DELETE_COMMENT,
            Capability.MUTE_USER,
            Capability.BAN_ALL,
            Capability.PUSH_GOODS,
            Capability.GOODS_ON_SALE,
            Capability.SORT_GOODS,
            Capability.IMPORT_GOODS,
        }
    )

    def __init__(self, settings: DemoSettings | None = None) -> None:
        super().__init__(speed=1.0)
        settings = settings or DemoSettings()
        # Each run numbers its comments apart, so a show continued after a crash never sees
        # the new run's comment ids as duplicates of the stored ones.
        self.settings = replace(settings, id_prefix=f"c{secrets.token_hex(3)}-")
        self.audience = DemoAudience(self.settings)
        self._lock = threading.Lock()
        self._now = 0.0
        self._muted: dict[str, float | None] = {}  # user_id -> until (show seconds) or None
        self._removed: set[str] = set()
        self._banned_all = False
        self._withheld = 0
        self._blocked_by_ban = 0
        self.catalogue = DemoCatalogue()
        self._lottery: Stimulus | None = None

    def admit(self, event: Event) -> bool:
        with self._lock:
            self._now = event.t
            if not isinstance(event, Comment):
                return True
            if self._banned_all:
                self._blocked_by_ban += 1
                return False
            until = self._muted.get(event.user_id, 0.0)
            if until is None or event.t < until:
                self._withheld += 1
        return True

    def _perform(self, action: Action) -> None:
        with self._lock:
            if isinstance(action, DeleteComment):
                self._removed.add(action.comment_id)
            elif isinstance(action, MuteUser):
                seconds = action.seconds
                self._muted[action.user_id] = None if seconds is None else self._now + seconds
            elif isinstance(action, UnmuteUser):
                self._muted.pop(action.user_id, None)
            elif isinstance(action, BanAllComments):
                self._banned_all = action.banned
            elif isinstance(action, PushGoods):
                number, item = self.catalogue.push(action.goods_id)
                self.audience.stimulate(push_reaction(number, item, self._now))
            elif isinstance(action, SetGoodsOnSale):
                self.catalogue.set_on_sale(action.goods_id, action.on_sale)
            elif isinstance(action, SortGoods):
                self.catalogue.sort(action.goods_ids)
            elif isinstance(action, ImportGoods):
                self.catalogue.import_goods(action.goods_ids)
            else:
                raise NotImplementedError(type(action).__name__)

    def room_goods(self) -> list[GoodsItem]:
        return self.catalogue.room_goods()

    def approved_goods(self) -> list[GoodsItem]:
        return self.catalogue.approved_goods()

    def lottery_opened(self, kind: str, keyword: str) -> None:
        self.lottery_closed()
        with self._lock:
            now = self._now
        if kind == "comment":
            stimulus = Stimulus(start=now, entry_keyword=keyword, viewer_boost=0.03)
        else:
            stimulus = Stimulus(start=now, like_factor=2.0, viewer_boost=0.03)
        self._lottery = stimulus
        self.audience.stimulate(stimulus)

    def lottery_closed(self) -> None:
        if self._lottery is not None:
            self.audience.withdraw(self._lottery)
            self._lottery = None

    def viewer_view(self) -> ViewerView:
        with self._lock:
            muted = frozenset(
                user for user, until in self._muted.items() if until is None or self._now < until
            )
            return ViewerView(
                self._withheld,
                frozenset(self._removed),
                self._blocked_by_ban,
                muted,
                self._banned_all,
            )

    def describe(self) -> str:
        rate = self.settings.comment_rate
        shown = "audience-driven" if rate is None else f"{rate:g}/s"
        return f"demo room seed={self.settings.seed} comments={shown}"

    def events(self, sink: EventSink) -> Iterable[Event]:
        return self.audience.events()


def push_reaction(number: int, item: GoodsItem, now: float) -> Stimulus:
    """How the room reacts to a goods card popping up: questions and "want" about it, a few
    more viewers, fading over a minute and a half."""
    short = item.name[:6]
    texts = (
        f"{number}号多少钱", f"想要{number}号", f"{number}号有什么颜色", f"{short}还有吗",
        f"已拍{number}号", "拍了拍了", f"{number}号链接", f"{short}怎么样", "上链接了吗", "想要",
    )  # fmt: skip
    return Stimulus(
        start=now,
        duration=PUSH_REACTION_SECONDS,
        viewer_boost=0.08,
        comment_factor=1.0,
        texts=texts,
        like_factor=0.5,
    )


def export_show(settings: DemoSettings, seconds: int, path: Path) -> int:
    """Write the first ``seconds`` of a demo show as JSONL (the replay format); returns lines."""
    audience = DemoAudience(settings)
    lines = 0
    with path.open("w", encoding="utf-8") as out:
        for event in audience.events():
            if event.t >= seconds:
                break
            out.write(event_to_json(event) + "\n")
            lines += 1
    return lines
