"""``livedesk settings list|get KEY|set KEY VALUE``: the settings a desk keeps, from a script.

For setting up many desks alike. It reads and writes the same store as the settings dialog
(QSettings, ui.persist) and checks values the way the dialog does. Secrets are refused: they
belong in the system keyring, which the dialogs and the ``--…-env`` flags fill.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from console.platforms import CONNECTOR_NAMES
from ui.controllers.commands import default_shortcut, shortcut_ids
from ui.dialogs.relay_settings import HOST_KEY as RELAY_HOST_KEY
from ui.dialogs.relay_settings import PORT_KEY as RELAY_PORT_KEY
from ui.dialogs.wechat_settings import APPID_KEY, ROOM_KEY
from ui.i18n import LANGUAGES
from ui.persist import ui_settings
from ui.preferences import ROLES, THEMES, load_preferences, save_preferences

SECRETS = {
    "obs.password": "--obs-password-env, or the OBS settings dialog",
    "wechat.secret": "--wechat-secret-env, or the WeChat settings dialog",
    "relay.token": "the relay settings dialog",
    "control.token": "--control-token-env",
}


@dataclass(frozen=True, slots=True)
class Key:
    """One setting: where it is stored and what a valid value looks like."""

    store: str  # the QSettings key, or "preferences" for a Preferences field
    check: Callable[[str], str | None]  # the problem with a value, or None


def _one_of(choices: Sequence[str]) -> Callable[[str], str | None]:
    return lambda value: None if value in choices else f"must be one of {', '.join(choices)}"


def _any(_value: str) -> str | None:
    return None


def _port(value: str) -> str | None:
    return None if value.isdigit() and 1 <= int(value) <= 65535 else "must be a port, 1..65535"


def _number(value: str) -> str | None:
    return None if value.isdigit() else "must be a number"


def _db_url(value: str) -> str | None:
    if not value:
        return None  # the default: SQLite in the data folder
    try:
        make_url(value)
    except ArgumentError:
        return "is not a database URL (e.g. postgresql://user@host/livedesk)"
    return None


def _key_sequence(value: str) -> str | None:
    if value and QKeySequence(value).isEmpty():
        return "is not a key sequence (e.g. Ctrl+Shift+P)"
    return None


KEYS: dict[str, Key] = {
    "language": Key("preferences", _one_of(LANGUAGES)),
    "theme": Key("preferences", _one_of(THEMES)),
    "connector": Key("preferences", _one_of(CONNECTOR_NAMES)),
    "operator": Key("preferences", _any),
    "role": Key("preferences", _one_of(ROLES)),
    "db_url": Key("preferences", _db_url),
    "obs.host": Key("obs/host", _any),
    "obs.port": Key("obs/port", _port),
    "wechat.appid": Key(APPID_KEY, _any),
    "wechat.room": Key(ROOM_KEY, _number),
    "relay.host": Key(RELAY_HOST_KEY, _any),
    "relay.port": Key(RELAY_PORT_KEY, _port),
    **{f"shortcut.{c.value}": Key("shortcut", _key_sequence) for c in shortcut_ids()},
}


def read(name: str, settings: QSettings) -> str:
    key = KEYS[name]
    if key.store == "preferences":
        return str(getattr(load_preferences(settings), name))
    if key.store == "shortcut":
        return load_preferences(settings).shortcut(name.removeprefix("shortcut."))
    value = settings.value(key.store)
    return "" if value is None else str(value)


def write(name: str, value: str, settings: QSettings) -> None:
    key = KEYS[name]
    if key.store in ("preferences", "shortcut"):
        prefs = load_preferences(settings)
        if key.store == "preferences":
            setattr(prefs, name, value)
        else:
            command = name.removeprefix("shortcut.")
            prefs.shortcuts.pop(command, None)
            if value != default_shortcut(command):
                prefs.shortcuts[command] = value
        save_preferences(prefs, settings)
        return
    settings.setValue(key.store, value)
    settings.sync()


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="livedesk settings",
        description="Read or change the settings of this desk (the same as the settings "
        "dialog). Secrets are not settings: they are kept in the system keyring.",
    )
    verbs = parser.add_subparsers(dest="verb", required=True)
    verbs.add_parser("list", help="every setting and its value")
    get = verbs.add_parser("get", help="one setting's value")
    get.add_argument("key")
    put = verbs.add_parser("set", help="change a setting")
    put.add_argument("key")
    put.add_argument("value")
    args = parser.parse_args(argv)
    settings = ui_settings()
    if args.verb == "list":
        for name in KEYS:
            print(f"{name} = {read(name, settings)}")
        return 0
    if args.key in SECRETS:
        print(
            f"livedesk settings: {args.key} is a secret: it is kept in the system keyring, "
            f"never in the settings; use {SECRETS[args.key]}",
            file=sys.stderr,
        )
        return 2
    if args.key not in KEYS:
        print(f"livedesk settings: there is no setting {args.key!r} (see: list)", file=sys.stderr)
        return 2
    if args.verb == "get":
        print(read(args.key, settings))
        return 0
    problem = KEYS[args.key].check(args.value)
    if problem is not None:
        print(f"livedesk settings: {args.key} {problem}", file=sys.stderr)
        return 2
    write(args.key, args.value, settings)
    return 0
