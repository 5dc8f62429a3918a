"""The OBS dock's sources: a tick box per item of the scene on air, the items of a group
indented under it. Items are told apart by OBS's sceneItemId in the scene or group that
holds them (a source may be in a scene twice, and a group numbers its own items)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from obs_bridge import SceneItem
from ui.text import arg

GROUP_INDENT_PX = 18

ItemKey = tuple[str | None, int]  # (the group holding it or None, its sceneItemId)


class SourcesBox(QGroupBox):
    item_clicked = Signal(object, bool)  # SceneItem, visible wanted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsSources")
        self.boxes: dict[ItemKey, QCheckBox] = {}
        self._items: dict[ItemKey, SceneItem] = {}
        self._built: list[tuple[ItemKey, str]] | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(2)

    def box(self, source: str, group: str | None = None) -> QCheckBox:
        """The first tick box of ``source`` (in ``group``)."""
        return next(
            b
            for key, b in self.boxes.items()
            if key[0] == group and b.property("sourceName") == source
        )

    def set_items(self, scene: str, items: Sequence[SceneItem]) -> None:
        self.setTitle(arg(self.tr("Sources of %1"), scene) if scene else "")
        shape = [((i.group, i.id), i.source) for i in items]
        if shape != self._built:
            self._rebuild(items)
            self._built = shape
        self._items = {(i.group, i.id): i for i in items}
        for item in items:
            box = self.boxes[(item.group, item.id)]
            box.setChecked(item.enabled)
            box.setProperty("onlineTip", self.tr("Shown in the scene when ticked"))

    def _rebuild(self, items: Sequence[SceneItem]) -> None:
        _clear(self._layout)
        self.boxes = {}
        for item in items:
            box = QCheckBox(item.source.replace("&", "&&"), self)
            box.setObjectName("obsSourceVisible")
            box.setProperty("sourceName", item.source)
            box.setProperty("group", item.group or "")
            if item.is_group:
                box.setProperty("emphasis", "bold")
            # As wide as its label: a click beside it does nothing, so it should not look
            # like it would.
            box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            key = (item.group, item.id)
            box.clicked.connect(
                lambda checked, k=key: self.item_clicked.emit(self._items[k], checked)
            )
            if item.group is None:
                self._layout.addWidget(box)
            else:
                row = QHBoxLayout()
                row.setContentsMargins(GROUP_INDENT_PX, 0, 0, 0)
                row.addWidget(box)
                row.addStretch(1)
                self._layout.addLayout(row)
            self.boxes[key] = box
        if not items:
            note = QLabel(self.tr("This scene has no sources."), self)
            note.setProperty("tone", "hint")
            self._layout.addWidget(note)


def _clear(layout: QLayout) -> None:
    while (entry := layout.takeAt(0)) is not None:
        widget, inner = entry.widget(), entry.layout()
        if widget is not None:
            widget.deleteLater()
        elif inner is not None:
            _clear(inner)
