"""What the window itself does at a key or menu item: open a dialog, jump the feed.

These are not operator actions (nothing reaches a platform, nothing is audited), so they are
not in the core's command registry; a dialog they open runs registered commands when the
operator confirms it. Ids are stable (key bindings use them); titles are marked for
translation (context ``commands``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from console.i18n import QT_TRANSLATE_NOOP


class ViewId(StrEnum):
    USER_CARD = "user.card"
    COMMENT_SEARCH = "comment.search"
    RULES_EDIT = "rules.edit"
    FEED_JUMP = "feed.jump"
    LOTTERY_NEW = "lottery.new"
    GOODS_IMPORT_DIALOG = "goods.import_dialog"
    SHOW_HISTORY = "show.history"
    SHOW_REVIEW = "show.review"
    APP_SETTINGS = "app.settings"
    APP_LOG_FOLDER = "app.log_folder"
    LAYOUT_RESET = "view.reset_layout"


@dataclass(frozen=True, slots=True)
class ViewSpec:
    id: ViewId
    title: str
    shortcut: str = ""


VIEW_COMMANDS: dict[ViewId, ViewSpec] = {
    spec.id: spec
    for spec in (
        ViewSpec(ViewId.USER_CARD, QT_TRANSLATE_NOOP("commands", "User card"), "Ctrl+I"),
        ViewSpec(ViewId.COMMENT_SEARCH, QT_TRANSLATE_NOOP("commands", "Search comments"), "Ctrl+F"),
        ViewSpec(ViewId.RULES_EDIT, QT_TRANSLATE_NOOP("commands", "Keyword rules…"), "Ctrl+K"),
        ViewSpec(ViewId.FEED_JUMP, QT_TRANSLATE_NOOP("commands", "Jump to newest comment"), "End"),
        ViewSpec(ViewId.LOTTERY_NEW, QT_TRANSLATE_NOOP("commands", "New lottery…")),
        ViewSpec(ViewId.GOODS_IMPORT_DIALOG, QT_TRANSLATE_NOOP("commands", "Import goods…")),
        ViewSpec(ViewId.SHOW_HISTORY, QT_TRANSLATE_NOOP("commands", "Past shows…"), "Ctrl+H"),
        ViewSpec(
            ViewId.SHOW_REVIEW,
            QT_TRANSLATE_NOOP("commands", "Export this show's review…"),
            "Ctrl+E",
        ),
        ViewSpec(ViewId.APP_SETTINGS, QT_TRANSLATE_NOOP("commands", "Settings…"), "Ctrl+,"),
        ViewSpec(ViewId.APP_LOG_FOLDER, QT_TRANSLATE_NOOP("commands", "Open log folder")),
        ViewSpec(ViewId.LAYOUT_RESET, QT_TRANSLATE_NOOP("commands", "Reset the layout")),
    )
}
