"""Light and dark themes: Fusion, a QPalette and one style sheet, all from resources/style/.

``light.palette`` and ``dark.palette`` name every colour the app uses (``name = #rrggbb``,
the same names in both). ``livedesk.qss`` writes a colour as ``@name``; it selects widgets by
object name and by dynamic properties, and Qt matches those again only when told: after
changing such a property, call ``restyle``. Code that paints (delegates, item models, charts)
asks ``colour(name)`` when it paints; what keeps a colour (pens, item brushes, a cached
pixmap) takes the new one in a slot given to ``on_theme_changed``. "system" follows the OS
colour scheme.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from console.paths import resource_path

_ROLE = QPalette.ColorRole
# Palette name -> the QPalette roles it colours (every colour group) ...
_QT_ROLES: dict[str, tuple[QPalette.ColorRole, ...]] = {
    "window": (_ROLE.Window,),
    "windowText": (_ROLE.WindowText,),
    "base": (_ROLE.Base,),
    "alternateBase": (_ROLE.AlternateBase,),
    "text": (_ROLE.Text,),
    "placeholderText": (_ROLE.PlaceholderText,),
    "button": (_ROLE.Button,),
    "buttonText": (_ROLE.ButtonText,),
    "highlight": (_ROLE.Highlight, _ROLE.Accent),
    "highlightedText": (_ROLE.HighlightedText,),
    "link": (_ROLE.Link,),
    "toolTipBase": (_ROLE.ToolTipBase,),
    "toolTipText": (_ROLE.ToolTipText,),
}
# ... and then the roles it colours in the Disabled group: greyed text, and a disabled field
# in the window's colour, as Fusion draws them.
_DISABLED_ROLES: dict[str, tuple[QPalette.ColorRole, ...]] = {
    "disabledText": (_ROLE.WindowText, _ROLE.Text, _ROLE.ButtonText),
    "disabledHighlight": (_ROLE.Highlight, _ROLE.Accent),
    "window": (_ROLE.Base,),
}
_ENTRY = re.compile(r"([A-Za-z][A-Za-z0-9]*)\s*=\s*(#[0-9a-fA-F]{6})")
_PLACEHOLDER = re.compile(r"@([A-Za-z][A-Za-z0-9]*)")


class Palette:
    """One theme's colours by name."""

    def __init__(self, theme: str, colours: dict[str, str]) -> None:
        self.theme = theme  # "light" or "dark"
        self.colours = colours  # name -> "#rrggbb"
        self._parsed = {name: QColor(value) for name, value in colours.items()}

    def colour(self, name: str) -> QColor:
        return QColor(self._parsed[name])  # a copy: the caller may change it


@cache
def load_palette(theme: str) -> Palette:
    """resources/style/<theme>.palette: ``name = #rrggbb`` lines; "#" starts a comment line."""
    path = resource_path("style", f"{theme}.palette")
    colours: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        entry = _ENTRY.fullmatch(text)
        if entry is None or entry[1] in colours:
            raise ValueError(f"{path.name}:{number}: not a new 'name = #rrggbb': {text!r}")
        colours[entry[1]] = entry[2].lower()
    return Palette(theme, colours)


def style_sheet(palette: Palette) -> str:
    """livedesk.qss with every ``@name`` replaced by the palette's colour."""

    def value(placeholder: re.Match[str]) -> str:
        name = placeholder[1]
        if name not in palette.colours:
            raise ValueError(f"livedesk.qss uses {name!r}, which {palette.theme}.palette lacks")
        return palette.colours[name]

    template = resource_path("style", "livedesk.qss").read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(value, template)


def qt_palette(app: QApplication, palette: Palette) -> QPalette:
    """Fusion's palette with the theme's colours in it."""
    result = app.style().standardPalette()
    for name, roles in _QT_ROLES.items():
        for role in roles:
            result.setColor(role, palette.colour(name))
    for name, roles in _DISABLED_ROLES.items():
        for role in roles:
            result.setColor(QPalette.ColorGroup.Disabled, role, palette.colour(name))
    return result


class _ThemeChanges(QObject):
    changed = Signal()


@dataclass
class _Applied:
    theme: str = "system"
    palette: Palette | None = None
    set_up: bool = False  # Fusion chosen and the OS colour scheme followed
    changes: _ThemeChanges | None = None


_applied = _Applied()


def _changes() -> _ThemeChanges:
    if _applied.changes is None:
        _applied.changes = _ThemeChanges()
    return _applied.changes


def current_palette() -> Palette:
    """The applied theme's colours; light until a theme is applied (``livedesk review``
    draws its charts without one)."""
    return _applied.palette or load_palette("light")


def colour(name: str) -> QColor:
    """A colour of the applied theme, for code that paints."""
    return current_palette().colour(name)


def on_theme_changed(slot: Callable[[], None]) -> None:
    """Call ``slot`` after every ``apply_theme``, once the new colours are in place. Give a
    method of a QObject: the connection ends when that object is destroyed."""
    _changes().changed.connect(slot)


def restyle(widget: QWidget, **properties: object) -> None:
    """Set the dynamic ``properties`` livedesk.qss selects on, and match its rules again for
    ``widget`` and the widgets inside it (a rule may select on an ancestor's property).
    Does nothing when every property already has that value."""
    if properties and all(widget.property(k) == v for k, v in properties.items()):
        return
    for name, value in properties.items():
        widget.setProperty(name, value)
    style = widget.style()
    for each in (widget, *widget.findChildren(QWidget)):
        style.unpolish(each)
        style.polish(each)
    widget.update()


def is_dark(theme: str, app: QApplication) -> bool:
    if theme == "system":
        return app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return theme == "dark"


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply ``theme`` ("system", "light" or "dark") to every widget, built or not; "system"
    keeps following the OS."""
    if not _applied.set_up:
        _applied.set_up = True
        app.setStyle(QStyleFactory.create("Fusion"))
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
    palette = load_palette("dark" if is_dark(theme, app) else "light")
    _applied.theme, _applied.palette = theme, palette
    app.setPalette(qt_palette(app, palette))
    app.setStyleSheet(style_sheet(palette))
    _changes().changed.emit()


def _follow_system(app: QApplication) -> None:
    if _applied.theme == "system":
        apply_theme(app, "system")
