"""Audit entries as the operator reads them: a title for each action and what it was done to.

Every service writes its actions to the audit log (``AuditRecord``: action, target, result,
operator, show time, detail). These are all the action names; the dashboard and the review
read them too. Titles are English, marked for translation (context ``audit``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from console.i18n import QT_TRANSLATE_NOOP

ACTION_TITLES: dict[str, str] = {
    "comment.delete": QT_TRANSLATE_NOOP("audit", "Delete comment"),
    "user.mute": QT_TRANSLATE_NOOP("audit", "Mute user"),
    "user.unmute": QT_TRANSLATE_NOOP("audit", "Unmute user"),
    "user.block": QT_TRANSLATE_NOOP("audit", "Add to blocklist"),
    "user.unblock": QT_TRANSLATE_NOOP("audit", "Remove from blocklist"),
    "room.ban_all": QT_TRANSLATE_NOOP("audit", "Ban all comments"),
    "rules.update": QT_TRANSLATE_NOOP("audit", "Change keyword rules"),
    "goods.push": QT_TRANSLATE_NOOP("audit", "Push goods"),
    "goods.on_sale": QT_TRANSLATE_NOOP("audit", "Goods on/off sale"),
    "goods.sort": QT_TRANSLATE_NOOP("audit", "Sort goods"),
    "goods.import": QT_TRANSLATE_NOOP("audit", "Import goods"),
    "room.replay": QT_TRANSLATE_NOOP("audit", "Replay on/off"),
    "room.assistant": QT_TRANSLATE_NOOP("audit", "Add assistant"),
    "room.reminder": QT_TRANSLATE_NOOP("audit", "Live reminder"),
    "room.push_url": QT_TRANSLATE_NOOP("audit", "Read push address"),
    "room.share_code": QT_TRANSLATE_NOOP("audit", "Read share code"),
    "lottery.create": QT_TRANSLATE_NOOP("audit", "Create lottery"),
    "lottery.open": QT_TRANSLATE_NOOP("audit", "Open lottery"),
    "lottery.close": QT_TRANSLATE_NOOP("audit", "Close lottery"),
    "lottery.draw": QT_TRANSLATE_NOOP("audit", "Draw winners"),
    "lottery.reroll": QT_TRANSLATE_NOOP("audit", "Re-roll a winner"),
    "obs.scene": QT_TRANSLATE_NOOP("audit", "Switch scene"),
    "obs.stream.start": QT_TRANSLATE_NOOP("audit", "Start streaming"),
    "obs.stream.stop": QT_TRANSLATE_NOOP("audit", "Stop streaming"),
    "obs.record.start": QT_TRANSLATE_NOOP("audit", "Start recording"),
    "obs.record.stop": QT_TRANSLATE_NOOP("audit", "Stop recording"),
    "obs.input.mute": QT_TRANSLATE_NOOP("audit", "Mute/unmute audio"),
    "obs.source.visible": QT_TRANSLATE_NOOP("audit", "Show/hide source"),
    "obs.stream_target": QT_TRANSLATE_NOOP("audit", "Set stream target"),
}

# Detail fields that name what an action was done to, most telling first.
_SUBJECT_FIELDS = ("nickname", "name", "prize")
MAX_TEXT_CHARS = 40


def subject(target: str, detail: Mapping[str, Any]) -> str:
    """What an action was done to, for people: a nickname, goods name, prize or scene rather
    than an id, with the comment's text for a deleted comment."""
    name = next((str(detail[f]) for f in _SUBJECT_FIELDS if detail.get(f)), target)
    text = str(detail.get("text") or "")
    if len(text) > MAX_TEXT_CHARS:
        text = text[: MAX_TEXT_CHARS - 1] + "…"
    return f"{name}：{text}" if text else name
