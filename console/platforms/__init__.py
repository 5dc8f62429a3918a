"""Platform connectors behind one interface (base.Connector) and the factory that builds them."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

from console.actions import Capability
from console.platforms.base import Connector, EventSink

__all__ = [
    "CONNECTOR_NAMES",
    "Capability",
    "Connector",
    "ConnectorError",
    "ConnectorOptions",
    "EventSink",
    "create_connector",
    "wechat_secret_name",
]

CONNECTOR_NAMES = ("demo", "replay", "relay", "wechat")


@dataclass(frozen=True, slots=True)
class ConnectorOptions:
    name: str = "demo"
    seed: int | None = None
    comment_rate: float | None = None
    replay_path: Path | None = None
    speed: float = 1.0
    relay_host: str | None = None  # None: loopback only
    relay_port: int | None = None  # None: the relay's default port (8790)
    wechat_appid: str | None = None
    wechat_room: int | None = None
    wechat_secret_env: str | None = None  # read the AppSecret from this variable, not the keyring
    wechat_api: str | None = None  # None: the official https://api.weixin.qq.com


class ConnectorError(ValueError):
    """The connector cannot be built from these options; the message says why (English)."""


def wechat_secret_name(appid: str) -> str:
    """The keyring entry holding the AppSecret of a mini program."""
    return f"wechat-secret:{appid}"


def create_connector(options: ConnectorOptions) -> Connector:
    if options.name == "demo":
        from console.platforms.demo import DemoConnector, DemoSettings

        seed = options.seed if options.seed is not None else random.randrange(1, 1_000_000)
        return DemoConnector(DemoSettings(seed=seed, comment_rate=options.comment_rate))
    if options.name == "replay":
        from console.platforms.replay import ReplayConnector

        if options.replay_path is None:
            raise ConnectorError("the replay connector needs a file (--replay FILE)")
        try:
            return ReplayConnector(options.replay_path, speed=options.speed)
        except (FileNotFoundError, ValueError) as exc:  # missing, or not a text we read
            raise ConnectorError(str(exc)) from None
    if options.name == "relay":
        return _relay(options)
    if options.name == "wechat":
        return _wechat(options)
    raise ConnectorError(f"unknown connector {options.name!r}; choose one of {CONNECTOR_NAMES}")


def _relay(options: ConnectorOptions) -> Connector:
    from console.errors import OperatorError
    from console.platforms.relay import (
        DEFAULT_HOST,
        DEFAULT_PORT,
        RelayConnector,
        is_loopback,
        load_token,
    )

    host = options.relay_host or DEFAULT_HOST
    port = DEFAULT_PORT if options.relay_port is None else options.relay_port
    try:
        token = load_token()  # once set, required from every client, on loopback too
    except OperatorError as exc:  # a keyring that does not answer: do not guess
        raise ConnectorError(f"the relay token cannot be read: {exc.log_text}") from None
    if token is None and not is_loopback(host):
        raise ConnectorError(
            f"listening on {host} needs a relay token: create one in the settings first"
        )
    return RelayConnector(host=host, port=port, token=token)


def _wechat(options: ConnectorOptions) -> Connector:
    from console.platforms.wechat import DEFAULT_BASE_URL, WeChatConnector, WeChatLiveClient
    from console.secrets import get_secret

    if not options.wechat_appid or options.wechat_room is None:
        raise ConnectorError("the wechat connector needs --wechat-appid APPID --wechat-room ID")
    if options.wechat_secret_env:
        secret = os.environ.get(options.wechat_secret_env)
        if not secret:
            raise ConnectorError(f"environment variable {options.wechat_secret_env} is empty")
    else:
        secret = get_secret(wechat_secret_name(options.wechat_appid))
        if not secret:
            raise ConnectorError(
                f"no AppSecret stored for {options.wechat_appid}: enter it in the settings "
                "(it is kept in the system keyring) or pass --wechat-secret-env VAR"
            )
    client = WeChatLiveClient(
        options.wechat_appid, secret, base_url=options.wechat_api or DEFAULT_BASE_URL
    )
    return WeChatConnector(client, options.wechat_room)
