"""The operator's OBS actions: scene, stream, record, mute, source visibility, push address.

The same pattern as console.moderation: each method validates at once (raising OperatorError
when OBS is not connected or a push address is unusable) and returns a *job* — the OBS
request plus its audit entry — for the caller to run on a worker thread. A job never raises:
an ObsError becomes the Outcome's error, turned into an OperatorError the operator can act on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from console.errors import OperatorError
from console.i18n import QT_TRANSLATE_NOOP
from console.log import obs as log
from console.moderation import Job, Outcome, Scope
from console.storage.writer import AuditRecord, StorageWriter
from obs_bridge import ObsClient, ObsError, ObsErrorKind, split_push_url

_NOT_CONNECTED = QT_TRANSLATE_NOOP(
    "errors", "OBS is not connected. LiveDesk reconnects by itself when OBS is back."
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
    ObsErrorKind.DISCONNECTED: _NOT_CONNECTED,
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
}
_REFUSED = QT_TRANSLATE_NOOP("errors", "OBS refused the request (code {code}): {reason}")
_BAD_PUSH_URL = QT_TRANSLATE_NOOP(
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


class ObsService:
    """OBS actions of one console; thread-safe (ObsClient is), no state of its own."""

    def __init__(
        self,
        client: ObsClient,
        writer: StorageWriter | None,
        *,
        operator: str,
        clock: Callable[[], float],
    ) -> None:
        self._client = client
        self._writer = writer
        self.operator = operator
        self._clock = clock

    # -- actions (each returns the job to run on a worker thread) -----------------------------
    def switch_scene(self, scene: str) -> Job:
        self._require_connection()
        return self._job("obs.scene", scene, {}, lambda: self._client.set_scene(scene))

    def set_streaming(self, active: bool) -> Job:
        self._require_connection()
        if active:
            return self._job("obs.stream.start", "stream", {}, self._client.start_stream)
        return self._job("obs.stream.stop", "stream", {}, self._client.stop_stream)

    def set_recording(self, active: bool) -> Job:
        self._require_connection()
        if active:
            return self._job("obs.record.start", "record", {}, self._client.start_record)
        return self._job("obs.record.stop", "record", {}, self._client.stop_record)

    def set_input_muted(self, input_name: str, muted: bool) -> Job:
        self._require_connection()
        return self._job(
            "obs.input.mute",
            input_name,
            {"muted": muted},
            lambda: self._client.set_input_mute(input_name, muted),
        )

    def set_source_visible(self, scene: str, source: str, visible: bool) -> Job:
        self._require_connection()
        return self._job(
            "obs.source.visible",
            source,
            {"scene": scene, "visible": visible},
            lambda: self._client.set_source_visible(scene, source, visible),
        )

    def use_push_url(self, push_url: str) -> Job:
        """Stream to a platform's push address (WeChat's ``pushAddr``). The stream key is a
        credential: it reaches OBS only, never the audit log or the log file."""
        try:
            target = split_push_url(push_url)
        except ValueError as exc:
            raise OperatorError(_BAD_PUSH_URL, log_text=str(exc)) from exc
        self._require_connection()
        return self._job(
            "obs.stream_target",
            target.server,
            {},
            lambda: self._client.set_stream_target(target.server, target.key),
        )

    # -- helpers -------------------------------------------------------------------------------
    def _require_connection(self) -> None:
        if not self._client.connected:
            raise OperatorError(
                _NOT_CONNECTED, log_text=f"OBS at {self._client.address} is not connected"
            )

    def _job(
        self, command: str, target: str, detail: dict[str, Any], request: Callable[[], None]
    ) -> Job:
        t = self._clock()

        def run() -> Outcome:
            error: OperatorError | None = None
            try:
                request()
            except ObsError as exc:
                error = explain_obs_error(exc, self._client.address)
            outcome = Outcome(command, target, Scope.PLATFORM, error)
            self._audit(outcome, t, detail)
            return outcome

        return run

    def _audit(self, outcome: Outcome, t: float, detail: dict[str, Any]) -> None:
        detail = {**detail, "obs": self._client.address}
        if isinstance(outcome.error, OperatorError):
            detail["error"] = outcome.error.log_text
            log.warning("%s %s failed: %s", outcome.command, outcome.target, detail["error"])
        if self._writer is not None:
            self._writer.audit(
                AuditRecord(
                    action=outcome.command,
                    target=outcome.target,
                    result="ok" if outcome.ok else "error",
                    operator=self.operator,
                    t=t,
                    detail=detail,
                )
            )
