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
from console.i18n import QT_TRANSLATE_NOOP
from console.obs.incidents import (
    CONNECTION_LOST,
    OBS_UNRESPONSIVE,
    STREAM_DROPPED,
    STREAM_RECONNECTING,
)

# Audit names of shows recorded before the action names became the command ids.
_EARLIER_NAMES = {"rules.update": CommandId.RULES_SET}


# Actions with an on/off argument: the title says which way it went, not "on/off".
_WAYS: dict[str, tuple[str, dict[bool, str]]] = {
    "obs.input.mute": (
        "muted",
        {
            True: QT_TRANSLATE_NOOP("audit", "Mute audio"),
            False: QT_TRANSLATE_NOOP("audit", "Unmute audio"),
        },
    ),
    "obs.source.visible": (
        "visible",
        {
            True: QT_TRANSLATE_NOOP("audit", "Show source"),
            False: QT_TRANSLATE_NOOP("audit", "Hide source"),
        },
    ),
    "room.replay": (
        "enabled",
        {
            True: QT_TRANSLATE_NOOP("audit", "Turn replay on"),
            False: QT_TRANSLATE_NOOP("audit", "Turn replay off"),
        },
    ),
    # Shows recorded before taking goods off sale and allowing comments were commands of
    # their own.
    "goods.on_sale": (
        "on_sale",
        {False: QT_TRANSLATE_NOOP("audit", "Take goods off sale")},
    ),
    "room.ban_all": (
        "banned",
        {False: QT_TRANSLATE_NOOP("audit", "Allow comments again")},
    ),
}


# What happened to the broadcast unasked (console.obs.incidents): not commands.
_INCIDENT_TITLES = {
    CONNECTION_LOST: QT_TRANSLATE_NOOP("audit", "OBS connection lost"),
    STREAM_DROPPED: QT_TRANSLATE_NOOP("audit", "Stream dropped"),
    STREAM_RECONNECTING: QT_TRANSLATE_NOOP("audit", "Stream reconnecting"),
    OBS_UNRESPONSIVE: QT_TRANSLATE_NOOP("audit", "OBS not responding"),
}


def action_title(action: str, detail: Mapping[str, Any]) -> tuple[str, str] | None:
    """The English title of an audited action and its translation context, None for an
    unknown action. An action is audited under its command's id, so its title is the
    command's, but for the ones that go either way (mute or unmute audio)."""
    if action in _INCIDENT_TITLES:
        return "audit", _INCIDENT_TITLES[action]
    field, titles = _WAYS.get(action, ("", {}))
    way = detail.get(field)
    if isinstance(way, bool) and way in titles:
        return "audit", titles[way]
    command = _EARLIER_NAMES.get(action)
    if command is None and action in CommandId._value2member_map_:
        command = CommandId(action)
    return ("commands", COMMANDS[command].title) if command is not None else None


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
