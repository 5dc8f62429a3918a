"""ObsLink: one OBS kept connected, what it last reported, and its health polled.

The supervisor (obs_bridge) connects and reconnects; the link turns its snapshots and events
into an ``ObsState`` and tells its listeners after every change (on the supervisor's or the
poller's thread: listeners only take note, a UI hops to its own thread). While connected a
poller thread reads OBS's health every ``POLL_INTERVAL_S``. Operator commands change the state
ahead of OBS's confirmation through ``update`` (console.obs.service), and OBS's own events
confirm or correct it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from typing import Any

from console.listeners import call_each
from console.log import obs as log
from console.obs.health import POLL_INTERVAL_S, HealthMeter, ObsHealth, read_health
from console.obs.incidents import Incident
from console.obs.state import OUTPUT_STATES, DropCause, ObsState, Output, Phase, StreamDrop
from console.secrets import get_secret, secure_store_available
from obs_bridge import (
    ConnectionState,
    InputState,
    ObsClient,
    ObsError,
    ObsSnapshot,
    ObsSupervisor,
    SceneItem,
)

DEFAULT_ADDRESS = ("127.0.0.1", 4455)
STRUCTURE_EVENTS = frozenset(
    {
        "SceneListChanged",
        "InputCreated",
        "InputRemoved",
        "InputNameChanged",
        "SceneItemCreated",
        "SceneItemRemoved",
    }
)


def password_key(host: str, port: int) -> str:
    """The keyring entry (console.secrets) of the OBS password for one address."""
    return f"obs-password:{host}:{port}"


class ObsLink:
    def __init__(
        self,
        host: str,
        port: int,
        password: str | None = None,
        *,
        poll_interval: float = POLL_INTERVAL_S,
    ) -> None:
        self.supervisor = ObsSupervisor(host, port, password)
        self.password = password
        self.secure_store = False  # known once ``start`` probed the keyring
        self._poll_interval = poll_interval
        self._lock = threading.Lock()
        self._state = ObsState(host, port)
        self._listeners: list[Callable[[], None]] = []
        self._incident_listeners: list[Callable[[Incident], None]] = []
        self._meter = HealthMeter()
        self._generation = 0  # counts connections: readings of an older one are dropped
        self._reads = ThreadPoolExecutor(1, thread_name_prefix="obs-reads")
        self._refreshing = False
        self._refresh_again = False
        self._closed = threading.Event()
        self._poller: threading.Thread | None = None
        self.supervisor.add_state_listener(self._on_connection)
        self.supervisor.add_snapshot_listener(self._on_snapshot)
        self.supervisor.add_event_listener(self._on_event)

    @property
    def client(self) -> ObsClient:
        return self.supervisor.client

    @property
    def state(self) -> ObsState:
        return self._state

    def add_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs (on any thread) after every change of ``state``."""
        self._listeners.append(callback)

    def add_incident_listener(self, callback: Callable[[Incident], None]) -> None:
        """``callback(incident)`` runs (on the supervisor's thread) when OBS is lost or the
        stream drops, fails to start or turns out to have survived a loss."""
        self._incident_listeners.append(callback)

    def update(self, change: Callable[[ObsState], ObsState]) -> tuple[ObsState, ObsState]:
        """Replace the state by ``change(state)`` (atomically) and tell the listeners; returns
        the state before and after."""
        with self._lock:
            before = self._state
            self._state = after = change(before)
        call_each(self._listeners, what="An OBS state")
        return before, after

    def _tell(self, incident: Incident | None) -> None:
        if incident is not None:
            call_each(self._incident_listeners, incident, what="An OBS incident")

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self, *, read_keyring: bool) -> None:
        """Connect in the background. ``read_keyring``: first look for the address's password
        in the keyring (on a thread: a keyring may wait on the desktop's secret service)."""
        threading.Thread(
            target=self._start, args=(read_keyring,), name="obs-start", daemon=True
        ).start()

    def _start(self, read_keyring: bool) -> None:
        try:
            self.secure_store = secure_store_available()
            if read_keyring and self.secure_store:
                state = self._state
                stored = get_secret(password_key(state.host, state.port))
                if stored is not None:
                    self.password = stored
                    self.client.configure(state.host, state.port, stored)
        except Exception as exc:  # a broken keyring must not keep OBS away
            log.warning("the OBS password could not be read from the keyring: %s", exc)
        if self._closed.is_set():  # a late keyring answer must not revive a closed console
            return
        self.supervisor.start()
        self._poller = threading.Thread(target=self._poll, name="obs-health", daemon=True)
        self._poller.start()
        self.update(lambda s: s)  # secure_store is known now

    def configure(self, host: str, port: int, password: str | None) -> None:
        """Connect to another address or with another password, now."""
        self.password = password
        self.update(lambda s: replace(s, host=host, port=port))
        log.info("OBS address set to %s:%s by the operator", host, port)
        self.supervisor.configure(host, port, password)

    def reconnect(self) -> None:
        self.supervisor.reconnect()

    def shutdown(self, wait: float = 1.0) -> None:
        """Stop polling and the supervisor. Disconnecting may take up to the request timeout
        when OBS hangs, so it runs on its own thread; this waits at most ``wait`` seconds."""
        if self._closed.is_set():
            return
        self._closed.set()
        self._reads.shutdown(wait=False, cancel_futures=True)
        stopper = threading.Thread(target=self.supervisor.stop, name="obs-shutdown", daemon=True)
        stopper.start()
        stopper.join(wait)
        if stopper.is_alive():
            log.warning("OBS connection still closing after %.1f s; not waiting for it", wait)

    # -- from the supervisor (its thread) ------------------------------------------------------
    def _on_connection(self, connection: ConnectionState, detail: str) -> None:
        retry_at = self.supervisor.retry_at
        with self._lock:
            self._generation += 1
            self._meter.reset()
        if connection is ConnectionState.CONNECTED:
            self.update(lambda s: replace(s, connection=connection, detail=detail, retry_at=None))
            return
        before, after = self.update(
            lambda s: replace(
                s,
                connection=connection,
                detail=detail,
                retry_at=retry_at,
                health=None,
                stream=Output(),
                record=Output(),
                stream_drop=_drop_when_lost(s, connection),
            )
        )
        if before.connected and connection is ConnectionState.RECONNECTING:  # lost, not closed
            live = after.stream_drop is not None and after.stream_drop is not before.stream_drop
            self._tell(Incident.OBS_LOST_LIVE if live else Incident.OBS_LOST)

    def _on_snapshot(self, snapshot: ObsSnapshot) -> None:
        """After every (re)connect: everything, the outputs included."""
        now = time.monotonic()
        stream = Phase.LIVE if snapshot.stream_active else Phase.OFF
        record = Phase.LIVE if snapshot.record_active else Phase.OFF
        before, after = self.update(
            lambda s: replace(
                _with_snapshot(s, snapshot),
                stream=s.stream.with_phase(stream, now),
                record=s.record.with_phase(record, now),
                stream_drop=_drop_after_reconnect(s.stream_drop, snapshot.stream_active),
            )
        )
        if _lost(before.stream_drop):  # OBS is back after a loss mid-stream: what became of it
            self._tell(
                Incident.STREAM_KEPT if after.stream_drop is None else Incident.STREAM_DROPPED
            )

    def _on_event(self, name: str, data: dict[str, Any]) -> None:
        if name == "CurrentProgramSceneChanged":
            scene = str(data.get("sceneName", ""))
            self.update(lambda s: replace(s, current_scene=scene))
            self.refresh()  # for the new scene's sources
        elif name == "InputMuteStateChanged":
            self.update(
                lambda s: with_muted(
                    s, str(data.get("inputName", "")), bool(data.get("inputMuted"))
                )
            )
        elif name == "SceneItemEnableStateChanged":
            item_id, visible = data.get("sceneItemId"), bool(data.get("sceneItemEnabled"))
            scene = str(data.get("sceneName", ""))
            self.update(lambda s: with_visible(s, scene, lambda i: i.item_id == item_id, visible))
        elif name in ("StreamStateChanged", "RecordStateChanged"):
            phase = OUTPUT_STATES.get(str(data.get("outputState", "")))
            if phase is not None:
                streaming = name == "StreamStateChanged"
                now = time.monotonic()
                before, _after = self.update(lambda s: _with_output_phase(s, streaming, phase, now))
                if streaming and phase is Phase.OFF:
                    self._tell(_unasked_stop(before.stream.phase))
        elif name in STRUCTURE_EVENTS:
            self.refresh()

    # -- reads ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read a fresh snapshot after OBS's scenes or inputs changed; requests that come while
        one is read are merged into one more read. Its stream and record flags may predate an
        event that already arrived: the outputs follow their own events."""
        with self._lock:
            if not self._state.connected or self._closed.is_set():
                return
            if self._refreshing:
                self._refresh_again = True
                return
            self._refreshing = True
            generation = self._generation
        with contextlib.suppress(RuntimeError):  # shut down meanwhile
            self._reads.submit(self._read_snapshot, generation)

    def _read_snapshot(self, generation: int) -> None:
        try:
            snapshot = self.client.snapshot()
        except ObsError as exc:
            log.debug("OBS snapshot refresh failed: %s", exc)
        else:
            if generation == self._generation:
                self.update(lambda s: _with_snapshot(s, snapshot))
        with self._lock:
            self._refreshing = False
            again, self._refresh_again = self._refresh_again, False
        if again:
            self.refresh()

    def _poll(self) -> None:
        """Read OBS's health while connected (on the poller thread)."""
        while not self._closed.wait(self._poll_interval):
            with self._lock:
                generation = self._generation
            if not self._state.connected:
                continue
            try:
                reading = read_health(self.client)
            except ObsError as exc:
                log.debug("OBS health reading failed: %s", exc)
                continue
            with self._lock:
                if generation != self._generation:
                    continue
                health = self._meter.update(*reading)
            self.update(partial(_with_health, health=health, now=time.monotonic()))


def _with_output_phase(state: ObsState, streaming: bool, phase: Phase, now: float) -> ObsState:
    """An output's event: its new phase, and for the stream whether it dropped unasked."""
    changed = with_output(state, streaming, state.output(streaming).with_phase(phase, now))
    if not streaming:
        return changed
    drop = state.stream_drop
    if phase is Phase.OFF and _unasked_stop(state.stream.phase) is Incident.STREAM_DROPPED:
        drop = StreamDrop(DropCause.STOPPED, now)
    elif phase is not Phase.OFF:  # it runs again, or the operator starts or stops it
        drop = None
    return replace(changed, stream_drop=drop)


def _unasked_stop(before: Phase) -> Incident | None:
    """The incident of a stream that stopped after ``before``: OBS signals "stopping" first
    whenever someone stops it (the console, OBS's own button); an output that fails just
    stops."""
    if before in (Phase.LIVE, Phase.RECONNECTING, Phase.PAUSED):
        return Incident.STREAM_DROPPED
    if before is Phase.STARTING:
        return Incident.START_FAILED
    return None


def _drop_when_lost(state: ObsState, connection: ConnectionState) -> StreamDrop | None:
    """Losing OBS while it streams may have dropped the broadcast (OBS crashed) or not (only
    the connection broke): it is marked until OBS is back and says."""
    lost = state.connected and connection is ConnectionState.RECONNECTING
    if lost and (state.stream.running or state.stream.phase is Phase.STARTING):
        return StreamDrop(DropCause.OBS_LOST, time.monotonic())
    return state.stream_drop


def _lost(drop: StreamDrop | None) -> bool:
    return drop is not None and drop.cause is DropCause.OBS_LOST


def _drop_after_reconnect(drop: StreamDrop | None, streaming: bool) -> StreamDrop | None:
    if drop is None or drop.cause is not DropCause.OBS_LOST:
        return drop
    return None if streaming else StreamDrop(DropCause.STOPPED, drop.at)


def _with_snapshot(state: ObsState, snapshot: ObsSnapshot) -> ObsState:
    """Scenes, inputs and sources of a snapshot; the outputs follow their own events."""
    return replace(
        state,
        scenes=snapshot.scenes,
        current_scene=snapshot.current_scene,
        inputs=snapshot.inputs,
        items=snapshot.scene_items,
        items_scene=snapshot.current_scene,
    )


def _with_health(state: ObsState, *, health: ObsHealth, now: float) -> ObsState:
    # OBS's durations are exact, also for outputs that started before we connected.
    stream, record = state.stream, state.record
    if stream.running and health.stream.active:
        stream = Output(stream.phase, now - health.stream.duration)
    if record.running and health.record.active:
        record = Output(record.phase, now - health.record.duration)
    return replace(state, health=health, stream=stream, record=record)


def with_muted(state: ObsState, input_name: str, muted: bool) -> ObsState:
    inputs = tuple(replace(i, muted=muted) if i.name == input_name else i for i in state.inputs)
    return replace(state, inputs=inputs)


def with_visible(
    state: ObsState, scene: str, which: Callable[[SceneItem], bool], visible: bool
) -> ObsState:
    if scene != state.items_scene:
        return state
    items = tuple(replace(i, enabled=visible) if which(i) else i for i in state.items)
    return replace(state, items=items)


def with_output(state: ObsState, streaming: bool, output: Output) -> ObsState:
    return replace(state, stream=output) if streaming else replace(state, record=output)
