"""Themes: the palettes and the style sheet agree, the real window is readable in light and
dark (WCAG contrast measured on its pixels), a switch at run time repaints what is already
built, and no colour is written in the UI code outside ui/theme.py."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from console.commands import CommandId
from console.events import Comment
from console.messages import Level
from console.paths import resource_path
from helpers.connectors import ScriptedConnector
from ui.main_window import MainWindow
from ui.panels.obs_panel import ObsPanel
from ui.theme import apply_theme, colour, load_palette, style_sheet

UI = Path(__file__).resolve().parents[2] / "ui"
THEMES = ("light", "dark")
AA = 4.5  # WCAG 2 level AA for normal text
COMMENTS = [
    Comment(1.0, "p1", "u1", "小鹿", "主播好"),
    Comment(1.5, "h1", "u2", "阿杰", "今天有福利吗"),  # matches the highlight word
    Comment(2.0, "q1", "u3", "Coco", "这件多少钱？"),
]


# -- measuring pixels ---------------------------------------------------------------------------


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def pixels(image: QImage) -> list[QColor]:
    return [image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())]


def background(image: QImage) -> QColor:
    """The most common colour: what text is drawn on."""
    counts = Counter(c.rgb() for c in pixels(image))
    return QColor.fromRgb(counts.most_common(1)[0][0])


def ink(image: QImage) -> QColor:
    """The pixel that stands out most from the background: the core of the text's strokes."""
    ground = background(image)
    return max(pixels(image), key=lambda c: contrast(c, ground))


def text_contrast(image: QImage) -> float:
    return contrast(ink(image), background(image))


def close(a: QColor, b: QColor, tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def grab(widget: QWidget, rect: QRect | None = None) -> QImage:
    QApplication.processEvents()
    return (widget.grab(rect) if rect is not None else widget.grab()).toImage()


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def light_afterwards(zh_app: QApplication) -> Iterator[QApplication]:
    """The themed tests leave the app as test_settings does: light."""
    yield zh_app
    apply_theme(zh_app, "light")


@pytest.fixture
def window(make_window, qtbot, light_afterwards) -> MainWindow:
    """A window whose feed holds a plain, a highlighted and a question comment."""
    win: MainWindow = make_window(ScriptedConnector())
    win.runner.run(CommandId.RULES_SET, {"block": [], "highlight": ["福利"], "question": None})
    qtbot.waitUntil(lambda: win.session.moderation.rules.highlight == ("福利",))
    for comment in COMMENTS:
        win.session.show.ingest(comment)
    qtbot.waitUntil(lambda: win.comment_model.rowCount() == len(COMMENTS), timeout=10_000)
    note = win.dashboard_panel.tiles["online"].note
    qtbot.waitUntil(lambda: bool(note.text()), timeout=5_000)  # the dashboard's first redraw
    win.status.show_message(Level.ERROR, "保存失败")
    return win


def row_parts(window: MainWindow, comment_id: str, *, buttons: bool = False):  # type: ignore[no-untyped-def]
    view = window.comment_panel.view
    index = window.comment_model.index(window.comment_model.row_of(comment_id))
    rect = view.visualRect(index)
    geometry = window.comment_panel.delegate.geometry(
        rect, view.fontMetrics(), index, buttons=buttons
    )
    return view.viewport(), rect, geometry


# -- the palettes and the style sheet -----------------------------------------------------------


def test_both_palettes_name_the_same_colours_and_the_sheet_uses_only_those() -> None:
    light, dark = load_palette("light"), load_palette("dark")
    assert light.colours.keys() == dark.colours.keys()
    template = resource_path("style", "livedesk.qss").read_text(encoding="utf-8")
    used = set(re.findall(r"@([A-Za-z][A-Za-z0-9]*)", template))
    assert used and used <= light.colours.keys()
    for palette in (light, dark):
        sheet = style_sheet(palette)
        assert "@" not in sheet
        assert set(re.findall(r"#[0-9a-f]{6}", sheet)) <= set(palette.colours.values())


def test_every_palette_colour_is_used() -> None:
    """By the style sheet (@name) or by name in the UI code (a colour() call, a tone...)."""
    template = resource_path("style", "livedesk.qss").read_text(encoding="utf-8")
    code = "\n".join(path.read_text(encoding="utf-8") for path in UI.rglob("*.py"))
    unused = [
        name
        for name in load_palette("light").colours
        if f"@{name}" not in template and f'"{name}"' not in code
    ]
    assert unused == []


def test_no_colour_is_written_in_ui_code_outside_the_theme() -> None:
    offenders = [
        f"{path.relative_to(UI.parent)}:{number}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        if path != UI / "theme.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"#[0-9a-fA-F]{6}\b|setStyleSheet|QColor\(\"|rgba\(", line)
    ]
    assert offenders == []


# -- the real window ----------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_the_window_is_readable(window: MainWindow, qtbot, theme: str) -> None:
    apply_theme(QApplication.instance(), theme)

    # A highlighted comment: its own background, the text and the nickname readable on it.
    viewport, rect, geometry = row_parts(window, "h1")
    row = grab(viewport, rect)
    assert close(background(row), colour("commentHighlight"), tolerance=0)
    text = grab(viewport, geometry.text)
    assert close(ink(text), colour("commentHighlightText"))
    assert text_contrast(text) >= AA
    assert text_contrast(grab(viewport, geometry.nickname)) >= AA

    # A plain comment on the feed's background.
    viewport, _rect, geometry = row_parts(window, "p1")
    assert text_contrast(grab(viewport, geometry.text)) >= AA

    # The inline buttons of the selected row: not light text on a light fill.
    window.comment_panel.select_row(window.comment_model.row_of("q1"))
    viewport, _rect, geometry = row_parts(window, "q1", buttons=True)
    for button in geometry.buttons.values():
        inside = grab(viewport, button.adjusted(2, 2, -2, -2))
        assert close(background(inside), colour("rowButton"), tolerance=0)
        assert text_contrast(inside) >= AA

    # Panels without OBS: the dashboard's tiles and chart, the status bar's error.
    tile = window.dashboard_panel.tiles["online"]
    for label in (tile.caption, tile.value, tile.note):
        assert text_contrast(grab(label)) >= AA
    chart = grab(window.dashboard_panel.graphics)
    assert close(background(chart), colour("chartBackground"), tolerance=0)
    message = grab(window.status.message_label)
    assert close(ink(message), colour("error"))
    assert text_contrast(message) >= AA

    # The badges of a muted and of a blocklisted user's lines: their text readable on them.
    window.runner.run(CommandId.USER_MUTE_10M, {"user_id": "u1"})
    window.runner.run(CommandId.USER_BLOCK, {"user_id": "u2"})
    for comment_id, fill in (("p1", "commentMutedBadge"), ("h1", "commentBlockedBadge")):
        qtbot.waitUntil(lambda c=comment_id: row_parts(window, c)[2].mark is not None)
        viewport, _rect, geometry = row_parts(window, comment_id)
        badge = grab(viewport, geometry.mark)
        assert close(background(badge), colour(fill), tolerance=0)
        assert text_contrast(badge) >= AA


def test_a_theme_switch_repaints_what_is_built(window: MainWindow, qtbot) -> None:
    app = QApplication.instance()
    obs = ObsPanel()
    qtbot.addWidget(obs)
    obs.set_online(True, "")
    obs.set_health(None, warning=True)
    obs.show()
    button = window.dashboard_panel.findChild(QWidget, "windowLast5")
    viewport, rect, _geometry = row_parts(window, "h1")

    def fill(image: QImage) -> QColor:
        """A Fusion button's face, left of its text (its most common colour is its frame)."""
        return image.pixelColor(4, image.height() // 2)

    def look() -> dict[str, QColor]:
        return {
            "button": fill(grab(button)),
            "message": ink(grab(window.status.message_label)),
            "highlight": background(grab(viewport, rect)),
            "chart": background(grab(window.dashboard_panel.graphics)),
            "health": background(grab(obs.health)),
        }

    apply_theme(app, "light")
    light = look()
    apply_theme(app, "dark")
    dark = look()
    assert all(light[part] != dark[part] for part in light), (light, dark)
    assert luminance(light["button"]) > 0.8 and luminance(dark["button"]) < 0.1
    assert close(dark["message"], colour("error"))
    assert close(dark["highlight"], colour("commentHighlight"), tolerance=0)
    assert close(dark["chart"], colour("chartBackground"), tolerance=0)
    assert close(dark["health"], colour("errorFill"), tolerance=0)
    apply_theme(app, "light")
    assert look() == light
