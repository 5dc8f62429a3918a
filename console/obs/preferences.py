"""The operator's choices for one OBS, kept between runs: which input is the microphone, and
whether scene keys go on air at once in studio mode; and the user's own stream settings,
kept while the room's push address is in OBS.

Choices go to ``obs.json`` in the config folder, keyed by OBS address (another OBS has other
inputs). The stream settings carry the user's stream key: they go to the keyring
(console.secrets) only, never to a file; without a keyring they live as long as the console.
Everything here reads or writes the disk or the keyring: call it off the GUI thread.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from console.log import obs as log
from console.paths import config_dir
from console.secrets import delete_secret, get_secret, secure_store_available, set_secret

FILE_NAME = "obs.json"
_lock = threading.Lock()  # one read-modify-write of the file at a time


@dataclass(frozen=True, slots=True)
class ObsPreferences:
    mic: str = ""  # the input the mic key toggles; "": OBS's first microphone
    scene_keys_to_program: bool = False


def _path() -> Path:
    return config_dir() / FILE_NAME


def _read_all() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("the OBS preferences in %s cannot be read (%s); using defaults", _path(), exc)
        return {}
    return data if isinstance(data, dict) else {}


def load_preferences(address: str) -> ObsPreferences:
    with _lock:
        entry = _read_all().get(address)
    if not isinstance(entry, dict):
        return ObsPreferences()
    mic = entry.get("mic")
    program = entry.get("scene_keys_to_program")
    return ObsPreferences(
        mic=mic if isinstance(mic, str) else "",
        scene_keys_to_program=program if isinstance(program, bool) else False,
    )


def save_preferences(address: str, preferences: ObsPreferences) -> None:
    """Write atomically (a crash leaves the old file or the new one, never half of it)."""
    with _lock:
        data = _read_all()
        data[address] = asdict(preferences)
        path = _path()
        spare = path.with_suffix(".json.tmp")
        spare.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(spare, path)


@dataclass(frozen=True, slots=True)
class StreamService:
    """OBS's stream service as the user had set it up (``settings`` holds the stream key)."""

    kind: str
    settings: dict[str, Any]

    def __repr__(self) -> str:  # never the key, in a log or a traceback
        return f"StreamService(kind={self.kind!r}, settings=<{len(self.settings)} fields>)"


def _backup_key(address: str) -> str:
    return f"obs-stream-backup:{address}"


def load_stream_backup(address: str) -> StreamService | None:
    """The user's stream settings kept in the keyring by an earlier run, if any."""
    if not secure_store_available():
        return None
    text = get_secret(_backup_key(address))
    if not text:
        return None
    try:
        data = json.loads(text)
        return StreamService(str(data["kind"]), dict(data["settings"]))
    except (ValueError, KeyError, TypeError):
        log.warning("the kept OBS stream settings in the keyring are unreadable; ignored")
        return None


def save_stream_backup(address: str, service: StreamService | None) -> bool:
    """Keep (or with None forget) the user's stream settings in the keyring; False when there
    is no keyring (they are then kept for this run only)."""
    if not secure_store_available():
        return False
    if service is None:
        delete_secret(_backup_key(address))
    else:
        payload = {"kind": service.kind, "settings": service.settings}
        set_secret(_backup_key(address), json.dumps(payload))
    return True
