"""Entry point of ``livedesk`` and ``python -m console``: parse flags, run the window, report."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from console.cli import connector_options, parse_args, run_subcommand
from console.log import app as log
from console.log import log_file_path, setup_logging
from console.obs import DEFAULT_ADDRESS
from console.paths import default_db_url, resource_path
from console.platforms import ConnectorError, create_connector
from console.roles import Role
from console.rundown.options import serve_prompter, use_rundown
from console.secrets import secure_store_available
from console.session import LiveSession
from ui.dialogs.wechat_settings import saved_wechat_settings
from ui.persist import saved_obs_address
from ui.preferences import Preferences, load_preferences

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SELFTEST_SECONDS = 4.0


def _display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _fail(text: str, code: int = 2) -> int:
    print(f"livedesk: {text}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "review":  # draws charts, so it lives on the Qt side
        from ui import review_export

        return review_export.main(argv[1:])
    if argv and argv[0] == "settings":  # the window's settings store
        from ui import settings_cli

        return settings_cli.main(argv[1:])
    code = run_subcommand(argv)
    if code is not None:
        return code
    prefs = load_preferences()
    args = parse_args(argv, default_connector=prefs.connector, saved_wechat=saved_wechat_settings())
    if args.selftest:
        _prepare_selftest(args)
        prefs = Preferences()
    setup_logging()
    # Find the keyring backend now, before any thread starts: keyring imports every backend
    # (one runs ldconfig in a subprocess), which froze the app when a worker did it under load.
    secure_store_available()
    unattended = args.duration is not None or args.screenshot is not None
    if not _display_available():
        if not unattended:
            return _fail(
                "no display found (DISPLAY is not set). Run on a desktop, under xvfb-run, or "
                "headless with --duration S and QT_QPA_PLATFORM=offscreen.",
                1,
            )
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    obs_password = _from_env(args.obs_password_env)
    control_token = _from_env(args.control_token_env)
    for flag, variable, value in (
        ("--obs-password-env", args.obs_password_env, obs_password),
        ("--control-token-env", args.control_token_env, control_token),
    ):
        if variable and value is None:
            return _fail(f"{flag}: the variable {variable} is not set")
    options = connector_options(args)
    if options.name == "relay":
        from ui.dialogs.relay_settings import with_saved_relay_address

        options = with_saved_relay_address(options)
    try:
        connector = create_connector(options)
        db_url = args.db or prefs.db_url or default_db_url()
        session = LiveSession(
            connector, db_url, operator=prefs.operator or None, role=Role(prefs.role)
        )
    except ConnectorError as exc:
        return _fail(str(exc))
    except Exception as exc:  # a malformed --db URL or a missing database driver
        return _fail(f"cannot use database {args.db!r}: {exc}")
    if args.rundown is not None:
        problem = use_rundown(session, args.rundown, autorun=args.autorun, speed=args.speed)
        if problem is not None:
            return _fail(problem)
    if not args.selftest:
        host, port = args.obs or saved_obs_address() or DEFAULT_ADDRESS
        session.connect_obs(host, port, obs_password)
    if args.control_port:
        session.serve_control_api(args.control_host, args.control_port, control_token)
    if args.prompter_port:
        token = _from_env(args.prompter_token_env)
        problem = serve_prompter(session, args.prompter_host, args.prompter_port, token)
        if problem is not None:
            log.error("%s", problem)
    checks: dict[str, bool] = {}
    code = run_window(session, args, prefs, checks)
    if args.selftest:
        return _selftest_verdict(session, code, checks)
    return code


def _from_env(variable: str | None) -> str | None:
    return os.environ.get(variable) if variable else None


def _prepare_selftest(args: argparse.Namespace) -> None:
    """The demo room, offscreen, in a throwaway home folder and database."""
    home = Path(tempfile.mkdtemp(prefix="livedesk-selftest-"))
    os.environ["LIVEDESK_HOME"] = str(home)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    args.connector, args.comment_rate = "demo", args.comment_rate or 50.0
    args.db = f"sqlite:///{(home / 'selftest.db').as_posix()}"
    args.duration = SELFTEST_SECONDS
    args.control_port = 0


def _selftest_verdict(session: LiveSession, code: int, checks: dict[str, bool]) -> int:
    summary = session.summary()
    received, stored = summary["received"], summary["stored"]
    checks["events_received"] = received["comment"] > 0
    checks["events_stored"] = stored == received
    checks["clean_exit"] = code == 0
    ok = all(checks.values())
    verdict = "passed" if ok else "FAILED"
    print(f"selftest {verdict}: {json.dumps({'checks': checks, **summary})}", flush=True)
    return 0 if ok else 1


def run_window(
    session: LiveSession,
    args: argparse.Namespace,
    prefs: Preferences,
    checks: dict[str, bool] | None = None,
) -> int:
    """Run the main window until it closes; ``checks`` collects what a self-test verifies."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ui.bridge import CoreSignal
    from ui.crash import CrashReporter
    from ui.gc_guard import GcGuard
    from ui.i18n import install_translators, qt_texts_translated
    from ui.main_window import MainWindow
    from ui.stop_signals import StopSignals
    from ui.storage_state import storage_view
    from ui.theme import apply_theme
    from ui.workers import configure_workers, wait_for_workers

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("LiveDesk")
    app.setWindowIcon(QIcon(str(resource_path("icons", "livedesk.png"))))
    gc_guard = GcGuard(app)
    configure_workers()
    install_translators(app, prefs.language)
    apply_theme(app, prefs.theme)
    # Kept alive by the hooks it installs; its dialog says all is saved only when it is.
    CrashReporter(log_file_path(), session.messages, lambda: storage_view(session).saving)
    window = MainWindow(session, prefs)
    if args.duration is not None or args.screenshot is not None:  # nobody to read a dialog
        session.add_storage_unusable_listener(CoreSignal(lambda _fault: window.close_now(), window))
        window.saving_progress.connect(_print_saving_progress)
    if args.screenshot is not None:
        window.closing.connect(lambda: _save_screenshot(window, args.screenshot))
    if args.report_startup:
        window.first_painted.connect(_report_first_paint)
    window.first_painted.connect(gc_guard.settle)
    signals = StopSignals(window.close_now, window)
    window.show()
    session.start()
    if args.duration is not None:
        QTimer.singleShot(int(args.duration * 1000), window.close_now)
    app.exec()
    signals.release()
    wait_for_workers(5000)  # let running reads and platform calls finish before shutting down
    if checks is not None:
        checks["translation_loaded"] = "场控台" in window.windowTitle() or prefs.language == "en"
        checks["qt_translation_loaded"] = qt_texts_translated()  # Qt's own dialogs, bundled
        checks["window_painted"] = window.painted
    saved = session.stop()
    if session.new_show_wanted and saved:
        from ui.relaunch import relaunch

        relaunch()
    if (args.duration is not None or signals.received is not None) and not args.selftest:
        summary = {
            **session.summary(),
            "language": prefs.language,
            "operator": session.operator,
            "role": session.role.value,
        }
        print(json.dumps(summary, ensure_ascii=False), flush=True)
    return 0 if saved else 1


def _print_saving_progress(left: int) -> None:
    print(f"livedesk: saving {left:,} items before exit…", file=sys.stderr, flush=True)


def _report_first_paint() -> None:
    print(json.dumps({"first_paint_wall": time.time()}), file=sys.stderr, flush=True)


def _save_screenshot(window: QWidget, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if window.grab().save(str(path)):
        log.info("screenshot saved to %s", path)
    else:
        log.error("could not save the screenshot to %s", path)
