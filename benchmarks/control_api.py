"""Control API: how long a button on a deck waits for its answer, while comments flood in.

    python benchmarks/control_api.py [--presses 120] [--seconds 30] [--rate 3000]

Runs the core (no window) on the demo room flooding ``--rate`` comments per second, serves the
control API on a free loopback port and presses a moderation key ("mute for 1 minute", each
time another viewer) ``--presses`` times over HTTP, spread over ``--seconds``, as Bitfocus
Companion does. (Not "push goods": the demo audience answers every push with a wave of
comments, and a press every quarter second would stack them far beyond ``--rate``.) Measures
each request's round trip to its answer — the command checked, applied, carried out on the
platform and audited — and reads the database afterwards to check that every press left its
audit entry. Prints one JSON line (ms).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from console.platforms.demo import DemoConnector, DemoSettings
from console.review import load_audit
from console.session import LiveSession


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=120)
    parser.add_argument("--seconds", type=float, default=30.0, help="spread the presses")
    parser.add_argument("--rate", type=float, default=3000.0, help="comments per second")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        db = f"sqlite:///{Path(home, 'bench.db').as_posix()}"
        session = LiveSession(DemoConnector(DemoSettings(seed=7, comment_rate=args.rate)), db)
        session.start()
        session.ready.wait(30)
        server = session.serve_control_api("127.0.0.1", 0)
        assert server is not None
        times: list[float] = []
        failed = 0
        flood_start = session.show.counters().received.get("comment", 0)
        pause = args.seconds / args.presses
        with requests.Session() as http:
            for press in range(args.presses):
                time.sleep(pause)
                url = f"{server.url}/api/commands/user.mute.1m"
                body = json.dumps({"user_id": f"u{press:06d}"})
                started = time.perf_counter()
                answer = http.post(url, data=body, timeout=30)
                times.append((time.perf_counter() - started) * 1000)
                failed += not answer.json()["ok"]
        received = session.show.counters().received.get("comment", 0) - flood_start
        session.stop(timeout=60)
        audited = sum(1 for e in load_audit(session.engine, session.writer.show_id()))
    print(
        json.dumps(
            {
                "benchmark": "control_api",
                "presses": args.presses,
                "failed": failed,
                "audited": audited,
                "every_press_audited": audited == args.presses,
                "comments_during_presses": received,
                "p50_ms": round(statistics.median(times), 2),
                "p99_ms": round(percentile(times, 0.99), 2),
                "max_ms": round(max(times), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
