"""What happens to the broadcast without anyone asking: OBS lost or frozen, the stream dropped
or reconnecting.

ObsLink notices an ``Incident``; ``IncidentReporter`` tells the operator (a message that says
what to do) and writes the ones that belong on the show's timeline to the audit log, where
the dashboard and the review mark them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from console.commands.spec import Entry
from console.i18n import QT_TRANSLATE_NOOP
from console.log import obs as log
from console.messages import Level, MessageBus
from console.storage.writer import AuditRecord

# The audit log's name of an incident's entries (they are not commands: entry point "auto").
CONNECTION_LOST = "obs.connection.lost"
STREAM_DROPPED = "obs.stream.dropped"
STREAM_RECONNECTING = "obs.stream.reconnecting"
OBS_UNRESPONSIVE = "obs.unresponsive"
INCIDENT_RESULT = "incident"  # the audit entries' result: neither done nor failed


class Incident(StrEnum):
    OBS_LOST = "obs_lost"  # the connection to OBS broke while it did not stream
    OBS_LOST_LIVE = "obs_lost_live"  # ... while it streamed: the broadcast may have dropped
    OBS_FROZEN = "obs_frozen"  # OBS is connected but has answered nothing for a while
    OBS_RESPONSIVE = "obs_responsive"  # ... and answers again
    STREAM_DROPPED = "stream_dropped"  # OBS stopped streaming and this console did not ask
    STREAM_RECONNECTING = "stream_reconnecting"  # the stream lost its server; OBS retries
    STREAM_RECONNECTED = "stream_reconnected"  # ... and is back
    STREAM_KEPT = "stream_kept"  # OBS is back after a loss and still streams
    START_FAILED = "start_failed"  # OBS began to start the stream and gave up


@dataclass(frozen=True, slots=True)
class _Notice:
    level: Level
    text: str
    audit: str | None = None  # the audit action, for incidents on the show's timeline


_NOTICES = {
    Incident.OBS_LOST: _Notice(
        Level.WARNING,
        QT_TRANSLATE_NOOP("messages", "The connection to OBS broke; reconnecting."),
        CONNECTION_LOST,
    ),
    Incident.OBS_LOST_LIVE: _Notice(
        Level.ERROR,
        QT_TRANSLATE_NOOP(
            "messages",
            "The connection to OBS broke while streaming: the broadcast may have dropped. "
            "Check OBS.",
        ),
        CONNECTION_LOST,
    ),
    Incident.OBS_FROZEN: _Notice(
        Level.ERROR,
        QT_TRANSLATE_NOOP(
            "messages",
            "OBS is not responding: it may be frozen or overloaded. Commands to OBS are held "
            "until it answers again; check the OBS computer.",
        ),
        OBS_UNRESPONSIVE,
    ),
    Incident.OBS_RESPONSIVE: _Notice(
        Level.INFO, QT_TRANSLATE_NOOP("messages", "OBS is responding again.")
    ),
    Incident.STREAM_DROPPED: _Notice(
        Level.ERROR,
        QT_TRANSLATE_NOOP(
            "messages",
            "The stream dropped: OBS is not streaming and nobody stopped it from LiveDesk (OBS "
            "gave up on the server, or it was stopped in OBS). Start the stream again once OBS "
            "and the network are back.",
        ),
        STREAM_DROPPED,
    ),
    Incident.STREAM_RECONNECTING: _Notice(
        Level.ERROR,
        QT_TRANSLATE_NOOP(
            "messages",
            "The stream lost its server: OBS is reconnecting, viewers see a frozen picture. "
            "Check the network.",
        ),
        STREAM_RECONNECTING,
    ),
    Incident.STREAM_RECONNECTED: _Notice(
        Level.INFO, QT_TRANSLATE_NOOP("messages", "The stream is back: OBS reconnected.")
    ),
    Incident.STREAM_KEPT: _Notice(
        Level.INFO, QT_TRANSLATE_NOOP("messages", "OBS is back and still streaming.")
    ),
    Incident.START_FAILED: _Notice(
        Level.ERROR,
        QT_TRANSLATE_NOOP(
            "messages",
            "OBS could not start the stream: check the server and stream key in OBS's "
            "settings, and the network.",
        ),
    ),
}


class IncidentReporter:
    """Turns OBS incidents into operator messages and audit entries of the running show."""

    def __init__(
        self,
        messages: MessageBus,
        audit: Callable[[AuditRecord], None],
        operator: str,
        clock: Callable[[], float],
    ) -> None:
        self._messages = messages
        self._audit = audit
        self._operator = operator
        self._clock = clock

    def __call__(self, incident: Incident) -> None:
        notice = _NOTICES[incident]
        log.warning("OBS incident: %s", incident.value)
        self._messages.post(notice.level, notice.text)
        if notice.audit is not None:
            self._audit(
                AuditRecord(
                    action=notice.audit,
                    target="",
                    result=INCIDENT_RESULT,
                    operator=self._operator,
                    t=self._clock(),
                    entry=Entry.AUTO,
                )
            )
