"""The WeChat Mini Program live (小程序直播) server API client and the ``wechat`` connector.

Field names, paths and codes follow shared/wechat-live-api.md. What the client does beyond
plain HTTP calls, and why:

- Access token: one stable_token (POST ``cgi-bin/stable_token``, normal mode) shared by every
  call and thread, fetched under a lock (callers arriving together trigger one fetch) and kept
  until ``token_refresh_margin`` seconds before ``expires_in``. On 40001/40014/42001 the client
  drops that token, fetches again in normal mode and retries the call once. It never sends
  ``force_refresh=true``: WeChat reserves it for a leaked token (20 a day, 30 s apart), and
  it invalidates the token of every other desk sharing the AppID. Normal mode already
  returns the newest valid token, renewed by the platform 5 minutes before expiry.
- -1 (system busy) is retried ``busy_retries`` times, waiting ``busy_backoff`` × 2ⁿ seconds.
  45009/45011 (quota, frequency) are never retried: retrying only burns more quota.
- Network errors and timeouts are not retried either: a push that timed out may have reached
  the room, and pushing twice pops the card twice. The error says so.
- Secrets: the AppSecret and access tokens never reach logs, error texts or reprs. The token
  has to travel in the query string (``?access_token=``), so a filter on urllib3's logger
  masks it in urllib3's debug lines too.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

import requests

from console.actions import (
    Action,
    BanAllComments,
    Capability,
    ImportGoods,
    PushGoods,
    SetGoodsOnSale,
    SortGoods,
)
from console.events import RoomStatus
from console.goods import GoodsItem
from console.log import platform as log
from console.platforms.base import Connector, EventSink
from console.platforms.wechat_errors import (
    BUSY,
    EMPTY_ROOM_LIST,
    TOKEN_ERROR_CODES,
    ErrorKind,
    WeChatApiError,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "LIVE_STATUS_NAMES",
    "MIN_POLL_INTERVAL",
    "ErrorKind",
    "Goods",
    "Room",
    "ShareCode",
    "WeChatApiError",
    "WeChatConnector",
    "WeChatLiveClient",
    "goods_item",
]

DEFAULT_BASE_URL = "https://api.weixin.qq.com"

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

ROOM_PAGE_SIZE = 50  # the docs say "keep under 100"; servers are reported to cap pages at 50
GOODS_PAGE_SIZE = 100  # getapproved allows at most 100
APPROVED = 2  # getapproved status: audit passed
REMINDER_BATCH = 2000  # push_message takes at most 2000 openids per call
MAX_PAGES = 1000  # a server that keeps answering pages without end must not hang the console

LIVE_STATUS_NAMES: dict[int, str] = {
    101: "live",
    102: "not_started",
    103: "ended",
    104: "banned",
    105: "paused",
    106: "abnormal",
    107: "expired",
}

_TOKEN_IN_TEXT = re.compile(r"(access_token=)[^&\s\"']+")
_CENT = Decimal("0.01")


class _Hidden(str):
    """A secret string whose repr never shows it (debuggers, ``vars()``, pytest locals)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'***'"


def _mask_tokens(text: str) -> str:
    return _TOKEN_IN_TEXT.sub(r"\1***", text)


class _MaskAccessTokens(logging.Filter):
    """urllib3 logs each request line with its query string; mask the token there."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _mask_tokens(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if isinstance(record.msg, str):
            record.msg = _mask_tokens(record.msg)
        return True


_URLLIB3_LOGGER = logging.getLogger("urllib3.connectionpool")
if not any(isinstance(f, _MaskAccessTokens) for f in _URLLIB3_LOGGER.filters):
    _URLLIB3_LOGGER.addFilter(_MaskAccessTokens())


@dataclass(frozen=True, slots=True)
class Goods:
    """A goods item. Prices are exact yuan with two decimals (getliveinfo sends fen)."""

    goods_id: str
    name: str
    cover_img_url: str
    price: Decimal
    price2: Decimal
    price_type: int  # 1 fixed price; 2 range price..price2; 3 discount: price original, price2 now
    url: str


@dataclass(frozen=True, slots=True)
class Room:
    """A live room as getliveinfo describes it. Times are UTC; image fields are URLs."""

    room_id: int
    name: str
    live_status: int
    start_time: datetime
    end_time: datetime
    anchor_name: str
    cover_img_url: str
    share_img_url: str
    feeds_img_url: str
    anchor_img_url: str
    live_type: int  # 1 push stream (OBS), 0 phone
    screen_type: int  # 1 landscape, 0 portrait
    close_like: bool
    close_goods: bool
    close_comment: bool
    close_kf: bool
    close_replay: bool
    is_feeds_public: bool
    goods: tuple[Goods, ...] = ()

    @property
    def status(self) -> str | None:
        """The console.events.ROOM_STATUSES name, or None for a code the contract lacks."""
        return LIVE_STATUS_NAMES.get(self.live_status)


@dataclass(frozen=True, slots=True)
class ShareCode:
    cdn_url: str  # the QR code image
    page_path: str
    poster_url: str


def _bad_shape(path: str, what: str) -> WeChatApiError:
    error = WeChatApiError(
        ErrorKind.BAD_RESPONSE,
        "微信服务器返回的数据格式不对，请稍后重试",
        "The WeChat server's answer has an unexpected format; try again shortly",
        path=path,
        log_text=f"{path}: unexpected answer ({what})",
    )
    log.warning("WeChat call failed: %s", error.log_text)
    return error


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _int(value: Any) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise TypeError("a boolean is not an integer here")
    if isinstance(value, Decimal) and value != value.to_integral_value():
        raise ValueError(f"{value} is not an integer")
    return int(value)


def _flag(value: Any) -> bool:
    return _int(value) == 1


def _yuan(value: Any) -> Decimal:
    if value is None or value == "":
        return Decimal("0.00")
    if isinstance(value, bool | float):
        raise TypeError("price must be an exact number")
    return Decimal(str(value)).quantize(_CENT)


def _fen(value: Any) -> Decimal:
    return Decimal(_int(value)).scaleb(-2).quantize(_CENT)


def _utc(seconds: Any) -> datetime:
    return datetime.fromtimestamp(_int(seconds), tz=UTC)


def _room_goods_item(raw: Mapping[str, Any]) -> Goods:
    """An item of getliveinfo's ``goods[]``: snake_case, prices in fen."""
    return Goods(
        goods_id=_text(raw["goods_id"]),
        name=_text(raw.get("name")),
        cover_img_url=_text(raw.get("cover_img")),
        price=_fen(raw.get("price")),
        price2=_fen(raw.get("price2")),
        price_type=_int(raw.get("price_type")),
        url=_text(raw.get("url")),
    )


def _approved_goods_item(raw: Mapping[str, Any]) -> Goods:
    """An item of getapproved's ``goods[]``: camelCase, prices in yuan."""
    return Goods(
        goods_id=_text(raw["goodsId"]),
        name=_text(raw.get("name")),
        cover_img_url=_text(raw.get("coverImgUrl")),
        price=_yuan(raw.get("price")),
        price2=_yuan(raw.get("price2")),
        price_type=_int(raw.get("priceType")),
        url=_text(raw.get("url")),
    )


def _room(raw: Mapping[str, Any]) -> Room:
    return Room(
        room_id=_int(raw["roomid"]),
        name=_text(raw.get("name")),
        live_status=_int(raw.get("live_status")),
        start_time=_utc(raw.get("start_time")),
        end_time=_utc(raw.get("end_time")),
        anchor_name=_text(raw.get("anchor_name")),
        cover_img_url=_text(raw.get("cover_img")),
        share_img_url=_text(raw.get("share_img")),
        feeds_img_url=_text(raw.get("feeds_img")),
        anchor_img_url=_text(raw.get("anchor_img")),
        live_type=_int(raw.get("live_type", raw.get("type"))),
        screen_type=_int(raw.get("screen_type")),
        close_like=_flag(raw.get("close_like")),
        close_goods=_flag(raw.get("close_goods")),
        close_comment=_flag(raw.get("close_comment")),
        close_kf=_flag(raw.get("close_kf")),
        close_replay=_flag(raw.get("close_replay")),
        is_feeds_public=_flag(raw.get("is_feeds_public")),
        goods=tuple(_room_goods_item(item) for item in raw.get("goods") or ()),
    )


def _parse(path: str, build: Callable[[], Any]) -> Any:
    """Run ``build`` over an answer; a missing or mistyped field becomes a bad_response error."""
    try:
        return build()
    except (KeyError, TypeError, ValueError, InvalidOperation, AttributeError) as exc:
        raise _bad_shape(path, f"{type(exc).__name__}: {exc}") from None


def _room_id(room_id: int) -> int:
    if isinstance(room_id, bool) or not isinstance(room_id, int) or room_id <= 0:
        raise ValueError(f"room_id must be a positive integer, not {room_id!r}")
    return room_id


def _goods_id(goods_id: str | int) -> int:
    """WeChat goods ids are integers; the console carries them as strings."""
    text = str(goods_id).strip()
    if isinstance(goods_id, bool) or not text.isdigit():
        raise ValueError(f"goods_id must be a number, not {goods_id!r}")
    return int(text)


class WeChatLiveClient:
    """A thin, thread-safe client for the live-room endpoints of the WeChat server API.

    ``busy_retries`` and ``busy_backoff`` tune the -1 retries; ``token_refresh_margin`` is how
    long before expiry a token is replaced; ``clock`` (monotonic seconds) and ``sleep`` are
    there for tests.
    """

    def __init__(
        self,
        appid: str,
        secret: str,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 10.0,
        *,
        busy_retries: int = 3,
        busy_backoff: float = 0.5,
        token_refresh_margin: float = 120.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not appid or not secret:
            raise ValueError("both the AppID and the AppSecret are required")
        if timeout <= 0:
            raise ValueError("timeout must be > 0")
        if busy_retries < 0 or busy_backoff < 0 or token_refresh_margin < 0:
            raise ValueError("busy_retries, busy_backoff and token_refresh_margin must be >= 0")
        self.appid = appid
        self._secret = _Hidden(secret)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.busy_retries = busy_retries
        self.busy_backoff = busy_backoff
        self.token_refresh_margin = token_refresh_margin
        self._clock = clock
        self._sleep = sleep
        self._session = requests.Session()
        self._session.headers["User-Agent"] = "LiveDesk"
        self._token_lock = threading.Lock()
        self._token: _Hidden | None = None
        self._token_deadline = 0.0

    def __repr__(self) -> str:
        return f"WeChatLiveClient(appid={self.appid!r}, base_url={self.base_url!r})"

    def close(self) -> None:
        self._session.close()

    # ----------------------------------------------------------------- rooms

    def list_rooms(self) -> list[Room]:
        """Every room of the mini program, in the order the platform lists them."""
        return list(self._rooms())

    def get_room(self, room_id: int) -> Room:
        """One room (pages through getliveinfo until it appears; there is no room filter)."""
        room_id = _room_id(room_id)
        for room in self._rooms():
            if room.room_id == room_id:
                return room
        raise WeChatApiError.from_errcode(
            300022, f"room {room_id} is not in getliveinfo", path=GET_LIVE_INFO, method="POST"
        )

    def room_goods(self, room_id: int) -> list[Goods]:
        """The goods imported into a room, in the room's order."""
        return list(self.get_room(room_id).goods)

    def set_comment_ban(self, room_id: int, banned: bool) -> None:
        """全局禁言: ban (or allow again) all comments in the room."""
        self._post(ROOM_UPDATE_COMMENT, {"roomId": _room_id(room_id), "banComment": int(banned)})

    def set_replay(self, room_id: int, enabled: bool) -> None:
        body = {"roomId": _room_id(room_id), "closeReplay": 0 if enabled else 1}
        self._post(ROOM_UPDATE_REPLAY, body)

    def add_assistant(self, room_id: int, username: str, nickname: str) -> None:
        """Make a WeChat user (by WeChat ID) a 小助手 of the room."""
        users = [{"username": username, "nickname": nickname}]
        self._post(ROOM_ADD_ASSISTANT, {"roomId": _room_id(room_id), "users": users})

    def get_push_url(self, room_id: int) -> str:
        """The RTMP push address for OBS (server and stream key in one URL)."""
        data = self._request("GET", ROOM_PUSH_URL, query={"roomId": _room_id(room_id)})
        push_addr = data.get("pushAddr")
        if not isinstance(push_addr, str) or not push_addr:
            raise _bad_shape(ROOM_PUSH_URL, "no pushAddr")
        return push_addr

    def get_share_code(self, room_id: int, params: Mapping[str, Any] | None = None) -> ShareCode:
        """The room's QR code, page path and poster; ``params`` become custom share params."""
        query: dict[str, Any] = {"roomId": _room_id(room_id)}
        if params:
            query["params"] = json.dumps(dict(params), ensure_ascii=False, separators=(",", ":"))
        data = self._request("GET", ROOM_SHARE_CODE, query=query)
        return _parse(
            ROOM_SHARE_CODE,
            lambda: ShareCode(
                cdn_url=_text(data["cdnUrl"]),
                page_path=_text(data["pagePath"]),
                poster_url=_text(data["posterUrl"]),
            ),
        )

    # ----------------------------------------------------------------- goods

    def push_goods(self, room_id: int, goods_id: str | int) -> None:
        """推送商品: pop the goods card up on viewers' screens (the room must be live)."""
        self._post(GOODS_PUSH, {"roomId": _room_id(room_id), "goodsId": _goods_id(goods_id)})

    def set_goods_on_sale(self, room_id: int, goods_id: str | int, on_sale: bool) -> None:
        body = {"roomId": _room_id(room_id), "goodsId": _goods_id(goods_id), "onSale": int(on_sale)}
        self._post(GOODS_ON_SALE, body)

    def sort_goods(self, room_id: int, goods_ids: Sequence[str | int]) -> None:
        """Put the room's goods in this order (the API takes the ids as strings)."""
        goods = [{"goodsId": str(_goods_id(goods_id))} for goods_id in goods_ids]
        self._post(GOODS_SORT, {"roomId": _room_id(room_id), "goods": goods})

    def import_goods(self, room_id: int, goods_ids: Sequence[str | int]) -> None:
        """Add approved goods from the library to the room (additive)."""
        ids = [_goods_id(goods_id) for goods_id in goods_ids]
        if not ids:
            raise ValueError("import_goods needs at least one goods id")
        self._post(ROOM_ADD_GOODS, {"roomId": _room_id(room_id), "ids": ids})

    def remove_goods(self, room_id: int, goods_id: str | int) -> None:
        """Take goods out of the room (they stay in the library)."""
        body = {"roomId": _room_id(room_id), "goodsId": _goods_id(goods_id)}
        self._post(GOODS_DELETE_IN_ROOM, body)

    def approved_goods(self) -> list[Goods]:
        """Every approved goods item of the library (status 2), in the platform's order."""
        goods: list[Goods] = []
        offset = 0
        for _ in range(MAX_PAGES):
            query = {"offset": offset, "limit": GOODS_PAGE_SIZE, "status": APPROVED}
            data = self._request("GET", GOODS_APPROVED, query=query)
            page, total = _parse(
                GOODS_APPROVED,
                lambda data=data: (
                    [_approved_goods_item(item) for item in data.get("goods") or ()],
                    _int(data.get("total")),
                ),
            )
            goods.extend(page)
            offset += len(page)
            if not page or offset >= total:
                break
        return goods

    # ------------------------------------------------------------ reminders

    def push_live_reminder(self, room_id: int, openids: Iterable[str]) -> list[str]:
        """开播提醒 to long-term subscribers, 2000 openids a call; returns the message ids.

        Once a day, for one room, only while it is live (9410005/9410006 otherwise). Duplicate
        openids are sent once. If a later batch fails, the error says how many were reached.
        """
        room_id = _room_id(room_id)
        unique = list(dict.fromkeys(openids))
        if not unique:
            return []
        message_ids: list[str] = []
        for start in range(0, len(unique), REMINDER_BATCH):
            batch = unique[start : start + REMINDER_BATCH]
            try:
                data = self._post(PUSH_MESSAGE, {"room_id": room_id, "user_openid": batch})
            except WeChatApiError as exc:
                if start == 0:
                    raise
                log.warning("live reminder stopped after %d of %d openids", start, len(unique))
                raise exc.with_note(
                    f"已向 {start}/{len(unique)} 位订阅者发送",
                    f"{start} of {len(unique)} subscribers were reached",
                ) from None
            message_ids.append(_text(data.get("message_id")))
        log.info("live reminder for room %d sent to %d subscribers", room_id, len(unique))
        return message_ids

    # ------------------------------------------------------------ internals

    def _rooms(self) -> Iterator[Room]:
        """Pages through getliveinfo, advancing by what each page held (servers cap pages)."""
        start = 0
        seen: set[int] = set()
        for _ in range(MAX_PAGES):
            body = {"start": start, "limit": ROOM_PAGE_SIZE}
            data = self._request(
                "POST", GET_LIVE_INFO, body=body, accept=frozenset({EMPTY_ROOM_LIST})
            )
            if data.get("errcode") == EMPTY_ROOM_LIST:
                return
            page, total = _parse(
                GET_LIVE_INFO,
                lambda data=data: (
                    [_room(raw) for raw in data.get("room_info") or ()],
                    _int(data.get("total")),
                ),
            )
            for room in page:
                if room.room_id not in seen:  # a room created mid-paging shifts the pages
                    seen.add(room.room_id)
                    yield room
            start += len(page)
            if not page or start >= total:
                return

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", path, body=body)

    def _request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        accept: frozenset[int] = frozenset(),
    ) -> dict[str, Any]:
        """One API call with the token, the token-error retry and the busy retries."""
        token_retried = False
        busy_attempt = 0
        while True:
            token = self._access_token()
            params = {"access_token": token, **(query or {})}
            data = self._send(method, path, params=params, body=body, token=token)
            errcode = data.get("errcode", 0)
            if errcode == 0 or errcode in accept:
                return data
            errmsg = self._redact(_text(data.get("errmsg")), token)
            if errcode in TOKEN_ERROR_CODES and not token_retried:
                token_retried = True
                log.warning(
                    "WeChat %s: errcode %s (%s); fetching a new access token, retrying once",
                    path,
                    errcode,
                    errmsg,
                )
                self._drop_token(token)
                continue
            if errcode == BUSY and self._wait_busy(path, busy_attempt):
                busy_attempt += 1
                continue
            error = WeChatApiError.from_errcode(errcode, errmsg, path=path, method=method)
            log.warning("WeChat call failed: %s", error.log_text)
            raise error

    def _wait_busy(self, path: str, attempt: int) -> bool:
        """Sleep before retry ``attempt`` of a -1 answer; False when the retries are used up."""
        if attempt >= self.busy_retries:
            return False
        delay = self.busy_backoff * 2**attempt
        log.warning(
            "WeChat %s: system busy (-1); retry %d of %d in %.2f s",
            path,
            attempt + 1,
            self.busy_retries,
            delay,
        )
        self._sleep(delay)
        return True

    def _access_token(self) -> _Hidden:
        with self._token_lock:
            if self._token is None or self._clock() >= self._token_deadline:
                self._token, self._token_deadline = self._fetch_token()
            return self._token

    def _drop_token(self, rejected: str) -> None:
        with self._token_lock:
            if self._token == rejected:  # another thread may already have replaced it
                self._token = None

    def _fetch_token(self) -> tuple[_Hidden, float]:
        """stable_token in normal mode (see the module docstring for why never forced)."""
        body = {
            "grant_type": "client_credential",
            "appid": self.appid,
            "secret": self._secret,
            "force_refresh": False,
        }
        attempt = 0
        while True:
            data = self._send("POST", TOKEN_PATH, params=None, body=body, token=None)
            errcode = data.get("errcode", 0)
            if errcode == 0:
                break
            if errcode == BUSY and self._wait_busy(TOKEN_PATH, attempt):
                attempt += 1
                continue
            errmsg = self._redact(_text(data.get("errmsg")), None)
            error = WeChatApiError.from_errcode(errcode, errmsg, path=TOKEN_PATH, method="POST")
            log.warning("WeChat access token refused: %s", error.log_text)
            raise error
        token, expires_in = _parse(
            TOKEN_PATH, lambda: (_text(data["access_token"]), _int(data["expires_in"]))
        )
        if not token or expires_in <= 0:
            raise _bad_shape(TOKEN_PATH, "empty access_token or expires_in")
        lifetime = expires_in - min(self.token_refresh_margin, expires_in / 2)
        log.info("WeChat access token obtained, valid for %d s", expires_in)
        return _Hidden(token), self._clock() + lifetime

    def _redact(self, text: str, token: str | None) -> str:
        for secret in (self._secret, token, self._token):
            if secret:
                text = text.replace(secret, "***")
        return _mask_tokens(text)

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None,
        body: Mapping[str, Any] | None,
        token: str | None,
    ) -> dict[str, Any]:
        """One HTTP exchange; every failure leaves as a WeChatApiError without secrets."""
        started = time.monotonic()
        try:
            response = self._session.request(
                method,
                self.base_url + path,
                params=params,
                json=body,
                timeout=self.timeout,
            )
        except requests.ConnectTimeout:
            raise self._network_error(path, "connect timeout", ErrorKind.TIMEOUT) from None
        except requests.Timeout:
            raise self._timeout_error(method, path) from None
        except requests.RequestException as exc:
            raise self._network_error(path, self._redact(str(exc), token)) from None
        elapsed_ms = (time.monotonic() - started) * 1000
        if response.status_code != 200:
            raise self._bad_http(path, response.status_code)
        try:
            data = json.loads(response.content, parse_float=Decimal)
        except ValueError:
            raise self._bad_http(path, response.status_code, "not JSON") from None
        errcode = data.get("errcode", 0) if isinstance(data, dict) else None
        if isinstance(errcode, bool) or not isinstance(errcode, int):
            raise _bad_shape(path, "not a JSON object with an integer errcode")
        log.debug("WeChat %s %s -> errcode %s in %.0f ms", method, path, errcode, elapsed_ms)
        return data

    def _network_error(
        self, path: str, detail: str, kind: ErrorKind = ErrorKind.NETWORK
    ) -> WeChatApiError:
        error = WeChatApiError(
            kind,
            "无法连接微信服务器，请检查网络连接或代理设置",
            "Cannot reach the WeChat server; check the network connection or proxy",
            path=path,
            log_text=f"{path}: network error ({detail})",
        )
        log.warning("WeChat call failed: %s", error.log_text)
        return error

    def _timeout_error(self, method: str, path: str) -> WeChatApiError:
        seconds = f"{self.timeout:g}"
        if method == "GET" or path == TOKEN_PATH:  # nothing on the room can have changed
            zh = f"微信服务器 {seconds} 秒内没有响应，请稍后重试"
            en = f"The WeChat server did not answer within {seconds} s; try again shortly"
        else:
            zh = f"微信服务器 {seconds} 秒内没有响应。操作可能已经生效，请刷新确认后再决定是否重试"
            en = (
                f"The WeChat server did not answer within {seconds} s. The action may have "
                "taken effect: refresh and check before trying again"
            )
        log_text = f"{method} {path}: no answer in {seconds} s"
        error = WeChatApiError(ErrorKind.TIMEOUT, zh, en, path=path, log_text=log_text)
        log.warning("WeChat call failed: %s", error.log_text)
        return error

    def _bad_http(self, path: str, status: int, what: str = "") -> WeChatApiError:
        error = WeChatApiError(
            ErrorKind.BAD_RESPONSE,
            f"微信服务器返回了无法识别的内容（HTTP {status}），"
            "可能是网络代理或服务器临时故障，请稍后重试",
            f"The WeChat server sent an answer LiveDesk cannot read (HTTP {status}); a proxy "
            "or a temporary server fault may be the cause. Try again shortly",
            path=path,
            http_status=status,
            log_text=f"{path}: HTTP {status}{', ' + what if what else ''}",
        )
        log.warning("WeChat call failed: %s", error.log_text)
        return error


def goods_item(goods: Goods) -> GoodsItem:
    """The console's platform-neutral view of a WeChat goods item."""
    ranged = goods.price_type in (2, 3)  # price2 means something only for these price types
    return GoodsItem(
        goods_id=goods.goods_id,
        name=goods.name,
        price=goods.price,
        price2=goods.price2 if ranged else None,
        price_type=goods.price_type,
        cover_url=goods.cover_img_url,
        url=goods.url,
    )


MIN_POLL_INTERVAL = 30.0  # getliveinfo costs quota; the status never needs a faster look


class WeChatConnector(Connector):
    """One WeChat live room as a console connector: operator actions plus a slow status poll.

    The API delivers no comments, likes or viewer counts, and cannot delete a comment or mute
    a user (§1.11), so this connector declares none of those. ``start`` polls getliveinfo every
    ``poll_interval`` seconds and sends a RoomStatus event when the room's status changes.
    """

    name: ClassVar[str] = "wechat"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.BAN_ALL,
            Capability.PUSH_GOODS,
            Capability.GOODS_ON_SALE,
            Capability.SORT_GOODS,
            Capability.IMPORT_GOODS,
        }
    )

    def __init__(self, client: WeChatLiveClient, room_id: int, *, poll_interval: float = 60.0):
        super().__init__()
        if poll_interval < MIN_POLL_INTERVAL:
            raise ValueError(f"poll_interval must be at least {MIN_POLL_INTERVAL:g} s (quotas)")
        self.client = client
        self.room_id = _room_id(room_id)
        self.poll_interval = poll_interval
        self._stop = threading.Event()
        self._poll_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._sink: EventSink | None = None
        self._started = 0.0
        self._last_status: int | None = None

    def describe(self) -> str:
        return (
            f"WeChat Mini Program live room {self.room_id} (AppID {self.client.appid}, "
            f"status poll every {self.poll_interval:g} s)"
        )

    def _perform(self, action: Action) -> None:
        match action:
            case BanAllComments(banned=banned):
                self.client.set_comment_ban(self.room_id, banned)
            case PushGoods(goods_id=goods_id):
                self.client.push_goods(self.room_id, goods_id)
            case SetGoodsOnSale(goods_id=goods_id, on_sale=on_sale):
                self.client.set_goods_on_sale(self.room_id, goods_id, on_sale)
            case SortGoods(goods_ids=goods_ids):
                self.client.sort_goods(self.room_id, goods_ids)
            case ImportGoods(goods_ids=goods_ids):
                self.client.import_goods(self.room_id, goods_ids)
            case _:
                raise NotImplementedError(f"no WeChat call for {type(action).__name__}")

    def room_goods(self) -> list[GoodsItem]:
        return [goods_item(goods) for goods in self.client.room_goods(self.room_id)]

    def approved_goods(self) -> list[GoodsItem]:
        return [goods_item(goods) for goods in self.client.approved_goods()]

    def start(self, sink: EventSink) -> None:
        self._sink = sink
        self._started = time.monotonic()
        self._last_status = None
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"connector-{self.name}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def poll_once(self) -> None:
        """Look at the room's status now; emit RoomStatus if it changed. Errors are logged.

        The poller thread calls this; a "refresh" button may too (from a worker thread).
        """
        if self._sink is None:
            raise RuntimeError("start the connector before polling")
        with self._poll_lock:
            try:
                room = self.client.get_room(self.room_id)
            except WeChatApiError as exc:
                self.error = exc.message_en
                log.warning("room %d status poll failed: %s", self.room_id, exc.log_text)
                return
            self.error = None
            if room.live_status == self._last_status:
                return
            self._last_status = room.live_status
            status = room.status
            if status is None:
                log.warning("room %d has an unknown live_status %d", self.room_id, room.live_status)
                return
            log.info("room %d is now %s (%d)", self.room_id, status, room.live_status)
            self._sink.ingest(RoomStatus(time.monotonic() - self._started, status))

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception as exc:  # a bug in one poll must not end the show's status updates
                self.error = str(exc)
                log.exception("room %d status poll crashed", self.room_id)
            self._stop.wait(self.poll_interval)
