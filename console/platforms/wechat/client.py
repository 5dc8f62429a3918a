"""WeChatLiveClient: the WeChat Mini Program live (小程序直播) server API over HTTP.

What the client does beyond plain HTTP calls, and why:

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
  (console.platforms.wechat.api) masks it in urllib3's debug lines too.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import requests

from console.log import platform as log
from console.platforms.wechat.api import (
    APPROVED,
    DEFAULT_BASE_URL,
    GET_LIVE_INFO,
    GOODS_APPROVED,
    GOODS_DELETE_IN_ROOM,
    GOODS_ON_SALE,
    GOODS_PAGE_SIZE,
    GOODS_PUSH,
    GOODS_SORT,
    PUSH_MESSAGE,
    REMINDER_BATCH,
    ROOM_ADD_ASSISTANT,
    ROOM_ADD_GOODS,
    ROOM_PAGE_SIZE,
    ROOM_PUSH_URL,
    ROOM_SHARE_CODE,
    ROOM_UPDATE_COMMENT,
    ROOM_UPDATE_REPLAY,
    TOKEN_PATH,
    Goods,
    Room,
    ShareCode,
    approved_goods_page,
    as_text,
    bad_shape,
    goods_id_param,
    mask_tokens,
    push_url,
    room_id_param,
    room_page,
    share_code,
    token_grant,
)
from console.platforms.wechat.errors import (
    BUSY,
    EMPTY_ROOM_LIST,
    TOKEN_ERROR_CODES,
    ErrorKind,
    WeChatApiError,
)

MAX_PAGES = 1000  # a server that keeps answering pages without end must not hang the console


class _Hidden(str):
    """A secret string whose repr never shows it (debuggers, ``vars()``, pytest locals)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'***'"


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
        room_id = room_id_param(room_id)
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
        self._post(
            ROOM_UPDATE_COMMENT, {"roomId": room_id_param(room_id), "banComment": int(banned)}
        )

    def set_replay(self, room_id: int, enabled: bool) -> None:
        body = {"roomId": room_id_param(room_id), "closeReplay": 0 if enabled else 1}
        self._post(ROOM_UPDATE_REPLAY, body)

    def add_assistant(self, room_id: int, username: str, nickname: str) -> None:
        """Make a WeChat user (by WeChat ID) a 小助手 of the room."""
        users = [{"username": username, "nickname": nickname}]
        self._post(ROOM_ADD_ASSISTANT, {"roomId": room_id_param(room_id), "users": users})

    def get_push_url(self, room_id: int) -> str:
        """The RTMP push address for OBS (server and stream key in one URL)."""
        data = self._request("GET", ROOM_PUSH_URL, query={"roomId": room_id_param(room_id)})
        return push_url(data)

    def get_share_code(self, room_id: int, params: Mapping[str, Any] | None = None) -> ShareCode:
        """The room's QR code, page path and poster; ``params`` become custom share params."""
        query: dict[str, Any] = {"roomId": room_id_param(room_id)}
        if params:
            query["params"] = json.dumps(dict(params), ensure_ascii=False, separators=(",", ":"))
        data = self._request("GET", ROOM_SHARE_CODE, query=query)
        return share_code(data)

    # ----------------------------------------------------------------- goods

    def push_goods(self, room_id: int, goods_id: str | int) -> None:
        """推送商品: pop the goods card up on viewers' screens (the room must be live)."""
        self._post(
            GOODS_PUSH, {"roomId": room_id_param(room_id), "goodsId": goods_id_param(goods_id)}
        )

    def set_goods_on_sale(self, room_id: int, goods_id: str | int, on_sale: bool) -> None:
        body = {
            "roomId": room_id_param(room_id),
            "goodsId": goods_id_param(goods_id),
            "onSale": int(on_sale),
        }
        self._post(GOODS_ON_SALE, body)

    def sort_goods(self, room_id: int, goods_ids: Sequence[str | int]) -> None:
        """Put the room's goods in this order (the API takes the ids as strings)."""
        goods = [{"goodsId": str(goods_id_param(goods_id))} for goods_id in goods_ids]
        self._post(GOODS_SORT, {"roomId": room_id_param(room_id), "goods": goods})

    def import_goods(self, room_id: int, goods_ids: Sequence[str | int]) -> None:
        """Add approved goods from the library to the room (additive)."""
        ids = [goods_id_param(goods_id) for goods_id in goods_ids]
        if not ids:
            raise ValueError("import_goods needs at least one goods id")
        self._post(ROOM_ADD_GOODS, {"roomId": room_id_param(room_id), "ids": ids})

    def remove_goods(self, room_id: int, goods_id: str | int) -> None:
        """Take goods out of the room (they stay in the library)."""
        body = {"roomId": room_id_param(room_id), "goodsId": goods_id_param(goods_id)}
        self._post(GOODS_DELETE_IN_ROOM, body)

    def approved_goods(self) -> list[Goods]:
        """Every approved goods item of the library (status 2), in the platform's order."""
        goods: list[Goods] = []
        offset = 0
        for _ in range(MAX_PAGES):
            query = {"offset": offset, "limit": GOODS_PAGE_SIZE, "status": APPROVED}
            data = self._request("GET", GOODS_APPROVED, query=query)
            page, total = approved_goods_page(data)
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
        room_id = room_id_param(room_id)
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
            message_ids.append(as_text(data.get("message_id")))
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
            page, total = room_page(data)
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
            errmsg = self._redact(as_text(data.get("errmsg")), token)
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
            errmsg = self._redact(as_text(data.get("errmsg")), None)
            error = WeChatApiError.from_errcode(errcode, errmsg, path=TOKEN_PATH, method="POST")
            log.warning("WeChat access token refused: %s", error.log_text)
            raise error
        token, expires_in = token_grant(data)
        lifetime = expires_in - min(self.token_refresh_margin, expires_in / 2)
        log.info("WeChat access token obtained, valid for %d s", expires_in)
        return _Hidden(token), self._clock() + lifetime

    def _redact(self, text: str, token: str | None) -> str:
        for secret in (self._secret, token, self._token):
            if secret:
                text = text.replace(secret, "***")
        return mask_tokens(text)

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
        if not isinstance(data, dict) or isinstance(errcode, bool) or not isinstance(errcode, int):
            raise bad_shape(path, "not a JSON object with an integer errcode")
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
