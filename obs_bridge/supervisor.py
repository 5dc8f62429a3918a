"""ObsSupervisor: keeps an ObsClient connected and tells listeners what changed.

A background thread connects, fetches a snapshot, and after a loss reconnects with capped
exponential backoff (reset after every success). A wrong password is not retried: the state
becomes FAILED until configure() or reconnect().

Listeners (all called one at a time, in order, on the "obs-supervisor" thread; they may call
``supervisor.client`` and may raise):
- state: ``listener(state, detail)``, detail an English sentence for the status bar;
- snapshot: ``listener(snapshot)`` after every (re)connect, just before the state turns
  CONNECTED; events received while the snapshot was read are delivered right after it;
- event: ``listener(event_name, data)`` for the OBS events in SUPERVISED_EVENTS.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from obs_bridge.client import EventListener, ObsClient
from obs_bridge.dispatch import CallbackDispatcher, call_each
from obs_bridge.errors import ObsError, ObsErrorKind
from obs_bridge.log import log
from obs_bridge.models import ObsSnapshot


class ConnectionState(enum.Enum):
    DISCONNECTED = "disconnected"  # not started, or stopped
    CONNECTING = "connecting"  # first attempt after start(), configure() or reconnect()
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"  # after a loss or a failed attempt; detail says when next
    FAILED = "failed"  # wrong or missing password: waits for configure() or reconnect()


EXIT_STARTED = "ExitStarted"

VOLUME_METERS = "InputVolumeMeters"

SUPERVISED_EVENTS = frozenset(
    {
        "CurrentProgramSceneChanged",
        "CurrentPreviewSceneChanged",
        "StudioModeStateChanged",
        "SceneListChanged",
        "SceneCreated",
        "SceneRemoved",
        "SceneNameChanged",
        "CurrentSceneTransitionChanged",
        "CurrentSceneTransitionDurationChanged",
        "StreamStateChanged",
        "RecordStateChanged",
        "ReplayBufferStateChanged",
        "VirtualcamStateChanged",
        "InputMuteStateChanged",
        "InputCreated",
        "InputRemoved",
        "InputNameChanged",
        "SceneItemEnableStateChanged",
        "SceneItemCreated",
        "SceneItemRemoved",
        "SceneItemListReindexed",
        VOLUME_METERS,
        EXIT_STARTED,
    }
)

StateListener = Callable[[ConnectionState, str], None]
SnapshotListener = Callable[[ObsSnapshot], None]


class ObsSupervisor:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 4455,
        password: str | None = None,
        *,
        timeout: float = 5.0,
        initial_delay: float = 0.5,
        max_delay: float = 30.0,
    ) -> None:
        self._client = ObsClient(host, port, password, timeout)
        self._initial_delay = initial_delay
        self._max_delay = max_delay
        self._cond = threading.Condition()
        self._wanted = False  # guarded by _cond, like the three below
        self._restart = False
        self._lost: str | None = None
        self._thread: threading.Thread | None = None
        self._state = ConnectionState.DISCONNECTED
        self._detail = "Not connected to OBS."
        self._retry_at: float | None = None  # time.monotonic() of the next attempt, while waiting
        self._retrying = False  # "reconnecting" was logged and the connection is not back yet
        self._out = CallbackDispatcher("obs-supervisor")
        self._state_listeners: list[StateListener] = []
        self._snapshot_listeners: list[SnapshotListener] = []
        self._event_listeners: list[EventListener] = []
        self._events_lock = threading.Lock()
        self._held_events: list[tuple[str, dict[str, Any]]] | None = None  # during a resync
        self._client.add_event_listener(self._on_client_event)
        self._client.add_lost_listener(self._on_client_lost)

    @property
    def client(self) -> ObsClient:
        """The supervised client, for requests (from worker threads)."""
        return self._client

    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def detail(self) -> str:
        return self._detail

    @property
    def retry_at(self) -> float | None:
        """When the next attempt starts (``time.monotonic()``), while RECONNECTING waits."""
        return self._retry_at

    def add_state_listener(self, listener: StateListener) -> None:
        self._state_listeners.append(listener)

    def add_snapshot_listener(self, listener: SnapshotListener) -> None:
        self._snapshot_listeners.append(listener)

    def add_event_listener(self, listener: EventListener) -> None:
        self._event_listeners.append(listener)

    # --- control ------------------------------------------------------------------------

    def start(self) -> None:
        """Start connecting in the background (no-op when already started)."""
        with self._cond:
            if self._thread is not None:
                return
            self._wanted = True
            self._thread = threading.Thread(target=self._run, name="obs-supervisor-loop")
            self._thread.daemon = True
            self._thread.start()

    def stop(self) -> None:
        """Disconnect and stop reconnecting; returns once the final DISCONNECTED state was
        delivered. Safe before start(), twice, and from a listener."""
        with self._cond:
            self._wanted = False
            thread, self._thread = self._thread, None
            self._cond.notify_all()
        if thread is not None and thread is not threading.current_thread():
            # Disconnecting again cuts short a connect or snapshot that began meanwhile.
            while thread.is_alive():
                self._client.disconnect()
                thread.join(0.2)
        self._client.disconnect()
        self._out.stop()

    def configure(self, host: str, port: int, password: str | None) -> None:
        """Use new connection settings: drops the current connection and connects again now."""
        self._client.configure(host, port, password)
        log.info("OBS connection settings changed to %s", self._client.address)
        self.reconnect()

    def reconnect(self) -> None:
        """Connect again now, with the backoff reset (also leaves the FAILED state)."""
        with self._cond:
            self._restart = True
            self._cond.notify_all()

    # --- the loop -----------------------------------------------------------------------

    def _run(self) -> None:
        delay = self._initial_delay
        first_attempt = True
        while True:
            with self._cond:
                if not self._wanted:
                    break
                self._restart = False
                self._lost = None
            self._set_state(
                ConnectionState.CONNECTING if first_attempt else ConnectionState.RECONNECTING,
                f"Connecting to OBS at {self._client.address}.",
            )
            try:
                self._connect_and_resync()
            except ObsError as error:
                self._client.disconnect()
                if error.kind is ObsErrorKind.AUTH_FAILED:
                    self._set_state(ConnectionState.FAILED, error.message)
                    self._wait_for_restart(None)
                    first_attempt, delay = True, self._initial_delay
                    continue
                reason = error.message
            else:
                delay = self._initial_delay
                lost = self._wait_while_connected()
                self._client.disconnect()
                if lost is None:  # stop(), configure() or reconnect()
                    first_attempt = True
                    continue
                reason = lost
            self._set_state(
                ConnectionState.RECONNECTING,
                f"{reason} Next try in {delay:g} s.",
                retry_at=time.monotonic() + delay,
            )
            if self._wait_for_restart(delay):
                first_attempt, delay = True, self._initial_delay
            else:
                first_attempt, delay = False, min(delay * 2, self._max_delay)
        self._client.disconnect()
        self._set_state(ConnectionState.DISCONNECTED, "Not connected to OBS.")

    def _connect_and_resync(self) -> None:
        with self._events_lock:
            self._held_events = []
        try:
            self._client.connect()
            snapshot = self._client.snapshot()
        except ObsError:
            with self._events_lock:
                self._held_events = None
            raise
        with self._events_lock:
            self._out.post(call_each, self._snapshot_listeners, snapshot)
            self._set_state(
                ConnectionState.CONNECTED, f"Connected to OBS at {self._client.address}."
            )
            for name, data in self._held_events or ():
                self._out.post(call_each, self._event_listeners, name, data)
            self._held_events = None

    def _wait_for_restart(self, timeout: float | None) -> bool:
        """Wait ``timeout`` seconds (None: for ever); True when stop/configure/reconnect came."""
        with self._cond:
            return self._cond.wait_for(lambda: self._restart or not self._wanted, timeout)

    def _wait_while_connected(self) -> str | None:
        """Block until the connection is lost (returns why) or a restart/stop (returns None)."""
        with self._cond:
            self._cond.wait_for(lambda: self._restart or not self._wanted or self._lost is not None)
            if self._restart or not self._wanted:
                return None
            return self._lost

    def _set_state(
        self, state: ConnectionState, detail: str, *, retry_at: float | None = None
    ) -> None:
        with self._cond:
            self._retry_at = retry_at
            changed = (state, detail) != (self._state, self._detail)
            self._state, self._detail = state, detail
        if not changed:
            return
        # Without OBS the loop goes through "reconnecting" again and again, for hours: that is
        # said once, until the connection comes back; each further attempt only in debug.
        if state is ConnectionState.RECONNECTING:
            log.log(
                logging.DEBUG if self._retrying else logging.WARNING,
                "OBS %s: %s",
                state.value,
                detail,
            )
            self._retrying = True
        elif state is ConnectionState.FAILED:
            log.warning("OBS %s: %s", state.value, detail)
        else:
            log.info("OBS %s: %s", state.value, detail)
            if state is not ConnectionState.CONNECTING:
                self._retrying = False
        self._out.post(call_each, self._state_listeners, state, detail)

    # --- from the client's dispatcher thread ---------------------------------------------

    def _on_client_event(self, name: str, data: dict[str, Any]) -> None:
        if name not in SUPERVISED_EVENTS:
            return
        with self._events_lock:
            if self._held_events is not None:
                self._held_events.append((name, data))
            else:
                self._out.post(call_each, self._event_listeners, name, data)
        if name == EXIT_STARTED:
            self._mark_lost(f"OBS at {self._client.address} is shutting down.")

    def _on_client_lost(self, error: ObsError) -> None:
        self._mark_lost(error.message)

    def _mark_lost(self, reason: str) -> None:
        with self._cond:
            if self._lost is None:
                self._lost = reason
            self._cond.notify_all()
