"""Scene previews: a small picture of each OBS scene, refreshed every few seconds while someone
looks at them.

OBS renders each scene on request (GetSourceScreenshot, JPEG, PREVIEW_WIDTH pixels wide: one
to a few KB); a thread of its own asks for them one scene after the other, so a slow OBS never
holds up commands or the health readings, and only while previews are wanted (the OBS panel is
on screen) and OBS is connected and answering.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from console.listeners import call_each
from console.log import obs as log
from obs_bridge import ObsError

if TYPE_CHECKING:
    from console.obs.link import ObsLink

PREVIEW_WIDTH = 160  # pixels; the height follows OBS's canvas (90 at 16:9)
INTERVAL_S = 3.0
MAX_SCENES = 24  # more scenes than buttons a panel shows are not worth rendering


class ScenePreviews:
    def __init__(self, link: ObsLink, *, interval: float = INTERVAL_S) -> None:
        self._link = link
        self._interval = interval
        self.images: dict[str, bytes] = {}  # scene name -> JPEG; replaced whole after a round
        self._listeners: list[Callable[[], None]] = []
        self._wanted = threading.Event()
        self._wake = threading.Event()
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None

    def add_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` after each round of new pictures (on the previews' thread)."""
        self._listeners.append(callback)

    def want(self, wanted: bool) -> None:
        """Refresh the pictures (at once, then every ``interval``) or stop; never blocks."""
        if wanted:
            self._wanted.set()
            self._wake.set()
            if self._thread is None and not self._closed.is_set():
                self._thread = threading.Thread(target=self._run, name="obs-previews", daemon=True)
                self._thread.start()
        else:
            self._wanted.clear()

    def close(self) -> None:
        self._closed.set()
        self._wanted.set()  # let the thread see it is closed
        self._wake.set()

    def _run(self) -> None:
        while not self._closed.is_set():
            self._wanted.wait()
            if self._closed.is_set():
                return
            self._wake.clear()
            self._round()
            self._wake.wait(self._interval)

    def _round(self) -> None:
        state = self._link.state
        if not state.usable:
            return
        images: dict[str, bytes] = {}
        client = self._link.client
        for scene in state.scenes[:MAX_SCENES]:
            if not self._wanted.is_set() or self._closed.is_set():
                return
            try:
                images[scene] = client.scene_screenshot(scene, PREVIEW_WIDTH)
            except ObsError as exc:  # gone meanwhile, or OBS away: the next round tries again
                log.debug("no preview of scene %r: %s", scene, exc)
        self.images = images
        call_each(self._listeners, what="A scene preview")
