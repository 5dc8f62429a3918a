"""RelaySourcesModel: the relay's connected sources, one row each, with their traffic."""

from __future__ import annotations

import time
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from console.actions import Capability
from console.platforms.relay import SourceInfo
from ui.models.comment_model import AnyIndex
from ui.text import arg
from ui.theme import colour

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_KINDS = {"websocket": "WebSocket", "http": "HTTP"}


class Column(IntEnum):
    """The traffic comes first: a narrow dock still shows who sends how much."""

    NAME = 0
    KIND = 1
    RATE = 2
    ACCEPTED = 3
    REJECTED = 4
    DROPPED = 5
    CAPABILITIES = 6
    PEER = 7
    CONNECTED = 8


_NUMBERS = (Column.ACCEPTED, Column.REJECTED, Column.DROPPED, Column.RATE)


class RelaySourcesModel(QAbstractTableModel):
    """The connected sources, one row each, in the order they arrived.

    ``set_sources`` takes a fresh snapshot and turns it into row removals, one data change
    and row insertions, so the selection and scroll position survive the refresh.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SourceInfo] = []
        self._headers = {
            Column.NAME: self.tr("Source"),
            Column.KIND: self.tr("Kind"),
            Column.RATE: self.tr("Events/s"),
            Column.ACCEPTED: self.tr("Accepted"),
            Column.REJECTED: self.tr("Rejected"),
            Column.DROPPED: self.tr("Dropped"),
            Column.CAPABILITIES: self.tr("Can do"),
            Column.PEER: self.tr("Address"),
            Column.CONNECTED: self.tr("Connected"),
        }
        self._capabilities = {
            Capability.LIVE_EVENTS: self.tr("live events"),
            Capability.DELETE_COMMENT: self.tr("delete comments"),
            Capability.MUTE_USER: self.tr("mute users"),
            Capability.BAN_ALL: self.tr("ban all comments"),
            Capability.PUSH_GOODS: self.tr("push goods"),
            Capability.GOODS_ON_SALE: self.tr("goods on/off sale"),
            Capability.SORT_GOODS: self.tr("sort goods"),
            Capability.IMPORT_GOODS: self.tr("import goods"),
        }
        self._events_only = self.tr("events only")

    def set_sources(self, sources: Sequence[SourceInfo]) -> None:
        fresh = {source.id: source for source in sources}
        for row in reversed(range(len(self._rows))):
            if self._rows[row].id not in fresh:
                self.beginRemoveRows(_ROOT, row, row)
                del self._rows[row]
                self.endRemoveRows()
        self._rows = [fresh.pop(source.id) for source in self._rows]
        if self._rows:
            last = self.index(len(self._rows) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(_ROOT, first, first + len(fresh) - 1)
            self._rows.extend(fresh.values())
            self.endInsertRows()

    def source_at(self, row: int) -> SourceInfo:
        return self._rows[row]

    def row_of(self, name: str) -> int:
        """The row of the first source called ``name``; -1 when none is."""
        return next((r for r, source in enumerate(self._rows) if source.name == name), -1)

    # -- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == _DISPLAY:
                return self._headers[Column(section)]
            if role == _ALIGN and section in _NUMBERS:
                return _RIGHT
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        source = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._text(source, Column(column))
        if role == SOURCE_ROLE:
            return source
        if role == _ALIGN and column in _NUMBERS:
            return _RIGHT
        troubled = source.rejected > 0 or source.dropped > 0
        if role == _FOREGROUND and troubled:
            return colour("warning")
        if role == _BACKGROUND and troubled:
            return colour("warningFill")
        if role == _TOOLTIP:
            return self._tooltip(source, Column(column), troubled)
        return None

    def _text(self, source: SourceInfo, column: Column) -> str:
        if column is Column.NAME:
            return source.name
        if column is Column.KIND:
            return _KINDS.get(source.kind, source.kind)
        if column is Column.PEER:
            return source.peer
        if column is Column.CAPABILITIES:
            return self._capability_text(source.capabilities)
        if column is Column.CONNECTED:
            return time.strftime("%H:%M:%S", time.localtime(source.connected_at))
        if column is Column.ACCEPTED:
            return f"{source.accepted:,}"
        if column is Column.REJECTED:
            return f"{source.rejected:,}"
        if column is Column.DROPPED:
            return f"{source.dropped:,}"
        return f"{source.events_per_second:,.1f}"

    def _capability_text(self, capabilities: frozenset[Capability]) -> str:
        names = [title for c, title in self._capabilities.items() if c in capabilities]
        return ", ".join(names) or self._events_only

    def _tooltip(self, source: SourceInfo, column: Column, troubled: bool) -> str:
        if troubled:
            return arg(
                self.tr(
                    "%1 events did not follow the event schema and %2 were over the rate "
                    "limit; the source was told which (docs/relay.md)."
                ),
                f"{source.rejected:,}",
                f"{source.dropped:,}",
            )
        if column is Column.CONNECTED:
            return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(source.connected_at))
        if column is Column.CAPABILITIES:
            return self._capability_text(source.capabilities)
        return ""
