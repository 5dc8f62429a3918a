"""The ``wechat`` connector: capabilities, operator actions and the slow room-status poller."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest

from console.actions import (
    BanAllComments,
    Capability,
    DeleteComment,
    ImportGoods,
    MuteUser,
    PushGoods,
    SetGoodsOnSale,
    SortGoods,
    UnmuteUser,
)
from console.errors import Unsupported
from console.events import RoomStatus
from console.goods import GoodsItem
from console.platforms.wechat import WeChatApiError, WeChatConnector, WeChatLiveClient
from fakes.wechat_server import (
    APPID,
    ENDED,
    GET_LIVE_INFO,
    GOODS_ON_SALE,
    GOODS_PUSH,
    GOODS_SORT,
    LIVE,
    NOT_STARTED,
    PAUSED,
    ROOM_ADD_GOODS,
    ROOM_UPDATE_COMMENT,
    SECRET,
    FakeRoom,
    FakeWeChatServer,
)
from helpers.sinks import RecordingSink


@pytest.fixture
def server() -> Iterator[FakeWeChatServer]:
    with FakeWeChatServer() as fake:
        yield fake
    assert not fake.crashes, fake.crashes[0]


@pytest.fixture
def room(server: FakeWeChatServer) -> FakeRoom:
    room = server.add_room("周末秒杀", live_status=NOT_STARTED)
    server.add_room("另一个直播间")
    goods = server.add_goods("保温杯", price_fen=1889)
    server.put_in_room(room.room_id, goods.goods_id)
    return room


@pytest.fixture
def connector(server: FakeWeChatServer, room: FakeRoom) -> Iterator[WeChatConnector]:
    client = WeChatLiveClient(APPID, SECRET, base_url=server.base_url, timeout=3)
    connector = WeChatConnector(client, room.room_id)
    yield connector
    connector.stop()
    client.close()


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def statuses(sink: RecordingSink) -> list[str]:
    return [event.status for event in sink.events if isinstance(event, RoomStatus)]


def test_capabilities_are_what_the_api_can_do(connector: WeChatConnector) -> None:
    assert connector.name == "wechat"
    assert connector.capabilities == {
        Capability.BAN_ALL,
        Capability.PUSH_GOODS,
        Capability.GOODS_ON_SALE,
        Capability.SORT_GOODS,
        Capability.IMPORT_GOODS,
    }
    for missing in (Capability.LIVE_EVENTS, Capability.DELETE_COMMENT, Capability.MUTE_USER):
        assert not connector.supports(missing)


def test_operator_actions_reach_the_room(
    server: FakeWeChatServer, room: FakeRoom, connector: WeChatConnector
) -> None:
    server.set_live_status(room.room_id, LIVE)

    connector.perform(BanAllComments(banned=True))
    connector.perform(PushGoods(goods_id="1"))
    connector.perform(SetGoodsOnSale(goods_id="1", on_sale=False))

    assert room.comment_banned
    assert room.pushed == [1]
    assert room.on_sale[1] is False
    assert server.calls(ROOM_UPDATE_COMMENT)[0].body == {"roomId": room.room_id, "banComment": 1}
    assert server.calls(GOODS_PUSH)[0].body == {"roomId": room.room_id, "goodsId": 1}
    assert server.calls(GOODS_ON_SALE)[0].body == {
        "roomId": room.room_id,
        "goodsId": 1,
        "onSale": 0,
    }


@pytest.mark.parametrize(
    "action",
    [DeleteComment("c1"), MuteUser("u1", 600), UnmuteUser("u1")],
    ids=["delete_comment", "mute_user", "unmute_user"],
)
def test_what_the_api_cannot_do_is_unsupported_without_a_call(
    server: FakeWeChatServer, connector: WeChatConnector, action: object
) -> None:
    with pytest.raises(Unsupported):
        connector.perform(action)  # type: ignore[arg-type]
    assert server.requests == []


def test_a_platform_refusal_reaches_the_operator_as_a_clear_error(
    connector: WeChatConnector,
) -> None:
    with pytest.raises(WeChatApiError) as caught:
        connector.perform(PushGoods(goods_id="1"))  # the room has not started
    assert caught.value.errcode == 300023
    assert "300023" in str(caught.value)  # what the audit trail records
    assert "直播间当前状态不允许此操作" in caught.value.message


def test_the_poller_reports_the_status_then_only_changes(
    server: FakeWeChatServer, room: FakeRoom, connector: WeChatConnector
) -> None:
    sink = RecordingSink()
    started = time.monotonic()
    connector.start(sink)
    wait_for(lambda: len(sink.events) == 1)
    assert statuses(sink) == ["not_started"]

    connector.poll_once()  # nothing changed: nothing new
    assert statuses(sink) == ["not_started"]

    server.set_live_status(room.room_id, LIVE)
    connector.poll_once()
    server.set_live_status(room.room_id, PAUSED)
    connector.poll_once()
    server.set_live_status(room.room_id, ENDED)
    connector.poll_once()

    assert statuses(sink) == ["not_started", "live", "paused", "ended"]
    times = [event.t for event in sink.events]
    assert times == sorted(times)
    assert 0 <= times[0] <= time.monotonic() - started
    assert len(server.calls(GET_LIVE_INFO)) == 5


def test_the_poller_waits_its_interval_and_stops_promptly(
    server: FakeWeChatServer, connector: WeChatConnector
) -> None:
    sink = RecordingSink()
    connector.start(sink)
    wait_for(lambda: len(sink.events) == 1)
    time.sleep(0.2)
    assert len(server.calls(GET_LIVE_INFO)) == 1  # next look only after 60 s

    started = time.monotonic()
    connector.stop()
    assert time.monotonic() - started < 2


def test_a_failed_poll_is_logged_and_the_poller_carries_on(
    server: FakeWeChatServer,
    room: FakeRoom,
    connector: WeChatConnector,
    caplog: pytest.LogCaptureFixture,
) -> None:
    sink = RecordingSink()
    connector.start(sink)
    wait_for(lambda: len(sink.events) == 1)

    server.html_next()
    connector.poll_once()
    assert connector.error is not None
    assert "HTTP 502" in connector.error
    assert any(
        r.levelno == logging.WARNING and "status poll failed" in r.getMessage()
        for r in caplog.records
    )

    server.set_live_status(room.room_id, LIVE)
    connector.poll_once()
    assert connector.error is None
    assert statuses(sink) == ["not_started", "live"]
    assert SECRET not in caplog.text


def test_a_status_code_outside_the_contract_is_logged_not_sent(
    server: FakeWeChatServer,
    room: FakeRoom,
    connector: WeChatConnector,
    caplog: pytest.LogCaptureFixture,
) -> None:
    sink = RecordingSink()
    connector.start(sink)
    wait_for(lambda: len(sink.events) == 1)
    server.set_live_status(room.room_id, 108)
    connector.poll_once()
    assert statuses(sink) == ["not_started"]
    assert "unknown live_status 108" in caplog.text


def test_polling_faster_than_every_30_seconds_is_refused(server: FakeWeChatServer) -> None:
    client = WeChatLiveClient(APPID, SECRET, base_url=server.base_url)
    with pytest.raises(ValueError, match="30"):
        WeChatConnector(client, 1001, poll_interval=5)
    assert WeChatConnector(client, 1001, poll_interval=30).poll_interval == 30


def test_describe_names_the_room_without_secrets(
    connector: WeChatConnector, room: FakeRoom
) -> None:
    text = connector.describe()
    assert str(room.room_id) in text
    assert APPID in text
    assert SECRET not in text


def test_room_goods_are_console_goods_in_the_room_order(
    server: FakeWeChatServer, room: FakeRoom, connector: WeChatConnector
) -> None:
    ranged = server.add_goods("真丝睡衣", price_fen=19900, price2_fen=23900, price_type=2)
    discount = server.add_goods("洁面乳", price_fen=6900, price2_fen=3990, price_type=3)
    server.put_in_room(room.room_id, discount.goods_id, ranged.goods_id)

    goods = connector.room_goods()

    assert [item.goods_id for item in goods] == ["1", str(discount.goods_id), str(ranged.goods_id)]
    assert goods[0] == GoodsItem(
        goods_id="1",
        name="保温杯",
        price=Decimal("18.89"),
        price2=None,
        price_type=1,
        cover_url="https://mmbiz.example/goods/1.jpg",
        url="pages/goods/detail?id=1",
    )
    assert [item.shown_price for item in goods] == ["¥18.89", "¥39.90", "¥199.00–239.00"]


def test_approved_goods_are_the_library_in_console_form(
    server: FakeWeChatServer, connector: WeChatConnector
) -> None:
    server.add_goods("羊毛围巾", price_fen=12900)
    server.add_goods("审核中的商品", audit_status=1)

    library = connector.approved_goods()

    assert [(item.goods_id, item.name, item.price) for item in library] == [
        ("1", "保温杯", Decimal("18.89")),
        ("2", "羊毛围巾", Decimal("129.00")),
    ]
    assert all(item.price2 is None for item in library)


def test_sort_and_import_reach_the_room(
    server: FakeWeChatServer, room: FakeRoom, connector: WeChatConnector
) -> None:
    second = server.add_goods("羊毛围巾")
    third = server.add_goods("降噪耳机")

    connector.perform(ImportGoods((str(second.goods_id), str(third.goods_id))))
    connector.perform(SortGoods((str(third.goods_id), "1", str(second.goods_id))))

    assert room.goods == [third.goods_id, 1, second.goods_id]
    assert server.calls(ROOM_ADD_GOODS)[0].body == {
        "roomId": room.room_id,
        "ids": [second.goods_id, third.goods_id],
    }
    assert server.calls(GOODS_SORT)[0].body == {
        "roomId": room.room_id,
        "goods": [
            {"goodsId": str(third.goods_id)},
            {"goodsId": "1"},
            {"goodsId": str(second.goods_id)},
        ],
    }
    assert [item.goods_id for item in connector.room_goods()] == [
        str(third.goods_id),
        "1",
        str(second.goods_id),
    ]


@pytest.mark.parametrize(
    ("cap", "errcode"), [(1, 300026), (2, 300033)], ids=["room_full", "would_exceed"]
)
def test_an_import_past_the_room_limit_carries_the_platform_code(
    server: FakeWeChatServer, room: FakeRoom, connector: WeChatConnector, cap: int, errcode: int
) -> None:
    server.room_goods_cap = cap
    extra = [str(server.add_goods().goods_id) for _ in range(2)]
    with pytest.raises(WeChatApiError) as caught:
        connector.perform(ImportGoods(tuple(extra)))
    assert caught.value.errcode == errcode
    assert room.goods == [1]
