"""The one exception type of the OBS bridge, and how obs-websocket's codes read in English."""

from __future__ import annotations

import enum

# obs-websocket v5 WebSocketCloseCode: the server closes with this after a wrong password.
CLOSE_AUTHENTICATION_FAILED = 4009

# obs-websocket v5 RequestStatus codes (protocol.md), in words an operator can act on.
_REQUEST_STATUS_TEXT = {
    203: "the request type is missing",
    204: "this OBS does not know the request",
    205: "OBS reported an error",
    207: "OBS is not ready yet",
    300: "a required field is missing",
    301: "the request data is missing",
    400: "a field is invalid",
    401: "a field has the wrong type",
    402: "a value is out of range",
    403: "a field is empty",
    404: "the request has too many fields",
    500: "the output is already running",
    501: "the output is not running",
    502: "the output is paused",
    503: "the output is not paused",
    504: "the output is disabled",
    505: "studio mode is active",
    506: "studio mode is not active",
    600: "not found",
    601: "it already exists",
    602: "it is the wrong kind of resource",
    603: "there are not enough resources",
    604: "it cannot do that in its current state",
    605: "the input kind is invalid",
    606: "it cannot be configured",
    607: "the filter kind is invalid",
    700: "it could not be created",
    701: "the action failed",
    702: "the request could not be processed",
    703: "OBS cannot do that",
}


class ObsErrorKind(enum.Enum):
    """Why an OBS operation failed; decides what the operator (and the supervisor) does next."""

    NOT_RUNNING = "not_running"  # nothing listens at host:port (connection refused, bad host)
    AUTH_FAILED = "auth_failed"  # wrong or missing password (close code 4009): do not retry
    REQUEST_FAILED = "request_failed"  # OBS answered with requestStatus.result = false
    TIMEOUT = "timeout"  # OBS accepted the connection or request but did not answer in time
    DISCONNECTED = "disconnected"  # not connected, or the connection was lost
    PROTOCOL = "protocol"  # the peer does not speak obs-websocket v5 (wrong port, old plugin)


class ObsError(Exception):
    """An OBS operation failed. ``str(error)`` is a complete English sentence for logs and UI.

    For ``REQUEST_FAILED``, ``code`` and ``comment`` carry obs-websocket's requestStatus
    (obs-websocket-py drops both; the bridge reads them from the raw response).
    """

    def __init__(
        self,
        kind: ObsErrorKind,
        message: str,
        *,
        request_type: str | None = None,
        code: int | None = None,
        comment: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.request_type = request_type
        self.code = code
        self.comment = comment

    @property
    def message(self) -> str:
        return str(self)

    @classmethod
    def request_failed(cls, request_type: str, code: int | None, comment: str | None) -> ObsError:
        reason = comment or _REQUEST_STATUS_TEXT.get(code or 0, "OBS gave no reason")
        if not reason.endswith("."):
            reason += "."
        return cls(
            ObsErrorKind.REQUEST_FAILED,
            f"OBS refused {request_type} (code {code}): {reason}",
            request_type=request_type,
            code=code,
            comment=comment,
        )
