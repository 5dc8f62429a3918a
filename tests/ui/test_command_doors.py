"""One command, many doors: a key, a menu item, a panel button and the control API run the
same registered command and leave the same audit entry, apart from the door it came through;
an irreversible command asks in the window and needs "confirm" over the API."""

from __future__ import annotations

import json
from typing import Any

import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.actions import BanAllComments
from console.commands import CommandId
from console.platforms.demo import DemoConnector, DemoSettings
from console.storage.models import AuditEntry
from helpers.connectors import ScriptedConnector
from helpers.ui import answer
from ui.main_window import MainWindow


def audits(window: MainWindow, action: str) -> list[AuditEntry]:
    assert window.session.writer.flush()
    with Session(window.session.engine) as db:
        query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        return list(db.scalars(query))


def same_part(entry: AuditEntry) -> tuple[Any, ...]:
    """Everything but the door and the moment."""
    return (
        entry.action,
        entry.target,
        entry.subject,
        entry.result,
        entry.operator,
        json.dumps(json.loads(entry.detail), sort_keys=True),
    )


def test_key_menu_button_and_api_write_the_same_entry_but_for_the_door(make_window, qtbot) -> None:
    window: MainWindow = make_window(DemoConnector(DemoSettings(seed=6, comment_rate=10)))
    session = window.session
    qtbot.waitUntil(lambda: window.goods.model.rowCount() == 8, timeout=10_000)
    session.goods.cooldown = 0  # four pushes of no. 1 in a row, for the comparison
    api = session.serve_control_api("127.0.0.1", 0)
    assert api is not None

    qtbot.keyClick(window.comment_panel.view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(audits(window, "goods.push")) == 1)
    window.actions[CommandId.GOODS_PUSH_1].trigger()  # the Goods menu
    qtbot.waitUntil(lambda: len(audits(window, "goods.push")) == 2)
    push, _sale = window.goods.panel.row_buttons("g001")
    qtbot.mouseClick(push, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(audits(window, "goods.push")) == 3)
    answer = requests.post(f"{api.url}/api/commands/goods.push.1", data="{}", timeout=10)
    assert answer.status_code == 200 and answer.json()["ok"]

    entries = audits(window, "goods.push")
    assert [e.entry for e in entries] == ["shortcut", "menu", "button", "control_api"]
    assert len({same_part(e) for e in entries}) == 1
    assert same_part(entries[0])[:5] == ("goods.push", "g001", "316不锈钢保温杯 500ml", "ok",
                                         session.operator)  # fmt: skip

    # The audit log panel says which door each came through, newest first.
    model = window.audit_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 4)
    doors = [model.index(row, 2).data() for row in range(4)]
    assert doors == ["控制接口", "按钮", "菜单", "快捷键"]
    # The window reports what the control API did, like anything else.
    qtbot.waitUntil(lambda: "已推送 1 号" in window.status.message_label.text())


def test_an_irreversible_command_asks_in_the_window_and_needs_confirm_over_the_api(
    make_window, qtbot
) -> None:
    window: MainWindow = make_window(ScriptedConnector())
    connector: ScriptedConnector = window.session.connector  # type: ignore[assignment]
    api = window.session.serve_control_api("127.0.0.1", 0)
    assert api is not None
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(
        window.comment_panel.view,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    # The question's answers sit in its button box, in the platform's order: "ban all now"
    # is the default (Enter), Qt's own Cancel (in Chinese) the escape.
    qtbot.waitUntil(lambda: window.runner.confirmation is not None)
    question = window.runner.confirmation
    assert question is not None
    go, cancel = question.defaultButton(), question.button(QMessageBox.StandardButton.Cancel)
    assert question.buttonRole(go) is QMessageBox.ButtonRole.AcceptRole
    assert go.text() == "立即全员禁言" and cancel.text() == "取消"
    assert question.escapeButton() is cancel
    assert set(question.findChild(QDialogButtonBox).buttons()) == {go, cancel}
    box = answer(window, qtbot, Qt.Key.Key_Escape)
    assert "全员禁言" in box.text() and "无法撤销" in box.text()
    assert connector.performed == [] and not window.session.moderation.banned_all

    url = f"{api.url}/api/commands/room.ban_all"
    refused = requests.post(url, data="{}", timeout=10)
    assert refused.status_code == 409 and connector.performed == []
    qtbot.waitUntil(lambda: "无法撤销" in window.status.message_label.text())
    assert window.runner.confirmation is None  # the API's refusal does not ask here

    confirmed = requests.post(url, data='{"confirm": true}', timeout=10)
    assert confirmed.json()["ok"]
    assert connector.performed == [BanAllComments(True)]
    ban = window.actions[CommandId.ROOM_BAN_ALL]
    qtbot.waitUntil(ban.isChecked)  # the switch in the window follows the room
    [entry] = audits(window, "room.ban_all")
    assert entry.entry == "control_api"
