"""The local control API over the command registry (HTTP + WebSocket): ``ControlServer``."""

from console.control_api.server import DEFAULT_HOST, DEFAULT_PORT, ControlServer

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "ControlServer"]
