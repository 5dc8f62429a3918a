"""The Room panel from the real widgets against the fake WeChat server, and the settings dialog
that puts the AppSecret in the keyring and nowhere else."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QCheckBox
from sqlalchemy import select
from sqlalchemy.orm import Session
from unit.obs_bridge.fake_obs import FakeObs, serve_outputs

from console.commands import CommandId
from console.log import setup_logging
from console.messages import Level
from console.platforms import wechat_secret_name
from console.platforms.demo import DemoConnector, DemoSettings
from console.platforms.wechat import MIN_POLL_INTERVAL, WeChatConnector, WeChatLiveClient
from console.room import ROOM_POLL_S
from console.secrets import SERVICE, SecretStoreUnavailable, set_secret
from console.storage.models import AuditEntry
from fakes.wechat_server import (
    APPID,
    ENDED,
    LIVE,
    NOT_STARTED,
    PUSH_MESSAGE,
    ROOM_ADD_ASSISTANT,
    ROOM_UPDATE_REPLAY,
    SECRET,
    FakeRoom,
    FakeWeChatServer,
)
from helpers.ui import answer
from ui.controllers.room import RoomController
from ui.dialogs.wechat_settings import WeChatSettingsDialog, saved_wechat_settings
from ui.errors import describe_error
from ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


class Reports:
    def __init__(self, window: MainWindow) -> None:
        self.items: list[tuple[Level, str]] = []
        window.runner.reported.connect(lambda level, text: self.items.append((level, text)))

    def levels(self) -> list[Level]:
        return [level for level, _ in self.items]


def click_box(qtbot, box: QCheckBox) -> None:  # type: ignore[no-untyped-def]
    """Click the box itself (the widget is wider than its box and label)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def audit(window: MainWindow, action: str) -> list[AuditEntry]:
    assert window.session.writer.flush()
    with Session(window.session.engine) as session:
        stmt = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        return list(session.scalars(stmt))


@pytest.fixture
def server() -> Iterator[FakeWeChatServer]:
    with FakeWeChatServer() as fake:
        yield fake
    assert not fake.crashes, fake.crashes[0]


@pytest.fixture
def room(server: FakeWeChatServer) -> FakeRoom:
    server.add_room("周末秒杀专场", live_status=NOT_STARTED)
    room = server.add_room("春季新品发布会", live_status=LIVE)
    server.add_room("年货节", live_status=ENDED)
    return room


@pytest.fixture
def obs() -> Iterator[FakeObs]:
    """A small obs-websocket server (OBS itself is tested elsewhere), not streaming: where OBS
    streams to may not change under a running stream."""
    with FakeObs() as fake:
        serve_outputs(fake)
        yield fake


@pytest.fixture
def wechat(make_window, qtbot, server, room, obs) -> Iterator[tuple[MainWindow, RoomController]]:
    client = WeChatLiveClient(APPID, SECRET, base_url=server.base_url, timeout=3)
    window: MainWindow = make_window(
        WeChatConnector(client, room.room_id), obs=("127.0.0.1", obs.port, None)
    )
    controller = window.room
    qtbot.waitUntil(lambda: controller.panel.room_list.topLevelItemCount() == 3)
    yield window, controller
    client.close()


def test_rooms_with_their_status_and_this_room_highlighted(wechat, qtbot, server, room) -> None:
    window, controller = wechat
    panel = controller.panel
    assert window.docks["roomDock"].widget() is panel
    items = [panel.room_list.topLevelItem(n) for n in range(3)]
    assert [item.text(0) for item in items] == ["1001", str(room.room_id), "1003"]
    assert [item.text(1) for item in items] == ["周末秒杀专场", "春季新品发布会", "年货节"]
    assert len({item.text(2) for item in items}) == 3  # three statuses, three words
    assert [item.font(1).bold() for item in items] == [False, True, False]
    assert panel.room_status.text().count("春季新品发布会") == 1
    assert ROOM_POLL_S >= MIN_POLL_INTERVAL  # quota: slow polling, and only while on screen
    assert controller.service._watchers == 0  # the dashboard's tab is in front
    window.docks["roomDock"].raise_()
    qtbot.waitUntil(lambda: controller.service._watchers == 1)
    window.docks["dashboardDock"].raise_()  # another tab in front: nobody looks at the rooms
    qtbot.waitUntil(lambda: controller.service._watchers == 0)

    ended = items[2].text(2)
    server.set_live_status(room.room_id, ENDED)
    qtbot.mouseClick(panel.refresh_button, LEFT)
    qtbot.waitUntil(lambda: panel.room_item(room.room_id).text(2) == ended)  # read again


def test_replay_toggle(wechat, qtbot, server, room) -> None:
    window, controller = wechat
    toggle = controller.panel.replay_toggle
    assert toggle.isEnabled() and not toggle.isChecked()  # the fake's rooms close replay
    click_box(qtbot, toggle)
    qtbot.waitUntil(lambda: len(server.calls(ROOM_UPDATE_REPLAY)) == 1)
    assert server.calls(ROOM_UPDATE_REPLAY)[0].body == {"roomId": room.room_id, "closeReplay": 0}
    qtbot.waitUntil(lambda: len(audit(window, "room.replay")) == 1)
    [entry] = audit(window, "room.replay")
    assert (entry.target, entry.result) == (str(room.room_id), "ok")
    assert json.loads(entry.detail)["enabled"] is True

    server.fail_next(300023, path=ROOM_UPDATE_REPLAY)
    click_box(qtbot, toggle)  # off again, refused: the box shows what the room has
    qtbot.waitUntil(lambda: len(audit(window, "room.replay")) == 2)
    qtbot.waitUntil(toggle.isChecked)


def test_add_assistant(wechat, qtbot, server, room) -> None:
    window, controller = wechat
    qtbot.mouseClick(controller.panel.assistant_button, LEFT)
    dialog = controller.dialog
    assert dialog is not None
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.username_edit, "xiaomei_2024")
    dialog.nickname_edit.setText("小美助理")  # QTest types ASCII only
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: room.assistants != [])
    assert server.calls(ROOM_ADD_ASSISTANT)[0].body == {
        "roomId": room.room_id,
        "users": [{"username": "xiaomei_2024", "nickname": "小美助理"}],
    }
    qtbot.waitUntil(lambda: len(audit(window, "room.assistant")) == 1)


def test_push_url_is_copied_and_sent_to_obs_with_its_key_hidden_here(
    wechat, qtbot, obs, room
) -> None:
    window, controller = wechat
    panel = controller.panel
    assert not panel.push_copy.isEnabled()
    qtbot.waitUntil(panel.push_obs.isEnabled)  # once OBS is connected
    qtbot.mouseClick(panel.push_get, LEFT)
    qtbot.waitUntil(panel.push_copy.isEnabled)
    assert panel.push_field.text().startswith("rtmp://livepush.example.com/live/")
    assert "txSecret" not in panel.push_field.text()

    qtbot.mouseClick(panel.push_copy, LEFT)
    url = QApplication.clipboard().text()
    assert url.startswith(f"rtmp://livepush.example.com/live/{room.room_id}?txSecret=")

    qtbot.mouseClick(panel.push_obs, LEFT)
    own = obs.stream_settings  # the user's own, kept to restore later
    qtbot.waitUntil(lambda: obs.stream_settings != own)
    sent = obs.stream_settings["streamServiceSettings"]
    assert f"{sent['server']}/{sent['key']}" == url
    [entry] = audit(window, "room.push_url")
    assert entry.result == "ok"
    assert "txSecret" not in entry.detail


def test_without_obs_there_is_nothing_to_send_to(make_window, qtbot, server, room) -> None:
    client = WeChatLiveClient(APPID, SECRET, base_url=server.base_url, timeout=3)
    window: MainWindow = make_window(WeChatConnector(client, room.room_id))
    controller = window.room
    qtbot.waitUntil(controller.panel.isVisible)
    qtbot.mouseClick(controller.panel.push_get, LEFT)
    qtbot.waitUntil(controller.panel.push_copy.isEnabled)
    assert not controller.panel.push_obs.isEnabled()
    assert controller.panel.push_obs.toolTip()
    client.close()


def test_share_code(wechat, qtbot, room) -> None:
    window, controller = wechat
    panel = controller.panel
    opened: list[QUrl] = []
    controller.open_url = opened.append
    qtbot.mouseClick(panel.share_get, LEFT)
    qtbot.waitUntil(panel.share_open_qr.isEnabled)
    assert panel.share_path.text() == (
        f"plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id={room.room_id}"
    )
    qtbot.mouseClick(panel.share_copy_qr, LEFT)
    assert QApplication.clipboard().text() == f"https://mmbiz.example/qrcode/{room.room_id}.png"
    qtbot.mouseClick(panel.share_open_poster, LEFT)
    assert opened == [QUrl(f"https://mmbiz.example/poster/{room.room_id}.png")]
    qtbot.waitUntil(lambda: len(audit(window, "room.share_code")) == 1)


def send_reminder(controller: RoomController, qtbot, openids: str):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(controller.panel.reminder_button, LEFT)
    dialog = controller.dialog
    assert dialog is not None
    assert dialog.rule.isVisible() and dialog.rule.text()
    assert not dialog.send_button.isEnabled()
    dialog.openids_edit.setPlainText(openids)
    qtbot.mouseClick(dialog.send_button, LEFT)


def test_live_reminder_and_its_rule(wechat, qtbot, server, room) -> None:
    window, controller = wechat
    reports = Reports(window)
    assert controller.panel.reminder_rule.text()  # the rule is on the panel, not only in errors

    server.set_live_status(room.room_id, NOT_STARTED)
    send_reminder(controller, qtbot, "oA1\noB2")
    qtbot.waitUntil(lambda: reports.items != [])
    assert reports.levels() == [Level.ERROR]
    assert "9410006" in reports.items[0][1]
    assert "只能在直播中推送" in reports.items[0][1]  # the rule, in the operator's language

    server.set_live_status(room.room_id, LIVE)
    send_reminder(controller, qtbot, "oA1, oB2;oA1\noC3")
    qtbot.waitUntil(lambda: len(reports.items) == 2)
    assert reports.levels()[1] is Level.INFO
    assert room.reminders == [["oA1", "oB2", "oC3"]]

    server.reminder_room_today = 1001  # another room of the mini program sent today's
    send_reminder(controller, qtbot, "oD4")
    qtbot.waitUntil(lambda: len(reports.items) == 3)
    assert reports.levels()[2] is Level.ERROR
    assert "9410005" in reports.items[2][1]
    assert len(server.calls(PUSH_MESSAGE)) == 3
    entries = audit(window, "room.reminder")
    assert [(e.result, json.loads(e.detail)["subscribers"]) for e in entries] == [
        ("error", 2),
        ("ok", 3),
        ("error", 1),
    ]
    assert all("oA1" not in e.detail for e in entries)  # counts, not the viewers' ids


def test_reminder_openids_from_a_file(wechat, qtbot, tmp_path: Path) -> None:
    _window, controller = wechat
    qtbot.mouseClick(controller.panel.reminder_button, LEFT)
    dialog = controller.dialog
    path = tmp_path / "subscribers.csv"
    path.write_text("openid\r\noX1\r\noX2\r\noX1\r\n", encoding="utf-8")
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.openids() == ["openid", "oX1", "oX2"])
    assert dialog.send_button.isEnabled()
    dialog.reject()


# -- other connectors ------------------------------------------------------------------------------


def test_other_connectors_explain_and_show_the_ban_state(make_window, qtbot) -> None:
    window: MainWindow = make_window(DemoConnector(DemoSettings(seed=2)))
    controller = window.room
    panel = controller.panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.unavailable_note.isVisible()
    assert not panel.rooms_box.isVisible()
    assert panel.settings_button.isVisible()
    allowed = panel.ban_state.text()
    window.actions[CommandId.ROOM_BAN_ALL].trigger()  # switched in the Comments panel
    answer(window, qtbot)
    qtbot.waitUntil(lambda: panel.ban_state.text() != allowed)
    window.actions[CommandId.ROOM_BAN_ALL].trigger()
    qtbot.waitUntil(lambda: panel.ban_state.text() == allowed)


# -- the AppSecret ---------------------------------------------------------------------------------


@pytest.fixture
def log_file(livedesk_home: Path) -> Iterator[Path]:
    """The app's log file at DEBUG, as a real run writes it."""
    path = setup_logging(logging.DEBUG, to_stderr=False)
    yield path
    root = logging.getLogger("livedesk")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.propagate = True


def open_settings(make_window, qtbot) -> tuple[RoomController, WeChatSettingsDialog]:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window(DemoConnector(DemoSettings(seed=2)))
    controller = window.room
    qtbot.waitUntil(controller.panel.isVisible)
    qtbot.mouseClick(controller.panel.settings_button, LEFT)
    dialog = controller.dialog
    assert isinstance(dialog, WeChatSettingsDialog)
    return controller, dialog


def test_the_appsecret_goes_to_the_keyring_and_nowhere_else(
    make_window, qtbot, memory_keyring, tmp_path: Path, log_file: Path
) -> None:
    secret = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    controller, dialog = open_settings(make_window, qtbot)
    qtbot.waitUntil(lambda: dialog.secret_stored is False)
    assert dialog.secret_edit.echoMode() == dialog.secret_edit.EchoMode.Password
    qtbot.keyClicks(dialog.appid_edit, APPID)
    qtbot.keyClicks(dialog.secret_edit, secret)
    qtbot.keyClicks(dialog.room_edit, "1002")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: controller.dialog is None)  # saved and closed

    assert memory_keyring.store == {(SERVICE, wechat_secret_name(APPID)): secret}
    assert saved_wechat_settings() == (APPID, 1002)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]  # config, log and database
    assert log_file in files
    assert any(p.suffix == ".ini" for p in files) and any(p.suffix == ".db" for p in files)
    assert "AppSecret stored" in log_file.read_text(encoding="utf-8")
    assert not any(secret.encode() in p.read_bytes() for p in files)

    again = WeChatSettingsDialog()
    qtbot.addWidget(again)
    assert again.appid_edit.text() == APPID
    assert again.secret_edit.text() == ""  # never pre-filled
    qtbot.waitUntil(lambda: again.secret_stored is True)
    assert again.secret_edit.placeholderText() != ""


def test_without_a_secure_store_nothing_is_saved(
    make_window, qtbot, tmp_path: Path, log_file: Path
) -> None:
    _controller, dialog = open_settings(make_window, qtbot)
    keyring.set_keyring(FailKeyring())
    qtbot.keyClicks(dialog.appid_edit, APPID)
    qtbot.keyClicks(dialog.secret_edit, "plain-text-never")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(dialog.error_label.isVisible)
    assert dialog.isVisible()
    with pytest.raises(SecretStoreUnavailable) as caught:
        set_secret(wechat_secret_name(APPID), "x")
    assert dialog.error_label.text() == describe_error(caught.value)
    assert saved_wechat_settings() == ("", None)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert not any(b"plain-text-never" in p.read_bytes() for p in files)
    dialog.reject()
