"""Lotteries from the real widgets, against the demo room's audience."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QToolButton,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.commands import CommandId
from console.events import Comment
from console.lottery.model import LotteryState
from console.lottery.proof import Proof
from console.platforms.demo import DemoConnector, DemoSettings
from console.storage.models import AppState, AuditEntry
from console.storage.queries import load_lottery
from console.textmatch import normalize
from ui.controllers.lottery import LotteryController
from ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(make_window) -> MainWindow:
    # A busy room: enough viewers that a handful join every second.
    return make_window(DemoConnector(DemoSettings(seed=11, peak_viewers=3000)))


@pytest.fixture
def lottery(window: MainWindow, qtbot) -> LotteryController:
    controller = window.lottery
    qtbot.waitUntil(lambda: controller.panel.new_button.isEnabled(), timeout=10_000)
    return controller


def child(controller: LotteryController, kind: type, name: str):  # type: ignore[no-untyped-def]
    widget = controller.panel.findChild(kind, name)
    assert widget is not None, name
    return widget


def number(controller: LotteryController, name: str) -> int:
    return int(child(controller, QLabel, name).text().replace(",", ""))


def click(qtbot, controller: LotteryController, name: str) -> None:
    button = child(controller, QToolButton, name)
    assert button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def state(controller: LotteryController) -> LotteryState | None:
    view = controller.service.current()
    return view.state if view else None


def winner_ids(controller: LotteryController) -> list[str]:
    table = child(controller, QTableWidget, "winnersTable")
    return [table.item(row, 2).text() for row in range(table.rowCount())]


def create_with_dialog(
    qtbot, controller: LotteryController, preset: str, fill: Callable[[object], None]
) -> None:
    """Click "New lottery…", pick ``preset``, let ``fill`` adjust the fields, click Create."""

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "lotteryCreateDialog"
        presets = dialog.findChild(QComboBox, "presetBox")
        presets.setCurrentIndex(presets.findText(preset))
        fill(dialog)
        create = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(create, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(controller.panel.new_button, Qt.MouseButton.LeftButton)
    # The offscreen platform does not give the focus back when a dialog closes; a desktop does.
    window = controller.dialog_parent
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def audit_actions(window: MainWindow) -> list[str]:
    assert window.session.writer.flush()
    with Session(window.session.engine) as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def run_cli(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console.lottery", "verify", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_a_comment_lottery_from_open_to_winners_leaves_muted_users_out(
    window: MainWindow, lottery: LotteryController, qtbot, tmp_path: Path
) -> None:
    assert "30/30" in child(lottery, QLabel, "lotteriesLeft").text()

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.findChild(QLineEdit, "prizeEdit").setText("蓝牙耳机")
        dialog.findChild(QSpinBox, "winnersSpin").setValue(200)  # more than will enter
        dialog.findChild(QCheckBox, "countdownCheck").setChecked(False)  # drawn by hand

    create_with_dialog(qtbot, lottery, "评论抽奖 · 想要", fill)
    view = lottery.service.current()
    assert (
        view is not None and view.settings.keyword == "想要" and view.settings.prize == "蓝牙耳机"
    )
    assert "29/30" in child(lottery, QLabel, "lotteriesLeft").text()
    assert child(lottery, QLineEdit, "commitment").text() == ""

    click(qtbot, lottery, "openLotteryButton")
    opened_at = window.session.show.clock()
    commitment = child(lottery, QLineEdit, "commitment").text()
    assert len(commitment) == 64  # shown at once, before any entry
    assert child(lottery, QLineEdit, "seed").text() == ""

    # The demo audience comments the keyword; the count on the panel follows.
    qtbot.waitUntil(lambda: number(lottery, "entrantCount") > 5, timeout=15_000)
    feed = window.comment_model

    def an_entrant() -> Comment | None:
        for row in range(feed.rowCount()):
            comment = feed.comment_at(row)
            if comment.t > opened_at and "想要" in normalize(comment.text):
                return comment
        return None

    qtbot.waitUntil(lambda: an_entrant() is not None, timeout=5_000)
    muted = an_entrant()
    assert muted is not None
    window.comment_panel.select_row(feed.row_of(muted.id))
    qtbot.keyClick(window.comment_panel.view, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.session.moderation.is_muted(muted.user_id))

    click(qtbot, lottery, "closeLotteryButton")
    assert state(lottery) is LotteryState.CLOSED
    entrants = number(lottery, "entrantCount")
    click(qtbot, lottery, "drawLotteryButton")
    assert state(lottery) is LotteryState.DRAWN

    winners = winner_ids(lottery)
    assert muted.user_id not in winners
    assert len(winners) == entrants - 1  # everyone else wins: 200 prizes
    assert child(lottery, QLineEdit, "seed").text() == lottery.service.current().seed != ""
    announcement = child(lottery, QPlainTextEdit, "announcement").toPlainText()
    assert announcement.startswith(f"恭喜以下 {len(winners)} 位观众抽中【蓝牙耳机】")
    assert all(w.name in announcement for w in lottery.service.current().winners)

    qtbot.mouseClick(lottery.panel.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == announcement

    path = tmp_path / "lottery-1.json"
    window.runner.run(CommandId.LOTTERY_EXPORT_PROOF, {"path": str(path)})
    qtbot.waitUntil(path.exists, timeout=10_000)
    result = run_cli(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"OK: {len(winners)} winners from {len(winners)} entrants")
    proof = Proof.load(path)
    assert proof.commitment == commitment and proof.prize == "蓝牙耳机"
    assert proof.settings["excluded"] == {muted.user_id: "muted"}

    stored = load_lottery(window.session.engine, window.session.writer.show_id(), 1)
    assert stored is not None and len(stored.entrants) == entrants
    actions = [a for a in audit_actions(window) if a.startswith("lottery.")]
    assert actions == [
        "lottery.create",
        "lottery.open",
        "lottery.close",
        "lottery.draw",
        "lottery.export_proof",
    ]


def test_a_like_lottery_draws_itself_at_zero_and_a_winner_is_rerolled(
    window: MainWindow, lottery: LotteryController, qtbot, tmp_path: Path
) -> None:
    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.findChild(QSpinBox, "winnersSpin").setValue(2)
        dialog.findChild(QCheckBox, "countdownCheck").setChecked(True)
        dialog.findChild(QSpinBox, "countdownSpin").setValue(5)

    create_with_dialog(qtbot, lottery, "点赞抽奖", fill)
    assert lottery.service.current().settings.kind == "like"
    qtbot.keyClick(window.comment_panel.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert state(lottery) is LotteryState.OPEN
    assert child(lottery, QLabel, "countdown").text() in ("00:05", "00:04")

    # Nobody clicks: the countdown closes and draws the lottery at zero.
    qtbot.waitUntil(lambda: state(lottery) is LotteryState.DRAWN, timeout=15_000)
    qtbot.waitUntil(lambda: child(lottery, QLabel, "countdown").text() == "—")
    first, second = winner_ids(lottery)
    assert lottery.service.current().can_reroll, "the demo room liked too little"
    reroll = child(lottery, QToolButton, "rerollButton")
    assert not reroll.isEnabled()
    assert reroll.toolTip() == "先选中一名中奖者"  # greyed out, and it says why

    # The first winner does not claim the prize: select the row, Ctrl+Shift+D.
    table = child(lottery, QTableWidget, "winnersTable")
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualItemRect(table.item(0, 1)).center(),
    )
    assert lottery.panel.selected_position() == 1
    assert reroll.isEnabled() and reroll.toolTip() == "重抽一名"
    qtbot.keyClick(
        window.comment_panel.view,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    view = lottery.service.current()
    assert [w.user_id for w in view.winners][:2] == [first, second]
    assert [w.forfeited for w in view.winners] == [True, False, False]
    assert winner_ids(lottery) == [w.user_id for w in view.winners]
    assert table.item(0, 1).font().strikeOut()
    assert not reroll.isEnabled() and reroll.toolTip() == "先选中一名中奖者"  # none selected now

    # The operator rewrites the announcement in the panel; it is kept for the next show too.
    qtbot.mouseClick(lottery.panel.template_button, Qt.MouseButton.LeftButton)
    editor = child(lottery, QPlainTextEdit, "announcement")
    assert not editor.isReadOnly()
    editor.setPlainText("第{number}轮中奖：{winners}")
    qtbot.mouseClick(lottery.panel.template_button, Qt.MouseButton.LeftButton)
    names = [w.name for w in view.final_winners]
    assert editor.toPlainText() == f"第1轮中奖：1. {names[0]} 2. {names[1]}"
    assert window.session.writer.flush()
    with Session(window.session.engine) as session:
        saved = session.get(AppState, "lottery")
        assert saved is not None
        assert json.loads(saved.value)["announcement"] == "第{number}轮中奖：{winners}"

    path = tmp_path / "like.json"
    window.runner.run(CommandId.LOTTERY_EXPORT_PROOF, {"path": str(path)})
    qtbot.waitUntil(path.exists, timeout=10_000)
    result = run_cli(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(1 forfeited, 1 re-rolled)" in result.stdout.splitlines()[0]
    actions = [a for a in audit_actions(window) if a.startswith("lottery.")]
    assert actions == [
        "lottery.create",
        "lottery.open",
        "lottery.close",
        "lottery.draw",
        "lottery.reroll",
        "lottery.export_proof",
    ]


def test_buttons_follow_the_state_of_the_lottery(
    window: MainWindow, lottery: LotteryController, qtbot
) -> None:
    names = ("openLotteryButton", "closeLotteryButton", "drawLotteryButton", "rerollButton")

    def enabled() -> list[bool]:
        return [child(lottery, QToolButton, name).isEnabled() for name in names]

    assert enabled() == [False, False, False, False]
    assert not lottery.panel.export_button.isEnabled()
    assert lottery.panel.open_button.toolTip() == "请先创建抽奖。"  # why not, in the tooltip
    create_with_dialog(qtbot, lottery, "福袋 · 口令", lambda dialog: None)
    qtbot.waitUntil(lambda: enabled() == [True, False, False, False])
    click(qtbot, lottery, "openLotteryButton")
    qtbot.waitUntil(lambda: enabled() == [False, True, True, False])
    click(qtbot, lottery, "closeLotteryButton")
    qtbot.waitUntil(lambda: enabled() == [False, False, True, False])
    # A second lottery must wait until this one is drawn: the operator is told why.
    assert not lottery.panel.new_button.isEnabled()
    assert "第 1 轮抽奖还在进行" in lottery.panel.new_button.toolTip()
    click(qtbot, lottery, "drawLotteryButton")
    qtbot.waitUntil(lottery.panel.new_button.isEnabled)
    qtbot.waitUntil(lambda: enabled() == [False, False, False, False])  # no winner selected
    assert lottery.panel.export_button.isEnabled()
