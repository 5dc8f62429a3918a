"""The real program, headless, on a database it cannot use: it exits at once and non-zero,
long before its --duration, with the reason in the summary's storage_error and in the log,
and without a traceback, SQL or a dialog waiting for nobody."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from console.storage.database import create_db_engine, migrate

DURATION_S = 120  # the run must end long before: the subprocess is given half of it
ROOT = os.geteuid() == 0


def random_bytes(folder: Path) -> Path:
    db = folder / "random.db"
    db.write_bytes(os.urandom(32 * 1024))
    return db


def read_only_folder(folder: Path) -> Path:
    locked = folder / "read-only"
    locked.mkdir()
    locked.chmod(0o555)
    return locked / "livedesk.db"


def newer_schema(folder: Path) -> Path:
    db = folder / "newer.db"
    engine = create_db_engine(f"sqlite:///{db.as_posix()}")
    migrate(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    engine.dispose()
    return db


def as_unprivileged(command: list[str]) -> list[str]:
    """Root reads and writes any file whatever its mode; run it without the capabilities that
    let it (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so a read-only folder is read-only to it."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be made")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--", *command]


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (random_bytes, "not a database"),
        (read_only_folder, "read-only"),
        (newer_schema, "newer schema"),
    ],
    ids=["random-bytes", "read-only-folder", "newer-schema"],
)
def test_a_database_it_cannot_use_ends_a_headless_run_at_once(
    make: Callable[[Path], Path], kind: str, tmp_path: Path, livedesk_home: Path
) -> None:
    db = make(tmp_path)
    before = db.read_bytes() if db.exists() else None
    command = [
        sys.executable,
        "-m",
        "console",
        "--seed",
        "3",
        "--comment-rate",
        "50",
        "--control-port",
        "0",
        "--duration",
        str(DURATION_S),
        "--db",
        f"sqlite:///{db.as_posix()}",
    ]
    if ROOT and make is read_only_folder:
        command = as_unprivileged(command)
    env = {**os.environ, "LIVEDESK_HOME": str(livedesk_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=DURATION_S / 2, env=env, check=False
    )

    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["storage_error"].startswith("cannot open the database or create the show: ")
    assert kind in summary["storage_error"]
    assert summary["show_id"] is None
    assert summary["received"]["comment"] == 0  # the source never started: nothing was lost
    assert "Traceback" not in result.stderr and "[SQL" not in result.stderr
    log = (livedesk_home / "logs" / "livedesk.log").read_text(encoding="utf-8")
    assert summary["storage_error"] in log
    if before is not None:
        assert db.read_bytes() == before  # never written to
    if make is newer_schema:
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM shows").fetchone() == (0,)
