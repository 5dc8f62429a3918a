"""What the console knows of OBS: connection, scenes, audio, sources, outputs and health.

``ObsState`` is an immutable copy, safe to hand to any thread (the UI draws from it, the
control API reports it). ``ObsLink`` (console.obs.link) replaces it whenever OBS reports
something or an operator command changes it ahead of OBS's confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum

from console.obs.health import ObsHealth
from obs_bridge import ConnectionState, InputState, SceneItem, Transitions


class Phase(Enum):
    OFF = "off"
    STARTING = "starting"
    LIVE = "live"
    STOPPING = "stopping"
    RECONNECTING = "reconnecting"  # the stream lost the server; OBS retries
    PAUSED = "paused"  # a paused recording


OUTPUT_STATES = {
    "OBS_WEBSOCKET_OUTPUT_STARTING": Phase.STARTING,
    "OBS_WEBSOCKET_OUTPUT_STARTED": Phase.LIVE,
    "OBS_WEBSOCKET_OUTPUT_STOPPING": Phase.STOPPING,
    "OBS_WEBSOCKET_OUTPUT_STOPPED": Phase.OFF,
    "OBS_WEBSOCKET_OUTPUT_RECONNECTING": Phase.RECONNECTING,
    "OBS_WEBSOCKET_OUTPUT_RECONNECTED": Phase.LIVE,
    "OBS_WEBSOCKET_OUTPUT_PAUSED": Phase.PAUSED,
    "OBS_WEBSOCKET_OUTPUT_RESUMED": Phase.LIVE,
}
_RUNNING = (Phase.LIVE, Phase.RECONNECTING, Phase.PAUSED)


@dataclass(frozen=True, slots=True)
class Output:
    """The stream or the recording."""

    phase: Phase = Phase.OFF
    since: float | None = None  # time.monotonic() when it started, once known

    @property
    def running(self) -> bool:
        return self.phase in _RUNNING

    @property
    def moving(self) -> bool:
        """Starting or stopping: OBS decides what comes next."""
        return self.phase in (Phase.STARTING, Phase.STOPPING)

    def elapsed(self, now: float) -> float | None:
        return None if self.since is None or not self.running else now - self.since

    def with_phase(self, phase: Phase, now: float) -> Output:
        if phase in _RUNNING:
            return Output(phase, self.since if self.since is not None else now)
        return Output(phase, None)


class DropCause(StrEnum):
    """Why the console believes the broadcast dropped without anyone asking."""

    OBS_LOST = "obs_lost"  # the console lost OBS while it streamed: the stream is not known
    STOPPED = "stopped"  # OBS stopped streaming by itself (the server was lost for good)


@dataclass(frozen=True, slots=True)
class StreamDrop:
    cause: DropCause
    at: float  # time.monotonic()


@dataclass(frozen=True, slots=True)
class ObsState:
    host: str
    port: int
    connection: ConnectionState = ConnectionState.DISCONNECTED
    detail: str = ""  # the supervisor's English sentence about the connection
    retry_at: float | None = None  # time.monotonic() of the next attempt, while reconnecting
    # False while OBS is connected but answers nothing (a frozen or stopped process).
    responsive: bool = True
    scenes: tuple[str, ...] = ()
    current_scene: str = ""  # "" when OBS names no program scene (out of sync)
    studio_mode: bool = False
    preview_scene: str = ""  # in studio mode
    transitions: Transitions = field(default_factory=lambda: Transitions((), "", None))
    inputs: tuple[InputState, ...] = ()
    items: tuple[SceneItem, ...] = ()  # top first, the items of groups after their group
    items_scene: str = ""  # the scene ``items`` belong to (trails a scene switch a moment)
    stream: Output = field(default_factory=Output)
    record: Output = field(default_factory=Output)
    replay_buffer: Output | None = None  # None: OBS's profile has no replay buffer
    virtual_camera: Output | None = None  # None: this OBS has none
    health: ObsHealth | None = None
    # Set when the stream ended (or may have) unasked; cleared when it runs again or the
    # operator starts or stops it.
    stream_drop: StreamDrop | None = None
    stop_asked: bool = False  # this console asked OBS to stop the stream, and it has not yet
    reconnecting_since: float | None = None  # time.monotonic() the stream lost its server
    # The operator's choices for this OBS (console.obs.preferences).
    mic_choice: str = ""  # the input Ctrl+M toggles; "": the first microphone OBS has
    scene_keys_to_program: bool = False  # in studio mode too, scene keys go on air at once
    stream_backup: bool = False  # the user's own stream settings are kept, to be restored

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def connected(self) -> bool:
        return self.connection is ConnectionState.CONNECTED

    @property
    def audio(self) -> tuple[InputState, ...]:
        """The inputs that have audio, in OBS's order."""
        return tuple(i for i in self.inputs if i.muted is not None)

    @property
    def mic(self) -> InputState | None:
        """The input Ctrl+M toggles: the one the operator chose, else OBS's first microphone
        (a Mic/Aux device, or the capture of an input device). Never a guess among the other
        inputs: muting the music by mistake is worse than a key that says there is no mic."""
        audio = self.audio
        chosen = next((i for i in audio if i.name == self.mic_choice), None)
        return chosen or next((i for i in audio if i.role == "mic"), None)

    @property
    def desktop(self) -> InputState | None:
        """The computer's sound (Desktop Audio): the other level an anchor watches."""
        return next((i for i in self.audio if i.role == "desktop"), None)

    @property
    def usable(self) -> bool:
        """Connected and answering: commands can reach OBS."""
        return self.connected and self.responsive

    def output(self, streaming: bool) -> Output:
        return self.stream if streaming else self.record
