"""GoodsImportDialog: approved goods that are not in the room yet, ticked to import."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.goods import GoodsItem
from ui.errors import describe_error
from ui.placement import fit_when_shown
from ui.text import arg
from ui.thumbnails import ThumbnailCache
from ui.workers import run_in_worker

_ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
_CHECKED = Qt.CheckState.Checked


class GoodsImportDialog(QDialog):
    """``loader`` (blocking, run on a worker) returns the goods that can be imported."""

    def __init__(
        self,
        loader: Callable[[], list[GoodsItem]],
        thumbnails: ThumbnailCache,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("goodsImportDialog")
        self.setWindowTitle(self.tr("Import goods"))
        self._thumbnails = thumbnails
        self._items: dict[str, QListWidgetItem] = {}
        self._closed = False  # the library may arrive after the operator closed the dialog
        self.finished.connect(self._on_finished)

        intro = QLabel(
            self.tr("Approved goods from the library that are not in the room yet."), self
        )
        intro.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setObjectName("goodsImportWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setProperty("tone", "warning")
        self.warning.setVisible(False)
        self.status = QLabel(self.tr("Loading the goods library…"), self)
        self.status.setObjectName("goodsImportStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("goodsImportList")
        self.list.setIconSize(QSize(thumbnails.size, thumbnails.size))
        self.list.setSpacing(2)
        self.list.itemChanged.connect(self._update_ok)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("goodsImportOk")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.warning)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(460, 520)
        fit_when_shown(self)
        self._update_ok()

        thumbnails.loaded.connect(self._on_thumbnail_loaded)
        run_in_worker(loader, self._on_loaded, self._on_failed, context=self)

    def show_warning(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def selected(self) -> list[GoodsItem]:
        return [
            item.data(_ITEM_ROLE)
            for item in (self.list.item(row) for row in range(self.list.count()))
            if item.checkState() == _CHECKED
        ]

    def set_checked(self, goods_id: str, checked: bool = True) -> None:
        self._items[goods_id].setCheckState(_CHECKED if checked else Qt.CheckState.Unchecked)

    def _on_finished(self, _code: int) -> None:
        self._closed = True

    def _on_loaded(self, goods: list[GoodsItem]) -> None:
        if self._closed:
            return
        self.list.clear()
        self._items.clear()
        for goods_item in goods:
            item = QListWidgetItem(
                self._thumbnails.pixmap(goods_item.cover_url),
                f"{goods_item.name}    {goods_item.shown_price}",
            )
            item.setData(_ITEM_ROLE, goods_item)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
            self._items[goods_item.goods_id] = item
        if goods:
            self.status.setText(self.tr("%n goods can be imported", "", len(goods)))
        else:
            self.status.setText(self.tr("Every approved goods item is in the room already."))
        self._update_ok()

    def _on_failed(self, error: Exception) -> None:
        if self._closed:
            return
        self.status.setText(
            arg(self.tr("The goods library could not be read: %1"), describe_error(error))
        )

    def _on_thumbnail_loaded(self, url: str) -> None:
        for item in self._items.values():
            if item.data(_ITEM_ROLE).cover_url == url:
                item.setIcon(self._thumbnails.pixmap(url))

    def _update_ok(self, *_args: object) -> None:
        self.import_button.setEnabled(bool(self.selected()))
