"""The prompter: the window (full screen, huge text) and the read-only LAN page show the
segment on air with its talking points and time left, a comment sent to the prompter
("送到提词器") and the 场控's message; the page wants its token beyond this computer."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from urllib import request
from urllib.error import HTTPError

import pytest
from PySide6.QtCore import Qt

from console.commands import CommandId, Entry
from console.events import Comment
from console.rundown.model import Rundown, Segment
from console.rundown.options import serve_prompter
from helpers.connectors import ScriptedConnector
from ui.main_window import MainWindow

COMMENTS = [
    Comment(1.0, "c1", "u1", "小鹿", "主播好"),
    Comment(2.0, "c2", "u2", "阿杰", "2号有M码吗"),
]
PLAN = Rundown(
    "",
    (
        Segment("商品讲解", 300, goods=(2,), talking_points=("面料是真丝", "今天买一送一")),
        Segment("引导关注", 60),
    ),
)


@pytest.fixture
def window(make_window: Callable[..., MainWindow], qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    built = make_window(ScriptedConnector(COMMENTS))
    qtbot.waitUntil(lambda: built.session.people.comment("c2") is not None, timeout=10_000)
    built.rundown.load(PLAN)
    return built


def on_air_with_a_question(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.rundown_panel
    qtbot.waitUntil(panel.go_button.isEnabled)
    qtbot.mouseClick(panel.go_button, Qt.MouseButton.LeftButton)
    outcome = window.session.commands.submit(
        CommandId.PROMPTER_QUESTION, {"comment_id": "c2"}, Entry.MENU
    ).result(10)
    assert outcome.ok
    panel.message_edit.setText("还有 2 分钟")
    qtbot.mouseClick(panel.message_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.prompter.content(None).message == "还有 2 分钟")


def test_the_prompter_window_shows_the_segment_a_question_and_the_message(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    on_air_with_a_question(window, qtbot)
    qtbot.mouseClick(window.rundown_panel.prompter_button, Qt.MouseButton.LeftButton)
    prompter = window.rundown.prompter_window
    assert prompter is not None
    qtbot.waitUntil(prompter.isFullScreen)
    qtbot.waitUntil(lambda: prompter.segment.text() == "商品讲解")
    assert prompter.left.text() in ("05:00", "04:59")
    assert prompter.points.text() == "• 面料是真丝\n• 今天买一送一"
    assert prompter.questions.text() == "阿杰：2号有M码吗"
    assert prompter.message.text() == "还有 2 分钟" and prompter.message.isVisible()
    assert prompter.next.text() == "下一段：引导关注"
    assert prompter.segment.font().pixelSize() >= 40  # huge, on a 768 px screen
    window.session.commands.submit(CommandId.PROMPTER_CLEAR, {}, Entry.MENU).result(10)
    qtbot.waitUntil(lambda: prompter.questions.text() == "" and not prompter.message.isVisible())


def get(url: str) -> tuple[int, str]:
    try:
        with request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except HTTPError as refused:
        return refused.code, refused.read().decode("utf-8")


def test_the_lan_page_shows_the_same_and_wants_its_token(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert serve_prompter(session, "127.0.0.1", 0, "s3cret-token") is None
    server = session.prompter_server
    assert server is not None
    base = server.url.split("?")[0]
    on_air_with_a_question(window, qtbot)

    status, page = get(f"{base}?token=s3cret-token")
    assert status == 200 and "提词器" in page and "textContent" in page
    status, text = get(f"{base}content?token=s3cret-token")
    content = json.loads(text)
    assert status == 200 and content["segment"] == "商品讲解"
    assert content["talking_points"] == ["面料是真丝", "今天买一送一"]
    assert content["questions"] == [{"nickname": "阿杰", "text": "2号有M码吗"}]
    assert content["message"] == "还有 2 分钟" and content["next"] == "引导关注"
    assert 290 <= content["left_s"] <= 300
    assert get(f"{base}content")[0] == 401
    assert get(f"{base}content?token=wrong")[0] == 401

    window.session.commands.submit(CommandId.RUNDOWN_NEXT, {}, Entry.MENU).result(10)
    deadline = time.monotonic() + 5  # updated live: the next read says the next segment
    while json.loads(get(f"{base}content?token=s3cret-token")[1])["segment"] != "引导关注":
        assert time.monotonic() < deadline
        time.sleep(0.05)
