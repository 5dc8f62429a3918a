"""The on-air bar, always at the top of the window: what a stage controller must see at a glance.

LIVE (and for how long) or not, in red "推流中断" when the stream dropped unasked and
"推流重连中 N 秒" while OBS reconnects it; OBS's connection ("OBS 无响应" in red when it is
connected and answers nothing) and the recording; the room's comment ban as a red banner with
a one-click lift; the goods on the viewers' screens and how long ago they were pushed; an open
lottery and its countdown; the rundown's segment on air and its back-timer (amber near its
end, red when over); who runs this desk. It draws ``console.on_air.OnAir``; the button runs a
command.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from console.i18n import QT_TRANSLATE_NOOP
from console.obs.state import DropCause
from console.on_air import Air, OnAir, SegmentOnAir
from console.roles import ROLE_TITLES
from console.timefmt import show_clock
from obs_bridge import ConnectionState
from ui.panels.rundown_panel import timer_tone
from ui.text import arg
from ui.theme import restyle

_AIR_TEXT = {
    Air.NO_OBS: QT_TRANSLATE_NOOP("OnAirBar", "OBS not controlled here"),
    Air.OFF: QT_TRANSLATE_NOOP("OnAirBar", "Not live"),
    Air.STARTING: QT_TRANSLATE_NOOP("OnAirBar", "Starting the stream…"),
    Air.LIVE: QT_TRANSLATE_NOOP("OnAirBar", "● LIVE %1"),
    Air.RECONNECTING: QT_TRANSLATE_NOOP("OnAirBar", "Stream reconnecting %1 s"),
    Air.STOPPING: QT_TRANSLATE_NOOP("OnAirBar", "Stopping the stream…"),
    Air.DROPPED: QT_TRANSLATE_NOOP("OnAirBar", "Stream dropped"),
}
_DROP_TIPS = {
    DropCause.OBS_LOST: QT_TRANSLATE_NOOP(
        "OnAirBar", "The connection to OBS broke while streaming: check OBS."
    ),
    DropCause.STOPPED: QT_TRANSLATE_NOOP(
        "OnAirBar", "OBS stopped streaming without anyone asking: start the stream again."
    ),
}
_OBS_TEXT = {
    ConnectionState.CONNECTED: QT_TRANSLATE_NOOP("OnAirBar", "OBS connected"),
    ConnectionState.CONNECTING: QT_TRANSLATE_NOOP("OnAirBar", "OBS connecting"),
    ConnectionState.RECONNECTING: QT_TRANSLATE_NOOP("OnAirBar", "OBS reconnecting"),
    ConnectionState.FAILED: QT_TRANSLATE_NOOP("OnAirBar", "OBS refused the password"),
    ConnectionState.DISCONNECTED: QT_TRANSLATE_NOOP("OnAirBar", "OBS not connected"),
}
_OBS_TONES = {ConnectionState.CONNECTED: "good", ConnectionState.FAILED: "error"}
_RECONNECTING_TIP = QT_TRANSLATE_NOOP(
    "OnAirBar", "OBS lost the streaming server and is reconnecting: viewers see a frozen picture."
)
_NOT_RESPONDING_TIP = QT_TRANSLATE_NOOP(
    "OnAirBar",
    "OBS has answered nothing for 4 seconds: it may be frozen or overloaded. Check the OBS "
    "computer.",
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("OnAirBar", text)


class OnAirBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onAirBar")
        self.air_label = self._label("onAirState")
        self.obs_label = self._label("onAirObs")
        self.record_label = self._label("onAirRecord")
        self.ban_banner = QFrame(self)
        self.ban_banner.setObjectName("banBanner")
        ban_text = QLabel(self.tr("All comments banned"), self.ban_banner)
        self.lift_ban_button = QPushButton(self.tr("Allow comments"), self.ban_banner)
        self.lift_ban_button.setObjectName("liftBanButton")
        banner = QHBoxLayout(self.ban_banner)
        banner.setContentsMargins(8, 1, 2, 1)
        banner.addWidget(ban_text)
        banner.addWidget(self.lift_ban_button)
        self.goods_label = self._label("onAirGoods")
        self.goods_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.lottery_label = self._label("onAirLottery")
        self.segment_label = self._label("onAirSegment")
        self.operator_label = self._label("onAirOperator")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(14)
        for widget in (self.air_label, self.obs_label, self.record_label, self.ban_banner):
            layout.addWidget(widget)
        layout.addWidget(self.goods_label, 1)
        layout.addWidget(self.lottery_label)
        layout.addWidget(self.segment_label)
        layout.addWidget(self.operator_label)
        self.ban_banner.hide()
        self.lottery_label.hide()
        self.segment_label.hide()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        return label

    def show_state(self, state: OnAir) -> None:
        self._show_air(state)
        self.obs_label.setVisible(state.obs is not None)
        if state.obs is not None:
            frozen = state.obs is ConnectionState.CONNECTED and not state.obs_responding
            if frozen:
                self.obs_label.setText(self.tr("OBS not responding"))
                restyle(self.obs_label, tone="error")
            else:
                self.obs_label.setText(_tr(_OBS_TEXT[state.obs]))
                restyle(self.obs_label, tone=_OBS_TONES.get(state.obs, "warning"))
            self.obs_label.setToolTip(_tr(_NOT_RESPONDING_TIP) if frozen else "")
        if state.recording_seconds is None:
            self.record_label.setText(self.tr("Not recording"))
            restyle(self.record_label, tone="note")
        else:
            self.record_label.setText(arg(self.tr("● REC %1"), show_clock(state.recording_seconds)))
            restyle(self.record_label, tone="error")
        self.ban_banner.setVisible(state.banned_all)
        goods = state.goods
        if goods is None:
            self.goods_label.setText(self.tr("No goods pushed yet"))
            restyle(self.goods_label, tone="note")
        else:
            text = self.tr("On screen: no. %1 %2 (%3 ago)")
            self.goods_label.setText(arg(text, goods.number, goods.name, _ago(goods.seconds_ago)))
            self.goods_label.setToolTip(self.goods_label.text())
            restyle(self.goods_label, tone="")
        lottery = state.lottery
        self.lottery_label.setVisible(lottery is not None)
        if lottery is not None:
            if lottery.remaining is None:
                text = arg(self.tr("Lottery open: %1"), lottery.prize)
            else:
                left = show_clock(lottery.remaining)
                text = arg(self.tr("Lottery open: %1, %2 left"), lottery.prize, left)
            self.lottery_label.setText(text)
        self._show_segment(state.segment)
        role = QCoreApplication.translate("roles", ROLE_TITLES[state.role])
        self.operator_label.setText(arg(self.tr("%1 · %2"), state.operator, role))

    def _show_segment(self, segment: SegmentOnAir | None) -> None:
        self.segment_label.setVisible(segment is not None)
        if segment is None:
            return
        if segment.left_s < 0:
            timer = arg(self.tr("over %1"), show_clock(-segment.left_s))
        else:
            timer = arg(self.tr("%1 left"), show_clock(segment.left_s))
        text = arg(self.tr("Segment %1 %2 · %3"), segment.number, segment.title, timer)
        self.segment_label.setText(text)
        restyle(self.segment_label, tone=timer_tone(segment.left_s, segment.planned_s))

    def _show_air(self, state: OnAir) -> None:
        if state.air is Air.RECONNECTING:
            shown: object = int(state.reconnecting_seconds or 0)
        else:
            shown = show_clock(state.stream_seconds or 0)
        self.air_label.setText(arg(_tr(_AIR_TEXT[state.air]), shown))
        if state.drop_cause is not None:
            tip = _tr(_DROP_TIPS[state.drop_cause])
        elif state.air is Air.RECONNECTING:
            tip = _tr(_RECONNECTING_TIP)
        else:
            tip = ""
        self.air_label.setToolTip(tip)
        restyle(self.air_label, air=state.air.value)


def _ago(seconds: float) -> str:
    whole = int(seconds)
    if whole < 60:
        return arg(QCoreApplication.translate("OnAirBar", "%1 s"), whole)
    return arg(QCoreApplication.translate("OnAirBar", "%1 min"), whole // 60)
