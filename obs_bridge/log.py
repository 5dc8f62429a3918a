"""The OBS bridge's logger. Same name as the console's OBS area, so the console's log file
gets these lines; the bridge itself imports nothing of the console."""

from __future__ import annotations

import logging

log = logging.getLogger("livedesk.obs")
