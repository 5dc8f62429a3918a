"""ObsClient: typed, thread-safe calls to OBS Studio over obs-websocket v5.

Every method blocks until OBS answers (at most ``timeout`` seconds): call them from worker
threads, never from the GUI thread. Any failure raises ObsError. Listeners run on the client's
own dispatcher thread ("obs-events"), so they may call the client and may raise.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from obswebsocket import requests
from obswebsocket.base_classes import Baserequests

from obs_bridge.dispatch import CallbackDispatcher, call_each
from obs_bridge.errors import ObsError, ObsErrorKind
from obs_bridge.log import log
from obs_bridge.models import (
    InputState,
    ObsSnapshot,
    RecordStatus,
    SceneItem,
    Stats,
    StreamStatus,
)
from obs_bridge.push_url import PushTarget, split_push_url
from obs_bridge.transport import ObsTransport

EventListener = Callable[[str, dict[str, Any]], None]
LostListener = Callable[[ObsError], None]


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

    def scenes(self) -> list[str]:
        """Scene names, top first as in OBS's Scenes dock (obs-websocket lists bottom first)."""
        return self._scene_names(self._call(requests.GetSceneList()))

    @staticmethod
    def _scene_names(data: dict[str, Any]) -> list[str]:
        scenes = sorted(data.get("scenes", []), key=lambda s: s.get("sceneIndex", 0), reverse=True)
        return [scene["sceneName"] for scene in scenes]

    def current_scene(self) -> str:
        return str(self._call(requests.GetCurrentProgramScene())["currentProgramSceneName"])

    def set_scene(self, name: str) -> None:
        self._call(requests.SetCurrentProgramScene(sceneName=name))

    def inputs(self) -> list[str]:
        return [item["inputName"] for item in self._call(requests.GetInputList())["inputs"]]

    def input_muted(self, name: str) -> bool:
        return bool(self._call(requests.GetInputMute(inputName=name))["inputMuted"])

    def set_input_mute(self, name: str, muted: bool) -> None:
        self._call(requests.SetInputMute(inputName=name, inputMuted=muted))

    def scene_items(self, scene: str) -> list[SceneItem]:
        """The sources of ``scene``, top first as in OBS's Sources dock."""
        data = self._call(requests.GetSceneItemList(sceneName=scene))
        items = sorted(data["sceneItems"], key=lambda i: i.get("sceneItemIndex", 0), reverse=True)
        return [
            SceneItem(
                name=item["sourceName"],
                item_id=int(item["sceneItemId"]),
                visible=bool(item["sceneItemEnabled"]),
            )
            for item in items
        ]

    def set_source_visible(self, scene: str, source: str, visible: bool) -> None:
        """Show or hide ``source`` in ``scene`` (its first occurrence there)."""
        data = self._call(requests.GetSceneItemId(sceneName=scene, sourceName=source))
        self._call(
            requests.SetSceneItemEnabled(
                sceneName=scene, sceneItemId=data["sceneItemId"], sceneItemEnabled=visible
            )
        )

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

    def stream_status(self) -> StreamStatus:
        return StreamStatus.from_obs(self._call(requests.GetStreamStatus()))

    def record_status(self) -> RecordStatus:
        return RecordStatus.from_obs(self._call(requests.GetRecordStatus()))

    def stats(self) -> Stats:
        return Stats.from_obs(self._call(requests.GetStats()))

    def set_stream_target(self, server: str, key: str) -> None:
        """Stream to a custom RTMP server (OBS's "Custom..." service)."""
        self._call(
            requests.SetStreamServiceSettings(
                streamServiceType="rtmp_custom",
                streamServiceSettings={"server": server, "key": key, "use_auth": False},
            )
        )
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
        current = scene_list["currentProgramSceneName"]
        inputs = []
        for name in self.inputs():
            try:
                muted: bool | None = self.input_muted(name)
            except ObsError as error:
                if error.kind is not ObsErrorKind.REQUEST_FAILED:
                    raise
                muted = None  # the input has no audio
            inputs.append(InputState(name, muted))
        return ObsSnapshot(
            scenes=tuple(self._scene_names(scene_list)),
            current_scene=current,
            inputs=tuple(inputs),
            scene_items=tuple(self.scene_items(current)),
            stream_active=self.stream_status().active,
            record_active=self.record_status().active,
        )
