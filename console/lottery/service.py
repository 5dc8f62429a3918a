"""Lotteries of a show: comment and like lotteries, drawn provably fair (console.lottery.draw).

A round goes READY -> OPEN -> CLOSED -> DRAWN. Opening takes a fresh seed and publishes its
commitment before any entry can arrive; while open, entries come from the live events (the
first comment containing the keyword, compared with console.textmatch.normalize, or a like;
one entry per user); closing freezes the entrants; the draw leaves out who the settings
exclude at that moment (muted or blocked, staff, earlier winners of this show), draws with
console.lottery.draw and reveals the seed. A re-roll replaces one winner who did not claim the
prize with the next element of the same permutation, so the proof still verifies.

Like ModerationService, every operator call validates, changes the service's state at once and
returns a ``Plan`` for the job kernel (console.jobs): the connector's lottery hook plus what to
audit. Database writes go through the writer thread (console.storage.lottery_ops).
``on_event`` runs on the connector thread for every live event and only does cheap work.
``due`` says which steps a countdown or the likes threshold calls for; the core's ticker
(console.services) asks it several times a second and runs them as commands.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from console.commands.ids import CommandId
from console.errors import OperatorError
from console.events import Comment, Event, Like
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Plan, Scope, said
from console.log import lottery as log
from console.lottery.draw import commitment, draw, new_seed
from console.lottery.model import (
    MAX_COUNTDOWN_S,
    MAX_KEYWORD_CHARS,
    MAX_LOTTERIES_PER_SHOW,
    MAX_PRIZE_CHARS,
    MAX_WINNERS,
    MIN_COUNTDOWN_S,
    PREFERENCES_KEY,
    Exclusion,
    LotteryKind,
    LotteryPreferences,
    LotterySettings,
    LotteryState,
    LotteryView,
    Winner,
)
from console.lottery.proof import Proof, verify_proof
from console.messages import Message
from console.moderation import ModerationService
from console.people import People
from console.platforms.base import Connector
from console.storage.lottery_ops import (
    CloseLottery,
    CreateLottery,
    DeleteLottery,
    DrawLottery,
    Entrant,
    OpenLottery,
    RerollLotteryWinner,
    VoidUndrawnLotteries,
)
from console.storage.models import utc_now
from console.storage.ops import SaveAppState
from console.storage.queries import (
    StoredLottery,
    get_show,
    load_app_state,
    load_lottery,
    show_lotteries,
    show_lottery_winners,
)
from console.storage.writer import StorageWriter
from console.textmatch import KeywordMatcher, normalize


@dataclass(eq=False)
class _Round:
    number: int
    settings: LotterySettings
    created_at: datetime
    state: LotteryState = LotteryState.READY
    seed: bytes = b""
    commitment: str = ""
    opened_at: datetime | None = None
    drawn_at: datetime | None = None
    deadline: float | None = None  # timer() value when the countdown reaches zero
    matcher: KeywordMatcher | None = None
    entrants: dict[str, Entrant] = field(default_factory=dict)
    excluded: dict[str, Exclusion] = field(default_factory=dict)
    eligible: tuple[str, ...] = ()
    drawn: list[str] = field(default_factory=list)
    forfeited: set[str] = field(default_factory=set)

    @property
    def target(self) -> str:
        return f"lottery-{self.number}"

    def winner(self, position: int) -> Winner:
        user_id = self.drawn[position - 1]
        entrant = self.entrants[user_id]
        return Winner(position, user_id, entrant.nickname, user_id in self.forfeited)


class LotteryService:
    """The lottery rounds of one show; thread-safe."""

    def __init__(
        self,
        connector: Connector,
        writer: StorageWriter | None,
        moderation: ModerationService | None,
        people: People,
        *,
        operator: str,
        timer: Callable[[], float] = time.monotonic,
        engine: Engine | None = None,
    ) -> None:
        self._connector = connector
        self._writer = writer
        self._moderation = moderation
        self._people = people
        self.operator = operator  # recorded with each round
        self._timer = timer  # seconds, for countdowns
        self._engine = engine
        self._lock = threading.Lock()
        self._rounds: list[_Round] = []  # this session's rounds
        self._earlier = 0  # rounds a crash interrupted, when the show was resumed
        # What the database holds must be known before the first round (``load``).
        self._loaded = threading.Event()
        self._unrecorded = False  # the database cannot be used: no lottery can be proven
        if engine is None:
            self._loaded.set()
        self._open: _Round | None = None
        self._likes = 0
        self._past_winners: set[str] = set()
        self.preferences = LotteryPreferences()

    # -- live events (connector thread) --------------------------------------------------------
    def on_event(self, event: Event) -> None:
        if isinstance(event, Like):
            self._likes += event.count
        elif not isinstance(event, Comment):
            return
        current = self._open
        if current is None or event.user_id in current.entrants:
            return
        entrant = self._entry(current, event)
        if entrant is not None:
            with self._lock:
                if current.state is LotteryState.OPEN:
                    current.entrants.setdefault(entrant.user_id, entrant)

    def _entry(self, current: _Round, event: Comment | Like) -> Entrant | None:
        if isinstance(event, Comment):
            matcher = current.matcher
            if matcher is None or matcher.find(normalize(event.text)) is None:
                return None
            return Entrant(event.user_id, event.nickname, event.t, event.id)
        if current.settings.kind is LotteryKind.LIKE:
            return Entrant(event.user_id, self._people.nickname(event.user_id), event.t, "like")
        return None

    @property
    def likes_total(self) -> int:
        """Likes the room received since the console started following it."""
        return self._likes

    # -- reading ---------------------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        """Whether ``load`` ran (new rounds are refused until then)."""
        return self._loaded.is_set()

    @property
    def remaining_lotteries(self) -> int:
        with self._lock:
            return MAX_LOTTERIES_PER_SHOW - self._earlier - len(self._rounds)

    def current(self) -> LotteryView | None:
        """The newest round (the one the operator works on), or None before the first."""
        with self._lock:
            return self._view(self._rounds[-1]) if self._rounds else None

    def view(self, number: int) -> LotteryView:
        with self._lock:
            return self._view(self._round(number))

    def _view(self, r: _Round) -> LotteryView:
        remaining: float | None = None
        if r.state is LotteryState.OPEN and r.deadline is not None:
            remaining = max(0.0, r.deadline - self._timer())
        elif r.state is LotteryState.READY and r.settings.countdown is not None:
            remaining = float(r.settings.countdown)
        return LotteryView(
            number=r.number,
            settings=r.settings,
            state=r.state,
            commitment=r.commitment,
            seed=r.seed.hex() if r.state is LotteryState.DRAWN else "",
            entrants=len(r.entrants),
            eligible=len(r.eligible),
            excluded=dict(Counter(reason.value for reason in r.excluded.values())),
            remaining=remaining,
            winners=tuple(r.winner(p) for p in range(1, len(r.drawn) + 1)),
            can_reroll=r.state is LotteryState.DRAWN and len(r.drawn) < len(r.eligible),
        )

    def _round(self, number: int | None) -> _Round:
        if not self._rounds:
            raise OperatorError(QT_TRANSLATE_NOOP("errors", "Create a lottery first."))
        if number is None:
            return self._rounds[-1]
        for r in self._rounds:
            if r.number == number:
                return r
        raise OperatorError(
            QT_TRANSLATE_NOOP("errors", "There is no lottery #{number} in this show."),
            number=number,
        )

    # -- operator actions (each returns the job to run on a worker thread) -----------------------
    def create(self, settings: LotterySettings) -> Plan:
        """A new round, ready to open. A round that never opened is replaced (nothing of it
        was published); one that is open or waiting for its draw must be drawn first."""
        settings = self._validated(settings)
        not_ready = self.not_ready()
        if not_ready is not None:
            raise not_ready
        with self._lock:
            previous = self._rounds[-1] if self._rounds else None
            draft = previous if previous and previous.state is LotteryState.READY else None
            if previous is not None and previous.state in (LotteryState.OPEN, LotteryState.CLOSED):
                raise OperatorError(
                    QT_TRANSLATE_NOOP(
                        "errors", "Lottery #{number} is still running: draw it first."
                    ),
                    number=previous.number,
                )
            used = self._earlier + len(self._rounds) - (draft is not None)
            if used >= MAX_LOTTERIES_PER_SHOW:
                raise OperatorError(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "This show has used all {limit} lotteries the platform allows.",
                    ),
                    limit=MAX_LOTTERIES_PER_SHOW,
                )
            threshold = settings.auto_start_likes
            if threshold is not None and threshold <= self._likes:
                raise OperatorError(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "The room has {likes} likes already: choose a higher number of likes "
                        "for the automatic start.",
                    ),
                    likes=self._likes,
                )
            if draft is not None:
                self._rounds.pop()
            r = _Round(used + 1, settings, utc_now())
            self._rounds.append(r)
        if draft is not None:
            self._execute(DeleteLottery(draft.number))
        self._execute(
            CreateLottery(
                r.number,
                settings.kind.value,
                settings.keyword,
                settings.prize,
                settings.winners,
                json.dumps(settings.to_dict(), ensure_ascii=False),
                self.operator,
                r.created_at,
            )
        )
        log.info("lottery %s created (%s)", r.number, settings.kind.value)
        detail = {"number": r.number, **settings.to_dict(), "replaces_draft": draft is not None}
        done = said(
            QT_TRANSLATE_NOOP(
                "outcomes", "Lottery #{number} is ready: open it when you announce it"
            ),
            number=r.number,
        )
        return self._plan(r, detail, done)

    def open(self, *, automatic: bool = False) -> Plan:
        """Open the newest round: the commitment is published before the first entry."""
        with self._lock:
            r = self._round(None)
            if r.state is not LotteryState.READY:
                raise OperatorError(
                    QT_TRANSLATE_NOOP(
                        "errors", "Lottery #{number} was opened already: create a new one."
                    ),
                    number=r.number,
                )
            seed = new_seed()
            r.seed, r.commitment, r.opened_at = seed, commitment(seed), utc_now()
            countdown = r.settings.countdown
            r.deadline = None if countdown is None else self._timer() + countdown
            if r.settings.kind is LotteryKind.COMMENT:
                r.matcher = KeywordMatcher([r.settings.keyword])
            r.state = LotteryState.OPEN
            self._open = r
        self._execute(OpenLottery(r.number, r.commitment, r.opened_at))
        log.info("lottery %s open, commitment %s", r.number, r.commitment)
        s = r.settings
        detail = {**_round_detail(r), "countdown": s.countdown}
        if automatic:
            done = said(
                QT_TRANSLATE_NOOP(
                    "outcomes", "Lottery #{number} opened by itself: the room reached {likes} likes"
                ),
                number=r.number,
                likes=f"{self._likes:,}",
            )
        else:
            done = said(
                QT_TRANSLATE_NOOP(
                    "outcomes", "Lottery #{number} is open: its commitment is published"
                ),
                number=r.number,
            )
        hook = lambda: self._connector.lottery_opened(s.kind.value, s.keyword)  # noqa: E731
        return self._plan(r, detail, done, hook=hook, at=r.opened_at)

    def close(self, *, automatic: bool = False) -> Plan:
        """Stop taking entries; the entrants are frozen for the draw."""
        with self._lock:
            r = self._round(None)
            if r.state is not LotteryState.OPEN:
                raise OperatorError(
                    QT_TRANSLATE_NOOP("errors", "Lottery #{number} is not open."), number=r.number
                )
            r.state = LotteryState.CLOSED
            self._open = None
            entrants = tuple(r.entrants.values())
        self._execute(CloseLottery(r.number, utc_now(), entrants))
        log.info("lottery %s closed with %s entrants", r.number, len(entrants))
        detail = {"number": r.number, "prize": r.settings.prize, "entrants": len(entrants)}
        if automatic:
            done = said(
                QT_TRANSLATE_NOOP("outcomes", "Countdown over: lottery #{number} closed"),
                number=r.number,
            )
        else:
            done = said(
                QT_TRANSLATE_NOOP("outcomes", "Lottery #{number} closed: {entrants} entrant(s)"),
                number=r.number,
                entrants=len(entrants),
            )
        return self._plan(r, detail, done, hook=self._connector.lottery_closed)

    def draw(self) -> Plan:
        """Draw the winners of the closed round and reveal its seed."""
        with self._lock:
            r = self._round(None)
            if r.state is LotteryState.DRAWN:
                raise OperatorError(
                    QT_TRANSLATE_NOOP(
                        "errors", "The winners of lottery #{number} are drawn already."
                    ),
                    number=r.number,
                )
            if r.state is not LotteryState.CLOSED:
                raise OperatorError(
                    QT_TRANSLATE_NOOP(
                        "errors", "Close lottery #{number} before drawing its winners."
                    ),
                    number=r.number,
                )
            r.excluded = self._exclusions(r)
            r.eligible = tuple(u for u in r.entrants if u not in r.excluded)
            r.drawn = draw(r.eligible, r.settings.winners, r.seed)
            self._name_winners(r)
            r.drawn_at = utc_now()
            r.state = LotteryState.DRAWN
            self._past_winners.update(r.drawn)
            winners = [r.winner(p) for p in range(1, len(r.drawn) + 1)]
        self._execute(
            DrawLottery(
                r.number,
                r.seed.hex(),
                r.drawn_at,
                tuple((u, reason.value) for u, reason in r.excluded.items()),
                tuple((w.user_id, w.nickname) for w in winners),
            )
        )
        log.info("lottery %s drawn: %s of %s eligible", r.number, len(winners), len(r.eligible))
        detail = {
            **_round_detail(r),
            "seed": r.seed.hex(),
            "entrants": len(r.entrants),
            "eligible": len(r.eligible),
            "excluded": dict(Counter(reason.value for reason in r.excluded.values())),
            "winners": [_winner_detail(w) for w in winners],
        }
        if winners:
            done = said(
                QT_TRANSLATE_NOOP("outcomes", "Lottery #{number} drawn: {winners} winner(s)"),
                number=r.number,
                winners=len(winners),
            )
        else:
            done = said(
                QT_TRANSLATE_NOOP("outcomes", "Lottery #{number} drawn: nobody could win"),
                number=r.number,
            )
        return self._plan(r, detail, done, at=r.drawn_at)

    def reroll(self, position: int, number: int | None = None) -> Plan:
        """Winner no. ``position`` did not claim the prize: the next one of the same draw wins."""
        with self._lock:
            r = self._round(number)
            if r.state is not LotteryState.DRAWN:
                raise OperatorError(
                    QT_TRANSLATE_NOOP("errors", "Lottery #{number} has no winners yet."),
                    number=r.number,
                )
            if not 1 <= position <= len(r.drawn):
                raise OperatorError(QT_TRANSLATE_NOOP("errors", "Select a winner to re-roll."))
            loser = r.winner(position)
            if loser.forfeited:
                raise OperatorError(
                    QT_TRANSLATE_NOOP("errors", "{name} was re-rolled already."), name=loser.name
                )
            if len(r.drawn) >= len(r.eligible):
                raise OperatorError(
                    QT_TRANSLATE_NOOP(
                        "errors", "Everyone who entered has been drawn: nobody is left to re-roll."
                    )
                )
            # draw() of one more is the same permutation one step further (console.lottery).
            r.drawn = draw(r.eligible, len(r.drawn) + 1, r.seed)
            self._name_winners(r)
            r.forfeited.add(loser.user_id)
            self._past_winners.discard(loser.user_id)
            self._past_winners.add(r.drawn[-1])
            winner = r.winner(len(r.drawn))
        self._execute(
            RerollLotteryWinner(
                r.number, loser.position, winner.position, winner.user_id, winner.nickname
            )
        )
        log.info("lottery %s: winner %s re-rolled", r.number, loser.position)
        detail = {
            "number": r.number,
            "prize": r.settings.prize,
            "forfeited": _winner_detail(loser),
            "winner": _winner_detail(winner),
        }
        done = said(
            QT_TRANSLATE_NOOP("outcomes", "Re-rolled: {winner} replaces {loser}"),
            winner=winner.name,
            loser=loser.name,
        )
        return self._plan(r, detail, done)

    def due(self) -> list[CommandId]:
        """What the newest round's settings call for now: open a like lottery whose threshold
        was reached; close and draw a round whose countdown ran out."""
        with self._lock:
            r = self._rounds[-1] if self._rounds else None
            if r is None:
                return []
            threshold = r.settings.auto_start_likes
            likes = self._likes
            if r.state is LotteryState.READY and threshold is not None and likes >= threshold:
                return [CommandId.LOTTERY_OPEN]
            deadline = r.deadline
            if r.state is LotteryState.OPEN and deadline is not None and self._timer() >= deadline:
                return [CommandId.LOTTERY_CLOSE, CommandId.LOTTERY_DRAW]
            return []

    # -- loading and preferences -----------------------------------------------------------------
    def not_ready(self) -> OperatorError | None:
        """Why no round can be made yet (None when one can): the show's lotteries are still
        loading, or the database they keep their proof in cannot be used."""
        if self._unrecorded:
            return OperatorError(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Lotteries need the show's database to keep their proof, and it cannot be "
                    "used: no lottery can run in this show.",
                )
            )
        if not self._loaded.is_set():
            return OperatorError(
                QT_TRANSLATE_NOOP("errors", "The lotteries of this show are still loading.")
            )
        return None

    def unrecorded(self) -> None:
        """The show's database cannot be used: lotteries say so instead of "still loading"."""
        self._unrecorded = True

    def load(self) -> LotteryPreferences:
        """Read the saved presets, staff accounts and announcement, and the lotteries a resumed
        show already had (blocking: a worker thread; ``create`` waits for it)."""
        try:
            if self._engine is not None and self._writer is not None:
                show_id = self._writer.show_id()  # the database is migrated once it exists
                self._load_show(self._engine, show_id)
                self._load_preferences(self._engine)
        finally:
            self._loaded.set()
        return self.preferences

    def _load_show(self, engine: Engine, show_id: int) -> None:
        earlier = show_lotteries(engine, show_id)
        if not earlier:
            return
        winners = show_lottery_winners(engine, show_id)
        with self._lock:
            self._earlier = max(r.number for r in earlier)
            self._past_winners.update(winners)
        undrawn = [r.number for r in earlier if r.state != LotteryState.DRAWN]
        if undrawn:
            self._execute(VoidUndrawnLotteries())
            log.warning("lotteries %s of show %s were never drawn: void", undrawn, show_id)

    def _load_preferences(self, engine: Engine) -> None:
        saved = load_app_state(engine, PREFERENCES_KEY)
        if saved:
            try:
                self.preferences = LotteryPreferences.from_json(saved)
            except (ValueError, TypeError, KeyError) as exc:
                log.error("lottery preferences unreadable, using defaults: %s", exc)

    def save_preferences(self, preferences: LotteryPreferences) -> None:
        self.preferences = preferences
        self._execute(SaveAppState(PREFERENCES_KEY, preferences.to_json()))

    # -- proofs ----------------------------------------------------------------------------------
    def proof_plan(self, path: str, number: int | None = None) -> Plan:
        """Export the proof of a drawn round (the newest by default) to ``path``."""
        with self._lock:
            r = self._round(number)
            if r.state is not LotteryState.DRAWN:
                raise OperatorError(
                    QT_TRANSLATE_NOOP("errors", "Draw the lottery before exporting its proof."),
                )
        done = said(QT_TRANSLATE_NOOP("outcomes", "Proof saved and verified: {path}"), path=path)
        return Plan(
            r.target,
            r.settings.prize,
            done,
            {"number": r.number, "path": path},
            Scope.CONSOLE,
            remote=lambda: self.export_proof(r.number, path),
        )

    def export_proof(self, number: int, path: str | os.PathLike[str]) -> tuple[Proof, str]:
        """Write the proof of a drawn round, built from the database, to ``path``; returns it
        with the verifier's summary (blocking: run it on a worker thread)."""
        if self._engine is None or self._writer is None:
            raise RuntimeError("proofs are read from the database; this service has none")
        self._writer.flush()
        show_id = self._writer.show_id()
        stored = load_lottery(self._engine, show_id, number)
        if stored is None or stored.lottery.state != LotteryState.DRAWN:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "Lottery #{number} has no winners yet."),
                number=number,
            )
        show = get_show(self._engine, show_id)
        proof = proof_from_storage(stored, show_id, show.title if show else "")
        ok, summary = verify_proof(proof)
        if not ok:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "The stored lottery does not verify: {reason}"),
                reason=summary,
            )
        try:
            proof.save(path)
        except OSError as exc:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "Cannot write {path}: {reason}"),
                path=os.fspath(path),
                reason=exc.strerror or str(exc),
            ) from exc
        log.info("proof of lottery %s saved to %s", number, path)
        return proof, summary

    # -- helpers ---------------------------------------------------------------------------------
    def _validated(self, settings: LotterySettings) -> LotterySettings:
        keyword = settings.keyword.strip() if settings.kind is LotteryKind.COMMENT else ""
        prize = settings.prize.strip()
        if settings.kind is LotteryKind.COMMENT and not normalize(keyword).strip():
            raise OperatorError(QT_TRANSLATE_NOOP("errors", "A comment lottery needs a keyword."))
        if len(keyword) > MAX_KEYWORD_CHARS:
            raise OperatorError(
                QT_TRANSLATE_NOOP(
                    "errors", "The keyword is too long (at most {limit} characters)."
                ),
                limit=MAX_KEYWORD_CHARS,
            )
        if not prize:
            raise OperatorError(QT_TRANSLATE_NOOP("errors", "Name the prize of the lottery."))
        if len(prize) > MAX_PRIZE_CHARS:
            raise OperatorError(
                QT_TRANSLATE_NOOP(
                    "errors", "The prize name is too long (at most {limit} characters)."
                ),
                limit=MAX_PRIZE_CHARS,
            )
        if not 1 <= settings.winners <= MAX_WINNERS:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "A lottery has 1 to {limit} winners."),
                limit=MAX_WINNERS,
            )
        countdown = settings.countdown
        if countdown is not None and not MIN_COUNTDOWN_S <= countdown <= MAX_COUNTDOWN_S:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "The countdown runs {minimum} to {maximum} seconds."),
                minimum=MIN_COUNTDOWN_S,
                maximum=MAX_COUNTDOWN_S,
            )
        threshold = settings.auto_start_likes if settings.kind is LotteryKind.LIKE else None
        return replace(
            settings,
            keyword=keyword,
            prize=prize,
            staff=_distinct(s.strip() for s in settings.staff),
            auto_start_likes=threshold,
        )

    def _name_winners(self, r: _Round) -> None:
        """A like lottery's entrant may have liked before ever commenting: by the draw the show
        may know their nickname, and the announcement and the review should use it."""
        for user_id in r.drawn:
            entrant = r.entrants[user_id]
            if not entrant.nickname:
                r.entrants[user_id] = replace(entrant, nickname=self._people.nickname(user_id))

    def _exclusions(self, r: _Round) -> dict[str, Exclusion]:
        """Entrants the draw leaves out, by the round's settings, as things stand now."""
        s = r.settings
        moderation = self._moderation
        moderated = moderation.excluded_users() if s.exclude_moderated and moderation else set()
        staff = set(s.staff) if s.exclude_staff else set()
        past = self._past_winners if s.exclude_past_winners else set()
        excluded: dict[str, Exclusion] = {}
        for user_id in r.entrants:
            if user_id in staff:
                excluded[user_id] = Exclusion.STAFF
            elif user_id in moderated:
                blocked = moderation is not None and moderation.is_blocked(user_id)
                excluded[user_id] = Exclusion.BLOCKED if blocked else Exclusion.MUTED
            elif user_id in past:
                excluded[user_id] = Exclusion.PAST_WINNER
        return excluded

    def _execute(self, op: Any) -> None:
        if self._writer is not None:
            self._writer.execute(op)

    def _plan(
        self,
        r: _Round,
        detail: dict[str, Any],
        done: Message,
        *,
        hook: Callable[[], None] | None = None,
        at: datetime | None = None,
    ) -> Plan:
        def inform() -> None:
            if hook is not None:
                try:
                    hook()
                except Exception:  # platforms have no lottery API: the hook only informs
                    log.exception("connector lottery hook failed (lottery %s)", r.number)

        subject = r.settings.prize
        return Plan(r.target, subject, done, detail, Scope.CONSOLE, inform, at=at or utc_now())


def _round_detail(r: _Round) -> dict[str, Any]:
    """What the audit entries of opening and drawing a round both say about it."""
    s = r.settings
    return {
        "number": r.number,
        "kind": s.kind.value,
        "keyword": s.keyword,
        "prize": s.prize,
        "count": s.winners,
        "commitment": r.commitment,
    }


def _winner_detail(winner: Winner) -> dict[str, Any]:
    return {"position": winner.position, "user_id": winner.user_id, "nickname": winner.nickname}


def _distinct(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def proof_from_storage(stored: StoredLottery, show_id: int, show_title: str = "") -> Proof:
    """The proof of a drawn round as the database holds it. Its entrants are the ones the
    draw used; who was left out, and why, is listed in ``settings["excluded"]``."""
    lottery = stored.lottery
    if lottery.opened_at is None or lottery.drawn_at is None:
        raise ValueError(f"lottery {lottery.number} of show {show_id} is not drawn")
    eligible = [e for e in stored.entrants if not e.excluded]
    settings = json.loads(lottery.settings or "{}")
    settings["excluded"] = {e.user_id: e.excluded for e in stored.entrants if e.excluded}
    title = f"lottery #{lottery.number}"
    return Proof(
        lottery_id=f"show-{show_id}/lottery-{lottery.number}",
        entrants=tuple(e.user_id for e in eligible),
        count=lottery.winners,
        commitment=lottery.commitment,
        seed=lottery.seed,
        drawn=tuple(w.user_id for w in stored.winners),
        forfeited=tuple(w.user_id for w in stored.winners if w.forfeited),
        created_at=lottery.opened_at.astimezone(),
        drawn_at=lottery.drawn_at.astimezone(),
        operator=lottery.operator,
        title=f"{show_title} · {title}" if show_title else title,
        prize=lottery.prize,
        kind=lottery.kind,
        keyword=lottery.keyword,
        settings=settings,
        names={e.user_id: e.nickname for e in eligible if e.nickname},
    )
