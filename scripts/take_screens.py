"""Screenshots of the main window for docs/screens: 1366×768 and 1920×1080, Chinese and
English, light and dark, on the demo room mid-show (goods pushed, a lottery open, and with an
OBS to control — tools/obs-headless.sh — the stream live).

    .venv/bin/python scripts/take_screens.py [--obs HOST:PORT] [--out docs/screens]

Each shot is the real program (``python -m console``) on an offscreen screen of that size,
with its own settings folder, driven over the control API as a Stream Deck would.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib import request
from urllib.error import HTTPError, URLError

SIZES = ((1366, 768), (1920, 1080))
LANGUAGES = ("zh_CN", "en")
THEMES = ("light", "dark")
SHOW_SECONDS = 40  # the demo room's curves need a while to look like a show


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(api: str, command: str, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    req = request.Request(f"{api}/commands/{command}", data, method="POST")
    req.add_header("Content-Type", "application/json")
    try:
        with request.urlopen(req, timeout=30) as answer:
            result = json.load(answer)
    except HTTPError as refused:  # e.g. 409: OBS streams already
        result = json.load(refused)
    if not result.get("ok"):
        print(f"  {command}: {result.get('message')}", file=sys.stderr)


def wait_for_goods(api: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with request.urlopen(f"{api}/state", timeout=5) as answer:
                if json.load(answer)["goods"]["loaded"]:
                    return
        except (URLError, OSError):
            pass
        time.sleep(0.3)
    raise SystemExit("the console's control API never answered")


def shoot(size: tuple[int, int], language: str, theme: str, obs: str, out: Path) -> Path:
    width, height = size
    home = Path(tempfile.mkdtemp(prefix="livedesk-screens-"))
    screen = home / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "s", "width": width, "height": height}]}))
    env = {
        **os.environ,
        "LIVEDESK_HOME": str(home),
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
    }
    livedesk = [sys.executable, "-m", "console"]
    for key, value in (("language", language), ("theme", theme), ("operator", "场控小王")):
        subprocess.run([*livedesk, "settings", "set", key, value], env=env, check=True)
    port = free_port()
    path = out / f"main-{width}x{height}-{language}-{theme}.png"
    args = ["--duration", str(SHOW_SECONDS), "--screenshot", str(path), "--seed", "11"]
    args += ["--control-port", str(port), "--obs", obs, "--comment-rate", "6"]
    console = subprocess.Popen([*livedesk, *args], env=env, stdout=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}/api"
    wait_for_goods(api, time.monotonic() + 30)
    post(api, "obs.stream.start", {})
    time.sleep(SHOW_SECONDS / 2)
    post(api, "goods.push.3", {})
    lottery = {"kind": "comment", "keyword": "抽奖", "prize": "保温杯", "winners": 2}
    post(api, "lottery.create", {**lottery, "countdown": 300})
    post(api, "lottery.open", {})
    if console.wait(timeout=SHOW_SECONDS + 60) != 0:
        raise SystemExit(f"the console failed for {path.name}")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--obs", default="127.0.0.1:4455", help="an OBS to control")
    parser.add_argument("--out", type=Path, default=Path("docs/screens"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        for language in LANGUAGES:
            for theme in THEMES:
                print(shoot(size, language, theme, args.obs, args.out.resolve()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
