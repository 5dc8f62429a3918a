"""The control API's token: none on loopback (unless the operator gives one), required beyond.

A token comes from an environment variable the operator names (``--control-token-env``), or
from the OS keyring (``control-api-token``), made there the first time the API listens beyond
this computer and shown once. Without a secure keyring and without a given token the API stays
on this computer.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.http_access import is_loopback, rotate_stored_token, stored_token
from console.secrets import SecretStoreUnavailable, secure_store_available

CONTROL_TOKEN_NAME = "control-api-token"


@dataclass(frozen=True, slots=True)
class ControlToken:
    token: str | None
    new: bool = False  # made just now: show it to the operator once


def control_token(host: str, given: str | None) -> ControlToken | None:
    """The token to require on ``host``; None when the API must not listen there."""
    if given:
        return ControlToken(given)
    if is_loopback(host):
        return ControlToken(None)
    if not secure_store_available():
        return None
    stored = stored_token(CONTROL_TOKEN_NAME)
    if stored:
        return ControlToken(stored)
    try:
        return ControlToken(rotate_stored_token(CONTROL_TOKEN_NAME), new=True)
    except SecretStoreUnavailable:
        return None
