"""The WeChat live API's wire contract: endpoint paths, page sizes, what answers hold, parsing.

Field names, paths and codes follow shared/wechat-live-api.md. An answer that lacks a field or
has one of the wrong type becomes a ``bad_response`` WeChatApiError, never a crash. The access
token has to travel in the query string (``?access_token=``), so a filter on urllib3's logger
masks it in urllib3's debug lines too; ``mask_tokens`` does the same for any other text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from console.log import platform as log
from console.platforms.wechat.errors import ErrorKind, WeChatApiError

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

_T = TypeVar("_T")


def mask_tokens(text: str) -> str:
    return _TOKEN_IN_TEXT.sub(r"\1***", text)


class _MaskAccessTokens(logging.Filter):
    """urllib3 logs each request line with its query string; mask the token there."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                mask_tokens(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if isinstance(record.msg, str):
            record.msg = mask_tokens(record.msg)
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


def room_id_param(room_id: int) -> int:
    if isinstance(room_id, bool) or not isinstance(room_id, int) or room_id <= 0:
        raise ValueError(f"room_id must be a positive integer, not {room_id!r}")
    return room_id


def goods_id_param(goods_id: str | int) -> int:
    """WeChat goods ids are integers; the console carries them as strings."""
    text = str(goods_id).strip()
    if isinstance(goods_id, bool) or not text.isdigit():
        raise ValueError(f"goods_id must be a number, not {goods_id!r}")
    return int(text)


def bad_shape(path: str, what: str) -> WeChatApiError:
    error = WeChatApiError(
        ErrorKind.BAD_RESPONSE,
        "微信服务器返回的数据格式不对，请稍后重试",
        "The WeChat server's answer has an unexpected format; try again shortly",
        path=path,
        log_text=f"{path}: unexpected answer ({what})",
    )
    log.warning("WeChat call failed: %s", error.log_text)
    return error


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


def token_grant(data: Mapping[str, Any]) -> tuple[str, int]:
    """stable_token's answer: the access token and its lifetime in seconds."""
    token, expires_in = _parse(
        TOKEN_PATH, lambda: (as_text(data["access_token"]), _int(data["expires_in"]))
    )
    if not token or expires_in <= 0:
        raise bad_shape(TOKEN_PATH, "empty access_token or expires_in")
    return token, expires_in


def room_page(data: Mapping[str, Any]) -> tuple[list[Room], int]:
    """One page of getliveinfo: its rooms and the total the server reports."""
    return _parse(
        GET_LIVE_INFO,
        lambda: (
            [_room(raw) for raw in data.get("room_info") or ()],
            _int(data.get("total")),
        ),
    )


def approved_goods_page(data: Mapping[str, Any]) -> tuple[list[Goods], int]:
    """One page of getapproved: its goods and the total the server reports."""
    return _parse(
        GOODS_APPROVED,
        lambda: (
            [_approved_goods_item(item) for item in data.get("goods") or ()],
            _int(data.get("total")),
        ),
    )


def push_url(data: Mapping[str, Any]) -> str:
    """getpushurl's answer: the RTMP push address."""
    push_addr = data.get("pushAddr")
    if not isinstance(push_addr, str) or not push_addr:
        raise bad_shape(ROOM_PUSH_URL, "no pushAddr")
    return push_addr


def share_code(data: Mapping[str, Any]) -> ShareCode:
    """getsharedcode's answer."""
    return _parse(
        ROOM_SHARE_CODE,
        lambda: ShareCode(
            cdn_url=as_text(data["cdnUrl"]),
            page_path=as_text(data["pagePath"]),
            poster_url=as_text(data["posterUrl"]),
        ),
    )


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
        goods_id=as_text(raw["goods_id"]),
        name=as_text(raw.get("name")),
        cover_img_url=as_text(raw.get("cover_img")),
        price=_fen(raw.get("price")),
        price2=_fen(raw.get("price2")),
        price_type=_int(raw.get("price_type")),
        url=as_text(raw.get("url")),
    )


def _approved_goods_item(raw: Mapping[str, Any]) -> Goods:
    """An item of getapproved's ``goods[]``: camelCase, prices in yuan."""
    return Goods(
        goods_id=as_text(raw["goodsId"]),
        name=as_text(raw.get("name")),
        cover_img_url=as_text(raw.get("coverImgUrl")),
        price=_yuan(raw.get("price")),
        price2=_yuan(raw.get("price2")),
        price_type=_int(raw.get("priceType")),
        url=as_text(raw.get("url")),
    )


def _room(raw: Mapping[str, Any]) -> Room:
    return Room(
        room_id=_int(raw["roomid"]),
        name=as_text(raw.get("name")),
        live_status=_int(raw.get("live_status")),
        start_time=_utc(raw.get("start_time")),
        end_time=_utc(raw.get("end_time")),
        anchor_name=as_text(raw.get("anchor_name")),
        cover_img_url=as_text(raw.get("cover_img")),
        share_img_url=as_text(raw.get("share_img")),
        feeds_img_url=as_text(raw.get("feeds_img")),
        anchor_img_url=as_text(raw.get("anchor_img")),
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


def _parse(path: str, build: Callable[[], _T]) -> _T:
    """Run ``build`` over an answer; a missing or mistyped field becomes a bad_response error."""
    try:
        return build()
    except (KeyError, TypeError, ValueError, InvalidOperation, AttributeError) as exc:
        raise bad_shape(path, f"{type(exc).__name__}: {exc}") from None
