"""The replay connector: plays a JSONL file of events (console.events schema) at a chosen speed.

The file is UTF-8 (a byte-order mark is allowed) or UTF-16 with its byte-order mark, as
Windows editors save "Unicode" text; anything else is refused when the connector is made, with
one sentence that says so. Bad lines (invalid JSON or UTF-8, wrong types, unknown type, missing
fields) are reported to the sink with their reason and skipped; they never stop the replay.
Blank lines are ignored. A line longer than MAX_LINE_BYTES (far more than any event) is skipped
as it is read, chunk by chunk, never held whole in memory. The file is read as it plays: a
file of any size costs the same memory, and the player waits while the console is behind
(PacedConnector).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

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
        self.encoding = file_encoding(self.path)

    def describe(self) -> str:
        return f"replay {self.path} speed={self.speed:g}"

    def events(self, sink: EventSink) -> Iterable[Event]:
        return read_events(self.path, sink, self.encoding)


class UnreadableFile(ValueError):
    """A replay file in an encoding LiveDesk does not read."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def file_encoding(path: Path) -> str:
    """The encoding of a replay file, from its byte-order mark; UTF-8 without one. A file
    with NUL bytes but no mark (UTF-16 or UTF-32 saved without it, or not text) is refused."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        raise UnreadableFile(
            f"{path.name} is not UTF-8 text (it holds NUL bytes: UTF-16 or UTF-32 without a "
            "byte-order mark, or not a text file); save it as UTF-8"
        )
    return "utf-8"


MAX_LINE_BYTES = 1024 * 1024  # the relay's message limit: no event comes near it


def read_events(path: Path, sink: EventSink, encoding: str = "utf-8") -> Iterator[Event]:
    """Valid events of a JSONL file in file order; bad lines go to ``sink.reject``."""
    for number, line in enumerate(_lines(path, encoding), 1):
        if line is None:
            detail = f"{path.name}:{number}: line over {MAX_LINE_BYTES} bytes, skipped"
            sink.reject(RejectReason.OUT_OF_RANGE, detail)
            continue
        if not line.strip():
            continue
        try:
            yield parse_json_line(line if isinstance(line, str) else line.decode(encoding))
        except UnicodeDecodeError:
            sink.reject(RejectReason.INVALID_JSON, f"{path.name}:{number}: not UTF-8")
        except EventError as exc:
            sink.reject(exc.reason, f"{path.name}:{number}: {exc.detail}")


def _lines(path: Path, encoding: str) -> Iterator[bytes | str | None]:
    """The file's lines; None for one over MAX_LINE_BYTES (read past, never kept).

    UTF-8 is split into lines as bytes, so that one bad line is rejected on its own; in
    UTF-16 a line end is two bytes: that text is decoded first (the codec eats the mark),
    and the limit counts characters, two bytes each at least."""
    limit = MAX_LINE_BYTES // 2 if encoding == "utf-16" else MAX_LINE_BYTES
    newline: Any = "\n" if encoding == "utf-16" else b"\n"
    handle: IO[Any]
    with (
        path.open(encoding=encoding, newline="") if encoding == "utf-16" else path.open("rb")
    ) as handle:
        while line := handle.readline(limit + 1):
            if len(line) <= limit or line.endswith(newline):
                yield line
                continue
            while (rest := handle.readline(limit)) and not rest.endswith(newline):
                pass  # the rest of the over-long line, a chunk at a time
            yield None
