"""A rehearsal (彩排): `livedesk --rundown FILE --autorun --speed X` runs a three-segment
rundown on its own on the demo room, headless; its review lists the three segments with
planned against actual times, the goods the cues pushed and the lottery with its winners."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

RUNDOWN = {
    "livedesk_rundown": 1,
    "title": "彩排",
    "segments": [
        {
            "title": "商品讲解",
            "duration": "0:40",
            "goods": [1, 2],
            "cues": [
                {"at": "0:05", "command": "goods.push", "args": {"number": 1}},
                {"at": "0:20", "command": "goods.push.2"},
            ],
        },
        {
            "title": "抽奖",
            "duration": "1:00",
            "lottery": {
                "kind": "comment",
                "keyword": "想要",
                "prize": "福袋",
                "winners": 2,
                "countdown": 0,
            },
            "cues": [{"command": "lottery.open"}, {"at": "0:50", "command": "lottery.draw"}],
        },
        {"title": "引导关注", "duration": "0:30"},
    ],
}


def livedesk(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LIVEDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_a_rehearsed_rundown_is_reviewed_segment_by_segment(
    tmp_path: Path, livedesk_home: Path
) -> None:
    plan = tmp_path / "rundown.json"
    plan.write_text(json.dumps(RUNDOWN, ensure_ascii=False), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'show.db'}"
    # 2:10 of plan at 10x: 13 s, well within the run.
    rehearsal = livedesk(
        "--rundown",
        str(plan),
        "--autorun",
        "--speed",
        "10",
        "--duration",
        "17",
        "--control-port",
        "0",
        "--db",
        db,
        home=livedesk_home,
    )
    assert rehearsal.returncode == 0, rehearsal.stderr
    summary = json.loads(rehearsal.stdout.strip().splitlines()[-1])
    assert summary["storage_error"] is None

    out = tmp_path / "review"
    review = livedesk("review", "--db", db, "--out", str(out), home=livedesk_home)
    assert review.returncode == 0, review.stderr
    with (out / "segments.csv").open(encoding="utf-8-sig") as handle:
        segments = list(csv.DictReader(handle))
    assert [s["title"] for s in segments] == ["商品讲解", "抽奖", "引导关注"]
    assert [float(s["planned_s"]) for s in segments] == [40, 60, 30]
    assert [float(s["planned_start_s"]) for s in segments] == [0, 40, 100]
    for segment in segments:  # each ran its plan, to the ticker's step (0.25 s × 10)
        assert abs(float(segment["over_s"])) <= 3, segment
    assert segments[0]["goods_pushed"].count("号") == 2
    assert segments[1]["lotteries"].startswith("福袋: ")
    winners = segments[1]["lotteries"].removeprefix("福袋: ").split("、")
    assert len(winners) == 2 and all(winners)

    html = (out / "report.html").read_text(encoding="utf-8")
    assert "直播脚本" in html  # the rundown section, in Chinese
    assert all(title in html for title in ("商品讲解", "抽奖", "引导关注"))
    assert all(winner in html for winner in winners)
