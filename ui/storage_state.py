"""What the operator is told about saving, from the writer's state (console.storage.writer)
and never from a database's own error text (which quotes SQL, nicknames and comments): the
status bar's storage label and tooltip, the progress while quitting, and whether the crash
dialog may say that everything received is saved."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from console.session import LiveSession
from console.storage.faults import CONTEXT, StorageFault
from ui.text import arg


@dataclass(frozen=True, slots=True)
class StorageView:
    label: str
    tooltip: str
    tone: str  # a QLabel tone of livedesk.qss: "" while saving works
    saving: bool  # everything received is saved (within a batch window)


def fault_text(fault: StorageFault) -> str:
    """The operator's words for ``fault``, translated."""
    return QCoreApplication.translate(CONTEXT, fault.operator_text)


def storage_view(session: LiveSession) -> StorageView:
    """The storage state now. "Retrying" is said only while the writer thread lives and
    waits to try a failed batch again (or is trying it)."""
    writer = session.writer
    fault = session.storage_unusable or writer.fault
    # A writer thread that ended while the console runs saves nothing more, fault or not.
    ended = writer.current_show_id is not None and not writer.alive and not session.stopped
    if fault is None and not ended:
        return StorageView(QCoreApplication.translate("StorageState", "Saved"), "", "", True)
    cause = (
        fault_text(fault)
        if fault is not None
        else QCoreApplication.translate(
            "StorageState", "Saving stopped unexpectedly; the log file has the details."
        )
    )
    waiting = f"{writer.unsaved:,}"
    if session.storage_unusable is not None:
        return StorageView(
            QCoreApplication.translate("StorageState", "Not recorded"),
            "\n".join(
                (
                    cause,
                    QCoreApplication.translate(
                        "StorageState",
                        "This show is not recorded: live events are not taken in. "
                        "OBS and the room controls still work.",
                    ),
                )
            ),
            "error",
            False,
        )
    if ended or not writer.alive:
        return StorageView(
            QCoreApplication.translate("StorageState", "Not saved"),
            "\n".join(
                (
                    cause,
                    arg(
                        QCoreApplication.translate(
                            "StorageState", "Nothing more is saved; %1 items wait unsaved."
                        ),
                        waiting,
                    ),
                )
            ),
            "error",
            False,
        )
    return StorageView(
        retry_text(session),
        "\n".join(
            (
                cause,
                arg(
                    QCoreApplication.translate(
                        "StorageState",
                        "%1 items wait to be saved; they are kept while LiveDesk runs.",
                    ),
                    waiting,
                ),
            )
        ),
        "warning",
        False,
    )


def retry_text(session: LiveSession) -> str:
    """The retry state: "Saving failed · retrying in N s", or "· retrying now" while an
    attempt runs (call only while the writer thread lives and has a fault)."""
    wait = session.writer.retry_in()
    if wait is None:
        return QCoreApplication.translate("StorageState", "Saving failed · retrying now")
    return arg(
        QCoreApplication.translate("StorageState", "Saving failed · retrying in %1 s"),
        max(1, math.ceil(wait)),
    )
