"""Closing the window while it matters asks first: while OBS streams, and while events wait for a
database that does not take them. Otherwise it closes at once.

A tester quit mid-stream with one click. The window's close button (or Alt+F4, or the menu's
Quit) goes through the quit command, which asks when quitting cannot be undone: Esc keeps
the console running, Enter closes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from unit.obs_bridge.fake_obs import FakeObs, serve_outputs

from console.platforms.demo import DemoConnector, DemoSettings
from helpers.ui import answer


@pytest.fixture
def fake_obs() -> Iterator[FakeObs]:
    with FakeObs() as server:
        serve_outputs(server)
        yield server


def test_quitting_while_streaming_asks_and_esc_keeps_the_console(
    make_window, fake_obs: FakeObs, qtbot
) -> None:
    window = make_window(
        DemoConnector(DemoSettings(seed=4, comment_rate=5)), obs=("127.0.0.1", fake_obs.port, None)
    )
    obs = window.obs_panel
    assert obs is not None
    qtbot.waitUntil(lambda: obs.stream_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(obs.stream_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.on_air_bar.air_label.text().startswith("● 直播中"))

    window.close()
    box = answer(window, qtbot, Qt.Key.Key_Escape)
    assert "退出" in box.text()
    assert window.isVisible() and not window.session.stopped

    window.close()
    answer(window, qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_quitting_while_the_database_refuses_events_asks(
    make_window, qtbot, tmp_path: Path
) -> None:
    window = make_window(DemoConnector(DemoSettings(seed=4, comment_rate=40)))
    writer = window.session.writer
    qtbot.waitUntil(lambda: window.session.ready.is_set(), timeout=10_000)
    # Another program holds the database (a backup tool, a second console): nothing commits.
    blocker = sqlite3.connect(tmp_path / "ui.db", timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        qtbot.waitUntil(
            lambda: writer.last_error is not None and writer.unsaved > 0, timeout=20_000
        )
        window.close()
        answer(window, qtbot, Qt.Key.Key_Escape)
        assert window.isVisible()
    finally:
        blocker.rollback()
        blocker.close()
    qtbot.waitUntil(lambda: writer.last_error is None and writer.flush(0.1), timeout=20_000)
    window.close()  # everything is saved and nothing streams: it closes without asking
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert window.runner.confirmation is None
