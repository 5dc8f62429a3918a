"""The demo room's simulated goods: a small approved library, the room's numbered list, and the
rules a real platform enforces (a room goods limit, no push while off sale)."""

from __future__ import annotations

import threading
from decimal import Decimal

from console.errors import OperatorError
from console.goods import GoodsItem
from console.i18n import QT_TRANSLATE_NOOP
from console.paths import resource_path

ROOM_GOODS_LIMIT = 10  # small on purpose, so the "room full" refusal is easy to meet

# (name, price, price2, price_type)
_LIBRARY = (
    ("316不锈钢保温杯 500ml", "59.00", None, 1),
    ("真丝睡衣套装", "199.00", "239.00", 2),
    ("氨基酸洁面乳", "69.00", "39.90", 3),
    ("羊毛围巾", "129.00", None, 1),
    ("降噪蓝牙耳机", "169.00", None, 1),
    ("加绒连帽卫衣", "89.00", None, 1),
    ("手工牛轧糖礼盒", "45.00", None, 1),
    ("大豆香薰蜡烛", "58.00", None, 1),
    ("短款白鸭绒羽绒服", "399.00", None, 1),
    ("保湿修护面霜", "129.00", None, 1),
    ("纯棉运动袜 5双装", "29.90", None, 1),
    ("陶瓷餐具套装", "168.00", None, 1),
)
IN_ROOM_AT_START = 8


def _library() -> list[GoodsItem]:
    items = []
    for number, (name, price, price2, price_type) in enumerate(_LIBRARY, 1):
        cover = resource_path("demo_goods", f"{number:02d}.png")
        items.append(
            GoodsItem(
                goods_id=f"g{number:03d}",
                name=name,
                price=Decimal(price),
                price2=Decimal(price2) if price2 else None,
                price_type=price_type,
                cover_url=cover.as_uri(),
                url=f"pages/goods/detail?id=g{number:03d}",
            )
        )
    return items


class DemoCatalogue:
    """Thread-safe: the connector's worker threads call it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._library = {item.goods_id: item for item in _library()}
        self._room = list(self._library)[:IN_ROOM_AT_START]
        self._off_sale: set[str] = set()

    def room_goods(self) -> list[GoodsItem]:
        with self._lock:
            return [self._library[goods_id] for goods_id in self._room]

    def approved_goods(self) -> list[GoodsItem]:
        with self._lock:
            return list(self._library.values())

    def push(self, goods_id: str) -> tuple[int, GoodsItem]:
        """The goods' number in the room and the goods, for the audience to react to."""
        with self._lock:
            self._require_in_room(goods_id)
            if goods_id in self._off_sale:
                raise OperatorError(
                    QT_TRANSLATE_NOOP("errors", "Goods that are off sale cannot be pushed.")
                )
            return self._room.index(goods_id) + 1, self._library[goods_id]

    def set_on_sale(self, goods_id: str, on_sale: bool) -> None:
        with self._lock:
            self._require_in_room(goods_id)
            if on_sale:
                self._off_sale.discard(goods_id)
            else:
                self._off_sale.add(goods_id)

    def sort(self, goods_ids: tuple[str, ...]) -> None:
        with self._lock:
            if sorted(goods_ids) != sorted(self._room):
                raise OperatorError(
                    QT_TRANSLATE_NOOP("errors", "The new order must list exactly the room's goods.")
                )
            self._room = list(goods_ids)

    def import_goods(self, goods_ids: tuple[str, ...]) -> None:
        with self._lock:
            new = [g for g in dict.fromkeys(goods_ids) if g not in self._room]
            unknown = [g for g in new if g not in self._library]
            if unknown:
                raise OperatorError(
                    QT_TRANSLATE_NOOP("errors", "Goods {goods} are not in the approved library."),
                    goods=", ".join(unknown),
                )
            if len(self._room) + len(new) > ROOM_GOODS_LIMIT:
                raise OperatorError(
                    QT_TRANSLATE_NOOP(
                        "errors", "The room can hold at most {limit} goods; remove some first."
                    ),
                    log_text="room goods limit reached",
                    limit=ROOM_GOODS_LIMIT,
                )
            self._room.extend(new)

    def _require_in_room(self, goods_id: str) -> None:
        if goods_id not in self._room:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "Goods {goods} are not in this room."), goods=goods_id
            )
