"""Round-trip time of GetStats through ObsClient versus bare obs-websocket-py, on one OBS.

    .venv/bin/python benchmarks/obs_rtt.py [--samples N]

With OBS_WS_PORT set it uses that OBS (OBS_WS_HOST, OBS_WS_PASSWORD); otherwise it starts a
headless OBS with ../shared/tools/obs-headless.sh and stops it afterwards. Both clients connect
the same way to the same OBS and take turns, so drift in OBS's load hits both alike. Prints
one JSON line on stdout (progress goes to stderr); the target is p50_ratio <= 1.2.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from any directory

from obswebsocket import obsws, requests  # noqa: E402 - after the path set-up above

from obs_bridge import ObsClient  # noqa: E402

SCRIPT = REPO.parent / "shared" / "tools" / "obs-headless.sh"
TARGET_RATIO = 1.2
BENCH_PASSWORD = "bench-pw"


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    password: str | None


def log(message: str) -> None:
    print(f"obs_rtt: {message}", file=sys.stderr, flush=True)


@contextmanager
def obs_endpoint() -> Iterator[Endpoint]:
    if os.environ.get("OBS_WS_PORT"):
        yield Endpoint(
            os.environ.get("OBS_WS_HOST", "127.0.0.1"),
            int(os.environ["OBS_WS_PORT"]),
            os.environ.get("OBS_WS_PASSWORD") or None,
        )
        return
    log(f"OBS_WS_PORT is not set: starting a headless OBS with {SCRIPT}")
    started = subprocess.run(
        ["bash", str(SCRIPT), "start", "--port", "auto", "--password", BENCH_PASSWORD],
        capture_output=True,
        text=True,
        check=False,
    )
    if started.returncode != 0:
        sys.exit(f"obs_rtt: could not start OBS:\n{started.stderr}")
    env = dict(line.split("=", 1) for line in started.stdout.splitlines() if "=" in line)
    try:
        yield Endpoint("127.0.0.1", int(env["OBS_WS_PORT"]), BENCH_PASSWORD)
    finally:
        subprocess.run(
            ["bash", str(SCRIPT), "stop", env["OBS_HEADLESS_DIR"]], capture_output=True, check=False
        )
        log("headless OBS stopped")


def timed_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000.0


def summary(samples: list[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds."""
    percentiles = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), percentiles[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1000, help="GetStats calls per client")
    parser.add_argument("--warmup", type=int, default=50, help="untimed calls per client first")
    args = parser.parse_args()

    with obs_endpoint() as endpoint:
        client = ObsClient(endpoint.host, endpoint.port, endpoint.password, timeout=10.0)
        client.connect()
        bare = obsws(endpoint.host, endpoint.port, endpoint.password or "", timeout=10)
        bare.connect()

        def bare_stats() -> None:
            if not bare.call(requests.GetStats()).status:
                raise RuntimeError("bare obs-websocket-py GetStats failed")

        try:
            for _ in range(args.warmup):
                client.stats()
                bare_stats()
            wrapped: list[float] = []
            raw: list[float] = []
            log(
                f"timing {args.samples} GetStats calls per client against {endpoint.host}:"
                f"{endpoint.port}"
            )
            for i in range(args.samples):
                if i % 2:
                    wrapped.append(timed_ms(client.stats))
                    raw.append(timed_ms(bare_stats))
                else:
                    raw.append(timed_ms(bare_stats))
                    wrapped.append(timed_ms(client.stats))
        finally:
            client.disconnect()
            bare.disconnect()

    client_p50, client_p99 = summary(wrapped)
    bare_p50, bare_p99 = summary(raw)
    ratio = client_p50 / bare_p50
    result = {
        "benchmark": "obs_rtt",
        "request": "GetStats",
        "samples": args.samples,
        "obs_client_p50_ms": round(client_p50, 4),
        "obs_client_p99_ms": round(client_p99, 4),
        "bare_p50_ms": round(bare_p50, 4),
        "bare_p99_ms": round(bare_p99, 4),
        "p50_ratio": round(ratio, 3),
        "target_p50_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
