"""Moderation from the real widgets: row buttons, context menu, shortcuts, dialogs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.actions import BanAllComments, Capability, DeleteComment, MuteUser, UnmuteUser
from console.commands import CommandId
from console.events import Comment
from console.jobs import Scope
from console.platforms.replay import ReplayConnector
from console.storage.models import AuditEntry, BlockedUser, CommentRecord
from console.verdicts import HiddenReason
from helpers.connectors import ScriptedConnector
from helpers.ui import answer
from ui.main_window import MainWindow
from ui.panels.comment_delegate import user_badge
from ui.theme import colour

COMMENTS = [
    Comment(1.0, "c1", "u1", "小鹿", "主播好"),
    Comment(1.5, "c2", "u2", "阿杰", "这件多少钱？"),
    Comment(2.0, "c3", "u3", "广告号", "加我领券"),
    Comment(2.5, "c4", "u2", "阿杰", "L码有货吗"),
    Comment(3.0, "c5", "u4", "Coco", "ＸＬ还有吗"),
]


@pytest.fixture
def window(make_window, qtbot) -> MainWindow:
    win: MainWindow = make_window(ScriptedConnector(COMMENTS))
    qtbot.waitUntil(lambda: win.comment_model.rowCount() == len(COMMENTS), timeout=10_000)
    return win


def row_of(window: MainWindow, comment_id: str) -> int:
    row = window.comment_model.row_of(comment_id)
    assert row >= 0
    return row


def button_center(window: MainWindow, row: int, kind: str) -> QPoint:
    view = window.comment_panel.view
    index = window.comment_model.index(row)
    geometry = window.comment_panel.delegate.geometry(
        view.visualRect(index), view.fontMetrics(), index, buttons=True
    )
    return geometry.buttons[kind].center()


def click_menu_item(qtbot, object_name: str) -> None:
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    action = next(a for a in menu.actions() if a.objectName() == object_name)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def arrive(window: MainWindow, *comments: Comment) -> None:
    for comment in comments:
        window.session.show.ingest(comment)


def status_text(window: MainWindow) -> str:
    return window.status.message_label.text()


def audit(window: MainWindow) -> list[AuditEntry]:
    assert window.session.writer.flush()
    with Session(window.session.engine) as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_row_delete_button_deletes_on_the_platform_and_keeps_the_line(window, qtbot) -> None:
    connector: ScriptedConnector = window.session.connector  # type: ignore[assignment]
    row = row_of(window, "c3")
    qtbot.mouseClick(
        window.comment_panel.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=button_center(window, row, "delete"),
    )
    qtbot.waitUntil(lambda: connector.performed == [DeleteComment("c3")])
    assert window.comment_model.rowCount() == len(COMMENTS)  # the line stays, struck through
    assert window.session.moderation.deleted_scope("c3") is Scope.PLATFORM
    qtbot.waitUntil(lambda: "删除" in status_text(window))
    [entry] = audit(window)
    assert (entry.action, entry.target, entry.result) == ("comment.delete", "c3", "ok")
    assert entry.operator == window.session.operator and entry.at is not None
    with Session(window.session.engine) as session:
        state = session.scalars(
            select(CommentRecord.moderation).where(CommentRecord.comment_id == "c3")
        ).one()
    assert state == "deleted"


def test_a_deleted_line_looks_different(window, qtbot) -> None:
    view = window.comment_panel.view
    rect = view.visualRect(window.comment_model.index(row_of(window, "c1")))
    before = view.viewport().grab(rect).toImage()
    view.setCurrentIndex(window.comment_model.index(row_of(window, "c4")))  # keep c1 unselected
    window.runner.run(CommandId.COMMENT_DELETE, {"comment_id": "c1"})
    qtbot.wait(50)
    assert view.viewport().grab(rect).toImage() != before


def test_delete_key_deletes_the_selected_comment(window, qtbot) -> None:
    connector: ScriptedConnector = window.session.connector  # type: ignore[assignment]
    window.comment_panel.select_row(row_of(window, "c1"))
    window.comment_panel.view.setFocus()
    qtbot.keyClick(window.comment_panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: connector.performed == [DeleteComment("c1")])


def test_context_menu_mutes_and_later_comments_are_hidden_and_counted(window, qtbot) -> None:
    connector: ScriptedConnector = window.session.connector  # type: ignore[assignment]
    panel = window.comment_panel
    rect = panel.view.visualRect(window.comment_model.index(row_of(window, "c2")))
    QTimer.singleShot(0, lambda: click_menu_item(qtbot, "action:user.mute.10m"))
    panel.view.customContextMenuRequested.emit(rect.center())
    qtbot.waitUntil(lambda: connector.performed == [MuteUser("u2", 600)])
    assert panel.paused  # on the comment selected for the menu
    arrive(
        window, Comment(4.0, "c6", "u2", "阿杰", "还在吗"), Comment(4.5, "c7", "u5", "新人", "来了")
    )
    qtbot.waitUntil(lambda: panel.held_count == 1)
    qtbot.mouseClick(panel.jump_button, Qt.MouseButton.LeftButton)
    assert window.comment_model.row_of("c7") >= 0
    assert window.comment_model.row_of("c6") == -1  # hidden from the main feed
    assert window.session.moderation.hidden_counts() == {HiddenReason.MUTED: 1}
    assert "禁言 1" in panel.hidden_label.text()
    panel.filter_box.setCurrentIndex(2)  # "hidden": the operator can still read it
    assert [
        window.comment_model.comment_at(r).id for r in range(window.comment_model.rowCount())
    ] == ["c6"]


@pytest.mark.parametrize(
    ("key", "seconds"),
    [(Qt.Key.Key_1, 60), (Qt.Key.Key_2, 600), (Qt.Key.Key_3, 3600), (Qt.Key.Key_4, None)],
)
def test_mute_shortcuts(window, qtbot, key: Qt.Key, seconds: int | None) -> None:
    connector: ScriptedConnector = window.session.connector  # type: ignore[assignment]
    window.comment_panel.select_row(row_of(window, "c5"))
    qtbot.keyClick(window.comment_panel.view, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: connector.performed == [MuteUser("u4", seconds)])


def test_unmute_and_blocklist_shortcuts(window, qtbot) -> None:
    connector: ScriptedConnector = window.session.connector  # type: ignore[assignment]
    view = window.comment_panel.view
    window.comment_panel.select_row(row_of(window, "c3"))
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: connector.performed == [MuteUser("u3", 60), UnmuteUser("u3")])
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(connector.performed) == 3)
    assert window.session.moderation.is_blocked("u3")
    assert window.session.writer.flush()
    with Session(window.session.engine) as session:
        assert session.scalars(select(BlockedUser.user_id)).all() == ["u3"]
    assert [e.action for e in audit(window)] == ["user.mute", "user.unmute", "user.block"]


def double_click(qtbot, widget: QWidget, position: QPoint) -> None:
    """Press, release, press again: QTest's mouseDClick on a widget sends the double-click
    event alone, and a view acts on a double click only on the item the first press was on."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=position)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=position)


def badges(window: MainWindow, comment_id: str) -> set[str]:
    """The user badges (by palette name) painted on a comment's line: a few hundred pixels of
    the badge's fill, wherever they are."""
    view = window.comment_panel.view
    line = view.visualRect(window.comment_model.index(row_of(window, comment_id)))
    image = view.viewport().grab(line).toImage()
    fills = {name: colour(name).rgb() for name in ("commentMutedBadge", "commentBlockedBadge")}
    pixels = [image.pixel(x, y) for y in range(image.height()) for x in range(image.width())]
    return {name for name, fill in fills.items() if pixels.count(fill) > 100}


def reported_mark(window: MainWindow, comment_id: str) -> HiddenReason | None:
    """The mark the feed's delegate gives a comment's line."""
    panel = window.comment_panel
    index = window.comment_model.index(row_of(window, comment_id))
    rect = panel.view.visualRect(index)
    return panel.delegate.geometry(rect, panel.view.fontMetrics(), index, buttons=False).mark_reason


def test_lines_of_muted_and_blocklisted_users_carry_a_mark(window, qtbot) -> None:
    connector: ScriptedConnector = window.session.connector  # type: ignore[assignment]
    panel, view = window.comment_panel, window.comment_panel.view
    assert [badges(window, c.id) for c in COMMENTS] == [set()] * len(COMMENTS)

    # 阿杰 (c2, c4) muted from the context menu: every line of theirs gets the badge.
    rect = view.visualRect(window.comment_model.index(row_of(window, "c2")))
    QTimer.singleShot(0, lambda: click_menu_item(qtbot, "action:user.mute.10m"))
    view.customContextMenuRequested.emit(rect.center())
    qtbot.waitUntil(lambda: connector.performed == [MuteUser("u2", 600)])
    qtbot.waitUntil(lambda: reported_mark(window, "c4") is HiddenReason.MUTED)
    assert reported_mark(window, "c2") is HiddenReason.MUTED
    assert badges(window, "c2") == badges(window, "c4") == {"commentMutedBadge"}
    assert reported_mark(window, "c1") is None and badges(window, "c1") == set()
    assert user_badge(HiddenReason.MUTED) == "禁言"

    # 广告号 (c3) on the blocklist by its key (the menu took the focus; a desktop gives it back).
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel.select_row(row_of(window, "c3"))
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: reported_mark(window, "c3") is HiddenReason.BLOCKED)
    assert badges(window, "c3") == {"commentBlockedBadge"}
    assert user_badge(HiddenReason.BLOCKED) == "黑名单"

    # 阿杰 unmuted: the badge goes.
    panel.select_row(row_of(window, "c4"))
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: reported_mark(window, "c2") is None)
    assert badges(window, "c2") == badges(window, "c4") == set()
    assert badges(window, "c3") == {"commentBlockedBadge"}


def test_ban_all_button_toggles_the_room_ban(window, qtbot) -> None:
    connector: ScriptedConnector = window.session.connector  # type: ignore[assignment]
    button = window.comment_panel.ban_all_button
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    answer(window, qtbot, Qt.Key.Key_Escape)  # banning everybody cannot be undone: it asks
    assert connector.performed == [] and not button.isChecked()
    assert "已取消" in status_text(window)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    answer(window, qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: connector.performed == [BanAllComments(True)])
    qtbot.waitUntil(button.isChecked)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # allowing them again does not ask
    qtbot.waitUntil(lambda: connector.performed == [BanAllComments(True), BanAllComments(False)])
    qtbot.waitUntil(lambda: not button.isChecked())
    assert window.runner.confirmation is None


def test_a_refused_action_is_undone_and_explained(window, qtbot) -> None:
    connector: ScriptedConnector = window.session.connector  # type: ignore[assignment]
    connector.refuse_next = "直播间已关闭"
    qtbot.mouseClick(
        window.comment_panel.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=button_center(window, row_of(window, "c1"), "delete"),
    )
    qtbot.waitUntil(lambda: "失败" in status_text(window))
    assert "直播间已关闭" in status_text(window)
    assert window.session.moderation.deleted_scope("c1") is None


def test_local_only_platform_says_viewers_still_see_it(make_window, qtbot, tmp_path: Path) -> None:
    show = tmp_path / "show.jsonl"
    show.write_text(
        "\n".join(
            json.dumps(
                {
                    "t": c.t,
                    "type": "comment",
                    "id": c.id,
                    "user_id": c.user_id,
                    "nickname": c.nickname,
                    "text": c.text,
                },
                ensure_ascii=False,
            )
            for c in COMMENTS
        ),
        encoding="utf-8",
    )
    window: MainWindow = make_window(ReplayConnector(show, speed=0))
    qtbot.waitUntil(lambda: window.comment_model.rowCount() == len(COMMENTS), timeout=10_000)
    panel = window.comment_panel
    assert panel.local_note.isVisible() and "观众仍" in panel.local_note.text()
    assert not panel.ban_all_button.isEnabled()
    assert "不支持" in panel.ban_all_button.defaultAction().toolTip()
    qtbot.mouseClick(
        panel.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=button_center(window, row_of(window, "c3"), "delete"),
    )
    qtbot.waitUntil(lambda: "观众仍可看到" in status_text(window))
    assert window.session.moderation.deleted_scope("c3") is Scope.LOCAL
    assert [e.result for e in audit(window)] == ["local"]


def test_keyword_rules_dialog_hides_block_words_and_marks_questions(window, qtbot) -> None:
    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "keywordRulesDialog"
        dialog.findChild(object, "blockWords").setPlainText("加微信\nVX")
        dialog.findChild(object, "questionWords").setPlainText("几号")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(window.comment_panel.rules_button, Qt.MouseButton.LeftButton)
    assert window.session.moderation.rules.block == ("加微信", "VX")
    arrive(
        window,
        Comment(5, "k1", "u9", "路人", "加ｖｘ送礼"),  # full-width, lower case: still blocked
        Comment(6, "k2", "u8", "顾客", "3号几号链接"),
        Comment(7, "k3", "u7", "顾客2", "好看"),
    )
    qtbot.waitUntil(lambda: window.comment_model.row_of("k3") >= 0)
    assert window.comment_model.row_of("k1") == -1
    window.comment_panel.filter_box.setCurrentIndex(1)  # questions only (earlier ones too)
    shown = [window.comment_model.comment_at(r).id for r in range(window.comment_model.rowCount())]
    assert shown == ["c2", "c4", "c5", "k2"]


def test_search_finds_comments_and_offers_moderation(window, qtbot) -> None:
    connector: ScriptedConnector = window.session.connector  # type: ignore[assignment]
    qtbot.keyClick(window.comment_panel.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.moderation.search_dialog
    assert dialog is not None and dialog.isVisible()
    assert window.session.writer.flush()
    qtbot.keyClicks(dialog.query_edit, "xl")  # matches "ＸＬ还有吗"
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.model.comment_at(0).id == "c5"
    index = dialog.model.index(0)
    geometry = dialog.delegate.geometry(
        dialog.view.visualRect(index), dialog.view.fontMetrics(), index, buttons=True
    )
    qtbot.mouseClick(
        dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=geometry.buttons["delete"].center()
    )
    qtbot.waitUntil(lambda: connector.performed == [DeleteComment("c5")])


def test_search_marks_matches_and_a_double_click_shows_the_comment_in_the_feed(
    window, qtbot
) -> None:
    panel = window.comment_panel
    qtbot.keyClick(panel.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.moderation.search_dialog
    assert dialog is not None
    assert window.session.writer.flush()
    qtbot.keyClicks(dialog.query_edit, "xl")  # matches "ＸＬ还有吗": its first two characters
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    index = dialog.model.index(0)
    rect = dialog.view.visualRect(index)
    text = dialog.delegate.geometry(rect, dialog.view.fontMetrics(), index, buttons=False).text
    image = dialog.view.viewport().grab(text).toImage()
    match = colour("searchMatch").rgb()
    marked = [x for x in range(image.width()) if image.pixel(x, image.height() // 2) == match]
    width = dialog.view.fontMetrics().horizontalAdvance("ＸＬ")
    assert marked and marked[0] <= 1 and width - 3 <= marked[-1] <= width + 1

    double_click(qtbot, dialog.view.viewport(), rect.center())
    assert panel.current_comment() is not None and panel.current_comment().id == "c5"
    shown = panel.view.visualRect(window.comment_model.index(row_of(window, "c5")))
    assert panel.view.viewport().rect().contains(shown)
    assert panel.paused  # on the comment the operator went to
    assert "实时评论中选中" in dialog.status_label.text()

    # A comment the feed does not hold (here: not a question, the feed shows questions only).
    panel.filter_box.setCurrentIndex(1)
    dialog.query_edit.setText("主播")
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and dialog.model.comment_at(0).id == "c1")
    rect = dialog.view.visualRect(dialog.model.index(0))
    double_click(qtbot, dialog.view.viewport(), rect.center())
    assert "已不在" in dialog.status_label.text() and "5,000" in dialog.status_label.text()


def test_clicking_a_nickname_opens_the_user_card(window, qtbot) -> None:
    view = window.comment_panel.view
    index = window.comment_model.index(row_of(window, "c4"))
    geometry = window.comment_panel.delegate.geometry(
        view.visualRect(index), view.fontMetrics(), index, buttons=False
    )
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=geometry.nickname.center())
    card = window.moderation.user_cards["u2"]
    assert card.isVisible() and "阿杰" in card.windowTitle()
    qtbot.waitUntil(lambda: card.comments_model.rowCount() == 2)  # both of 阿杰's comments
    assert "未禁言" in card.status_label.text()
    qtbot.mouseClick(card.mute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "禁言至" in card.status_label.text())
    assert window.session.moderation.is_muted("u2")
    assert card.unmute_button.isEnabled()


def test_buttons_follow_the_capabilities(make_window, qtbot) -> None:
    window: MainWindow = make_window(
        ScriptedConnector(
            COMMENTS, capabilities=frozenset({Capability.LIVE_EVENTS, Capability.BAN_ALL})
        )
    )
    qtbot.waitUntil(lambda: window.comment_model.rowCount() == len(COMMENTS), timeout=10_000)
    assert window.comment_panel.ban_all_button.isEnabled()
    assert window.comment_panel.local_note.isVisible()


def audit_rows(window: MainWindow) -> list[list[str]]:
    model = window.audit_panel.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_audit_log_panel_lists_actions_newest_first(make_window, qtbot) -> None:
    capabilities = frozenset({Capability.LIVE_EVENTS, Capability.DELETE_COMMENT})
    window: MainWindow = make_window(ScriptedConnector(COMMENTS, capabilities=capabilities))
    qtbot.waitUntil(lambda: window.comment_model.rowCount() == len(COMMENTS), timeout=10_000)
    qtbot.mouseClick(
        window.comment_panel.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=button_center(window, row_of(window, "c3"), "delete"),
    )
    qtbot.waitUntil(lambda: len(audit_rows(window)) == 1)
    user = {"user_id": COMMENTS[1].user_id}
    window.runner.run(CommandId.USER_MUTE_1M, user)  # the platform cannot mute: here only
    qtbot.waitUntil(lambda: len(audit_rows(window)) == 2)
    mute, delete = audit_rows(window)
    operator = window.session.operator
    assert delete[1:] == [operator, "按钮", "删除评论", "广告号：加我领券", "完成"]
    assert mute[1:5] == [operator, "按钮", "禁言用户", "阿杰"]
    assert mute[5].startswith("仅本地")
    assert re.fullmatch(r"\d\d:\d\d", delete[0])  # show time of the action
    model = window.audit_panel.model
    assert model.index(0, 5).data(Qt.ItemDataRole.ForegroundRole) is not None  # amber
    assert model.index(1, 5).data(Qt.ItemDataRole.ForegroundRole) is None
