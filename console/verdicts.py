"""What the console decided about an incoming comment: hidden (and why), a question, highlighted.

The verdict is made once, when the comment arrives, and stored with it (``stored_state``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class HiddenReason(StrEnum):
    BLOCKED = "blocked"  # the user is on the persistent blocklist
    MUTED = "muted"  # the user is muted in this show
    KEYWORD = "keyword"  # the comment contains a block word


class CommentState(StrEnum):
    """The ``comments.moderation`` column."""

    VISIBLE = ""
    DELETED = "deleted"  # deleted on the platform: viewers no longer see it
    DELETED_LOCAL = "deleted_local"  # the platform cannot delete: marked here only
    HIDDEN_BLOCKED = "hidden_blocked"
    HIDDEN_MUTED = "hidden_muted"
    HIDDEN_KEYWORD = "hidden_keyword"


_HIDDEN_STATE = {
    HiddenReason.BLOCKED: CommentState.HIDDEN_BLOCKED,
    HiddenReason.MUTED: CommentState.HIDDEN_MUTED,
    HiddenReason.KEYWORD: CommentState.HIDDEN_KEYWORD,
}


@dataclass(frozen=True, slots=True)
class Verdict:
    hidden: HiddenReason | None = None
    question: bool = False
    highlight: bool = False

    @property
    def stored_state(self) -> CommentState:
        return _HIDDEN_STATE[self.hidden] if self.hidden else CommentState.VISIBLE


PLAIN = Verdict()


_REASON_OF_STATE = {state: reason for reason, state in _HIDDEN_STATE.items()}


def verdict_from_state(state: str) -> Verdict:
    """The verdict a stored comment had when it arrived (hidden or not; flags are not stored)."""
    reason = _REASON_OF_STATE.get(CommentState(state)) if state else None
    return Verdict(reason) if reason else PLAIN
