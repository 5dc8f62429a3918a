"""ObsAdapter: the OBS bridge as Qt signals, and OBS's health polled off the GUI thread.

ObsSupervisor calls its listeners on its own thread; the adapter re-emits them as signals,
which Qt queues to the GUI thread. While connected, a timer reads the stream status, record
status and statistics on a worker every 1.5 s (never more than one read at a time) and emits
an ObsHealth with the bitrate computed from the stream's byte counter.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from console.log import obs as log
from obs_bridge import (
    ConnectionState,
    ObsClient,
    ObsSnapshot,
    ObsSupervisor,
    RecordStatus,
    Stats,
    StreamStatus,
)
from ui.workers import run_in_worker

POLL_INTERVAL_MS = 1500
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


def _read_health(client: ObsClient) -> tuple[StreamStatus, RecordStatus, Stats, float]:
    """On a worker thread: the three readings, and when they were taken."""
    stream = client.stream_status()
    record = client.record_status()
    stats = client.stats()
    return stream, record, stats, time.monotonic()


class ObsAdapter(QObject):
    state_changed = Signal(object, str)  # ConnectionState, the supervisor's English detail
    snapshot_arrived = Signal(object)  # ObsSnapshot, after every (re)connect
    refreshed = Signal(object)  # ObsSnapshot read by refresh(); its outputs may be stale
    event_arrived = Signal(str, object)  # OBS event name, its data (dict)
    health_arrived = Signal(object)  # ObsHealth

    def __init__(
        self,
        host: str,
        port: int,
        password: str | None = None,
        parent: QObject | None = None,
        *,
        poll_interval_ms: int = POLL_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.supervisor = ObsSupervisor(host, port, password)
        self.host, self.port = host, port
        self.state = ConnectionState.DISCONNECTED
        self._closed = False
        self._generation = 0  # counts connections: readings of an older one are dropped
        self._polling = False
        self._refreshing = False
        self._refresh_again = False
        self._meter = HealthMeter()

        self.state_changed.connect(self._on_state_changed)
        self.supervisor.add_state_listener(self._emit_state)
        self.supervisor.add_snapshot_listener(self._emit_snapshot)
        self.supervisor.add_event_listener(self._emit_event)

        self._timer = QTimer(self)
        self._timer.setInterval(poll_interval_ms)
        self._timer.timeout.connect(self.poll)

    @property
    def client(self) -> ObsClient:
        return self.supervisor.client

    @property
    def connected(self) -> bool:
        return self.state is ConnectionState.CONNECTED

    # -- control (GUI thread; none of these waits on OBS) -------------------------------------
    def set_password(self, password: str | None) -> None:
        """The password for the first connection (before start(); later use configure())."""
        self.client.configure(self.host, self.port, password)

    def start(self) -> None:
        if not self._closed:  # a late keyring answer must not revive a closed window's OBS
            self.supervisor.start()

    def configure(self, host: str, port: int, password: str | None) -> None:
        self.host, self.port = host, port
        self.supervisor.configure(host, port, password)

    def reconnect(self) -> None:
        self.supervisor.reconnect()

    def shutdown(self, wait: float = 1.0) -> None:
        """Stop polling and the supervisor. Disconnecting may take up to the request timeout
        when OBS hangs, so it runs on its own thread; this waits at most ``wait`` seconds."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        stopper = threading.Thread(target=self.supervisor.stop, name="obs-shutdown", daemon=True)
        stopper.start()
        stopper.join(wait)
        if stopper.is_alive():
            log.warning("OBS connection still closing after %.1f s; not waiting for it", wait)

    # -- supervisor callbacks (on the supervisor's thread: only emit) --------------------------
    def _emit_state(self, state: ConnectionState, detail: str) -> None:
        if not self._closed:
            self.state_changed.emit(state, detail)

    def _emit_snapshot(self, snapshot: ObsSnapshot) -> None:
        if not self._closed:
            self.snapshot_arrived.emit(snapshot)

    def _emit_event(self, name: str, data: dict[str, Any]) -> None:
        if not self._closed:
            self.event_arrived.emit(name, data)

    # -- GUI thread ----------------------------------------------------------------------------
    def _on_state_changed(self, state: ConnectionState, _detail: str) -> None:
        self.state = state
        self._generation += 1
        self._meter.reset()
        if state is ConnectionState.CONNECTED and not self._closed:
            self._timer.start()
            self.poll()
        else:
            self._timer.stop()

    def poll(self) -> None:
        """Read OBS's health on a worker, unless a reading is still on its way."""
        if self._polling or not self.connected:
            return
        self._polling = True
        generation = self._generation

        def done(reading: tuple[StreamStatus, RecordStatus, Stats, float]) -> None:
            self._polling = False
            if generation == self._generation and not self._closed:
                self.health_arrived.emit(self._meter.update(*reading))

        def failed(error: Exception) -> None:
            self._polling = False
            log.debug("OBS health reading failed: %s", error)

        client = self.client
        run_in_worker(lambda: _read_health(client), done, failed, context=self)

    def refresh(self) -> None:
        """Read a fresh snapshot (after OBS's scenes or inputs changed) and emit ``refreshed``;
        requests that come while one is read are merged into one more read. Its stream and
        record flags may predate an event that already arrived: trust the events for those."""
        if not self.connected:
            return
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        generation = self._generation

        def finish() -> None:
            self._refreshing = False
            if self._refresh_again:
                self._refresh_again = False
                self.refresh()

        def done(snapshot: ObsSnapshot) -> None:
            if generation == self._generation and not self._closed:
                self.refreshed.emit(snapshot)
            finish()

        def failed(error: Exception) -> None:
            log.debug("OBS snapshot refresh failed: %s", error)
            finish()

        run_in_worker(self.client.snapshot, done, failed, context=self)
