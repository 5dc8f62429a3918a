"""GoodsService: the room's goods as the console sees them, and the operator's goods actions.

It follows console.moderation's pattern: an action is validated and applied to the console's
own state at once (the panel reacts within a frame) and returns a ``Plan`` — the platform
call, its undo and what to audit — for the job kernel (console.jobs); a platform refusal
undoes the local change. Reads (``load``, ``library``) block: they run on worker threads.

What the console keeps because platforms do not report it:

- On/off sale: WeChat has no read for it, so the console shows what it set (default on sale).
- Each goods' last push (show seconds and wall time) for a "pushed 12 s ago" marker, and a
  short per-goods cooldown: a second push inside it (a double click, a key pressed twice) is
  refused here with a clear message and never reaches the platform.
- "Room full": the platform refused an import because the room holds its maximum. It is
  recognised from the platform's answer (WeChat 300026/300033, the demo's refusal), never
  from a hard-coded number, and clears once an import succeeds or the room has fewer goods.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from console.actions import Action, Capability, ImportGoods, PushGoods, SetGoodsOnSale, SortGoods
from console.errors import OperatorError, Unsupported
from console.goods import GoodsItem
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Plan, said
from console.listeners import call_each
from console.log import app as log
from console.messages import Message
from console.platforms.base import Connector
from console.storage.writer import AuditRecord

PUSH_COOLDOWN_S = 3.0
GOODS_CAPABILITIES = (
    Capability.PUSH_GOODS,
    Capability.GOODS_ON_SALE,
    Capability.SORT_GOODS,
    Capability.IMPORT_GOODS,
)
# WeChat: 300026 the room's goods list is full; 300033 the import would take it past its limit.
ROOM_FULL_ERRCODES = frozenset({300026, 300033})
DEMO_ROOM_FULL = "room goods limit reached"  # the demo catalogue's log_text for its limit


@dataclass(frozen=True, slots=True)
class PushMark:
    """When goods were last pushed: show seconds (audit, dashboard), monotonic seconds (the
    "pushed N s ago" marker and the cooldown) and wall time (what the operator's clock said)."""

    t: float
    at: float
    wall: datetime


@dataclass(frozen=True, slots=True)
class GoodsRow:
    number: int  # 1-based position in the room: what the anchor says ("3号") and key 3 pushes
    item: GoodsItem
    on_sale: bool
    pushed: PushMark | None


def is_room_full(error: BaseException) -> bool:
    """Whether a refused import means the room cannot take (that many) more goods."""
    if getattr(error, "errcode", None) in ROOM_FULL_ERRCODES:
        return True
    return isinstance(error, OperatorError) and error.log_text == DEMO_ROOM_FULL


def moved(order: Sequence[str], goods_ids: Sequence[str], row: int) -> tuple[str, ...]:
    """``order`` with ``goods_ids`` taken out and put back, in their order, before position
    ``row`` of the original ``order`` (``row`` == len(order): at the end)."""
    moving = [g for g in order if g in set(goods_ids)]
    before = [g for g in order[: max(0, row)] if g not in moving]
    after = [g for g in order[max(0, row) :] if g not in moving]
    return (*before, *moving, *after)


class GoodsService:
    """Goods state of one show; thread-safe (jobs and reads finish on worker threads)."""

    def __init__(
        self,
        connector: Connector,
        *,
        clock: Callable[[], float],
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = datetime.now,
        cooldown: float = PUSH_COOLDOWN_S,
    ) -> None:
        self._connector = connector
        self._clock = clock
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._goods: list[GoodsItem] = []
        self._on_sale: dict[str, bool] = {}
        self._pushes: dict[str, PushMark] = {}
        self._attempts: dict[str, float] = {}  # goods_id -> monotonic time of the last push click
        self._library: dict[str, GoodsItem] = {}  # the approved goods last read
        self._full_at: int | None = None  # goods in the room when the platform said "full"
        self.full_error: Exception | None = None
        self.loaded = False
        self.load_error: Exception | None = None  # why the last read of the list failed
        self.loads = 0  # reads of the list that worked
        self._listeners: list[Callable[[], None]] = []

    # -- state ---------------------------------------------------------------------------------
    def add_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs (on any thread) after every change of the goods state."""
        self._listeners.append(callback)

    def _changed(self) -> None:
        call_each(self._listeners, what="A goods")

    def supports(self, capability: Capability) -> bool:
        return self._connector.supports(capability)

    def rows(self) -> list[GoodsRow]:
        with self._lock:
            return [self._row_of(n, item) for n, item in enumerate(self._goods, 1)]

    def resume_pushes(self, pushes: Iterable[AuditRecord]) -> None:
        """Continue a show after a restart: its goods pushes (audit records, oldest first) so
        the goods on screen and "pushed N s ago" are what they were."""
        now, wall_now = self._monotonic(), self._wall_clock().astimezone()
        with self._lock:
            for record in pushes:
                wall = record.at.astimezone()
                ago = max(0.0, (wall_now - wall).total_seconds())
                self._pushes[record.target] = PushMark(record.t or 0.0, now - ago, wall)
        self._changed()

    def on_screen(self) -> GoodsRow | None:
        """The goods pushed last (what the viewers' screens show), None before any push."""
        rows = [row for row in self.rows() if row.pushed is not None]
        return max(rows, key=lambda row: row.pushed.at if row.pushed else 0.0, default=None)

    def order(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(item.goods_id for item in self._goods)

    def row(self, goods_id: str) -> GoodsRow:
        with self._lock:
            return self._find(goods_id)

    @property
    def room_full(self) -> bool:
        with self._lock:
            return self._full_at is not None and len(self._goods) >= self._full_at

    def seconds_since_push(self, goods_id: str) -> float | None:
        mark = self._pushes.get(goods_id)
        return None if mark is None else max(0.0, self._monotonic() - mark.at)

    def cooldown_left(self, goods_id: str) -> float:
        clicked = self._attempts.get(goods_id)
        if clicked is None:
            return 0.0
        return max(0.0, self.cooldown - (self._monotonic() - clicked))

    # -- reads (blocking: call from a worker thread) -------------------------------------------
    @property
    def supports_goods(self) -> bool:
        """Whether the platform has goods at all."""
        return any(self._connector.supports(c) for c in GOODS_CAPABILITIES)

    def load(self) -> list[GoodsRow]:
        """Read the room's goods from the platform; keeps the console's on-sale state and push
        marks of goods still in the room."""
        try:
            goods = self._connector.room_goods()
        except Exception as exc:
            self.load_error = exc
            self._changed()
            raise
        self.load_error = None
        with self._lock:
            self._goods = list(goods)
            self._on_sale = {
                item.goods_id: self._on_sale.get(item.goods_id, True) for item in goods
            }
            self.loaded = True
            self.loads += 1
        self._changed()
        log.info("goods list loaded: %d goods in the room", len(goods))
        return self.rows()

    def library(self) -> list[GoodsItem]:
        """Approved goods that are not in the room yet: what can be imported."""
        approved = self._connector.approved_goods()
        with self._lock:
            self._library = {item.goods_id: item for item in approved}
        in_room = set(self.order())
        return [item for item in approved if item.goods_id not in in_room]

    def library_items(self, goods_ids: Sequence[str]) -> list[GoodsItem]:
        """The approved goods with these ids, from the last library read (blocking: reads
        the library when it does not know one of them)."""
        with self._lock:
            known = all(goods_id in self._library for goods_id in goods_ids)
        if not known:
            self.library()
        with self._lock:
            missing = [goods_id for goods_id in goods_ids if goods_id not in self._library]
            if missing:
                raise OperatorError(
                    QT_TRANSLATE_NOOP("errors", "Goods {goods} are not in the approved library."),
                    goods=", ".join(missing),
                )
            return [self._library[goods_id] for goods_id in goods_ids]

    # -- actions (each applies itself here and returns the plan of the rest) --------------------
    def goods_id_of(self, number: int) -> str:
        """The id of goods no. ``number`` (1-based, as the list shows it)."""
        if not self.loaded:
            raise OperatorError(QT_TRANSLATE_NOOP("errors", "The goods list is not loaded yet."))
        order = self.order()
        if not 1 <= number <= len(order):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "There is no goods no. {number} in the room."),
                number=number,
            )
        return order[number - 1]

    def push(self, goods_id: str) -> Plan:
        """Pop the goods card up on viewers' screens."""
        self._require(Capability.PUSH_GOODS)
        now = self._monotonic()
        with self._lock:
            row = self._find(goods_id)
            clicked = self._attempts.get(goods_id)
            if clicked is not None and now - clicked < self.cooldown:
                since = now - clicked
                raise OperatorError(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "No. {number} {name} was pushed {seconds} s ago; "
                        "wait {wait} s before pushing it again.",
                    ),
                    log_text=f"push of {goods_id} refused: inside the {self.cooldown:g} s cooldown",
                    number=row.number,
                    name=row.item.name,
                    seconds=int(since),
                    wait=max(1, math.ceil(self.cooldown - since)),
                )
            self._attempts[goods_id] = now
            previous = self._pushes.get(goods_id)
            mark = PushMark(self._clock(), now, self._wall_clock())
            self._pushes[goods_id] = mark
        self._changed()

        def undo(_error: Exception) -> None:
            # The marker says "pushed" only for a push the platform took; the cooldown stays.
            with self._lock:
                if self._pushes.get(goods_id) is mark:
                    self._restore(self._pushes, goods_id, previous)
            self._changed()

        done = said(
            QT_TRANSLATE_NOOP("outcomes", "Pushed no. {number} {name}"),
            number=row.number,
            name=row.item.name,
        )
        return self._plan(row, self._detail(row), PushGoods(goods_id), done, undo)

    def set_on_sale(self, goods_id: str, on_sale: bool) -> Plan:
        self._require(Capability.GOODS_ON_SALE)
        with self._lock:
            row = self._find(goods_id)
            previous = self._on_sale.get(goods_id, True)
            self._on_sale[goods_id] = on_sale
        self._changed()

        def undo(_error: Exception) -> None:
            with self._lock:
                if goods_id in self._on_sale:
                    self._on_sale[goods_id] = previous
            self._changed()

        done = (
            said(QT_TRANSLATE_NOOP("outcomes", "{name} is on sale"), name=row.item.name)
            if on_sale
            else said(QT_TRANSLATE_NOOP("outcomes", "{name} is off sale"), name=row.item.name)
        )
        detail = {**self._detail(row), "on_sale": on_sale}
        return self._plan(row, detail, SetGoodsOnSale(goods_id, on_sale), done, undo)

    def sort(self, goods_ids: Sequence[str]) -> Plan:
        """Put the room's goods in this order (every goods of the room, each once)."""
        self._require(Capability.SORT_GOODS)
        new_order = tuple(goods_ids)
        with self._lock:
            previous = list(self._goods)
            by_id = {item.goods_id: item for item in previous}
            if sorted(new_order) != sorted(by_id):
                raise OperatorError(
                    QT_TRANSLATE_NOOP("errors", "The new order must list exactly the room's goods.")
                )
            if [item.goods_id for item in previous] == list(new_order):
                raise OperatorError(
                    QT_TRANSLATE_NOOP("errors", "The goods are in this order already.")
                )
            self._goods = [by_id[goods_id] for goods_id in new_order]
            old_numbers = {item.goods_id: n for n, item in enumerate(previous, 1)}
            changed = [
                self._detail(self._row_of(n, item))
                for n, item in enumerate(self._goods, 1)
                if old_numbers[item.goods_id] != n
            ]
        self._changed()

        def undo(_error: Exception) -> None:
            with self._lock:
                if [item.goods_id for item in self._goods] == list(new_order):
                    self._goods = previous
            self._changed()

        detail = {"order": list(new_order), "moved": changed}
        done = said(QT_TRANSLATE_NOOP("outcomes", "Goods order saved"))
        return Plan(
            "room",
            "",
            done,
            detail,
            remote=partial(self._connector.perform, SortGoods(new_order)),
            undo=undo,
        )

    def import_goods(self, goods_ids: Sequence[str]) -> Plan:
        """Add approved goods to the room; they appear at the end of the list once the platform
        took them. A refusal because the room is full sets ``room_full``."""
        self._require(Capability.IMPORT_GOODS)
        with self._lock:
            in_room = {item.goods_id for item in self._goods}
        new = [goods_id for goods_id in dict.fromkeys(goods_ids) if goods_id not in in_room]
        if not new:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "Choose goods that are not in the room yet.")
            )

        def remote() -> list[GoodsItem]:
            items = self.library_items(new)
            self._connector.perform(ImportGoods(tuple(new)))
            return items

        def added(items: list[GoodsItem]) -> None:
            with self._lock:
                present = {item.goods_id for item in self._goods}
                for item in items:
                    if item.goods_id not in present:
                        self._goods.append(item)
                        self._on_sale[item.goods_id] = True
                self._full_at = None
                self.full_error = None
            self._changed()

        def refused(error: Exception) -> None:
            if is_room_full(error):
                with self._lock:
                    self._full_at = len(self._goods)
                    self.full_error = error
                log.info("the platform refused the import: the room's goods list is full")
            self._changed()

        with self._lock:
            count = len(self._goods)
            known = {g: self._library[g] for g in new if g in self._library}
        goods = []
        for n, goods_id in enumerate(new, 1):
            item = known.get(goods_id)
            row = {"goods_id": goods_id, "number": count + n}
            if item is not None:
                row |= {"name": item.name, "price": item.shown_price}
            goods.append(row)
        detail = {"goods": goods}
        done = said(QT_TRANSLATE_NOOP("outcomes", "Imported {count} goods"), count=len(new))
        subject = "、".join(item.name for item in known.values())
        return Plan("room", subject, done, detail, remote=remote, undo=refused, then=added)

    # -- helpers -------------------------------------------------------------------------------
    def _require(self, capability: Capability) -> None:
        if not self._connector.supports(capability):
            raise Unsupported(
                QT_TRANSLATE_NOOP("errors", "This platform cannot do that ({capability})."),
                capability=capability.value,
            )

    def _find(self, goods_id: str) -> GoodsRow:
        for number, item in enumerate(self._goods, 1):
            if item.goods_id == goods_id:
                return self._row_of(number, item)
        raise OperatorError(
            QT_TRANSLATE_NOOP("errors", "Goods {goods} are not in this room."), goods=goods_id
        )

    def _row_of(self, number: int, item: GoodsItem) -> GoodsRow:
        on_sale = self._on_sale.get(item.goods_id, True)
        return GoodsRow(number, item, on_sale, self._pushes.get(item.goods_id))

    @staticmethod
    def _detail(row: GoodsRow) -> dict[str, Any]:
        return {"name": row.item.name, "number": row.number, "price": row.item.shown_price}

    @staticmethod
    def _restore(table: dict[str, Any], key: str, previous: Any) -> None:
        if previous is None:
            table.pop(key, None)
        else:
            table[key] = previous

    def _plan(
        self,
        row: GoodsRow,
        detail: dict[str, Any],
        action: Action,
        done: Message,
        undo: Callable[[Exception], None],
    ) -> Plan:
        return Plan(
            row.item.goods_id,
            row.item.name,
            done,
            detail,
            remote=partial(self._connector.perform, action),
            undo=undo,
        )
