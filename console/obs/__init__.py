"""OBS in the console: the link that keeps one OBS connected and knows its state
(``ObsLink``, ``ObsState``), its health, and the operator's OBS actions (``ObsService``)."""

from console.obs.health import ObsHealth
from console.obs.link import DEFAULT_ADDRESS, ObsLink, password_key
from console.obs.service import ObsService
from console.obs.state import ObsState, Output, Phase

__all__ = [
    "DEFAULT_ADDRESS",
    "ObsHealth",
    "ObsLink",
    "ObsService",
    "ObsState",
    "Output",
    "Phase",
    "password_key",
]
