"""Where an event came from: a named source and the sequence number it gave the event.

A relay source may number its events (``seq``, docs/relay.md). The console stores the highest
number per source with the show, ignores any event numbered at or below it (a resend after a
reconnect or a console crash) and acknowledges numbers once they are committed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Origin:
    source: str  # the name the source gave in its hello (or ``?source=`` of a POST)
    seq: int  # strictly increasing per source
