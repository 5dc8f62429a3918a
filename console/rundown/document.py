"""The rundown file (docs/rundown.md): JSON, read into a ``Rundown`` and written back.

Reading checks the file's shape and every cue against the command registry (so a typo in a
command or an argument is found while writing the rundown, not on air) and collects every
problem before it fails; ``console.rundown.validate`` adds the checks that need the room.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from console.rundown.errors import (
    BAD_FIELD,
    BAD_TIME,
    BAD_VERSION,
    CUE_AFTER_END,
    NO_SEGMENTS,
    NOT_A_RUNDOWN,
    NOT_JSON,
    UNKNOWN_FIELDS,
    RundownInvalid,
    RundownProblem,
    problem,
    segment_place,
)
from console.rundown.model import Cue, Rundown, Segment
from console.rundown.validate import check_action
from console.timefmt import show_clock

FORMAT_KEY = "livedesk_rundown"
FORMAT_VERSION = 1
_SEGMENT_FIELDS = {"title", "duration", "goods", "scene", "lottery", "talking_points", "cues"}
_CUE_FIELDS = {"at", "command", "args"}
_TIME = re.compile(r"^\+?(?:(\d+):)?(\d{1,2}):(\d{2})$")


def parse_time(value: object) -> int | None:
    """Seconds from a whole number of seconds or "m:ss" / "h:mm:ss" (a leading "+" allowed);
    None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str):
        match = _TIME.match(value.strip())
        if match:
            hours, minutes, seconds = match.groups()
            if int(seconds) < 60:
                return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return None


def format_time(seconds: int) -> str:
    """ "m:ss" (or "h:mm:ss"), the way the file writes times."""
    return show_clock(seconds)


def read_rundown(path: Path) -> Rundown:
    """The rundown in file ``path``; raises RundownInvalid listing every problem, OSError when
    the file cannot be read."""
    return loads(path.read_text(encoding="utf-8"), where=path.name)


def loads(text: str, where: str = "rundown") -> Rundown:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise RundownInvalid([problem(where, NOT_JSON, detail=str(exc))]) from None
    return from_data(data, where)


def from_data(data: object, where: str = "rundown") -> Rundown:
    problems: list[RundownProblem] = []
    if not isinstance(data, dict) or FORMAT_KEY not in data or "segments" not in data:
        raise RundownInvalid([problem(where, NOT_A_RUNDOWN)])
    if data[FORMAT_KEY] != FORMAT_VERSION:
        raise RundownInvalid([problem(where, BAD_VERSION, version=data[FORMAT_KEY])])
    title = data.get("title", "")
    if not isinstance(title, str):
        problems.append(problem(where, BAD_FIELD, field="title", expected="text"))
        title = ""
    raw_segments = data["segments"]
    segments: list[Segment] = []
    if not isinstance(raw_segments, list):
        problems.append(problem(where, BAD_FIELD, field="segments", expected="a list"))
    elif not raw_segments:
        problems.append(problem(where, NO_SEGMENTS))
    else:
        for number, raw in enumerate(raw_segments, 1):
            segment = _segment(raw, number, problems)
            if segment is not None:
                segments.append(segment)
    if problems:
        raise RundownInvalid(problems)
    return Rundown(title, tuple(segments))


def _segment(raw: object, number: int, problems: list[RundownProblem]) -> Segment | None:
    if not isinstance(raw, dict):
        problems.append(problem(f"segment {number}", BAD_FIELD, field="it", expected="an object"))
        return None
    where = segment_place(number, raw.get("title"))
    start = len(problems)
    unknown = sorted(set(raw) - _SEGMENT_FIELDS)
    if unknown:
        problems.append(problem(where, UNKNOWN_FIELDS, fields=", ".join(unknown)))
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(problem(where, BAD_FIELD, field="title", expected="a non-empty text"))
    planned = parse_time(raw.get("duration"))
    if planned is None or planned == 0:
        problems.append(
            problem(where, BAD_TIME, field="duration", value=json.dumps(raw.get("duration")))
        )
    goods = _list(raw, "goods", where, problems, _goods_number, "a list of goods numbers (1, 2…)")
    points = _list(raw, "talking_points", where, problems, _text, "a list of texts")
    scene = raw.get("scene")
    if scene is not None and (not isinstance(scene, str) or not scene):
        problems.append(problem(where, BAD_FIELD, field="scene", expected="a scene name"))
    lottery = raw.get("lottery")
    if lottery is not None:
        if isinstance(lottery, dict):
            check_action("lottery.create", lottery, f"{where}, lottery", problems)
        else:
            problems.append(problem(where, BAD_FIELD, field="lottery", expected="an object"))
    cues = _cues(raw.get("cues", []), where, planned, problems)
    if len(problems) > start:
        return None
    assert isinstance(title, str) and planned is not None
    return Segment(
        title=title.strip(),
        planned_s=planned,
        goods=tuple(goods),
        scene=scene,
        lottery=dict(lottery) if isinstance(lottery, dict) else None,
        talking_points=tuple(points),
        cues=tuple(cues),
    )


def _goods_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _text(value: object) -> bool:
    return isinstance(value, str)


def _list(
    raw: Mapping[str, Any],
    name: str,
    where: str,
    problems: list[RundownProblem],
    fits: Callable[[object], bool],
    expected: str,
) -> list[Any]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(fits(item) for item in value):
        problems.append(problem(where, BAD_FIELD, field=name, expected=expected))
        return []
    return value


def _cues(
    raw: object, where: str, planned: int | None, problems: list[RundownProblem]
) -> list[Cue]:
    if not isinstance(raw, list):
        problems.append(problem(where, BAD_FIELD, field="cues", expected="a list"))
        return []
    cues = []
    for number, item in enumerate(raw, 1):
        place = f"{where}, cue {number}"
        if not isinstance(item, dict):
            problems.append(problem(place, BAD_FIELD, field="it", expected="an object"))
            continue
        unknown = sorted(set(item) - _CUE_FIELDS)
        if unknown:
            problems.append(problem(place, UNKNOWN_FIELDS, fields=", ".join(unknown)))
        at = parse_time(item.get("at", 0))
        if at is None:
            problems.append(problem(place, BAD_TIME, field="at", value=json.dumps(item.get("at"))))
            continue
        if planned is not None and at > planned:
            problems.append(
                problem(place, CUE_AFTER_END, at=format_time(at), duration=format_time(planned))
            )
        command, args = item.get("command"), item.get("args", {})
        if not isinstance(command, str) or not isinstance(args, dict):
            problems.append(
                problem(place, BAD_FIELD, field="command/args", expected="a text / an object")
            )
            continue
        if check_action(command, args, place, problems):
            cues.append(Cue(at, command, dict(args)))
    return cues


def to_data(rundown: Rundown) -> dict[str, Any]:
    """The rundown as the file holds it (fields left at their default are left out)."""
    segments = []
    for segment in rundown.segments:
        out: dict[str, Any] = {"title": segment.title, "duration": format_time(segment.planned_s)}
        if segment.goods:
            out["goods"] = list(segment.goods)
        if segment.scene:
            out["scene"] = segment.scene
        if segment.lottery is not None:
            out["lottery"] = dict(segment.lottery)
        if segment.talking_points:
            out["talking_points"] = list(segment.talking_points)
        if segment.cues:
            out["cues"] = [
                {"at": format_time(cue.at_s), "command": cue.command, "args": dict(cue.args)}
                for cue in segment.cues
            ]
        segments.append(out)
    return {FORMAT_KEY: FORMAT_VERSION, "title": rundown.title, "segments": segments}


def dumps(rundown: Rundown) -> str:
    return json.dumps(to_data(rundown), ensure_ascii=False, indent=2) + "\n"


def write_rundown(rundown: Rundown, path: Path) -> None:
    path.write_text(dumps(rundown), encoding="utf-8")
