"""One log line per interval for something that can happen thousands of times a second.

A failing ``accept`` or a flood of connections refused over a cap would otherwise write a line
(or a traceback) per attempt: megabytes a minute that bury everything else in the log. The
first occurrence is logged at once; the ones that follow within the interval are counted and
logged as one line when it ends, and so on while they keep coming.
"""

from __future__ import annotations

import asyncio
import logging

DEFAULT_INTERVAL = 10.0


class ThrottledLog:
    """Belongs to ``loop``: call ``note`` on the loop's thread only."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        logger: logging.Logger,
        level: int = logging.WARNING,
        interval: float = DEFAULT_INTERVAL,
    ) -> None:
        self._loop = loop
        self._logger = logger
        self._level = level
        self.interval = interval
        self._window: asyncio.TimerHandle | None = None
        self._text = ""
        self._count = 0  # occurrences within the window not logged yet

    def note(self, text: str) -> None:
        """It happened (again); ``text`` says what, without the count."""
        self._text = text
        if self._window is None:
            self._logger.log(self._level, "%s", text)
            self._window = self._loop.call_later(self.interval, self._end_window)
        else:
            self._count += 1

    def _end_window(self) -> None:
        self._window = None
        if self._count:
            self._logger.log(
                self._level,
                "%s (and %d more like it in the last %g s)",
                self._text,
                self._count,
                self.interval,
            )
            self._count = 0
            self._window = self._loop.call_later(self.interval, self._end_window)
