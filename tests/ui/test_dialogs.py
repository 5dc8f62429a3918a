"""Dialogs speak the UI's language down to Qt's own buttons, answer through a button box in the
platform's order (Enter: the affirmative answer, Esc: cancel), and every secondary window opens
inside the screen its main window is on (the offscreen screen is 800x800: smaller than the
past-show window wants)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)
from sqlalchemy import Engine

from console.lottery.model import LotteryPreferences
from console.moderation import KeywordRules, ModerationService
from console.storage.database import open_database
from console.storage.queries import ShowSummary
from helpers.connectors import ScriptedConnector
from ui.dialogs.goods_import import GoodsImportDialog
from ui.dialogs.keyword_rules import KeywordRulesDialog
from ui.dialogs.lottery_create import LotteryCreateDialog
from ui.dialogs.obs_settings import ObsConnectionSettings, ObsSettingsDialog
from ui.dialogs.relay_settings import RelayAddress, RelaySettingsDialog
from ui.dialogs.room_actions import AssistantDialog, ReminderDialog
from ui.dialogs.search import SearchDialog
from ui.dialogs.settings import SettingsDialog
from ui.dialogs.user_card import UserCardDialog, UserRecord
from ui.dialogs.wechat_settings import WeChatSettingsDialog
from ui.placement import fit_on_screen
from ui.preferences import Preferences
from ui.show_history import ShowListDialog, ShowViewer
from ui.thumbnails import ThumbnailCache

Factory = Callable[[QWidget, Engine], QWidget]
ACCEPT = QDialogButtonBox.ButtonRole.AcceptRole
REJECT = QDialogButtonBox.ButtonRole.RejectRole


def _moderation() -> ModerationService:
    return ModerationService(ScriptedConnector(), None, operator="tester", clock=lambda: 0.0)


SHOW = ShowSummary(1, "demo", "", datetime.now(UTC), None, 0, 0.0)
# Every dialog that asks the operator something, built with the least it needs.
ANSWERING: dict[str, Factory] = {
    "goods import": lambda p, _db: GoodsImportDialog(lambda: [], ThumbnailCache(parent=p), p),
    "keyword rules": lambda p, _db: KeywordRulesDialog(KeywordRules(), p),
    "new lottery": lambda p, _db: LotteryCreateDialog(LotteryPreferences(), p),
    "obs": lambda p, _db: ObsSettingsDialog(
        ObsConnectionSettings("localhost", 4455, None), secure_store=True, parent=p
    ),
    "relay": lambda p, _db: RelaySettingsDialog(RelayAddress("127.0.0.1", 8765), lambda: "t", p),
    "assistant": lambda p, _db: AssistantDialog(p),
    "reminder": lambda p, _db: ReminderDialog("今晚上新", p),
    "settings": lambda p, _db: SettingsDialog(Preferences(), p),
    "wechat": lambda p, _db: WeChatSettingsDialog(p),
    "past shows": lambda p, db: ShowListDialog(db, p),
}
# Those and the windows that only show things (closed with Esc or the title bar: no answers).
SECONDARY: dict[str, Factory] = {
    **ANSWERING,
    "search": lambda p, _db: SearchDialog(_moderation(), lambda _query: [], p),
    "user card": lambda p, _db: UserCardDialog(
        _moderation(), "u1", "小王", lambda: UserRecord([], []), p
    ),
    "past show": lambda p, db: ShowViewer(db, SHOW, p),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    path: Path = tmp_path_factory.mktemp("dialogs") / "dialogs.db"
    return open_database(f"sqlite:///{path.as_posix()}")


@pytest.fixture
def main_window(qtbot) -> QMainWindow:
    """A stand-in for the main window, the parent of the windows under test."""
    window = QMainWindow()
    window.resize(400, 300)
    qtbot.addWidget(window)
    window.show()
    return window


# -- Qt's own texts ---------------------------------------------------------------------------
def test_qt_standard_buttons_and_menus_speak_chinese(qtbot) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "",
        "",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Close
    )
    qtbot.addWidget(buttons)
    assert sorted(b.text() for b in buttons.buttons()) == sorted(["确定", "取消", "保存", "关闭"])
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions()]
    assert "复制(&C)" in texts and "粘贴(&P)" in texts


def test_the_build_bundles_qt_own_chinese_where_the_frozen_app_looks() -> None:
    """The frozen app finds Qt's catalogue under QLibraryInfo's translations folder, which is
    <bundle>/<qt_rel_dir>/translations; ``make selftest`` checks the built app loads it."""
    qt = pytest.importorskip("PyInstaller.utils.hooks.qt").pyside6_library_info
    _hidden, _binaries, datas = qt.collect_module("PySide6.QtCore")
    bundled = {(Path(source).name, Path(target)) for source, target in datas}
    assert ("qtbase_zh_CN.qm", Path(qt.qt_rel_dir) / "translations") in bundled


# -- answers ----------------------------------------------------------------------------------
def _accept_left_of_reject(qtbot) -> bool:
    """The platform's order, from a plain OK/Cancel box."""
    reference = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(reference)
    reference.show()
    ok = reference.button(QDialogButtonBox.StandardButton.Ok)
    return ok.x() < reference.button(QDialogButtonBox.StandardButton.Cancel).x()


@pytest.mark.parametrize("name", list(ANSWERING))
def test_a_dialog_answers_through_its_button_box(
    name: str, engine: Engine, main_window: QMainWindow, qtbot
) -> None:
    dialog = ANSWERING[name](main_window, engine)
    assert isinstance(dialog, QDialog)
    dialog.show()
    dialog.activateWindow()  # focus lands where it would for the operator
    qtbot.waitUntil(dialog.isActiveWindow)
    [box] = dialog.findChildren(QDialogButtonBox)
    [default] = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
    [cancel] = [b for b in box.buttons() if box.buttonRole(b) is REJECT]
    assert box.buttonRole(default) is ACCEPT
    assert (default.x() < cancel.x()) == _accept_left_of_reject(qtbot)
    assert all(not b.text().isascii() for b in box.buttons())  # Chinese, Qt's and ours

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    if default.isEnabled():  # e.g. "Add assistant" waits for a WeChat ID
        dialog.show()
        clicked: list[bool] = []
        default.clicked.connect(lambda: clicked.append(True))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        assert clicked


def test_enter_in_the_past_shows_list_opens_the_show(
    engine: Engine, main_window: QMainWindow, qtbot
) -> None:
    dialog = ShowListDialog(engine, main_window)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.status_label.text() != "加载中…")
    opened: list[object] = []
    dialog.open_button.clicked.connect(lambda: opened.append(True))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened and dialog.isVisible()  # Open keeps the list; Close or Esc closes it


def test_enter_on_a_user_card_presses_no_moderation_button(main_window: QMainWindow, qtbot) -> None:
    card = UserCardDialog(_moderation(), "u1", "小王", lambda: UserRecord([], []), main_window)
    card.show()
    card.activateWindow()
    qtbot.waitUntil(card.isActiveWindow)
    focused = QApplication.focusWidget()
    assert focused is card.mute_button  # the first button takes the focus
    pressed: list[bool] = []
    for button in card.findChildren(QPushButton):
        button.clicked.connect(lambda: pressed.append(True))
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert not pressed


# -- placement --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(SECONDARY))
def test_a_secondary_window_opens_inside_the_screen(
    name: str, engine: Engine, main_window: QMainWindow, qtbot
) -> None:
    area = main_window.screen().availableGeometry()
    main_window.move(area.right() - 300, area.bottom() - 200)  # main window in a corner
    window = SECONDARY[name](main_window, engine)
    window.show()
    assert area.contains(window.frameGeometry()), (window.frameGeometry(), area)


def test_a_window_is_centred_on_its_parent_and_shrunk_to_the_screen(
    main_window: QMainWindow, qtbot
) -> None:
    area = main_window.screen().availableGeometry()
    main_window.move(area.center() - main_window.rect().center())
    small = QDialog(main_window)
    small.resize(200, 100)
    small.show()
    fit_on_screen(small, main_window)
    offset = small.frameGeometry().center() - main_window.frameGeometry().center()
    assert offset.manhattanLength() <= 2

    huge = QMainWindow(main_window)
    huge.resize(area.width() + 500, area.height() + 500)
    huge.show()
    fit_on_screen(huge, main_window)
    assert area.contains(huge.frameGeometry())
    assert huge.width() > area.width() - 20  # shrunk to the screen, not to nothing
