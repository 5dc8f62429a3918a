"""Operator commands: their ids (``CommandId``), what each one is (``CommandSpec``, the table
``COMMANDS``), what each one does (``bindings``) and the one way to run them (``router``)."""

from console.commands.ids import CommandId
from console.commands.spec import Arg, ArgKind, Args, CommandSpec, Confirm, Entry, Lane, Need
from console.commands.table import COMMANDS, MUTE_PRESETS, PUSH_PRESETS, SCENE_PRESETS

__all__ = [
    "COMMANDS",
    "MUTE_PRESETS",
    "PUSH_PRESETS",
    "SCENE_PRESETS",
    "Arg",
    "ArgKind",
    "Args",
    "CommandId",
    "CommandSpec",
    "Confirm",
    "Entry",
    "Lane",
    "Need",
]
