"""Marking operator-facing text in the core for translation without importing Qt.

``QT_TRANSLATE_NOOP(context, text)`` returns ``text`` unchanged; pyside6-lupdate finds the
calls and puts the strings into the catalogue, and the UI translates them when it shows them.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text
