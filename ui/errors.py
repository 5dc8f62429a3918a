"""Turning any exception from an operator action into text for the operator, in their language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.errors import OperatorError
from ui.i18n import current_language
from ui.text import arg


def describe_error(error: BaseException, language: str | None = None) -> str:
    language = language or current_language()
    if isinstance(error, OperatorError):
        return error.render(QCoreApplication.translate(error.context, error.template))
    # Platform errors that carry their own operator text (e.g. WeChatApiError).
    message = getattr(error, "message_en" if language == "en" else "message", None)
    if isinstance(message, str) and message:
        return message
    return arg(QCoreApplication.translate("errors", "Unexpected error: %1"), str(error))
