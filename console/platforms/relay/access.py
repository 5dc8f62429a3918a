"""The relay's access token: who may use the relay.

The token is kept in the OS keyring under ``relay-token`` and shown to the operator once, when
it is made. A token, once set, is required from every client, on loopback too (the relay
started from the options, console.platforms.create_connector, always loads it). Without one the
relay only listens on loopback. Making and keeping tokens, and the checks on each request, are
console.http_access's.
"""

from __future__ import annotations

from functools import partial

from console.http_access import rotate_stored_token, stored_token

RELAY_TOKEN_NAME = "relay-token"

load_token = partial(stored_token, RELAY_TOKEN_NAME)
rotate_token = partial(rotate_stored_token, RELAY_TOKEN_NAME)
