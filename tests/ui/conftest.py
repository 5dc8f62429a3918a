"""UI test fixtures: the Chinese catalogue installed, and a main window around a real session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from console.platforms.base import Connector
from console.session import LiveSession
from ui.gc_guard import GcGuard
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.workers import configure_workers, wait_for_workers


@pytest.fixture(scope="session", autouse=True)
def zh_app(qapp: QApplication) -> Iterator[QApplication]:
    """Set up as the app does (Chinese UI, GC on the GUI thread, worker threads), with the
    pointer parked off-screen: a feed under the pointer pauses itself."""
    install_translators(qapp, "zh_CN")
    QCursor.setPos(5000, 5000)
    GcGuard(qapp)
    configure_workers()
    yield qapp
    wait_for_workers(20_000)  # no worker may outlive the QApplication


@pytest.fixture
def make_window(
    zh_app: QApplication, qtbot, tmp_path: Path
) -> Iterator[Callable[[Connector], MainWindow]]:
    sessions: list[LiveSession] = []

    def build(
        connector: Connector,
        *,
        start: bool = True,
        obs: tuple[str, int, str | None] | None = None,
    ) -> MainWindow:
        """A window on a new session; ``obs``: the (host, port, password) of an OBS to control
        (tests that are not about OBS have none, so they never reach a developer's own)."""
        session = LiveSession(connector, f"sqlite:///{(tmp_path / 'ui.db').as_posix()}")
        if obs is not None:
            session.connect_obs(*obs)
        sessions.append(session)
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        if start:
            session.start()
        return window

    yield build
    for session in sessions:
        session.stop()
