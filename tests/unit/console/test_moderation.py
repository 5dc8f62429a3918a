"""Moderation service: verdicts, platform vs local actions, undo on refusal, audit, persistence."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from console.actions import BanAllComments, Capability, DeleteComment, MuteUser, UnmuteUser
from console.errors import Unsupported
from console.events import Comment, Like, Viewers
from console.jobs import Outcome, Plan, Scope
from console.moderation import KeywordRules, ModerationService
from console.platforms.demo import DemoConnector, DemoSettings
from console.show import LiveShow
from console.storage.database import create_db_engine
from console.storage.models import AuditEntry, CommentRecord
from console.storage.writer import ShowInfo, StorageWriter
from console.verdicts import HiddenReason
from helpers.connectors import ScriptedConnector
from helpers.jobs import PlanRunner
from helpers.sinks import RecordingSink


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def comment(n: int, user: str = "u1", text: str = "你好", t: float = 1.0) -> Comment:
    return Comment(t, f"c{n}", user, f"昵称{user}", text)


@pytest.fixture
def stack(db_url: str):
    """A service over a started writer, with a capable scripted platform."""
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("demo"))
    writer.start()
    writer.show_id()
    connector = ScriptedConnector()
    clock = Clock()
    service = ModerationService(connector, writer, operator="场控小王", clock=clock)
    show = LiveShow(writer, classify=service.classify)
    yield service, connector, writer, engine, clock, show
    writer.close()


def run(plan: Plan, action: str, writer: StorageWriter | None = None) -> Outcome:
    """Carry ``plan`` out as the console does (audited into ``writer``)."""
    return PlanRunner(writer, "场控小王")(plan, action)


def audit_rows(engine, writer) -> list[AuditEntry]:
    assert writer.flush()
    with Session(engine) as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_questions_and_highlights_match_across_case_and_width() -> None:
    service = ModerationService(ScriptedConnector(), None, operator="x", clock=Clock())
    run(
        service.set_rules(
            KeywordRules(block=("vx",), highlight=("主播",), question=("多少钱", "?", "link"))
        ),
        "rules.set",
    )
    assert service.classify(comment(1, text="这个多少钱")).question
    assert service.classify(comment(2, text="有吗？")).question  # full-width question mark
    assert service.classify(comment(3, text="LINK在哪")).question
    assert service.classify(comment(4, text="ＬＩＮＫ")).question  # full-width letters
    assert service.classify(comment(5, text="主播好美")).highlight
    assert not service.classify(comment(6, text="好看")).question
    spam = service.classify(comment(7, text="加ＶＸ领券"))
    assert spam.hidden is HiddenReason.KEYWORD
    assert service.hidden_counts() == {HiddenReason.KEYWORD: 1}


def test_default_rules_detect_common_questions() -> None:
    service = ModerationService(ScriptedConnector(), None, operator="x", clock=Clock())
    for question in ("价格多少", "多少钱呀", "链接在哪", "怎么买", "尺码怎么选", "有货吗"):
        assert service.classify(comment(1, text=question)).question, question


def test_delete_on_a_capable_platform(stack) -> None:
    service, connector, writer, engine, _clock, show = stack
    c = comment(1)
    show.ingest(c)
    plan = service.delete_comment(c)
    assert service.deleted_scope("c1") is Scope.PLATFORM  # local state changes before the call
    outcome = run(plan, "comment.delete", writer)
    assert outcome.ok and outcome.scope is Scope.PLATFORM
    assert connector.performed == [DeleteComment("c1")]
    [entry] = audit_rows(engine, writer)
    assert (entry.action, entry.target, entry.result, entry.operator) == (
        "comment.delete",
        "c1",
        "ok",
        "场控小王",
    )
    assert json.loads(entry.detail)["text"] == "你好"
    with Session(engine) as session:
        assert session.scalars(select(CommentRecord.moderation)).one() == "deleted"


def test_without_the_capability_actions_stay_local(db_url: str) -> None:
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("replay"))
    writer.start()
    connector = ScriptedConnector(capabilities=frozenset({Capability.LIVE_EVENTS}))
    service = ModerationService(connector, writer, operator="op", clock=Clock())
    show = LiveShow(writer, classify=service.classify)
    c = comment(1)
    show.ingest(c)
    assert run(service.delete_comment(c), "comment.delete", writer).scope is Scope.LOCAL
    assert run(service.mute_user("u1", "n", 60), "user.mute", writer).scope is Scope.LOCAL
    assert connector.performed == []
    assert service.deleted_scope("c1") is Scope.LOCAL
    assert service.classify(comment(2, t=2)).hidden is HiddenReason.MUTED  # hidden here anyway
    assert [e.result for e in audit_rows(engine, writer)] == ["local", "local"]
    with Session(engine) as session:
        assert session.scalars(select(CommentRecord.moderation)).one() == "deleted_local"
    with pytest.raises(Unsupported):
        service.set_ban_all(True)
    writer.close()


def test_a_refusal_undoes_the_local_change_and_is_audited(stack) -> None:
    service, connector, writer, engine, _clock, show = stack
    c = comment(1)
    show.ingest(c)
    connector.refuse_next = "room closed"
    outcome = run(service.delete_comment(c), "comment.delete", writer)
    assert not outcome.ok and "room closed" in str(outcome.error)
    assert service.deleted_scope("c1") is None
    connector.refuse_next = "nope"
    assert not run(service.mute_user("u2", "n", 60), "user.mute", writer).ok
    assert not service.is_muted("u2")
    entries = audit_rows(engine, writer)
    assert [e.result for e in entries] == ["error", "error"]
    assert "room closed" in json.loads(entries[0].detail)["error"]
    with Session(engine) as session:
        assert session.scalars(select(CommentRecord.moderation)).one() == ""


def test_mutes_expire_in_show_time(stack) -> None:
    service, connector, _writer, _engine, clock, _show = stack
    clock.now = 10
    assert run(service.mute_user("u1", "n", 60), "user.mute").ok
    assert connector.performed == [MuteUser("u1", 60)]
    assert service.classify(comment(1, t=30)).hidden is HiddenReason.MUTED
    assert service.classify(comment(2, t=71)).hidden is None
    assert run(service.mute_user("u3", "n", None), "user.mute").ok  # rest of the show
    assert service.classify(comment(3, user="u3", t=99_999)).hidden is HiddenReason.MUTED
    clock.now = 20
    assert run(service.unmute_user("u3", "n"), "user.unmute").ok
    assert connector.performed[-1] == UnmuteUser("u3")
    assert service.classify(comment(4, user="u3", t=21)).hidden is None
    assert service.hidden_counts() == {HiddenReason.MUTED: 2}


def test_blocklist_and_rules_survive_a_restart(db_url: str) -> None:
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("demo"))
    writer.start()
    writer.show_id()
    connector = ScriptedConnector()
    service = ModerationService(connector, writer, operator="op", clock=Clock())
    assert run(service.block_user("spam01", "广告号"), "user.block").ok
    assert connector.performed == [MuteUser("spam01", None)]  # muted on the platform too
    run(service.set_rules(KeywordRules(block=("加微信",), question=("几号",))), "rules.set", writer)
    assert writer.close()

    writer2 = StorageWriter(engine, ShowInfo("demo"))
    writer2.start()
    later = ModerationService(ScriptedConnector(), writer2, operator="op", clock=Clock())
    later.load(engine)
    assert later.is_blocked("spam01")
    assert later.classify(comment(1, user="spam01")).hidden is HiddenReason.BLOCKED
    assert later.classify(comment(2, text="加微信送礼")).hidden is HiddenReason.KEYWORD
    assert later.classify(comment(3, text="几号链接")).question
    assert later.rules.block == ("加微信",)
    assert run(later.unblock_user("spam01", "广告号"), "user.unblock").ok
    assert writer2.close()
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from blocked_users")).scalar_one() == 0


def test_ban_all_reaches_the_platform(stack) -> None:
    service, connector, *_ = stack
    assert run(service.set_ban_all(True), "room.ban_all").ok and service.banned_all
    assert run(service.set_ban_all(False), "room.ban_all").ok and not service.banned_all
    assert connector.performed == [BanAllComments(True), BanAllComments(False)]


def test_excluded_users_are_blocked_or_muted_now(stack) -> None:
    service, _connector, _writer, _engine, clock, _show = stack
    clock.now = 0
    run(service.mute_user("m1", "n", 60), "user.mute")
    run(service.block_user("b1", "n"), "user.block")
    assert service.excluded_users() == {"m1", "b1"}
    clock.now = 61
    assert service.excluded_users() == {"b1"}


def test_the_demo_audience_obeys_moderation() -> None:
    connector = DemoConnector(DemoSettings(seed=3, comment_rate=400))
    sink = RecordingSink()
    service = ModerationService(connector, None, operator="op", clock=lambda: 0.0)
    connector.start(sink)
    deadline = time.monotonic() + 5
    while not any(isinstance(e, Comment) for e in sink.events) and time.monotonic() < deadline:
        time.sleep(0.01)
    first = next(e for e in sink.events if isinstance(e, Comment))
    regulars = {e.user_id for e in sink.events if isinstance(e, Comment)}
    for user in regulars:
        assert run(service.mute_user(user, "n", None), "user.mute").ok
    assert run(service.delete_comment(first), "comment.delete").ok
    time.sleep(0.5)
    view = connector.viewer_view()
    assert first.id in view.removed_comment_ids
    assert regulars <= view.muted_users
    assert view.withheld_comments > 0  # muted viewers kept typing; nobody saw it
    assert run(service.set_ban_all(True), "room.ban_all").ok
    time.sleep(0.2)
    mark = len(sink.events)
    time.sleep(1.2)
    connector.stop()
    during_ban = sink.events[mark:]
    assert not any(isinstance(e, Comment) for e in during_ban)  # nobody can comment
    assert any(isinstance(e, Viewers | Like) for e in during_ban)  # but the room goes on
    assert connector.viewer_view().blocked_by_ban > 50
