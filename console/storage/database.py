"""Opening a database: engine settings per backend and alembic migrations to the newest schema."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from console.log import storage as log
from console.storage.faults import NewerSchemaError, classify

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# alembic's ``op``/``context`` are process-wide proxies: two migrations at once (two sessions
# in one process, as in tests) would trample each other. One at a time.
_MIGRATION_LOCK = threading.Lock()


class DatabaseError(RuntimeError):
    """The database cannot be opened or migrated; the message (no SQL, no data) says why."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (review, dashboard history) run beside the writer thread;
    # synchronous=NORMAL keeps every committed batch across a process crash.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def create_db_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL; SQLite files get WAL mode (``migrate`` creates their
    folder: no disk I/O here, the GUI thread creates the session's engine)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (creates it on first use).

    A database whose schema revision this version does not know was written by a newer
    LiveDesk: NewerSchemaError is raised after only reading it (a downgrade by an upgrade
    would destroy what the newer version keeps)."""
    database_file = sqlite_file(engine)
    if database_file is not None:
        database_file.parent.mkdir(parents=True, exist_ok=True)
    cfg = alembic_config(engine)
    known = {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}
    with _MIGRATION_LOCK:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
        unknown = sorted(set(current) - known)
        if unknown:
            raise NewerSchemaError(unknown)
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a SQLite engine; None for other backends and in-memory ones."""
    url = engine.url
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:"):  # a URI filename: file:PATH?mode=ro...
        database = database[len("file:") :].split("?", 1)[0]
    return Path(database).expanduser()


def open_database(url: str) -> Engine:
    """Create the engine and migrate; raise DatabaseError with a readable reason on failure."""
    try:
        engine = create_db_engine(url)
        migrate(engine)
    except Exception as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        log.info("cannot open database %s", shown, exc_info=exc)  # the detail: log file only
        raise DatabaseError(f"cannot open database {shown}: {classify(exc).summary}") from exc
    log.info("database ready: %s", engine.url.render_as_string(hide_password=True))
    return engine


def display_url(engine: Engine) -> str:
    """The database URL with any password masked, for logs and summaries."""
    return engine.url.render_as_string(hide_password=True)
