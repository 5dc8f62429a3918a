"""The rundown file: written and read back unchanged, the template follows the brief's flow,
and every problem in a file is named with its place (unknown command, bad arguments, unknown
goods number or scene)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from console.rundown.document import loads, read_rundown, to_data, write_rundown
from console.rundown.errors import RundownInvalid
from console.rundown.model import Cue, Rundown, Segment
from console.rundown.template import template
from console.rundown.validate import check_room

SHOW = Rundown(
    "春季上新",
    (
        Segment("暖场", 120, scene="开场", talking_points=("欢迎", "预告福利")),
        Segment(
            "商品讲解 1",
            300,
            goods=(1,),
            cues=(Cue(180, "goods.push", {"number": 1}), Cue(0, "goods.push.2")),
        ),
        Segment(
            "抽奖",
            240,
            lottery={"kind": "comment", "keyword": "想要", "prize": "福袋", "winners": 2},
            cues=(Cue(0, "lottery.open"), Cue(200, "lottery.draw")),
        ),
    ),
)


def test_a_rundown_file_reads_back_as_it_was_written(tmp_path: Path) -> None:
    path = tmp_path / "show.json"
    write_rundown(SHOW, path)
    assert read_rundown(path) == SHOW
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["segments"][1]["duration"] == "05:00"  # times as people write them
    assert data["segments"][1]["cues"][0] == {
        "at": "03:00",
        "command": "goods.push",
        "args": {"number": 1},
    }


def test_a_segment_fires_its_scene_and_lottery_first_then_its_cues_by_offset() -> None:
    actions = [(c.at_s, c.command) for c in SHOW.segments[1].actions()]
    assert actions == [(0, "goods.push.2"), (180, "goods.push")]
    scene = SHOW.segments[0].actions()
    assert [(c.command, dict(c.args)) for c in scene] == [("obs.scene", {"name": "开场"})]
    lottery = [c.command for c in SHOW.segments[2].actions()]
    assert lottery == ["lottery.create", "lottery.open", "lottery.draw"]
    assert SHOW.planned_s == 660 and SHOW.planned_start(2) == 420


def test_every_problem_is_named_with_its_place() -> None:
    text = json.dumps(
        {
            "livedesk_rundown": 1,
            "segments": [
                {"title": "暖场", "duration": "5 minutes"},
                {
                    "title": "商品讲解",
                    "duration": "2:00",
                    "cues": [
                        {"at": "0:30", "command": "goods.pushh", "args": {"number": 1}},
                        {"at": "1:00", "command": "goods.push", "args": {"number": "二"}},
                        {"at": "3:00", "command": "lottery.open"},
                        {"command": "rundown.next"},
                    ],
                },
                {"title": "抽奖", "duration": 60, "lottery": {"kind": "dice", "prize": "x"}},
            ],
        },
        ensure_ascii=False,
    )
    with pytest.raises(RundownInvalid) as raised:
        loads(text)
    said = [p.render() for p in raised.value.problems]
    assert said == [
        'segment 1 (暖场): duration must be seconds or "m:ss" (like "5:00"), not "5 minutes".',
        "segment 2 (商品讲解), cue 1: there is no command goods.pushh.",
        "segment 2 (商品讲解), cue 2: Command goods.push: argument number must be integer",
        "segment 2 (商品讲解), cue 3: the cue at 03:00 comes after the segment's end (02:00).",
        "segment 2 (商品讲解), cue 4: rundown.next cannot be a cue.",
        "segment 3 (抽奖), lottery: Command lottery.create: argument kind must be one of "
        "comment, like",
    ]


def test_what_is_not_json_or_not_a_rundown_says_so() -> None:
    with pytest.raises(RundownInvalid, match="not a JSON rundown"):
        loads("segments: []")
    with pytest.raises(RundownInvalid, match='"livedesk_rundown": 1'):
        loads('{"segments": []}')
    with pytest.raises(RundownInvalid, match="no segments"):
        loads('{"livedesk_rundown": 1, "segments": []}')


def test_the_room_check_names_goods_and_scenes_it_does_not_have() -> None:
    problems = check_room(SHOW, goods_count=1, scenes=["主画面"])
    assert [p.render() for p in problems] == [
        "segment 1 (暖场): OBS has no scene “开场”.",
        "segment 2 (商品讲解 1): there is no goods no. 2 in the room (it has 1).",
    ]
    assert check_room(SHOW, goods_count=None, scenes=None) == []
    assert check_room(SHOW, goods_count=2, scenes=["开场"]) == []


def test_the_template_follows_the_brief_with_a_push_and_a_comment_lottery() -> None:
    rundown = template(goods=2)
    titles = [s.title for s in rundown.segments]
    assert titles == ["暖场", "商品讲解 1", "商品讲解 2", "互动 / 抽奖", "引导关注"]
    commands = [c.command for s in rundown.segments for c in s.actions()]
    assert "goods.push" in commands and "lottery.open" in commands
    lottery = rundown.segments[3].lottery
    assert lottery is not None and lottery["kind"] == "comment"
    assert all(segment.talking_points for segment in rundown.segments)
    assert loads(json.dumps(to_data(rundown), ensure_ascii=False)) == rundown


def test_livedesk_rundown_template_writes_a_file_that_checks_clean(tmp_path: Path) -> None:
    path = tmp_path / "rundown.json"
    wrote = subprocess.run(
        [sys.executable, "-m", "console", "rundown", "template", str(path), "--goods", "2"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert wrote.returncode == 0, wrote.stderr
    assert read_rundown(path) == template(goods=2)
    checked = subprocess.run(
        [sys.executable, "-m", "console", "rundown", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert checked.returncode == 0 and "5 segments" in checked.stdout
    path.write_text(path.read_text(encoding="utf-8").replace("goods.push", "goods.shove"))
    broken = subprocess.run(
        [sys.executable, "-m", "console", "rundown", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert broken.returncode == 1 and "there is no command goods.shove" in broken.stdout
