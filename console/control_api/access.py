"""The control API's token: none on loopback (unless the operator gives one), required beyond.

A token comes from an environment variable the operator names (``--control-token-env``), or
from the OS keyring (``control-api-token``), made there the first time the API listens beyond
this computer and shown once. Without a secure keyring and without a given token the API stays
on this computer.
"""

from __future__ import annotations

from console.http_access import ServerToken, server_token

CONTROL_TOKEN_NAME = "control-api-token"


def control_token(host: str, given: str | None) -> ServerToken | None:
    """The token to require on ``host``; None when the API must not listen there."""
    return server_token(CONTROL_TOKEN_NAME, host, given)
