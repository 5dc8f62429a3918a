"""Dialogs speak the UI's language down to Qt's own buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox


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
