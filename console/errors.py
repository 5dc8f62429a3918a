"""Errors an operator sees. The text is an English template marked for translation; the UI
translates it (context ``errors``) and fills in the fields. Logs get ``log_text`` in English."""

from __future__ import annotations

from typing import Any

from console.storage.faults import classify, is_database_error


class OperatorError(Exception):
    """An operator action could not be done; says why in words the operator understands."""

    context = "errors"

    def __init__(self, template: str, *, log_text: str = "", **fields: object) -> None:
        self.template = template
        self.fields = fields
        self.log_text = log_text or self.render()
        super().__init__(self.log_text)

    def render(self, template: str | None = None) -> str:
        """The message with its fields (``template`` may be a translation of ``self.template``)."""
        return (template or self.template).format(**self.fields)


class Unsupported(OperatorError):
    """The connector has no capability for this action (the console may apply it locally)."""


class NeedsConfirmation(OperatorError):
    """An irreversible command was sent without the operator's confirmation."""


class BadCommand(OperatorError):
    """Arguments that do not fit the command."""


class UnknownCommand(BadCommand):
    """There is no command of that id."""


def english(error: BaseException) -> str:
    """The operator's text of any error from an operator action, in English (for the control
    API and logs; the UI shows the translated text, ui.errors.describe_error)."""
    if isinstance(error, OperatorError):
        return error.render()
    # Platform errors that carry their own operator text (e.g. WeChatApiError).
    message = getattr(error, "message_en", None)
    if isinstance(message, str) and message:
        return message
    if is_database_error(error):  # its own text may quote SQL and viewers' data
        return f"Database error: {classify(error).summary}"
    return f"Unexpected error: {error}"


def reason_of(error: BaseException) -> dict[str, Any]:
    """The operator's text of an error in a form that can be stored (an audit entry) and
    translated when it is shown: an OperatorError's template and fields, or a platform error's
    finished texts in both languages; {} when there is neither."""
    if isinstance(error, OperatorError):
        fields = {name: str(value) for name, value in error.fields.items()}
        return {"context": error.context, "template": error.template, "fields": fields}
    zh, en = getattr(error, "message", None), getattr(error, "message_en", None)
    if isinstance(zh, str) and isinstance(en, str) and zh and en:
        return {"zh_CN": zh, "en": en}
    return {}
