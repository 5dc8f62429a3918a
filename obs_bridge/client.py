"""ObsClient: typed, thread-safe calls to OBS Studio over obs-websocket v5.

Every method blocks until OBS answers (at most ``timeout`` seconds): call them from worker
threads, never from the GUI thread. Any failure raises ObsError. Listeners run on the client's
own dispatcher thread ("obs-events"), so they may call the client and may raise.
"""

from __future__ import annotations

import base64
import binascii
import threading
import time
from collections.abc import Callable
from typing import Any

from obswebsocket import requests
from obswebsocket.base_classes import Baserequests

from obs_bridge.dispatch import CallbackDispatcher, call_each
from obs_bridge.errors import ObsError, ObsErrorKind
from obs_bridge.log import log
from obs_bridge.models import (
    AudioInput,
    InputState,
    ObsSnapshot,
    RecordStatus,
    SceneItem,
    Stats,
    StreamStatus,
    Transitions,
    audio_role,
    special_slots,
)
from obs_bridge.push_url import PushTarget, split_push_url
from obs_bridge.transport import EVENTS_ALL, EVENTS_VOLUME_METERS, ObsTransport

EventListener = Callable[[str, dict[str, Any]], None]
LostListener = Callable[[ObsError], None]

# obs-websocket's RequestStatus codes the client reads as an answer, not as a failure.
_NOT_FOUND = 600  # the input, scene or item is gone (removed while a list was read)
_INVALID_STATE = 604  # no audio (GetInputMute), no replay buffer or virtual camera
_STUDIO_MODE_OFF = 506  # GetCurrentPreviewScene outside studio mode


class ObsClient:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 4455,
        password: str | None = None,
        timeout: float = 5.0,
    ) -> None:
        self._host = host
        self._port = port
        self._password = password
        self._timeout = timeout
        self._settings_lock = threading.Lock()  # host, port, password: never held for long
        self._lock = threading.Lock()  # the connection; held while connecting
        self._transport: ObsTransport | None = None
        self._dispatcher = CallbackDispatcher("obs-events")
        self._event_listeners: list[EventListener] = []
        self._lost_listeners: list[LostListener] = []
        self._meters = False  # whether the audio levels (InputVolumeMeters) are wanted

    # --- connection ---------------------------------------------------------------------

    @property
    def address(self) -> str:
        with self._settings_lock:
            return f"{self._host}:{self._port}"

    @property
    def connected(self) -> bool:
        transport = self._transport
        return transport is not None and transport.alive

    def configure(self, host: str, port: int, password: str | None) -> None:
        """New connection settings; they apply from the next connect(). Does not wait for a
        connect() in progress."""
        with self._settings_lock:
            self._host, self._port, self._password = host, port, password

    def connect(self) -> None:
        """Connect and identify (dropping any current connection first). Raises ObsError:
        NOT_RUNNING, AUTH_FAILED, TIMEOUT, DISCONNECTED or PROTOCOL."""
        with self._lock:
            self._close_transport()
            with self._settings_lock:
                host, port, password = self._host, self._port, self._password
            transport = ObsTransport(
                host,
                port,
                password,
                self._timeout,
                on_event=self._on_transport_event,
                on_closed=self._on_transport_closed,
                subscriptions=self._subscriptions(),
            )
            self._transport = transport
            log.info("Connecting to OBS at %s", transport.address)
            try:
                transport.connect()
            except ObsError as error:
                self._transport = None
                log.info("Could not connect to OBS: %s", error)
                raise
            log.info(
                "Connected to OBS at %s (obs-websocket %s)",
                transport.address,
                transport.server_version or "unknown",
            )

    def disconnect(self) -> None:
        """Close the connection; listeners get what was already received. Safe to call at any
        time, also before connect(), twice, or from a listener."""
        with self._lock:
            had_transport = self._transport is not None
            self._close_transport()
        self._dispatcher.stop(self._timeout)
        if had_transport:
            log.info("Disconnected from OBS at %s", self.address)

    def set_volume_meters(self, on: bool) -> None:
        """Receive OBS's audio levels (the "InputVolumeMeters" event, every 50 ms) or stop;
        kept across reconnects. Raises ObsError DISCONNECTED when the connection is lost
        just now (the next connect still applies it)."""
        self._meters = on
        transport = self._transport
        if transport is not None and transport.alive:
            transport.reidentify(self._subscriptions())

    def _subscriptions(self) -> int:
        return EVENTS_ALL | (EVENTS_VOLUME_METERS if self._meters else 0)

    def stalled_for(self) -> float:
        """Seconds OBS has sent nothing while a request waited (0.0 when nothing waits, or not
        connected): a frozen OBS keeps its connection open and just stops answering."""
        transport = self._transport
        if transport is None or not transport.alive:
            return 0.0
        return transport.stalled_for(time.monotonic())

    def _close_transport(self) -> None:
        transport, self._transport = self._transport, None
        if transport is not None:
            transport.close()

    # --- listeners ----------------------------------------------------------------------

    def add_event_listener(self, listener: EventListener) -> None:
        """``listener(event_name, data)`` for every OBS event (e.g. "CurrentProgramSceneChanged",
        {"sceneName": "Live"}), on the dispatcher thread."""
        self._event_listeners.append(listener)

    def add_lost_listener(self, listener: LostListener) -> None:
        """``listener(error)`` when a connection ends without disconnect() having been called
        (OBS quit, connection reset); ``error.kind`` is DISCONNECTED."""
        self._lost_listeners.append(listener)

    def _on_transport_event(self, name: str, data: dict[str, Any]) -> None:
        # On obs-websocket-py's receive thread: only queue, never call out from here.
        self._dispatcher.post(call_each, self._event_listeners, name, data)

    def _on_transport_closed(self, transport: ObsTransport) -> None:
        if transport is not self._transport:
            return  # a connection we already replaced or closed
        log.warning("%s", transport.lost_reason)
        error = ObsError(ObsErrorKind.DISCONNECTED, transport.lost_reason)
        self._dispatcher.post(call_each, self._lost_listeners, error)

    # --- requests -----------------------------------------------------------------------

    def _call(self, request: Baserequests) -> dict[str, Any]:
        transport = self._transport
        if transport is None:
            raise ObsError(
                ObsErrorKind.DISCONNECTED,
                f"Not connected to OBS at {self.address}.",
                request_type=request.name,
            )
        response = transport.request(request)
        status = response.get("requestStatus") or {}
        if not status.get("result"):
            raise ObsError.request_failed(request.name, status.get("code"), status.get("comment"))
        return response.get("responseData") or {}

    def call(self, request_type: str, **fields: Any) -> dict[str, Any]:
        """Any obs-websocket request by name (e.g. "CreateScene", sceneName="BRB"), for what
        has no typed method; returns its responseData."""
        return self._call(getattr(requests, request_type)(**fields))

    def _call_or(self, request: Baserequests, codes: tuple[int, ...]) -> dict[str, Any] | None:
        """``_call``, with None for a refusal whose code is one of ``codes`` (an answer)."""
        try:
            return self._call(request)
        except ObsError as error:
            if error.kind is ObsErrorKind.REQUEST_FAILED and error.code in codes:
                return None
            raise

    # scenes

    def scenes(self) -> list[str]:
        """Scene names, top first as in OBS's Scenes dock (obs-websocket lists bottom first)."""
        return scene_names(self._call(requests.GetSceneList()))

    def current_scene(self) -> str:
        """The program scene ("" when OBS names none: its scene list is out of sync)."""
        return str(
            self._call(requests.GetCurrentProgramScene()).get("currentProgramSceneName") or ""
        )

    def set_scene(self, name: str) -> None:
        """Put ``name`` on air (in studio mode too, at once, skipping the preview)."""
        self._call(requests.SetCurrentProgramScene(sceneName=name))

    def studio_mode(self) -> bool:
        return bool(self._call(requests.GetStudioModeEnabled())["studioModeEnabled"])

    def set_studio_mode(self, on: bool) -> None:
        self._call(requests.SetStudioModeEnabled(studioModeEnabled=on))

    def preview_scene(self) -> str | None:
        """The scene in preview; None outside studio mode."""
        data = self._call_or(requests.GetCurrentPreviewScene(), (_STUDIO_MODE_OFF,))
        return None if data is None else str(data.get("currentPreviewSceneName") or "") or None

    def set_preview_scene(self, name: str) -> None:
        """Studio mode: put ``name`` in preview (OBS refuses with 506 outside studio mode)."""
        self._call(requests.SetCurrentPreviewScene(sceneName=name))

    def take(self) -> None:
        """Studio mode: put the preview on air with the current transition."""
        self._call(requests.TriggerStudioModeTransition())

    def transitions(self) -> Transitions:
        listing = self._call(requests.GetSceneTransitionList())
        return Transitions.from_obs(listing, self._call(requests.GetCurrentSceneTransition()))

    def set_transition(self, name: str) -> None:
        self._call(requests.SetCurrentSceneTransition(transitionName=name))

    def set_transition_duration(self, milliseconds: int) -> None:
        """OBS takes 50 to 20,000 ms."""
        self._call(requests.SetCurrentSceneTransitionDuration(transitionDuration=milliseconds))

    def scene_screenshot(self, name: str, width: int, quality: int = 60) -> bytes:
        """A JPEG of what the scene (or any source) shows now, ``width`` pixels wide, as OBS
        renders it: a few KB at 160 px."""
        data = self._call(
            requests.GetSourceScreenshot(
                sourceName=name,
                imageFormat="jpg",
                imageWidth=width,
                imageCompressionQuality=quality,
            )
        )
        text = str(data.get("imageData") or "")
        try:
            return base64.b64decode(text.partition("base64,")[2], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ObsError(
                ObsErrorKind.PROTOCOL,
                f"OBS sent a screenshot of {name!r} that is not base64.",
                request_type="GetSourceScreenshot",
            ) from exc

    # inputs and audio

    def inputs(self) -> list[str]:
        return [item["inputName"] for item in self._call(requests.GetInputList())["inputs"]]

    def input_muted(self, name: str) -> bool:
        return bool(self._call(requests.GetInputMute(inputName=name))["inputMuted"])

    def set_input_mute(self, name: str, muted: bool) -> None:
        self._call(requests.SetInputMute(inputName=name, inputMuted=muted))

    def input_states(self) -> list[InputState]:
        """Every input with its kind, audio role and mute state (None: it has no audio)."""
        listed = self._call(requests.GetInputList())["inputs"]
        slots = special_slots(self._call(requests.GetSpecialInputs()))
        states = []
        for item in listed:
            name = str(item["inputName"])
            kind = str(item.get("unversionedInputKind") or item.get("inputKind") or "")
            data = self._call_or(
                requests.GetInputMute(inputName=name), (_INVALID_STATE, _NOT_FOUND)
            )
            muted = None if data is None else bool(data["inputMuted"])
            states.append(InputState(name, muted, kind, audio_role(kind, slots.get(name))))
        return states

    def audio_inputs(self) -> list[AudioInput]:
        """The inputs that have audio, in OBS's order, each with its role: "mic" (one of
        OBS's Mic/Aux devices, or the capture of an input device), "desktop" (Desktop Audio,
        or the capture of an output) or "other" (media, browser, capture cards)."""
        return [
            AudioInput(i.name, i.kind, i.role) for i in self.input_states() if i.muted is not None
        ]

    # sources in scenes

    def scene_items(self, scene: str) -> list[SceneItem]:
        """The sources of ``scene``, top first as in OBS's Sources dock; a group is followed
        by its own items (``group`` set to its name), top first too."""
        items = []
        for item in self._items(requests.GetSceneItemList(sceneName=scene)):
            source = str(item["sourceName"])
            is_group = bool(item.get("isGroup"))
            items.append(_scene_item(item, None, is_group=is_group))
            if is_group:
                children = self._items(requests.GetGroupSceneItemList(sceneName=source))
                items.extend(_scene_item(child, source) for child in children)
        return items

    def _items(self, request: Baserequests) -> list[dict[str, Any]]:
        data = self._call(request)
        return sorted(data["sceneItems"], key=lambda i: i.get("sceneItemIndex", 0), reverse=True)

    def set_scene_item_enabled(self, scene: str, item_id: int, enabled: bool) -> None:
        """Show or hide one item. ``scene``: the scene or group that holds it (for an item of
        a group, the group's name: ``item.group or scene``); ``item_id``: its ``SceneItem.id``."""
        self._call(
            requests.SetSceneItemEnabled(
                sceneName=scene, sceneItemId=item_id, sceneItemEnabled=enabled
            )
        )

    def set_source_visible(self, scene: str, source: str, visible: bool) -> None:
        """Show or hide ``source`` in ``scene`` (its first occurrence there; to address one of
        several copies, or an item in a group, use set_scene_item_enabled)."""
        data = self._call(requests.GetSceneItemId(sceneName=scene, sourceName=source))
        self.set_scene_item_enabled(scene, int(data["sceneItemId"]), visible)

    # outputs

    def start_stream(self) -> None:
        self._call(requests.StartStream())

    def stop_stream(self) -> None:
        self._call(requests.StopStream())

    def start_record(self) -> None:
        self._call(requests.StartRecord())

    def stop_record(self) -> None:
        """Asks OBS to stop; the file is complete only after the RecordStateChanged event with
        outputState OBS_WEBSOCKET_OUTPUT_STOPPED."""
        self._call(requests.StopRecord())

    def pause_record(self) -> None:
        self._call(requests.PauseRecord())

    def resume_record(self) -> None:
        self._call(requests.ResumeRecord())

    def replay_buffer_active(self) -> bool | None:
        """Whether the replay buffer runs; None when OBS's profile has none (Settings >
        Output > Replay Buffer)."""
        data = self._call_or(requests.GetReplayBufferStatus(), (_INVALID_STATE,))
        return None if data is None else bool(data.get("outputActive"))

    def start_replay_buffer(self) -> None:
        self._call(requests.StartReplayBuffer())

    def stop_replay_buffer(self) -> None:
        self._call(requests.StopReplayBuffer())

    def save_replay_buffer(self) -> None:
        """Write the buffered last seconds to a file (the ReplayBufferSaved event names it)."""
        self._call(requests.SaveReplayBuffer())

    def virtual_camera_active(self) -> bool | None:
        """Whether the virtual camera runs; None when this OBS has none (e.g. Linux without
        v4l2loopback)."""
        data = self._call_or(requests.GetVirtualCamStatus(), (_INVALID_STATE,))
        return None if data is None else bool(data.get("outputActive"))

    def start_virtual_camera(self) -> None:
        self._call(requests.StartVirtualCam())

    def stop_virtual_camera(self) -> None:
        self._call(requests.StopVirtualCam())

    def stream_status(self) -> StreamStatus:
        return StreamStatus.from_obs(self._call(requests.GetStreamStatus()))

    def record_status(self) -> RecordStatus:
        return RecordStatus.from_obs(self._call(requests.GetRecordStatus()))

    def stats(self) -> Stats:
        return Stats.from_obs(self._call(requests.GetStats()))

    # where OBS streams to

    def stream_service(self) -> tuple[str, dict[str, Any]]:
        """OBS's stream service: its type ("rtmp_common" for a listed service, "rtmp_custom")
        and settings (server, key, …: the key is a credential)."""
        data = self._call(requests.GetStreamServiceSettings())
        settings = data.get("streamServiceSettings") or {}
        return str(data.get("streamServiceType") or ""), dict(settings)

    def set_stream_service(self, kind: str, settings: dict[str, Any]) -> None:
        """Replace OBS's stream service (saved in the user's OBS profile; OBS refuses with 500
        while it streams)."""
        self._call(
            requests.SetStreamServiceSettings(
                streamServiceType=kind, streamServiceSettings=settings
            )
        )

    def set_stream_target(self, server: str, key: str) -> None:
        """Stream to a custom RTMP server (OBS's "Custom..." service)."""
        self.set_stream_service("rtmp_custom", {"server": server, "key": key, "use_auth": False})
        log.info("OBS stream target set to %s (stream key not logged)", server)

    def use_push_url(self, rtmp_url: str) -> PushTarget:
        """Stream to a platform's push address (WeChat's ``pushAddr``). Raises ValueError for
        an address that is not rtmp[s]://host/app/key before anything is sent to OBS."""
        target = split_push_url(rtmp_url)
        self.set_stream_target(target.server, target.key)
        return target

    def snapshot(self) -> ObsSnapshot:
        """Everything an OBS panel shows, for a fresh start after a (re)connect."""
        scene_list = self._call(requests.GetSceneList())
        current = str(scene_list.get("currentProgramSceneName") or "")
        preview = str(scene_list.get("currentPreviewSceneName") or "")
        items = self._program_items(current)
        stream = self.stream_status()
        record = self.record_status()
        return ObsSnapshot(
            scenes=tuple(scene_names(scene_list)),
            current_scene=current,
            inputs=tuple(self.input_states()),
            scene_items=tuple(items),
            stream_active=stream.active,
            record_active=record.active,
            stream_reconnecting=stream.reconnecting,
            record_paused=record.paused,
            studio_mode=self.studio_mode(),
            preview_scene=preview,
            transitions=self.transitions(),
            replay_buffer=self.replay_buffer_active(),
            virtual_camera=self.virtual_camera_active(),
        )

    def _program_items(self, scene: str) -> list[SceneItem]:
        """The program scene's items; none when OBS names no program scene, or the scene was
        removed while the snapshot was read (a refresh follows its event)."""
        if not scene:
            return []
        try:
            return self.scene_items(scene)
        except ObsError as error:
            if error.kind is ObsErrorKind.REQUEST_FAILED and error.code == _NOT_FOUND:
                return []
            raise


def scene_names(data: dict[str, Any]) -> list[str]:
    """The names of a GetSceneList response (or SceneListChanged event), top first."""
    scenes = sorted(data.get("scenes", []), key=lambda s: s.get("sceneIndex", 0), reverse=True)
    return [str(scene["sceneName"]) for scene in scenes]


def _scene_item(item: dict[str, Any], group: str | None, *, is_group: bool = False) -> SceneItem:
    return SceneItem(
        source=str(item["sourceName"]),
        id=int(item["sceneItemId"]),
        enabled=bool(item["sceneItemEnabled"]),
        group=group,
        is_group=is_group,
    )
