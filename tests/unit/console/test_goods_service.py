"""Goods service: the room's list, push with cooldown and marker, on/off sale, sort, import and
"room full", against the demo platform and against the WeChat connector on the fake server."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from console.errors import OperatorError, Unsupported
from console.goods_service import PUSH_COOLDOWN_S, GoodsService, is_room_full, moved
from console.platforms.demo import DemoConnector, DemoSettings
from console.platforms.demo_catalogue import ROOM_GOODS_LIMIT
from console.platforms.wechat import WeChatApiError, WeChatConnector, WeChatLiveClient
from console.storage.database import create_db_engine
from console.storage.models import AuditEntry
from console.storage.writer import ShowInfo, StorageWriter
from fakes.wechat_server import (
    APPID,
    ENDED,
    GET_LIVE_INFO,
    GOODS_PUSH,
    GOODS_SORT,
    LIVE,
    ROOM_ADD_GOODS,
    SECRET,
    FakeRoom,
    FakeWeChatServer,
)
from helpers.connectors import ScriptedConnector
from helpers.jobs import PlanRunner

WALL = datetime(2026, 3, 1, 20, 15, 0)


class Clock:
    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def engine(db_url: str) -> Engine:
    return create_db_engine(db_url)


@pytest.fixture
def writer(engine: Engine) -> Iterator[StorageWriter]:
    writer = StorageWriter(engine, ShowInfo("demo"))
    writer.start()
    writer.show_id()
    yield writer
    writer.close()


@pytest.fixture
def audits(engine: Engine, writer: StorageWriter) -> Callable[[], list[AuditEntry]]:
    def read() -> list[AuditEntry]:
        assert writer.flush()
        with Session(engine) as session:
            return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))

    return read


def detail(entry: AuditEntry) -> dict[str, Any]:
    return json.loads(entry.detail)


def make_service(connector, show_clock: Clock, monotonic: Clock) -> GoodsService:
    return GoodsService(connector, clock=show_clock, monotonic=monotonic, wall_clock=lambda: WALL)


@pytest.fixture
def run(writer: StorageWriter, show_clock: Clock) -> PlanRunner:
    """Carries a plan out as the console does, audited (with the show time of the test)."""
    return PlanRunner(writer, "场控小王", show_clock)


# -- the demo platform ----------------------------------------------------------------------------


@pytest.fixture
def demo() -> DemoConnector:
    return DemoConnector(DemoSettings(seed=3))


@pytest.fixture
def show_clock() -> Clock:
    return Clock(125.0)


@pytest.fixture
def monotonic() -> Clock:
    return Clock(5000.0)


@pytest.fixture
def service(demo, writer, show_clock, monotonic) -> GoodsService:
    service = make_service(demo, show_clock, monotonic)
    service.load()
    return service


def test_the_list_is_the_room_numbered_in_order_and_on_sale(service: GoodsService) -> None:
    rows = service.rows()
    assert [row.number for row in rows] == list(range(1, 9))
    assert rows[0].item.name == "316不锈钢保温杯 500ml"
    assert rows[0].item.price == Decimal("59.00")
    assert rows[2].item.shown_price == "¥39.90"
    assert all(row.on_sale and row.pushed is None for row in rows)


def test_a_push_marks_the_goods_and_is_audited(
    service: GoodsService, audits, monotonic: Clock, run: PlanRunner
) -> None:
    plan = service.push(service.goods_id_of(3))
    row = service.row("g003")
    assert row.pushed is not None  # the marker shows at once, before the platform answered
    assert (row.pushed.t, row.pushed.wall) == (125.0, WALL)
    outcome = run(plan, "goods.push")
    assert outcome.ok
    monotonic.now += 12
    assert service.seconds_since_push("g003") == 12
    [entry] = audits()
    assert (entry.action, entry.target, entry.result, entry.t) == ("goods.push", "g003", "ok", 125)
    assert entry.operator == "场控小王"
    assert detail(entry)["name"] == "氨基酸洁面乳"
    assert (detail(entry)["number"], detail(entry)["price"]) == (3, "¥39.90")


def test_a_second_push_inside_the_cooldown_is_refused_here(
    service: GoodsService, audits, monotonic: Clock, run: PlanRunner
) -> None:
    run(service.push("g001"), "goods.push")
    monotonic.now += 1.2
    with pytest.raises(OperatorError) as caught:
        service.push("g001")
    assert caught.value.fields["wait"] == 2
    assert "1号" not in caught.value.render()  # the template names the goods itself
    assert caught.value.fields["name"] == "316不锈钢保温杯 500ml"
    assert service.cooldown_left("g001") == pytest.approx(PUSH_COOLDOWN_S - 1.2)
    run(service.push("g002"), "goods.push")  # other goods are not held back
    monotonic.now += PUSH_COOLDOWN_S
    run(service.push("g001"), "goods.push")
    assert [e.target for e in audits()] == ["g001", "g002", "g001"]


def test_a_refused_push_takes_the_marker_back(
    service: GoodsService, audits, run: PlanRunner
) -> None:
    run(service.set_on_sale("g004", False), "goods.off_sale")
    assert not service.row("g004").on_sale
    outcome = run(
        service.push("g004"), "goods.push"
    )  # the demo platform refuses goods that are off sale
    assert not outcome.ok
    assert service.row("g004").pushed is None
    entries = audits()
    assert [(e.action, e.result) for e in entries] == [
        ("goods.off_sale", "ok"),
        ("goods.push", "error"),
    ]
    assert detail(entries[0])["on_sale"] is False
    assert "off sale" in detail(entries[1])["error"]


def test_sort_changes_the_order_here_and_on_the_platform(
    service: GoodsService, demo: DemoConnector, audits, run: PlanRunner
) -> None:
    order = moved(service.order(), ["g005"], 0)
    plan = service.sort(order)
    assert [row.item.goods_id for row in service.rows()][:2] == ["g005", "g001"]
    assert run(plan, "goods.sort").ok
    assert [item.goods_id for item in demo.room_goods()] == list(order)
    [entry] = audits()
    assert entry.action == "goods.sort"
    assert detail(entry)["order"] == list(order)
    assert detail(entry)["moved"][0] == {"name": "降噪蓝牙耳机", "number": 1, "price": "¥169.00"}


def test_a_sort_must_list_the_room_exactly(service: GoodsService) -> None:
    with pytest.raises(OperatorError):
        service.sort(["g001", "g002"])


def test_import_adds_goods_then_the_room_is_full(
    service: GoodsService, demo: DemoConnector, audits, run: PlanRunner
) -> None:
    library = service.library()
    assert [item.goods_id for item in library] == ["g009", "g010", "g011", "g012"]

    assert run(service.import_goods([item.goods_id for item in library[:2]]), "goods.import").ok
    assert len(service.rows()) == ROOM_GOODS_LIMIT
    assert [row.number for row in service.rows()][-2:] == [9, 10]
    assert not service.room_full

    outcome = run(service.import_goods([item.goods_id for item in library[2:3]]), "goods.import")
    assert not outcome.ok
    assert is_room_full(outcome.error)
    assert service.room_full
    assert service.full_error is outcome.error
    assert len(demo.room_goods()) == ROOM_GOODS_LIMIT
    entries = audits()
    assert [(e.action, e.result) for e in entries] == [
        ("goods.import", "ok"),
        ("goods.import", "error"),
    ]
    assert detail(entries[0])["goods"][0] == {
        "goods_id": "g009",
        "name": "短款白鸭绒羽绒服",
        "number": 9,
        "price": "¥399.00",
    }
    assert entries[0].subject == "短款白鸭绒羽绒服、保湿修护面霜"


def test_goods_already_in_the_room_are_not_imported_again(service: GoodsService) -> None:
    with pytest.raises(OperatorError):
        service.import_goods(["g001"])


def test_a_reload_keeps_what_the_console_knows(service: GoodsService, run: PlanRunner) -> None:
    run(service.set_on_sale("g002", False), "goods.off_sale")
    run(service.push("g006"), "goods.push")
    service.load()
    assert not service.row("g002").on_sale
    assert service.row("g006").pushed is not None


def test_a_platform_without_goods_says_so(audits, show_clock, monotonic) -> None:
    """Nothing to load, nothing to push, and the panel can say so."""
    service = make_service(ScriptedConnector(), show_clock, monotonic)
    assert not service.supports_goods
    with pytest.raises(Unsupported):
        service.load()
    assert isinstance(service.load_error, Unsupported)
    with pytest.raises(Unsupported):
        service.push("g001")
    assert audits() == []


@pytest.mark.parametrize(
    ("ids", "row", "expected"),
    [
        (["c"], 0, "cabd"),
        (["a"], 4, "bcda"),
        (["a"], 3, "bcad"),
        (["d"], 1, "adbc"),
        (["b"], 2, "abcd"),  # dropped just below itself: no change
        (["b", "d"], 0, "bdac"),
    ],
)
def test_moving_rows(ids: list[str], row: int, expected: str) -> None:
    assert "".join(moved(tuple("abcd"), ids, row)) == expected


# -- WeChat, on the fake server -------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[FakeWeChatServer]:
    with FakeWeChatServer() as fake:
        yield fake
    assert not fake.crashes, fake.crashes[0]


@pytest.fixture
def room(server: FakeWeChatServer) -> FakeRoom:
    room = server.add_room("周末秒杀", live_status=LIVE)
    for name, price in (("保温杯", 1889), ("羊毛围巾", 12900), ("降噪耳机", 16900)):
        server.put_in_room(room.room_id, server.add_goods(name, price_fen=price).goods_id)
    server.add_goods("真丝睡衣", price_fen=19900)  # approved, not in the room
    return room


@pytest.fixture
def wechat(server: FakeWeChatServer, room: FakeRoom) -> Iterator[WeChatConnector]:
    client = WeChatLiveClient(APPID, SECRET, base_url=server.base_url, timeout=3)
    yield WeChatConnector(client, room.room_id)
    client.close()


@pytest.fixture
def wechat_service(wechat, writer, show_clock, monotonic) -> GoodsService:
    service = make_service(wechat, show_clock, monotonic)
    service.load()
    return service


def test_wechat_goods_list_and_push(
    wechat_service: GoodsService,
    server: FakeWeChatServer,
    room: FakeRoom,
    monotonic: Clock,
    run: PlanRunner,
) -> None:
    rows = wechat_service.rows()
    assert [(r.number, r.item.name, r.item.shown_price) for r in rows] == [
        (1, "保温杯", "¥18.89"),
        (2, "羊毛围巾", "¥129.00"),
        (3, "降噪耳机", "¥169.00"),
    ]
    assert run(wechat_service.push(wechat_service.goods_id_of(2)), "goods.push").ok
    assert server.calls(GOODS_PUSH)[0].body == {"roomId": room.room_id, "goodsId": 2}

    monotonic.now += 1
    with pytest.raises(OperatorError):
        wechat_service.push(wechat_service.goods_id_of(2))
    assert len(server.calls(GOODS_PUSH)) == 1  # refused here: the platform never heard of it
    assert room.pushed == [2]


def test_wechat_token_expiry_mid_show_is_invisible(
    wechat_service: GoodsService, server: FakeWeChatServer, room: FakeRoom, run: PlanRunner
) -> None:
    server.expire_token()
    assert run(wechat_service.push("3"), "goods.push").ok
    assert room.pushed == [3]


def test_wechat_refusals_undo_the_local_change_and_keep_the_operator_text(
    wechat_service: GoodsService, server: FakeWeChatServer, room: FakeRoom, audits, run: PlanRunner
) -> None:
    server.set_live_status(room.room_id, ENDED)
    outcome = run(wechat_service.set_on_sale("1", False), "goods.off_sale")
    assert isinstance(outcome.error, WeChatApiError)
    assert outcome.error.errcode == 300023
    assert wechat_service.row("1").on_sale  # back to what the platform still has

    before = wechat_service.order()
    outcome = run(wechat_service.sort(moved(before, ["3"], 0)), "goods.sort")
    assert not outcome.ok
    assert wechat_service.order() == before
    assert len(server.calls(GOODS_SORT)) == 1
    assert [detail(e)["error"] for e in audits()] == [
        f"POST {path}: errcode 300023 (room status forbids this operation)"
        for path in ("/wxaapi/broadcast/goods/onsale", GOODS_SORT)
    ]


@pytest.mark.parametrize(("cap", "errcode"), [(3, 300026), (4, 300033)])
def test_wechat_room_full_comes_from_the_error_code(
    wechat_service: GoodsService, server: FakeWeChatServer, cap: int, errcode: int, run: PlanRunner
) -> None:
    server.room_goods_cap = cap
    extra = server.add_goods("羊毛袜")
    library = wechat_service.library()
    assert [item.name for item in library] == ["真丝睡衣", "羊毛袜"]
    assert str(extra.goods_id) == library[1].goods_id

    outcome = run(wechat_service.import_goods([item.goods_id for item in library]), "goods.import")
    assert isinstance(outcome.error, WeChatApiError)
    assert outcome.error.errcode == errcode
    assert wechat_service.room_full
    assert len(server.calls(ROOM_ADD_GOODS)) == 1

    server.room_goods_cap = 5
    assert run(wechat_service.import_goods([item.goods_id for item in library]), "goods.import").ok
    assert not wechat_service.room_full
    assert [r.item.name for r in wechat_service.rows()][-2:] == ["真丝睡衣", "羊毛袜"]
    wechat_service.load()  # the platform agrees with what the console shows
    assert len(wechat_service.rows()) == 5
    assert len(server.calls(GET_LIVE_INFO)) == 2
