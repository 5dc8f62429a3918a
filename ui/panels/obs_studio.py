"""The OBS dock's studio-mode line: studio mode on or off, the transition and its duration;
in studio mode also whether scene keys skip the preview, and Take, which names the scene in
preview (the scene buttons show it framed green, the one on air filled blue). One line: the
microphone below it must stay on a laptop's screen.

Draws what it is given and reports what the operator asked for as signals
(ui.controllers.obs turns them into commands).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from obs_bridge import Transitions
from ui.text import arg

MIN_DURATION_MS = 50  # what OBS accepts
MAX_DURATION_MS = 20_000
TAKE_PADDING_PX = 14  # the Take button's own margin on each side of its text


class StudioBar(QWidget):
    studio_toggled = Signal(bool)
    direct_toggled = Signal(bool)  # scene keys straight on air, in studio mode
    take_clicked = Signal()
    transition_chosen = Signal(str, object)  # name, duration in ms (None: unchanged)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsStudioBar")
        self.studio_box = QCheckBox(self.tr("Studio mode"), self)
        self.studio_box.setObjectName("obsStudioMode")
        self.studio_box.setProperty(
            "onlineTip", self.tr("Scenes go to a preview first; Take puts the preview on air")
        )
        self.studio_box.clicked.connect(self.studio_toggled)
        self.transition = QComboBox(self)
        self.transition.setObjectName("obsTransition")
        self.transition.setToolTip(self.tr("The transition of scene switches and of Take"))
        self.transition.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.transition.setMinimumContentsLength(4)
        self.transition.activated.connect(lambda _i: self._emit_transition(with_duration=False))
        self.duration = QSpinBox(self)
        self.duration.setObjectName("obsTransitionDuration")
        self.duration.setRange(MIN_DURATION_MS, MAX_DURATION_MS)
        self.duration.setSingleStep(50)
        self.duration.setSuffix(self.tr(" ms"))
        self.duration.setKeyboardTracking(False)  # one command when typing ends, not per digit
        self.duration.setToolTip(self.tr("How long the transition takes"))
        self.duration.editingFinished.connect(lambda: self._emit_transition(with_duration=True))
        self.take_button = QPushButton(self)
        self.take_button.setObjectName("obsTakeButton")
        self.take_button.setMinimumHeight(28)
        self.take_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.take_button.clicked.connect(self.take_clicked)
        self.direct_box = QCheckBox(self.tr("Keys on air"), self)
        self.direct_box.setObjectName("obsSceneKeysToProgram")
        self.direct_box.setProperty(
            "onlineTip",
            self.tr("In studio mode, scene buttons and keys skip the preview and go on air"),
        )
        self.direct_box.clicked.connect(self.direct_toggled)
        for box in (self.studio_box, self.direct_box):
            # As wide as its label: a click beside a tick box does nothing.
            box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.studio_box)
        row.addWidget(self.direct_box)
        row.addWidget(self.transition, 1)
        row.addWidget(self.duration)
        row.addWidget(self.take_button, 1)
        self._shown_ms: int | None = None  # the duration OBS has
        self._preview = ""

    def set_studio(
        self,
        on: bool,
        preview: str,
        program: str,
        direct: bool,
        transitions: Transitions,
        take_key: str,
    ) -> None:
        self.studio_box.setChecked(on)
        for widget in (self.take_button, self.direct_box):
            widget.setVisible(on)
        self.direct_box.setChecked(direct)
        self._preview = preview
        self._name_take()
        tip = arg(self.tr("Put %1 on air (on air now: %2)"), preview or "—", program or "—")
        self.take_button.setProperty("onlineTip", tip + (f" ({take_key})" if take_key else ""))
        self.take_button.setEnabled(bool(preview) and preview != program)
        self._show_transitions(transitions)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._name_take()

    def _name_take(self) -> None:
        """ "Take: <the scene in preview>", or just "Take" where that does not fit (the scene
        buttons frame the preview green all the same)."""
        full = arg(self.tr("Take: %1"), self._preview or "—")
        room = self.take_button.width() - 2 * TAKE_PADDING_PX
        fits = self.take_button.fontMetrics().horizontalAdvance(full) <= room
        self.take_button.setText(full if fits else self.tr("Take"))

    def _show_transitions(self, transitions: Transitions) -> None:
        combo = self.transition
        names = list(transitions.names)
        if [combo.itemText(i) for i in range(combo.count())] != names:
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names)
            combo.blockSignals(False)
        combo.setCurrentIndex(combo.findText(transitions.current))
        fixed = transitions.duration_ms is None
        self.duration.setEnabled(not fixed)
        self._shown_ms = transitions.duration_ms
        if not fixed and not self.duration.hasFocus():
            self.duration.blockSignals(True)
            self.duration.setValue(transitions.duration_ms or MIN_DURATION_MS)
            self.duration.blockSignals(False)

    def _emit_transition(self, *, with_duration: bool) -> None:
        name = self.transition.currentText()
        if not name:
            return
        if with_duration:
            if self.duration.value() == self._shown_ms:
                return  # focus left the field without a change
            self.transition_chosen.emit(name, self.duration.value())
        else:
            self.transition_chosen.emit(name, None)
