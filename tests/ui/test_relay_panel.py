"""The relay dock and settings, inside a real main window on a real relay.

Sources are aiohttp WebSocket clients, each on its own thread and event loop (as a merchant's
program would be), while the test drives the window on the GUI thread.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import aiohttp
import keyring
import pytest
import requests
from keyring.backends import fail
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QToolButton
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.actions import Capability
from console.platforms import ConnectorOptions
from console.platforms.relay import RelayConnector, SourceInfo
from console.secrets import SERVICE
from console.storage.models import AuditEntry
from helpers.connectors import ScriptedConnector
from ui.controllers.relay import RelayController
from ui.dialogs.relay_settings import (
    RelayAddress,
    RelaySettingsDialog,
    saved_relay_address,
    with_saved_relay_address,
)
from ui.main_window import MainWindow
from ui.models.relay_sources import Column, RelaySourcesModel
from ui.panels.relay_panel import RelayIntro, RelayPanel
from ui.persist import ui_settings

WAIT_MS = 10_000


class Source:
    """A relay source that says hello, sends what it is given, and acks every command ok."""

    def __init__(self, url: str, name: str, *capabilities: str) -> None:
        self.commands: list[dict[str, Any]] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._call(self._open(url, name, capabilities))

    def send(self, payload: Any) -> None:
        self._call(self._ws.send_json(payload))

    def close(self) -> None:
        if self._loop.is_closed():
            return
        self._call(self._close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    def _call(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(10)

    async def _open(self, url: str, name: str, capabilities: tuple[str, ...]) -> None:
        self._session = aiohttp.ClientSession()
        self._ws = await self._session.ws_connect(url)
        await self._ws.send_json(
            {"type": "hello", "source": name, "capabilities": list(capabilities)}
        )
        welcome = await self._ws.receive_json(timeout=10)
        assert welcome["type"] == "welcome"
        self._answering = asyncio.create_task(self._answer())

    async def _answer(self) -> None:
        async for msg in self._ws:
            message = json.loads(msg.data)
            if message["type"] == "command":
                self.commands.append(message)
                await self._ws.send_json({"type": "ack", "id": message["id"], "ok": True})

    async def _close(self) -> None:
        await self._ws.close()
        await self._answering
        await self._session.close()


@pytest.fixture
def connect() -> Iterator[Callable[..., Source]]:
    opened: list[Source] = []

    def open_source(url: str, name: str, *capabilities: str) -> Source:
        source = Source(url, name, *capabilities)
        opened.append(source)
        return source

    yield open_source
    for source in opened:
        source.close()


def comment(comment_id: str, nickname: str, text: str, t: float = 1.0) -> dict[str, Any]:
    return {
        "t": t,
        "type": "comment",
        "id": comment_id,
        "user_id": f"u-{nickname}",
        "nickname": nickname,
        "text": text,
    }


def relay_window(make_window, qtbot) -> tuple[MainWindow, RelayConnector, RelayController]:
    connector = RelayConnector(port=0)
    window: MainWindow = make_window(connector)
    controller = window.relay
    panel = controller.panel
    assert isinstance(panel, RelayPanel)
    qtbot.waitUntil(panel.isVisible)
    qtbot.waitUntil(
        lambda: connector.port != 0 and panel.ws_edit.text() == connector.ws_url, timeout=WAIT_MS
    )
    return window, connector, controller


def rate_shown(panel: RelayPanel, name: str) -> float:
    row = panel.model.row_of(name)
    return float(panel.model.index(row, Column.RATE).data().replace(",", ""))


def flagged(panel: RelayPanel, name: str) -> bool:
    index = panel.model.index(panel.model.row_of(name), Column.NAME)
    return index.data(Qt.ItemDataRole.BackgroundRole) is not None


def click_delete(window: MainWindow, comment_id: str, qtbot) -> None:
    view = window.comment_panel.view
    index = window.comment_model.index(window.comment_model.row_of(comment_id))
    geometry = window.comment_panel.delegate.geometry(
        view.visualRect(index), view.fontMetrics(), index, buttons=True
    )
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=geometry.buttons["delete"].center()
    )


def click(qtbot, parent, name: str, kind: type = QPushButton) -> None:
    qtbot.mouseClick(parent.findChild(kind, name), Qt.MouseButton.LeftButton, pos=QPoint(4, 4))


def open_settings(controller: RelayController, qtbot) -> RelaySettingsDialog:
    qtbot.mouseClick(controller.widget.settings_button, Qt.MouseButton.LeftButton)
    dialog = controller.settings_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def save_button(dialog: RelaySettingsDialog) -> QPushButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


# -- the sources table -----------------------------------------------------------------------


def info(source_id: int, name: str, accepted: int = 0, rejected: int = 0) -> SourceInfo:
    return SourceInfo(
        source_id, "websocket", name, "127.0.0.1:5000", frozenset(), 0.0, 0.0, accepted,
        rejected, 0, 0.0,
    )  # fmt: skip


def test_sources_table_keeps_arrival_order_and_updates_in_place(qtmodeltester) -> None:
    model = RelaySourcesModel()
    model.set_sources([info(1, "a"), info(2, "b"), info(3, "c")])
    qtmodeltester.check(model)
    model.set_sources([info(4, "d"), info(3, "c", accepted=7), info(1, "a", rejected=1)])
    assert [model.source_at(r).name for r in range(model.rowCount())] == ["a", "c", "d"]
    assert model.index(1, Column.ACCEPTED).data() == "7"
    assert model.index(0, Column.NAME).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, Column.NAME).data(Qt.ItemDataRole.BackgroundRole) is None
    qtmodeltester.check(model)


# -- the live relay --------------------------------------------------------------------------


def test_sources_are_listed_with_their_traffic_and_carry_out_moderation(
    make_window, qtbot, connect
) -> None:
    window, connector, controller = relay_window(make_window, qtbot)
    panel = controller.panel
    assert panel is not None
    assert panel.events_edit.text() == connector.events_url
    click(qtbot, panel, "copyWsUrl", QToolButton)
    assert QApplication.clipboard().text() == connector.ws_url

    fetcher = connect(connector.ws_url, "douyin-fetcher", "delete_comment", "mute_user")
    backend = connect(connector.ws_url, "mini-program")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=WAIT_MS)
    rows = {panel.model.source_at(r).name: panel.model.source_at(r) for r in range(2)}
    assert rows["douyin-fetcher"].capabilities == {Capability.DELETE_COMMENT, Capability.MUTE_USER}
    assert rows["mini-program"].capabilities == frozenset()
    assert {rows[name].kind for name in rows} == {"websocket"}

    fetcher.send([comment("a1", "小鹿", "多少钱？")])
    backend.send(comment("b1", "阿杰", "来了"))
    model = window.comment_model
    qtbot.waitUntil(lambda: model.row_of("a1") >= 0 and model.row_of("b1") >= 0, timeout=WAIT_MS)

    click_delete(window, "a1", qtbot)
    qtbot.waitUntil(lambda: len(fetcher.commands) == 1, timeout=WAIT_MS)
    assert fetcher.commands[0]["action"] == "delete_comment"
    assert fetcher.commands[0]["comment_id"] == "a1"
    assert backend.commands == []  # it declared no capability
    qtbot.waitUntil(lambda: "删除" in window.status.message_label.text(), timeout=WAIT_MS)
    assert window.session.writer.flush()
    with Session(window.session.engine) as session:
        [entry] = session.scalars(select(AuditEntry)).all()
    assert (entry.action, entry.target, entry.result) == ("comment.delete", "a1", "ok")

    backend.send([comment(f"burst{n}", "阿杰", f"第{n}条") for n in range(400)])
    qtbot.waitUntil(
        lambda: rate_shown(panel, "mini-program") > rate_shown(panel, "douyin-fetcher") > 0,
        timeout=WAIT_MS,
    )
    accepted = panel.model.index(panel.model.row_of("mini-program"), Column.ACCEPTED)
    assert accepted.data() == "401"

    assert not flagged(panel, "mini-program")
    backend.send({"t": 2, "type": "like", "user_id": "u1"})  # no count: rejected
    qtbot.waitUntil(lambda: flagged(panel, "mini-program"), timeout=WAIT_MS)
    assert not flagged(panel, "douyin-fetcher")

    backend.close()
    qtbot.waitUntil(lambda: panel.model.row_of("mini-program") == -1, timeout=WAIT_MS)
    assert [panel.model.source_at(r).name for r in range(panel.model.rowCount())] == [
        "douyin-fetcher"
    ]


# -- settings and the token ------------------------------------------------------------------


def test_settings_make_a_token_show_it_once_and_save_the_lan_address(
    make_window, qtbot, memory_keyring
) -> None:
    _window, connector, controller = relay_window(make_window, qtbot)
    dialog = open_settings(controller, qtbot)
    qtbot.waitUntil(dialog.rotate_button.isEnabled, timeout=WAIT_MS)
    assert dialog.loopback_radio.isChecked()
    assert not dialog.new_token_box.isVisible()

    qtbot.mouseClick(dialog.all_radio, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert dialog.all_radio.isChecked()
    assert not save_button(dialog).isEnabled()  # the LAN needs a token first
    assert dialog.lan_hint.isVisible()

    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.token_field.text() != "", timeout=WAIT_MS)
    token = dialog.token_field.text()
    assert memory_keyring.store[(SERVICE, "relay-token")] == token
    assert dialog.new_token_box.isVisible() and dialog.token_field.isReadOnly()
    assert connector.token_required is False  # the running loopback relay is left as it is
    click(qtbot, dialog, "copyTokenButton")
    assert QApplication.clipboard().text() == token
    assert save_button(dialog).isEnabled() and not dialog.lan_hint.isVisible()

    dialog.port_spin.setValue(9100)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert saved_relay_address() == RelayAddress("0.0.0.0", 9100)
    settings_file = ui_settings().fileName()
    with open(settings_file, encoding="utf-8") as file:
        assert token not in file.read()
    relay = with_saved_relay_address(ConnectorOptions(name="relay"))
    assert (relay.relay_host, relay.relay_port) == ("0.0.0.0", 9100)
    given = with_saved_relay_address(ConnectorOptions(name="relay", relay_port=9200))
    assert (given.relay_host, given.relay_port) == ("0.0.0.0", 9200)

    dialog = open_settings(controller, qtbot)
    qtbot.waitUntil(dialog.rotate_button.isEnabled, timeout=WAIT_MS)
    assert dialog.all_radio.isChecked() and dialog.port_spin.value() == 9100
    assert dialog.token_field.text() == "" and not dialog.new_token_box.isVisible()
    assert save_button(dialog).isEnabled()  # a token is set
    dialog.reject()


def test_rotating_the_token_of_a_protected_relay_takes_effect_at_once(make_window, qtbot) -> None:
    connector = RelayConnector(port=0, token="old-token")
    window: MainWindow = make_window(connector)
    controller = window.relay
    qtbot.waitUntil(lambda: connector.port != 0, timeout=WAIT_MS)
    dialog = open_settings(controller, qtbot)
    qtbot.waitUntil(dialog.rotate_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.token_field.text() != "", timeout=WAIT_MS)
    new_token = dialog.token_field.text()

    def post(token: str) -> int:
        return requests.post(
            connector.events_url,
            json=comment("x1", "小鹿", "你好"),
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        ).status_code

    assert post("old-token") == 401
    assert post(new_token) == 200


def test_other_connectors_explain_the_relay_and_no_keyring_keeps_it_local(
    make_window, qtbot
) -> None:
    window: MainWindow = make_window(ScriptedConnector())
    controller = window.relay
    assert isinstance(controller.widget, RelayIntro) and controller.panel is None
    assert window.docks["relayDock"].widget() is controller.widget
    text = controller.widget.text_label.text()
    assert "livedesk --connector relay --relay-port" in text and "docs/relay.md" in text

    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture puts its own back
    window.docks["relayDock"].raise_()
    dialog = open_settings(controller, qtbot)
    qtbot.waitUntil(lambda: not dialog.all_radio.isEnabled(), timeout=WAIT_MS)
    assert not dialog.address_radio.isEnabled() and not dialog.rotate_button.isEnabled()
    assert dialog.token_status.text() != ""
    assert dialog.loopback_radio.isChecked() and save_button(dialog).isEnabled()
    dialog.reject()
