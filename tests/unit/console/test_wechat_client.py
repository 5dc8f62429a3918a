"""The WeChat live API client against the local fake server that follows the contract."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from console.events import ROOM_STATUSES
from console.platforms.wechat import (
    ErrorKind,
    Room,
    ShareCode,
    WeChatApiError,
    WeChatLiveClient,
)
from fakes.wechat_server import (
    APPID,
    GET_LIVE_INFO,
    GOODS_APPROVED,
    GOODS_DELETE_IN_ROOM,
    GOODS_ON_SALE,
    GOODS_PUSH,
    GOODS_SORT,
    LIVE,
    NOT_STARTED,
    PUSH_MESSAGE,
    ROOM_ADD_ASSISTANT,
    ROOM_ADD_GOODS,
    ROOM_PUSH_URL,
    ROOM_SHARE_CODE,
    ROOM_UPDATE_COMMENT,
    ROOM_UPDATE_REPLAY,
    SECRET,
    FakeRoom,
    FakeWeChatServer,
)

ServerFactory = Callable[..., FakeWeChatServer]
ClientFactory = Callable[..., WeChatLiveClient]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def make_server() -> Iterator[ServerFactory]:
    servers: list[FakeWeChatServer] = []

    def make(**options: Any) -> FakeWeChatServer:
        server = FakeWeChatServer(**options).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()
        assert not server.crashes, server.crashes[0]


@pytest.fixture
def server(make_server: ServerFactory) -> FakeWeChatServer:
    return make_server()


@pytest.fixture
def make_client(server: FakeWeChatServer) -> Iterator[ClientFactory]:
    clients: list[WeChatLiveClient] = []

    def make(**options: Any) -> WeChatLiveClient:
        settings: dict[str, Any] = {
            "base_url": server.base_url,
            "timeout": 3.0,
            "busy_backoff": 0.001,
        }
        settings.update(options)
        client = WeChatLiveClient(settings.pop("appid", APPID), SECRET, **settings)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: ClientFactory) -> WeChatLiveClient:
    return make_client()


@pytest.fixture
def live_room(server: FakeWeChatServer) -> FakeRoom:
    room = server.add_room("春季新品专场", live_status=LIVE)
    cup = server.add_goods("保温杯", price_fen=1889)
    scarf = server.add_goods("羊毛围巾", price_fen=12900, price2_fen=9900, price_type=3)
    server.put_in_room(room.room_id, cup.goods_id, scarf.goods_id)
    return room


def raised(call: Callable[[], object]) -> WeChatApiError:
    with pytest.raises(WeChatApiError) as caught:
        call()
    return caught.value


# ------------------------------------------------------------------ access token


def test_one_token_is_fetched_in_normal_mode_and_shared_by_every_call(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    client.list_rooms()
    client.set_comment_ban(live_room.room_id, True)
    client.push_goods(live_room.room_id, "1")

    assert [call.body for call in server.token_calls] == [
        {
            "grant_type": "client_credential",
            "appid": APPID,
            "secret": SECRET,
            "force_refresh": False,
        }
    ]
    api_calls = [r for r in server.requests if r.path != "/cgi-bin/stable_token"]
    assert len(api_calls) == 3
    assert {r.token for r in api_calls} == {server.current_token}


def test_threads_calling_at_once_trigger_a_single_token_fetch(
    make_server: ServerFactory, make_client: ClientFactory
) -> None:
    server = make_server(token_delay=0.2)  # a slow token answer: every thread piles up on it
    room = server.add_room(live_status=LIVE)
    client = make_client(base_url=server.base_url)
    barrier = threading.Barrier(8)
    failures: list[BaseException] = []

    def ban() -> None:
        barrier.wait()
        try:
            client.set_comment_ban(room.room_id, True)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=ban) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert failures == []
    assert len(server.token_calls) == 1
    bans = server.calls(ROOM_UPDATE_COMMENT)
    assert len(bans) == 8
    assert {r.token for r in bans} == {server.current_token}


def test_token_is_renewed_shortly_before_it_expires(
    make_server: ServerFactory, make_client: ClientFactory
) -> None:
    clock = FakeClock()
    server = make_server(expires_in=7200, clock=clock)
    client = make_client(base_url=server.base_url, clock=clock, token_refresh_margin=120)
    client.list_rooms()
    first = server.current_token

    clock.now += 7000  # 200 s left: more than the margin, keep it
    client.list_rooms()
    assert len(server.token_calls) == 1

    clock.now += 100  # 100 s left: inside the margin, the platform has a new one by now
    client.list_rooms()
    assert len(server.token_calls) == 2
    assert server.current_token != first
    assert server.calls(GET_LIVE_INFO)[-1].token == server.current_token
    assert all(call.body["force_refresh"] is False for call in server.token_calls)


def test_token_expiring_mid_show_is_refreshed_once_and_the_push_retried(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    client.set_comment_ban(live_room.room_id, False)
    old = server.current_token
    server.expire_token()

    client.push_goods(live_room.room_id, "2")

    assert len(server.token_calls) == 2  # exactly one extra token call
    assert all(call.body["force_refresh"] is False for call in server.token_calls)
    pushes = server.calls(GOODS_PUSH)
    assert [p.token for p in pushes] == [old, server.current_token]
    assert live_room.pushed == [2]  # the card popped up once


def test_revoked_token_40001_is_refreshed_and_the_call_retried(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    client.list_rooms()
    server.invalidate_token()

    client.set_comment_ban(live_room.room_id, True)

    assert live_room.comment_banned
    assert len(server.token_calls) == 2


def test_a_token_error_that_persists_is_reported_after_one_retry(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    server.fail_next(40001, times=5, errmsg="invalid credential")

    error = raised(lambda: client.set_comment_ban(live_room.room_id, True))

    assert error.errcode == 40001
    assert error.kind == ErrorKind.AUTH
    assert "AppSecret" in error.message
    assert len(server.calls(ROOM_UPDATE_COMMENT)) == 2
    assert len(server.token_calls) == 2
    assert not live_room.comment_banned


def test_wrong_app_secret_is_a_clear_error(server: FakeWeChatServer) -> None:
    client = WeChatLiveClient(APPID, "not-the-secret", base_url=server.base_url)
    error = raised(client.list_rooms)
    assert (error.errcode, error.kind) == (40125, ErrorKind.AUTH)
    assert "AppSecret 无效" in error.message
    assert "AppSecret" in error.message_en
    assert server.calls(GET_LIVE_INFO) == []


# ------------------------------------------------------------ busy and quota


def test_busy_answers_are_retried_with_exponential_backoff(
    server: FakeWeChatServer, make_client: ClientFactory, live_room: FakeRoom
) -> None:
    delays: list[float] = []
    client = make_client(busy_retries=3, busy_backoff=0.25, sleep=delays.append)
    server.fail_next(-1, times=2, errmsg="system error")

    client.push_goods(live_room.room_id, 1)

    assert delays == [0.25, 0.5]
    assert len(server.calls(GOODS_PUSH)) == 3
    assert live_room.pushed == [1]


def test_busy_gives_up_after_the_retries_with_a_clear_error(
    server: FakeWeChatServer, make_client: ClientFactory, live_room: FakeRoom
) -> None:
    delays: list[float] = []
    client = make_client(busy_retries=3, busy_backoff=0.1, sleep=delays.append)
    server.fail_next(-1, times=10, errmsg="system error")

    error = raised(lambda: client.push_goods(live_room.room_id, 1))

    assert (error.errcode, error.kind) == (-1, ErrorKind.BUSY)
    assert "繁忙" in error.message
    assert delays == pytest.approx([0.1, 0.2, 0.4])
    assert len(server.calls(GOODS_PUSH)) == 4


def test_the_real_backoff_waits(
    server: FakeWeChatServer, make_client: ClientFactory, live_room: FakeRoom
) -> None:
    client = make_client(busy_retries=2, busy_backoff=0.05)
    server.fail_next(-1, times=2)
    started = time.monotonic()
    client.set_comment_ban(live_room.room_id, True)
    assert time.monotonic() - started >= 0.15
    assert live_room.comment_banned


@pytest.mark.parametrize(
    ("errcode", "words"),
    [(45009, "今天的调用次数已达上限"), (45011, "调用太频繁")],
    ids=["45009", "45011"],
)
def test_quota_errors_are_not_retried(
    server: FakeWeChatServer,
    make_client: ClientFactory,
    live_room: FakeRoom,
    errcode: int,
    words: str,
) -> None:
    delays: list[float] = []
    client = make_client(sleep=delays.append)
    server.fail_next(errcode, times=3)

    error = raised(lambda: client.push_goods(live_room.room_id, 1))

    assert (error.errcode, error.kind) == (errcode, ErrorKind.QUOTA)
    assert words in error.message
    assert str(errcode) in error.message
    assert len(server.calls(GOODS_PUSH)) == 1
    assert delays == []
    assert live_room.pushed == []


# --------------------------------------------------------------- platform errors


def test_a_room_that_does_not_exist(client: WeChatLiveClient, live_room: FakeRoom) -> None:
    error = raised(lambda: client.push_goods(999_999, 1))
    assert (error.errcode, error.kind) == (300022, ErrorKind.API)
    assert "直播间不存在" in error.message
    assert "does not exist" in error.message_en


def test_a_room_missing_from_the_room_list_reads_as_no_such_room(
    client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    error = raised(lambda: client.room_goods(live_room.room_id + 1))
    assert error.errcode == 300022
    assert "直播间不存在" in error.message


def test_pushing_goods_in_a_room_that_is_not_live(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    server.set_live_status(live_room.room_id, NOT_STARTED)
    error = raised(lambda: client.push_goods(live_room.room_id, 1))
    assert error.errcode == 300023
    assert "直播间当前状态不允许此操作" in error.message


def test_importing_past_the_room_goods_cap(
    make_server: ServerFactory, make_client: ClientFactory
) -> None:
    server = make_server(room_goods_cap=3)
    client = make_client(base_url=server.base_url)
    room = server.add_room(live_status=NOT_STARTED)
    goods = [server.add_goods().goods_id for _ in range(5)]
    server.put_in_room(room.room_id, goods[0], goods[1])

    error = raised(lambda: client.import_goods(room.room_id, [str(goods[2]), str(goods[3])]))
    assert error.errcode == 300033
    assert "超过直播间上限" in error.message
    assert room.goods == goods[:2]

    client.import_goods(room.room_id, [str(goods[2])])
    assert room.goods == goods[:3]

    error = raised(lambda: client.import_goods(room.room_id, [str(goods[4])]))
    assert error.errcode == 300026
    assert "已满" in error.message


def test_importing_goods_that_are_not_approved(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    pending = server.add_goods("待审核商品", audit_status=1)
    error = raised(lambda: client.import_goods(live_room.room_id, [pending.goods_id]))
    assert error.errcode == 300025
    assert "未通过审核" in error.message


def test_an_unknown_errcode_shows_errmsg_verbatim(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    server.fail_next(300045, errmsg="room {name} is locked by a new rule")
    error = raised(lambda: client.set_replay(live_room.room_id, True))
    assert error.kind == ErrorKind.API
    assert error.errmsg == "room {name} is locked by a new rule"
    assert "room {name} is locked by a new rule" in error.message
    assert "300045" in error.message
    assert "room {name} is locked by a new rule" in error.message_en
    assert "300045" in str(error)  # the log and audit text


# ------------------------------------------------------------- transport faults


def test_an_html_502_page_is_a_bad_response(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    server.html_next(status=502)
    error = raised(lambda: client.push_goods(live_room.room_id, 1))
    assert error.kind == ErrorKind.BAD_RESPONSE
    assert error.errcode is None
    assert error.http_status == 502
    assert "HTTP 502" in error.message
    assert len(server.calls(GOODS_PUSH)) == 1


def test_a_body_that_is_not_json_is_a_bad_response(
    server: FakeWeChatServer, client: WeChatLiveClient
) -> None:
    server.non_json_next()
    error = raised(client.list_rooms)
    assert error.kind == ErrorKind.BAD_RESPONSE
    assert error.errcode is None
    assert "无法识别" in error.message


def test_a_slow_answer_times_out_and_warns_the_push_may_have_happened(
    server: FakeWeChatServer, make_client: ClientFactory, live_room: FakeRoom
) -> None:
    client = make_client(timeout=0.3)
    client.list_rooms()  # token in hand: only the push is timed
    server.slow_next(3.0, path=GOODS_PUSH)

    started = time.monotonic()
    error = raised(lambda: client.push_goods(live_room.room_id, 1))
    elapsed = time.monotonic() - started

    assert error.kind == ErrorKind.TIMEOUT
    assert error.errcode is None
    assert elapsed < 2.5
    assert "0.3 秒内没有响应" in error.message
    assert "可能已经生效" in error.message
    assert len(server.calls(GOODS_PUSH)) == 1  # never retried: it may have gone through


def test_connection_refused_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = WeChatLiveClient(APPID, SECRET, base_url=f"http://127.0.0.1:{port}", timeout=2)
    error = raised(client.list_rooms)
    assert error.kind == ErrorKind.NETWORK
    assert error.errcode is None
    assert "无法连接微信服务器" in error.message


# -------------------------------------------------------------------- paging


def test_rooms_are_read_page_by_page_even_when_the_server_caps_pages(
    make_server: ServerFactory, make_client: ClientFactory
) -> None:
    server = make_server(room_page_cap=30)
    client = make_client(base_url=server.base_url)
    ids = [server.add_room(f"直播间 {n}").room_id for n in range(120)]

    rooms = client.list_rooms()

    assert [room.room_id for room in rooms] == ids
    assert [call.body for call in server.calls(GET_LIVE_INFO)] == [
        {"start": start, "limit": 50} for start in (0, 30, 60, 90)
    ]


def test_paging_stops_at_total_without_an_extra_call(
    make_server: ServerFactory, make_client: ClientFactory
) -> None:
    server = make_server(room_page_cap=50)
    client = make_client(base_url=server.base_url)
    for _ in range(100):
        server.add_room()
    assert len(client.list_rooms()) == 100
    assert len(server.calls(GET_LIVE_INFO)) == 2


def test_no_rooms_at_all_is_an_empty_list(
    server: FakeWeChatServer, client: WeChatLiveClient
) -> None:
    assert client.list_rooms() == []
    assert len(server.calls(GET_LIVE_INFO)) == 1  # answered 9410000


def test_approved_goods_are_read_page_by_page_with_exact_prices(
    server: FakeWeChatServer, client: WeChatLiveClient
) -> None:
    for n in range(230):
        server.add_goods(f"商品 {n}", price_fen=1889 + n, price2_fen=1000)
    for _ in range(5):
        server.add_goods("审核中", audit_status=1)

    goods = client.approved_goods()

    assert len(goods) == 230
    assert goods[0].goods_id == "1"
    assert goods[0].price == Decimal("18.89")
    assert goods[1].price == Decimal("18.90")
    assert goods[0].price2 == Decimal("10.00")
    assert goods[0].cover_img_url == "https://mmbiz.example/goods/1.jpg"
    assert all(isinstance(g.price, Decimal) for g in goods)
    calls = server.calls(GOODS_APPROVED)
    assert [c.method for c in calls] == ["GET"] * 3
    assert [(c.query["offset"], c.query["limit"], c.query["status"]) for c in calls] == [
        ("0", "100", "2"),
        ("100", "100", "2"),
        ("200", "100", "2"),
    ]


# ------------------------------------------------------------------- parsing


def test_a_room_is_read_into_typed_fields(client: WeChatLiveClient, live_room: FakeRoom) -> None:
    (room,) = client.list_rooms()

    assert isinstance(room, Room)
    assert room.room_id == live_room.room_id
    assert room.name == "春季新品专场"
    assert (room.live_status, room.status) == (101, "live")
    assert room.start_time == datetime.fromtimestamp(live_room.start_time, tz=UTC)
    assert room.anchor_name == "主播小林"
    assert room.cover_img_url.endswith("/cover.jpg")
    assert room.close_comment is False
    assert room.close_replay is True
    assert room.live_type == 1
    cup, scarf = room.goods
    assert (cup.goods_id, cup.name, cup.price, cup.price_type) == (
        "1",
        "保温杯",
        Decimal("18.89"),
        1,
    )
    assert (scarf.price, scarf.price2, scarf.price_type) == (Decimal("129.00"), Decimal("99.00"), 3)
    assert client.room_goods(live_room.room_id) == [cup, scarf]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        (101, "live"),
        (102, "not_started"),
        (103, "ended"),
        (104, "banned"),
        (105, "paused"),
        (106, "abnormal"),
        (107, "expired"),
    ],
)
def test_live_status_codes_map_to_the_console_room_statuses(
    server: FakeWeChatServer, client: WeChatLiveClient, code: int, name: str
) -> None:
    server.add_room(live_status=code)
    (room,) = client.list_rooms()
    assert room.status == name
    assert name in ROOM_STATUSES


# ------------------------------------------------------------- request bodies


def test_each_call_sends_the_contract_fields(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    room_id = live_room.room_id
    extra = server.add_goods("新品")

    client.set_comment_ban(room_id, True)
    client.set_replay(room_id, True)
    client.add_assistant(room_id, "wxid_helper01", "小助手阿花")
    client.import_goods(room_id, [str(extra.goods_id)])
    client.set_goods_on_sale(room_id, "2", False)
    client.sort_goods(room_id, ["2", "1"])
    client.push_goods(room_id, "1")
    client.remove_goods(room_id, str(extra.goods_id))

    def body(path: str) -> Any:
        (call,) = server.calls(path)
        assert call.method == "POST"
        return call.body

    assert body(ROOM_UPDATE_COMMENT) == {"roomId": room_id, "banComment": 1}
    assert body(ROOM_UPDATE_REPLAY) == {"roomId": room_id, "closeReplay": 0}
    assert body(ROOM_ADD_ASSISTANT) == {
        "roomId": room_id,
        "users": [{"username": "wxid_helper01", "nickname": "小助手阿花"}],
    }
    assert body(ROOM_ADD_GOODS) == {"roomId": room_id, "ids": [extra.goods_id]}
    assert body(GOODS_ON_SALE) == {"roomId": room_id, "goodsId": 2, "onSale": 0}
    assert body(GOODS_SORT) == {"roomId": room_id, "goods": [{"goodsId": "2"}, {"goodsId": "1"}]}
    assert body(GOODS_PUSH) == {"roomId": room_id, "goodsId": 1}
    assert body(GOODS_DELETE_IN_ROOM) == {"roomId": room_id, "goodsId": extra.goods_id}

    assert live_room.comment_banned
    assert live_room.close_replay == 0
    assert live_room.assistants == [{"username": "wxid_helper01", "nickname": "小助手阿花"}]
    assert live_room.on_sale[2] is False
    assert live_room.goods == [2, 1]
    assert live_room.pushed == [1]


def test_lifting_the_ban_and_closing_replay_send_zero_and_one(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    client.set_comment_ban(live_room.room_id, True)
    client.set_comment_ban(live_room.room_id, False)
    client.set_replay(live_room.room_id, False)
    assert [c.body["banComment"] for c in server.calls(ROOM_UPDATE_COMMENT)] == [1, 0]
    assert server.calls(ROOM_UPDATE_REPLAY)[0].body["closeReplay"] == 1
    assert not live_room.comment_banned
    assert live_room.close_replay == 1


def test_push_url_and_share_code_are_gets_with_room_id_in_the_query(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    room_id = live_room.room_id

    push_url = client.get_push_url(room_id)
    code = client.get_share_code(room_id, {"source": "海报"})

    assert push_url.startswith("rtmp://")
    assert str(room_id) in push_url
    assert isinstance(code, ShareCode)
    assert code.cdn_url.endswith(".png")
    assert "custom_params=" in code.page_path
    assert code.poster_url
    (url_call,) = server.calls(ROOM_PUSH_URL)
    (code_call,) = server.calls(ROOM_SHARE_CODE)
    assert (url_call.method, url_call.body) == ("GET", None)
    assert url_call.query["roomId"] == str(room_id)
    assert code_call.method == "GET"
    assert code_call.query["params"] == '{"source":"海报"}'


# ------------------------------------------------------------------ reminders


def test_a_live_reminder_is_split_into_calls_of_at_most_2000_openids(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    openids = [f"openid-{n}" for n in range(4500)]

    message_ids = client.push_live_reminder(live_room.room_id, openids + openids[:10])

    calls = server.calls(PUSH_MESSAGE)
    assert [len(c.body["user_openid"]) for c in calls] == [2000, 2000, 500]
    assert all(c.body["room_id"] == live_room.room_id for c in calls)
    assert [o for c in calls for o in c.body["user_openid"]] == openids
    assert len(message_ids) == 3


def test_a_reminder_for_a_room_that_is_not_live(
    server: FakeWeChatServer, client: WeChatLiveClient
) -> None:
    room = server.add_room(live_status=NOT_STARTED)
    error = raised(lambda: client.push_live_reminder(room.room_id, ["openid-1"]))
    assert error.errcode == 9410006
    assert "不在直播中" in error.message
    assert "每天只能" in error.message
    assert "once a day" in error.message_en


def test_a_second_rooms_reminder_on_the_same_day(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    other = server.add_room(live_status=LIVE)
    client.push_live_reminder(live_room.room_id, ["openid-1"])

    error = raised(lambda: client.push_live_reminder(other.room_id, ["openid-1"]))

    assert error.errcode == 9410005
    assert "今天已经发送过开播提醒" in error.message
    assert "只能在直播中推送" in error.message
    assert other.reminders == []


def test_a_reminder_that_fails_midway_says_how_many_were_reached(
    server: FakeWeChatServer, client: WeChatLiveClient, live_room: FakeRoom
) -> None:
    server.fail_next(45011, path=PUSH_MESSAGE, after=1)
    openids = [f"openid-{n}" for n in range(2500)]

    error = raised(lambda: client.push_live_reminder(live_room.room_id, openids))

    assert error.errcode == 45011
    assert "已向 2000/2500 位订阅者发送" in error.message
    assert "2000 of 2500" in error.message_en
    assert len(live_room.reminders) == 1


# -------------------------------------------------------------------- secrets


def test_secret_and_tokens_never_reach_logs_errors_or_reprs(
    server: FakeWeChatServer,
    make_client: ClientFactory,
    live_room: FakeRoom,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client()
    texts: list[str] = []

    def collect(error: WeChatApiError) -> None:
        texts.extend([str(error), repr(error), error.message, error.message_en, error.errmsg])

    client.list_rooms()
    server.expire_token()
    client.push_goods(live_room.room_id, 1)
    leaked = (
        f"token {server.current_token} secret {SECRET} url ?access_token={server.current_token}"
    )
    server.fail_next(40001, times=2, errmsg=leaked)
    collect(raised(lambda: client.push_goods(live_room.room_id, 1)))
    server.fail_next(300045, errmsg=leaked)
    collect(raised(lambda: client.push_goods(live_room.room_id, 1)))
    server.html_next()
    collect(raised(client.list_rooms))
    server.stop()
    collect(raised(client.list_rooms))  # the connection error's text names the URL
    texts.extend([repr(client), str(client), repr(vars(client)), caplog.text])

    everything = "\n".join(texts)
    assert len(server.issued_tokens) >= 2
    for secret in [SECRET, *server.issued_tokens]:
        assert secret not in everything
    assert "access_token=***" in caplog.text  # urllib3's request lines, masked


def test_credentials_are_required() -> None:
    with pytest.raises(ValueError, match="AppSecret"):
        WeChatLiveClient(APPID, "")
