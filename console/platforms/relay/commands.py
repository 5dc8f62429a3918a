"""Operator commands through the relay: sent to the sources that can do them, acked by each.

A command goes to every WebSocket source that declared its capability, with a fresh ``id``;
each must answer with an ack of that id and ``"ok": true`` within the timeout. While it waits,
the command is a future in the source's ``pending``: the source's read loop ``settle``s it with
the ack, and a source that leaves ``abandon``s it. Every failure is an OperatorError that says
which source did not do what.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from typing import Any

from console.actions import Action, action_name, action_to_command
from console.errors import OperatorError
from console.events import clean_line
from console.i18n import QT_TRANSLATE_NOOP
from console.log import platform as log
from console.platforms.relay.sources import Source
from console.platforms.relay.wire import dumps

TIMEOUT_TEXT = QT_TRANSLATE_NOOP(
    "errors", "The relay source {source} did not confirm {action} within {seconds} s."
)
REFUSED_TEXT = QT_TRANSLATE_NOOP("errors", "The relay source {source} refused {action}: {error}")
GONE_TEXT = QT_TRANSLATE_NOOP(
    "errors", "The relay source {source} disconnected before confirming {action}."
)
NO_SOURCE_TEXT = QT_TRANSLATE_NOOP("errors", "No connected relay source can do {action} now.")


async def send_command(action: Action, targets: Sequence[Source], timeout: float) -> None:
    """Send ``action`` to every one of ``targets``; all must ack ok."""
    name = action_name(action)
    if not targets:
        raise OperatorError(NO_SOURCE_TEXT, action=name)
    message = action_to_command(action)
    results = await asyncio.gather(
        *(_ask(source, message, name, timeout) for source in targets),
        return_exceptions=True,
    )
    for result in results:
        if isinstance(result, BaseException):
            raise result


def settle(source: Source, command_id: str, ack: dict[str, Any]) -> None:
    """Hand ``ack`` to the command of ``command_id`` that waits for it, if one still does."""
    reply = source.pending.get(command_id)
    if reply is None or reply.done():
        log.debug("relay source %s acked an unknown or expired command", source.name)
    else:
        reply.set_result(ack)


def abandon(source: Source) -> None:
    """The source left: every command still waiting for it fails."""
    for reply in source.pending.values():
        if not reply.done():
            reply.set_exception(ConnectionResetError(source.name))


async def _ask(source: Source, message: dict[str, Any], name: str, timeout: float) -> None:
    command_id = uuid.uuid4().hex
    reply: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
    source.pending[command_id] = reply
    assert source.ws is not None
    try:
        async with asyncio.timeout(timeout):
            await source.ws.send_str(dumps({**message, "id": command_id}))
            ack = await reply
    except TimeoutError:
        log.warning("relay command %s to %s timed out after %g s", name, source.name, timeout)
        raise OperatorError(
            TIMEOUT_TEXT, source=source.name, action=name, seconds=f"{timeout:g}"
        ) from None
    except ConnectionError:
        log.warning("relay command %s: %s disconnected", name, source.name)
        raise OperatorError(GONE_TEXT, source=source.name, action=name) from None
    finally:
        source.pending.pop(command_id, None)
    if ack.get("ok") is not True:
        error = ack.get("error")
        reason = clean_line(error, 200) if isinstance(error, str) else ""
        log.warning("relay command %s refused by %s: %s", name, source.name, reason)
        raise OperatorError(
            REFUSED_TEXT, source=source.name, action=name, error=reason or "no reason given"
        )
    log.info("relay command %s confirmed by %s", name, source.name)
