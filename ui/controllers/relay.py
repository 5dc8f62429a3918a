"""RelayController: keeps the Relay dock up to date and opens the relay settings.

The table follows the relay's sources listener (through a CoreSignal: one redraw however many
changes pile up) and a 1 s redraw for the rates in between. A source joining or leaving also
changes what the console can do (moderation on the platform or here only): the runner
re-checks every command then.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from console.messages import Level
from console.platforms.relay import DEFAULT_HOST, DEFAULT_PORT, RelayConnector, rotate_token
from ui.bridge import CoreSignal
from ui.controllers.commands import CommandRunner
from ui.dialogs.relay_settings import RelayAddress, RelaySettingsDialog
from ui.panels.relay_panel import RelayIntro, RelayPanel

REFRESH_INTERVAL_MS = 1000


class RelayController(QObject):
    def __init__(
        self,
        connector: RelayConnector | None,
        widget: RelayPanel | RelayIntro,
        runner: CommandRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.connector = connector
        self.widget = widget
        self.panel = widget if isinstance(widget, RelayPanel) else None
        self.runner = runner
        self.dialog_parent = parent
        self.settings_dialog: RelaySettingsDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)
        widget.settings_button.clicked.connect(self.open_settings)
        if connector is not None and self.panel is not None:
            self.panel.copied.connect(
                lambda: runner.tell(Level.INFO, self.tr("Copied to the clipboard"))
            )
            connector.add_sources_listener(CoreSignal(self._on_sources, self, coalesce=True))
            self._timer.start()
            self.refresh()

    def refresh(self) -> None:
        if self.connector is None or self.panel is None:
            return
        self.panel.show_relay(self.connector)
        self.panel.model.set_sources(self.connector.sources())

    def _on_sources(self) -> None:
        self.refresh()
        self.runner.schedule_sync()

    def open_settings(self) -> None:
        if self.settings_dialog is None:
            dialog = RelaySettingsDialog(self._running_address(), self._rotate, self.dialog_parent)
            dialog.accepted.connect(
                lambda: self.runner.tell(
                    Level.INFO,
                    self.tr(
                        "Relay settings saved: they take effect the next time LiveDesk starts "
                        "with the relay."
                    ),
                )
            )
            dialog.token_rotated.connect(self.refresh)
            self.settings_dialog = dialog
        else:
            self.settings_dialog.reset()
        self.settings_dialog.open()

    def _rotate(self) -> str:
        """A running relay that requires a token switches to the new one at once; otherwise
        the token is only stored, for the next start on the LAN (on worker threads)."""
        if self.connector is not None and self.connector.token_required:
            return self.connector.rotate_token()
        return rotate_token()

    def _running_address(self) -> RelayAddress:
        if self.connector is None:
            return RelayAddress(DEFAULT_HOST, DEFAULT_PORT)
        return RelayAddress(self.connector.host, self.connector.port or DEFAULT_PORT)
