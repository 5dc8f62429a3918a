"""The replay connector: plays a JSONL file of events (console.events schema) at a chosen speed.

Bad lines (invalid JSON or UTF-8, wrong types, unknown type, missing fields) are reported to
the sink with their reason and skipped; they never stop the replay. Blank lines are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from console.actions import Capability
from console.events import Event, EventError, RejectReason, parse_json_line
from console.platforms.base import EventSink, PacedConnector


class ReplayConnector(PacedConnector):
    name = "replay"
    capabilities = frozenset({Capability.LIVE_EVENTS})
    resumable = False  # replaying again is a new show

    def __init__(self, path: str | Path, speed: float = 1.0) -> None:
        super().__init__(speed=speed)
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"replay file not found: {self.path}")

    def describe(self) -> str:
        return f"replay {self.path} speed={self.speed:g}"

    def events(self, sink: EventSink) -> Iterable[Event]:
        return read_events(self.path, sink)


def read_events(path: Path, sink: EventSink) -> Iterator[Event]:
    """Valid events of a JSONL file in file order; bad lines go to ``sink.reject``."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                yield parse_json_line(raw.decode("utf-8"))
            except UnicodeDecodeError:
                sink.reject(RejectReason.INVALID_JSON, f"{path.name}:{number}: not UTF-8")
            except EventError as exc:
                sink.reject(exc.reason, f"{path.name}:{number}: {exc.detail}")
