"""Cover thumbnails: fetched off the GUI thread, cached, a placeholder meanwhile.

``ThumbnailCache.pixmap(url)`` answers at once: the cached thumbnail, or a placeholder while a
worker reads the image's bytes (``file://`` from disk, ``http(s)://`` with requests).
``loaded(url)`` fires once it is ready, so a model can repaint the rows showing it. The
placeholder is drawn again in the new colours when the theme changes. The fetches
run on their own small pool: a slow image host must never hold up the console's other
background reads.

The bytes are decoded on the GUI thread, at the thumbnail's size (a JPEG decodes at 1/2 to 1/8
scale, about a millisecond). Decoding in the worker deadlocked: Qt's image readers create
QObjects, which takes a lock of Qt's while the worker holds Python's GIL, and the GUI thread
destroying a QObject holds that lock and waits for the GIL.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import requests
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QObject,
    QRectF,
    QSize,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPainter, QPen, QPixmap

from console.log import ui as log
from ui.theme import colour, on_theme_changed
from ui.workers import run_in_worker

MAX_IMAGE_BYTES = 10_000_000
FETCH_TIMEOUT_S = 5.0
FETCH_THREADS = 2


def read_image_bytes(url: str, timeout: float = FETCH_TIMEOUT_S) -> bytes:
    """The bytes of an image from a file or http(s) URL (blocking; no Qt objects)."""
    qurl = QUrl(url)
    scheme = qurl.scheme().lower()
    if scheme == "file":
        data = Path(qurl.toLocalFile()).read_bytes()
    elif scheme in ("http", "https"):
        with requests.get(url, timeout=timeout, stream=True) as response:
            response.raise_for_status()
            data = response.raw.read(MAX_IMAGE_BYTES + 1, decode_content=True)
    else:
        raise ValueError(f"unsupported image URL scheme {scheme!r}")
    if len(data) > MAX_IMAGE_BYTES:
        raise ValueError(f"image larger than {MAX_IMAGE_BYTES} bytes")
    return data


def decode_thumbnail(data: bytes, size: int) -> QImage:
    """The image scaled to fit ``size`` pixels (GUI thread: see the module's note)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    reader = QImageReader(buffer)
    full = reader.size()
    if full.isValid() and (full.width() > size or full.height() > size):
        reader.setScaledSize(full.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise ValueError(f"not an image: {reader.errorString()}")
    return image


def placeholder_pixmap(size: int, ratio: float = 1.0) -> QPixmap:
    pixmap = QPixmap(QSize(size, size) * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour("thumbnailBorder"), 1))
    painter.setBrush(colour("thumbnail"))
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
        on_theme_changed(self._redraw_placeholder)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(FETCH_THREADS)

    def _redraw_placeholder(self) -> None:
        self._placeholder = placeholder_pixmap(self.size, self._ratio)

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
            lambda: read_image_bytes(url),
            lambda data: self._on_loaded(url, data, pixels),
            lambda error: self._on_failed(url, error),
            pool=self.pool,
            context=self,
        )

    def _on_loaded(self, url: str, data: bytes, pixels: int) -> None:
        try:
            image = decode_thumbnail(data, pixels)
        except ValueError as error:
            self._on_failed(url, error)
            return
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
