"""Who may use a local HTTP server of the console: the checks on every incoming request.

A server either requires a token from every client (``Authorization: Bearer T``, or
``?token=T`` for simple ones; compared in constant time) or, without one, listens on loopback
only and refuses requests that a web page made through the operator's browser (see
``refusal``). Tokens are made with ``secrets`` and kept in the OS keyring (console.secrets)
under each server's own name; they are never logged.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from ipaddress import ip_address
from urllib.parse import urlsplit

from aiohttp import web

from console.secrets import (
    SecretStoreUnavailable,
    get_secret,
    secure_store_available,
    set_secret,
)

REASON_UNAUTHORIZED = "unauthorized: missing or wrong token"
REASON_CROSS_SITE = "forbidden: cross-site request"


def new_token() -> str:
    """A fresh random token (256 bits, URL-safe so it can go into ``?token=``)."""
    return secrets.token_urlsafe(32)


def stored_token(name: str) -> str | None:
    """The token kept under ``name``, or None when none was made yet (or there is no secure
    keyring)."""
    return get_secret(name)


def rotate_stored_token(name: str) -> str:
    """Make a new token, keep it under ``name`` and return it (the caller shows it once).

    Raises SecretStoreUnavailable when the machine has no secure keyring; nothing changes then.
    """
    token = new_token()
    set_secret(name, token)
    return token


@dataclass(frozen=True, slots=True)
class ServerToken:
    token: str | None  # None: no token, this computer only
    new: bool = False  # made just now: show it to the operator once


def server_token(name: str, host: str, given: str | None) -> ServerToken | None:
    """The token a server listening on ``host`` requires: ``given`` if any; none on loopback;
    beyond it the keyring's under ``name``, made there the first time. None when the server
    must not listen there (beyond this computer without a token that can be kept)."""
    if given:
        return ServerToken(given)
    if is_loopback(host):
        return ServerToken(None)
    if not secure_store_available():
        return None
    stored = stored_token(name)
    if stored:
        return ServerToken(stored)
    try:
        return ServerToken(rotate_stored_token(name), new=True)
    except SecretStoreUnavailable:
        return None


def token_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison, so response timing does not leak the token."""
    if given is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def is_loopback(host: str | None) -> bool:
    """True when only this computer can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def refusal(request: web.BaseRequest, token: str | None) -> tuple[int, str] | None:
    """(HTTP status, reason) when the request may not come in; None when it may."""
    if token is not None:
        return None if token_matches(token, request_token(request)) else (401, REASON_UNAUTHORIZED)
    return None if from_this_computer(request) else (403, REASON_CROSS_SITE)


def request_token(request: web.BaseRequest) -> str | None:
    """The token a client sent: ``Authorization: Bearer T``, or ``?token=T`` for simple ones."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.query.get("token")


def from_this_computer(request: web.BaseRequest) -> bool:
    """False for a request that a web page made through the operator's browser.

    Without a token, anything that reaches the port could feed or steer the show, and any web
    page can reach 127.0.0.1 through the browser (WebSockets have no same-origin rule).
    Browsers always send Origin with WebSocket handshakes and POSTs, and a DNS-rebinding page
    arrives with a foreign Host; local programs send neither a foreign Origin nor a foreign Host.
    """
    origin = request.headers.get("Origin")
    if origin is not None and not is_loopback(_hostname(origin)):
        return False
    host = request.headers.get("Host")
    return host is None or is_loopback(_hostname(f"//{host}"))


def _hostname(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None
