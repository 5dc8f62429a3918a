"""Light and dark themes (Fusion style with a matching palette); "system" follows the OS."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

_DARK = {
    QPalette.ColorRole.Window: "#26282b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#2b2d30",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8c8f94",
    QPalette.ColorRole.Button: "#313337",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.Highlight: "#2f65ca",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6ea8ff",
    QPalette.ColorRole.ToolTipBase: "#313337",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
}


def is_dark(theme: str, app: QApplication) -> bool:
    if theme == "system":
        return app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return theme == "dark"


_chosen = {"theme": "system", "following": False}


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply ``theme`` ("system", "light" or "dark"); "system" keeps following the OS."""
    _chosen["theme"] = theme
    app.setStyle(QStyleFactory.create("Fusion"))
    palette = app.style().standardPalette()
    if is_dark(theme, app):
        for role, colour in _DARK.items():
            palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    if not _chosen["following"]:
        _chosen["following"] = True
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow_system(app))


def _follow_system(app: QApplication) -> None:
    if _chosen["theme"] == "system":
        apply_theme(app, "system")
