"""The ``wechat`` connector: one live room of a mini program, driven through WeChatLiveClient.

It turns operator actions into API calls, lists the room's and the library's goods in the
console's platform-neutral form (``goods_item``) and watches the room's status with a slow
poll: getliveinfo costs quota, hence ``MIN_POLL_INTERVAL``.
"""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from console.actions import (
    Action,
    BanAllComments,
    Capability,
    ImportGoods,
    PushGoods,
    SetGoodsOnSale,
    SortGoods,
)
from console.events import RoomStatus
from console.goods import GoodsItem
from console.log import platform as log
from console.platforms.base import Connector, EventSink
from console.platforms.wechat.api import Goods, room_id_param
from console.platforms.wechat.client import WeChatLiveClient
from console.platforms.wechat.errors import WeChatApiError


def goods_item(goods: Goods) -> GoodsItem:
    """The console's platform-neutral view of a WeChat goods item."""
    ranged = goods.price_type in (2, 3)  # price2 means something only for these price types
    return GoodsItem(
        goods_id=goods.goods_id,
        name=goods.name,
        price=goods.price,
        price2=goods.price2 if ranged else None,
        price_type=goods.price_type,
        cover_url=goods.cover_img_url,
        url=goods.url,
    )


MIN_POLL_INTERVAL = 30.0  # getliveinfo costs quota; the status never needs a faster look


class WeChatConnector(Connector):
    """One WeChat live room as a console connector: operator actions plus a slow status poll.

    The API delivers no comments, likes or viewer counts, and cannot delete a comment or mute
    a user (§1.11), so this connector declares none of those. ``start`` polls getliveinfo every
    ``poll_interval`` seconds and sends a RoomStatus event when the room's status changes.
    """

    name: ClassVar[str] = "wechat"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.BAN_ALL,
            Capability.PUSH_GOODS,
            Capability.GOODS_ON_SALE,
            Capability.SORT_GOODS,
            Capability.IMPORT_GOODS,
        }
    )

    def __init__(self, client: WeChatLiveClient, room_id: int, *, poll_interval: float = 60.0):
        super().__init__()
        if poll_interval < MIN_POLL_INTERVAL:
            raise ValueError(f"poll_interval must be at least {MIN_POLL_INTERVAL:g} s (quotas)")
        self.client = client
        self.room_id = room_id_param(room_id)
        self.poll_interval = poll_interval
        self._stop = threading.Event()
        self._poll_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._sink: EventSink | None = None
        self._started = 0.0
        self._last_status: int | None = None

    def describe(self) -> str:
        return (
            f"WeChat Mini Program live room {self.room_id} (AppID {self.client.appid}, "
            f"status poll every {self.poll_interval:g} s)"
        )

    def _perform(self, action: Action) -> None:
        match action:
            case BanAllComments(banned=banned):
                self.client.set_comment_ban(self.room_id, banned)
            case PushGoods(goods_id=goods_id):
                self.client.push_goods(self.room_id, goods_id)
            case SetGoodsOnSale(goods_id=goods_id, on_sale=on_sale):
                self.client.set_goods_on_sale(self.room_id, goods_id, on_sale)
            case SortGoods(goods_ids=goods_ids):
                self.client.sort_goods(self.room_id, goods_ids)
            case ImportGoods(goods_ids=goods_ids):
                self.client.import_goods(self.room_id, goods_ids)
            case _:
                raise NotImplementedError(f"no WeChat call for {type(action).__name__}")

    def room_goods(self) -> list[GoodsItem]:
        return [goods_item(goods) for goods in self.client.room_goods(self.room_id)]

    def approved_goods(self) -> list[GoodsItem]:
        return [goods_item(goods) for goods in self.client.approved_goods()]

    def start(self, sink: EventSink) -> None:
        self._sink = sink
        self._started = time.monotonic()
        self._last_status = None
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"connector-{self.name}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def poll_once(self) -> None:
        """Look at the room's status now; emit RoomStatus if it changed. Errors are logged.

        The poller thread calls this; a "refresh" button may too (from a worker thread).
        """
        if self._sink is None:
            raise RuntimeError("start the connector before polling")
        with self._poll_lock:
            try:
                room = self.client.get_room(self.room_id)
            except WeChatApiError as exc:
                self.error = exc.message_en
                log.warning("room %d status poll failed: %s", self.room_id, exc.log_text)
                return
            self.error = None
            if room.live_status == self._last_status:
                return
            self._last_status = room.live_status
            status = room.status
            if status is None:
                log.warning("room %d has an unknown live_status %d", self.room_id, room.live_status)
                return
            log.info("room %d is now %s (%d)", self.room_id, status, room.live_status)
            self._sink.ingest(RoomStatus(time.monotonic() - self._started, status))

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception as exc:  # a bug in one poll must not end the show's status updates
                self.error = str(exc)
                log.exception("room %d status poll crashed", self.room_id)
            self._stop.wait(self.poll_interval)
