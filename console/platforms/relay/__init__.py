"""The relay: event sources (a merchant's backend, another platform's fetcher) feed the console.

``connector`` holds RelayConnector, which runs ``server`` (the aiohttp endpoints, its books on
the sources in ``sources`` and the operator commands to them in ``commands``); ``wire`` is what
travels on it, ``limits`` what one client may send and ``access`` the relay token. The checks
on each request are console.http_access's. docs/relay.md is the protocol.
"""

from __future__ import annotations

from console.http_access import is_loopback
from console.platforms.relay.access import RELAY_TOKEN_NAME, load_token, rotate_token
from console.platforms.relay.connector import DEFAULT_HOST, DEFAULT_PORT, RelayConnector
from console.platforms.relay.limits import RelayLimits
from console.platforms.relay.sources import SourceInfo

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "RELAY_TOKEN_NAME",
    "RelayConnector",
    "RelayLimits",
    "SourceInfo",
    "is_loopback",
    "load_token",
    "rotate_token",
]
