"""OBS failures in the operator's words (English details stay in ``log_text`` for the log)."""

from __future__ import annotations

from console.errors import OperatorError
from console.i18n import QT_TRANSLATE_NOOP
from obs_bridge import ObsError, ObsErrorKind

NOT_CONNECTED = QT_TRANSLATE_NOOP(
    "errors", "OBS is not connected. LiveDesk reconnects by itself when OBS is back."
)
NOT_RESPONDING = QT_TRANSLATE_NOOP(
    "errors",
    "OBS is not responding (frozen or overloaded): LiveDesk sends it nothing until it answers "
    "again.",
)
_KIND_TEMPLATES = {
    ObsErrorKind.NOT_RUNNING: QT_TRANSLATE_NOOP(
        "errors",
        "OBS is not running at {address}, or its WebSocket server is off "
        "(in OBS: Tools → WebSocket Server Settings).",
    ),
    ObsErrorKind.AUTH_FAILED: QT_TRANSLATE_NOOP(
        "errors", "OBS refused the password. Enter its WebSocket password in the OBS settings."
    ),
    ObsErrorKind.TIMEOUT: QT_TRANSLATE_NOOP(
        "errors", "OBS did not answer in time; it may be busy or frozen."
    ),
    ObsErrorKind.DISCONNECTED: NOT_CONNECTED,
    ObsErrorKind.PROTOCOL: QT_TRANSLATE_NOOP(
        "errors",
        "The program at {address} is not OBS's WebSocket server (OBS 28 or newer is needed). "
        "Check the port.",
    ),
}
# obs-websocket request status codes an operator meets in practice, in their words.
_CODE_TEMPLATES = {
    207: QT_TRANSLATE_NOOP("errors", "OBS is not ready yet (code 207). Try again in a moment."),
    500: QT_TRANSLATE_NOOP("errors", "OBS says this output is already running (code 500)."),
    501: QT_TRANSLATE_NOOP("errors", "OBS says this output is not running (code 501)."),
    506: QT_TRANSLATE_NOOP("errors", "Studio mode is off in OBS (code 506)."),
}
_REFUSED = QT_TRANSLATE_NOOP("errors", "OBS refused the request (code {code}): {reason}")
BAD_PUSH_URL = QT_TRANSLATE_NOOP(
    "errors", "This push address cannot be used: it must look like rtmp://host/app/stream-key."
)


def explain_obs_error(error: ObsError, address: str) -> OperatorError:
    """The operator's sentence for an OBS failure (English details stay in ``log_text``)."""
    if error.kind is ObsErrorKind.REQUEST_FAILED:
        template = _CODE_TEMPLATES.get(error.code or 0, _REFUSED)
        fields: dict[str, object] = {"code": error.code, "reason": error.comment or error.message}
    else:
        template = _KIND_TEMPLATES[error.kind]
        fields = {"address": address}
    return OperatorError(template, log_text=error.message, **fields)
