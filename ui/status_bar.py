"""The status bar: operator messages, which source, the show clock, event counts, events per
second, and whether what arrives is saved (ui.storage_state)."""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from console.messages import Level
from console.metrics import ShowMetrics
from console.session import LiveSession
from console.timefmt import show_clock
from ui.names import connector_title
from ui.storage_state import storage_view
from ui.text import arg
from ui.theme import restyle

UPDATE_INTERVAL_MS = 500
RATE_WINDOW_S = 2.0
_MESSAGE_TONES = {Level.INFO: "good", Level.WARNING: "warning", Level.ERROR: "error"}
_MESSAGE_TIMEOUT_MS = {Level.INFO: 6000, Level.WARNING: 12000, Level.ERROR: 0}


class ShowStatusBar(QStatusBar):
    def __init__(
        self, session: LiveSession, metrics: ShowMetrics, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("showStatusBar")
        self._session = session
        self._metrics = metrics
        self._samples: deque[tuple[float, int]] = deque()

        self.message_label = QLabel(self)
        self.message_label.setObjectName("statusMessage")
        self.addWidget(self.message_label, 1)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_label.clear)
        self.connector_label = self._add_label("statusConnector")
        self.clock_label = self._add_label("statusClock")
        self.counts_label = self._add_label("statusCounts")
        self.rate_label = self._add_label("statusRate")
        self.storage_label = self._add_label("statusStorage")

        self._timer = QTimer(self)
        self._timer.setInterval(UPDATE_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def show_message(self, level: Level, text: str) -> None:
        """Show an operator message; errors stay until the next message, others fade."""
        restyle(self.message_label, tone=_MESSAGE_TONES[level])
        self.message_label.setText(text)
        if level is Level.ERROR:
            self._message_timer.stop()
        else:
            self._message_timer.start(_MESSAGE_TIMEOUT_MS[level])

    def _add_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        self.addPermanentWidget(label)
        return label

    def events_per_second(self) -> float:
        if len(self._samples) < 2:
            return 0.0
        (t0, n0), (t1, n1) = self._samples[0], self._samples[-1]
        return (n1 - n0) / (t1 - t0) if t1 > t0 else 0.0

    def refresh(self) -> None:
        session = self._session
        counters = session.show.counters()
        now = time.monotonic()
        self._samples.append((now, counters.received_total))
        while len(self._samples) > 2 and now - self._samples[0][0] > RATE_WINDOW_S:
            self._samples.popleft()

        source = connector_title(session.connector.name)
        if session.connector.finished:
            source = arg(self.tr("%1 (ended)"), source)
        elif session.connector.error:
            source = arg(self.tr("%1 (stopped: error)"), source)
        self.connector_label.setText(source)
        self.clock_label.setText(arg(self.tr("Show time %1"), show_clock(self._metrics.seconds)))
        self.counts_label.setText(
            arg(
                self.tr("Comments %1 · Likes %2 · Rejected %3"),
                f"{counters.received.get('comment', 0):,}",
                f"{self._metrics.total_likes():,}",
                f"{counters.rejected_total:,}",
            )
        )
        self.rate_label.setText(arg(self.tr("%1 events/s"), f"{self.events_per_second():,.0f}"))
        storage = storage_view(session)
        self.storage_label.setText(storage.label)
        self.storage_label.setToolTip(storage.tooltip)
        restyle(self.storage_label, tone=storage.tone)
