"""The WeChat Mini Program live (小程序直播) server API client and the ``wechat`` connector.

``errors`` holds WeChatApiError and the errcode table, ``api`` the wire contract (paths, the
data classes, answer parsing), ``client`` the HTTP client with its token cache and retries,
``connector`` the console connector for one room.
"""

from __future__ import annotations

from console.platforms.wechat.api import DEFAULT_BASE_URL, LIVE_STATUS_NAMES, Goods, Room, ShareCode
from console.platforms.wechat.client import WeChatLiveClient
from console.platforms.wechat.connector import MIN_POLL_INTERVAL, WeChatConnector, goods_item
from console.platforms.wechat.errors import ErrorKind, WeChatApiError

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
