"""Secondary windows open inside the screen the main window is on, centred on it.

Qt centres a dialog on its parent but neither shrinks it nor places a secondary QMainWindow,
so on a small screen (1366x768 with a taskbar) a window sized for a desktop monitor opened
partly off-screen. Each secondary window calls ``fit_when_shown(self)`` once; it is fitted
every time it opens, when its size is final (after Qt's own adjustSize).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect
from PySide6.QtWidgets import QWidget


def _frame_margins(window: QWidget) -> QMargins:
    """The window-system frame around ``window`` (title bar, borders)."""
    frame, inner = window.frameGeometry(), window.geometry()
    return QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )


def _larger(a: QMargins, b: QMargins) -> QMargins:
    return QMargins(
        max(a.left(), b.left()),
        max(a.top(), b.top()),
        max(a.right(), b.right()),
        max(a.bottom(), b.bottom()),
    )


def fit_on_screen(window: QWidget, parent: QWidget | None = None) -> None:
    """Shrink ``window`` to fit the available area of the screen ``parent`` is on (the
    window's own screen without one) and centre it on ``parent``, frame included.

    A window not shown yet has no known frame: it is taken to be like the parent's.
    """
    anchor = parent.window() if parent is not None else None
    screen = (anchor or window).screen()
    area = screen.availableGeometry()
    frame = _frame_margins(window)
    if anchor is not None:
        frame = _larger(frame, _frame_margins(anchor))
    fits = area.marginsRemoved(frame)
    window.resize(min(window.width(), fits.width()), min(window.height(), fits.height()))
    outer = QRect(0, 0, window.width(), window.height()).marginsAdded(frame)
    outer.moveCenter(anchor.frameGeometry().center() if anchor is not None else area.center())
    # Keep the frame inside; a window larger than the screen keeps its title bar reachable.
    x = max(area.left(), min(outer.left(), area.right() - outer.width() + 1))
    y = max(area.top(), min(outer.top(), area.bottom() - outer.height() + 1))
    window.move(x, y)  # a top-level window's position is its frame's


class _FitOnShow(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Spontaneous show events come from the window system (un-minimising): left alone.
        shown = event.type() == QEvent.Type.Show and not event.spontaneous()
        if shown and isinstance(watched, QWidget):
            fit_on_screen(watched, watched.parentWidget())
        return False


def fit_when_shown(window: QWidget) -> None:
    """Fit ``window`` on its parent's screen (``fit_on_screen``) each time it is opened."""
    window.installEventFilter(_FitOnShow(window))
