"""Audit entries as the operator reads them: a title for each action and what it was done to.

The job kernel (console.jobs) writes every command to the audit log under the command's id
(``AuditRecord``: action, target, subject, result, operator, entry point, show time, detail);
the audit panel, the dashboard and the review read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from console.commands.ids import CommandId
from console.commands.table import COMMANDS

# Audit names of shows recorded before the action names became the command ids.
_EARLIER_NAMES = {"rules.update": CommandId.RULES_SET}


def action_title(action: str) -> str | None:
    """The English title of an audited action (context ``commands``), None for an unknown one:
    an action is audited under its command's id, so its title is the command's."""
    command = _EARLIER_NAMES.get(action)
    if command is None and action in CommandId._value2member_map_:
        command = CommandId(action)
    return COMMANDS[command].title if command is not None else None


# Detail fields that name what an action was done to, most telling first.
_SUBJECT_FIELDS = ("nickname", "name", "prize")
MAX_TEXT_CHARS = 40


def subject(target: str, detail: Mapping[str, Any]) -> str:
    """What an action was done to, for people: a nickname, goods name, prize or scene rather
    than an id, with the comment's text for a deleted comment."""
    name = next((str(detail[f]) for f in _SUBJECT_FIELDS if detail.get(f)), target)
    text = str(detail.get("text") or "")
    if len(text) > MAX_TEXT_CHARS:
        text = text[: MAX_TEXT_CHARS - 1] + "…"
    return f"{name}：{text}" if text else name
