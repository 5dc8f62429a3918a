"""What a command is: its arguments, what it needs, whether it can be undone, where it runs.

A ``CommandSpec`` describes one operator command for every door that fires it (menus,
shortcuts, panel buttons, the control API, rundown cues, another desk). Arguments are typed
(``Arg``) and checked by ``parse_args`` before anything happens; a preset ("goods.push.3") is
its family's command with some arguments fixed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from console.actions import Capability
from console.commands.ids import CommandId
from console.errors import BadCommand
from console.i18n import QT_TRANSLATE_NOOP

Args = Mapping[str, Any]


class Entry(StrEnum):
    """The door a command came through; recorded with its audit entry."""

    MENU = "menu"
    SHORTCUT = "shortcut"
    BUTTON = "button"
    CONTROL_API = "control_api"
    RUNDOWN = "rundown"
    DESK = "desk"  # another desk of the same show (team mode)
    AUTO = "auto"  # the console itself: a lottery countdown ran out, a like threshold was met


ENTRY_TITLES = {
    Entry.MENU: QT_TRANSLATE_NOOP("entries", "Menu"),
    Entry.SHORTCUT: QT_TRANSLATE_NOOP("entries", "Shortcut"),
    Entry.BUTTON: QT_TRANSLATE_NOOP("entries", "Button"),
    Entry.CONTROL_API: QT_TRANSLATE_NOOP("entries", "Control API"),
    Entry.RUNDOWN: QT_TRANSLATE_NOOP("entries", "Rundown"),
    Entry.DESK: QT_TRANSLATE_NOOP("entries", "Other desk"),
    Entry.AUTO: QT_TRANSLATE_NOOP("entries", "Automatic"),
}


class Confirm(StrEnum):
    """When a command must be confirmed before it runs (it cannot be undone)."""

    NEVER = "never"
    ALWAYS = "always"
    WHEN_RISKY = "when_risky"  # while OBS streams, or events wait for a failing database


class Need(StrEnum):
    """What a command needs besides a platform capability."""

    OBS = "obs"  # a connected OBS
    ROOM_API = "room_api"  # the room controls of the WeChat live API


class Lane(StrEnum):
    """The worker a command's remote step runs on, one at a time and in order: a hanging OBS
    must not delay moderation, and a mute then an unmute must reach the platform in order."""

    PLATFORM = "platform"
    OBS = "obs"
    READ = "read"  # reloads that nobody waits on in order


class ArgKind(StrEnum):
    TEXT = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    TEXT_LIST = "string[]"


@dataclass(frozen=True, slots=True)
class Arg:
    name: str
    kind: ArgKind
    doc: str  # English, for the control API's listing
    required: bool = True
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.kind.value, "doc": self.doc}
        out["required"] = self.required
        if not self.required:
            out["default"] = self.default
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        if self.choices:
            out["choices"] = list(self.choices)
        return out


@dataclass(frozen=True, slots=True)
class CommandSpec:
    id: CommandId
    title: str  # English, marked for translation (context "commands"); "%n": the preset number
    shortcut: str = ""
    args: tuple[Arg, ...] = ()
    needs: Capability | Need | None = None
    # Without the capability the console still applies the command to its own state
    # (moderation: viewers still see it); else the command is unavailable.
    local_fallback: bool = False
    confirm: Confirm = Confirm.NEVER
    lane: Lane = Lane.PLATFORM
    audited: bool = True
    family: CommandId | None = None  # a preset: the command it is a preset of
    preset: tuple[tuple[str, Any], ...] = field(default=())  # the arguments a preset fixes

    @property
    def irreversible(self) -> bool:
        return self.confirm is not Confirm.NEVER

    @property
    def action(self) -> CommandId:
        """The audit log's name for what this command does (a preset's family)."""
        return self.family or self.id

    @property
    def number(self) -> int | None:
        """The number of a numbered preset ("goods.push.3" -> 3), else None."""
        last = self.id.value.rsplit(".", 1)[-1]
        return int(last) if last.isdigit() else None

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id.value,
            "title": self.title.replace("%n", str(self.number or "")),
            "args": [arg.describe() for arg in self.args],
            "irreversible": self.irreversible,
        }
        if self.confirm is Confirm.WHEN_RISKY:
            out["irreversible_when"] = "streaming, or events the database has not taken"
        if self.shortcut:
            out["shortcut"] = self.shortcut
        if self.family is not None:
            out["preset_of"] = {"id": self.family.value, "args": dict(self.preset)}
        return out


_BAD_ARGUMENT = QT_TRANSLATE_NOOP("errors", "Command {command}: {problem}")


def bad_argument(command: CommandId, problem: str) -> BadCommand:
    return BadCommand(_BAD_ARGUMENT, command=command.value, problem=problem)


def parse_args(spec: CommandSpec, given: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments of one call, checked against ``spec`` (defaults filled in); raises a
    BadCommand naming the problem. Booleans are not integers here, nor the other way."""
    known = {arg.name: arg for arg in spec.args}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise bad_argument(spec.id, f"unknown argument(s) {', '.join(unknown)}")
    out: dict[str, Any] = {}
    for arg in spec.args:
        if arg.name not in given or given[arg.name] is None:
            if arg.required:
                raise bad_argument(spec.id, f"argument {arg.name} ({arg.kind.value}) is missing")
            out[arg.name] = arg.default
            continue
        out[arg.name] = _checked(spec.id, arg, given[arg.name])
    return out


def _checked(command: CommandId, arg: Arg, value: Any) -> Any:
    problem = f"argument {arg.name} must be {arg.kind.value}"
    if arg.kind is ArgKind.BOOLEAN:
        if not isinstance(value, bool):
            raise bad_argument(command, problem)
        return value
    if arg.kind is ArgKind.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_argument(command, problem)
        if arg.minimum is not None and value < arg.minimum:
            raise bad_argument(command, f"argument {arg.name} must be >= {arg.minimum}")
        if arg.maximum is not None and value > arg.maximum:
            raise bad_argument(command, f"argument {arg.name} must be <= {arg.maximum}")
        return value
    if arg.kind is ArgKind.TEXT_LIST:
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise bad_argument(command, problem)
        return tuple(value)
    if not isinstance(value, str):
        raise bad_argument(command, problem)
    if arg.choices and value not in arg.choices:
        raise bad_argument(command, f"argument {arg.name} must be one of {', '.join(arg.choices)}")
    return value
