"""What each command does, in one table: the service call that validates it, applies it and
returns its plan; the commands it stands for (a toggle, a draw that closes first); and when it
cannot run now, with the reason the operator reads (disabled menu items, the control API's
"why not").

A binding receives the session (its services) and the checked arguments; it never blocks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from console.commands.ids import CommandId as C
from console.commands.spec import Entry
from console.errors import OperatorError, Unsupported
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Plan, Scope, said
from console.lottery.model import LotteryKind, LotterySettings, LotteryState
from console.messages import Message
from console.moderation import DEFAULT_QUESTION_WORDS, KeywordRules
from console.obs.service import (
    NO_REPLAY_BUFFER,
    NO_VIRTUAL_CAMERA,
    NOTHING_TO_RESTORE,
    STREAMING_NO_TARGET_CHANGE,
    STUDIO_MODE_OFF,
)
from console.obs.state import Phase

if TYPE_CHECKING:
    from console.obs.service import ObsService
    from console.room import RoomService
    from console.session import LiveSession

Args = dict[str, Any]
Step = tuple[C, Args]


@dataclass(frozen=True, slots=True)
class Binding:
    plan: Callable[[LiveSession, Args, Entry], Plan] | None = None
    # A command that stands for others (a toggle, a sequence): the commands to run instead.
    steps: Callable[[LiveSession, Args], list[Step]] | None = None
    # Why it cannot run now (beyond its spec's needs); ``args`` are a preset's fixed ones.
    why_not: Callable[[LiveSession, Args], OperatorError | None] | None = None


# -- moderation ---------------------------------------------------------------------------------
def _comment(session: LiveSession, comment_id: str) -> Any:
    comment = session.people.comment(comment_id)
    if comment is None:
        raise OperatorError(
            QT_TRANSLATE_NOOP(
                "errors", "Comment {comment} is not among this show's recent comments."
            ),
            comment=comment_id,
        )
    return comment


def _delete(session: LiveSession, args: Args, _entry: Entry) -> Plan:
    return session.moderation.delete_comment(_comment(session, args["comment_id"]))


def _mute(session: LiveSession, args: Args, _entry: Entry) -> Plan:
    user_id = args["user_id"]
    seconds = args["seconds"] or None  # 0: for the rest of the show
    return session.moderation.mute_user(user_id, session.people.nickname(user_id), seconds)


def _user(call: Callable[[Any, str, str], Plan]) -> Callable[[LiveSession, Args, Entry], Plan]:
    def bound(session: LiveSession, args: Args, _entry: Entry) -> Plan:
        user_id = args["user_id"]
        return call(session.moderation, user_id, session.people.nickname(user_id))

    return bound


def _rules(session: LiveSession, args: Args, _entry: Entry) -> Plan:
    question = args["question"]
    rules = KeywordRules(
        tuple(args["block"]),
        tuple(args["highlight"]),
        DEFAULT_QUESTION_WORDS if question is None else tuple(question),
    )
    return session.moderation.set_rules(rules)


# -- goods --------------------------------------------------------------------------------------
def _goods_number(call: Callable[[Any, str], Plan]) -> Callable[[LiveSession, Args, Entry], Plan]:
    def bound(session: LiveSession, args: Args, _entry: Entry) -> Plan:
        goods = session.goods
        return call(goods, goods.goods_id_of(args["number"]))

    return bound


def _goods_loaded(session: LiveSession, args: Args) -> OperatorError | None:
    goods = session.goods
    if not goods.loaded:
        return OperatorError(QT_TRANSLATE_NOOP("errors", "The goods list is not loaded yet."))
    number = args.get("number")
    if number is not None and number > len(goods.order()):
        return OperatorError(
            QT_TRANSLATE_NOOP("errors", "There is no goods no. {number} in the room."),
            number=number,
        )
    return None


def _has_goods(session: LiveSession, _args: Args) -> OperatorError | None:
    if session.goods.supports_goods:
        return None
    return Unsupported(QT_TRANSLATE_NOOP("errors", "This platform has no goods list."))


def _refresh(session: LiveSession, _args: Args, entry: Entry) -> Plan:
    goods = session.goods
    # The console's own read at start says nothing when it works: the list shows it.
    text = "" if entry is Entry.AUTO else QT_TRANSLATE_NOOP("outcomes", "Goods list reloaded")
    done = said(text)
    return Plan("room", "", done, scope=Scope.CONSOLE, remote=goods.load)


# -- lottery ------------------------------------------------------------------------------------
def _create(session: LiveSession, args: Args, _entry: Entry) -> Plan:
    lottery = session.lottery
    settings = LotterySettings(
        kind=LotteryKind(args["kind"]),
        keyword=args["keyword"],
        prize=args["prize"],
        winners=args["winners"],
        countdown=args["countdown"] or None,
        exclude_moderated=args["exclude_moderated"],
        exclude_staff=args["exclude_staff"],
        staff=tuple(args["staff"]) or lottery.preferences.staff,
        exclude_past_winners=args["exclude_past_winners"],
        auto_start_likes=args["auto_start_likes"],
    )
    return lottery.create(settings)


def _lottery_state(session: LiveSession) -> LotteryState | None:
    view = session.lottery.current()
    return view.state if view is not None else None


def _lottery_in(
    *states: LotteryState,
) -> Callable[[LiveSession, Args], OperatorError | None]:
    def why_not(session: LiveSession, _args: Args) -> OperatorError | None:
        view = session.lottery.current()
        if view is None:
            return OperatorError(QT_TRANSLATE_NOOP("errors", "Create a lottery first."))
        if view.state in states:
            return None
        return OperatorError(_LOTTERY_STATE_TEXT[view.state], number=view.number)

    return why_not


_LOTTERY_STATE_TEXT = {
    LotteryState.READY: QT_TRANSLATE_NOOP("errors", "Lottery #{number} is not open yet."),
    LotteryState.OPEN: QT_TRANSLATE_NOOP("errors", "Lottery #{number} is open: draw it first."),
    LotteryState.CLOSED: QT_TRANSLATE_NOOP(
        "errors", "Lottery #{number} is closed: draw its winners first."
    ),
    LotteryState.DRAWN: QT_TRANSLATE_NOOP("errors", "Lottery #{number} is drawn already."),
}


def _can_create(session: LiveSession, _args: Args) -> OperatorError | None:
    not_ready = session.lottery.not_ready()
    if not_ready is not None:
        return not_ready
    view = session.lottery.current()
    if view is not None and view.state in (LotteryState.OPEN, LotteryState.CLOSED):
        return OperatorError(
            QT_TRANSLATE_NOOP("errors", "Lottery #{number} is still running: draw it first."),
            number=view.number,
        )
    return None


def _can_reroll(session: LiveSession, args: Args) -> OperatorError | None:
    why = _lottery_in(LotteryState.DRAWN)(session, args)
    if why is not None:
        return why
    view = session.lottery.current()
    if view is not None and not view.can_reroll:
        return OperatorError(
            QT_TRANSLATE_NOOP(
                "errors", "Everyone who entered has been drawn: nobody is left to re-roll."
            )
        )
    return None


def _draw_steps(session: LiveSession, _args: Args) -> list[Step]:
    """Drawing an open lottery closes it first."""
    if _lottery_state(session) is LotteryState.OPEN:
        return [(C.LOTTERY_CLOSE, {}), (C.LOTTERY_DRAW, {})]
    return [(C.LOTTERY_DRAW, {})]


# -- OBS ----------------------------------------------------------------------------------------
def _obs(session: LiveSession) -> ObsService:
    if session.obs is None:
        raise OperatorError(OBS_OFF)
    return session.obs


OBS_OFF = QT_TRANSLATE_NOOP("errors", "OBS control is off in this console.")


def _scene(session: LiveSession, args: Args, _entry: Entry) -> Plan:
    obs = _obs(session)
    name, number = args["name"], args["number"]
    if (name is None) == (number is None):
        raise OperatorError(QT_TRANSLATE_NOOP("errors", "Name the scene, or give its number."))
    return obs.switch_scene(name if name is not None else obs.scene_named(number))


def _scene_exists(session: LiveSession, args: Args) -> OperatorError | None:
    number = args.get("number")
    obs = session.obs
    if number is None or obs is None or not obs.state.connected:
        return None
    if number > len(obs.state.scenes):
        return OperatorError(
            QT_TRANSLATE_NOOP("errors", "OBS has no scene no. {number}."), number=number
        )
    return None


NO_MIC = QT_TRANSLATE_NOOP(
    "errors",
    "OBS has no microphone (no Mic/Aux device, no audio input capture): choose the input "
    "that is the microphone in the OBS panel.",
)


def _mic(session: LiveSession, _args: Args) -> OperatorError | None:
    obs = session.obs
    if obs is not None and obs.state.connected and obs.state.mic is None:
        return OperatorError(NO_MIC)
    return None


def _mic_steps(session: LiveSession, _args: Args) -> list[Step]:
    mic = _obs(session).state.mic
    if mic is None:
        raise OperatorError(NO_MIC)
    return [(C.OBS_INPUT_MUTE, {"input": mic.name, "muted": not mic.muted})]


def _studio_mode_on(session: LiveSession, _args: Args) -> OperatorError | None:
    obs = session.obs
    if obs is not None and obs.state.connected and not obs.state.studio_mode:
        return OperatorError(STUDIO_MODE_OFF)
    return None


def _has(which: str) -> Callable[[LiveSession, Args], OperatorError | None]:
    """Refused while OBS has no replay buffer (or virtual camera)."""
    missing = NO_REPLAY_BUFFER if which == "replay_buffer" else NO_VIRTUAL_CAMERA

    def why_not(session: LiveSession, _args: Args) -> OperatorError | None:
        obs = session.obs
        if obs is not None and obs.state.connected and getattr(obs.state, which) is None:
            return OperatorError(missing)
        return None

    return why_not


def _switch_toggle(which: str, start: C, stop: C) -> Callable[[LiveSession, Args], list[Step]]:
    def steps(session: LiveSession, _args: Args) -> list[Step]:
        output = getattr(_obs(session).state, which)
        return [(stop if output is not None and output.running else start, {})]

    return steps


def _pause_steps(session: LiveSession, _args: Args) -> list[Step]:
    paused = _obs(session).state.record.phase is Phase.PAUSED
    return [(C.OBS_RECORD_RESUME if paused else C.OBS_RECORD_PAUSE, {})]


def _recording(session: LiveSession, _args: Args) -> OperatorError | None:
    obs = session.obs
    if obs is not None and obs.state.connected and not obs.state.record.running:
        return OperatorError(QT_TRANSLATE_NOOP("errors", "OBS is not recording."))
    return None


def _source_visible(session: LiveSession, args: Args, _entry: Entry) -> Plan:
    return _obs(session).set_source_visible(
        args["scene"],
        args["source"],
        args["visible"],
        item_id=args["item_id"],
        group=args["group"],
    )


def _restorable(session: LiveSession, _args: Args) -> OperatorError | None:
    obs = session.obs
    if obs is None:
        return None
    if not obs.state.stream_backup:
        return OperatorError(NOTHING_TO_RESTORE)
    return _not_streaming(session, _args)


def _not_streaming(session: LiveSession, _args: Args) -> OperatorError | None:
    """Where OBS streams to must not change under a running stream (OBS refuses, 500)."""
    obs = session.obs
    if obs is not None and (obs.state.stream.running or obs.state.stream.moving):
        return OperatorError(STREAMING_NO_TARGET_CHANGE)
    return None


def _output(*, streaming: bool, start: bool) -> Callable[[LiveSession, Args, Entry], Plan]:
    def bound(session: LiveSession, _args: Args, _entry: Entry) -> Plan:
        return _obs(session).set_output(streaming=streaming, start=start)

    return bound


def _output_toggle(*, streaming: bool) -> Callable[[LiveSession, Args], list[Step]]:
    start, stop = (
        (C.OBS_STREAM_START, C.OBS_STREAM_STOP)
        if streaming
        else (C.OBS_RECORD_START, C.OBS_RECORD_STOP)
    )

    def steps(session: LiveSession, _args: Args) -> list[Step]:
        output = _obs(session).state.output(streaming)
        return [(stop if output.running else start, {})]

    return steps


def _stream_target(session: LiveSession, args: Args, _entry: Entry) -> Plan:
    obs = _obs(session)
    if args["push_url"]:
        return obs.use_push_url(args["push_url"])
    room = session.room
    if room is None:
        raise OperatorError(
            QT_TRANSLATE_NOOP(
                "errors", "Give a push address: this console has no WeChat room to read it from."
            )
        )
    if room.push_url:
        return obs.use_push_url(room.push_url)
    return obs.stream_to(room.read_push_url)


# -- room ---------------------------------------------------------------------------------------
def _room(session: LiveSession) -> RoomService:
    if session.room is None:
        raise OperatorError(ROOM_API_MISSING)
    return session.room


ROOM_API_MISSING = QT_TRANSLATE_NOOP("errors", "Room functions need the WeChat connector.")


# -- the rundown -------------------------------------------------------------------------------
def _rundown(command: str) -> Callable[[LiveSession, Args], OperatorError | None]:
    def why_not(session: LiveSession, args: Args) -> OperatorError | None:
        return session.rundown.why_not(command, args.get("number"))

    return why_not


# -- the show -----------------------------------------------------------------------------------
def _quit(session: LiveSession, _args: Args, _entry: Entry) -> Plan:
    done = said(QT_TRANSLATE_NOOP("outcomes", "LiveDesk is closing"))
    return Plan("console", "", done, scope=Scope.CONSOLE, then=lambda _r: session.request_quit())


def _end_show(session: LiveSession, _args: Args, _entry: Entry) -> Plan:
    done = said(QT_TRANSLATE_NOOP("outcomes", "The show is over: LiveDesk is closing"))
    return _ending(session, done, start_new=False)


def _new_show(session: LiveSession, _args: Args, _entry: Entry) -> Plan:
    done = said(QT_TRANSLATE_NOOP("outcomes", "The show is over: LiveDesk starts a new one"))
    return _ending(session, done, start_new=True)


def _ending(session: LiveSession, done: Message, *, start_new: bool) -> Plan:
    show_id = session.writer.current_show_id
    return Plan(
        str(show_id or ""),
        session.title,
        done,
        scope=Scope.CONSOLE,
        then=lambda _r: session.end_show(start_new=start_new),
    )


BINDINGS: dict[C, Binding] = {
    C.COMMENT_DELETE: Binding(_delete),
    C.USER_MUTE: Binding(_mute),
    C.USER_UNMUTE: Binding(_user(lambda m, u, n: m.unmute_user(u, n))),
    C.USER_BLOCK: Binding(_user(lambda m, u, n: m.block_user(u, n))),
    C.USER_UNBLOCK: Binding(_user(lambda m, u, n: m.unblock_user(u, n))),
    C.ROOM_BAN_ALL: Binding(lambda s, _a, _e: s.moderation.set_ban_all(True)),
    C.ROOM_UNBAN_ALL: Binding(lambda s, _a, _e: s.moderation.set_ban_all(False)),
    C.RULES_SET: Binding(_rules),
    C.GOODS_PUSH: Binding(_goods_number(lambda g, i: g.push(i)), why_not=_goods_loaded),
    C.GOODS_ON_SALE: Binding(
        _goods_number(lambda g, i: g.set_on_sale(i, True)), why_not=_goods_loaded
    ),
    C.GOODS_OFF_SALE: Binding(
        _goods_number(lambda g, i: g.set_on_sale(i, False)), why_not=_goods_loaded
    ),
    C.GOODS_SORT: Binding(lambda s, a, _e: s.goods.sort(a["order"]), why_not=_goods_loaded),
    C.GOODS_IMPORT: Binding(lambda s, a, _e: s.goods.import_goods(a["goods_ids"])),
    C.GOODS_REFRESH: Binding(_refresh, why_not=_has_goods),
    C.LOTTERY_CREATE: Binding(_create, why_not=_can_create),
    C.LOTTERY_OPEN: Binding(
        lambda s, _a, e: s.lottery.open(automatic=e is Entry.AUTO),
        why_not=_lottery_in(LotteryState.READY),
    ),
    C.LOTTERY_CLOSE: Binding(
        lambda s, _a, e: s.lottery.close(automatic=e is Entry.AUTO),
        why_not=_lottery_in(LotteryState.OPEN),
    ),
    C.LOTTERY_DRAW: Binding(
        lambda s, _a, _e: s.lottery.draw(),
        steps=_draw_steps,
        why_not=_lottery_in(LotteryState.OPEN, LotteryState.CLOSED),
    ),
    C.LOTTERY_REROLL: Binding(
        lambda s, a, _e: s.lottery.reroll(a["position"]), why_not=_can_reroll
    ),
    C.LOTTERY_EXPORT_PROOF: Binding(
        lambda s, a, _e: s.lottery.proof_plan(a["path"], a["number"]),
        why_not=_lottery_in(LotteryState.DRAWN),
    ),
    C.OBS_SCENE: Binding(_scene, why_not=_scene_exists),
    C.OBS_TAKE: Binding(lambda s, _a, _e: _obs(s).take(), why_not=_studio_mode_on),
    C.OBS_STUDIO_MODE: Binding(lambda s, a, _e: _obs(s).set_studio_mode(a["enabled"])),
    C.OBS_SCENE_KEYS_TO_PROGRAM: Binding(
        lambda s, a, _e: _obs(s).set_scene_keys_to_program(a["enabled"]),
        why_not=lambda s, _a: OperatorError(OBS_OFF) if s.obs is None else None,
    ),
    C.OBS_TRANSITION: Binding(lambda s, a, _e: _obs(s).set_transition(a["name"], a["duration_ms"])),
    C.OBS_SOURCE_VISIBLE: Binding(_source_visible),
    C.OBS_INPUT_MUTE: Binding(lambda s, a, _e: _obs(s).set_input_muted(a["input"], a["muted"])),
    C.OBS_MIC_TOGGLE: Binding(steps=_mic_steps, why_not=_mic),
    C.OBS_MIC_CHOOSE: Binding(lambda s, a, _e: _obs(s).choose_mic(a["input"])),
    C.OBS_STREAM_START: Binding(_output(streaming=True, start=True)),
    C.OBS_STREAM_STOP: Binding(_output(streaming=True, start=False)),
    C.OBS_STREAM_TOGGLE: Binding(steps=_output_toggle(streaming=True)),
    C.OBS_RECORD_START: Binding(_output(streaming=False, start=True)),
    C.OBS_RECORD_STOP: Binding(_output(streaming=False, start=False)),
    C.OBS_RECORD_TOGGLE: Binding(steps=_output_toggle(streaming=False)),
    C.OBS_RECORD_PAUSE: Binding(lambda s, _a, _e: _obs(s).set_record_paused(True)),
    C.OBS_RECORD_RESUME: Binding(lambda s, _a, _e: _obs(s).set_record_paused(False)),
    C.OBS_RECORD_PAUSE_TOGGLE: Binding(steps=_pause_steps, why_not=_recording),
    C.OBS_REPLAY_START: Binding(
        lambda s, _a, _e: _obs(s).set_replay_buffer(True), why_not=_has("replay_buffer")
    ),
    C.OBS_REPLAY_STOP: Binding(
        lambda s, _a, _e: _obs(s).set_replay_buffer(False), why_not=_has("replay_buffer")
    ),
    C.OBS_REPLAY_TOGGLE: Binding(
        steps=_switch_toggle("replay_buffer", C.OBS_REPLAY_START, C.OBS_REPLAY_STOP),
        why_not=_has("replay_buffer"),
    ),
    C.OBS_REPLAY_SAVE: Binding(
        lambda s, _a, _e: _obs(s).save_replay(), why_not=_has("replay_buffer")
    ),
    C.OBS_VIRTUAL_CAMERA_START: Binding(
        lambda s, _a, _e: _obs(s).set_virtual_camera(True), why_not=_has("virtual_camera")
    ),
    C.OBS_VIRTUAL_CAMERA_STOP: Binding(
        lambda s, _a, _e: _obs(s).set_virtual_camera(False), why_not=_has("virtual_camera")
    ),
    C.OBS_VIRTUAL_CAMERA_TOGGLE: Binding(
        steps=_switch_toggle(
            "virtual_camera", C.OBS_VIRTUAL_CAMERA_START, C.OBS_VIRTUAL_CAMERA_STOP
        ),
        why_not=_has("virtual_camera"),
    ),
    C.OBS_STREAM_TARGET: Binding(_stream_target, why_not=_not_streaming),
    C.OBS_STREAM_TARGET_RESTORE: Binding(
        lambda s, _a, _e: _obs(s).restore_stream_service(), why_not=_restorable
    ),
    C.ROOM_REPLAY: Binding(lambda s, a, _e: _room(s).set_replay(a["enabled"])),
    C.ROOM_ASSISTANT: Binding(
        lambda s, a, _e: _room(s).add_assistant(a["username"], a["nickname"])
    ),
    C.ROOM_REMINDER: Binding(lambda s, a, _e: _room(s).send_reminder(a["openids"])),
    C.ROOM_PUSH_URL: Binding(lambda s, _a, _e: _room(s).fetch_push_url()),
    C.ROOM_SHARE_CODE: Binding(lambda s, _a, _e: _room(s).fetch_share_code()),
    C.RUNDOWN_NEXT: Binding(lambda s, _a, _e: s.rundown.go(), why_not=_rundown("next")),
    C.RUNDOWN_PREVIOUS: Binding(
        lambda s, _a, _e: s.rundown.previous(), why_not=_rundown("previous")
    ),
    C.RUNDOWN_PAUSE: Binding(lambda s, _a, _e: s.rundown.pause(), why_not=_rundown("pause")),
    C.RUNDOWN_JUMP: Binding(lambda s, a, _e: s.rundown.jump(a["number"]), why_not=_rundown("jump")),
    C.RUNDOWN_SKIP: Binding(lambda s, a, _e: s.rundown.skip(a["number"]), why_not=_rundown("skip")),
    C.PROMPTER_QUESTION: Binding(lambda s, a, _e: s.prompter.pick(_comment(s, a["comment_id"]))),
    C.PROMPTER_MESSAGE: Binding(lambda s, a, _e: s.prompter.say(a["text"])),
    C.PROMPTER_CLEAR: Binding(lambda s, _a, _e: s.prompter.clear()),
    C.SHOW_END: Binding(_end_show),
    C.SHOW_NEW: Binding(_new_show),
    C.APP_QUIT: Binding(_quit),
}
