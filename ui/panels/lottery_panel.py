"""The Lottery dock's widgets: the round's title and state, entrants and countdown tiles,
the open/close/draw/re-roll buttons, the commitment and seed, the winners and the
announcement. It shows a LotteryView; ui.controllers.lottery makes the buttons commands.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.lottery.model import (
    MAX_LOTTERIES_PER_SHOW,
    LotteryKind,
    LotteryState,
    LotteryView,
    Winner,
)
from console.timefmt import show_clock
from ui.text import arg
from ui.theme import colour, on_theme_changed

_POSITION_ROLE = Qt.ItemDataRole.UserRole


class _Tile(QFrame):
    """A caption over a big value: state, entrants, countdown."""

    def __init__(self, caption: str, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption, self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.caption.setProperty("tone", "hint")
        self.value = QLabel(self)
        self.value.setObjectName(name)
        self.value.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)


class LotteryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lotteryPanel")
        self._winners: tuple[Winner, ...] | None = None

        self.new_button = QPushButton(self.tr("New lottery…"), self)
        self.new_button.setObjectName("newLotteryButton")
        self.left_label = QLabel(self)
        self.left_label.setObjectName("lotteriesLeft")
        self.left_label.setToolTip(
            arg(self.tr("The platform allows %1 lotteries per show."), MAX_LOTTERIES_PER_SHOW)
        )
        self.export_button = QPushButton(self.tr("Export proof…"), self)
        self.export_button.setObjectName("exportProofButton")
        self.export_button.setToolTip(
            arg(
                self.tr("Save the draw as a JSON file anyone can check with: %1"),
                "python -m console.lottery verify FILE",
            )
        )
        header = QHBoxLayout()
        header.addWidget(self.new_button)
        header.addWidget(self.export_button)
        header.addStretch(1)
        header.addWidget(self.left_label)

        self.title_label = self._plain_label("lotteryTitle")
        title_font = self.title_label.font()
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.hint_label = self._plain_label("lotteryHint")
        self.hint_label.setProperty("tone", "hint")

        self.state_tile = _Tile(self.tr("State"), "lotteryState", self)
        self.entrants_tile = _Tile(self.tr("Entrants"), "entrantCount", self)
        self.countdown_tile = _Tile(self.tr("Countdown"), "countdown", self)
        tiles = QGridLayout()
        tiles.setSpacing(6)
        for column, tile in enumerate((self.state_tile, self.entrants_tile, self.countdown_tile)):
            tiles.addWidget(tile, 0, column)
            tiles.setColumnStretch(column, 1)

        self.open_button = self._tool_button("openLotteryButton")
        self.close_button = self._tool_button("closeLotteryButton")
        self.draw_button = self._tool_button("drawLotteryButton")
        self.reroll_button = self._tool_button("rerollButton")
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.open_button, self.close_button, self.draw_button, self.reroll_button):
            buttons.addWidget(button, 1)

        self.commitment_edit = self._hex_edit("commitment")
        self.commitment_edit.setPlaceholderText(self.tr("Published when the lottery opens"))
        self.seed_edit = self._hex_edit("seed")
        self.seed_edit.setPlaceholderText(self.tr("Revealed after the draw"))
        proof = QFormLayout()
        proof.setContentsMargins(0, 0, 0, 0)
        proof.addRow(self.tr("Commitment"), self.commitment_edit)
        proof.addRow(self.tr("Seed"), self.seed_edit)

        self.winners_table = QTableWidget(0, 3, self)
        self.winners_table.setObjectName("winnersTable")
        self.winners_table.setHorizontalHeaderLabels(["#", self.tr("Winner"), self.tr("User id")])
        self.winners_table.verticalHeader().setVisible(False)
        self.winners_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.winners_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.winners_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.winners_table.setWordWrap(False)
        header_view = self.winners_table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        row_height = self.winners_table.verticalHeader().defaultSectionSize()
        self.winners_table.setMinimumHeight(header_view.sizeHint().height() + 4 * row_height + 4)

        self.template_button = QToolButton(self)
        self.template_button.setObjectName("templateButton")
        self.template_button.setText(self.tr("Edit template"))
        self.template_button.setCheckable(True)
        self.copy_button = QToolButton(self)
        self.copy_button.setObjectName("copyAnnouncementButton")
        self.copy_button.setText(self.tr("Copy"))
        announcement_bar = QHBoxLayout()
        announcement_bar.addWidget(self._caption(self.tr("Announcement")))
        announcement_bar.addStretch(1)
        announcement_bar.addWidget(self.template_button)
        announcement_bar.addWidget(self.copy_button)
        self.announcement_edit = QPlainTextEdit(self)
        self.announcement_edit.setObjectName("announcement")
        self.announcement_edit.setReadOnly(True)
        self.announcement_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addLayout(tiles)
        layout.addLayout(buttons)
        layout.addLayout(proof)
        layout.addWidget(self._caption(self.tr("Winners")))
        layout.addWidget(self.winners_table, 1)
        layout.addLayout(announcement_bar)
        layout.addWidget(self.announcement_edit)
        self.setMinimumWidth(340)
        on_theme_changed(self._recolour)

    # -- building ------------------------------------------------------------------------------
    def _plain_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # prize and keyword are operator text
        label.setWordWrap(True)
        return label

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _tool_button(self, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    def _hex_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setReadOnly(True)
        edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        return edit

    # -- showing -------------------------------------------------------------------------------
    def selected_position(self) -> int | None:
        """The draw position of the selected winner, if one is selected."""
        rows = self.winners_table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(self.winners_table.item(rows[0].row(), 0).data(_POSITION_ROLE))

    def show_lottery(self, view: LotteryView | None, remaining_lotteries: int, likes: int) -> None:
        self.left_label.setText(
            arg(self.tr("Lotteries left: %1/%2"), remaining_lotteries, MAX_LOTTERIES_PER_SHOW)
        )
        if view is None:
            self.title_label.setText(self.tr("No lottery yet: create one from a preset."))
            self.hint_label.setVisible(False)
            self.state_tile.value.setText("—")
            self.entrants_tile.value.setText("0")
            self.countdown_tile.value.setText("—")
            self.commitment_edit.clear()
            self.seed_edit.clear()
            self._show_winners(())
            return
        self.title_label.setText(self._title(view))
        hint = self._hint(view, likes)
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))
        self.state_tile.value.setText(self._state_text(view.state))
        self.entrants_tile.value.setText(f"{view.entrants:,}")
        self.countdown_tile.value.setText(
            "—" if view.remaining is None else show_clock(math.ceil(view.remaining))
        )
        if self.commitment_edit.text() != view.commitment:
            self.commitment_edit.setText(view.commitment)
            self.commitment_edit.setCursorPosition(0)
        if self.seed_edit.text() != view.seed:
            self.seed_edit.setText(view.seed)
            self.seed_edit.setCursorPosition(0)
        self._show_winners(view.winners)

    def show_announcement(self, text: str) -> None:
        if not self.template_button.isChecked() and self.announcement_edit.toPlainText() != text:
            self.announcement_edit.setPlainText(text)

    def _title(self, view: LotteryView) -> str:
        s = view.settings
        if s.kind is LotteryKind.COMMENT:
            return arg(
                self.tr("#%1 · Comment lottery “%2” · %3 × %4"),
                view.number,
                s.keyword,
                s.prize,
                s.winners,
            )
        return arg(self.tr("#%1 · Like lottery · %2 × %3"), view.number, s.prize, s.winners)

    def _hint(self, view: LotteryView, likes: int) -> str:
        s = view.settings
        if view.state is LotteryState.READY and s.auto_start_likes is not None:
            return arg(
                self.tr("Opens by itself at %1 likes (now %2)."),
                f"{s.auto_start_likes:,}",
                f"{likes:,}",
            )
        if view.state is LotteryState.DRAWN:
            left_out = view.entrants - view.eligible
            return arg(
                self.tr("Drawn from %1 of %2 entrants (%3 left out by the exclusions)."),
                f"{view.eligible:,}",
                f"{view.entrants:,}",
                f"{left_out:,}",
            )
        if view.state is LotteryState.OPEN and s.countdown is None:
            return self.tr("Draw when you are ready.")
        return ""

    def _state_text(self, state: LotteryState) -> str:
        return {
            LotteryState.READY: self.tr("Ready"),
            LotteryState.OPEN: self.tr("Open"),
            LotteryState.CLOSED: self.tr("Closed"),
            LotteryState.DRAWN: self.tr("Drawn"),
        }[state]

    def _recolour(self) -> None:
        """Forfeited winners' rows keep the colour they were given: give them the new one."""
        winners, self._winners = self._winners, None
        if winners is not None:
            self._show_winners(winners)

    def _show_winners(self, winners: tuple[Winner, ...]) -> None:
        if winners == self._winners:
            return
        selected = self.selected_position()
        self._winners = winners
        table = self.winners_table
        table.clearSelection()
        table.setRowCount(len(winners))
        for row, winner in enumerate(winners):
            cells = (str(winner.position), winner.name, winner.user_id)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(_POSITION_ROLE, winner.position)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if winner.forfeited:
                    font = QFont(item.font())
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(colour("muted"))
                    item.setToolTip(self.tr("Did not claim the prize: re-rolled"))
                table.setItem(row, column, item)
        for row, winner in enumerate(winners):
            if winner.position == selected and not winner.forfeited:
                table.selectRow(row)
