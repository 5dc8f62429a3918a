"""Comment moderation: verdicts on arriving comments, and the operator's moderation actions.

Every action follows DESIGN.md's rule: it is validated and applied to the console's own state
at once (so the feed reacts within a frame), and returns a ``Plan`` — the platform call, its
undo and what to audit — for the job kernel (console.jobs) to carry out. When the connector
has the capability the plan asks the platform (and undoes the local change if the platform
refuses); otherwise the action stays local: hidden from the operator's feed and excluded from
lotteries, while viewers still see it (``Scope.LOCAL``, and the UI says so).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import Engine

from console.actions import Action, BanAllComments, Capability, DeleteComment, MuteUser, UnmuteUser
from console.audit import subject
from console.commands.ids import CommandId
from console.errors import OperatorError, Unsupported
from console.events import Comment
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Plan, Scope, said
from console.listeners import call_each
from console.log import app as log
from console.messages import Message
from console.platforms.base import Connector
from console.storage.ops import AddBlockedUser, RemoveBlockedUser, SaveAppState, SetCommentState
from console.storage.queries import load_app_state, load_blocklist
from console.storage.writer import AuditRecord, StorageWriter
from console.textmatch import KeywordMatcher, normalize
from console.verdicts import PLAIN, CommentState, HiddenReason, Verdict, verdict_from_state

RULES_KEY = "keyword_rules"
DEFAULT_QUESTION_WORDS = (
    "价格", "多少钱", "链接", "怎么买", "尺码", "有货吗", "几号", "包邮", "优惠", "发货",
    "库存", "还有吗", "能便宜", "什么码", "?",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class KeywordRules:
    """Words that hide a comment, highlight it for the assistant, or mark it as a question."""

    block: tuple[str, ...] = ()
    highlight: tuple[str, ...] = ()
    question: tuple[str, ...] = DEFAULT_QUESTION_WORDS

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> KeywordRules:
        data = json.loads(text)
        return cls(
            **{
                k: tuple(str(w) for w in data.get(k, ()))
                for k in ("block", "highlight", "question")
            }
        )


# Every verdict there can be, made once: a flood's comments share them (a third of them are
# questions) instead of each bringing one more object for the garbage collector to scan.
_VERDICTS: dict[tuple[HiddenReason | None, bool, bool], Verdict] = {
    (hidden, question, highlight): Verdict(hidden, question, highlight)
    for hidden in (None, *HiddenReason)
    for question in (False, True)
    for highlight in (False, True)
}
_VERDICTS[None, False, False] = PLAIN


@dataclass(frozen=True, slots=True)
class MuteInfo:
    since: float
    until: float | None  # show seconds; None: for the rest of the show
    scope: Scope


@dataclass
class _Matchers:
    rules: KeywordRules
    block: KeywordMatcher = field(init=False)
    highlight: KeywordMatcher = field(init=False)
    question: KeywordMatcher = field(init=False)

    def __post_init__(self) -> None:
        self.block = KeywordMatcher(self.rules.block)
        self.highlight = KeywordMatcher(self.rules.highlight)
        self.question = KeywordMatcher(self.rules.question)


class ModerationService:
    """Moderation state of one show; thread-safe. ``classify`` runs on the connector thread."""

    def __init__(
        self,
        connector: Connector,
        writer: StorageWriter | None,
        *,
        operator: str,
        clock: Callable[[], float],
    ) -> None:
        self._connector = connector
        self._writer = writer
        self.operator = operator
        self._clock = clock
        self._lock = threading.Lock()
        self._mutes: dict[str, MuteInfo] = {}
        self._blocked: dict[str, str] = {}  # user_id -> nickname
        self._deleted: dict[str, Scope] = {}
        self._matchers = _Matchers(KeywordRules())
        self._hidden: Counter[HiddenReason] = Counter()
        self._listeners: list[Callable[[], None]] = []
        self.banned_all = False

    # -- start-up ----------------------------------------------------------------------------
    def load(self, engine: Engine) -> None:
        """Read the blocklist and keyword rules (on the writer thread, before events flow)."""
        blocked = load_blocklist(engine)
        saved = load_app_state(engine, RULES_KEY)
        with self._lock:
            self._blocked.update(blocked)
            if saved:
                try:
                    self._matchers = _Matchers(KeywordRules.from_json(saved))
                except (ValueError, TypeError) as exc:
                    log.error("keyword rules unreadable, using defaults: %s", exc)
        self._changed()

    def resume(
        self,
        *,
        hidden: Mapping[HiddenReason, int],
        deleted: Mapping[str, Scope],
        audits: Iterable[AuditRecord],
    ) -> None:
        """Continue a show after a restart (console.continuation): its hidden counts, deleted
        comments, and from its audit log (actions that took effect, oldest first) the mutes
        still running and whether all comments are banned."""
        with self._lock:
            self._hidden.update(hidden)
            self._deleted.update(deleted)
            for record in audits:
                if record.action == CommandId.USER_MUTE:
                    since = record.t or 0.0
                    seconds = record.detail.get("seconds")
                    until = since + seconds if isinstance(seconds, int | float) else None
                    scope = Scope.LOCAL if record.result == "local" else Scope.PLATFORM
                    self._mutes[record.target] = MuteInfo(since, until, scope)
                elif record.action == CommandId.USER_UNMUTE:
                    self._mutes.pop(record.target, None)
                elif record.action in (CommandId.ROOM_BAN_ALL, CommandId.ROOM_UNBAN_ALL):
                    banned = record.detail.get("banned", record.action == CommandId.ROOM_BAN_ALL)
                    self.banned_all = bool(banned)
        self._changed()

    def stored_verdict(self, comment: Comment, state: str) -> Verdict:
        """The verdict of a comment read back from the database: hidden as it was when it
        arrived, a question or highlighted by today's rules (those flags are not stored)."""
        return self._verdict(verdict_from_state(state).hidden, normalize(comment.text))

    def add_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs (on any thread) after every change of moderation state."""
        self._listeners.append(callback)

    def _changed(self) -> None:
        call_each(self._listeners, what="A moderation")

    # -- verdicts ----------------------------------------------------------------------------
    def classify(self, comment: Comment) -> Verdict:
        matchers = self._matchers
        text = normalize(comment.text)
        hidden: HiddenReason | None = None
        if comment.user_id in self._blocked:
            hidden = HiddenReason.BLOCKED
        elif self.is_muted(comment.user_id, comment.t):
            hidden = HiddenReason.MUTED
        elif matchers.block and (
            matchers.block.find(text) or matchers.block.find(normalize(comment.nickname))
        ):
            hidden = HiddenReason.KEYWORD
        if hidden is not None:
            with self._lock:
                self._hidden[hidden] += 1
        return self._verdict(hidden, text)

    def _verdict(self, hidden: HiddenReason | None, text: str) -> Verdict:
        """``text`` (normalized) is a question or highlighted by the rules in force."""
        matchers = self._matchers
        question = bool(matchers.question.find(text))
        highlight = bool(matchers.highlight.find(text))
        return _VERDICTS[hidden, question, highlight]

    def hidden_counts(self) -> dict[HiddenReason, int]:
        with self._lock:
            return dict(self._hidden)

    @property
    def rules(self) -> KeywordRules:
        return self._matchers.rules

    # -- state queries -------------------------------------------------------------------------
    def is_muted(self, user_id: str, t: float | None = None) -> bool:
        info = self._mutes.get(user_id)
        if info is None:
            return False
        now = self._clock() if t is None else t
        return info.until is None or now < info.until

    def mute_info(self, user_id: str) -> MuteInfo | None:
        return self._mutes.get(user_id) if self.is_muted(user_id) else None

    def is_blocked(self, user_id: str) -> bool:
        return user_id in self._blocked

    def blocklist(self) -> dict[str, str]:
        with self._lock:
            return dict(self._blocked)

    def deleted_scope(self, comment_id: str) -> Scope | None:
        return self._deleted.get(comment_id)

    def excluded_users(self) -> set[str]:
        """Users a lottery must leave out: blocked, or muted right now."""
        with self._lock:
            muted = {u for u in self._mutes if self.is_muted(u)}
            return set(self._blocked) | muted

    def supports(self, capability: Capability) -> bool:
        return self._connector.supports(capability)

    # -- actions (each applies itself here and returns the plan of the rest) --------------------
    def delete_comment(self, comment: Comment) -> Plan:
        if comment.id in self._deleted:
            raise OperatorError(QT_TRANSLATE_NOOP("errors", "This comment is deleted already."))
        scope = self._scope(Capability.DELETE_COMMENT)
        with self._lock:
            self._deleted[comment.id] = scope
        state = CommentState.DELETED if scope is Scope.PLATFORM else CommentState.DELETED_LOCAL
        self._execute(SetCommentState(comment.id, state))
        self._changed()

        def undo() -> None:
            with self._lock:
                self._deleted.pop(comment.id, None)
            self._execute(SetCommentState(comment.id, CommentState.VISIBLE))

        detail = {"user_id": comment.user_id, "nickname": comment.nickname, "text": comment.text}
        done = said(
            QT_TRANSLATE_NOOP("outcomes", "Deleted the comment of {nickname}"),
            nickname=comment.nickname or comment.user_id,
        )
        return self._plan(comment.id, detail, DeleteComment(comment.id), scope, undo, done)

    def mute_user(self, user_id: str, nickname: str, seconds: int | None) -> Plan:
        """Mute for ``seconds``; None: for the rest of the show."""
        if seconds is not None and seconds <= 0:
            raise ValueError("mute duration must be positive")
        scope = self._scope(Capability.MUTE_USER)
        now = self._clock()
        with self._lock:
            previous = self._mutes.get(user_id)
            self._mutes[user_id] = MuteInfo(now, None if seconds is None else now + seconds, scope)
        self._changed()

        def undo() -> None:
            with self._lock:
                self._restore(self._mutes, user_id, previous)

        detail = {"nickname": nickname, "seconds": seconds}
        name = nickname or user_id
        if seconds is None:
            done = said(
                QT_TRANSLATE_NOOP("outcomes", "Muted {nickname} for the rest of the show"),
                nickname=name,
            )
        else:
            done = said(
                QT_TRANSLATE_NOOP("outcomes", "Muted {nickname} for {minutes} min"),
                nickname=name,
                minutes=max(1, seconds // 60),
            )
        return self._plan(user_id, detail, MuteUser(user_id, seconds), scope, undo, done)

    def unmute_user(self, user_id: str, nickname: str) -> Plan:
        if not self.is_muted(user_id):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "{nickname} is not muted."),
                nickname=nickname or user_id,
            )
        scope = self._scope(Capability.MUTE_USER)
        with self._lock:
            previous = self._mutes.pop(user_id, None)
        self._changed()

        def undo() -> None:
            with self._lock:
                self._restore(self._mutes, user_id, previous)

        done = said(
            QT_TRANSLATE_NOOP("outcomes", "Unmuted {nickname}"), nickname=nickname or user_id
        )
        detail = {"nickname": nickname}
        return self._plan(user_id, detail, UnmuteUser(user_id), scope, undo, done)

    def block_user(self, user_id: str, nickname: str) -> Plan:
        """Blocklist (every show, local) plus a mute for the rest of this show on the platform."""
        if self.is_blocked(user_id):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "{nickname} is on the blocklist already."),
                nickname=nickname or user_id,
            )
        scope = self._scope(Capability.MUTE_USER)
        with self._lock:
            self._blocked[user_id] = nickname
        self._execute(AddBlockedUser(user_id, nickname, self.operator))
        self._changed()
        # The platform refusing the mute leaves the user blocked here: nothing to undo.
        done = said(
            QT_TRANSLATE_NOOP("outcomes", "Added {nickname} to the blocklist"),
            nickname=nickname or user_id,
        )
        detail = {"nickname": nickname}
        return self._plan(user_id, detail, MuteUser(user_id, None), scope, None, done)

    def unblock_user(self, user_id: str, nickname: str) -> Plan:
        if not self.is_blocked(user_id):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "{nickname} is not on the blocklist."),
                nickname=nickname or user_id,
            )
        scope = self._scope(Capability.MUTE_USER)
        with self._lock:
            self._blocked.pop(user_id, None)
            still_muted = user_id in self._mutes
        self._execute(RemoveBlockedUser(user_id))
        self._changed()
        action = None if still_muted else UnmuteUser(user_id)
        done = said(
            QT_TRANSLATE_NOOP("outcomes", "Removed {nickname} from the blocklist"),
            nickname=nickname or user_id,
        )
        detail = {"nickname": nickname}
        return self._plan(user_id, detail, action, scope, None, done)

    def set_ban_all(self, banned: bool) -> Plan:
        """Ban (or allow) all comments in the room; only where the platform can do it."""
        if not self._connector.supports(Capability.BAN_ALL):
            raise Unsupported(QT_TRANSLATE_NOOP("errors", "This platform cannot ban all comments."))
        previous = self.banned_all
        self.banned_all = banned
        self._changed()

        def undo() -> None:
            self.banned_all = previous

        done = (
            said(QT_TRANSLATE_NOOP("outcomes", "All comments are banned"))
            if banned
            else said(QT_TRANSLATE_NOOP("outcomes", "Comments are allowed again"))
        )
        detail = {"banned": banned}
        return self._plan("room", detail, BanAllComments(banned), Scope.PLATFORM, undo, done)

    def set_rules(self, rules: KeywordRules) -> Plan:
        """Replace the keyword rules (applies to comments arriving from now on) and save them."""
        with self._lock:
            self._matchers = _Matchers(rules)
        self._execute(SaveAppState(RULES_KEY, rules.to_json()))
        self._changed()
        done = said(QT_TRANSLATE_NOOP("outcomes", "Keyword rules saved"))
        return self._plan("keyword_rules", asdict(rules), None, Scope.CONSOLE, None, done)

    # -- helpers -----------------------------------------------------------------------------
    def _scope(self, capability: Capability) -> Scope:
        return Scope.PLATFORM if self._connector.supports(capability) else Scope.LOCAL

    @staticmethod
    def _restore(table: dict[str, Any], key: str, previous: Any) -> None:
        if previous is None:
            table.pop(key, None)
        else:
            table[key] = previous

    def _execute(self, op: Any) -> None:
        if self._writer is not None:
            self._writer.execute(op)

    def _plan(
        self,
        target: str,
        detail: dict[str, Any],
        action: Action | None,
        scope: Scope,
        undo: Callable[[], None] | None,
        done: Message,
    ) -> Plan:
        remote = None
        if scope is Scope.PLATFORM and action is not None:
            remote = partial(self._connector.perform, action)

        def undone(_error: Exception) -> None:
            if undo is not None:
                undo()
                self._changed()

        return Plan(
            target,
            subject(target, detail),
            done,
            detail,
            scope,
            remote,
            undone if undo is not None else None,
        )
