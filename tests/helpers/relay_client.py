"""Talking to a relay from a test: run a client scenario, read the console's next message."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from typing import Any

import aiohttp


def run(scenario: Awaitable[Any], timeout: float = 20) -> Any:
    """Run an asyncio client scenario to its end, failing it after ``timeout`` seconds."""

    async def bounded() -> Any:
        async with asyncio.timeout(timeout):
            return await scenario

    return asyncio.run(bounded())


async def next_json(
    ws: aiohttp.ClientWebSocketResponse, *, skip: tuple[str, ...] = ("stored",)
) -> dict[str, Any]:
    """The next message from the console, passing over the kinds in ``skip`` (by default the
    "stored" acknowledgements, which arrive whenever a commit lands)."""
    while True:
        msg = await ws.receive(timeout=10)
        assert msg.type is aiohttp.WSMsgType.TEXT, msg
        message = json.loads(msg.data)
        if message.get("type") not in skip:
            return message
