"""Checks of a rundown: every cue against the command registry's specs (while the file is
read), and against the room it runs in (goods numbers, OBS scenes) when those are known."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from console.commands.ids import CommandId
from console.commands.spec import parse_args
from console.commands.table import COMMANDS
from console.errors import OperatorError
from console.rundown.errors import (
    BAD_ARGS,
    NOT_A_CUE,
    UNKNOWN_COMMAND,
    UNKNOWN_GOODS,
    UNKNOWN_SCENE,
    RundownProblem,
    problem,
    segment_place,
)
from console.rundown.model import Rundown

RUNDOWN_PREFIX = "rundown."  # a cue cannot drive the rundown it belongs to
_GOODS_COMMANDS = {
    CommandId.GOODS_PUSH.value,
    CommandId.GOODS_ON_SALE.value,
    CommandId.GOODS_OFF_SALE.value,
}


def check_action(
    command: str, args: Mapping[str, Any], where: str, problems: list[RundownProblem]
) -> bool:
    """Whether ``command`` with ``args`` is a command a cue can run; else adds the problem."""
    try:
        spec = COMMANDS[CommandId(command)]
    except ValueError:
        problems.append(problem(where, UNKNOWN_COMMAND, command=command))
        return False
    if command.startswith(RUNDOWN_PREFIX):
        problems.append(problem(where, NOT_A_CUE, command=command))
        return False
    try:
        parsed = parse_args(spec, args)
        if spec.family is not None:
            parse_args(COMMANDS[spec.family], {**parsed, **dict(spec.preset)})
    except OperatorError as exc:
        problems.append(problem(where, BAD_ARGS, detail=exc.render()))
        return False
    return True


def check_room(
    rundown: Rundown, goods_count: int | None, scenes: Sequence[str] | None
) -> list[RundownProblem]:
    """What in ``rundown`` this room does not have: goods numbers beyond its ``goods_count``
    and scenes OBS does not list (``None``: not known, not checked)."""
    problems: list[RundownProblem] = []
    for number, segment in enumerate(rundown.segments, 1):
        where = segment_place(number, segment.title)
        numbers = list(segment.goods)
        names = [segment.scene] if segment.scene else []
        for cue in segment.cues:
            spec = COMMANDS[CommandId(cue.command)]
            family = spec.family or spec.id
            args = {**cue.args, **dict(spec.preset)}
            if family.value in _GOODS_COMMANDS:
                numbers.append(int(args["number"]))
            elif family is CommandId.OBS_SCENE and isinstance(args.get("name"), str):
                names.append(args["name"])
        if goods_count is not None:
            for goods in sorted(set(numbers)):
                if goods > goods_count:
                    problems.append(problem(where, UNKNOWN_GOODS, number=goods, count=goods_count))
        if scenes is not None:
            for name in dict.fromkeys(names):
                if name not in scenes:
                    problems.append(problem(where, UNKNOWN_SCENE, scene=name))
    return problems
