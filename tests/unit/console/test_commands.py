"""The command registry and its router, without a window: every command is registered with a
binding and typed arguments, presets and toggles expand, what cannot run says why, an
irreversible command waits for its confirmation, and each run ends in one audit entry."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.actions import BanAllComments, Capability
from console.commands import COMMANDS, CommandId, Entry
from console.commands.bindings import BINDINGS
from console.errors import BadCommand, NeedsConfirmation, UnknownCommand
from console.events import Comment
from console.jobs import Outcome, Scope
from console.lottery.model import LotteryState
from console.platforms.demo import DemoConnector, DemoSettings
from console.session import LiveSession
from console.storage.models import AuditEntry
from helpers.connectors import ScriptedConnector

COMMENTS = [Comment(1.0, "c1", "u1", "小鹿", "主播好"), Comment(2.0, "c2", "u2", "阿杰", "想要")]


@pytest.fixture
def session(db_url: str) -> Iterator[LiveSession]:
    live = LiveSession(ScriptedConnector(COMMENTS), db_url, operator="场控小王")
    live.start()
    deadline = time.monotonic() + 10
    while live.people.comment("c2") is None and time.monotonic() < deadline:
        time.sleep(0.01)
    yield live
    live.stop()


@pytest.fixture
def demo(db_url: str) -> Iterator[LiveSession]:
    live = LiveSession(DemoConnector(DemoSettings(seed=4, comment_rate=40)), db_url)
    live.start()
    deadline = time.monotonic() + 10
    while not live.goods.loaded and time.monotonic() < deadline:
        time.sleep(0.01)
    assert live.goods.loaded
    yield live
    live.stop()


def run(
    session: LiveSession, command: str, args: dict[str, Any] | None = None, **kw: Any
) -> Outcome:
    return session.commands.submit(command, args, Entry.CONTROL_API, **kw).result(10)


def audits(session: LiveSession) -> list[AuditEntry]:
    assert session.writer.flush()
    with Session(session.engine) as db:
        return list(db.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_every_command_id_is_registered_with_a_binding_and_described() -> None:
    assert set(COMMANDS) == set(CommandId)
    for command, spec in COMMANDS.items():
        assert spec.id is command and spec.title
        binding = BINDINGS[spec.family or command]
        assert binding.plan is not None or binding.steps is not None, command
        if spec.family is not None:  # a preset fixes arguments of its family
            family = {arg.name for arg in COMMANDS[spec.family].args}
            assert {name for name, _ in spec.preset} <= family
            assert spec.action is spec.family
        else:
            assert spec.action is command  # audited under its own id
        described = spec.describe()
        assert described["id"] == command.value
        assert [a["name"] for a in described["args"]] == [a.name for a in spec.args]
    irreversible = {c for c, spec in COMMANDS.items() if spec.irreversible}
    assert irreversible == {
        CommandId.OBS_STREAM_STOP,
        CommandId.OBS_RECORD_STOP,
        CommandId.SHOW_END,
        CommandId.SHOW_NEW,  # it ends this show
        CommandId.ROOM_BAN_ALL,
        CommandId.GOODS_OFF_SALE,
        CommandId.APP_QUIT,  # while streaming, or while the database fails
    }


def test_arguments_are_checked_before_anything_happens(session: LiveSession) -> None:
    for args, problem in (
        ({}, "user_id (string) is missing"),
        ({"user_id": 7}, "user_id must be string"),
        ({"user_id": "u1", "seconds": "60"}, "seconds must be integer"),
        ({"user_id": "u1", "seconds": True}, "seconds must be integer"),  # a bool is no number
        ({"user_id": "u1", "seconds": -5}, "seconds must be >= 0"),
        ({"user_id": "u1", "forever": True}, "unknown argument(s) forever"),
    ):
        outcome = run(session, "user.mute", args)
        assert isinstance(outcome.error, BadCommand) and outcome.refused, args
        assert problem in outcome.message
    assert isinstance(run(session, "user.explode").error, UnknownCommand)
    assert not session.moderation.is_muted("u1")
    assert session.connector.performed == []  # type: ignore[attr-defined]
    assert audits(session) == []  # refusals are not audited


def test_a_preset_is_its_family_with_arguments_fixed(session: LiveSession) -> None:
    outcome = run(session, "user.mute.10m", {"user_id": "u2"})
    assert outcome.ok and (outcome.command, outcome.action) == ("user.mute.10m", "user.mute")
    assert outcome.subject == "阿杰"  # the nickname the show knows, not the id
    [entry] = audits(session)
    assert (entry.action, entry.target, entry.subject, entry.entry) == (
        "user.mute",
        "u2",
        "阿杰",
        "control_api",
    )
    assert json.loads(entry.detail)["seconds"] == 600
    assert entry.operator == "场控小王"


def test_an_irreversible_command_waits_for_its_confirmation(session: LiveSession) -> None:
    assert session.commands.needs_confirmation(CommandId.ROOM_BAN_ALL)
    refused = run(session, "room.ban_all")
    assert isinstance(refused.error, NeedsConfirmation) and refused.refused
    assert not session.moderation.banned_all  # nothing was applied
    assert run(session, "room.ban_all", confirmed=True).ok
    assert session.moderation.banned_all
    assert not session.commands.needs_confirmation(CommandId.ROOM_UNBAN_ALL)
    assert run(session, "room.unban_all").ok
    performed = session.connector.performed  # type: ignore[attr-defined]
    assert performed == [BanAllComments(True), BanAllComments(False)]
    assert [e.action for e in audits(session)] == ["room.ban_all", "room.unban_all"]


def test_quitting_asks_only_while_streaming(session: LiveSession) -> None:
    assert not session.commands.needs_confirmation(CommandId.APP_QUIT)  # no OBS, not live
    asked: list[str] = []
    session.add_quit_listener(lambda: asked.append("quit"))
    assert run(session, "app.quit").ok
    assert asked == ["quit"]


def test_what_cannot_run_says_why(session: LiveSession) -> None:
    why = {c: session.commands.availability(c).why for c in CommandId}
    assert why[CommandId.OBS_SCENE_1] is not None
    assert why[CommandId.OBS_SCENE_1].render() == "OBS control is off in this console."
    assert why[CommandId.ROOM_REPLAY].render() == "Room functions need the WeChat connector."
    assert why[CommandId.LOTTERY_OPEN].render() == "Create a lottery first."
    assert why[CommandId.GOODS_REFRESH].render() == "This platform has no goods list."
    assert why[CommandId.GOODS_PUSH_1] is not None  # no goods capability on this platform
    assert why[CommandId.COMMENT_DELETE] is None  # done here when the platform cannot
    assert why[CommandId.LOTTERY_CREATE] is None
    outcome = run(session, "obs.scene.1")
    assert outcome.refused and outcome.message == "OBS control is off in this console."


def test_moderation_without_the_capability_is_done_here_only(db_url: str) -> None:
    events_only = ScriptedConnector(COMMENTS, capabilities=frozenset({Capability.LIVE_EVENTS}))
    live = LiveSession(events_only, db_url)
    live.start()
    try:
        deadline = time.monotonic() + 10
        while live.people.comment("c1") is None and time.monotonic() < deadline:
            time.sleep(0.01)
        outcome = run(live, "comment.delete", {"comment_id": "c1"})
        assert outcome.ok and outcome.scope is Scope.LOCAL
        assert live.moderation.deleted_scope("c1") is Scope.LOCAL
        assert [(e.action, e.result) for e in audits(live)] == [("comment.delete", "local")]
        assert run(live, "room.ban_all", confirmed=True).refused  # no local ban-all
    finally:
        live.stop()


def test_a_platform_refusal_undoes_the_local_step_and_is_audited(session: LiveSession) -> None:
    session.connector.refuse_next = "直播间已关闭"  # type: ignore[attr-defined]
    outcome = run(session, "comment.delete", {"comment_id": "c1"})
    assert not outcome.ok and not outcome.refused
    assert "直播间已关闭" in outcome.message
    assert session.moderation.deleted_scope("c1") is None
    [entry] = audits(session)
    assert (entry.action, entry.result, entry.subject) == (
        "comment.delete",
        "error",
        "小鹿：主播好",
    )


def test_goods_by_number_and_the_steps_of_a_draw(demo: LiveSession) -> None:
    assert run(demo, "goods.push.2").ok
    assert run(demo, "goods.push", {"number": 2}).refused  # inside the cooldown
    assert run(demo, "goods.push", {"number": 99}).message == (
        "There is no goods no. 99 in the room."
    )
    assert run(demo, "lottery.create", {"prize": "耳机", "keyword": "想要", "countdown": 0}).ok
    assert run(demo, "lottery.open").ok
    deadline = time.monotonic() + 10
    while demo.lottery.current().entrants < 1 and time.monotonic() < deadline:  # type: ignore[union-attr]
        time.sleep(0.05)
    drawn = run(demo, "lottery.draw")  # an open lottery is closed first, then drawn
    assert drawn.ok and drawn.action == "lottery.draw"
    view = demo.lottery.current()
    assert view is not None and view.state is LotteryState.DRAWN and view.winners
    actions = [e.action for e in audits(demo)]
    assert actions == [
        "goods.push",
        "lottery.create",
        "lottery.open",
        "lottery.close",
        "lottery.draw",
    ]
    pushed = audits(demo)[0]
    assert (pushed.target, pushed.subject, pushed.result) == ("g002", "真丝睡衣套装", "ok")
    assert demo.goods.row("g002").pushed is not None


def test_a_countdown_draws_on_the_core_clock_without_a_window(demo: LiveSession) -> None:
    create = {"prize": "福袋", "keyword": "想要", "countdown": 5, "winners": 3}
    assert run(demo, "lottery.create", create).ok
    assert run(demo, "lottery.open").ok
    deadline = time.monotonic() + 15
    while demo.lottery.current().state is not LotteryState.DRAWN:  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the countdown never drew the lottery"
        time.sleep(0.1)
    auto = [(e.action, e.entry) for e in audits(demo) if e.entry == "auto"]
    assert auto == [("lottery.close", "auto"), ("lottery.draw", "auto")]
