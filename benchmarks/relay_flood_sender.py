"""One relay source flooding a console: the sender process of comment_flood.py --connector relay.

    python benchmarks/relay_flood_sender.py --url ws://127.0.0.1:8790/ws --rate 5000 \
        --duration 20 --source flood-1 --seed 1

Plays a seeded demo room (comments at ``--rate`` a second, with its likes and viewer counts)
over the relay's WebSocket as the protocol asks of a source (docs/relay.md): a hello with its
name, batches paced by the events' ``t``, each event numbered with ``seq`` from 0. It counts an
event as acknowledged once a "stored" message carries its seq, waits while the console says
"busy", keeps under the console's rate limit, and after ``--duration`` waits (up to
``--settle`` seconds) until everything it sent is stored. Prints one JSON line: what it sent,
what the console acknowledged, what it dropped or rejected, and how long it was held back.
Needs aiohttp and the console's demo room (console.platforms.demo); no Qt.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import deque
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from console.events import event_to_dict
from console.platforms.demo import DemoAudience, DemoSettings

TICK_S = 0.05  # events due within this window go out as one batch
MAX_BATCH_BYTES = 512 * 1024  # half the console's message limit
LIMIT_SHARE = 0.9  # of the console's events_per_second: catching up never trips the limit


class FloodSender:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        settings = DemoSettings(seed=args.seed, comment_rate=args.rate, id_prefix=f"{args.source}-")
        self.events = DemoAudience(settings).events()
        self.pending: deque[str] = deque()  # encoded, due, not sent yet
        self.next_seq = 0
        self.sent = 0
        self.comments_sent = 0
        self.acknowledged = 0  # events up to the last "stored" seq
        self.stored_events = 0  # the "events" count of the last "stored" message
        self.dropped = 0
        self.rejected = 0
        self.busy_notices = 0
        self.held_s = 0.0  # time spent waiting on "busy"
        self.resume_at = 0.0
        self.limit = 20_000.0 * LIMIT_SHARE
        self.error: str | None = None
        self._lookahead: dict[str, Any] | None = None

    def due(self, elapsed: float) -> None:
        """Encode the events whose ``t`` has come."""
        while True:
            if self._lookahead is None:
                self._lookahead = event_to_dict(next(self.events))
            event = self._lookahead
            if event["t"] > elapsed:
                return
            event["seq"] = self.next_seq
            self.next_seq += 1
            if event["type"] == "comment":
                self.comments_sent += 1
            self.pending.append(json.dumps(event, ensure_ascii=False, separators=(",", ":")))
            self._lookahead = None

    def take_batch(self, allowed: int) -> list[str]:
        """Up to ``allowed`` pending events, in one message of at most MAX_BATCH_BYTES."""
        batch: list[str] = []
        size = 0
        while self.pending and len(batch) < allowed:
            size += len(self.pending[0]) * 4 + 1  # UTF-8: at most 4 bytes a character
            if batch and size > MAX_BATCH_BYTES:
                break
            batch.append(self.pending.popleft())
        return batch

    async def run(self) -> dict[str, Any]:
        timeout = aiohttp.ClientTimeout(total=None)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            try:
                async with session.ws_connect(self.args.url, heartbeat=20) as ws:
                    await ws.send_json({"type": "hello", "source": self.args.source})
                    reader = asyncio.create_task(self.read(ws))
                    try:
                        await self.flood(ws, reader)
                        await self.settle(reader)
                    finally:
                        reader.cancel()
                    await ws.close()
            except (aiohttp.ClientError, OSError) as exc:
                self.error = f"{type(exc).__name__}: {exc}"
        return self.result()

    async def flood(self, ws: aiohttp.ClientWebSocketResponse, reader: asyncio.Task[None]) -> None:
        started = time.monotonic()
        budget, budget_at = 0.0, started  # events the rate limit lets through now
        while not reader.done():
            now = time.monotonic()
            elapsed = now - started
            if elapsed >= self.args.duration:
                return
            if now < self.resume_at:  # the console is behind: "busy"
                wait = self.resume_at - now
                self.held_s += wait
                await asyncio.sleep(wait)
                continue
            self.due(elapsed)
            budget = min(self.limit, budget + (now - budget_at) * self.limit)
            budget_at = now
            while self.pending and budget >= 1:
                batch = self.take_batch(int(budget))
                await ws.send_str(f"[{','.join(batch)}]")
                self.sent += len(batch)
                budget -= len(batch)
            await asyncio.sleep(TICK_S)

    async def settle(self, reader: asyncio.Task[None]) -> None:
        """Wait until the console stored everything sent (or ``--settle`` seconds pass)."""
        deadline = time.monotonic() + self.args.settle
        while self.acknowledged < self.sent and time.monotonic() < deadline:
            if reader.done():
                return
            await asyncio.sleep(0.05)

    async def read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        while True:
            msg = await ws.receive()
            if msg.type is aiohttp.WSMsgType.CLOSE or msg.type is aiohttp.WSMsgType.CLOSED:
                self.error = self.error or f"closed by the console: {msg.data} {msg.extra}"
                return
            if msg.type is not aiohttp.WSMsgType.TEXT:
                continue
            message = json.loads(msg.data)
            kind = message.get("type")
            if kind == "stored":
                if isinstance(message.get("seq"), int):
                    self.acknowledged = max(self.acknowledged, message["seq"] + 1)
                if isinstance(message.get("events"), int):
                    self.stored_events = max(self.stored_events, message["events"])
            elif kind == "busy":
                self.busy_notices += 1
                self.resume_at = time.monotonic() + message.get("retry_after_ms", 250) / 1000
            elif kind == "welcome":
                limits = message.get("limits", {})
                self.limit = float(limits.get("events_per_second", 20_000)) * LIMIT_SHARE
            elif kind == "error":
                self.dropped += int(message.get("dropped", 0))
                self.rejected += int(message.get("rejected", 0))

    def result(self) -> dict[str, Any]:
        return {
            "source": self.args.source,
            "sent": self.sent,
            "comments_sent": self.comments_sent,
            "acknowledged": self.acknowledged,
            "stored_events": self.stored_events,
            "dropped": self.dropped,
            "rejected": self.rejected,
            "busy_notices": self.busy_notices,
            "held_s": round(self.held_s, 2),
            "error": self.error,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--rate", type=float, required=True, help="comments per second")
    parser.add_argument("--duration", type=float, required=True, help="seconds of flood")
    parser.add_argument("--source", default="flood")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--settle", type=float, default=60, help="seconds to wait for acks")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(FloodSender(args).run())), flush=True)


if __name__ == "__main__":
    main()
