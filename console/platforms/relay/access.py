"""The relay's access token: who may use the relay when it listens beyond this computer.

The token is made with ``secrets``, kept in the OS keyring (console.secrets, name
``relay-token``) and shown to the operator once, when it is made; it is never logged. A token,
when set, is required from every client. Without one the relay only listens on loopback. The
checks on each request are console.http_access's.
"""

from __future__ import annotations

import secrets

from console.secrets import get_secret, set_secret

RELAY_TOKEN_NAME = "relay-token"


def new_token() -> str:
    """A fresh random token (256 bits, URL-safe so it can go into ``?token=``)."""
    return secrets.token_urlsafe(32)


def load_token() -> str | None:
    """The stored token, or None when none was made yet (or there is no secure keyring)."""
    return get_secret(RELAY_TOKEN_NAME)


def rotate_token() -> str:
    """Make a new token, store it in the keyring and return it (the caller shows it once).

    Raises SecretStoreUnavailable when the machine has no secure keyring; nothing changes then.
    """
    token = new_token()
    set_secret(RELAY_TOKEN_NAME, token)
    return token
