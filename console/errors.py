"""Errors an operator sees. The text is an English template marked for translation; the UI
translates it (context ``errors``) and fills in the fields. Logs get ``log_text`` in English."""

from __future__ import annotations


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
