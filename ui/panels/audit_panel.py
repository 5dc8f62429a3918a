"""AuditPanel: every action taken this show, newest first — who did what, to what, and whether
it worked.

Rows come from the same stream of audit records as the dashboard's markers (ShowBridge). Failed
actions show the reason in red; actions the platform could not carry out, done here only, in
amber. The full log is in the database; the panel keeps the newest ``capacity`` rows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from console.audit import action_title as english_title
from console.audit import subject
from console.commands.spec import ENTRY_TITLES, Entry
from console.i18n import QT_TRANSLATE_NOOP
from console.obs.incidents import INCIDENT_RESULT
from console.storage.writer import AuditRecord
from console.timefmt import show_clock
from ui.errors import stored_reason
from ui.theme import colour

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
RESULT_TONES = {"error": "error", "local": "warning", INCIDENT_RESULT: "error"}  # -> palette
DEFAULT_CAPACITY = 2000


def action_title(record: AuditRecord) -> str:
    title = english_title(record.action, record.detail)
    return QCoreApplication.translate(*title) if title else record.action


def shown_subject(record: AuditRecord) -> str:
    """What it was done to, for people: the subject the kernel recorded ("—" when the action
    names it all, like starting the stream); for entries recorded before, made from them."""
    if record.entry:
        return record.subject or "—"
    return subject(record.target, record.detail)


def entry_title(entry: str) -> str:
    """The door a command came through, for people ("—" for entries recorded before)."""
    title = ENTRY_TITLES.get(Entry(entry)) if entry in Entry._value2member_map_ else None
    return QCoreApplication.translate("entries", title) if title else "—"


def result_text(record: AuditRecord) -> str:
    if record.result == "ok":
        return QCoreApplication.translate("AuditPanel", "Done")
    if record.result == "local":
        return QCoreApplication.translate("AuditPanel", "Here only (viewers still see it)")
    if record.result == INCIDENT_RESULT:  # nobody did it: the action's title says it all
        return QCoreApplication.translate("AuditPanel", "Unasked")
    failed = QCoreApplication.translate("AuditPanel", "Failed")
    reason = stored_reason(record.detail.get("reason")) or record.detail.get("error")
    return f"{failed}: {reason}" if reason else failed


def when(record: AuditRecord) -> str:
    if record.t is not None:
        return show_clock(record.t)
    return record.at.astimezone().strftime("%H:%M:%S")


class AuditTableModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("AuditPanel", "Time"),
        QT_TRANSLATE_NOOP("AuditPanel", "Operator"),
        QT_TRANSLATE_NOOP("AuditPanel", "Via"),
        QT_TRANSLATE_NOOP("AuditPanel", "Action"),
        QT_TRANSLATE_NOOP("AuditPanel", "Subject"),
        QT_TRANSLATE_NOOP("AuditPanel", "Result"),
    )
    WIDTHS = (70, 90, 80, 110, 260, 120)
    SUBJECT = 4

    def __init__(self, capacity: int = DEFAULT_CAPACITY, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: deque[tuple[AuditRecord, tuple[str, ...]]] = deque()
        self.capacity = capacity

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE):  # type: ignore[no-untyped-def]
        if orientation is Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            return QCoreApplication.translate("AuditPanel", self.HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid():
            return None
        record, texts = self._rows[index.row()]
        if role in (DISPLAY_ROLE, TOOLTIP_ROLE):
            return texts[index.column()]
        if role == FOREGROUND_ROLE and index.column() == len(self.HEADERS) - 1:
            tone = RESULT_TONES.get(record.result)
            return None if tone is None else colour(tone)
        return None

    def add(self, records: Iterable[AuditRecord]) -> None:
        """New records (oldest first) go on top."""
        new = [
            (
                r,
                (
                    when(r),
                    r.operator,
                    entry_title(r.entry),
                    action_title(r),
                    shown_subject(r),
                    result_text(r),
                ),
            )
            for r in records
        ][::-1][: self.capacity]
        if not new:
            return
        self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
        self._rows.extendleft(reversed(new))
        self.endInsertRows()
        overflow = len(self._rows) - self.capacity
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), self.capacity, len(self._rows) - 1)
            for _ in range(overflow):
                self._rows.pop()
            self.endRemoveRows()


class AuditPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPanel")
        self.model = AuditTableModel(parent=self)
        self.view = QTableView(self)
        self.view.setObjectName("auditView")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        # Fixed starting widths: fitting columns to their contents re-measures every row on
        # every insert.
        for column, width in enumerate(AuditTableModel.WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(AuditTableModel.SUBJECT, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def add(self, records: Iterable[AuditRecord]) -> None:
        self.model.add(records)
