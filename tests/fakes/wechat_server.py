"""A local fake of the WeChat Mini Program live server API (shared/wechat-live-api.md).

It listens on 127.0.0.1 on a free port and speaks the contract: the same paths, methods, field
names and errcodes. The client under test only gets a different ``base_url``. It knows nothing
of the client (the paths below are written from the contract, not imported).

    with FakeWeChatServer() as server:
        room = server.add_room("春季新品", live_status=LIVE)
        goods = server.add_goods("保温杯", price_fen=1889)
        server.put_in_room(room.room_id, goods.goods_id)
        client = WeChatLiveClient(server.appid, server.secret, base_url=server.base_url)
        server.expire_token()          # the next API call answers 42001
        server.fail_next(45009)        # the next API call answers 45009
        server.calls(GOODS_PUSH)       # what the client sent: method, path, query, body

Tokens: ``stable_token`` checks grant_type/appid/secret. In normal mode it returns the current
token while more than ``renew_window`` seconds remain, otherwise a new one (the old one stays
valid until its own expiry, as on the platform). ``force_refresh=true`` revokes the current
token and issues a new one, at most once per 30 s (sooner calls get the same token back) and
20 times a day. Every API call checks ``access_token``: missing 41001, unknown 40014, revoked
40001, expired 42001.

Where the contract is silent, the fake chooses (and tests rely on it): push needs a live room
(101); changing a room's goods or comment ban needs a room that is live, not started or paused
(101/102/105), else 300023; goods not in the room answer 300024; push_message needs a live room
(9410006) and, once any room has pushed today, answers 9410005 for every other room (the same
room may send further batches of its 2000-openid pages).

Faults: ``fail_next`` (an errcode), ``html_next`` (an HTML error page), ``non_json_next`` (a cut
JSON body) and ``slow_next`` (answers after a delay) each apply to the next ``times`` API calls,
or only to calls of ``path``. They skip ``stable_token`` unless ``path`` names it.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

APPID = "wx5f1e2d3c4b5a6978"
SECRET = "fake-appsecret-9c1d7e3f2a"

TOKEN_PATH = "/cgi-bin/stable_token"
GET_LIVE_INFO = "/wxa/business/getliveinfo"
PUSH_MESSAGE = "/wxa/business/push_message"
ROOM_ADD_GOODS = "/wxaapi/broadcast/room/addgoods"
ROOM_UPDATE_COMMENT = "/wxaapi/broadcast/room/updatecomment"
ROOM_UPDATE_REPLAY = "/wxaapi/broadcast/room/updatereplay"
ROOM_ADD_ASSISTANT = "/wxaapi/broadcast/room/addassistant"
ROOM_PUSH_URL = "/wxaapi/broadcast/room/getpushurl"
ROOM_SHARE_CODE = "/wxaapi/broadcast/room/getsharedcode"
GOODS_PUSH = "/wxaapi/broadcast/goods/push"
GOODS_ON_SALE = "/wxaapi/broadcast/goods/onsale"
GOODS_SORT = "/wxaapi/broadcast/goods/sort"
GOODS_DELETE_IN_ROOM = "/wxaapi/broadcast/goods/deleteInRoom"
GOODS_APPROVED = "/wxaapi/broadcast/goods/getapproved"

LIVE, NOT_STARTED, ENDED, BANNED, PAUSED, ABNORMAL, EXPIRED = range(101, 108)
ROOM_EDITABLE = frozenset({LIVE, NOT_STARTED, PAUSED})
MAX_REMINDER_OPENIDS = 2000
FORCE_REFRESH_SPACING = 30.0
FORCE_REFRESH_PER_DAY = 20

HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)
CUT_JSON = b'{"errcode":0,"errmsg":"ok","room_in'

Json = dict[str, Any]


class _Refusal(Exception):
    """Raised inside an endpoint to answer with an errcode."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(errmsg)
        self.errcode = errcode
        self.errmsg = errmsg


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    body: Any  # the decoded JSON body, the raw text if it was not JSON, or None

    @property
    def token(self) -> str | None:
        return self.query.get("access_token")


@dataclass
class FakeGoods:
    goods_id: int
    name: str
    price_fen: int = 9900
    price2_fen: int = 0
    price_type: int = 1
    cover_img_url: str = ""
    url: str = ""
    audit_status: int = 2  # 0 unaudited, 1 auditing, 2 approved, 3 rejected


@dataclass
class FakeRoom:
    room_id: int
    name: str
    live_status: int = NOT_STARTED
    anchor_name: str = "主播小林"
    start_time: int = 1_767_240_000
    end_time: int = 1_767_254_400
    live_type: int = 1
    screen_type: int = 0
    close_like: int = 0
    close_goods: int = 0
    close_comment: int = 0
    close_kf: int = 1
    close_replay: int = 1
    is_feeds_public: int = 1
    goods: list[int] = field(default_factory=list)
    on_sale: dict[int, bool] = field(default_factory=dict)
    pushed: list[int] = field(default_factory=list)
    comment_banned: bool = False
    assistants: list[dict[str, str]] = field(default_factory=list)
    reminders: list[list[str]] = field(default_factory=list)


@dataclass
class _Token:
    value: str
    expires_at: float
    state: str = "valid"  # valid | expired | revoked


@dataclass
class _Fault:
    kind: str  # errcode | html | non_json | slow
    remaining: int
    path: str | None
    errcode: int = 0
    errmsg: str = ""
    status: int = 502
    delay: float = 0.0
    skip: int = 0  # let this many matching calls through first


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeWeChatServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout) leaves a broken pipe behind: not an error here.
        return


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            status, content_type, payload = self.server.fake.handle(method, self.path, raw)
        except Exception:  # a bug in the fake: answer 500 and keep it for the test to see
            self.server.fake.crashes.append(traceback.format_exc())
            status, content_type, payload = 500, "text/plain", b"fake server crashed"
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: Any) -> None:
        return  # the request line carries the access token; keep it off stderr


def _json(payload: Json, status: int = 200) -> tuple[int, str, bytes]:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return status, "application/json; encoding=utf-8", body


def _int_field(data: Json, name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Refusal(200002, f"invalid parameter: {name}")
    return value


def _query_int(query: dict[str, str], name: str, default: int | None = None) -> int:
    text = query.get(name)
    if text is None and default is not None:
        return default
    if text is None or not text.lstrip("-").isdigit():
        raise _Refusal(200002, f"invalid parameter: {name}")
    return int(text)


def _flag_field(data: Json, name: str) -> int:
    value = _int_field(data, name)
    if value not in (0, 1):
        raise _Refusal(200002, f"invalid parameter: {name}")
    return value


class FakeWeChatServer:
    """The fake API. Configure it before or during a test; it is safe to use from any thread."""

    def __init__(
        self,
        appid: str = APPID,
        secret: str = SECRET,
        *,
        expires_in: int = 7200,
        renew_window: float = 300.0,
        room_page_cap: int = 50,
        approved_page_cap: int = 100,
        room_goods_cap: int = 200,
        token_delay: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.appid = appid
        self.secret = secret
        self.expires_in = expires_in
        self.renew_window = renew_window
        self.room_page_cap = room_page_cap
        self.approved_page_cap = approved_page_cap
        self.room_goods_cap = room_goods_cap
        self.token_delay = token_delay
        self.clock = clock
        self.rooms: dict[int, FakeRoom] = {}
        self.goods: dict[int, FakeGoods] = {}
        self.issued_tokens: list[str] = []
        self.reminder_room_today: int | None = None
        self.crashes: list[str] = []  # tracebacks of bugs in the fake itself
        self._lock = threading.RLock()
        self._requests: list[RecordedRequest] = []
        self._faults: list[_Fault] = []
        self._tokens: dict[str, _Token] = {}
        self._current: _Token | None = None
        self._last_force: float | None = None
        self._forces_today = 0
        self._next_room_id = 1001
        self._next_goods_id = 1
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ----------------------------------------------------------- lifecycle

    def start(self) -> FakeWeChatServer:
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.fake = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-wechat",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> FakeWeChatServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("start the fake server first")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    # --------------------------------------------------------------- model

    def add_room(
        self, name: str = "", *, live_status: int = NOT_STARTED, **fields: Any
    ) -> FakeRoom:
        with self._lock:
            room_id = fields.pop("room_id", self._next_room_id)
            self._next_room_id = max(self._next_room_id, room_id) + 1
            room = FakeRoom(room_id, name or f"直播间{room_id}", live_status, **fields)
            self.rooms[room_id] = room
            return room

    def add_goods(self, name: str = "", *, price_fen: int = 9900, **fields: Any) -> FakeGoods:
        with self._lock:
            goods_id = self._next_goods_id
            self._next_goods_id += 1
            goods = FakeGoods(
                goods_id,
                name or f"商品{goods_id}",
                price_fen,
                cover_img_url=fields.pop(
                    "cover_img_url", f"https://mmbiz.example/goods/{goods_id}.jpg"
                ),
                url=fields.pop("url", f"pages/goods/detail?id={goods_id}"),
                **fields,
            )
            self.goods[goods_id] = goods
            return goods

    def put_in_room(self, room_id: int, *goods_ids: int) -> None:
        with self._lock:
            room = self.rooms[room_id]
            for goods_id in goods_ids:
                if goods_id not in room.goods:
                    room.goods.append(goods_id)
                    room.on_sale[goods_id] = True

    def set_live_status(self, room_id: int, live_status: int) -> None:
        with self._lock:
            self.rooms[room_id].live_status = live_status

    def new_day(self) -> None:
        """Midnight: the daily reminder and force-refresh allowances start again."""
        with self._lock:
            self.reminder_room_today = None
            self._forces_today = 0

    # -------------------------------------------------------------- tokens

    @property
    def current_token(self) -> str | None:
        with self._lock:
            return self._current.value if self._current else None

    def expire_token(self) -> None:
        """The current token expires now: API calls with it get 42001."""
        with self._lock:
            if self._current is not None:
                self._current.state = "expired"

    def invalidate_token(self) -> None:
        """The current token is revoked (as by a force refresh elsewhere): calls get 40001."""
        with self._lock:
            if self._current is not None:
                self._current.state = "revoked"

    # -------------------------------------------------------------- faults

    def fail_next(
        self,
        errcode: int,
        times: int = 1,
        *,
        errmsg: str | None = None,
        path: str | None = None,
        after: int = 0,
    ) -> None:
        """Answer ``errcode`` to the next ``times`` calls (after letting ``after`` through)."""
        message = errmsg if errmsg is not None else f"injected error {errcode}"
        fault = _Fault("errcode", times, path, errcode=errcode, errmsg=message, skip=after)
        self._add_fault(fault)

    def html_next(self, times: int = 1, *, status: int = 502, path: str | None = None) -> None:
        self._add_fault(_Fault("html", times, path, status=status))

    def non_json_next(self, times: int = 1, *, path: str | None = None) -> None:
        self._add_fault(_Fault("non_json", times, path))

    def slow_next(self, seconds: float, times: int = 1, *, path: str | None = None) -> None:
        """Answer (normally, state changes included) only after ``seconds``."""
        self._add_fault(_Fault("slow", times, path, delay=seconds))

    def _add_fault(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, path: str) -> _Fault | None:
        for fault in self._faults:
            applies = fault.path == path if fault.path else path != TOKEN_PATH
            if applies and fault.skip > 0:
                fault.skip -= 1
                return None
            if applies:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    # ------------------------------------------------------------- records

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def calls(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    @property
    def token_calls(self) -> list[RecordedRequest]:
        return self.calls(TOKEN_PATH)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    # ------------------------------------------------------------ dispatch

    def handle(self, method: str, target: str, raw: bytes) -> tuple[int, str, bytes]:
        split = urlsplit(target)
        path = split.path
        query = {k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        body: Any = None
        body_is_json = True
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body, body_is_json = raw.decode("utf-8", "replace"), False
        with self._lock:
            self._requests.append(RecordedRequest(method, path, query, body))
            fault = self._take_fault(path)
        if fault is not None:
            if fault.kind == "html":
                return fault.status, "text/html", HTML_502
            if fault.kind == "non_json":
                return 200, "application/json", CUT_JSON
            if fault.kind == "errcode":
                return _json({"errcode": fault.errcode, "errmsg": fault.errmsg})
            self._stopping.wait(fault.delay)
        if not body_is_json:
            return _json({"errcode": 47001, "errmsg": "data format error"})
        if path == TOKEN_PATH:
            if self.token_delay:
                time.sleep(self.token_delay)
            return self._answer(lambda: self._stable_token(method, body))
        route = _ROUTES.get(path)
        if route is None:
            return _json({"errcode": 40066, "errmsg": "invalid url"}, status=404)
        expected, endpoint = route
        if method != expected:
            code = 43001 if expected == "GET" else 43002
            return _json({"errcode": code, "errmsg": f"require {expected} method"})
        data = query if expected == "GET" else body
        if not isinstance(data, dict):
            return _json({"errcode": 47001, "errmsg": "data format error"})
        return self._answer(lambda: self._call(query.get("access_token"), endpoint, data))

    def _answer(self, produce: Callable[[], Json]) -> tuple[int, str, bytes]:
        try:
            payload = produce()
        except _Refusal as refusal:
            payload = {"errcode": refusal.errcode, "errmsg": refusal.errmsg}
        return _json({"errcode": 0, "errmsg": "ok", **payload})

    def _call(self, token: str | None, endpoint: Callable[..., Json], data: Json) -> Json:
        with self._lock:
            self._check_token(token)
            return endpoint(self, data)

    def _check_token(self, token: str | None) -> None:
        if not token:
            raise _Refusal(41001, "access_token missing")
        state = self._tokens.get(token)
        if state is None:
            raise _Refusal(40014, "invalid access_token")
        if state.state == "revoked":
            raise _Refusal(40001, "invalid credential, access_token is invalid or not latest")
        if state.state == "expired" or self.clock() >= state.expires_at:
            raise _Refusal(42001, "access_token expired")

    def _stable_token(self, method: str, body: Any) -> Json:
        if method != "POST":
            raise _Refusal(43002, "require POST method")
        if not isinstance(body, dict):
            raise _Refusal(47001, "data format error")
        if body.get("grant_type") != "client_credential":
            raise _Refusal(40002, "invalid grant_type")
        if body.get("appid") != self.appid:
            raise _Refusal(40013, "invalid appid")
        if body.get("secret") != self.secret:
            raise _Refusal(40125, "invalid appsecret")
        force = body.get("force_refresh", False)
        if not isinstance(force, bool):
            raise _Refusal(47001, "data format error: force_refresh")
        now = self.clock()
        with self._lock:
            current = self._current
            if force:
                too_soon = self._last_force is not None and (
                    now - self._last_force < FORCE_REFRESH_SPACING
                )
                if too_soon and current is not None:
                    return self._token_answer(current, now)
                if self._forces_today >= FORCE_REFRESH_PER_DAY:
                    raise _Refusal(45009, "reach max api daily quota limit")
                self._last_force = now
                self._forces_today += 1
                if current is not None:
                    current.state = "revoked"
                return self._token_answer(self._issue(now), now)
            usable = (
                current is not None
                and current.state == "valid"
                and current.expires_at - now > self.renew_window
            )
            return self._token_answer(current if usable else self._issue(now), now)

    def _issue(self, now: float) -> _Token:
        token = _Token("ACCESS_TOKEN_" + secrets.token_hex(40), now + self.expires_in)
        self._tokens[token.value] = token
        self._current = token
        self.issued_tokens.append(token.value)
        return token

    @staticmethod
    def _token_answer(token: _Token, now: float) -> Json:
        return {"access_token": token.value, "expires_in": int(token.expires_at - now)}

    # ----------------------------------------------------------- endpoints

    def _room(self, room_id: int) -> FakeRoom:
        room = self.rooms.get(room_id)
        if room is None:
            raise _Refusal(300022, "room not exist")
        return room

    def _editable_room(self, data: Json) -> FakeRoom:
        room = self._room(_int_field(data, "roomId"))
        if room.live_status not in ROOM_EDITABLE:
            raise _Refusal(300023, "room status forbids this operation")
        return room

    def _goods_in_room(self, room: FakeRoom, goods_id: int) -> int:
        if goods_id not in room.goods:
            raise _Refusal(300024, "goods not exist")
        return goods_id

    def _room_json(self, room: FakeRoom) -> Json:
        goods = []
        for goods_id in room.goods:
            item = self.goods[goods_id]
            goods.append(
                {
                    "cover_img": item.cover_img_url,
                    "url": item.url,
                    "name": item.name,
                    "price": item.price_fen,
                    "price2": item.price2_fen,
                    "price_type": item.price_type,
                    "goods_id": item.goods_id,
                    "third_party_appid": "",
                }
            )
        return {
            "name": room.name,
            "roomid": room.room_id,
            "cover_img": f"https://mmbiz.example/room/{room.room_id}/cover.jpg",
            "share_img": f"https://mmbiz.example/room/{room.room_id}/share.jpg",
            "feeds_img": f"https://mmbiz.example/room/{room.room_id}/feeds.jpg",
            "anchor_img": f"https://mmbiz.example/room/{room.room_id}/anchor.jpg",
            "live_status": room.live_status,
            "start_time": room.start_time,
            "end_time": room.end_time,
            "anchor_name": room.anchor_name,
            "goods": goods,
            "live_type": room.live_type,
            "screen_type": room.screen_type,
            "close_like": room.close_like,
            "close_goods": room.close_goods,
            "close_comment": room.close_comment,
            "close_kf": room.close_kf,
            "close_replay": room.close_replay,
            "is_feeds_public": room.is_feeds_public,
            "creater_openid": "",
        }

    def _get_live_info(self, data: Json) -> Json:
        start = _int_field(data, "start")
        limit = _int_field(data, "limit")
        if start < 0 or not 0 < limit <= 100:
            raise _Refusal(200002, "invalid parameter: start/limit")
        rooms = list(self.rooms.values())
        if start >= len(rooms):
            return {
                "errcode": 9410000,
                "errmsg": "no room info",
                "total": len(rooms),
                "room_info": [],
            }
        page = rooms[start : start + min(limit, self.room_page_cap)]
        return {"total": len(rooms), "room_info": [self._room_json(room) for room in page]}

    def _push_url(self, query: Json) -> Json:
        room = self._room(_query_int(query, "roomId"))
        return {
            "pushAddr": f"rtmp://livepush.example.com/live/{room.room_id}"
            f"?txSecret=fake{room.room_id}&txTime=6A1B2C3D"
        }

    def _share_code(self, query: Json) -> Json:
        room = self._room(_query_int(query, "roomId"))
        page = (
            f"plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id={room.room_id}"
        )
        if query.get("params"):
            try:
                json.loads(query["params"])  # URL-encoded JSON, says the contract
            except ValueError:
                raise _Refusal(200002, "invalid parameter: params") from None
            page += "&custom_params=" + quote(query["params"], safe="")
        return {
            "cdnUrl": f"https://mmbiz.example/qrcode/{room.room_id}.png",
            "pagePath": page,
            "posterUrl": f"https://mmbiz.example/poster/{room.room_id}.png",
        }

    def _add_assistant(self, data: Json) -> Json:
        room = self._room(_int_field(data, "roomId"))
        users = data.get("users")
        if not isinstance(users, list) or not users:
            raise _Refusal(200002, "invalid parameter: users")
        for user in users:
            if not (
                isinstance(user, dict)
                and isinstance(user.get("username"), str)
                and isinstance(user.get("nickname"), str)
            ):
                raise _Refusal(200002, "invalid parameter: users")
            room.assistants.append({"username": user["username"], "nickname": user["nickname"]})
        return {}

    def _update_replay(self, data: Json) -> Json:
        room = self._room(_int_field(data, "roomId"))
        room.close_replay = _flag_field(data, "closeReplay")
        return {}

    def _update_comment(self, data: Json) -> Json:
        ban = _flag_field(data, "banComment")
        room = self._editable_room(data)
        room.comment_banned = bool(ban)
        return {}

    def _add_goods(self, data: Json) -> Json:
        ids = data.get("ids")
        if not isinstance(ids, list) or not ids or not all(type(i) is int for i in ids):
            raise _Refusal(200002, "invalid parameter: ids")
        room = self._editable_room(data)
        for goods_id in ids:
            goods = self.goods.get(goods_id)
            if goods is None:
                raise _Refusal(300024, "goods not exist")
            if goods.audit_status != 2:
                raise _Refusal(300025, "goods not approved")
        new = [goods_id for goods_id in dict.fromkeys(ids) if goods_id not in room.goods]
        if len(room.goods) >= self.room_goods_cap:
            raise _Refusal(300026, "room goods is full")
        if len(room.goods) + len(new) > self.room_goods_cap:
            raise _Refusal(300033, "exceed room goods limit")
        self.put_in_room(room.room_id, *new)
        return {}

    def _on_sale(self, data: Json) -> Json:
        on_sale = _flag_field(data, "onSale")
        room = self._editable_room(data)
        goods_id = self._goods_in_room(room, _int_field(data, "goodsId"))
        room.on_sale[goods_id] = bool(on_sale)
        return {}

    def _delete_in_room(self, data: Json) -> Json:
        room = self._editable_room(data)
        goods_id = self._goods_in_room(room, _int_field(data, "goodsId"))
        room.goods.remove(goods_id)
        room.on_sale.pop(goods_id, None)
        return {}

    def _push(self, data: Json) -> Json:
        room = self._room(_int_field(data, "roomId"))
        if room.live_status != LIVE:
            raise _Refusal(300023, "room status forbids this operation")
        room.pushed.append(self._goods_in_room(room, _int_field(data, "goodsId")))
        return {}

    def _sort(self, data: Json) -> Json:
        room = self._editable_room(data)
        goods = data.get("goods")
        if not isinstance(goods, list) or not goods:
            raise _Refusal(200002, "invalid parameter: goods")
        order: list[int] = []
        for item in goods:
            value = item.get("goodsId") if isinstance(item, dict) else None
            if not isinstance(value, str) or not value.isdigit():
                raise _Refusal(200002, "invalid parameter: goodsId")
            order.append(self._goods_in_room(room, int(value)))
        room.goods = order + [g for g in room.goods if g not in order]
        return {}

    def _approved(self, query: Json) -> Json:
        offset = _query_int(query, "offset", 0)
        limit = _query_int(query, "limit", 30)
        status = _query_int(query, "status")
        if offset < 0 or not 0 < limit <= 100 or status not in (0, 1, 2, 3):
            raise _Refusal(200002, "invalid parameter: offset/limit/status")
        matching = [g for g in self.goods.values() if g.audit_status == status]
        page = matching[offset : offset + min(limit, self.approved_page_cap)]
        return {
            "total": len(matching),
            "goods": [
                {
                    "goodsId": g.goods_id,
                    "coverImgUrl": g.cover_img_url,
                    "name": g.name,
                    "priceType": g.price_type,
                    "price": g.price_fen / 100,
                    "price2": g.price2_fen / 100,
                    "url": g.url,
                    "thirdPartyTag": 2,
                    "auditStatus": g.audit_status,
                }
                for g in page
            ],
        }

    def _push_message(self, data: Json) -> Json:
        room = self._room(_int_field(data, "room_id"))
        openids = data.get("user_openid")
        if (
            not isinstance(openids, list)
            or not 0 < len(openids) <= MAX_REMINDER_OPENIDS
            or not all(isinstance(o, str) and o for o in openids)
        ):
            raise _Refusal(200002, "invalid parameter: user_openid")
        if room.live_status != LIVE:
            raise _Refusal(9410006, "room is not living")
        if self.reminder_room_today not in (None, room.room_id):
            raise _Refusal(9410005, "already pushed today")
        self.reminder_room_today = room.room_id
        room.reminders.append(list(openids))
        return {"message_id": f"msg-{room.room_id}-{len(room.reminders)}"}


_ROUTES: dict[str, tuple[str, Callable[[FakeWeChatServer, Json], Json]]] = {
    GET_LIVE_INFO: ("POST", FakeWeChatServer._get_live_info),
    PUSH_MESSAGE: ("POST", FakeWeChatServer._push_message),
    ROOM_ADD_GOODS: ("POST", FakeWeChatServer._add_goods),
    ROOM_UPDATE_COMMENT: ("POST", FakeWeChatServer._update_comment),
    ROOM_UPDATE_REPLAY: ("POST", FakeWeChatServer._update_replay),
    ROOM_ADD_ASSISTANT: ("POST", FakeWeChatServer._add_assistant),
    ROOM_PUSH_URL: ("GET", FakeWeChatServer._push_url),
    ROOM_SHARE_CODE: ("GET", FakeWeChatServer._share_code),
    GOODS_PUSH: ("POST", FakeWeChatServer._push),
    GOODS_ON_SALE: ("POST", FakeWeChatServer._on_sale),
    GOODS_SORT: ("POST", FakeWeChatServer._sort),
    GOODS_DELETE_IN_ROOM: ("POST", FakeWeChatServer._delete_in_room),
    GOODS_APPROVED: ("GET", FakeWeChatServer._approved),
}
