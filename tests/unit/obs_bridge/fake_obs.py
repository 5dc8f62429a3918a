"""A small obs-websocket v5 server on 127.0.0.1, for the faults a real OBS cannot stage.

It speaks just enough of RFC 6455 (server frames unmasked, client frames masked) and of the
v5 handshake: Hello (op 0, with an authentication challenge when a password is set),
Identify (op 1) -> Identified (op 2) or close 4009, Reidentify (op 3) -> Identified,
Request (op 6) -> RequestResponse (op 7), Event (op 5). Each request is answered on its own thread, so answers may overtake each other.
"""

from __future__ import annotations

import base64
import contextlib
import enum
import hashlib
import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

Response = dict[str, Any]
Handler = Callable[["FakeSession", dict[str, Any]], Response | None]


def ok(data: dict[str, Any] | None = None) -> Response:
    response: Response = {"requestStatus": {"result": True, "code": 100}}
    if data is not None:
        response["responseData"] = data
    return response


def fail(code: int, comment: str | None = None) -> Response:
    status: dict[str, Any] = {"result": False, "code": code}
    if comment is not None:
        status["comment"] = comment
    return {"requestStatus": status}


def auth_string(password: str, salt: str, challenge: str) -> str:
    secret = base64.b64encode(hashlib.sha256((password + salt).encode()).digest())
    return base64.b64encode(hashlib.sha256(secret + challenge.encode()).digest()).decode()


class Mode(enum.Enum):
    NORMAL = "normal"
    SILENT = "silent"  # accepts TCP (kernel backlog) and never answers the HTTP upgrade
    NO_HELLO = "no_hello"  # completes the upgrade, never sends Hello
    GARBAGE_HELLO = "garbage_hello"  # sends text that is not JSON instead of Hello
    HTTP = "http"  # a plain web server: 404 to the upgrade


class FakeSession:
    def __init__(self, server: FakeObs, sock: socket.socket) -> None:
        self.server = server
        self.sock = sock
        self.requests: list[str] = []
        self.subscriptions: list[int] = []  # what each Reidentify asked for
        self._send_lock = threading.Lock()

    # --- what a test does to the client -------------------------------------------------

    def send_text(self, text: str) -> None:
        self._send_frame(0x1, text.encode())

    def send_json(self, message: dict[str, Any]) -> None:
        self.send_text(json.dumps(message))

    def send_event(self, name: str, data: dict[str, Any] | None = None) -> None:
        self.send_json({"op": 5, "d": {"eventType": name, "eventIntent": 1, "eventData": data}})

    def close(self, code: int) -> None:
        """A clean WebSocket close with ``code``, then the TCP close."""
        self._send_frame(0x8, struct.pack("!H", code))
        self.drop()

    def drop(self) -> None:
        """Close the TCP connection without a WebSocket close frame."""
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)

    def reset(self) -> None:
        """Abort with a TCP reset (RST), as when OBS crashes or a network device drops us."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RD)  # wakes our reader, which closes (-> RST)

    # --- protocol -----------------------------------------------------------------------

    def serve(self) -> None:
        try:
            self._serve()
        except (OSError, ValueError):
            pass
        finally:
            self.sock.close()

    def _serve(self) -> None:
        request = self._read_http_request()
        mode = self.server.mode
        if mode is Mode.HTTP:
            self.sock.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            return
        self._accept_upgrade(request)
        if mode is Mode.NO_HELLO:
            while self._read_frame() is not None:
                pass
            return
        if mode is Mode.GARBAGE_HELLO:
            self.send_text("<html>this is not obs-websocket</html>")
            while self._read_frame() is not None:
                pass
            return
        salt, challenge = "c2FsdA==", f"challenge-{id(self)}"
        hello: dict[str, Any] = {"obsWebSocketVersion": "5.1.0", "rpcVersion": 1}
        if self.server.password is not None:
            hello["authentication"] = {"challenge": challenge, "salt": salt}
        self.send_json({"op": 0, "d": hello})
        while (frame := self._read_frame()) is not None:
            opcode, payload = frame
            if opcode == 0x8:
                with contextlib.suppress(OSError):
                    self._send_frame(0x8, payload[:2])
                return
            if opcode != 0x1:
                continue
            message = json.loads(payload)
            if message["op"] == 1:
                self.server.identify_count += 1
                if self.server.password is not None:
                    expected = auth_string(self.server.password, salt, challenge)
                    if message["d"].get("authentication") != expected:
                        self.close(4009)
                        return
                self.send_json({"op": 2, "d": {"negotiatedRpcVersion": 1}})
            elif message["op"] == 3:
                self.subscriptions.append(message["d"].get("eventSubscriptions"))
                self.send_json({"op": 2, "d": {"negotiatedRpcVersion": 1}})
            elif message["op"] == 6:
                threading.Thread(target=self._answer, args=(message["d"],), daemon=True).start()

    def _answer(self, request: dict[str, Any]) -> None:
        request_type = request["requestType"]
        self.requests.append(request_type)
        handler = self.server.handlers.get(request_type)
        response = handler(self, request.get("requestData") or {}) if handler else fail(204)
        if response is None:
            return  # the handler chose not to answer
        response.update(requestType=request_type, requestId=request["requestId"])
        with contextlib.suppress(OSError):
            self.send_json({"op": 7, "d": response})

    def _read_http_request(self) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ValueError("client went away during the upgrade")
            data += chunk
        return data

    def _accept_upgrade(self, request: bytes) -> None:
        key = ""
        for line in request.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            if name.strip().lower() == "sec-websocket-key":
                key = value.strip()
        accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
        self.sock.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
            ).encode()
        )

    def _read_exact(self, count: int) -> bytes | None:
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def _read_frame(self) -> tuple[int, bytes] | None:
        head = self._read_exact(2)
        if head is None:
            return None
        opcode, length = head[0] & 0x0F, head[1] & 0x7F
        if length == 126:
            length = struct.unpack("!H", self._read_exact(2) or b"\0\0")[0]
        elif length == 127:
            length = struct.unpack("!Q", self._read_exact(8) or b"\0" * 8)[0]
        mask = self._read_exact(4) if head[1] & 0x80 else b"\0\0\0\0"
        payload = self._read_exact(length) if length else b""
        if mask is None or payload is None:
            return None
        return opcode, bytes(b ^ mask[i % 4] for i, b in enumerate(payload))

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        length = len(payload)
        if length < 126:
            header = struct.pack("!BB", 0x80 | opcode, length)
        elif length < 1 << 16:
            header = struct.pack("!BBH", 0x80 | opcode, 126, length)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 127, length)
        with self._send_lock:
            self.sock.sendall(header + payload)


class FakeObs:
    """``with FakeObs() as obs:`` serves on ``obs.port`` until the block ends.

    ``handlers`` maps request types to ``handler(session, request_data) -> Response | None``;
    the defaults describe a small OBS: scenes Scene/Live, inputs Mic (audio) and Logo (none),
    studio mode off, transitions Cut and Fade (300 ms), no replay buffer, no virtual camera.
    """

    def __init__(
        self, password: str | None = None, *, mode: Mode = Mode.NORMAL, port: int = 0
    ) -> None:
        self.password = password
        self.mode = mode
        self.identify_count = 0
        self.sessions: list[FakeSession] = []
        self.current_scene = "Scene"
        self.preview_scene: str | None = None  # in studio mode
        self.stream_settings: dict[str, Any] = {
            "streamServiceType": "rtmp_common",
            "streamServiceSettings": {"service": "Twitch", "server": "auto", "key": "own-key"},
        }
        self.handlers: dict[str, Handler] = self._default_handlers()
        self._listener = socket.create_server(("127.0.0.1", port))
        self.port: int = self._listener.getsockname()[1]
        self._accepting = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> FakeObs:
        if self.mode is not Mode.SILENT:
            self._accepting.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for session in self.sessions:
            session.drop()

    def wait_for_sessions(self, count: int, timeout: float = 5.0) -> FakeSession:
        """Wait until ``count`` clients have sent Identify; returns the latest session."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.sessions) >= count and self.identify_count >= count:
                return self.sessions[-1]
            time.sleep(0.01)
        raise AssertionError(f"expected {count} Identify messages, saw {self.identify_count}")

    def _accept(self) -> None:
        while True:
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            session = FakeSession(self, sock)
            self.sessions.append(session)
            threading.Thread(target=session.serve, daemon=True).start()

    def _default_handlers(self) -> dict[str, Handler]:
        scenes = ["Scene", "Live"]  # top first, as OBS's Scenes dock shows them
        muted = {"Mic": False}
        items = {"Scene": [("Camera", 1, True), ("Logo", 2, False)], "Live": [("Camera", 1, True)]}

        def scene_list(_s: FakeSession, _d: dict[str, Any]) -> Response:
            bottom_first = list(reversed(scenes))
            return ok(
                {
                    "currentProgramSceneName": self.current_scene,
                    "scenes": [
                        {"sceneIndex": i, "sceneName": n} for i, n in enumerate(bottom_first)
                    ],
                }
            )

        def set_scene(session: FakeSession, data: dict[str, Any]) -> Response:
            if data["sceneName"] not in scenes:
                return fail(600, f"No source was found by the name of `{data['sceneName']}`.")
            self.current_scene = data["sceneName"]
            session.send_event("CurrentProgramSceneChanged", {"sceneName": self.current_scene})
            return ok()

        def input_mute(_s: FakeSession, data: dict[str, Any]) -> Response:
            if data["inputName"] not in muted:
                return fail(604, "The specified input does not support audio.")
            return ok({"inputMuted": muted[data["inputName"]]})

        def set_input_mute(session: FakeSession, data: dict[str, Any]) -> Response:
            muted[data["inputName"]] = data["inputMuted"]
            session.send_event("InputMuteStateChanged", data)
            return ok()

        def scene_item_list(_s: FakeSession, data: dict[str, Any]) -> Response:
            rows = list(reversed(items[data["sceneName"]]))  # bottom first, like OBS
            return ok(
                {
                    "sceneItems": [
                        {
                            "sourceName": n,
                            "sceneItemId": i,
                            "sceneItemEnabled": v,
                            "sceneItemIndex": x,
                        }
                        for x, (n, i, v) in enumerate(rows)
                    ]
                }
            )

        def scene_item_id(_s: FakeSession, data: dict[str, Any]) -> Response:
            for name, item_id, _visible in items[data["sceneName"]]:
                if name == data["sourceName"]:
                    return ok({"sceneItemId": item_id})
            return fail(600, "No scene items were found in the specified scene by that name.")

        def set_item_enabled(_s: FakeSession, data: dict[str, Any]) -> Response:
            rows = items[data["sceneName"]]
            rows[:] = [
                (n, i, data["sceneItemEnabled"] if i == data["sceneItemId"] else v)
                for n, i, v in rows
            ]
            return ok()

        def set_stream_settings(_s: FakeSession, data: dict[str, Any]) -> Response:
            self.stream_settings = data
            return ok()

        def studio_mode(session: FakeSession, data: dict[str, Any]) -> Response:
            on = data["studioModeEnabled"]
            self.preview_scene = self.current_scene if on else None
            session.send_event("StudioModeStateChanged", {"studioModeEnabled": on})
            return ok()

        def set_preview(session: FakeSession, data: dict[str, Any]) -> Response:
            if self.preview_scene is None:
                return fail(506, "Studio mode is not active.")
            self.preview_scene = data["sceneName"]
            session.send_event("CurrentPreviewSceneChanged", {"sceneName": self.preview_scene})
            return ok()

        def take(session: FakeSession, _d: dict[str, Any]) -> Response:
            if self.preview_scene is None:
                return fail(506, "Studio mode is not active.")
            self.current_scene, self.preview_scene = self.preview_scene, self.current_scene
            session.send_event("CurrentPreviewSceneChanged", {"sceneName": self.preview_scene})
            session.send_event("CurrentProgramSceneChanged", {"sceneName": self.current_scene})
            return ok()

        def preview(_s: FakeSession, _d: dict[str, Any]) -> Response:
            if self.preview_scene is None:
                return fail(506, "Studio mode is not active.")
            return ok({"currentPreviewSceneName": self.preview_scene})

        return {
            "GetSceneList": lambda s, d: ok(
                {**scene_list(s, d)["responseData"], "currentPreviewSceneName": self.preview_scene}
            ),
            "GetCurrentProgramScene": lambda s, d: ok(
                {"currentProgramSceneName": self.current_scene}
            ),
            "SetCurrentProgramScene": set_scene,
            "GetInputList": lambda s, d: ok(
                {
                    "inputs": [
                        {"inputName": "Mic", "inputKind": "pulse_input_capture"},
                        {"inputName": "Logo", "inputKind": "image_source"},
                    ]
                }
            ),
            "GetSpecialInputs": lambda s, d: ok(
                {"desktop1": None, "desktop2": None, "mic1": None, "mic2": None}
            ),
            "GetStudioModeEnabled": lambda s, d: ok(
                {"studioModeEnabled": self.preview_scene is not None}
            ),
            "SetStudioModeEnabled": studio_mode,
            "GetCurrentPreviewScene": preview,
            "SetCurrentPreviewScene": set_preview,
            "TriggerStudioModeTransition": take,
            "GetSceneTransitionList": lambda s, d: ok(
                {
                    "currentSceneTransitionName": "Fade",
                    "transitions": [{"transitionName": "Cut"}, {"transitionName": "Fade"}],
                }
            ),
            "GetCurrentSceneTransition": lambda s, d: ok(
                {"transitionName": "Fade", "transitionDuration": 300, "transitionFixed": False}
            ),
            "GetReplayBufferStatus": lambda s, d: fail(604, "Replay buffer is not available."),
            "GetVirtualCamStatus": lambda s, d: fail(604, "VirtualCam is not available."),
            "GetStreamServiceSettings": lambda s, d: ok(dict(self.stream_settings)),
            "GetInputMute": input_mute,
            "SetInputMute": set_input_mute,
            "GetSceneItemList": scene_item_list,
            "GetSceneItemId": scene_item_id,
            "SetSceneItemEnabled": set_item_enabled,
            "GetStreamStatus": lambda s, d: ok(
                {
                    "outputActive": True,
                    "outputReconnecting": False,
                    "outputDuration": 61500,
                    "outputBytes": 123456,
                    "outputCongestion": 0.25,
                    "outputSkippedFrames": 3,
                    "outputTotalFrames": 1800,
                    "outputTimecode": "00:01:01.500",
                }
            ),
            "GetRecordStatus": lambda s, d: ok(
                {"outputActive": False, "outputPaused": False, "outputDuration": 0}
            ),
            "GetStats": lambda s, d: ok(
                {
                    "activeFps": 30.0,
                    "cpuUsage": 12.5,
                    "memoryUsage": 180.25,
                    "renderSkippedFrames": 1,
                    "renderTotalFrames": 900,
                    "outputSkippedFrames": 2,
                    "outputTotalFrames": 880,
                }
            ),
            "SetStreamServiceSettings": set_stream_settings,
        }


def output_event(state: str) -> dict[str, Any]:
    """The data of a StreamStateChanged / RecordStateChanged event for ``state`` (STARTED …)."""
    return {"outputActive": state == "STARTED", "outputState": f"OBS_WEBSOCKET_OUTPUT_{state}"}


def serve_outputs(server: FakeObs) -> dict[str, bool]:
    """Make the stream and the recording start and stop as OBS does: "starting" then
    "started", "stopping" then "stopped" events, and their status requests saying whether
    they run. Returns the flags (``"Stream"``, ``"Record"``) a test may change behind the
    client's back, as OBS itself would."""
    live = {"Stream": False, "Record": False}

    def switch(kind: str, on: bool) -> Handler:
        def handle(session: FakeSession, _data: dict[str, Any]) -> Response:
            live[kind] = on
            for state in ("STARTING", "STARTED") if on else ("STOPPING", "STOPPED"):
                session.send_event(f"{kind}StateChanged", output_event(state))
            return ok()

        return handle

    def status(kind: str) -> Handler:
        running = server.handlers["GetStreamStatus"]  # a stream a minute in

        def handle(session: FakeSession, data: dict[str, Any]) -> Response | None:
            if not live[kind]:
                return ok({"outputActive": False, "outputPaused": False, "outputDuration": 0})
            return running(session, data)

        return handle

    for kind in live:
        server.handlers[f"Start{kind}"] = switch(kind, True)
        server.handlers[f"Stop{kind}"] = switch(kind, False)
    for kind in live:
        server.handlers[f"Get{kind}Status"] = status(kind)
    return live


def free_port() -> int:
    """A port nothing listens on (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
