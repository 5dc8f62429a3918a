"""ObsLink: one OBS kept connected, what it last reported, and its health polled.

The supervisor (obs_bridge) connects and reconnects; the link turns its snapshots and events
into an ``ObsState`` and tells its listeners after every change (on the supervisor's or the
poller's thread: listeners only take note, a UI hops to its own thread). While connected a
poller thread reads OBS's health (and its scene list: OBS announces no re-order) every
``POLL_INTERVAL_S``, and a watchdog marks OBS unresponsive when it has answered nothing for
``UNRESPONSIVE_S`` while a request waited. Operator commands change the state ahead of OBS's
confirmation through ``update`` (console.obs.service), and OBS's own events confirm or
correct it. Audio levels (while wanted) are kept apart, in ``levels``: they come 20 times a
second and are read by a meter on its own clock.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from console.listeners import call_each
from console.log import obs as log
from console.obs.health import POLL_INTERVAL_S, HealthMeter, ObsHealth, read_health
from console.obs.incidents import Incident
from console.obs.preferences import (
    ObsPreferences,
    StreamService,
    load_preferences,
    load_stream_backup,
    save_preferences,
    save_stream_backup,
)
from console.obs.previews import ScenePreviews
from console.obs.state import OUTPUT_STATES, DropCause, ObsState, Output, Phase, StreamDrop
from console.secrets import get_secret, secure_store_available
from obs_bridge import (
    VOLUME_METERS,
    ConnectionState,
    ObsClient,
    ObsError,
    ObsSnapshot,
    ObsSupervisor,
    SceneItem,
)
from obs_bridge.client import scene_names

DEFAULT_ADDRESS = ("127.0.0.1", 4455)
# OBS silent this long while a request waits: it is frozen or stuck. With the health readings'
# requests every 1.5 s the operator sees it within 5 s of OBS freezing.
UNRESPONSIVE_S = 4.0
WATCH_INTERVAL_S = 0.25
MAX_STALE_READS = 3  # snapshots dropped in a row because events came while they were read
# Events after which the inputs or the current scene's sources are read again.
STRUCTURE_EVENTS = frozenset(
    {
        "SceneCreated",
        "SceneRemoved",
        "InputCreated",
        "InputRemoved",
        "SceneItemCreated",
        "SceneItemRemoved",
        "SceneItemListReindexed",
        "CurrentSceneTransitionChanged",
        "CurrentSceneTransitionDurationChanged",
    }
)
_OUTPUT_EVENTS = {
    "StreamStateChanged": "stream",
    "RecordStateChanged": "record",
    "ReplayBufferStateChanged": "replay_buffer",
    "VirtualcamStateChanged": "virtual_camera",
}


def password_key(host: str, port: int) -> str:
    """The keyring entry (console.secrets) of the OBS password for one address."""
    return f"obs-password:{host}:{port}"


@dataclass(frozen=True, slots=True)
class Level:
    """An input's audio level now, 0..1 of full scale (OBS's multipliers)."""

    magnitude: float  # the average level
    peak: float


class ObsLink:
    def __init__(
        self,
        host: str,
        port: int,
        password: str | None = None,
        *,
        poll_interval: float = POLL_INTERVAL_S,
        unresponsive_after: float = UNRESPONSIVE_S,
    ) -> None:
        self.supervisor = ObsSupervisor(host, port, password)
        self.password = password
        self.secure_store = False  # known once ``start`` probed the keyring
        self._poll_interval = poll_interval
        self._unresponsive_after = unresponsive_after
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
        self._threads: list[threading.Thread] = []
        self._poll_failing = False  # a failed health reading was logged; quiet until one works
        self._stream_event_at = 0.0  # time.monotonic() of the last StreamStateChanged
        self._backup: StreamService | None = None  # the user's own stream settings
        self.levels: dict[str, Level] = {}  # by input name, while meters are on; replaced whole
        self._meters_wanted = False
        self.previews = ScenePreviews(self)
        self.supervisor.add_state_listener(self._on_connection)
        self.supervisor.add_snapshot_listener(self._on_snapshot)
        self.supervisor.add_event_listener(self._on_event)

    @property
    def client(self) -> ObsClient:
        return self.supervisor.client

    @property
    def state(self) -> ObsState:
        return self._state

    @property
    def stream_backup(self) -> StreamService | None:
        """The user's own stream settings, kept when the room's push address went to OBS."""
        return self._backup

    def add_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs (on any thread) after every change of ``state``."""
        self._listeners.append(callback)

    def add_incident_listener(self, callback: Callable[[Incident], None]) -> None:
        """``callback(incident)`` runs (on the supervisor's thread) when OBS is lost, freezes
        or the stream drops, reconnects, fails to start or turns out to have survived a loss."""
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
        state = self._state
        try:
            self.secure_store = secure_store_available()
            if read_keyring and self.secure_store:
                stored = get_secret(password_key(state.host, state.port))
                if stored is not None:
                    self.password = stored
                    self.client.configure(state.host, state.port, stored)
        except Exception as exc:  # a broken keyring must not keep OBS away
            log.warning("the OBS password could not be read from the keyring: %s", exc)
        self._load_choices(state.address)
        if self._closed.is_set():  # a late keyring answer must not revive a closed console
            return
        self.supervisor.start()
        for target, name in ((self._poll, "obs-health"), (self._watch, "obs-watchdog")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            self._threads.append(thread)
            thread.start()
        self.update(lambda s: s)  # secure_store is known now

    def _load_choices(self, address: str) -> None:
        """The operator's choices and the kept stream settings for ``address`` (disk and
        keyring: on a worker thread)."""
        preferences = load_preferences(address)
        try:
            backup = load_stream_backup(address)
        except Exception as exc:
            log.warning("the kept OBS stream settings could not be read: %s", exc)
            backup = None
        self._backup = backup
        self.update(
            lambda s: (
                replace(
                    s,
                    mic_choice=preferences.mic,
                    scene_keys_to_program=preferences.scene_keys_to_program,
                    stream_backup=backup is not None,
                )
                if s.address == address
                else s
            )
        )

    def configure(self, host: str, port: int, password: str | None) -> None:
        """Connect to another address or with another password, now."""
        self.password = password
        self.update(lambda s: replace(s, host=host, port=port))
        log.info("OBS address set to %s:%s by the operator", host, port)
        self.supervisor.configure(host, port, password)
        with contextlib.suppress(RuntimeError):  # shut down meanwhile
            self._reads.submit(self._load_choices, f"{host}:{port}")

    def reconnect(self) -> None:
        self.supervisor.reconnect()

    def shutdown(self, wait: float = 1.0) -> None:
        """Stop polling and the supervisor. Disconnecting may take up to the request timeout
        when OBS hangs, so it runs on its own thread; this waits at most ``wait`` seconds."""
        if self._closed.is_set():
            return
        self._closed.set()
        self.previews.close()
        self._reads.shutdown(wait=False, cancel_futures=True)
        stopper = threading.Thread(target=self.supervisor.stop, name="obs-shutdown", daemon=True)
        stopper.start()
        stopper.join(wait)
        if stopper.is_alive():
            log.warning("OBS connection still closing after %.1f s; not waiting for it", wait)

    # -- the operator's choices ------------------------------------------------------------------
    def save_choices(self) -> None:
        """Write the mic and scene-key choices of the current address (blocking: disk)."""
        state = self._state
        choices = ObsPreferences(state.mic_choice, state.scene_keys_to_program)
        save_preferences(state.address, choices)

    def keep_stream_service(self, service: StreamService | None) -> None:
        """Keep (None: forget) the user's stream settings, in the keyring when there is one
        (blocking: the keyring may wait on the desktop's secret service)."""
        self._backup = service
        address = self._state.address
        self.update(lambda s: replace(s, stream_backup=service is not None))
        try:
            kept = save_stream_backup(address, service)
        except Exception as exc:  # kept in memory all the same
            log.warning("the OBS stream settings could not be kept in the keyring: %s", exc)
            kept = False
        if service is not None and not kept:
            log.info("the user's OBS stream settings are kept for this run only (no keyring)")

    # -- audio levels ----------------------------------------------------------------------------
    def want_levels(self, wanted: bool) -> None:
        """Receive the audio levels (only while a meter shows them: 20 events a second).
        Never blocks: OBS is told from a worker thread."""
        if wanted == self._meters_wanted:
            return
        self._meters_wanted = wanted
        if not wanted:
            self.levels = {}
        with contextlib.suppress(RuntimeError):  # shut down meanwhile
            self._reads.submit(self._send_meters, wanted)

    def _send_meters(self, wanted: bool) -> None:
        try:
            self.client.set_volume_meters(wanted)
        except ObsError as exc:  # lost just now: the next connection subscribes anyway
            log.debug("OBS audio levels not switched %s: %s", "on" if wanted else "off", exc)

    def _on_levels(self, data: dict[str, Any]) -> None:
        if not self._meters_wanted:
            return
        levels: dict[str, Level] = {}
        for entry in data.get("inputs") or ():
            channels = [c for c in entry.get("inputLevelsMul") or () if len(c) >= 2]
            name = str(entry.get("inputName", ""))
            magnitude = max((float(c[0]) for c in channels), default=0.0)
            peak = max((float(c[1]) for c in channels), default=0.0)
            seen = levels.get(name)  # obs-websocket 5.1 may list an input twice
            if seen is None or peak > seen.peak:
                levels[name] = Level(magnitude, peak)
        self.levels = levels

    # -- from the supervisor (its thread) ------------------------------------------------------
    def _on_connection(self, connection: ConnectionState, detail: str) -> None:
        retry_at = self.supervisor.retry_at
        with self._lock:
            self._generation += 1
            self._meter.reset()
        self.levels = {}
        if connection is ConnectionState.CONNECTED:
            self.update(lambda s: replace(s, connection=connection, detail=detail, retry_at=None))
            return
        before, after = self.update(
            lambda s: replace(
                s,
                connection=connection,
                detail=detail,
                retry_at=retry_at,
                responsive=True,
                health=None,
                stream=Output(),
                record=Output(),
                replay_buffer=None,
                virtual_camera=None,
                reconnecting_since=None,
                stop_asked=False,
                stream_drop=_drop_when_lost(s, connection),
            )
        )
        if before.connected and connection is ConnectionState.RECONNECTING:  # lost, not closed
            live = after.stream_drop is not None and after.stream_drop is not before.stream_drop
            self._tell(Incident.OBS_LOST_LIVE if live else Incident.OBS_LOST)

    def _on_snapshot(self, snapshot: ObsSnapshot) -> None:
        """After every (re)connect: everything, the outputs included (a stream OBS is itself
        reconnecting shows as reconnecting, not as live)."""
        now = time.monotonic()
        if snapshot.stream_reconnecting:
            stream = Phase.RECONNECTING
        else:
            stream = Phase.LIVE if snapshot.stream_active else Phase.OFF
        record = _phase(snapshot.record_active, paused=snapshot.record_paused)
        before, after = self.update(
            lambda s: replace(
                _with_snapshot(s, snapshot),
                stream=s.stream.with_phase(stream, now),
                record=s.record.with_phase(record, now),
                replay_buffer=_optional_output(s.replay_buffer, snapshot.replay_buffer, now),
                virtual_camera=_optional_output(s.virtual_camera, snapshot.virtual_camera, now),
                reconnecting_since=(s.reconnecting_since or now)
                if stream is Phase.RECONNECTING
                else None,
                stream_drop=_drop_after_reconnect(s.stream_drop, snapshot.stream_active),
            )
        )
        if _lost(before.stream_drop):  # OBS is back after a loss mid-stream: what became of it
            self._tell(
                Incident.STREAM_KEPT if after.stream_drop is None else Incident.STREAM_DROPPED
            )
        if after.stream.phase is Phase.RECONNECTING:
            self._tell(Incident.STREAM_RECONNECTING)

    def _on_event(self, name: str, data: dict[str, Any]) -> None:
        if name == VOLUME_METERS:
            self._on_levels(data)
        elif name == "CurrentProgramSceneChanged":
            scene = str(data.get("sceneName") or "")
            self.update(lambda s: replace(s, current_scene=scene))
            self.refresh()  # for the new scene's sources (or the scene OBS failed to name)
        elif name == "CurrentPreviewSceneChanged":
            preview = str(data.get("sceneName") or "")
            self.update(lambda s: replace(s, preview_scene=preview))
            self._read_again_if_reading()
        elif name == "StudioModeStateChanged":
            on = bool(data.get("studioModeEnabled"))
            self.update(
                lambda s: replace(s, studio_mode=on, preview_scene=s.preview_scene if on else "")
            )
            self.refresh()  # the preview scene studio mode starts with
        elif name == "SceneListChanged":
            scenes = tuple(scene_names(data))
            self.update(lambda s: replace(s, scenes=scenes))
            self._read_again_if_reading()
        elif name == "SceneNameChanged":
            old, new = str(data.get("oldSceneName", "")), str(data.get("sceneName", ""))
            self.update(partial(_with_scene_renamed, old=old, new=new))
            self._read_again_if_reading()
        elif name == "InputNameChanged":
            old, new = str(data.get("oldInputName", "")), str(data.get("inputName", ""))
            _before, after = self.update(partial(_with_input_renamed, old=old, new=new))
            if after.mic_choice == new and old != new:  # the choice follows the rename
                self._save_choices_quietly()
            self.refresh()  # the sources of the scene may carry the old name
        elif name == "InputMuteStateChanged":
            self.update(
                partial(
                    with_muted,
                    input_name=str(data.get("inputName", "")),
                    muted=bool(data.get("inputMuted")),
                )
            )
        elif name == "SceneItemEnableStateChanged":
            item_id, enabled = data.get("sceneItemId"), bool(data.get("sceneItemEnabled"))
            holder = str(data.get("sceneName", ""))
            self.update(
                lambda s: with_visible(
                    s, lambda i: i.id == item_id and (i.group or s.items_scene) == holder, enabled
                )
            )
        elif name in _OUTPUT_EVENTS:
            self._on_output(_OUTPUT_EVENTS[name], data)
        elif name in STRUCTURE_EVENTS:
            self.refresh()

    def _on_output(self, which: str, data: dict[str, Any]) -> None:
        phase = OUTPUT_STATES.get(str(data.get("outputState", "")))
        if phase is None:
            return
        now = time.monotonic()
        if which != "stream":
            self.update(partial(_with_other_output, which=which, phase=phase, now=now))
            return
        self._stream_event_at = now
        before, after = self.update(partial(_with_stream_phase, phase=phase, now=now))
        self._tell(_stream_incident(before, after))

    def _save_choices_quietly(self) -> None:
        try:
            self.save_choices()
        except OSError as exc:
            log.warning("the OBS preferences could not be saved: %s", exc)

    # -- reads ---------------------------------------------------------------------------------
    def _read_again_if_reading(self) -> None:
        """A snapshot being read may predate the event just applied: read one more after it."""
        with self._lock:
            if self._refreshing:
                self._refresh_again = True

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
        """Read snapshots until one was read with no event arriving meanwhile, then apply it:
        an event may be newer than what a read saw (a preview set while the scene list was
        read), and showing the older state for a moment is what the operator would click on.
        After MAX_STALE_READS dropped reads the last one is applied and one more follows."""
        for attempt in itertools.count():
            try:
                snapshot: ObsSnapshot | None = self.client.snapshot()
            except ObsError as exc:
                log.debug("OBS snapshot refresh failed: %s", exc)
                snapshot = None
            with self._lock:
                again, self._refresh_again = self._refresh_again, False
                if generation != self._generation or self._closed.is_set():
                    self._refreshing = False
                    return
                if again and attempt < MAX_STALE_READS:
                    continue  # still refreshing: read again
                self._refreshing = False
            if snapshot is not None:
                self.update(partial(_with_snapshot, snapshot=snapshot))
            if again:
                self.refresh()
            return

    def _poll(self) -> None:
        """Read OBS's health and scene order while connected (on the poller thread)."""
        while not self._closed.wait(self._poll_interval):
            with self._lock:
                generation = self._generation
            if not self._state.connected:
                continue
            began = time.monotonic()
            try:
                reading = read_health(self.client)
                scenes = tuple(self.client.scenes())
            except ObsError as exc:
                level = 10 if self._poll_failing else 30  # DEBUG once said, else WARNING
                log.log(level, "OBS health reading failed: %s", exc)
                self._poll_failing = True
                continue
            if self._poll_failing:
                log.info("OBS health readings work again")
                self._poll_failing = False
            with self._lock:
                if generation != self._generation:
                    continue
                health = self._meter.update(*reading)
            before, after = self.update(
                partial(
                    _with_health,
                    health=health,
                    scenes=scenes,
                    now=time.monotonic(),
                    phase_current=began > self._stream_event_at,
                )
            )
            self._tell(_stream_incident(before, after))

    def _watch(self) -> None:
        """Mark OBS unresponsive while it has been silent (UNRESPONSIVE_S) with a request
        waiting, and responsive again as soon as it says anything (watchdog thread)."""
        while not self._closed.wait(WATCH_INTERVAL_S):
            state = self._state
            if not state.connected:
                continue
            stalled = self.client.stalled_for()
            responsive = stalled < self._unresponsive_after
            if responsive == state.responsive:
                continue
            before, after = self.update(partial(_with_responsive, responsive=responsive))
            if before.responsive == after.responsive:
                continue
            if responsive:
                log.info("OBS at %s answers again", state.address)
                self._tell(Incident.OBS_RESPONSIVE)
            else:
                log.warning("OBS at %s has answered nothing for %.1f s", state.address, stalled)
                self._tell(Incident.OBS_FROZEN)


def _with_responsive(state: ObsState, *, responsive: bool) -> ObsState:
    return replace(state, responsive=responsive) if state.connected else state


def _phase(active: bool, *, paused: bool = False) -> Phase:
    if not active:
        return Phase.OFF
    return Phase.PAUSED if paused else Phase.LIVE


def _optional_output(output: Output | None, active: bool | None, now: float) -> Output | None:
    """A replay buffer or virtual camera: None when this OBS has none."""
    if active is None:
        return None
    return (output or Output()).with_phase(_phase(active), now)


def _with_other_output(state: ObsState, *, which: str, phase: Phase, now: float) -> ObsState:
    """The recording's, replay buffer's or virtual camera's event."""
    if which == "record":
        return replace(state, record=state.record.with_phase(phase, now))
    if which == "replay_buffer":
        replay = (state.replay_buffer or Output()).with_phase(phase, now)
        return replace(state, replay_buffer=replay)
    camera = (state.virtual_camera or Output()).with_phase(phase, now)
    return replace(state, virtual_camera=camera)


def _with_stream_phase(state: ObsState, *, phase: Phase, now: float) -> ObsState:
    """A StreamStateChanged event: the new phase, when it began reconnecting, and whether it
    stopped without this console asking (OBS's own stop button counts as unasked: the stage
    controller must hear of it)."""
    stream = state.stream.with_phase(phase, now)
    drop = state.stream_drop
    if phase is Phase.OFF and _unasked_stop(state) is Incident.STREAM_DROPPED:
        drop = StreamDrop(DropCause.STOPPED, now)
    elif phase is not Phase.OFF:  # it runs again, or the operator starts or stops it
        drop = None
    reconnecting = state.reconnecting_since
    if phase is Phase.RECONNECTING:
        reconnecting = reconnecting or now
    elif phase is not Phase.STOPPING:
        reconnecting = None
    return replace(
        state,
        stream=stream,
        stream_drop=drop,
        reconnecting_since=reconnecting,
        stop_asked=state.stop_asked and phase is not Phase.OFF,
    )


def _stream_incident(before: ObsState, after: ObsState) -> Incident | None:
    """What a change of the stream's phase means for the broadcast, if anything."""
    old, new = before.stream.phase, after.stream.phase
    if old == new:
        return None
    if new is Phase.OFF:
        return _unasked_stop(before)
    if new is Phase.RECONNECTING:
        return Incident.STREAM_RECONNECTING
    if old is Phase.RECONNECTING and new is Phase.LIVE:
        return Incident.STREAM_RECONNECTED
    return None


def _unasked_stop(before: ObsState) -> Incident | None:
    """The incident of a stream that stopped after ``before``: none when this console asked
    for it; else a failed start, or a drop (OBS gave up reconnecting, or someone stopped it
    in OBS itself)."""
    if before.stop_asked:
        return None
    phase = before.stream.phase
    if phase in (Phase.LIVE, Phase.RECONNECTING, Phase.PAUSED, Phase.STOPPING):
        return Incident.STREAM_DROPPED
    if phase is Phase.STARTING:
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
    """Scenes, studio mode, inputs and sources of a snapshot; the outputs follow their own
    events."""
    return replace(
        state,
        scenes=snapshot.scenes,
        current_scene=snapshot.current_scene,
        studio_mode=snapshot.studio_mode,
        preview_scene=snapshot.preview_scene,
        transitions=snapshot.transitions,
        inputs=snapshot.inputs,
        items=snapshot.scene_items,
        items_scene=snapshot.current_scene,
    )


def _with_scene_renamed(state: ObsState, *, old: str, new: str) -> ObsState:
    def renamed(name: str) -> str:
        return new if name == old else name

    return replace(
        state,
        scenes=tuple(renamed(s) for s in state.scenes),
        current_scene=renamed(state.current_scene),
        preview_scene=renamed(state.preview_scene),
        items_scene=renamed(state.items_scene),
    )


def _with_input_renamed(state: ObsState, *, old: str, new: str) -> ObsState:
    inputs = tuple(replace(i, name=new) if i.name == old else i for i in state.inputs)
    mic = new if state.mic_choice == old else state.mic_choice
    return replace(state, inputs=inputs, mic_choice=mic)


def _with_health(
    state: ObsState,
    *,
    health: ObsHealth,
    scenes: tuple[str, ...],
    now: float,
    phase_current: bool,
) -> ObsState:
    """A health reading. ``phase_current``: no stream event came since the reading began,
    so whether the stream reconnects may be taken from it (an event missed while OBS was
    being reconnected to); an older reading says nothing of it."""
    # OBS's durations are exact, also for outputs that started before we connected.
    stream, record = state.stream, state.record
    reconnecting = state.reconnecting_since
    if stream.running and health.stream.active:
        stream = Output(stream.phase, now - health.stream.duration)
        if phase_current and health.stream.reconnecting and stream.phase is Phase.LIVE:
            stream, reconnecting = Output(Phase.RECONNECTING, stream.since), reconnecting or now
        elif (
            phase_current and not health.stream.reconnecting and stream.phase is Phase.RECONNECTING
        ):
            stream, reconnecting = Output(Phase.LIVE, stream.since), None
    if record.running and health.record.active:
        record = Output(record.phase, now - health.record.duration)
    # OBS announces no re-order of its scenes: the scene keys follow the order read here
    # (added, removed and renamed scenes come with events, which a reading may predate).
    reordered = scenes if sorted(scenes) == sorted(state.scenes) else state.scenes
    return replace(
        state,
        health=health,
        stream=stream,
        record=record,
        reconnecting_since=reconnecting,
        scenes=reordered,
    )


def with_muted(state: ObsState, input_name: str, muted: bool) -> ObsState:
    inputs = tuple(replace(i, muted=muted) if i.name == input_name else i for i in state.inputs)
    return replace(state, inputs=inputs)


def with_visible(state: ObsState, which: Callable[[SceneItem], bool], visible: bool) -> ObsState:
    """The items of the shown scene ``which`` picks, shown or hidden."""
    items = tuple(replace(i, enabled=visible) if which(i) else i for i in state.items)
    return replace(state, items=items)


def with_output(state: ObsState, streaming: bool, output: Output) -> ObsState:
    return replace(state, stream=output) if streaming else replace(state, record=output)
