"""Entry point of ``livedesk`` and ``python -m console``: parse flags, run the window, report."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from console.cli import connector_options, parse_args, run_subcommand
from console.log import app as log
from console.log import setup_logging
from console.paths import default_db_url
from console.platforms import ConnectorError, create_connector
from console.session import LiveSession

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def _display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _fail(text: str, code: int = 2) -> int:
    print(f"livedesk: {text}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    code = run_subcommand(argv)
    if code is not None:
        return code
    args = parse_args(argv)
    setup_logging()
    unattended = args.duration is not None or args.screenshot is not None
    if not _display_available():
        if not unattended:
            return _fail(
                "no display found (DISPLAY is not set). Run on a desktop, under xvfb-run, or "
                "headless with --duration S and QT_QPA_PLATFORM=offscreen.",
                1,
            )
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        connector = create_connector(connector_options(args))
        session = LiveSession(connector, args.db or default_db_url())
    except ConnectorError as exc:
        return _fail(str(exc))
    except Exception as exc:  # a malformed --db URL or a missing database driver
        return _fail(f"cannot use database {args.db!r}: {exc}")
    return run_window(session, duration=args.duration, screenshot=args.screenshot)


def run_window(session: LiveSession, *, duration: float | None, screenshot: Path | None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.gc_guard import GcGuard
    from ui.i18n import install_translators
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("LiveDesk")
    GcGuard(app)
    install_translators(app)
    window = MainWindow(session)
    if screenshot is not None:
        window.closing.connect(lambda: _save_screenshot(window, screenshot))
    window.show()
    session.start()
    if duration is not None:
        QTimer.singleShot(int(duration * 1000), window.close)
    app.exec()
    saved = session.stop()
    if duration is not None:
        print(json.dumps(session.summary(), ensure_ascii=False), flush=True)
    return 0 if saved else 1


def _save_screenshot(window: QWidget, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if window.grab().save(str(path)):
        log.info("screenshot saved to %s", path)
    else:
        log.error("could not save the screenshot to %s", path)
