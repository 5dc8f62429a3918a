"""GoodsService: the room's goods as the console sees them, and the operator's goods actions.

It follows console.moderation's pattern: an action is validated and applied to the console's
own state at once (the panel reacts within a frame) and returns a *job* — the platform call
plus the audit entry — for the UI to run on a worker thread; a platform refusal undoes the
local change. Reads (``load``, ``library``) block and run on worker threads too.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from console.actions import Action, Capability, ImportGoods, PushGoods, SetGoodsOnSale, SortGoods
from console.errors import OperatorError, Unsupported
from console.goods import GoodsItem
from console.i18n import QT_TRANSLATE_NOOP
from console.listeners import call_each
from console.log import app as log
from console.moderation import Job, Outcome, Scope, write_audit
from console.platforms.base import Connector
from console.storage.writer import StorageWriter

PUSH_COOLDOWN_S = 3.0
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
        writer: StorageWriter | None,
        *,
        operator: str,
        clock: Callable[[], float],
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = datetime.now,
        cooldown: float = PUSH_COOLDOWN_S,
    ) -> None:
        self._connector = connector
        self._writer = writer
        self.operator = operator
        self._clock = clock
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._goods: list[GoodsItem] = []
        self._on_sale: dict[str, bool] = {}
        self._pushes: dict[str, PushMark] = {}
        self._attempts: dict[str, float] = {}  # goods_id -> monotonic time of the last push click
        self._full_at: int | None = None  # goods in the room when the platform said "full"
        self.full_error: Exception | None = None
        self.loaded = False
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
    def load(self) -> list[GoodsRow]:
        """Read the room's goods from the platform; keeps the console's on-sale state and push
        marks of goods still in the room."""
        goods = self._connector.room_goods()
        with self._lock:
            self._goods = list(goods)
            self._on_sale = {
                item.goods_id: self._on_sale.get(item.goods_id, True) for item in goods
            }
            self.loaded = True
        self._changed()
        log.info("goods list loaded: %d goods in the room", len(goods))
        return self.rows()

    def library(self) -> list[GoodsItem]:
        """Approved goods that are not in the room yet: what can be imported."""
        approved = self._connector.approved_goods()
        in_room = set(self.order())
        return [item for item in approved if item.goods_id not in in_room]

    # -- actions (each returns the job to run on a worker thread) ------------------------------
    def push(self, goods_id: str) -> Job:
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

        detail = self._detail(row)
        return self._job("goods.push", goods_id, detail, PushGoods(goods_id), undo)

    def push_number(self, number: int) -> Job:
        """Push goods no. ``number`` (1-based, as the list shows it)."""
        self._require(Capability.PUSH_GOODS)
        order = self.order()
        if not 1 <= number <= len(order):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "There is no goods no. {number} in the room."),
                number=number,
            )
        return self.push(order[number - 1])

    def set_on_sale(self, goods_id: str, on_sale: bool) -> Job:
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

        detail = {**self._detail(row), "on_sale": on_sale}
        action = SetGoodsOnSale(goods_id, on_sale)
        return self._job("goods.on_sale", goods_id, detail, action, undo)

    def sort(self, goods_ids: Sequence[str]) -> Job:
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

        detail = {"order": list(new_order), "moved": changed}
        return self._job("goods.sort", "room", detail, SortGoods(new_order), undo)

    def import_goods(self, items: Sequence[GoodsItem]) -> Job:
        """Add approved goods to the room; they appear at the end of the list once the platform
        took them. A refusal because the room is full sets ``room_full``."""
        self._require(Capability.IMPORT_GOODS)
        with self._lock:
            in_room = {item.goods_id for item in self._goods}
            count = len(self._goods)
        unique = {item.goods_id: item for item in items}
        new = [item for goods_id, item in unique.items() if goods_id not in in_room]
        if not new:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "Choose goods that are not in the room yet.")
            )
        goods = [
            self._detail(GoodsRow(count + n, item, True, None)) for n, item in enumerate(new, 1)
        ]

        def done() -> None:
            with self._lock:
                present = {item.goods_id for item in self._goods}
                for item in new:
                    if item.goods_id not in present:
                        self._goods.append(item)
                        self._on_sale[item.goods_id] = True
                self._full_at = None
                self.full_error = None

        def refused(error: Exception) -> None:
            if is_room_full(error):
                with self._lock:
                    self._full_at = len(self._goods)
                    self.full_error = error
                log.info("the platform refused the import: the room's goods list is full")

        action = ImportGoods(tuple(item.goods_id for item in new))
        return self._job("goods.import", "room", {"goods": goods}, action, refused, done)

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

    def _job(
        self,
        command: str,
        target: str,
        detail: dict[str, Any],
        action: Action,
        on_error: Callable[[Exception], None],
        on_success: Callable[[], None] | None = None,
    ) -> Job:
        t = self._clock()

        def run() -> Outcome:
            error: Exception | None = None
            try:
                self._connector.perform(action)
            except Exception as exc:
                error = exc
                on_error(exc)
            else:
                if on_success is not None:
                    on_success()
            outcome = Outcome(command, target, Scope.PLATFORM, error)
            write_audit(self._writer, self.operator, outcome, t, detail)
            self._changed()
            return outcome

        return run
