"""OBS's health: bitrate, lost frames and congestion, judged over successive readings.

``read_health`` takes one reading (three requests: run it off the GUI thread); ``HealthMeter``
turns successive readings into an ``ObsHealth`` with the bitrate computed from the stream's
byte counter and warnings when frames are lost or the network is congested.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from obs_bridge import ObsClient, RecordStatus, Stats, StreamStatus

POLL_INTERVAL_S = 1.5
DROP_WARNING_SHARE = 0.01  # the share of lost frames from which the health strip warns...
DROP_WARNING_S = 10.0  # ...measured over this many seconds
CONGESTION_WARNING = 0.15  # OBS's congestion (0..1) from which the network is a concern


@dataclass(frozen=True, slots=True)
class ObsHealth:
    """One health reading; ``bitrate_kbps`` is None until two readings of a running stream."""

    stream: StreamStatus
    record: RecordStatus
    stats: Stats
    bitrate_kbps: float | None
    dropping: bool  # DROP_WARNING_SHARE of the frames were lost in the last DROP_WARNING_S
    congested: bool

    @property
    def warning(self) -> bool:
        return self.dropping or self.congested or self.stream.reconnecting


class HealthMeter:
    """Turns successive readings into bitrates and drop warnings (pure, no Qt)."""

    def __init__(self) -> None:
        self._readings: deque[tuple[float, StreamStatus, Stats]] = deque()

    def reset(self) -> None:
        self._readings.clear()

    def update(
        self, stream: StreamStatus, record: RecordStatus, stats: Stats, now: float
    ) -> ObsHealth:
        readings = self._readings
        bitrate: float | None = None
        if readings:
            then, last, _stats = readings[-1]
            same_stream = last.active and stream.active and stream.bytes >= last.bytes
            if same_stream and now > then:
                bitrate = (stream.bytes - last.bytes) * 8 / 1000 / (now - then)
        # The oldest reading kept is the last one at least DROP_WARNING_S old: drops are
        # judged over that whole window, as a share of the frames in it.
        while len(readings) > 1 and now - readings[1][0] >= DROP_WARNING_S:
            readings.popleft()
        dropping = bool(readings) and _dropped(readings[0][1], readings[0][2], stream, stats)
        readings.append((now, stream, stats))
        congested = stream.active and stream.congestion >= CONGESTION_WARNING
        return ObsHealth(stream, record, stats, bitrate, dropping, congested)


def _dropped(last_stream: StreamStatus, last: Stats, stream: StreamStatus, stats: Stats) -> bool:
    """Whether render lag, encoding lag or the network lost a noticeable share of the frames
    since the earlier reading (OBS's own statistics turn yellow from 1 %)."""
    counters = (
        (stats.render_skipped_frames - last.render_skipped_frames,
         stats.render_total_frames - last.render_total_frames),
        (stats.output_skipped_frames - last.output_skipped_frames,
         stats.output_total_frames - last.output_total_frames),
        (stream.skipped_frames - last_stream.skipped_frames,
         stream.total_frames - last_stream.total_frames),
    )  # fmt: skip
    # A counter that went down was reset (a new stream, OBS restarted): not a drop.
    return any(
        lost > 0 and total > 0 and lost / total >= DROP_WARNING_SHARE for lost, total in counters
    )


def read_health(client: ObsClient) -> tuple[StreamStatus, RecordStatus, Stats, float]:
    """The three readings (blocking), and when they were taken."""
    stream = client.stream_status()
    record = client.record_status()
    stats = client.stats()
    return stream, record, stats, time.monotonic()
