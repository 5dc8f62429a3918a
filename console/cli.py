"""Command-line flags of ``livedesk`` (and ``python -m console``). Parsing only; no Qt here."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from console import __version__
from console.control_api import DEFAULT_HOST as DEFAULT_CONTROL_HOST
from console.control_api import DEFAULT_PORT as DEFAULT_CONTROL_PORT
from console.platforms import CONNECTOR_NAMES, ConnectorOptions


def _non_negative(value: str) -> float:
    number = float(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return number


def _positive(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {value}")
    return number


def _port(value: str) -> int:
    number = int(value)
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"must be 1..65535, got {value}")
    return number


def _port_or_off(value: str) -> int:
    return 0 if value.strip() == "0" else _port(value)


def _obs_address(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {value}")
    return host, _port(port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="livedesk",
        description="LiveDesk 场控台 - a console for live-commerce broadcasts. "
        "Without options it opens on the simulated demo room.",
    )
    parser.add_argument("--version", action="version", version=f"LiveDesk {__version__}")
    source = parser.add_argument_group("live room")
    source.add_argument(
        "--connector",
        choices=CONNECTOR_NAMES,
        help="where live events come from (default: demo, or replay when --replay is given)",
    )
    source.add_argument("--replay", type=Path, metavar="FILE", help="JSONL file of events to play")
    source.add_argument(
        "--speed",
        type=_non_negative,
        default=1.0,
        metavar="X",
        help="replay and rehearsal (--autorun) speed: 1 real time, 2 twice as fast, 0 as fast "
        "as possible (replay only) (default 1)",
    )
    source.add_argument("--seed", type=int, help="demo room seed (same seed, same show)")
    source.add_argument(
        "--comment-rate",
        type=_non_negative,
        metavar="N",
        help="demo room comments per second (default: follows the audience, about 5/s)",
    )
    source.add_argument(
        "--relay-port",
        type=_port,
        metavar="N",
        help="relay connector: take events from sources on port N (default 8790; docs/relay.md)",
    )
    source.add_argument(
        "--relay-host",
        metavar="HOST",
        help="relay connector: listen on HOST (default 127.0.0.1; others need a relay token)",
    )
    source.add_argument(
        "--wechat-appid", metavar="APPID", help="wechat connector: mini program AppID"
    )
    source.add_argument("--wechat-room", type=int, metavar="ID", help="wechat connector: room id")
    source.add_argument(
        "--wechat-secret-env",
        metavar="VAR",
        help="wechat connector: read the AppSecret from this environment variable "
        "(default: the system keyring)",
    )
    source.add_argument(
        "--wechat-api",
        metavar="URL",
        help="wechat connector: API base URL (default https://api.weixin.qq.com)",
    )
    obs = parser.add_argument_group("OBS Studio")
    obs.add_argument(
        "--obs",
        type=_obs_address,
        metavar="HOST:PORT",
        help="connect to OBS's websocket server (obs-websocket v5, default port 4455)",
    )
    obs.add_argument(
        "--obs-password-env",
        metavar="VAR",
        help="read the OBS websocket password from this environment variable "
        "(default: the system keyring)",
    )
    control = parser.add_argument_group("control API (docs/control-api.md)")
    control.add_argument(
        "--control-port",
        type=_port_or_off,
        default=DEFAULT_CONTROL_PORT,
        metavar="N",
        help=f"serve the control API on port N (default {DEFAULT_CONTROL_PORT}; 0: off)",
    )
    control.add_argument(
        "--control-host",
        default=DEFAULT_CONTROL_HOST,
        metavar="HOST",
        help=f"listen on HOST (default {DEFAULT_CONTROL_HOST}; others need a token)",
    )
    control.add_argument(
        "--control-token-env",
        metavar="VAR",
        help="require the token in this environment variable (default: none on this computer, "
        "the keyring's beyond it)",
    )
    rundown = parser.add_argument_group("rundown (docs/rundown.md)")
    rundown.add_argument(
        "--rundown", type=Path, metavar="FILE", help="run this rundown (直播脚本): GO with F9"
    )
    rundown.add_argument(
        "--autorun",
        action="store_true",
        help="rehearse the rundown: it runs on its own, each segment for its planned duration "
        "(--speed X: X times faster)",
    )
    rundown.add_argument(
        "--prompter-port",
        type=_port_or_off,
        default=0,
        metavar="N",
        help="serve the read-only prompter page on port N (default 0: off)",
    )
    rundown.add_argument(
        "--prompter-host",
        default=DEFAULT_CONTROL_HOST,
        metavar="HOST",
        help="the prompter page listens on HOST (default 127.0.0.1; others, e.g. 0.0.0.0 for "
        "a tablet on the LAN, need a token)",
    )
    rundown.add_argument(
        "--prompter-token-env",
        metavar="VAR",
        help="the prompter page's token is in this environment variable (default: the "
        "keyring's, made and shown once)",
    )
    storage = parser.add_argument_group("storage")
    storage.add_argument(
        "--db", metavar="URL", help="SQLAlchemy database URL (default: SQLite in the data folder)"
    )
    unattended = parser.add_argument_group("runs without a person")
    unattended.add_argument(
        "--duration",
        type=_positive,
        metavar="S",
        help="quit after S seconds and print a JSON summary line to stdout",
    )
    unattended.add_argument(
        "--screenshot",
        type=Path,
        metavar="PATH",
        help="save the main window as PNG before quitting",
    )
    unattended.add_argument(
        "--selftest",
        action="store_true",
        help="check this installation: open the window offscreen on the demo room with a "
        "temporary database, receive and store events for a few seconds, exit 0 if all worked",
    )
    # For benchmarks/startup.py: print the wall-clock time of the window's first paint.
    unattended.add_argument("--report-startup", action="store_true", help=argparse.SUPPRESS)
    return parser


def parse_args(
    argv: Sequence[str] | None = None,
    *,
    default_connector: str = "demo",
    saved_wechat: tuple[str | None, int | None] = (None, None),
) -> argparse.Namespace:
    """Parse the flags. Without a flag choosing the live room, ``default_connector`` (the
    operator's saved choice) is used; the WeChat room falls back to ``saved_wechat`` (AppID,
    room id from the settings), and to the demo room when none is saved."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.connector is None:
        if args.replay is not None:
            args.connector = "replay"
        elif args.relay_port is not None or args.relay_host is not None:
            args.connector = "relay"
        elif args.wechat_appid is not None:
            args.connector = "wechat"
        elif default_connector == "wechat":
            args.connector = "wechat" if saved_wechat[0] and saved_wechat[1] is not None else "demo"
        else:
            args.connector = default_connector if default_connector in CONNECTOR_NAMES else "demo"
    if args.connector == "wechat":
        args.wechat_appid = args.wechat_appid or saved_wechat[0]
        if args.wechat_room is None:
            args.wechat_room = saved_wechat[1]
    if args.connector == "replay" and args.replay is None:
        parser.error("--connector replay needs --replay FILE")
    if args.connector == "wechat" and (args.wechat_appid is None or args.wechat_room is None):
        parser.error("--connector wechat needs --wechat-appid APPID and --wechat-room ID")
    if args.autorun and args.rundown is None:
        parser.error("--autorun needs --rundown FILE")
    if args.autorun and args.speed == 0:
        parser.error("--autorun needs a --speed above 0")
    if (args.relay_port is not None or args.relay_host) and args.connector != "relay":
        parser.error("--relay-port and --relay-host are for --connector relay")
    return args


def connector_options(args: argparse.Namespace) -> ConnectorOptions:
    return ConnectorOptions(
        name=args.connector,
        seed=args.seed,
        comment_rate=args.comment_rate,
        replay_path=args.replay,
        speed=args.speed,
        relay_host=args.relay_host,
        relay_port=args.relay_port,
        wechat_appid=args.wechat_appid,
        wechat_room=args.wechat_room,
        wechat_secret_env=args.wechat_secret_env,
        wechat_api=args.wechat_api,
    )


def _export_demo(argv: Sequence[str]) -> int:
    from console.platforms.demo import DemoSettings, export_show

    parser = argparse.ArgumentParser(
        prog="livedesk export-demo",
        description="Write a simulated show as a JSONL file of events (the replay format).",
    )
    parser.add_argument("out", type=Path, help="the JSONL file to write")
    parser.add_argument("--seconds", type=int, default=300, help="show length (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="demo room seed (default 1)")
    parser.add_argument("--comment-rate", type=_non_negative, metavar="N", help="comments/s")
    args = parser.parse_args(argv)
    settings = DemoSettings(seed=args.seed, comment_rate=args.comment_rate)
    lines = export_show(settings, args.seconds, args.out)
    print(f"wrote {lines} events to {args.out}")
    return 0


def _rundown(argv: Sequence[str]) -> int:
    from console.rundown.document import read_rundown, write_rundown
    from console.rundown.errors import RundownInvalid
    from console.rundown.template import template

    parser = argparse.ArgumentParser(
        prog="livedesk rundown", description="Rundown (直播脚本) files (docs/rundown.md)."
    )
    actions = parser.add_subparsers(dest="action", required=True)
    write = actions.add_parser(
        "template", help="write the brief's flow (暖场, 商品讲解 × N, 互动/抽奖, 引导关注)"
    )
    write.add_argument("file", type=Path, help="the rundown file to write (.json)")
    write.add_argument("--goods", type=int, default=3, metavar="N", help="goods segments (3)")
    check = actions.add_parser("check", help="check a rundown file and say what is wrong")
    check.add_argument("file", type=Path, help="the rundown file to check")
    args = parser.parse_args(argv)
    if args.action == "template":
        if args.goods < 1:
            parser.error("--goods must be at least 1")
        write_rundown(template(args.goods), args.file)
        print(f"wrote a rundown template to {args.file}")
        return 0
    try:
        rundown = read_rundown(args.file)
    except OSError as exc:
        print(f"livedesk rundown: cannot read {args.file}: {exc.strerror or exc}")
        return 1
    except RundownInvalid as exc:
        print(exc.render())
        return 1
    print(f"{args.file}: {len(rundown.segments)} segments, {rundown.planned_s} s planned")
    return 0


SUBCOMMANDS = {"export-demo": _export_demo, "rundown": _rundown}


def run_subcommand(argv: Sequence[str]) -> int | None:
    """Run ``livedesk <subcommand> ...`` if argv names one; None when it is a normal start."""
    if argv and argv[0] in SUBCOMMANDS:
        return SUBCOMMANDS[argv[0]](argv[1:])
    return None
