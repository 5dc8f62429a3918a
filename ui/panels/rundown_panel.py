"""The rundown dock: the segments in a table (drag a row to reorder them before GO), the
selected one's details (goods, scene, lottery, talking points, its cues and how they went),
the total planned time, GO / previous / pause and the back-timers, which turn amber near the
segment's end and red when over. It draws a RundownView and reports clicks; the controller
does the rest."""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QPoint, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.rundown.model import Rundown, Segment
from console.rundown.run import CueState, SegmentState
from console.rundown.service import RundownView
from console.timefmt import show_clock
from ui.errors import describe_error
from ui.theme import colour, restyle

# A segment's timer turns amber this close to its end (at most a minute, a fifth of short ones).
AMBER_S = 60
AMBER_SHARE = 0.2


def signed_clock(seconds: float) -> str:
    """ "03:12" left, "-00:30" over."""
    whole = round(seconds)
    return show_clock(whole) if whole >= 0 else "-" + show_clock(-whole)


def timer_tone(left_s: float, planned_s: float) -> str:
    """The label's tone (livedesk.qss): none while there is time, "warning" (amber) near the
    end, "error" (red) when over."""
    if left_s < 0:
        return "error"
    if left_s <= min(AMBER_S, planned_s * AMBER_SHARE):
        return "warning"
    return ""


class SegmentTable(QTreeWidget):
    """The segments, one row each; a row dropped elsewhere asks for the move (``moved``) and
    the table is redrawn from the rundown the service then holds."""

    moved = Signal(int, int)  # from, to (0-based)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("rundownSegments")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setHeaderLabels(
            ["#", self.tr("Segment"), self.tr("Planned"), self.tr("Goods"), self.tr("State")]
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def drop_row(self, point: QPoint) -> int:
        """The place (0-based) a row dropped at ``point`` goes to."""
        item = self.itemAt(point)
        count = self.topLevelItemCount()
        if item is None:
            return count - 1
        row = self.indexOfTopLevelItem(item)
        below = point.y() > self.visualItemRect(item).center().y()
        return row + 1 if below else row

    def dropEvent(self, event: QDropEvent) -> None:
        source = self.currentIndex().row()
        target = self.drop_row(event.position().toPoint())
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the redraw shows the new order
        event.accept()
        destination = target - 1 if target > source else target
        if source >= 0 and destination != source:
            # After the drop is handled: the move redraws (clears) this table.
            to = min(destination, self.topLevelItemCount() - 1)
            QTimer.singleShot(0, self, lambda: self.moved.emit(source, to))


class RundownPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rundownPanel")
        self.title_label = QLabel()
        self.title_label.setObjectName("rundownTitle")
        self.total_label = QLabel()
        self.open_button = QPushButton(self.tr("Open…"))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.template_button = QPushButton(self.tr("Template"))
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.total_label)
        top.addWidget(self.template_button)
        top.addWidget(self.open_button)
        top.addWidget(self.save_button)

        self.on_air_label = QLabel()
        self.on_air_label.setObjectName("rundownOnAir")
        self.next_label = QLabel()
        self.segment_timer = QLabel("--:--")
        self.segment_timer.setObjectName("rundownSegmentTimer")
        big = self.segment_timer.font()
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.segment_timer.setFont(big)
        self.show_timer = QLabel()
        self.over_label = QLabel()
        self.go_button = QPushButton()
        self.go_button.setObjectName("rundownGo")
        self.go_button.setMinimumHeight(40)
        self.previous_button = QPushButton()
        self.pause_button = QPushButton()
        timers = QGridLayout()  # two lines: the table keeps the room on a laptop screen
        timers.addWidget(self.segment_timer, 0, 0, 2, 1)
        timers.addWidget(self.on_air_label, 0, 1)
        timers.addWidget(self.next_label, 1, 1)
        timers.addWidget(self.show_timer, 0, 2)
        timers.addWidget(self.over_label, 1, 2)
        timers.setColumnStretch(1, 1)
        timers.setHorizontalSpacing(12)
        buttons = QHBoxLayout()
        buttons.addWidget(self.go_button, 2)
        buttons.addWidget(self.previous_button, 1)
        buttons.addWidget(self.pause_button, 1)
        self.prompter_button = QPushButton(self.tr("Prompter"))
        self.prompter_button.setToolTip(self.tr("Show the prompter full screen on this screen"))
        self.screen_box = QComboBox()
        self.screen_box.setObjectName("prompterScreen")
        self.message_edit = QLineEdit()
        self.message_edit.setObjectName("prompterMessageEdit")
        self.message_edit.setPlaceholderText(self.tr("Message to the anchor, e.g. 还有 2 分钟"))
        self.message_edit.setClearButtonEnabled(True)
        self.message_button = QPushButton(self.tr("Send"))
        prompter = QHBoxLayout()
        prompter.addWidget(self.prompter_button)
        prompter.addWidget(self.screen_box)
        prompter.addWidget(self.message_edit, 1)
        prompter.addWidget(self.message_button)

        self.table = SegmentTable()
        self.detail = QTextBrowser()
        self.detail.setObjectName("rundownDetail")
        self.detail.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Horizontal)  # side by side: more rows in view
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(timers)
        layout.addLayout(buttons)
        layout.addLayout(prompter)
        layout.addWidget(split, 1)
        self._rundown: Rundown | None = None
        self._rows: tuple[SegmentState, ...] = ()
        self._detail_text = ""
        self.show_view(None)

    # -- drawing ---------------------------------------------------------------------------------
    def show_view(self, view: RundownView | None) -> None:
        if view is None:
            self.title_label.setText(self.tr("No rundown: open a file or start from the template"))
            self.total_label.clear()
            self.on_air_label.clear()
            self.next_label.clear()
            self.show_timer.clear()
            self.over_label.clear()
            self.segment_timer.setText("--:--")
            self.table.clear()
            self.detail.clear()
            self._detail_text = ""
            self._rundown, self._rows = None, ()
            return
        rundown = view.rundown
        self.title_label.setText(rundown.title or self.tr("Rundown"))
        self.total_label.setText(self.tr("Planned %1").replace("%1", show_clock(rundown.planned_s)))
        if rundown is not self._rundown or view.states != self._rows:
            self._fill(rundown, view)
        self._show_timers(view)
        self._show_detail(view)

    def _fill(self, rundown: Rundown, view: RundownView) -> None:
        selected = self.selected_index()
        self._rundown, self._rows = rundown, view.states
        blocker = QSignalBlocker(self.table)  # a redraw is no selection by the operator
        self.table.clear()
        for number, segment in enumerate(rundown.segments, 1):
            item = QTreeWidgetItem(
                [
                    str(number),
                    segment.title,
                    show_clock(segment.planned_s),
                    " ".join(f"{n}号" for n in segment.goods),
                    self._state_text(view.states[number - 1]),
                ]
            )
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
            if view.states[number - 1] is SegmentState.ON_AIR:
                font = item.font(1)
                font.setBold(True)
                for column in range(5):
                    item.setFont(column, font)
            self.table.addTopLevelItem(item)
        if selected is not None and selected < len(rundown.segments):
            self.table.setCurrentItem(self.table.topLevelItem(selected))
        blocker.unblock()

    def _state_text(self, state: SegmentState) -> str:
        return {
            SegmentState.UPCOMING: "",
            SegmentState.ON_AIR: self.tr("On air"),
            SegmentState.DONE: self.tr("Done"),
            SegmentState.SKIPPED: self.tr("Skipped"),
        }[state]

    def _show_timers(self, view: RundownView) -> None:
        segments, timer = view.rundown.segments, view.timer
        if view.current is None:
            self.segment_timer.setText("--:--")
            restyle(self.segment_timer, tone="")
            self.on_air_label.setText(
                self.tr("The rundown is over") if view.finished else self.tr("Press GO to start")
            )
        else:
            segment = segments[view.current]
            self.segment_timer.setText(signed_clock(timer.segment_left_s))
            restyle(self.segment_timer, tone=timer_tone(timer.segment_left_s, segment.planned_s))
            paused = self.tr(" (paused)") if view.paused else ""
            self.on_air_label.setText(
                self.tr("On air: %1. %2")
                .replace("%1", str(view.current + 1))
                .replace("%2", segment.title)
                + paused
            )
        upcoming = view.next_index
        self.next_label.setText(
            self.tr("Next: %1").replace("%1", segments[upcoming].title)
            if upcoming is not None
            else ""
        )
        self.show_timer.setText(
            self.tr("Show left %1").replace("%1", signed_clock(timer.show_left_s))
        )
        over = round(timer.over_s)
        if over > 0:
            text, tone = self.tr("%1 over").replace("%1", show_clock(over)), "error"
        elif over < 0:
            text, tone = self.tr("%1 under").replace("%1", show_clock(-over)), ""
        else:
            text, tone = self.tr("On time"), ""
        self.over_label.setText(text)
        restyle(self.over_label, tone=tone)

    def _show_detail(self, view: RundownView) -> None:
        index = self.selected_index()
        if index is None:
            index = view.current if view.current is not None else view.next_index
        if index is None or index >= len(view.rundown.segments):
            self.detail.clear()
            self._detail_text = ""
            return
        text = self._detail_html(index, view.rundown.segments[index], view)
        if text != self._detail_text:
            self._detail_text = text
            scroll = self.detail.verticalScrollBar().value()
            self.detail.setHtml(text)
            self.detail.verticalScrollBar().setValue(scroll)

    def _detail_html(self, index: int, segment: Segment, view: RundownView) -> str:
        e = html.escape
        goods_title = e(self.tr("Goods"))
        scene_title = e(self.tr("Scene"))
        lottery_title = e(self.tr("Lottery"))
        points_title = e(self.tr("Talking points"))
        cues_title = e(self.tr("Cues"))
        lines = [f"<h3>{index + 1}. {e(segment.title)} · {show_clock(segment.planned_s)}</h3>"]
        if segment.goods:
            goods = " ".join(f"{n}号" for n in segment.goods)
            lines.append(f"<p><b>{goods_title}</b> {e(goods)}</p>")
        if segment.scene:
            lines.append(f"<p><b>{scene_title}</b> {e(segment.scene)}</p>")
        if segment.lottery is not None:
            lottery = segment.lottery
            said = f"{lottery.get('prize', '')} · {lottery.get('keyword', '')}"
            lines.append(f"<p><b>{lottery_title}</b> {e(said)}</p>")
        if segment.talking_points:
            lines.append(f"<p><b>{points_title}</b></p><ul>")
            lines.extend(f"<li>{e(point)}</li>" for point in segment.talking_points)
            lines.append("</ul>")
        actions = segment.actions()
        if actions:
            lines.append(f"<p><b>{cues_title}</b></p><table>")
            for number, cue in enumerate(actions):
                state = view.cues.get((index, number), CueState.PENDING)
                args = json.dumps(dict(cue.args), ensure_ascii=False) if cue.args else ""
                mark, ink = self._cue_mark(state)
                error = view.reasons.get((index, number))
                reason = describe_error(error) if error is not None else ""
                style = f' style="color:{ink}"' if ink else ""
                lines.append(
                    f"<tr{style}><td>+{show_clock(cue.at_s)}</td><td>{mark}</td>"
                    f"<td>{e(cue.command)} {e(args)}</td><td>{e(reason)}</td></tr>"
                )
            lines.append("</table>")
        return "".join(lines)

    def _cue_mark(self, state: CueState) -> tuple[str, str]:
        if state is CueState.DONE:
            return "✓", ""
        if state is CueState.FAILED:
            return "✗ " + self.tr("failed"), colour("error").name()
        if state is CueState.FIRED:
            return "…", ""
        return "", ""

    def selected_index(self) -> int | None:
        item = self.table.currentItem()
        return self.table.indexOfTopLevelItem(item) if item is not None else None
