"""Operator-facing names of things the core identifies by stable ids (connectors, ...)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def connector_title(name: str) -> str:
    titles = {
        "demo": QCoreApplication.translate("names", "Demo room"),
        "replay": QCoreApplication.translate("names", "Replay"),
    }
    return titles.get(name, name)
