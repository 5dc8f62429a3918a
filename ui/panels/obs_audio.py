"""The OBS dock's audio: one row per input with audio (mute button and level meter), the
microphone first, and which input is the microphone.

An anchor must see that the microphone is live before saying "we're on": its row comes first,
says it is the microphone, and its meter moves with the voice. The widgets only draw what
they are given and report clicks as signals (ui.controllers.obs decides what they mean).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from console.obs.link import Level
from obs_bridge import InputState
from ui.text import arg
from ui.theme import colour, restyle

FLOOR_DB = -60.0  # the meter's left end
LOUD_DB = -20.0  # from here the bar turns yellow ...
CLIP_DB = -9.0  # ... and red from here (OBS's own meter colours change at about these)


def level_db(multiplier: float) -> float:
    """OBS's level multiplier (0..1 of full scale) in dBFS, FLOOR_DB for silence."""
    if multiplier <= 0:
        return FLOOR_DB
    return max(FLOOR_DB, min(0.0, 20 * math.log10(multiplier)))


class LevelMeter(QWidget):
    """A horizontal peak meter from FLOOR_DB to 0 dBFS; grey while the input is muted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsLevelMeter")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(48)
        self.peak_db = FLOOR_DB
        self.muted = False

    def sizeHint(self) -> QSize:
        return QSize(90, 8)

    def set_level(self, level: Level | None, *, muted: bool) -> None:
        peak = FLOOR_DB if level is None else level_db(level.peak)
        if (peak, muted) == (self.peak_db, self.muted):
            return
        self.peak_db, self.muted = peak, muted
        self.setToolTip(
            self.tr("Silent") if peak <= FLOOR_DB else arg(self.tr("Peak %1 dB"), f"{peak:.0f}")
        )
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        bar = QRectF(self.rect())
        painter.fillRect(bar, colour("meterTrack"))
        span = -FLOOR_DB
        lit = bar.width() * (self.peak_db - FLOOR_DB) / span
        zones = (
            (FLOOR_DB, LOUD_DB, "meterLow"),
            (LOUD_DB, CLIP_DB, "meterHigh"),
            (CLIP_DB, 0.0, "meterClip"),
        )
        for low, high, name in zones:
            left = bar.width() * (low - FLOOR_DB) / span
            right = min(lit, bar.width() * (high - FLOOR_DB) / span)
            if right > left:
                tone = colour("muted") if self.muted else colour(name)
                painter.fillRect(
                    QRectF(bar.left() + left, bar.top(), right - left, bar.height()), tone
                )
        painter.end()


class AudioBox(QGroupBox):
    """Mute buttons and meters, the microphone first; a choice of which input it is."""

    mute_clicked = Signal(str, bool)  # input name, muted wanted
    mic_chosen = Signal(str)  # an input's name, "" for OBS's own microphone

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsAudio")
        self.mute_buttons: dict[str, QPushButton] = {}
        self.meters: dict[str, LevelMeter] = {}
        self._roles: dict[str, QLabel] = {}
        self._names: list[str] = []
        self._grid = QGridLayout()  # per input: its role, mute button and meter
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(1, 3)
        self._grid.setColumnStretch(2, 2)
        self.empty_note = QLabel(self.tr("OBS has no audio input."), self)
        self.empty_note.setProperty("tone", "hint")
        self.mic_choice = QComboBox(self)
        self.mic_choice.setObjectName("obsMicChoice")
        self.mic_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mic_choice.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.mic_choice.setToolTip(self.tr("The input the microphone key mutes and unmutes"))
        self.mic_choice.activated.connect(self._on_mic_chosen)
        choice = QHBoxLayout()
        choice.setSpacing(6)
        self.mic_caption = QLabel(self.tr("Microphone:"), self)
        self.mic_caption.setProperty("tone", "hint")
        choice.addWidget(self.mic_caption)
        choice.addWidget(self.mic_choice, 1)
        layout = QGridLayout(self)
        layout.setSpacing(4)
        layout.addLayout(self._grid, 0, 0)
        layout.addWidget(self.empty_note, 1, 0)
        layout.addLayout(choice, 2, 0)

    def set_inputs(
        self, audio: Sequence[InputState], mic: str | None, chosen: str, mic_key: str
    ) -> None:
        """``audio``: the inputs that have audio, in OBS's order; ``mic``: the one the mic key
        toggles (None: there is none); ``chosen``: the operator's choice ("": OBS's own)."""
        order = sorted(audio, key=lambda i: (i.name != mic, i.role != "desktop"))
        names = [i.name for i in order]
        if names != self._names:
            self._rebuild(names)
        for state in order:
            button = self.mute_buttons[state.name]
            muted = bool(state.muted)
            button.setChecked(muted)
            shown = arg(self.tr("%1 — muted"), state.name) if muted else state.name
            button.setText(shown.replace("&", "&&"))
            is_mic = state.name == mic
            tip = self.tr("Click to unmute%1") if muted else self.tr("Click to mute%1")
            button.setProperty("onlineTip", arg(tip, f" ({mic_key})" if is_mic and mic_key else ""))
            role = self._roles[state.name]
            role.setText(
                self.tr("Mic") if is_mic else self.tr("Desktop") if state.role == "desktop" else ""
            )
            restyle(role, tone="good" if is_mic else "hint")
            self.meters[state.name].muted = muted
        self.empty_note.setVisible(not audio)
        self._fill_choice(names, mic, chosen)

    def _rebuild(self, names: list[str]) -> None:
        for widget in (*self.mute_buttons.values(), *self.meters.values(), *self._roles.values()):
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.mute_buttons, self.meters, self._roles = {}, {}, {}
        for row, name in enumerate(names):
            role = QLabel(self)
            role.setObjectName("obsAudioRole")
            button = QPushButton(self)
            button.setObjectName("obsMuteButton")
            button.setMinimumHeight(28)
            button.setProperty("inputName", name)
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda checked, n=name: self.mute_clicked.emit(n, checked))
            meter = LevelMeter(self)
            meter.setProperty("inputName", name)
            self._grid.addWidget(role, row, 0, Qt.AlignmentFlag.AlignLeft)
            self._grid.addWidget(button, row, 1)
            self._grid.addWidget(meter, row, 2)
            self.mute_buttons[name] = button
            self.meters[name] = meter
            self._roles[name] = role
        self._names = names

    def _fill_choice(self, names: list[str], mic: str | None, chosen: str) -> None:
        combo = self.mic_choice
        automatic = (
            arg(self.tr("OBS's microphone (%1)"), mic)
            if mic and not chosen
            else self.tr("OBS's microphone")
        )
        items = [("", automatic), *((name, name) for name in names)]
        if [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] != items:
            combo.blockSignals(True)
            combo.clear()
            for data, text in items:
                combo.addItem(text, data)
            combo.blockSignals(False)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def _on_mic_chosen(self, index: int) -> None:
        self.mic_chosen.emit(str(self.mic_choice.itemData(index) or ""))

    def set_levels(self, levels: Mapping[str, Level] | None) -> None:
        """The latest audio levels (None: not measured: the meters rest)."""
        for name, meter in self.meters.items():
            meter.set_level(None if levels is None else levels.get(name), muted=meter.muted)
