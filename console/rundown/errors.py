"""What is wrong with a rundown, said so the 场控 can find it: each problem names where it is
("segment 2 (商品讲解 1), cue 1") and what is wrong; translated in context ``errors``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from console.errors import OperatorError
from console.i18n import QT_TRANSLATE_NOOP


class RundownProblem(OperatorError):
    """One thing wrong in a rundown; ``where`` is its place in the file."""


class RundownInvalid(OperatorError):
    """A rundown that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[RundownProblem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(problem.render() for problem in self.problems)
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "The rundown has {count} problem(s):\n{problems}"),
            count=len(self.problems),
            problems=lines,
        )


def segment_place(number: int, title: object = "") -> str:
    """How problems name a segment: "segment 2 (商品讲解 1)"."""
    return (
        f"segment {number} ({title})" if isinstance(title, str) and title else f"segment {number}"
    )


def problem(where: str, template: str, **fields: object) -> RundownProblem:
    named: dict[str, Any] = {"where": where, **fields}
    return RundownProblem(template, **named)


NOT_JSON = QT_TRANSLATE_NOOP("errors", "{where}: this is not a JSON rundown ({detail}).")
NOT_A_RUNDOWN = QT_TRANSLATE_NOOP(
    "errors", '{where}: a rundown is an object with "livedesk_rundown": 1 and "segments".'
)
BAD_VERSION = QT_TRANSLATE_NOOP(
    "errors", "{where}: rundown format {version} is not known to this LiveDesk (it reads 1)."
)
NO_SEGMENTS = QT_TRANSLATE_NOOP("errors", "{where}: the rundown has no segments.")
BAD_FIELD = QT_TRANSLATE_NOOP("errors", "{where}: {field} must be {expected}.")
UNKNOWN_FIELDS = QT_TRANSLATE_NOOP("errors", "{where}: unknown field(s) {fields}.")
BAD_TIME = QT_TRANSLATE_NOOP(
    "errors", '{where}: {field} must be seconds or "m:ss" (like "5:00"), not {value}.'
)
CUE_AFTER_END = QT_TRANSLATE_NOOP(
    "errors", "{where}: the cue at {at} comes after the segment's end ({duration})."
)
UNKNOWN_COMMAND = QT_TRANSLATE_NOOP("errors", "{where}: there is no command {command}.")
NOT_A_CUE = QT_TRANSLATE_NOOP("errors", "{where}: {command} cannot be a cue.")
BAD_ARGS = QT_TRANSLATE_NOOP("errors", "{where}: {detail}")
UNKNOWN_GOODS = QT_TRANSLATE_NOOP(
    "errors", "{where}: there is no goods no. {number} in the room (it has {count})."
)
UNKNOWN_SCENE = QT_TRANSLATE_NOOP("errors", "{where}: OBS has no scene “{scene}”.")
