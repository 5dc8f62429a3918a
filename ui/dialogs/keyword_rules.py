"""KeywordRulesDialog: block words, highlight words and question words, one per line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.moderation import KeywordRules
from ui.placement import fit_when_shown


def _words(edit: QPlainTextEdit) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for line in edit.toPlainText().splitlines():
        word = line.strip()
        if word:
            seen.setdefault(word, None)
    return tuple(seen)


class KeywordRulesDialog(QDialog):
    def __init__(self, rules: KeywordRules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keywordRulesDialog")
        self.setWindowTitle(self.tr("Keyword rules"))
        self.block_edit = self._edit("blockWords", rules.block)
        self.highlight_edit = self._edit("highlightWords", rules.highlight)
        self.question_edit = self._edit("questionWords", rules.question)
        form = QFormLayout()
        form.addRow(self.tr("Block words (hide the comment)"), self.block_edit)
        form.addRow(self.tr("Highlight words"), self.highlight_edit)
        form.addRow(self.tr("Question words (mark for the assistant)"), self.question_edit)
        hint = QLabel(
            self.tr(
                "One word per line. Matching ignores upper/lower case and full/half width. "
                "Rules apply to comments arriving from now on."
            ),
            self,
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(520, 520)
        fit_when_shown(self)

    def _edit(self, name: str, words: tuple[str, ...]) -> QPlainTextEdit:
        edit = QPlainTextEdit("\n".join(words), self)
        edit.setObjectName(name)
        return edit

    def rules(self) -> KeywordRules:
        return KeywordRules(
            block=_words(self.block_edit),
            highlight=_words(self.highlight_edit),
            question=_words(self.question_edit),
        )
