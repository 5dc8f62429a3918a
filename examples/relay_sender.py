"""Replay a JSONL show into a running LiveDesk console through its relay endpoint.

    python examples/relay_sender.py show.jsonl --url ws://127.0.0.1:8790/ws [--token T]
        [--speed X] [--capabilities delete_comment,mute_user] [--source NAME] [--stay]

Events are paced by their ``t`` (``--speed 2`` twice as fast, ``0`` as fast as possible) and
sent in batches (JSON arrays), each numbered with ``seq`` (its place in the file). The sender
says hello with its name and the capabilities you give it and answers every command the
console sends with an ack, printing it. It keeps every event until the console says it is
stored ("stored" messages); if the console goes away (even killed) it reconnects with backoff
and resends from the first event not stored. The console ignores numbers it already has, so
nothing is lost and nothing doubled. While the console says "busy" it waits.
docs/relay.md describes the protocol.

Needs only aiohttp (which the console itself uses): ``pip install aiohttp``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

MAX_BATCH_BYTES = 512 * 1024  # half the console's 1 MiB message limit
TICK = 0.05  # events due within this window go out together
REFUSED = ("unauthorized", "forbidden")  # close reasons that retrying cannot fix


@dataclass(frozen=True, slots=True)
class Line:
    due: float  # the event's ``t``: seconds after the show's start
    json: str  # the event, ready to send


def load_events(path: Path) -> list[Line]:
    """The JSON objects of a JSONL file, in file order, numbered (``seq``) by their place
    among them; other lines are skipped with a note."""
    events = []
    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, 1):
            if not text.strip():
                continue
            try:
                event = json.loads(text)
            except ValueError:
                print(f"{path.name}:{number}: not JSON, skipped", file=sys.stderr)
                continue
            if not isinstance(event, dict):
                print(f"{path.name}:{number}: not an event object, skipped", file=sys.stderr)
                continue
            event["seq"] = len(events)
            line = Line(due_time(event), json.dumps(event, ensure_ascii=False))
            if len(line.json.encode()) > MAX_BATCH_BYTES:
                print(f"{path.name}:{number}: event too big, skipped", file=sys.stderr)
                continue
            events.append(line)
    return events


def due_time(event: Any) -> float:
    t = event.get("t") if isinstance(event, dict) else None
    return float(t) if isinstance(t, int | float) and not isinstance(t, bool) else 0.0


class Sender:
    def __init__(self, args: argparse.Namespace, events: list[Line]) -> None:
        self.args = args
        self.events = events
        self.position = 0  # events before this index have been sent on this connection
        self.stored = 0  # events before this index are stored (the console said so)
        self.resume_at = 0.0  # monotonic time before which the console asked us to wait
        self.clock: float | None = None  # the show's start on this computer's clock
        self.reason = ""  # why the console closed the last connection
        self.events_per_second = 20_000.0  # the console's limit; its welcome says the real one

    def next_batch(self) -> tuple[list[str], float]:
        """The events due now (up to MAX_BATCH_BYTES) and how long to wait when none is due."""
        if self.clock is None:
            self.clock = time.monotonic()
        now = time.monotonic() - self.clock
        if self.resume_at > time.monotonic():
            return [], self.resume_at - time.monotonic()
        batch: list[str] = []
        size = 0
        for index in range(self.position, len(self.events)):
            line = self.events[index]
            if self.args.speed > 0 and line.due / self.args.speed > now + TICK:
                return batch, (0.0 if batch else line.due / self.args.speed - now)
            size += len(line.json.encode()) + 1
            if batch and size > MAX_BATCH_BYTES:
                break
            batch.append(line.json)
        return batch, 0.0

    async def run(self) -> int:
        backoff = 0.5
        headers = {"Authorization": f"Bearer {self.args.token}"} if self.args.token else {}
        async with aiohttp.ClientSession(headers=headers) as session:
            while True:
                try:
                    async with session.ws_connect(self.args.url, heartbeat=20) as ws:
                        backoff = 0.5
                        if await self.connected(ws):
                            return 0
                    print(f"closed by the console: {ws.close_code} {self.reason}", file=sys.stderr)
                    if self.reason.startswith(REFUSED):
                        return 2  # a wrong token stays wrong: retrying cannot help
                except (aiohttp.ClientError, OSError) as exc:
                    print(f"cannot reach {self.args.url}: {exc}", file=sys.stderr)
                print(f"reconnecting in {backoff:.1f} s", file=sys.stderr)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 10.0)

    async def connected(self, ws: aiohttp.ClientWebSocketResponse) -> bool:
        """Say hello, send what is due and answer commands; True when the replay is done."""
        print(f"connected to {self.args.url}", flush=True)
        self.reason = ""
        self.position = self.stored  # what the console did not confirm goes again
        hello = {
            "type": "hello",
            "source": self.args.source,
            "capabilities": [c for c in self.args.capabilities.split(",") if c],
        }
        await ws.send_json(hello)
        reader = asyncio.create_task(self.read(ws))
        try:
            while self.position < len(self.events) and not reader.done():
                batch, wait = self.next_batch()
                if batch:
                    await ws.send_str(f"[{','.join(batch)}]")
                    self.position += len(batch)  # only now: a failed send is sent again
                    if self.args.speed == 0:  # as fast as the console's rate limit allows
                        await asyncio.sleep(len(batch) / self.events_per_second)
                else:
                    await asyncio.wait({reader}, timeout=wait)
            if not reader.done():
                print(f"sent all {len(self.events)} events", flush=True)
            while self.stored < len(self.events) and not reader.done():
                await asyncio.wait({reader}, timeout=0.1)  # until the console stored all
            if not reader.done():
                print(f"the console stored all {len(self.events)} events", flush=True)
                if not self.args.stay:
                    await ws.close()
                    return True
            await reader
            return False
        finally:
            reader.cancel()

    async def read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Answer commands until the connection ends; keeps the console's close reason."""
        while True:
            msg = await ws.receive()
            if msg.type is not aiohttp.WSMsgType.TEXT:
                if msg.type is aiohttp.WSMsgType.CLOSE:
                    self.reason = msg.extra or ""
                if msg.type is aiohttp.WSMsgType.BINARY:
                    continue
                return
            message = json.loads(msg.data)
            kind = message.get("type")
            if kind == "command":
                fields = {k: v for k, v in message.items() if k not in ("type", "action", "id")}
                print(f"command {message.get('action')} {fields} -> ack ok", flush=True)
                with contextlib.suppress(ConnectionError):
                    await ws.send_json({"type": "ack", "id": message.get("id"), "ok": True})
            elif kind == "stored":
                if isinstance(message.get("seq"), int):
                    self.stored = max(self.stored, message["seq"] + 1)
            elif kind == "busy":
                self.resume_at = time.monotonic() + message.get("retry_after_ms", 250) / 1000
            elif kind == "welcome":
                print(f"welcome: the console uses {message.get('capabilities')}", flush=True)
                self.events_per_second = message["limits"]["events_per_second"]
            else:
                print(f"console says: {msg.data}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("show", type=Path, help="JSONL file of events (the replay format)")
    parser.add_argument("--url", default="ws://127.0.0.1:8790/ws", help="the relay WebSocket")
    parser.add_argument(
        "--token",
        default=os.environ.get("LIVEDESK_RELAY_TOKEN"),
        help="relay token, needed when the relay is open to the LAN "
        "(default: $LIVEDESK_RELAY_TOKEN, which other users cannot see in the process list)",
    )
    parser.add_argument("--speed", type=float, default=1.0, help="1 real time, 0 at once")
    parser.add_argument("--capabilities", default="", help="e.g. delete_comment,mute_user")
    parser.add_argument("--source", default="relay_sender.py", help="name shown in the console")
    parser.add_argument(
        "--stay", action="store_true", help="stay connected after the last event, for commands"
    )
    args = parser.parse_args(argv)
    if args.speed < 0:
        parser.error("--speed must be >= 0")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sender = Sender(args, load_events(args.show))
    try:
        return asyncio.run(sender.run())
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
