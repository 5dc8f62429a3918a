"""What went wrong with the database, in words fit for the operator and for the logs.

A database exception's own text is not: SQLAlchemy puts the statement, its bound parameters
(viewers' nicknames and comments) and a link into it. ``classify`` turns any exception into a
``StorageFault``: a kind, the exception's type, the operator's text for that kind (translated
by the UI) and a ``summary`` safe for summaries and stderr. Only the log file gets the
exception itself (``console.storage.writer`` logs it there).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import exc as sa_exc

from console.i18n import QT_TRANSLATE_NOOP

CONTEXT = "messages"  # translation context of the operator texts (console.messages)


class FaultKind(StrEnum):
    DISK_FULL = "disk full"
    LOCKED = "database locked"
    READ_ONLY = "read-only"
    NOT_A_DATABASE = "not a database"
    NEWER_SCHEMA = "newer schema"
    CANNOT_CONNECT = "cannot connect"
    OTHER = "database error"


OPERATOR_TEXT: dict[FaultKind, str] = {
    FaultKind.DISK_FULL: QT_TRANSLATE_NOOP("messages", "The disk that holds the database is full."),
    FaultKind.LOCKED: QT_TRANSLATE_NOOP(
        "messages",
        "Another program holds the database (a backup tool or a second LiveDesk?).",
    ),
    FaultKind.READ_ONLY: QT_TRANSLATE_NOOP(
        "messages", "The database file or its folder is read-only."
    ),
    FaultKind.NOT_A_DATABASE: QT_TRANSLATE_NOOP(
        "messages", "The database file is damaged or is not a LiveDesk database."
    ),
    FaultKind.NEWER_SCHEMA: QT_TRANSLATE_NOOP(
        "messages",
        "The database was made by a newer version of LiveDesk; this version leaves it untouched.",
    ),
    FaultKind.CANNOT_CONNECT: QT_TRANSLATE_NOOP(
        "messages", "The database cannot be opened or reached."
    ),
    FaultKind.OTHER: QT_TRANSLATE_NOOP(
        "messages", "The database reported an error; the log file has the details."
    ),
}


class NewerSchemaError(RuntimeError):
    """The database carries a schema revision this version does not know: a newer LiveDesk
    wrote it. Raised before anything is written to it."""

    def __init__(self, revisions: list[str]) -> None:
        super().__init__(f"unknown schema revision(s) {', '.join(revisions)}")
        self.revisions = revisions


@dataclass(frozen=True, slots=True)
class StorageFault:
    """One database failure, classified. Holds nothing of the data being written."""

    kind: FaultKind
    error_type: str  # e.g. "sqlite3.OperationalError SQLITE_FULL"

    @property
    def summary(self) -> str:
        """For summaries, stderr and the log's error line: e.g. "disk full
        (sqlite3.OperationalError SQLITE_FULL)"."""
        return f"{self.kind} ({self.error_type})"

    @property
    def operator_text(self) -> str:
        """The English template of what the operator reads (context ``CONTEXT``)."""
        return OPERATOR_TEXT[self.kind]


# SQLite's primary result codes (https://sqlite.org/rescode.html).
_SQLITE_KINDS = {
    3: FaultKind.READ_ONLY,  # SQLITE_PERM
    5: FaultKind.LOCKED,  # SQLITE_BUSY
    6: FaultKind.LOCKED,  # SQLITE_LOCKED
    8: FaultKind.READ_ONLY,  # SQLITE_READONLY (and _DIRECTORY, _DBMOVED, ...)
    11: FaultKind.NOT_A_DATABASE,  # SQLITE_CORRUPT
    13: FaultKind.DISK_FULL,  # SQLITE_FULL
    14: FaultKind.CANNOT_CONNECT,  # SQLITE_CANTOPEN
    26: FaultKind.NOT_A_DATABASE,  # SQLITE_NOTADB
}
# PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_SQLSTATE_KINDS = {
    "53100": FaultKind.DISK_FULL,
    "55P03": FaultKind.LOCKED,
    "40P01": FaultKind.LOCKED,
    "25006": FaultKind.READ_ONLY,
    "42501": FaultKind.READ_ONLY,  # insufficient privilege
}
_SQLSTATE_CLASS_KINDS = {"08": FaultKind.CANNOT_CONNECT, "57": FaultKind.CANNOT_CONNECT}


def _type_name(error: BaseException) -> str:
    kind = type(error)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def is_database_error(error: BaseException) -> bool:
    """Whether ``error`` comes from the database layer (its text may quote SQL and data)."""
    return isinstance(error, (sa_exc.SQLAlchemyError, sqlite3.Error, NewerSchemaError))


def classify(error: BaseException, database_file: Path | None = None) -> StorageFault:
    """The fault ``error`` stands for. ``database_file``: the SQLite file, when there is one
    (SQLite says only "cannot open" when its folder does not let it create the file)."""
    if isinstance(error, NewerSchemaError):
        return StorageFault(FaultKind.NEWER_SCHEMA, _type_name(error))
    original = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if not isinstance(original, BaseException):
        original = error
    type_name = _type_name(original)
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        name = getattr(original, "sqlite_errorname", None)
        if name:
            type_name = f"{type_name} {name}"
        kind = _SQLITE_KINDS.get(code & 0xFF, FaultKind.OTHER) if code else FaultKind.OTHER
        if kind is FaultKind.CANNOT_CONNECT and _folder_read_only(database_file):
            kind = FaultKind.READ_ONLY
        return StorageFault(kind, type_name)
    if isinstance(original, OSError):
        return StorageFault(_os_kind(original), type_name)
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if isinstance(state, str) and state:
        kind = _SQLSTATE_KINDS.get(state) or _SQLSTATE_CLASS_KINDS.get(state[:2], FaultKind.OTHER)
        return StorageFault(kind, f"{type_name} {state}")
    if isinstance(error, (sa_exc.OperationalError, sa_exc.DisconnectionError, sa_exc.TimeoutError)):
        return StorageFault(FaultKind.CANNOT_CONNECT, type_name)
    return StorageFault(FaultKind.OTHER, type_name)


def _os_kind(error: OSError) -> FaultKind:
    if error.errno == errno.ENOSPC:
        return FaultKind.DISK_FULL
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return FaultKind.READ_ONLY
    return FaultKind.CANNOT_CONNECT


def _folder_read_only(database_file: Path | None) -> bool:
    if database_file is None:
        return False
    folder = database_file.parent
    return folder.is_dir() and not os.access(folder, os.W_OK)
