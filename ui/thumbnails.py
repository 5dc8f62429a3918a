"""Cover thumbnails: fetched and decoded off the GUI thread, cached, a placeholder meanwhile.

``ThumbnailCache.pixmap(url)`` answers at once: the cached thumbnail, or a placeholder while a
worker fetches the image (``file://`` from disk, ``http(s)://`` with requests), decodes and
scales it into a QImage (safe off the GUI thread, unlike QPixmap). ``loaded(url)`` fires once
it is ready, so a model can repaint the rows showing it. The fetches run on their own small
pool: a slow image host must never hold up the console's other background reads.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import requests
from PySide6.QtCore import QObject, QRectF, QSize, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen, QPixmap

from console.log import ui as log
from ui.workers import run_in_worker

MAX_IMAGE_BYTES = 10_000_000
FETCH_TIMEOUT_S = 5.0
FETCH_THREADS = 2


def fetch_image(url: str, size: int, timeout: float = FETCH_TIMEOUT_S) -> QImage:
    """Read an image from a file or http(s) URL and scale it to fit ``size`` (blocking)."""
    qurl = QUrl(url)
    scheme = qurl.scheme().lower()
    if scheme == "file":
        data = Path(qurl.toLocalFile()).read_bytes()
    elif scheme in ("http", "https"):
        with requests.get(url, timeout=timeout, stream=True) as response:
            response.raise_for_status()
            data = response.raw.read(MAX_IMAGE_BYTES + 1, decode_content=True)
        if len(data) > MAX_IMAGE_BYTES:
            raise ValueError(f"image larger than {MAX_IMAGE_BYTES} bytes")
    else:
        raise ValueError(f"unsupported image URL scheme {scheme!r}")
    image = QImage.fromData(data)
    if image.isNull():
        raise ValueError("not an image")
    return image.scaled(
        size,
        size,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def placeholder_pixmap(size: int, ratio: float = 1.0) -> QPixmap:
    pixmap = QPixmap(QSize(size, size) * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#c9d0da"), 1))
    painter.setBrush(QColor("#eef1f6"))
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 6, 6)
    painter.end()
    return pixmap


class ThumbnailCache(QObject):
    """Thumbnails of ``size`` logical pixels, the newest ``capacity`` kept."""

    loaded = Signal(str)  # url

    def __init__(self, size: int = 48, capacity: int = 300, parent: QObject | None = None):
        super().__init__(parent)
        self.size = size
        self.capacity = capacity
        self._ratio = QGuiApplication.instance().devicePixelRatio()  # type: ignore[union-attr]
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self._placeholder = placeholder_pixmap(size, self._ratio)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(FETCH_THREADS)

    @property
    def placeholder(self) -> QPixmap:
        return self._placeholder

    def cached(self, url: str) -> bool:
        return url in self._pixmaps

    def has_failed(self, url: str) -> bool:
        """The fetch of this URL failed; it is not asked again until ``retry_failed``."""
        return url in self._failed

    def pixmap(self, url: str) -> QPixmap:
        """The thumbnail if it is ready, else the placeholder (and the fetch starts)."""
        pixmap = self._pixmaps.get(url)
        if pixmap is not None:
            self._pixmaps.move_to_end(url)
            return pixmap
        if url and url not in self._pending and url not in self._failed:
            self._start(url)
        return self._placeholder

    def retry_failed(self) -> None:
        """Forget failed fetches (a refresh asks again)."""
        self._failed.clear()

    def _start(self, url: str) -> None:
        self._pending.add(url)
        pixels = round(self.size * self._ratio)
        run_in_worker(
            lambda: fetch_image(url, pixels),
            lambda image: self._on_loaded(url, image),
            lambda error: self._on_failed(url, error),
            pool=self.pool,
            context=self,
        )

    def _on_loaded(self, url: str, image: QImage) -> None:
        self._pending.discard(url)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self._ratio)
        self._pixmaps[url] = pixmap
        while len(self._pixmaps) > self.capacity:
            self._pixmaps.popitem(last=False)
        self.loaded.emit(url)

    def _on_failed(self, url: str, error: Exception) -> None:
        self._pending.discard(url)
        self._failed.add(url)
        log.info("cover image not loaded (%s): %s", QUrl(url).host() or "file", error)
