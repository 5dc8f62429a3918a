"""Platform connectors behind one interface (base.Connector) and the factory that builds them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from console.actions import Capability
from console.platforms.base import Connector, EventSink

__all__ = [
    "CONNECTOR_NAMES",
    "Capability",
    "Connector",
    "ConnectorOptions",
    "EventSink",
    "create_connector",
]

CONNECTOR_NAMES = ("demo", "replay")


@dataclass(frozen=True, slots=True)
class ConnectorOptions:
    name: str = "demo"
    seed: int | None = None
    comment_rate: float | None = None
    replay_path: Path | None = None
    speed: float = 1.0


class ConnectorError(ValueError):
    """The connector cannot be built from these options; the message says why (English)."""


def create_connector(options: ConnectorOptions) -> Connector:
    if options.name == "demo":
        from console.platforms.demo import DemoConnector, DemoSettings

        seed = options.seed if options.seed is not None else random.randrange(1, 1_000_000)
        return DemoConnector(DemoSettings(seed=seed, comment_rate=options.comment_rate))
    if options.name == "replay":
        from console.platforms.replay import ReplayConnector

        if options.replay_path is None:
            raise ConnectorError("the replay connector needs a file (--replay FILE)")
        try:
            return ReplayConnector(options.replay_path, speed=options.speed)
        except FileNotFoundError as exc:
            raise ConnectorError(str(exc)) from None
    raise ConnectorError(f"unknown connector {options.name!r}; choose one of {CONNECTOR_NAMES}")
