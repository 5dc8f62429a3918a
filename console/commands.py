"""Every operator command the UI offers: a stable id, a title and a default shortcut.

Ids are stable lowercase strings used in key bindings and logs: never rename one. Titles are
English and marked for translation (context ``commands``); the UI builds one QAction per
command from this table, so a menu, a toolbar button and a shortcut all run the same handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from console.i18n import QT_TRANSLATE_NOOP


class CommandId(StrEnum):
    COMMENT_DELETE = "comment.delete"
    USER_MUTE_1M = "user.mute.1m"
    USER_MUTE_10M = "user.mute.10m"
    USER_MUTE_1H = "user.mute.1h"
    USER_MUTE_SHOW = "user.mute.show"
    USER_UNMUTE = "user.unmute"
    USER_BLOCK = "user.block"
    USER_CARD = "user.card"
    ROOM_BAN_ALL = "room.ban_all"
    COMMENT_SEARCH = "comment.search"
    RULES_EDIT = "rules.edit"
    FEED_JUMP = "feed.jump"


@dataclass(frozen=True, slots=True)
class CommandSpec:
    id: CommandId
    title: str
    shortcut: str = ""


_SPECS = (
    CommandSpec(CommandId.COMMENT_DELETE, QT_TRANSLATE_NOOP("commands", "Delete comment"), "Del"),
    CommandSpec(CommandId.USER_MUTE_1M, QT_TRANSLATE_NOOP("commands", "Mute 1 minute"), "Ctrl+1"),
    CommandSpec(
        CommandId.USER_MUTE_10M, QT_TRANSLATE_NOOP("commands", "Mute 10 minutes"), "Ctrl+2"
    ),
    CommandSpec(CommandId.USER_MUTE_1H, QT_TRANSLATE_NOOP("commands", "Mute 1 hour"), "Ctrl+3"),
    CommandSpec(
        CommandId.USER_MUTE_SHOW, QT_TRANSLATE_NOOP("commands", "Mute for this show"), "Ctrl+4"
    ),
    CommandSpec(CommandId.USER_UNMUTE, QT_TRANSLATE_NOOP("commands", "Unmute"), "Ctrl+U"),
    CommandSpec(CommandId.USER_BLOCK, QT_TRANSLATE_NOOP("commands", "Add to blocklist"), "Ctrl+B"),
    CommandSpec(CommandId.USER_CARD, QT_TRANSLATE_NOOP("commands", "User card"), "Ctrl+I"),
    CommandSpec(
        CommandId.ROOM_BAN_ALL, QT_TRANSLATE_NOOP("commands", "Ban all comments"), "Ctrl+Shift+B"
    ),
    CommandSpec(
        CommandId.COMMENT_SEARCH, QT_TRANSLATE_NOOP("commands", "Search comments"), "Ctrl+F"
    ),
    CommandSpec(CommandId.RULES_EDIT, QT_TRANSLATE_NOOP("commands", "Keyword rules…"), "Ctrl+K"),
    CommandSpec(
        CommandId.FEED_JUMP, QT_TRANSLATE_NOOP("commands", "Jump to newest comment"), "End"
    ),
)

COMMANDS: dict[CommandId, CommandSpec] = {spec.id: spec for spec in _SPECS}

MUTE_SECONDS: dict[CommandId, int | None] = {
    CommandId.USER_MUTE_1M: 60,
    CommandId.USER_MUTE_10M: 600,
    CommandId.USER_MUTE_1H: 3600,
    CommandId.USER_MUTE_SHOW: None,
}
