"""One session with obs-websocket: obs-websocket-py's ``obsws`` with its traps closed.

What obs-websocket-py 1.0 gets wrong for a desktop console, and what this module does:
- port 4444 silently selects the old v4 protocol: ``legacy=False`` always;
- ``connect()`` has no timeout: the socket gets one for the TCP connect, the HTTP upgrade and
  the Hello/Identify handshake, and loses it again once the session is up (it idles for hours);
- a failed request keeps only ``status=False``: requests here return the raw response, so the
  caller gets ``requestStatus.code`` and ``comment``;
- request ids come from an unlocked counter: they are taken under a lock here;
- a connection reset or a malformed message ends the receive thread with an exception and no
  notice, and callers then wait out their full timeout: the receive thread reports its end,
  wakes every waiting request at once and tells the owner (``on_closed``);
- a response arriving just after its caller gave up raises KeyError on the receive thread;
- the close code (4009 = wrong password) is dropped by websocket-client's ``recv()``;
- Identify subscribes to event categories 1023, which leaves out the Ui category (studio mode)
  and every high-volume event: right after Identify a Reidentify (op 3) asks for what the
  caller wants, and ``reidentify`` changes it later (the audio meters' ``InputVolumeMeters``);
- nothing tells a frozen OBS (stopped process: the TCP connection stays up) from a slow one:
  every frame received is timed, and ``stalled_for`` says how long OBS has been silent while
  a request waits.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import socket
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

import websocket
from obswebsocket import obsws
from obswebsocket.base_classes import Baseevents, Baserequests
from obswebsocket.core import RecvThread
from obswebsocket.exceptions import ConnectionFailure

from obs_bridge.errors import CLOSE_AUTHENTICATION_FAILED, ObsError, ObsErrorKind

_CLOSE_GOING_AWAY = 1001
_CLOSE_SESSION_INVALIDATED = 4011

# obs-websocket's EventSubscription bits (protocol.md): General, Config, Scenes, Inputs,
# Transitions, Filters, Outputs, SceneItems, MediaInputs, Vendors and Ui (obs-websocket 5.7's
# "All" adds Canvases, which the console does not use) ...
EVENTS_ALL = (1 << 11) - 1
# ... and the high-volume one that carries the audio levels, every 50 ms.
EVENTS_VOLUME_METERS = 1 << 16
# A request that waited less than this is not yet a sign of a frozen OBS, however long OBS
# had nothing to say before it was sent.
_STALL_GRACE_S = 1.0


class _IdentifiedAgain(logging.Filter):
    """obs-websocket-py's receive loop logs the Identified answer to a Reidentify as an
    unknown message (a warning); it is expected here."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        return not (text.startswith("Unknown message:") and "'negotiatedRpcVersion'" in text)


logging.getLogger("obswebsocket.core").addFilter(_IdentifiedAgain())


class _CloseCodeWebSocket(websocket.WebSocket):
    """Remembers the status code of the server's close frame, and treats the connection as
    closed from that frame on (rather than waiting for a TCP close that may never come)."""

    close_code: int | None = None
    on_frame: Callable[[], None] | None = None  # told of every frame received

    def recv_frame(self) -> websocket.ABNF:
        if self.close_code is not None:
            raise websocket.WebSocketConnectionClosedException("OBS closed the connection")
        frame = super().recv_frame()
        if self.on_frame is not None:
            self.on_frame()
        if frame.opcode == websocket.ABNF.OPCODE_CLOSE:
            self.close_code = struct.unpack("!H", frame.data[:2])[0] if len(frame.data) >= 2 else 0
        return frame


class _PendingRequests(dict[str, threading.Event]):
    """obs-websocket-py's receive loop checks ``id in events`` and later reads ``events[id]``;
    a caller that timed out in between has removed the entry. Hand out a spare Event then,
    instead of a KeyError that would end the receive thread."""

    def __missing__(self, key: str) -> threading.Event:
        return threading.Event()


class _ReceiveThread(RecvThread):
    """obs-websocket-py's receive loop, watched: however it ends, the transport hears of it."""

    def __init__(self, core: ObsTransport) -> None:
        super().__init__(core)
        self.name = f"obs-receive-{core.port}"
        self.daemon = True

    def run(self) -> None:
        error: Exception | None = None
        try:
            super().run()
        except Exception as exc:  # the loop lets OSError, KeyError, TypeError escape
            error = exc
        finally:
            self.core.receive_ended(error)


class ObsTransport(obsws):
    """A single connection; ``ObsClient`` makes a new one for every (re)connect."""

    def __init__(
        self,
        host: str,
        port: int,
        password: str | None,
        timeout: float,
        on_event: Callable[[str, dict[str, Any]], None],
        on_closed: Callable[[ObsTransport], None],
        subscriptions: int = EVENTS_ALL,
    ) -> None:
        super().__init__(host, port, password or "", legacy=False, timeout=timeout)
        self.events = _PendingRequests()
        self.lost_reason = f"Not connected to OBS at {self.address}."
        self._on_event = on_event
        self._on_closed = on_closed
        self._ids = itertools.count(1)
        self._pending_lock = threading.Lock()
        self._alive = False
        self._closing = False
        self.subscriptions = subscriptions
        self._heard_at = time.monotonic()  # the last frame from OBS
        self._waiting_since: float | None = None  # a request unanswered since, with no frame
        self.register(self._forward_event)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def alive(self) -> bool:
        return self._alive

    def connect(self) -> None:
        """Connect, identify and start receiving; each step waits at most ``timeout``."""
        ws = _CloseCodeWebSocket()
        self.ws = ws
        try:
            host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address
            ws.connect(f"ws://{host}:{self.port}", timeout=self.timeout)
            self._auth()
            self._send_reidentify()
            answer = json.loads(ws.recv())
            if answer.get("op") != 2:
                raise ConnectionFailure("Invalid answer to Reidentify.")
        except ObsError:
            ws.shutdown()
            raise
        except Exception as exc:
            ws.shutdown()
            raise self._connect_error(exc, ws.close_code) from exc
        ws.settimeout(None)
        self._heard_at = time.monotonic()
        ws.on_frame = self._heard
        thread = _ReceiveThread(self)
        self.thread_recv = thread
        self._alive = True
        thread.start()

    def _build_auth_string(self, salt: str, challenge: str) -> str:
        if not self.password:
            raise ObsError(
                ObsErrorKind.AUTH_FAILED,
                f"OBS at {self.address} asks for a password, and none is set.",
            )
        return super()._build_auth_string(salt, challenge)

    def reidentify(self, subscriptions: int) -> None:
        """Receive the events of ``subscriptions`` (EVENTS_* bits) from now on."""
        self.subscriptions = subscriptions
        try:
            self._send_reidentify()
        except (websocket.WebSocketException, OSError) as exc:
            self._shutdown_socket()
            raise ObsError(
                ObsErrorKind.DISCONNECTED, f"Lost the connection to OBS at {self.address}."
            ) from exc

    def _send_reidentify(self) -> None:
        self.ws.send(json.dumps({"op": 3, "d": {"eventSubscriptions": self.subscriptions}}))

    def stalled_for(self, now: float) -> float:
        """How long OBS has sent nothing while a request of ours waited for its answer (one
        that timed out counts until OBS sends anything again); 0.0 when nothing waits."""
        with self._pending_lock:
            since = self._waiting_since
            heard = self._heard_at
        if since is None or now - since < _STALL_GRACE_S:
            return 0.0
        return now - heard

    def _heard(self) -> None:
        """On the receive thread, for every frame from OBS: it is alive."""
        now = time.monotonic()
        with self._pending_lock:
            self._heard_at = now
            if self._waiting_since is not None:
                self._waiting_since = now if self.events else None

    def request(self, request: Baserequests) -> dict[str, Any]:
        """Send one request and return the raw RequestResponse ``d`` (with requestStatus)."""
        done = threading.Event()
        with self._pending_lock:
            if not self._alive:
                raise ObsError(
                    ObsErrorKind.DISCONNECTED, self.lost_reason, request_type=request.name
                )
            request_id = str(next(self._ids))
            self.events[request_id] = done
            if self._waiting_since is None:
                self._waiting_since = time.monotonic()
        payload = {
            "op": 6,
            "d": {
                "requestType": request.name,
                "requestId": request_id,
                "requestData": request.data(),
            },
        }
        try:
            self.ws.send(json.dumps(payload))
            done.wait(self.timeout)
        except (websocket.WebSocketException, OSError) as exc:
            self._shutdown_socket()  # the receive thread ends and reports the loss
            raise ObsError(
                ObsErrorKind.DISCONNECTED,
                f"Lost the connection to OBS at {self.address}.",
                request_type=request.name,
            ) from exc
        finally:
            with self._pending_lock:
                self.events.pop(request_id, None)
                if done.is_set() and not self.events:
                    self._waiting_since = None  # answered (a timeout keeps it waiting)
        answer = self.answers.pop(request_id, None)
        if answer is not None:
            return answer
        if not self._alive:
            raise ObsError(ObsErrorKind.DISCONNECTED, self.lost_reason, request_type=request.name)
        raise ObsError(
            ObsErrorKind.TIMEOUT,
            f"OBS at {self.address} did not answer {request.name} within {self.timeout:g} s.",
            request_type=request.name,
        )

    def close(self) -> None:
        """End the session on purpose (no ``on_closed``) and wait for the receive thread."""
        self._closing = True
        thread = self.thread_recv
        if thread is not None:
            thread.running = False
        ws = self.ws
        if ws is not None and ws.connected:
            with contextlib.suppress(websocket.WebSocketException, OSError):
                ws.send_close()
        self._shutdown_socket()
        if thread is not None and thread is not threading.current_thread():
            thread.join(self.timeout)

    def disconnect(self) -> None:
        """obs-websocket-py's receive loop calls this when the server has closed the socket.
        Its own version joins the calling thread and fails before connect(); here it only
        wakes the receive loop, which then reports the loss through ``receive_ended``."""
        self._shutdown_socket()

    def receive_ended(self, error: Exception | None) -> None:
        """Called by the receive thread as its last act, whatever ended it."""
        self.lost_reason = self._describe_loss(error)
        with self._pending_lock:
            self._alive = False
            waiting = list(self.events.values())
        for done in waiting:
            done.set()
        if self.ws is not None:
            self.ws.shutdown()
        if not self._closing:
            self._on_closed(self)

    def _forward_event(self, event: Baseevents) -> None:
        self._on_event(event.name, event.datain or {})

    def _shutdown_socket(self) -> None:
        """Wake a thread blocked in recv() (closing the socket alone does not, on Linux)."""
        sock = self.ws.sock if self.ws is not None else None
        if sock is None:
            return
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)

    def _describe_loss(self, error: Exception | None) -> str:
        if self._closing:
            return f"Disconnected from OBS at {self.address}."
        code = self.ws.close_code if self.ws is not None else None
        if code == _CLOSE_GOING_AWAY:
            return f"OBS at {self.address} closed the connection (OBS is shutting down)."
        if code == _CLOSE_SESSION_INVALIDATED:
            return f"OBS at {self.address} ended the session (close code {code})."
        if code:
            return f"OBS at {self.address} closed the connection (close code {code})."
        if isinstance(error, ConnectionResetError):
            return f"The connection to OBS at {self.address} was reset."
        if error is not None:
            return (
                f"The connection to OBS at {self.address} failed ({type(error).__name__}: {error})."
            )
        return f"OBS at {self.address} closed the connection."

    def _connect_error(self, exc: Exception, close_code: int | None) -> ObsError:
        """Turn what websocket-client, obs-websocket-py and the OS raise into one ObsError."""
        where = f"OBS at {self.address}"
        if close_code == CLOSE_AUTHENTICATION_FAILED:
            return ObsError(ObsErrorKind.AUTH_FAILED, f"{where} rejected the password.")
        if isinstance(exc, ConnectionRefusedError):
            return ObsError(
                ObsErrorKind.NOT_RUNNING,
                f"Nothing answers at {self.address}: OBS is not running, or its WebSocket "
                "server is off (OBS: Tools > WebSocket Server Settings).",
            )
        if isinstance(exc, websocket.WebSocketAddressException):
            return ObsError(ObsErrorKind.NOT_RUNNING, f"Cannot find the host {self.host!r}.")
        if isinstance(exc, TimeoutError | websocket.WebSocketTimeoutException):
            return ObsError(
                ObsErrorKind.TIMEOUT, f"{where} did not answer within {self.timeout:g} s."
            )
        if close_code is not None or isinstance(
            exc, websocket.WebSocketConnectionClosedException | ConnectionError
        ):
            detail = f" (close code {close_code})" if close_code else ""
            return ObsError(
                ObsErrorKind.DISCONNECTED,
                f"{where} closed the connection during the handshake{detail}.",
            )
        if isinstance(
            exc, ConnectionFailure | websocket.WebSocketException | ValueError | LookupError
        ):
            return ObsError(
                ObsErrorKind.PROTOCOL,
                f"The server at {self.address} does not speak obs-websocket 5 "
                "(is this the right port?).",
            )
        if isinstance(exc, OSError):
            return ObsError(
                ObsErrorKind.NOT_RUNNING,
                f"Cannot reach OBS at {self.address}: {exc.strerror or exc}.",
            )
        return ObsError(
            ObsErrorKind.PROTOCOL,
            f"Unexpected answer from {where} ({type(exc).__name__}: {exc}).",
        )
