"""The stable id of every operator command.

Ids are lowercase strings used in key bindings, the control API, rundown cues, logs and as the
audit log's action names: never rename one. A numbered id ("goods.push.3") is a preset of its
family ("goods.push" with ``number`` 3) and is audited under the family's id.
"""

from __future__ import annotations

from enum import StrEnum


class CommandId(StrEnum):
    # Moderation
    COMMENT_DELETE = "comment.delete"
    USER_MUTE = "user.mute"
    USER_MUTE_1M = "user.mute.1m"
    USER_MUTE_10M = "user.mute.10m"
    USER_MUTE_1H = "user.mute.1h"
    USER_MUTE_SHOW = "user.mute.show"
    USER_UNMUTE = "user.unmute"
    USER_BLOCK = "user.block"
    USER_UNBLOCK = "user.unblock"
    ROOM_BAN_ALL = "room.ban_all"
    ROOM_UNBAN_ALL = "room.unban_all"
    RULES_SET = "rules.set"
    # Goods
    GOODS_PUSH = "goods.push"
    GOODS_PUSH_1 = "goods.push.1"
    GOODS_PUSH_2 = "goods.push.2"
    GOODS_PUSH_3 = "goods.push.3"
    GOODS_PUSH_4 = "goods.push.4"
    GOODS_PUSH_5 = "goods.push.5"
    GOODS_PUSH_6 = "goods.push.6"
    GOODS_PUSH_7 = "goods.push.7"
    GOODS_PUSH_8 = "goods.push.8"
    GOODS_PUSH_9 = "goods.push.9"
    GOODS_ON_SALE = "goods.on_sale"
    GOODS_OFF_SALE = "goods.off_sale"
    GOODS_SORT = "goods.sort"
    GOODS_IMPORT = "goods.import"
    GOODS_REFRESH = "goods.refresh"
    # Lottery
    LOTTERY_CREATE = "lottery.create"
    LOTTERY_OPEN = "lottery.open"
    LOTTERY_CLOSE = "lottery.close"
    LOTTERY_DRAW = "lottery.draw"
    LOTTERY_REROLL = "lottery.reroll"
    LOTTERY_EXPORT_PROOF = "lottery.export_proof"
    # OBS
    OBS_SCENE = "obs.scene"
    OBS_SCENE_1 = "obs.scene.1"
    OBS_SCENE_2 = "obs.scene.2"
    OBS_SCENE_3 = "obs.scene.3"
    OBS_SCENE_4 = "obs.scene.4"
    OBS_SCENE_5 = "obs.scene.5"
    OBS_SCENE_6 = "obs.scene.6"
    OBS_SCENE_7 = "obs.scene.7"
    OBS_SCENE_8 = "obs.scene.8"
    OBS_SOURCE_VISIBLE = "obs.source.visible"
    OBS_INPUT_MUTE = "obs.input.mute"
    OBS_MIC_TOGGLE = "obs.mic.toggle"
    OBS_STREAM_START = "obs.stream.start"
    OBS_STREAM_STOP = "obs.stream.stop"
    OBS_STREAM_TOGGLE = "obs.stream.toggle"
    OBS_RECORD_START = "obs.record.start"
    OBS_RECORD_STOP = "obs.record.stop"
    OBS_RECORD_TOGGLE = "obs.record.toggle"
    OBS_STREAM_TARGET = "obs.stream_target"
    # Room (the WeChat room API)
    ROOM_REPLAY = "room.replay"
    ROOM_ASSISTANT = "room.assistant"
    ROOM_REMINDER = "room.reminder"
    ROOM_PUSH_URL = "room.push_url"
    ROOM_SHARE_CODE = "room.share_code"
    # The show and the console
    SHOW_END = "show.end"
    SHOW_NEW = "show.new"
    APP_QUIT = "app.quit"
