"""Lottery service: entries from live events, exclusions, limits, countdown, likes threshold,
re-rolls, storage and proofs an outsider can check."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.commands import CommandId
from console.errors import OperatorError
from console.events import Comment, Like
from console.lottery.draw import commitment, draw
from console.lottery.model import (
    DEFAULT_ANNOUNCEMENT,
    MAX_LOTTERIES_PER_SHOW,
    LotteryKind,
    LotteryPreferences,
    LotteryPreset,
    LotterySettings,
    LotteryState,
    announcement_text,
)
from console.lottery.proof import Proof, verify_proof
from console.lottery.service import LotteryService
from console.moderation import ModerationService
from console.people import People
from console.show import LiveShow
from console.storage.database import create_db_engine
from console.storage.models import AuditEntry
from console.storage.queries import load_lottery
from console.storage.writer import ShowInfo, StorageWriter
from helpers.connectors import ScriptedConnector
from helpers.jobs import PlanRunner

REPO = Path(__file__).resolve().parents[3]


class Clock:
    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class HookConnector(ScriptedConnector):
    """Remembers what the console told it about lotteries."""

    def __init__(self) -> None:
        super().__init__()
        self.hooks: list[tuple[str, ...]] = []

    def lottery_opened(self, kind: str, keyword: str) -> None:
        self.hooks.append(("opened", kind, keyword))

    def lottery_closed(self) -> None:
        self.hooks.append(("closed",))


@dataclasses.dataclass
class Stack:
    service: LotteryService
    moderation: ModerationService
    show: LiveShow
    connector: HookConnector
    writer: StorageWriter
    timer: Clock
    engine: object
    people: People
    do: PlanRunner
    seq: int = 0

    def say(self, user: str, text: str, nickname: str | None = None) -> Comment:
        self.seq += 1
        comment = Comment(float(self.seq), f"c{self.seq}", user, nickname or f"观众{user}", text)
        self.show.ingest(comment)
        return comment

    def like(self, user: str, count: int = 1) -> None:
        self.seq += 1
        self.show.ingest(Like(float(self.seq), user, count))

    def audit(self) -> list[AuditEntry]:
        assert self.writer.flush()
        with Session(self.engine) as session:  # type: ignore[arg-type]
            return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


@pytest.fixture
def stack(db_url: str):
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("demo"))
    writer.start()
    writer.show_id()
    connector = HookConnector()
    show = LiveShow(writer)
    people = People()
    show.add_listener(people.on_event)
    moderation = ModerationService(connector, writer, operator="场控小王", clock=show.clock)
    show.classify = moderation.classify
    timer = Clock(100.0)
    service = LotteryService(
        connector,
        writer,
        moderation,
        people,
        operator="场控小王",
        timer=timer,
        engine=engine,
    )
    show.add_listener(service.on_event)
    service.load()
    do = PlanRunner(writer, "场控小王")
    yield Stack(service, moderation, show, connector, writer, timer, engine, people, do)
    writer.close()


def comment_lottery(keyword: str = "想要", winners: int = 1, **extra) -> LotterySettings:
    return LotterySettings(LotteryKind.COMMENT, keyword, "蓝牙耳机", winners, None, **extra)


def run_round(stack: Stack, settings: LotterySettings, entrants: list[str]) -> None:
    """Create, open, let ``entrants`` comment the keyword, close and draw."""
    stack.do(stack.service.create(settings), "lottery.create")
    stack.do(stack.service.open(), "lottery.open")
    for user in entrants:
        stack.say(user, settings.keyword)
    stack.do(stack.service.close(), "lottery.close")
    stack.do(stack.service.draw(), "lottery.draw")


# Entries


def test_one_entry_per_user_matching_the_keyword_in_any_case_and_width(stack: Stack) -> None:
    service = stack.service
    stack.do(service.create(comment_lottery("想要XL")), "lottery.create")
    stack.do(service.open(), "lottery.open")
    first = stack.say("u1", "我想要xl!!")
    stack.say("u1", "想要XL")  # a second entry of the same user changes nothing
    stack.say("u2", "想要ｘｌ")  # full-width letters
    stack.say("u3", "想要")  # not the keyword
    stack.say("u4", "ＸＬ想要")  # the words in another order
    stack.say("u5", "想要  XL")
    assert service.current().entrants == 2
    stack.do(service.close(), "lottery.close")
    assert stack.writer.flush()
    stored = load_lottery(stack.engine, stack.writer.show_id(), 1)
    assert [(e.user_id, e.via, e.t, e.nickname) for e in stored.entrants] == [
        ("u1", first.id, first.t, "观众u1"),
        ("u2", "c3", 3.0, "观众u2"),
    ]


def test_entries_count_only_while_the_lottery_is_open(stack: Stack) -> None:
    service = stack.service
    stack.do(service.create(comment_lottery()), "lottery.create")
    stack.say("early", "想要")  # created but not open yet
    stack.do(service.open(), "lottery.open")
    stack.say("on-time", "想要")
    stack.do(service.close(), "lottery.close")
    stack.say("late", "想要")
    assert service.current().entrants == 1
    stack.do(service.draw(), "lottery.draw")
    assert [w.user_id for w in service.current().winners] == ["on-time"]


def test_the_commitment_is_published_when_it_opens_and_the_seed_only_after_the_draw(
    stack: Stack,
) -> None:
    service = stack.service
    stack.do(service.create(comment_lottery()), "lottery.create")
    assert service.current().commitment == ""
    stack.do(service.open(), "lottery.open")
    opened = service.current()
    assert len(opened.commitment) == 64 and opened.seed == ""
    open_audit = [e for e in stack.audit() if e.action == "lottery.open"]
    assert json.loads(open_audit[0].detail)["commitment"] == opened.commitment
    assert stack.connector.hooks == [("opened", "comment", "想要")]
    stack.say("u1", "想要")
    stack.do(service.close(), "lottery.close")
    stack.do(service.draw(), "lottery.draw")
    drawn = service.current()
    assert commitment(bytes.fromhex(drawn.seed)) == opened.commitment
    assert stack.connector.hooks[-1] == ("closed",)


def test_like_lottery_enters_users_who_liked_while_open(stack: Stack) -> None:
    service = stack.service
    stack.say("u1", "主播好", nickname="小鹿")
    stack.like("u1")
    stack.do(
        service.create(
            LotterySettings(LotteryKind.LIKE, prize="优惠券", winners=5, countdown=None)
        ),
        "lottery.create",
    )
    stack.do(service.open(), "lottery.open")
    stack.like("u1", 12)
    stack.like("u2")
    stack.like("u2")
    stack.say("u3", "想要")  # comments do not enter a like lottery
    stack.do(service.close(), "lottery.close")
    stack.do(service.draw(), "lottery.draw")
    winners = {w.user_id: w.name for w in service.current().winners}
    assert winners == {"u1": "小鹿", "u2": "u2"}  # no nickname known for u2: its id


# Exclusions


def test_muted_and_blocked_users_are_left_out_of_the_draw(stack: Stack) -> None:
    service = stack.service
    stack.do(service.create(comment_lottery(winners=10)), "lottery.create")
    stack.do(service.open(), "lottery.open")
    for user in ("u1", "u2", "u3", "u4"):
        stack.say(user, "想要")
    stack.do(stack.moderation.mute_user("u2", "观众u2", 600), "user.mute")
    stack.do(stack.moderation.block_user("u3", "观众u3"), "user.block")
    stack.do(service.close(), "lottery.close")
    stack.do(service.draw(), "lottery.draw")
    view = service.current()
    assert {w.user_id for w in view.winners} == {"u1", "u4"}
    assert view.excluded == {"muted": 1, "blocked": 1}
    assert stack.writer.flush()
    stored = load_lottery(stack.engine, stack.writer.show_id(), 1)
    assert {e.user_id: e.excluded for e in stored.entrants} == {
        "u1": "",
        "u2": "muted",
        "u3": "blocked",
        "u4": "",
    }


def test_a_mute_that_ended_before_the_draw_does_not_exclude(stack: Stack) -> None:
    service = stack.service
    stack.do(service.create(comment_lottery(winners=10)), "lottery.create")
    stack.do(service.open(), "lottery.open")
    stack.say("u1", "想要")
    stack.do(
        stack.moderation.mute_user("u1", "观众u1", 1), "user.mute"
    )  # show clock 1.0: muted until 2.0
    stack.say("u2", "想要")
    stack.say("u3", "想要")  # show clock now 3.0
    stack.do(service.close(), "lottery.close")
    stack.do(service.draw(), "lottery.draw")
    assert {w.user_id for w in service.current().winners} == {"u1", "u2", "u3"}


def test_exclusions_can_be_switched_off(stack: Stack) -> None:
    stack.do(stack.moderation.mute_user("u2", "观众u2", None), "user.mute")
    run_round(
        stack, comment_lottery(winners=10, exclude_moderated=False, staff=("u1",)), ["u1", "u2"]
    )
    assert {w.user_id for w in stack.service.current().winners} == {"u2"}  # staff still out
    settings = comment_lottery(winners=10, exclude_moderated=False, exclude_staff=False)
    run_round(stack, dataclasses.replace(settings, staff=("u1",)), ["u1", "u2"])
    assert {w.user_id for w in stack.service.current().winners} == {"u1", "u2"}


def test_staff_and_past_winners_of_this_show_are_left_out(stack: Stack) -> None:
    run_round(stack, comment_lottery(winners=2), ["a", "b"])  # both win round 1
    settings = comment_lottery(winners=10, staff=(" host ", ""), exclude_past_winners=True)
    run_round(stack, settings, ["a", "b", "c", "host"])
    view = stack.service.current()
    assert view.settings.staff == ("host",)
    assert [w.user_id for w in view.winners] == ["c"]
    assert view.excluded == {"past_winner": 2, "staff": 1}
    # Without the option, earlier winners may win again.
    run_round(stack, comment_lottery(winners=10), ["a", "c"])
    assert {w.user_id for w in stack.service.current().winners} == {"a", "c"}


# Rules and limits


def test_at_most_30_lotteries_per_show(stack: Stack) -> None:
    service = stack.service
    assert service.remaining_lotteries == MAX_LOTTERIES_PER_SHOW == 30
    for n in range(1, 31):
        run_round(stack, comment_lottery(), [f"u{n}"])
        assert service.remaining_lotteries == 30 - n
    with pytest.raises(OperatorError) as refused:
        service.create(comment_lottery())
    assert "30" in refused.value.render()
    assert service.current().number == 30


def test_a_draft_that_never_opened_is_replaced_not_counted(stack: Stack) -> None:
    service = stack.service
    stack.do(service.create(comment_lottery("想要")), "lottery.create")
    stack.do(service.create(comment_lottery("福袋")), "lottery.create")
    assert service.remaining_lotteries == 29
    view = service.current()
    assert (view.number, view.settings.keyword) == (1, "福袋")
    stack.do(service.open(), "lottery.open")
    assert stack.writer.flush()
    stored = load_lottery(stack.engine, stack.writer.show_id(), 1)
    assert (stored.lottery.keyword, stored.lottery.state) == ("福袋", "open")


def test_a_running_lottery_must_be_drawn_before_the_next(stack: Stack) -> None:
    service = stack.service
    stack.do(service.create(comment_lottery()), "lottery.create")
    stack.do(service.open(), "lottery.open")
    with pytest.raises(OperatorError, match="still running"):
        service.create(comment_lottery())
    stack.do(service.close(), "lottery.close")
    with pytest.raises(OperatorError, match="still running"):
        service.create(comment_lottery())
    stack.do(service.draw(), "lottery.draw")
    stack.do(service.create(comment_lottery()), "lottery.create")
    assert service.current().number == 2


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (comment_lottery(keyword="  "), "needs a keyword"),
        (comment_lottery(keyword="x" * 65), "keyword is too long"),
        (dataclasses.replace(comment_lottery(), prize=" "), "Name the prize"),
        (comment_lottery(winners=0), "1 to 500 winners"),
        (dataclasses.replace(comment_lottery(), countdown=2), "5 to 3600 seconds"),
    ],
)
def test_invalid_settings_are_refused_with_a_reason(
    stack: Stack, settings: LotterySettings, message: str
) -> None:
    with pytest.raises(OperatorError, match=message):
        stack.service.create(settings)
    assert stack.service.current() is None


def test_actions_out_of_order_are_refused(stack: Stack) -> None:
    service = stack.service
    with pytest.raises(OperatorError, match="Create a lottery first"):
        service.open()
    stack.do(service.create(comment_lottery()), "lottery.create")
    with pytest.raises(OperatorError, match="is not open"):
        service.close()
    with pytest.raises(OperatorError, match="Close lottery #1"):
        service.draw()
    with pytest.raises(OperatorError, match="no winners yet"):
        service.reroll(1)
    stack.do(service.open(), "lottery.open")
    with pytest.raises(OperatorError, match="opened already"):
        service.open()
    stack.do(service.close(), "lottery.close")
    stack.do(service.draw(), "lottery.draw")
    with pytest.raises(OperatorError, match="drawn already"):
        service.draw()


# Countdown and likes threshold


def test_the_countdown_closes_and_draws_at_zero(stack: Stack) -> None:
    service = stack.service
    stack.do(service.create(dataclasses.replace(comment_lottery(), countdown=60)), "lottery.create")
    assert service.current().remaining == 60
    assert service.due() == []  # not open: nothing counts down
    stack.do(service.open(), "lottery.open")
    stack.say("u1", "想要")
    stack.timer.now += 59.5
    assert service.current().remaining == pytest.approx(0.5)
    assert service.due() == []
    assert service.current().state is LotteryState.OPEN
    stack.timer.now += 0.5
    assert service.due() == [CommandId.LOTTERY_CLOSE, CommandId.LOTTERY_DRAW]
    closed = stack.do(service.close(automatic=True), "lottery.close")
    assert closed.done.render() == "Countdown over: lottery #1 closed"
    stack.do(service.draw(), "lottery.draw")
    view = service.current()
    assert view.state is LotteryState.DRAWN and [w.user_id for w in view.winners] == ["u1"]
    assert service.due() == []
    assert [e.action for e in stack.audit()][-2:] == ["lottery.close", "lottery.draw"]


def test_a_manual_lottery_waits_for_the_operator(stack: Stack) -> None:
    service = stack.service
    stack.do(service.create(comment_lottery()), "lottery.create")
    stack.do(service.open(), "lottery.open")
    stack.timer.now += 10_000
    assert service.due() == []
    assert service.current().remaining is None


def test_a_like_lottery_starts_itself_when_the_likes_cross_the_threshold(stack: Stack) -> None:
    service = stack.service
    stack.like("u1", 40)
    with pytest.raises(OperatorError, match="40 likes already"):
        service.create(LotterySettings(LotteryKind.LIKE, "", "券", 1, None, auto_start_likes=40))
    settings = LotterySettings(LotteryKind.LIKE, "", "券", 3, None, auto_start_likes=100)
    stack.do(service.create(settings), "lottery.create")
    stack.like("u2", 59)  # 99 in all
    assert service.due() == []
    assert service.current().state is LotteryState.READY
    stack.like("u3", 1)
    assert service.due() == [CommandId.LOTTERY_OPEN]
    opened = stack.do(service.open(automatic=True), "lottery.open")
    assert opened.done.render() == "Lottery #1 opened by itself: the room reached 100 likes"
    assert service.current().state is LotteryState.OPEN
    stack.like("u4")
    stack.do(service.close(), "lottery.close")
    stack.do(service.draw(), "lottery.draw")
    assert [w.user_id for w in service.current().winners] == [
        "u4"
    ]  # likes before the start do not count
    assert stack.connector.hooks[0] == ("opened", "like", "")


def test_the_threshold_applies_to_like_lotteries_only(stack: Stack) -> None:
    stack.do(stack.service.create(comment_lottery(auto_start_likes=5)), "lottery.create")
    assert stack.service.current().settings.auto_start_likes is None


# Re-rolls


def test_a_reroll_gives_the_prize_to_the_next_of_the_same_draw(stack: Stack) -> None:
    users = [f"u{i}" for i in range(8)]
    run_round(stack, comment_lottery(winners=3), users)
    service = stack.service
    before = service.current()
    seed = bytes.fromhex(before.seed)
    assert [w.user_id for w in before.winners] == draw(users, 3, seed)
    stack.do(service.reroll(2), "lottery.reroll")
    after = service.current()
    assert [w.user_id for w in after.winners] == draw(users, 4, seed)
    assert [w.forfeited for w in after.winners] == [False, True, False, False]
    assert [w.user_id for w in after.final_winners] == [
        before.winners[0].user_id,
        before.winners[2].user_id,
        after.winners[3].user_id,
    ]
    with pytest.raises(OperatorError, match="re-rolled already"):
        service.reroll(2)
    with pytest.raises(OperatorError, match="Select a winner"):
        service.reroll(9)
    detail = json.loads(stack.audit()[-1].detail)
    assert detail["forfeited"]["user_id"] == before.winners[1].user_id
    assert detail["winner"] == {
        "position": 4,
        "user_id": after.winners[3].user_id,
        "nickname": f"观众{after.winners[3].user_id}",
    }


def test_a_reroll_needs_someone_left_in_the_pool(stack: Stack) -> None:
    run_round(stack, comment_lottery(winners=2), ["a", "b", "c"])
    stack.do(stack.service.reroll(1), "lottery.reroll")
    assert not stack.service.current().can_reroll
    with pytest.raises(OperatorError, match="nobody is left"):
        stack.service.reroll(2)


def test_a_forfeited_winner_is_no_past_winner_but_the_replacement_is(stack: Stack) -> None:
    run_round(stack, comment_lottery(winners=1), ["a", "b"])
    first = stack.service.current().winners[0].user_id
    stack.do(stack.service.reroll(1), "lottery.reroll")
    second = stack.service.current().winners[1].user_id
    run_round(stack, comment_lottery(winners=5, exclude_past_winners=True), ["a", "b"])
    assert [w.user_id for w in stack.service.current().winners] == [first]
    assert first != second


# Storage, audit and proofs


def test_storage_round_trip(stack: Stack) -> None:
    stack.do(stack.moderation.mute_user("u1", "观众u1", None), "user.mute")
    run_round(stack, comment_lottery(winners=2), ["u0", "u1", "u2", "u3", "u4"])
    stack.do(stack.service.reroll(1), "lottery.reroll")
    view = stack.service.current()
    assert stack.writer.flush()
    stored = load_lottery(stack.engine, stack.writer.show_id(), 1)
    lottery = stored.lottery
    assert (lottery.kind, lottery.keyword, lottery.prize, lottery.winners) == (
        "comment",
        "想要",
        "蓝牙耳机",
        2,
    )
    assert (lottery.state, lottery.commitment, lottery.seed) == (
        "drawn",
        view.commitment,
        view.seed,
    )
    assert lottery.operator == "场控小王"
    assert lottery.created_at <= lottery.opened_at <= lottery.closed_at <= lottery.drawn_at
    assert json.loads(lottery.settings)["exclude_moderated"] is True
    assert [e.user_id for e in stored.entrants] == ["u0", "u1", "u2", "u3", "u4"]
    assert [(w.position, w.user_id, w.forfeited) for w in stored.winners] == [
        (w.position, w.user_id, w.forfeited) for w in view.winners
    ]
    actions = [(e.action, e.target, e.result, e.operator) for e in stack.audit()]
    assert actions[1:] == [
        (action, "lottery-1", "ok", "场控小王")
        for action in (
            "lottery.create",
            "lottery.open",
            "lottery.close",
            "lottery.draw",
            "lottery.reroll",
        )
    ]
    draw_detail = json.loads(stack.audit()[4].detail)
    assert draw_detail["seed"] == view.seed and draw_detail["commitment"] == view.commitment
    assert (draw_detail["entrants"], draw_detail["eligible"]) == (5, 4)
    assert [w["user_id"] for w in draw_detail["winners"]] == [w.user_id for w in view.winners[:2]]


def test_exported_proof_verifies_with_the_library_and_the_cli(stack: Stack, tmp_path: Path) -> None:
    stack.do(stack.moderation.block_user("u3", "观众u3"), "user.block")
    run_round(stack, comment_lottery(winners=3), [f"u{i}" for i in range(12)])
    stack.do(stack.service.reroll(1), "lottery.reroll")
    path = tmp_path / "第1轮.json"
    proof, summary = stack.service.export_proof(1, path)
    assert summary == "3 winners from 11 entrants verified (1 forfeited, 1 re-rolled)"
    assert verify_proof(Proof.load(path)) == (True, summary)
    assert "u3" not in proof.entrants and proof.settings["excluded"] == {"u3": "blocked"}
    assert proof.winners == [w.user_id for w in stack.service.current().final_winners]
    assert proof.names["u0"] == "观众u0" and proof.prize == "蓝牙耳机"
    result = run_cli(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"OK: {summary}")


def test_a_tampered_proof_fails(stack: Stack, tmp_path: Path) -> None:
    run_round(stack, comment_lottery(winners=2), [f"u{i}" for i in range(10)])
    path = tmp_path / "proof.json"
    proof, _ = stack.service.export_proof(1, path)
    outsider = next(e for e in proof.entrants if e not in proof.drawn)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["drawn"][0] = outsider
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli(path)
    assert result.returncode == 1
    assert result.stdout.startswith("FAILED: winners differ")
    ok, reason = verify_proof(dataclasses.replace(proof, seed="00" * 32))
    assert not ok and reason.startswith("commitment mismatch")


def test_a_proof_needs_a_drawn_lottery(stack: Stack, tmp_path: Path) -> None:
    stack.do(stack.service.create(comment_lottery()), "lottery.create")
    stack.do(stack.service.open(), "lottery.open")
    with pytest.raises(OperatorError, match="no winners yet"):
        stack.service.export_proof(1, tmp_path / "proof.json")
    assert not (tmp_path / "proof.json").exists()


def run_cli(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console.lottery", "verify", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


# Announcement and preferences


def test_the_announcement_lists_the_final_winners_in_chinese(stack: Stack) -> None:
    run_round(stack, comment_lottery(winners=2), ["a", "b", "c"])
    stack.do(stack.service.reroll(1), "lottery.reroll")
    view = stack.service.current()
    names = [w.name for w in view.final_winners]
    assert announcement_text(DEFAULT_ANNOUNCEMENT, view) == (
        f"恭喜以下 2 位观众抽中【蓝牙耳机】：1. {names[0]} 2. {names[1]}  请在 10 分钟内联系客服领奖"
    )
    assert announcement_text("第{number}轮 {keyword} {unknown}", view) == "第1轮 想要 {unknown}"
    assert announcement_text("坏模板 {", view) == "坏模板 {"


def test_preferences_are_saved_and_read_back(stack: Stack) -> None:
    service = stack.service
    assert service.preferences == LotteryPreferences()  # nothing saved: the defaults
    mine = LotteryPreferences(
        presets=(LotteryPreset("直播间专属", comment_lottery("专属", winners=2, staff=("x",))),),
        staff=("host", "assistant"),
        announcement="恭喜 {winners}",
    )
    service.save_preferences(mine)
    assert stack.writer.flush()
    service.preferences = LotteryPreferences()
    loaded = service.load()
    assert loaded.staff == ("host", "assistant") and loaded.announcement == "恭喜 {winners}"
    # Presets keep the settings but not staff ids: those are the show team's, kept once.
    assert loaded.presets == (LotteryPreset("直播间专属", comment_lottery("专属", winners=2)),)


# A show resumed after a crash


def test_a_resumed_show_continues_its_lotteries(stack: Stack) -> None:
    run_round(stack, comment_lottery(winners=2), ["a", "b", "c"])
    winners = {w.user_id for w in stack.service.current().winners}
    stack.do(stack.service.create(comment_lottery()), "lottery.create")
    stack.do(
        stack.service.open(), "lottery.open"
    )  # ... and the console crashes: the seed of round 2 is lost
    after_crash = LotteryService(
        stack.connector,
        stack.writer,
        stack.moderation,
        stack.people,
        operator="场控小王",
        engine=stack.engine,
    )
    with pytest.raises(OperatorError, match="still loading"):
        after_crash.create(comment_lottery())
    assert stack.writer.flush()
    after_crash.load()
    assert after_crash.remaining_lotteries == 28
    stack.do(
        after_crash.create(comment_lottery(winners=5, exclude_past_winners=True)), "lottery.create"
    )
    stack.do(after_crash.open(), "lottery.open")
    for user in ("a", "b", "c"):
        after_crash.on_event(Comment(50.0, f"r-{user}", user, user, "想要"))
    stack.do(after_crash.close(), "lottery.close")
    stack.do(after_crash.draw(), "lottery.draw")
    view = after_crash.current()
    assert view.number == 3
    assert {w.user_id for w in view.winners} == {"a", "b", "c"} - winners
    assert stack.writer.flush()
    show_id = stack.writer.show_id()
    states = [load_lottery(stack.engine, show_id, n).lottery.state for n in (1, 2, 3)]
    assert states == ["drawn", "void", "drawn"]
