"""LotteryCreateDialog: a new lottery from a preset, with every option of a round.

The operator picks a preset (or starts from the current one), adjusts it and creates the round.
"Save as preset…" keeps the current settings under a name; the staff accounts are kept once for
every lottery. Both end up in ``preferences()``, which the caller saves.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.lottery.model import (
    MAX_COUNTDOWN_S,
    MAX_KEYWORD_CHARS,
    MAX_PRIZE_CHARS,
    MAX_WINNERS,
    MIN_COUNTDOWN_S,
    LotteryKind,
    LotteryPreferences,
    LotteryPreset,
    LotterySettings,
)
from ui.placement import fit_when_shown

_MAX_LIKES = 2_000_000_000


class LotteryCreateDialog(QDialog):
    def __init__(self, preferences: LotteryPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lotteryCreateDialog")
        self.setWindowTitle(self.tr("New lottery"))
        self._preferences = preferences

        self.preset_box = QComboBox(self)
        self.preset_box.setObjectName("presetBox")
        self.save_preset_button = QPushButton(self.tr("Save as preset…"), self)
        self.save_preset_button.setObjectName("savePresetButton")
        self.save_preset_button.clicked.connect(self._save_preset)
        preset_row = QHBoxLayout()
        preset_row.addWidget(self.preset_box, 1)
        preset_row.addWidget(self.save_preset_button)

        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("kindBox")
        # Qt keeps item data as plain strings: the kinds' values, read back with _kind().
        self.kind_box.addItem(self.tr("Comment lottery: comment the keyword"), "comment")
        self.kind_box.addItem(self.tr("Like lottery: like while it is open"), "like")
        self.keyword_edit = QLineEdit(self)
        self.keyword_edit.setObjectName("keywordEdit")
        self.keyword_edit.setMaxLength(MAX_KEYWORD_CHARS)
        self.keyword_edit.setPlaceholderText(self.tr("What viewers comment to enter"))
        self.prize_edit = QLineEdit(self)
        self.prize_edit.setObjectName("prizeEdit")
        self.prize_edit.setMaxLength(MAX_PRIZE_CHARS)
        self.winners_spin = QSpinBox(self)
        self.winners_spin.setObjectName("winnersSpin")
        self.winners_spin.setRange(1, MAX_WINNERS)

        self.countdown_check = QCheckBox(self.tr("Draw automatically after"), self)
        self.countdown_check.setObjectName("countdownCheck")
        self.countdown_spin = QSpinBox(self)
        self.countdown_spin.setObjectName("countdownSpin")
        self.countdown_spin.setRange(MIN_COUNTDOWN_S, MAX_COUNTDOWN_S)
        self.countdown_spin.setSuffix(self.tr(" s"))
        countdown_row = QHBoxLayout()
        countdown_row.addWidget(self.countdown_check)
        countdown_row.addWidget(self.countdown_spin)
        countdown_row.addStretch(1)

        self.auto_start_check = QCheckBox(self.tr("Open by itself when the room reaches"), self)
        self.auto_start_check.setObjectName("autoStartCheck")
        self.auto_start_spin = QSpinBox(self)
        self.auto_start_spin.setObjectName("autoStartSpin")
        self.auto_start_spin.setRange(1, _MAX_LIKES)
        self.auto_start_spin.setValue(10_000)
        self.auto_start_spin.setSingleStep(1000)
        self.auto_start_spin.setGroupSeparatorShown(True)
        self.auto_start_spin.setSuffix(self.tr(" likes"))
        auto_row = QHBoxLayout()
        auto_row.addWidget(self.auto_start_check)
        auto_row.addWidget(self.auto_start_spin)
        auto_row.addStretch(1)

        self.exclude_moderated_check = QCheckBox(self.tr("Muted or blocked users"), self)
        self.exclude_moderated_check.setObjectName("excludeModeratedCheck")
        self.exclude_staff_check = QCheckBox(self.tr("Staff accounts (user ids below)"), self)
        self.exclude_staff_check.setObjectName("excludeStaffCheck")
        self.staff_edit = QPlainTextEdit("\n".join(preferences.staff), self)
        self.staff_edit.setObjectName("staffEdit")
        self.staff_edit.setPlaceholderText(self.tr("One user id per line"))
        self.staff_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.exclude_past_check = QCheckBox(
            self.tr("Winners of earlier lotteries in this show"), self
        )
        self.exclude_past_check.setObjectName("excludePastCheck")
        exclusions = QVBoxLayout()
        exclusions.setSpacing(4)
        for widget in (
            self.exclude_moderated_check,
            self.exclude_past_check,
            self.exclude_staff_check,
            self.staff_edit,
        ):
            exclusions.addWidget(widget)

        form = QFormLayout()
        form.addRow(self.tr("Preset"), preset_row)
        form.addRow(self.tr("Kind"), self.kind_box)
        form.addRow(self.tr("Keyword"), self.keyword_edit)
        form.addRow(self.tr("Prize"), self.prize_edit)
        form.addRow(self.tr("Winners"), self.winners_spin)
        form.addRow(self.tr("Draw"), countdown_row)
        form.addRow(self.tr("Start"), auto_row)
        form.addRow(self.tr("Leave out"), exclusions)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        for signal in (
            self.kind_box.currentIndexChanged,
            self.keyword_edit.textChanged,
            self.prize_edit.textChanged,
            self.countdown_check.toggled,
            self.auto_start_check.toggled,
            self.exclude_staff_check.toggled,
        ):
            signal.connect(self._update_enabled)
        self.preset_box.currentIndexChanged.connect(self._on_preset_chosen)
        self._fill_presets(0)
        self.resize(480, self.sizeHint().height())
        fit_when_shown(self)

    # -- reading -------------------------------------------------------------------------------
    def _kind(self) -> LotteryKind:
        return LotteryKind(self.kind_box.currentData())

    def settings(self) -> LotterySettings:
        kind = self._kind()
        return LotterySettings(
            kind=kind,
            keyword=self.keyword_edit.text().strip() if kind is LotteryKind.COMMENT else "",
            prize=self.prize_edit.text().strip(),
            winners=self.winners_spin.value(),
            countdown=self.countdown_spin.value() if self.countdown_check.isChecked() else None,
            exclude_moderated=self.exclude_moderated_check.isChecked(),
            exclude_staff=self.exclude_staff_check.isChecked(),
            staff=self._staff(),
            exclude_past_winners=self.exclude_past_check.isChecked(),
            auto_start_likes=(
                self.auto_start_spin.value()
                if kind is LotteryKind.LIKE and self.auto_start_check.isChecked()
                else None
            ),
        )

    def preferences(self) -> LotteryPreferences:
        """The preferences with the presets saved here and the staff accounts as edited."""
        return replace(self._preferences, staff=self._staff())

    def _staff(self) -> tuple[str, ...]:
        lines = (line.strip() for line in self.staff_edit.toPlainText().splitlines())
        return tuple(dict.fromkeys(line for line in lines if line))

    # -- presets -------------------------------------------------------------------------------
    def _fill_presets(self, current: int) -> None:
        self.preset_box.blockSignals(True)
        self.preset_box.clear()
        for preset in self._preferences.presets:
            self.preset_box.addItem(preset.name)
        self.preset_box.blockSignals(False)
        if self._preferences.presets:
            self.preset_box.setCurrentIndex(current)
            self._on_preset_chosen(current)
        else:
            self._show(LotterySettings())

    def _on_preset_chosen(self, index: int) -> None:
        if 0 <= index < len(self._preferences.presets):
            self._show(self._preferences.presets[index].settings)

    def _show(self, settings: LotterySettings) -> None:
        self.kind_box.setCurrentIndex(self.kind_box.findData(settings.kind.value))
        self.keyword_edit.setText(settings.keyword)
        self.prize_edit.setText(settings.prize)
        self.winners_spin.setValue(settings.winners)
        self.countdown_check.setChecked(settings.countdown is not None)
        if settings.countdown is not None:
            self.countdown_spin.setValue(settings.countdown)
        self.auto_start_check.setChecked(settings.auto_start_likes is not None)
        if settings.auto_start_likes is not None:
            self.auto_start_spin.setValue(settings.auto_start_likes)
        self.exclude_moderated_check.setChecked(settings.exclude_moderated)
        self.exclude_staff_check.setChecked(settings.exclude_staff)
        self.exclude_past_check.setChecked(settings.exclude_past_winners)
        self._update_enabled()

    def _save_preset(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Save as preset"), self.tr("Preset name"), text=self._suggested_name()
        )
        name = name.strip()
        if not ok or not name:
            return
        self.save_preset(name)

    def save_preset(self, name: str) -> None:
        """Keep the current settings as preset ``name`` (replacing one of the same name)."""
        preset = LotteryPreset(name, replace(self.settings(), staff=()))
        presets = [p for p in self._preferences.presets if p.name != name]
        presets.append(preset)
        self._preferences = replace(self._preferences, presets=tuple(presets))
        self._fill_presets(len(presets) - 1)

    def _suggested_name(self) -> str:
        settings = self.settings()
        return f"{settings.prize} · {settings.keyword}" if settings.keyword else settings.prize

    # -- state ---------------------------------------------------------------------------------
    def _update_enabled(self) -> None:
        comment = self._kind() is LotteryKind.COMMENT
        self.keyword_edit.setEnabled(comment)
        self.countdown_spin.setEnabled(self.countdown_check.isChecked())
        self.auto_start_check.setEnabled(not comment)
        self.auto_start_spin.setEnabled(not comment and self.auto_start_check.isChecked())
        self.staff_edit.setEnabled(self.exclude_staff_check.isChecked())
        complete = bool(self.prize_edit.text().strip()) and (
            not comment or bool(self.keyword_edit.text().strip())
        )
        self.ok_button.setEnabled(complete)
        self.save_preset_button.setEnabled(complete)
