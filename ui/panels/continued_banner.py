"""The banner of a show continued after a restart: which show, since when, and the way to
start a new one instead (the "show.new" command, which asks first)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from console.timefmt import show_clock
from ui.text import arg


class ContinuedBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("continuedBanner")
        self.text_label = QLabel(self)
        self.text_label.setObjectName("continuedText")
        self.text_label.setWordWrap(True)
        self.new_show_button = QPushButton(self.tr("Start a new show"), self)
        self.new_show_button.setObjectName("newShowButton")
        self.dismiss_button = QPushButton(self.tr("Continue"), self)
        self.dismiss_button.setObjectName("continueShowButton")
        self.dismiss_button.setToolTip(self.tr("Keep this show going and hide this note"))
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 6, 3)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.new_show_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def show_continued(
        self, show_id: int, started_at: datetime, seconds: float, *, clean: bool
    ) -> None:
        started = started_at.astimezone().strftime("%m-%d %H:%M")
        text = arg(
            self.tr("Continuing show #%1 (started %2, %3 so far)."),
            show_id,
            started,
            show_clock(seconds),
        )
        if not clean:
            crashed = self.tr("Last time LiveDesk did not stop properly; nothing stored is lost.")
            text = f"{text} {crashed}"
        self.text_label.setText(text)
        self.show()
