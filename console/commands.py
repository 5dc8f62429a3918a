"""Every operator command the UI offers: a stable id, a title and a default shortcut.

Ids are stable lowercase strings used in key bindings and logs: never rename one. Titles are
English and marked for translation (context ``commands``; ``%n`` is the command's number); the
UI builds one QAction per command from this table, so a menu, a toolbar button and a shortcut
all run the same handler.

Audit entries name what was done with their own action names (console.audit).
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
    # OBS
    OBS_STREAM_TOGGLE = "obs.stream.toggle"
    OBS_RECORD_TOGGLE = "obs.record.toggle"
    OBS_MIC_TOGGLE = "obs.mic.toggle"
    OBS_SCENE_1 = "obs.scene.1"
    OBS_SCENE_2 = "obs.scene.2"
    OBS_SCENE_3 = "obs.scene.3"
    OBS_SCENE_4 = "obs.scene.4"
    OBS_SCENE_5 = "obs.scene.5"
    OBS_SCENE_6 = "obs.scene.6"
    OBS_SCENE_7 = "obs.scene.7"
    OBS_SCENE_8 = "obs.scene.8"
    # Goods
    GOODS_PUSH_1 = "goods.push.1"
    GOODS_PUSH_2 = "goods.push.2"
    GOODS_PUSH_3 = "goods.push.3"
    GOODS_PUSH_4 = "goods.push.4"
    GOODS_PUSH_5 = "goods.push.5"
    GOODS_PUSH_6 = "goods.push.6"
    GOODS_PUSH_7 = "goods.push.7"
    GOODS_PUSH_8 = "goods.push.8"
    GOODS_PUSH_9 = "goods.push.9"
    GOODS_REFRESH = "goods.refresh"
    # Lottery
    LOTTERY_OPEN = "lottery.open"
    LOTTERY_CLOSE = "lottery.close"
    LOTTERY_DRAW = "lottery.draw"
    LOTTERY_REROLL = "lottery.reroll"
    # Shows
    SHOW_HISTORY = "show.history"
    SHOW_REVIEW = "show.review"
    # Application
    APP_SETTINGS = "app.settings"
    APP_LOG_FOLDER = "app.log_folder"


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
    CommandSpec(
        CommandId.OBS_STREAM_TOGGLE,
        QT_TRANSLATE_NOOP("commands", "Start/stop streaming"),
        "Ctrl+Shift+S",
    ),
    CommandSpec(
        CommandId.OBS_RECORD_TOGGLE,
        QT_TRANSLATE_NOOP("commands", "Start/stop recording"),
        "Ctrl+Shift+R",
    ),
    CommandSpec(
        CommandId.OBS_MIC_TOGGLE, QT_TRANSLATE_NOOP("commands", "Mute/unmute microphone"), "Ctrl+M"
    ),
    *(
        CommandSpec(
            CommandId(f"obs.scene.{n}"),
            QT_TRANSLATE_NOOP("commands", "Switch to scene %n"),
            f"F{n}",
        )
        for n in range(1, 9)
    ),
    *(
        CommandSpec(
            CommandId(f"goods.push.{n}"),
            QT_TRANSLATE_NOOP("commands", "Push goods no. %n"),
            str(n),
        )
        for n in range(1, 10)
    ),
    CommandSpec(CommandId.GOODS_REFRESH, QT_TRANSLATE_NOOP("commands", "Refresh goods"), "Ctrl+R"),
    CommandSpec(CommandId.LOTTERY_OPEN, QT_TRANSLATE_NOOP("commands", "Open lottery"), "Ctrl+L"),
    CommandSpec(
        CommandId.LOTTERY_CLOSE, QT_TRANSLATE_NOOP("commands", "Close lottery"), "Ctrl+Shift+L"
    ),
    CommandSpec(CommandId.LOTTERY_DRAW, QT_TRANSLATE_NOOP("commands", "Draw winners"), "Ctrl+D"),
    CommandSpec(
        CommandId.LOTTERY_REROLL,
        QT_TRANSLATE_NOOP("commands", "Re-roll one winner"),
        "Ctrl+Shift+D",
    ),
    CommandSpec(CommandId.SHOW_HISTORY, QT_TRANSLATE_NOOP("commands", "Past shows…"), "Ctrl+H"),
    CommandSpec(
        CommandId.SHOW_REVIEW, QT_TRANSLATE_NOOP("commands", "Export this show's review…"), "Ctrl+E"
    ),
    CommandSpec(CommandId.APP_SETTINGS, QT_TRANSLATE_NOOP("commands", "Settings…"), "Ctrl+,"),
    CommandSpec(CommandId.APP_LOG_FOLDER, QT_TRANSLATE_NOOP("commands", "Open log folder")),
)

COMMANDS: dict[CommandId, CommandSpec] = {spec.id: spec for spec in _SPECS}


def numbered(command: CommandId) -> int | None:
    """The number of a numbered command ("goods.push.3" -> 3), else None."""
    last = command.value.rsplit(".", 1)[-1]
    return int(last) if last.isdigit() else None


MUTE_SECONDS: dict[CommandId, int | None] = {
    CommandId.USER_MUTE_1M: 60,
    CommandId.USER_MUTE_10M: 600,
    CommandId.USER_MUTE_1H: 3600,
    CommandId.USER_MUTE_SHOW: None,
}
