"""Shared test setup: offscreen Qt, a private LiveDesk home per test, compiled translations."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

REPO = Path(__file__).resolve().parents[1]
# Before anything imports Qt: offscreen, on a desk with the two screens LiveDesk is laid out
# for, a 1366×768 laptop (the primary) and a 1920×1080 monitor to its right.
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={REPO / 'tests' / 'screens.json'}"

# Programs the tests start (the console, senders) never see the developer's own keyring: a
# relay or OBS secret stored there would change what they do. In-process tests get a memory
# keyring (the fixture below).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

sys.path.insert(0, str(REPO / "tests"))

from helpers.memory_keyring import MemoryKeyring  # noqa: E402 - needs the path above


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)
        if "integration" in Path(str(item.fspath)).parts:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(autouse=True)
def livedesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data, config and log folders; the user's are never touched."""
    home = tmp_path / "livedesk-home"
    monkeypatch.setenv("LIVEDESK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A fresh in-memory keyring per test (a headless Linux box has no OS keyring)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """The UI shows Chinese from the compiled catalogue; build it if the checkout lacks it."""
    ts_dir = REPO / "resources" / "translations"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in ts_dir.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'test.db').as_posix()}"
