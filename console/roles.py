"""The part a desk's operator plays in the team (the product brief's 团队配置).

Shown with the operator's name on the on-air bar and kept in the preferences; team mode
(two desks, one show) limits commands by role.
"""

from __future__ import annotations

from enum import StrEnum

from console.i18n import QT_TRANSLATE_NOOP


class Role(StrEnum):
    CONTROLLER = "controller"  # 场控: runs the show at the broadcast desk
    ASSISTANT = "assistant"  # 助理: helps the anchor, goods and comments
    OPERATIONS = "operations"  # 运营: plans the show and its activities, reviews it


ROLE_TITLES = {
    Role.CONTROLLER: QT_TRANSLATE_NOOP("roles", "Stage controller"),
    Role.ASSISTANT: QT_TRANSLATE_NOOP("roles", "Assistant"),
    Role.OPERATIONS: QT_TRANSLATE_NOOP("roles", "Operations"),
}
