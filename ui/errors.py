"""Turning any exception from an operator action into text for the operator, in their language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.errors import OperatorError
from console.storage.faults import CONTEXT, classify, is_database_error
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
    if is_database_error(error):  # its own text quotes SQL, nicknames and comments
        return QCoreApplication.translate(CONTEXT, classify(error).operator_text)
    return arg(QCoreApplication.translate("errors", "Unexpected error: %1"), str(error))


def stored_reason(reason: object) -> str:
    """An error's text kept with an audit entry (console.errors.reason_of), in the operator's
    language; "" when there is none (entries recorded before kept English only)."""
    if not isinstance(reason, dict):
        return ""
    if "template" in reason:
        template = QCoreApplication.translate(str(reason.get("context")), str(reason["template"]))
        try:
            return template.format(**reason.get("fields", {}))
        except (KeyError, IndexError, ValueError):
            return str(reason["template"])
    text = reason.get("en" if current_language() == "en" else "zh_CN")
    return text if isinstance(text, str) else ""
