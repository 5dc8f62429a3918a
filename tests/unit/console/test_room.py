"""The WeChat room service in the core: the room list is read on demand and kept fresh only
while somebody watches it (getliveinfo costs quota), and read failures are kept to be shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from console.platforms.wechat import WeChatLiveClient
from console.room import ROOM_POLL_S, RoomService
from fakes.wechat_server import (
    APPID,
    GET_LIVE_INFO,
    LIVE,
    NOT_STARTED,
    SECRET,
    FakeRoom,
    FakeWeChatServer,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server() -> Iterator[FakeWeChatServer]:
    with FakeWeChatServer() as fake:
        yield fake
    assert not fake.crashes, fake.crashes[0]


@pytest.fixture
def room(server: FakeWeChatServer) -> FakeRoom:
    server.add_room("预热场", live_status=NOT_STARTED)
    return server.add_room("春季新品发布会", live_status=LIVE)


@pytest.fixture
def client(server: FakeWeChatServer) -> Iterator[WeChatLiveClient]:
    client = WeChatLiveClient(APPID, SECRET, base_url=server.base_url, timeout=3)
    yield client
    client.close()


def test_the_list_is_polled_only_while_watched_and_not_too_often(
    client: WeChatLiveClient, room: FakeRoom
) -> None:
    clock = Clock()
    service = RoomService(client, room.room_id, monotonic=clock)
    assert not service.poll_due()  # nobody looks
    service.watch(True)
    assert service.poll_due()
    assert not service.poll_due()  # claimed: one read, however often the ticker asks
    rooms = service.read_rooms()
    assert [r.name for r in rooms.rooms] == ["预热场", "春季新品发布会"]
    assert rooms.current is not None and rooms.current.name == "春季新品发布会"
    assert rooms.updated is not None and rooms.error is None and not rooms.loading
    clock.now += ROOM_POLL_S - 1
    assert not service.poll_due()
    clock.now += 1
    assert service.poll_due()
    service.watch(False)
    clock.now += ROOM_POLL_S
    assert not service.poll_due()


def test_a_failed_read_keeps_the_last_list_and_the_reason(
    client: WeChatLiveClient, room: FakeRoom, server: FakeWeChatServer
) -> None:
    service = RoomService(client, room.room_id)
    changes: list[None] = []
    service.add_listener(lambda: changes.append(None))
    first = service.read_rooms()
    server.fail_next(45009, path=GET_LIVE_INFO)  # the daily quota is used up
    failed = service.read_rooms()
    assert failed.error is not None and failed.rooms == first.rooms
    assert getattr(failed.error, "errcode", None) == 45009
    assert len(changes) == 4  # loading and done, twice
