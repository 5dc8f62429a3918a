"""The window is laid out for the job on the screens a desk has (tests/screens.json: a
1366×768 laptop and a 1920×1080 monitor beside it).

A tester found the goods behind a tab and the microphone scrolled away at 1366×768, and the
window taller than the laptop's screen. What must be on screen without scrolling or switching
tabs: the on-air bar, the comment feed, the goods with their push buttons, OBS's scene buttons,
stream, record and the microphone; on the monitor the dashboard too. A window is never placed
off-screen, and opens maximized when its saved size does not fit.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from unit.obs_bridge.fake_obs import FakeObs

from console.platforms.demo import DemoConnector, DemoSettings
from ui.main_window import MainWindow
from ui.view_commands import ViewId


@pytest.fixture
def fake_obs() -> Iterator[FakeObs]:
    with FakeObs() as server:
        yield server


def _laptop_and_monitor() -> tuple[QRect, QRect]:
    laptop, monitor = QGuiApplication.screens()[:2]
    return laptop.availableGeometry(), monitor.availableGeometry()


def on_screen(widget: QWidget, window: MainWindow) -> bool:
    """Shown, not hidden by a tab or scrolled out of its dock, and inside the window."""
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return False
    visible = widget.visibleRegion().boundingRect()
    top_left = widget.mapTo(window, visible.topLeft())
    return window.rect().contains(QRect(top_left, visible.size()))


def essentials(window: MainWindow) -> dict[str, QWidget]:
    obs = window.obs_panel
    assert obs is not None
    goods = window.goods_panel
    first_goods = goods.model.row_at(0).item.goods_id
    return {
        "on-air bar": window.on_air_bar,
        "comment feed": window.comment_panel.view.viewport(),
        "goods list": goods.view.viewport(),
        "push button": goods.row_buttons(first_goods)[0],
        **{f"scene {b.text()}": b for b in obs.scene_buttons},
        "stream": obs.stream_button,
        "record": obs.record_button,
        "microphone": obs.mute_buttons["Mic"],
    }


def ready_window(make_window, fake_obs: FakeObs, qtbot) -> MainWindow:
    window = make_window(
        DemoConnector(DemoSettings(seed=3, comment_rate=30)),
        obs=("127.0.0.1", fake_obs.port, None),
    )
    obs = window.obs_panel
    assert obs is not None
    qtbot.waitUntil(
        lambda: len(obs.scene_buttons) == 2 and "Mic" in obs.mute_buttons, timeout=10_000
    )
    qtbot.waitUntil(lambda: window.goods_panel.model.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(lambda: window.painted, timeout=5000)
    return window


def settle(qtbot) -> None:
    qtbot.wait(300)  # dock sizes are applied once the window has painted at its size
    QApplication.processEvents()


def test_on_the_laptop_everything_a_show_needs_is_on_screen(make_window, fake_obs, qtbot) -> None:
    laptop, _monitor = _laptop_and_monitor()
    window = ready_window(make_window, fake_obs, qtbot)
    settle(qtbot)
    assert window.isMaximized()  # the first start has no saved size: it takes the screen
    assert laptop.contains(window.geometry())
    hidden = [name for name, w in essentials(window).items() if not on_screen(w, window)]
    assert hidden == []
    assert window.docks["goodsDock"].widget().visibleRegion().isEmpty() is False
    assert window.dashboard_panel.visibleRegion().isEmpty()  # a tab: no room for it here


def test_on_the_monitor_the_dashboard_is_on_screen_too(make_window, fake_obs, qtbot) -> None:
    _laptop, monitor = _laptop_and_monitor()
    window = ready_window(make_window, fake_obs, qtbot)
    window.showNormal()
    window.windowHandle().setScreen(QGuiApplication.screens()[1])
    window.setGeometry(monitor.adjusted(0, 30, 0, 0))
    window.showMaximized()
    qtbot.waitUntil(lambda: window.screen() is QGuiApplication.screens()[1], timeout=5000)
    window.actions[ViewId.LAYOUT_RESET].trigger()
    settle(qtbot)
    assert monitor.contains(window.geometry())
    shown = {**essentials(window), "dashboard": window.dashboard_panel}
    hidden = [name for name, w in shown.items() if not on_screen(w, window)]
    assert hidden == []


def test_a_saved_size_too_big_for_the_screen_opens_maximized_and_never_off_screen(
    make_window, fake_obs, qtbot
) -> None:
    laptop, monitor = _laptop_and_monitor()
    # Saved on the monitor, at its full size: too big for the laptop alone.
    big = make_window(DemoConnector(DemoSettings(seed=1)), start=False)
    big.showNormal()
    big.setGeometry(QRect(laptop.topLeft() + QPoint(10, 40), monitor.size() * 0.95))
    big.save_layout()
    big.close_now()
    window = make_window(DemoConnector(DemoSettings(seed=1)), start=False)
    assert window.isMaximized()
    assert laptop.contains(window.geometry())

    # Saved where no screen is any more (a monitor that was unplugged): moved back on.
    window.showNormal()
    window.setGeometry(QRect(QPoint(5000, 2000), laptop.size() * 0.6))
    window.save_layout()
    window.close_now()
    moved = make_window(DemoConnector(DemoSettings(seed=1)), start=False)
    assert not moved.isMaximized()
    placed = moved.geometry()
    assert any(s.availableGeometry().contains(placed) for s in QGuiApplication.screens())
