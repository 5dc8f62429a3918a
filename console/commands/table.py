"""Every operator command: title, default shortcut, arguments, what it needs, whether it asks.

Titles are English and marked for translation (context ``commands``; ``%n`` is a preset's
number). What each command does is bound in console.commands.bindings.
"""

from __future__ import annotations

from console.actions import Capability
from console.commands.ids import CommandId as C
from console.commands.spec import Arg, ArgKind, CommandSpec, Confirm, Lane, Need
from console.i18n import QT_TRANSLATE_NOOP

MUTE_PRESETS = (C.USER_MUTE_1M, C.USER_MUTE_10M, C.USER_MUTE_1H, C.USER_MUTE_SHOW)
SCENE_PRESETS = tuple(C(f"obs.scene.{n}") for n in range(1, 9))
PUSH_PRESETS = tuple(C(f"goods.push.{n}") for n in range(1, 10))

_COMMENT = Arg("comment_id", ArgKind.TEXT, "the id of the comment")
_USER = Arg("user_id", ArgKind.TEXT, "the viewer's user id")
_NUMBER = Arg("number", ArgKind.INTEGER, "the goods' number in the room (1 = first)", minimum=1)
_SECONDS = Arg(
    "seconds", ArgKind.INTEGER, "how long, in seconds; 0: for the rest of the show", minimum=0
)


def _moderation(
    command: C,
    title: str,
    key: str,
    args: tuple[Arg, ...],
    preset: tuple[tuple[str, int], ...] = (),
) -> CommandSpec:
    """A moderation command: done on the platform when it can mute, else here only."""
    return CommandSpec(
        command,
        title,
        key,
        args,
        Capability.MUTE_USER,
        local_fallback=True,
        family=C.USER_MUTE if preset else None,
        preset=preset,
    )


_MODERATION_SPECS = (
    CommandSpec(
        C.COMMENT_DELETE,
        QT_TRANSLATE_NOOP("commands", "Delete comment"),
        "Del",
        (_COMMENT,),
        Capability.DELETE_COMMENT,
        local_fallback=True,
    ),
    _moderation(C.USER_MUTE, QT_TRANSLATE_NOOP("commands", "Mute user"), "", (_USER, _SECONDS)),
    _moderation(
        C.USER_MUTE_1M,
        QT_TRANSLATE_NOOP("commands", "Mute 1 minute"),
        "Ctrl+1",
        (_USER,),
        (("seconds", 60),),
    ),
    _moderation(
        C.USER_MUTE_10M,
        QT_TRANSLATE_NOOP("commands", "Mute 10 minutes"),
        "Ctrl+2",
        (_USER,),
        (("seconds", 600),),
    ),
    _moderation(
        C.USER_MUTE_1H,
        QT_TRANSLATE_NOOP("commands", "Mute 1 hour"),
        "Ctrl+3",
        (_USER,),
        (("seconds", 3600),),
    ),
    _moderation(
        C.USER_MUTE_SHOW,
        QT_TRANSLATE_NOOP("commands", "Mute for this show"),
        "Ctrl+4",
        (_USER,),
        (("seconds", 0),),
    ),
    _moderation(C.USER_UNMUTE, QT_TRANSLATE_NOOP("commands", "Unmute"), "Ctrl+U", (_USER,)),
    _moderation(
        C.USER_BLOCK, QT_TRANSLATE_NOOP("commands", "Add to blocklist"), "Ctrl+B", (_USER,)
    ),
    _moderation(
        C.USER_UNBLOCK, QT_TRANSLATE_NOOP("commands", "Remove from blocklist"), "", (_USER,)
    ),
    CommandSpec(
        C.ROOM_BAN_ALL,
        QT_TRANSLATE_NOOP("commands", "Ban all comments"),
        "Ctrl+Shift+B",
        needs=Capability.BAN_ALL,
        confirm=Confirm.ALWAYS,
    ),
    CommandSpec(
        C.ROOM_UNBAN_ALL,
        QT_TRANSLATE_NOOP("commands", "Allow comments again"),
        needs=Capability.BAN_ALL,
    ),
    CommandSpec(
        C.RULES_SET,
        QT_TRANSLATE_NOOP("commands", "Set keyword rules"),
        args=(
            Arg("block", ArgKind.TEXT_LIST, "words that hide a comment", False, ()),
            Arg("highlight", ArgKind.TEXT_LIST, "words that highlight a comment", False, ()),
            Arg("question", ArgKind.TEXT_LIST, "words that mark a question", False, None),
        ),
    ),
)

_GOODS_SPECS = (
    CommandSpec(
        C.GOODS_PUSH,
        QT_TRANSLATE_NOOP("commands", "Push goods"),
        "",
        (_NUMBER,),
        Capability.PUSH_GOODS,
    ),
    *(
        CommandSpec(
            preset,
            QT_TRANSLATE_NOOP("commands", "Push goods no. %n"),
            str(n),
            needs=Capability.PUSH_GOODS,
            family=C.GOODS_PUSH,
            preset=(("number", n),),
        )
        for n, preset in enumerate(PUSH_PRESETS, 1)
    ),
    CommandSpec(
        C.GOODS_ON_SALE,
        QT_TRANSLATE_NOOP("commands", "Put goods on sale"),
        "",
        (_NUMBER,),
        Capability.GOODS_ON_SALE,
    ),
    CommandSpec(
        C.GOODS_OFF_SALE,
        QT_TRANSLATE_NOOP("commands", "Take goods off sale"),
        "",
        (_NUMBER,),
        Capability.GOODS_ON_SALE,
        confirm=Confirm.ALWAYS,
    ),
    CommandSpec(
        C.GOODS_SORT,
        QT_TRANSLATE_NOOP("commands", "Sort goods"),
        args=(Arg("order", ArgKind.TEXT_LIST, "every goods id of the room, in the new order"),),
        needs=Capability.SORT_GOODS,
    ),
    CommandSpec(
        C.GOODS_IMPORT,
        QT_TRANSLATE_NOOP("commands", "Import goods"),
        args=(Arg("goods_ids", ArgKind.TEXT_LIST, "approved goods to add to the room"),),
        needs=Capability.IMPORT_GOODS,
    ),
    CommandSpec(
        C.GOODS_REFRESH,
        QT_TRANSLATE_NOOP("commands", "Refresh goods"),
        "Ctrl+R",
        lane=Lane.READ,
        audited=False,
    ),
)

_LOTTERY_SPECS = (
    CommandSpec(
        C.LOTTERY_CREATE,
        QT_TRANSLATE_NOOP("commands", "Create lottery"),
        args=(
            Arg(
                "kind",
                ArgKind.TEXT,
                "comment or like",
                False,
                "comment",
                choices=("comment", "like"),
            ),
            Arg("keyword", ArgKind.TEXT, "comment lottery: the keyword to comment", False, ""),
            Arg("prize", ArgKind.TEXT, "the prize"),
            Arg("winners", ArgKind.INTEGER, "how many win", False, 1, minimum=1),
            Arg(
                "countdown",
                ArgKind.INTEGER,
                "seconds to the draw; 0: draw by hand",
                False,
                60,
                minimum=0,
            ),
            Arg(
                "exclude_moderated",
                ArgKind.BOOLEAN,
                "leave out muted and blocked users",
                False,
                True,
            ),
            Arg("exclude_staff", ArgKind.BOOLEAN, "leave out the staff accounts", False, True),
            Arg("staff", ArgKind.TEXT_LIST, "user ids of staff accounts", False, ()),
            Arg(
                "exclude_past_winners",
                ArgKind.BOOLEAN,
                "leave out this show's winners",
                False,
                False,
            ),
            Arg(
                "auto_start_likes",
                ArgKind.INTEGER,
                "like lottery: open at this many likes",
                False,
                None,
                minimum=1,
            ),
        ),
    ),
    CommandSpec(C.LOTTERY_OPEN, QT_TRANSLATE_NOOP("commands", "Open lottery"), "Ctrl+L"),
    CommandSpec(C.LOTTERY_CLOSE, QT_TRANSLATE_NOOP("commands", "Close lottery"), "Ctrl+Shift+L"),
    CommandSpec(C.LOTTERY_DRAW, QT_TRANSLATE_NOOP("commands", "Draw winners"), "Ctrl+D"),
    CommandSpec(
        C.LOTTERY_REROLL,
        QT_TRANSLATE_NOOP("commands", "Re-roll one winner"),
        "Ctrl+Shift+D",
        (
            Arg(
                "position", ArgKind.INTEGER, "the winner's place in the draw (1 = first)", minimum=1
            ),
        ),
    ),
    CommandSpec(
        C.LOTTERY_EXPORT_PROOF,
        QT_TRANSLATE_NOOP("commands", "Export lottery proof"),
        args=(
            Arg("path", ArgKind.TEXT, "where to write the proof (a .json file)"),
            Arg(
                "number",
                ArgKind.INTEGER,
                "the lottery's number; default: the newest",
                False,
                None,
                minimum=1,
            ),
        ),
        lane=Lane.READ,
    ),
)


def _obs(
    command: C,
    title: str,
    key: str = "",
    args: tuple[Arg, ...] = (),
    *,
    confirm: Confirm = Confirm.NEVER,
    preset: tuple[tuple[str, int], ...] = (),
    needs: Need | None = Need.OBS,
) -> CommandSpec:
    """An OBS command: it needs a connected OBS (``needs`` None: a choice of this console,
    kept while OBS is away) and runs on OBS's own lane."""
    family = C.OBS_SCENE if preset else None
    return CommandSpec(
        command,
        title,
        key,
        args,
        needs,
        confirm=confirm,
        lane=Lane.OBS,
        family=family,
        preset=preset,
    )


_SCENE_NUMBER = Arg(
    "number", ArgKind.INTEGER, "the scene's place in OBS's list (1 = first)", False, None, minimum=1
)
_ENABLED = Arg(
    "enabled", ArgKind.BOOLEAN, "on (true) or off (false); default: the other way", False
)
_PUSH_URL = Arg(
    "push_url",
    ArgKind.TEXT,
    "rtmp://host/app/stream-key; default: the WeChat room's push address",
    False,
    None,
)

_OBS_SPECS = (
    _obs(
        C.OBS_SCENE,
        QT_TRANSLATE_NOOP("commands", "Switch scene"),
        args=(Arg("name", ArgKind.TEXT, "the scene's name", False, None), _SCENE_NUMBER),
    ),
    *(
        _obs(
            preset,
            QT_TRANSLATE_NOOP("commands", "Switch to scene %n"),
            f"F{n}",
            preset=(("number", n),),
        )
        for n, preset in enumerate(SCENE_PRESETS, 1)
    ),
    _obs(
        C.OBS_TAKE,
        QT_TRANSLATE_NOOP("commands", "Take (preview to program)"),
        "Ctrl+T",
    ),
    _obs(
        C.OBS_STUDIO_MODE,
        QT_TRANSLATE_NOOP("commands", "Studio mode on/off"),
        args=(_ENABLED,),
    ),
    _obs(
        C.OBS_SCENE_KEYS_TO_PROGRAM,
        QT_TRANSLATE_NOOP("commands", "Scene keys go straight on air"),
        args=(_ENABLED,),
        needs=None,
    ),
    _obs(
        C.OBS_TRANSITION,
        QT_TRANSLATE_NOOP("commands", "Choose transition"),
        args=(
            Arg("name", ArgKind.TEXT, "the transition's name, as OBS lists it"),
            Arg(
                "duration_ms",
                ArgKind.INTEGER,
                "its duration in milliseconds; default: unchanged",
                False,
                None,
                minimum=50,
                maximum=20_000,
            ),
        ),
    ),
    _obs(
        C.OBS_SOURCE_VISIBLE,
        QT_TRANSLATE_NOOP("commands", "Show/hide source"),
        args=(
            Arg("source", ArgKind.TEXT, "the source's name (may be left out with item_id)", False),
            Arg("visible", ArgKind.BOOLEAN, "show (true) or hide (false)"),
            Arg("scene", ArgKind.TEXT, "the scene; default: the current one", False, None),
            Arg(
                "item_id",
                ArgKind.INTEGER,
                "OBS's sceneItemId: picks one of several copies of a source; default: the "
                "source's first one",
                False,
                None,
                minimum=0,
            ),
            Arg("group", ArgKind.TEXT, "the group in the scene holding the item", False, None),
        ),
    ),
    _obs(
        C.OBS_INPUT_MUTE,
        QT_TRANSLATE_NOOP("commands", "Mute/unmute audio"),
        args=(
            Arg("input", ArgKind.TEXT, "the audio input's name"),
            Arg("muted", ArgKind.BOOLEAN, "mute (true) or unmute (false)"),
        ),
    ),
    _obs(C.OBS_MIC_TOGGLE, QT_TRANSLATE_NOOP("commands", "Mute/unmute microphone"), "Ctrl+M"),
    _obs(
        C.OBS_MIC_CHOOSE,
        QT_TRANSLATE_NOOP("commands", "Choose the microphone"),
        args=(Arg("input", ArgKind.TEXT, "the audio input; empty: OBS's first microphone"),),
    ),
    _obs(C.OBS_STREAM_START, QT_TRANSLATE_NOOP("commands", "Start streaming")),
    _obs(
        C.OBS_STREAM_STOP,
        QT_TRANSLATE_NOOP("commands", "Stop streaming"),
        confirm=Confirm.ALWAYS,
    ),
    _obs(
        C.OBS_STREAM_TOGGLE,
        QT_TRANSLATE_NOOP("commands", "Start/stop streaming"),
        "Ctrl+Shift+S",
    ),
    _obs(C.OBS_RECORD_START, QT_TRANSLATE_NOOP("commands", "Start recording")),
    _obs(
        C.OBS_RECORD_STOP,
        QT_TRANSLATE_NOOP("commands", "Stop recording"),
        confirm=Confirm.ALWAYS,
    ),
    _obs(
        C.OBS_RECORD_TOGGLE,
        QT_TRANSLATE_NOOP("commands", "Start/stop recording"),
        "Ctrl+Shift+R",
    ),
    _obs(C.OBS_RECORD_PAUSE, QT_TRANSLATE_NOOP("commands", "Pause recording")),
    _obs(C.OBS_RECORD_RESUME, QT_TRANSLATE_NOOP("commands", "Resume recording")),
    _obs(C.OBS_RECORD_PAUSE_TOGGLE, QT_TRANSLATE_NOOP("commands", "Pause/resume recording")),
    _obs(C.OBS_REPLAY_START, QT_TRANSLATE_NOOP("commands", "Start the replay buffer")),
    _obs(C.OBS_REPLAY_STOP, QT_TRANSLATE_NOOP("commands", "Stop the replay buffer")),
    _obs(C.OBS_REPLAY_TOGGLE, QT_TRANSLATE_NOOP("commands", "Start/stop the replay buffer")),
    _obs(C.OBS_REPLAY_SAVE, QT_TRANSLATE_NOOP("commands", "Save replay")),
    _obs(C.OBS_VIRTUAL_CAMERA_START, QT_TRANSLATE_NOOP("commands", "Start the virtual camera")),
    _obs(C.OBS_VIRTUAL_CAMERA_STOP, QT_TRANSLATE_NOOP("commands", "Stop the virtual camera")),
    _obs(
        C.OBS_VIRTUAL_CAMERA_TOGGLE,
        QT_TRANSLATE_NOOP("commands", "Start/stop the virtual camera"),
    ),
    _obs(
        C.OBS_STREAM_TARGET,
        QT_TRANSLATE_NOOP("commands", "Stream to the room's push address"),
        args=(_PUSH_URL,),
    ),
    _obs(
        C.OBS_STREAM_TARGET_RESTORE,
        QT_TRANSLATE_NOOP("commands", "Restore my OBS stream settings"),
    ),
)

_ROOM_SPECS = (
    CommandSpec(
        C.ROOM_REPLAY,
        QT_TRANSLATE_NOOP("commands", "Replay on/off"),
        args=(Arg("enabled", ArgKind.BOOLEAN, "replay available after the show"),),
        needs=Need.ROOM_API,
    ),
    CommandSpec(
        C.ROOM_ASSISTANT,
        QT_TRANSLATE_NOOP("commands", "Add assistant"),
        args=(
            Arg("username", ArgKind.TEXT, "the assistant's WeChat ID"),
            Arg("nickname", ArgKind.TEXT, "the assistant's nickname"),
        ),
        needs=Need.ROOM_API,
    ),
    CommandSpec(
        C.ROOM_REMINDER,
        QT_TRANSLATE_NOOP("commands", "Send live reminder"),
        args=(Arg("openids", ArgKind.TEXT_LIST, "the subscribers' openids"),),
        needs=Need.ROOM_API,
    ),
    CommandSpec(
        C.ROOM_PUSH_URL, QT_TRANSLATE_NOOP("commands", "Get push address"), needs=Need.ROOM_API
    ),
    CommandSpec(
        C.ROOM_SHARE_CODE, QT_TRANSLATE_NOOP("commands", "Get share code"), needs=Need.ROOM_API
    ),
)

_SEGMENT = Arg(
    "number", ArgKind.INTEGER, "the segment's place in the rundown (1 = first)", minimum=1
)
_RUNDOWN_SPECS = (
    CommandSpec(C.RUNDOWN_NEXT, QT_TRANSLATE_NOOP("commands", "Next segment (GO)"), "F9"),
    CommandSpec(C.RUNDOWN_PREVIOUS, QT_TRANSLATE_NOOP("commands", "Previous segment"), "Shift+F9"),
    CommandSpec(
        C.RUNDOWN_PAUSE, QT_TRANSLATE_NOOP("commands", "Pause/resume the rundown"), "Ctrl+F9"
    ),
    CommandSpec(C.RUNDOWN_JUMP, QT_TRANSLATE_NOOP("commands", "Jump to segment"), args=(_SEGMENT,)),
    CommandSpec(
        C.RUNDOWN_SKIP,
        QT_TRANSLATE_NOOP("commands", "Skip segment"),
        args=(
            Arg(
                "number",
                ArgKind.INTEGER,
                "the segment to skip, or to take back when skipped; default: the next one",
                False,
                None,
                minimum=1,
            ),
        ),
    ),
)

_PROMPTER_SPECS = (
    CommandSpec(
        C.PROMPTER_QUESTION,
        QT_TRANSLATE_NOOP("commands", "Send to the prompter"),
        "Ctrl+P",
        (_COMMENT,),
    ),
    CommandSpec(
        C.PROMPTER_MESSAGE,
        QT_TRANSLATE_NOOP("commands", "Message to the anchor"),
        args=(Arg("text", ArgKind.TEXT, "a short message for the prompter; empty: take it off"),),
    ),
    CommandSpec(C.PROMPTER_CLEAR, QT_TRANSLATE_NOOP("commands", "Clear the prompter")),
)

_SHOW_SPECS = (
    CommandSpec(C.SHOW_END, QT_TRANSLATE_NOOP("commands", "End this show"), confirm=Confirm.ALWAYS),
    CommandSpec(
        C.SHOW_NEW, QT_TRANSLATE_NOOP("commands", "Start a new show"), confirm=Confirm.ALWAYS
    ),
    CommandSpec(
        C.APP_QUIT, QT_TRANSLATE_NOOP("commands", "Quit"), "Ctrl+Q", confirm=Confirm.WHEN_RISKY
    ),
)

COMMANDS: dict[C, CommandSpec] = {
    spec.id: spec
    for spec in (
        *_MODERATION_SPECS,
        *_GOODS_SPECS,
        *_LOTTERY_SPECS,
        *_OBS_SPECS,
        *_ROOM_SPECS,
        *_RUNDOWN_SPECS,
        *_PROMPTER_SPECS,
        *_SHOW_SPECS,
    )
}
