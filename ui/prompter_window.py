"""The prompter window for the anchor: full screen on the screen the operator picks (a second
monitor), huge light text on black — the 场控's message, the segment and its time left (amber
near the end, red when over), the talking points, the picked viewer questions and what comes
next. It reads the core four times a second; it has no buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from console.rundown.prompter import PrompterContent
from ui.panels.rundown_panel import signed_clock
from ui.theme import restyle

REDRAW_MS = 250
AMBER_AT_S = 60


class PrompterWindow(QWidget):
    def __init__(self, read: Callable[[], PrompterContent], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("prompterWindow")
        self.setWindowTitle(self.tr("Prompter"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # dark: livedesk.qss
        self._read = read
        self.message = self._label("prompterMessage", 0.6, bold=True)
        self.segment = self._label("prompterSegment", 0.75, bold=True)
        self.left = self._label("prompterLeft", 1.0, bold=True)
        self.left.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.points = self._label("prompterPoints", 0.5)
        self.points.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.questions = self._label("prompterQuestions", 0.45)
        self.next = self._label("prompterNext", 0.35)
        top = QHBoxLayout()
        top.addWidget(self.segment, 1)
        top.addWidget(self.left)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(self.message)
        layout.addLayout(top)
        layout.addWidget(self.points, 1)
        layout.addWidget(self.questions)
        layout.addWidget(self.next)
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def _label(self, name: str, scale: float, *, bold: bool = False) -> QLabel:
        """A label whose type is ``scale`` × the unit (a twelfth of the screen's height)."""
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # viewers' questions are never markup
        label.setProperty("scale", scale)
        font = QFont(label.font())
        font.setBold(bold)
        label.setFont(font)
        return label

    def _size_type(self) -> None:
        unit = max(12, self.height() // 12)
        for label in (self.message, self.segment, self.left, self.points, self.questions):
            font = label.font()
            font.setPixelSize(int(unit * float(label.property("scale"))))
            label.setFont(font)
        font = self.next.font()
        font.setPixelSize(int(unit * 0.35))
        self.next.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._size_type()
        super().resizeEvent(event)

    def refresh(self) -> None:
        content = self._read()
        self.message.setText(content.message)
        self.message.setVisible(bool(content.message))
        self.segment.setText(content.segment or "—")
        left = content.left_s
        if left is None:
            self.left.setText("")
        else:
            self.left.setText(signed_clock(left) + (" ⏸" if content.paused else ""))
        tone = (
            "" if left is None else "error" if left < 0 else "warning" if left <= AMBER_AT_S else ""
        )
        restyle(self.left, tone=tone)
        self.points.setText("\n".join(f"• {point}" for point in content.talking_points))
        self.questions.setText("\n".join(f"{q.nickname}：{q.text}" for q in content.questions))
        upcoming = content.next_segment
        self.next.setText(self.tr("Next: %1").replace("%1", upcoming) if upcoming else "")

    def show_on(self, screen: QScreen | None = None) -> None:
        """Full screen on ``screen`` (default: the last one, a second monitor when there is)."""
        screens = QGuiApplication.screens()
        chosen = screen or (screens[-1] if screens else None)
        if chosen is not None:
            self.setScreen(chosen)
            self.setGeometry(chosen.geometry())
        self.showFullScreen()
        self._size_type()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # out of full screen, as everywhere
            self.close()
            return
        super().keyPressEvent(event)
