"""OBS Studio control over obs-websocket v5 (obs-websocket-py). No Qt: the ui/ adapter turns
the callbacks into signals.

``ObsClient`` makes typed, thread-safe requests; ``ObsSupervisor`` keeps one connected and
reports state, events and snapshots; every failure is an ``ObsError`` with a ``kind``.
"""

from obs_bridge.client import ObsClient
from obs_bridge.errors import ObsError, ObsErrorKind
from obs_bridge.models import (
    AudioInput,
    AudioRole,
    InputState,
    ObsSnapshot,
    RecordStatus,
    SceneItem,
    Stats,
    StreamStatus,
    Transitions,
)
from obs_bridge.push_url import PushTarget, split_push_url
from obs_bridge.supervisor import (
    SUPERVISED_EVENTS,
    VOLUME_METERS,
    ConnectionState,
    ObsSupervisor,
)

__all__ = [
    "SUPERVISED_EVENTS",
    "VOLUME_METERS",
    "AudioInput",
    "AudioRole",
    "ConnectionState",
    "InputState",
    "ObsClient",
    "ObsError",
    "ObsErrorKind",
    "ObsSnapshot",
    "ObsSupervisor",
    "PushTarget",
    "RecordStatus",
    "SceneItem",
    "Stats",
    "StreamStatus",
    "Transitions",
    "split_push_url",
]
