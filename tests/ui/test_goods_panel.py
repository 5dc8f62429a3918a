"""The Goods panel from the real widgets: the list, one-click and key push with cooldown and
marker, on/off sale, drag to sort, import and "room full", on the demo room and on WeChat."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.actions import Action, PushGoods
from console.commands import CommandId
from console.messages import Level
from console.paths import resource_path
from console.platforms.demo import DemoConnector, DemoSettings
from console.platforms.replay import ReplayConnector
from console.platforms.wechat import WeChatConnector, WeChatLiveClient
from console.storage.models import AuditEntry
from fakes.wechat_server import (
    APPID,
    ENDED,
    GOODS_PUSH,
    GOODS_SORT,
    LIVE,
    ROOM_ADD_GOODS,
    SECRET,
    FakeRoom,
    FakeWeChatServer,
)
from helpers.ui import answer
from ui.controllers.goods import GoodsController
from ui.main_window import MainWindow
from ui.models.goods_model import GOODS, NUMBER, PRICE, PUSHED
from ui.thumbnails import ThumbnailCache

MOVE = Qt.DropAction.MoveAction


class Reports:
    """What the ActionRunner told the operator, as (level, text)."""

    def __init__(self, window: MainWindow) -> None:
        self.items: list[tuple[Level, str]] = []
        window.runner.reported.connect(lambda level, text: self.items.append((level, text)))

    def levels(self) -> list[Level]:
        return [level for level, _ in self.items]


def audit(window: MainWindow, action: str) -> list[AuditEntry]:
    assert window.session.writer.flush()
    with Session(window.session.engine) as session:
        stmt = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        return list(session.scalars(stmt))


def cell(controller: GoodsController, row: int, column: int) -> str:
    return controller.model.data(controller.model.index(row, column))


def row_ids(controller: GoodsController) -> list[str]:
    return controller.model.goods_ids()


def open_import_dialog(controller: GoodsController, qtbot):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(controller.panel.import_button, Qt.MouseButton.LeftButton)
    dialog = controller.import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.list.count() > 0)
    return dialog


# -- the demo room ----------------------------------------------------------------------------------


@pytest.fixture
def demo_window(make_window, qtbot) -> tuple[MainWindow, GoodsController]:
    window: MainWindow = make_window(DemoConnector(DemoSettings(seed=5, comment_rate=12)))
    controller = window.goods
    qtbot.waitUntil(lambda: controller.model.rowCount() == 8)
    return window, controller


@pytest.fixture
def spied(demo_window, monkeypatch) -> list[Action]:
    """Every action that reached the demo platform."""
    connector = demo_window[0].session.connector
    performed: list[Action] = []
    original = connector.perform

    def perform(action: Action) -> None:
        performed.append(action)
        original(action)

    monkeypatch.setattr(connector, "perform", perform)
    return performed


def test_the_list_shows_the_room_numbered_with_prices_and_covers(
    demo_window, qtbot, qtmodeltester
) -> None:
    window, controller = demo_window
    assert window.docks["goodsDock"].widget() is controller.panel
    assert [cell(controller, r, NUMBER) for r in range(8)] == [str(n) for n in range(1, 9)]
    assert cell(controller, 0, GOODS) == "316不锈钢保温杯 500ml"
    assert [cell(controller, r, PRICE) for r in (0, 1, 2)] == ["¥59.00", "¥199.00–239.00", "¥39.90"]
    assert "8" in controller.panel.count_label.text()
    cover = controller.model.row_at(0).item.cover_url
    assert cover.startswith("file:")
    qtbot.waitUntil(lambda: controller.thumbnails.cached(cover))
    thumb = controller.model.data(controller.model.index(0, GOODS), Qt.ItemDataRole.DecorationRole)
    assert thumb.toImage() != controller.thumbnails.placeholder.toImage()
    qtmodeltester.check(controller.model)


def test_one_click_push_gets_the_room_talking_and_shows_when(demo_window, qtbot, spied) -> None:
    window, controller = demo_window
    push, _sale = controller.panel.row_buttons("g003")
    qtbot.mouseClick(push, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: spied == [PushGoods("g003")])
    assert not push.isEnabled()  # a short cooldown against a double click
    pushed_at = controller.service.row("g003").pushed
    assert pushed_at is not None

    def talk_about_no_3() -> int:
        model = window.comment_model
        return sum(
            1
            for r in range(model.rowCount())
            if model.comment_at(r).t > pushed_at.t and "3号" in model.comment_at(r).text
        )

    qtbot.waitUntil(lambda: talk_about_no_3() >= 2, timeout=10_000)
    assert any(ch.isdigit() for ch in cell(controller, 2, PUSHED))  # "N s ago"
    assert cell(controller, 0, PUSHED) == ""
    [entry] = audit(window, "goods.push")
    assert (entry.target, entry.result) == ("g003", "ok")
    assert json.loads(entry.detail)["number"] == 3
    qtbot.waitUntil(push.isEnabled, timeout=5_000)  # the cooldown ends by itself


def test_key_3_pushes_goods_no_3(demo_window, qtbot, spied) -> None:
    window, controller = demo_window
    qtbot.keyClick(window.comment_panel.view, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: spied == [PushGoods("g003")])
    assert controller.panel.view.currentIndex().row() == 2


def test_a_second_push_inside_the_cooldown_never_reaches_the_platform(
    demo_window, qtbot, spied
) -> None:
    window, controller = demo_window
    reports = Reports(window)
    push, _sale = controller.panel.row_buttons("g001")
    qtbot.mouseClick(push, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(push, Qt.MouseButton.LeftButton)  # the double click's second half
    qtbot.keyClick(window.comment_panel.view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(reports.items) == 2)
    assert sorted(reports.levels()) == sorted([Level.INFO, Level.ERROR])
    assert spied == [PushGoods("g001")]
    assert len(audit(window, "goods.push")) == 1


def test_off_sale_and_back(demo_window, qtbot, spied) -> None:
    window, controller = demo_window
    reports = Reports(window)
    _push, sale = controller.panel.row_buttons("g002")
    assert sale.isChecked()
    qtbot.mouseClick(sale, Qt.MouseButton.LeftButton)
    answer(window, qtbot, Qt.Key.Key_Escape)  # taking goods off sale asks first
    assert sale.isChecked() and controller.service.row("g002").on_sale
    qtbot.mouseClick(sale, Qt.MouseButton.LeftButton)
    answer(window, qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(audit(window, "goods.off_sale")) == 1)
    qtbot.waitUntil(lambda: not controller.panel.row_buttons("g002")[1].isChecked())
    _push, sale = controller.panel.row_buttons("g002")
    assert not controller.service.row("g002").on_sale

    qtbot.keyClick(window.comment_panel.view, Qt.Key.Key_2)  # the platform refuses: off sale
    qtbot.waitUntil(lambda: Level.ERROR in reports.levels())
    assert controller.service.row("g002").pushed is None
    assert cell(controller, 1, PUSHED) == ""

    qtbot.mouseClick(sale, Qt.MouseButton.LeftButton)  # back on sale: no question
    qtbot.waitUntil(lambda: len(audit(window, "goods.on_sale")) == 1)
    assert json.loads(audit(window, "goods.on_sale")[0].detail)["on_sale"] is True
    qtbot.waitUntil(lambda: controller.panel.row_buttons("g002")[1].isChecked())


def drop(controller: GoodsController, from_row: int, to_row: int) -> None:
    """What the view does on a drop: the dragged rows' data dropped before ``to_row``."""
    model = controller.model
    data = model.mimeData([model.index(from_row, NUMBER)])
    assert model.canDropMimeData(data, MOVE, to_row, 0, QModelIndex())
    model.dropMimeData(data, MOVE, to_row, 0, QModelIndex())


def test_drag_to_sort_changes_the_order_on_the_platform(demo_window, qtbot) -> None:
    window, controller = demo_window
    drop(controller, 4, 0)  # no. 5 to the top
    qtbot.waitUntil(lambda: row_ids(controller)[:2] == ["g005", "g001"])
    qtbot.waitUntil(lambda: len(audit(window, "goods.sort")) == 1)
    connector: DemoConnector = window.session.connector  # type: ignore[assignment]
    assert [g.goods_id for g in connector.room_goods()] == row_ids(controller)
    assert cell(controller, 0, GOODS) == "降噪蓝牙耳机"
    assert cell(controller, 0, NUMBER) == "1"
    push, _sale = controller.panel.row_buttons("g005")  # the row's buttons moved with it
    qtbot.mouseClick(push, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(audit(window, "goods.push")) == 1)
    assert json.loads(audit(window, "goods.push")[0].detail)["number"] == 1


def test_import_adds_goods_then_the_room_is_full(demo_window, qtbot) -> None:
    window, controller = demo_window
    assert not controller.panel.full_note.isVisible()
    dialog = open_import_dialog(controller, qtbot)
    assert dialog.list.count() == 4  # the approved goods not yet in the room
    assert not dialog.import_button.isEnabled()
    dialog.set_checked("g009")
    dialog.set_checked("g011")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.model.rowCount() == 10)
    assert row_ids(controller)[-2:] == ["g009", "g011"]
    assert cell(controller, 9, NUMBER) == "10"
    qtbot.waitUntil(lambda: controller.import_dialog is None)

    reports = Reports(window)
    dialog = open_import_dialog(controller, qtbot)
    assert dialog.list.count() == 2
    dialog.set_checked("g010")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.panel.full_note.isVisible())
    qtbot.waitUntil(lambda: reports.items != [])  # the report follows the state
    assert reports.levels() == [Level.ERROR]
    assert "10" in controller.panel.full_note.text()  # the demo's limit, from its refusal
    assert controller.model.rowCount() == 10
    [_ok, refused] = audit(window, "goods.import")
    assert refused.result == "error"

    dialog = open_import_dialog(controller, qtbot)  # the next attempt warns up front
    assert dialog.warning.isVisible()
    dialog.reject()


def test_refresh_reads_the_list_again(demo_window, qtbot) -> None:
    window, controller = demo_window
    connector: DemoConnector = window.session.connector  # type: ignore[assignment]
    connector.catalogue.import_goods(("g012",))  # changed on the platform, elsewhere
    qtbot.mouseClick(controller.panel.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.model.rowCount() == 9)


def test_a_platform_without_goods_disables_the_panel(make_window, qtbot) -> None:
    window: MainWindow = make_window(ReplayConnector(resource_path("sample_show.jsonl")))
    controller = window.goods
    qtbot.waitUntil(lambda: controller.panel.note.isVisible())
    assert controller.model.rowCount() == 0
    assert not controller.panel.import_button.isEnabled()
    assert controller.panel.import_button.toolTip()
    for n in range(1, 10):
        assert not window.actions[CommandId(f"goods.push.{n}")].isEnabled()


# -- WeChat, on the fake server ---------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[FakeWeChatServer]:
    with FakeWeChatServer() as fake:
        yield fake
    assert not fake.crashes, fake.crashes[0]


@pytest.fixture
def room(server: FakeWeChatServer) -> FakeRoom:
    room = server.add_room("周末秒杀", live_status=LIVE)
    for n, (name, price) in enumerate(
        (("保温杯", 1889), ("羊毛围巾", 12900), ("降噪耳机", 16900)), 1
    ):
        cover = resource_path("demo_goods", f"{n:02d}.png").as_uri()
        goods = server.add_goods(name, price_fen=price, cover_img_url=cover)
        server.put_in_room(room.room_id, goods.goods_id)
    server.add_goods("真丝睡衣", price_fen=19900, cover_img_url="")
    return room


@pytest.fixture
def wechat_window(make_window, qtbot, server, room) -> Iterator[tuple[MainWindow, GoodsController]]:
    client = WeChatLiveClient(APPID, SECRET, base_url=server.base_url, timeout=3)
    window: MainWindow = make_window(WeChatConnector(client, room.room_id))
    controller = window.goods
    qtbot.waitUntil(lambda: controller.model.rowCount() == 3)
    yield window, controller
    client.close()


def test_wechat_list_and_push(wechat_window, qtbot, server, room) -> None:
    window, controller = wechat_window
    reports = Reports(window)
    assert [cell(controller, r, GOODS) for r in range(3)] == ["保温杯", "羊毛围巾", "降噪耳机"]
    assert cell(controller, 0, PRICE) == "¥18.89"
    server.expire_token()  # the access token runs out mid-show: nobody should notice
    qtbot.mouseClick(controller.panel.row_buttons("2")[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: room.pushed == [2])
    assert server.calls(GOODS_PUSH)[-1].body == {"roomId": room.room_id, "goodsId": 2}
    qtbot.waitUntil(lambda: reports.items != [])
    assert reports.levels() == [Level.INFO]


def test_wechat_room_limit_on_import_is_shown(wechat_window, qtbot, server) -> None:
    window, controller = wechat_window
    reports = Reports(window)
    server.room_goods_cap = 3
    server.fail_next(300033, path=ROOM_ADD_GOODS)
    dialog = open_import_dialog(controller, qtbot)
    dialog.set_checked(dialog.list.item(0).data(Qt.ItemDataRole.UserRole + 1).goods_id)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.panel.full_note.isVisible())
    assert "300033" in controller.panel.full_note.text()
    qtbot.waitUntil(lambda: reports.items != [])  # the report follows the state
    assert reports.levels() == [Level.ERROR]
    assert "300033" in reports.items[0][1]
    assert controller.model.rowCount() == 3


def test_wechat_sort_refused_puts_the_order_back(wechat_window, qtbot, server, room) -> None:
    window, controller = wechat_window
    reports = Reports(window)
    server.set_live_status(room.room_id, ENDED)  # the platform will refuse (300023)...
    server.slow_next(0.5, path=GOODS_SORT)  # ...after a moment, so the new order shows first
    drop(controller, 2, 0)
    qtbot.waitUntil(lambda: row_ids(controller) == ["3", "1", "2"])
    qtbot.waitUntil(lambda: row_ids(controller) == ["1", "2", "3"])
    assert room.goods == [1, 2, 3]
    qtbot.waitUntil(lambda: reports.items != [])  # the report follows the state
    assert reports.levels() == [Level.ERROR]
    assert "300023" in reports.items[0][1]


# -- cover thumbnails over http ---------------------------------------------------------------------


@pytest.fixture
def image_server() -> Iterator[str]:
    """Serves resources/demo_goods over http on a free local port."""
    folder = resource_path("demo_goods")
    handler = partial(_QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def test_http_covers_load_in_the_background_and_failures_keep_the_placeholder(
    zh_app, qtbot, image_server: str
) -> None:
    cache = ThumbnailCache(48)
    good, missing = f"{image_server}/04.png", f"{image_server}/missing.png"
    placeholder = cache.placeholder.toImage()
    with qtbot.waitSignal(cache.loaded, check_params_cb=lambda url: url == good):
        assert cache.pixmap(good).toImage() == placeholder  # at once: nothing waits on the network
    thumb = cache.pixmap(good)
    assert thumb.toImage() != placeholder
    assert max(thumb.width(), thumb.height()) / thumb.devicePixelRatio() == 48

    cache.pixmap(missing)
    qtbot.waitUntil(lambda: cache.has_failed(missing))
    assert cache.pixmap(missing).toImage() == placeholder
    assert not cache.cached(missing)
    cache.retry_failed()
    assert not cache.has_failed(missing)
    cache.deleteLater()
