"""The operator's OBS actions: scenes (program or, in studio mode, preview), Take, transitions,
outputs (stream, record and its pause, replay buffer, virtual camera), audio, source
visibility, where OBS streams to, and the operator's choices (which input is the mic, whether
scene keys skip the preview).

The pattern of console.moderation: each method validates at once (an OperatorError when OBS
is not connected or answering, or the request makes no sense), shows the change in the link's
state ahead of OBS, and returns the ``Plan`` of the OBS request; a refusal puts the state
back, and OBS's own events confirm or correct it. An ObsError becomes an OperatorError the
operator can act on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from console.errors import OperatorError
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Plan, Scope, said
from console.messages import Message
from console.obs.errors import BAD_PUSH_URL, NOT_CONNECTED, NOT_RESPONDING, explain_obs_error
from console.obs.link import ObsLink, with_muted, with_output, with_visible
from console.obs.preferences import StreamService
from console.obs.state import ObsState, Output, Phase
from obs_bridge import ObsError, PushTarget, SceneItem, split_push_url


class ObsService:
    """OBS actions of one console; thread-safe (ObsClient and ObsLink are)."""

    def __init__(self, link: ObsLink) -> None:
        self.link = link
        self._paused_at: float | None = None  # time.monotonic() this console paused the recording

    @property
    def state(self) -> ObsState:
        return self.link.state

    # -- scenes ----------------------------------------------------------------------------------
    def scene_named(self, number: int) -> str:
        """The scene at place ``number`` (1-based) of OBS's list: F1 is the first."""
        scenes = self._connected().scenes
        if not 1 <= number <= len(scenes):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "OBS has no scene no. {number}."), number=number
            )
        return scenes[number - 1]

    def switch_scene(self, scene: str) -> Plan:
        """Put ``scene`` on air; in studio mode into the preview instead (Take puts it on
        air), unless the operator set scene keys to go straight on air."""
        state = self._connected()
        if scene not in state.scenes:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "OBS has no scene {scene}."), scene=scene
            )
        if state.studio_mode and not state.scene_keys_to_program:
            return self._preview(state, scene)
        if scene == state.current_scene:  # on air already: nothing to send, nothing to audit
            done = said(QT_TRANSLATE_NOOP("outcomes", "{scene} is on air already"), scene=scene)
            return Plan(scene, scene, done, audit=False)
        previous = state.current_scene
        self.link.update(lambda s: replace(s, current_scene=scene))

        def undo(_error: Exception) -> None:
            self.link.update(
                lambda s: replace(s, current_scene=previous) if s.current_scene == scene else s
            )

        done = said(QT_TRANSLATE_NOOP("outcomes", "OBS switched to scene {scene}"), scene=scene)
        return self._plan(scene, done, {}, lambda: self.link.client.set_scene(scene), undo)

    def _preview(self, state: ObsState, scene: str) -> Plan:
        if scene == state.preview_scene:
            done = said(QT_TRANSLATE_NOOP("outcomes", "{scene} is in preview already"), scene=scene)
            return Plan(scene, scene, done, audit=False)
        previous = state.preview_scene
        self.link.update(lambda s: replace(s, preview_scene=scene))

        def undo(_error: Exception) -> None:
            self.link.update(
                lambda s: replace(s, preview_scene=previous) if s.preview_scene == scene else s
            )

        done = said(
            QT_TRANSLATE_NOOP("outcomes", "{scene} is in preview: Take puts it on air"),
            scene=scene,
        )
        client = self.link.client
        return self._plan(
            scene, done, {"to": "preview"}, lambda: client.set_preview_scene(scene), undo
        )

    def take(self) -> Plan:
        """Studio mode: put the preview on air, with the transition chosen in OBS."""
        state = self._connected()
        if not state.studio_mode:
            raise OperatorError(STUDIO_MODE_OFF)
        scene = state.preview_scene
        done = said(QT_TRANSLATE_NOOP("outcomes", "OBS put {scene} on air"), scene=scene)
        detail = {"transition": state.transitions.current}
        return self._plan(scene, done, detail, self.link.client.take, None)

    def set_studio_mode(self, on: bool | None) -> Plan:
        """Turn studio mode on or off (None: the other way)."""
        state = self._connected()
        on = not state.studio_mode if on is None else on
        if on == state.studio_mode:
            done = said(_STUDIO_MODE_ALREADY[on])
            return Plan("studio_mode", "", done, audit=False)
        self.link.update(lambda s: replace(s, studio_mode=on))

        def undo(_error: Exception) -> None:
            self.link.update(lambda s: replace(s, studio_mode=not on))

        done = said(_STUDIO_MODE_DONE[on])
        client = self.link.client
        return self._plan(
            "studio_mode",
            done,
            {"enabled": on},
            lambda: client.set_studio_mode(on),
            undo,
            subject="",
        )

    def set_transition(self, name: str, duration_ms: int | None) -> Plan:
        """The transition OBS uses (scene switches and Take), and its duration."""
        state = self._connected()
        if name not in state.transitions.names:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "OBS has no transition {name}."), name=name
            )
        before = state.transitions
        duration = before.duration_ms if duration_ms is None else duration_ms
        self.link.update(
            lambda s: replace(
                s, transitions=replace(s.transitions, current=name, duration_ms=duration)
            )
        )

        def undo(_error: Exception) -> None:
            self.link.update(lambda s: replace(s, transitions=before))

        def request() -> None:
            client = self.link.client
            client.set_transition(name)
            if duration_ms is not None:
                client.set_transition_duration(duration_ms)

        if duration_ms is None:
            done = said(QT_TRANSLATE_NOOP("outcomes", "Transition: {name}"), name=name)
        else:
            done = said(
                QT_TRANSLATE_NOOP("outcomes", "Transition: {name}, {ms} ms"),
                name=name,
                ms=duration_ms,
            )
        detail = {"duration_ms": duration_ms}
        return self._plan(name, done, detail, request, undo)

    def set_scene_keys_to_program(self, on: bool | None) -> Plan:
        """In studio mode, whether scene keys go on air at once (None: the other way); saved
        for this OBS."""
        state = self.state
        on = not state.scene_keys_to_program if on is None else on
        self.link.update(lambda s: replace(s, scene_keys_to_program=on))
        done = said(
            QT_TRANSLATE_NOOP("outcomes", "In studio mode, scene keys now put scenes on air")
            if on
            else QT_TRANSLATE_NOOP("outcomes", "In studio mode, scene keys now fill the preview")
        )
        return Plan(
            "scene_keys",
            "",
            done,
            {"to_program": on},
            scope=Scope.CONSOLE,
            remote=self.link.save_choices,
        )

    # -- outputs -----------------------------------------------------------------------------------
    def set_output(self, *, streaming: bool, start: bool) -> Plan:
        """Start or stop the stream (``streaming``) or the recording."""
        client = self.link.client
        if streaming:
            request = client.start_stream if start else client.stop_stream
        else:
            request = client.start_record if start else client.stop_record
        return self._switch("stream" if streaming else "record", start, request)

    def set_replay_buffer(self, start: bool) -> Plan:
        client = self.link.client
        request = client.start_replay_buffer if start else client.stop_replay_buffer
        return self._switch("replay_buffer", start, request)

    def set_virtual_camera(self, start: bool) -> Plan:
        client = self.link.client
        request = client.start_virtual_camera if start else client.stop_virtual_camera
        return self._switch("virtual_camera", start, request)

    def _switch(self, which: str, start: bool, request: Callable[[], object]) -> Plan:
        before = _output(self._connected(), which)
        if before.moving:
            raise OperatorError(_MOVING[which])
        if start == before.running:
            raise OperatorError(_ALREADY[(which, start)])
        # Until OBS reports, the button says "Starting…" or "Stopping…"; a stop of the stream
        # this console asked for is no drop.
        moving = before.with_phase(Phase.STARTING if start else Phase.STOPPING, time.monotonic())
        asked = which == "stream" and not start
        self.link.update(
            lambda s: replace(_with(s, which, moving), stop_asked=s.stop_asked or asked)
        )

        def undo(_error: Exception) -> None:
            self.link.update(
                lambda s: (
                    replace(_with(s, which, before), stop_asked=s.stop_asked and not asked)
                    if _output(s, which) == moving
                    else s
                )
            )

        done = said(_STARTING[(which, start)])
        target = which.replace("_", " ")  # the action's title says the rest
        return self._plan(target, done, {}, request, undo, subject="")

    def set_record_paused(self, paused: bool) -> Plan:
        before = self._connected().record
        if not before.running:
            raise OperatorError(_ALREADY[("record", False)])
        if paused == (before.phase is Phase.PAUSED):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "The recording is paused already.")
                if paused
                else QT_TRANSLATE_NOOP("errors", "The recording is not paused.")
            )
        now = time.monotonic()
        after = before.with_phase(Phase.PAUSED if paused else Phase.LIVE, now)
        self.link.update(lambda s: with_output(s, False, after))

        def undo(_error: Exception) -> None:
            self.link.update(lambda s: with_output(s, False, before) if s.record == after else s)

        client = self.link.client

        def request() -> None:
            if not paused:
                # OBS 29 can leave a recording resumed right after its pause stuck: no more
                # frames, and a stop that never ends. A double click waits out MIN_PAUSE_S.
                if self._paused_at is not None:
                    time.sleep(max(0.0, self._paused_at + MIN_PAUSE_S - time.monotonic()))
                client.resume_record()
                self._paused_at = None
                return
            client.pause_record()
            # OBS says yes and does nothing when the recording shares the stream's encoder;
            # when it can, the pause shows in its status within a frame or two.
            deadline = time.monotonic() + PAUSE_CHECK_S
            while not client.record_status().paused:
                if time.monotonic() > deadline:
                    raise OperatorError(CANNOT_PAUSE)
                time.sleep(0.05)
            self._paused_at = time.monotonic()

        done = said(
            QT_TRANSLATE_NOOP("outcomes", "OBS paused the recording")
            if paused
            else QT_TRANSLATE_NOOP("outcomes", "OBS resumed the recording")
        )
        return self._plan("record", done, {"paused": paused}, request, undo, subject="")

    def save_replay(self) -> Plan:
        replay = self._connected().replay_buffer
        if replay is None:
            raise OperatorError(NO_REPLAY_BUFFER)
        if not replay.running:
            raise OperatorError(_ALREADY[("replay_buffer", False)])
        done = said(QT_TRANSLATE_NOOP("outcomes", "OBS saved the last seconds as a replay"))
        return self._plan(
            "replay buffer", done, {}, self.link.client.save_replay_buffer, None, subject=""
        )

    # -- audio -------------------------------------------------------------------------------------
    def set_input_muted(self, input_name: str, muted: bool) -> Plan:
        state = self._connected()
        if not any(i.name == input_name for i in state.audio):
            raise OperatorError(NO_AUDIO_INPUT, name=input_name)
        self.link.update(lambda s: with_muted(s, input_name, muted))

        def undo(_error: Exception) -> None:
            self.link.update(lambda s: with_muted(s, input_name, not muted))

        done = (
            said(QT_TRANSLATE_NOOP("outcomes", "Muted {name}"), name=input_name)
            if muted
            else said(QT_TRANSLATE_NOOP("outcomes", "Unmuted {name}"), name=input_name)
        )
        return self._plan(
            input_name,
            done,
            {"muted": muted},
            lambda: self.link.client.set_input_mute(input_name, muted),
            undo,
        )

    def choose_mic(self, input_name: str) -> Plan:
        """Make ``input_name`` the input the mic key toggles ("": OBS's first microphone);
        saved for this OBS."""
        state = self._connected()
        if input_name and not any(i.name == input_name for i in state.audio):
            raise OperatorError(NO_AUDIO_INPUT, name=input_name)
        self.link.update(lambda s: replace(s, mic_choice=input_name))
        mic = self.state.mic
        if input_name:
            done = said(
                QT_TRANSLATE_NOOP("outcomes", "{name} is the microphone now"), name=input_name
            )
        else:
            done = said(
                QT_TRANSLATE_NOOP("outcomes", "The microphone is OBS's own again: {name}"),
                name=mic.name if mic else "—",
            )
        return Plan(
            input_name,
            input_name,
            done,
            {"automatic": not input_name},
            scope=Scope.CONSOLE,
            remote=self.link.save_choices,
        )

    # -- sources -----------------------------------------------------------------------------------
    def set_source_visible(
        self,
        scene: str | None,
        source: str | None,
        visible: bool,
        *,
        item_id: int | None = None,
        group: str | None = None,
    ) -> Plan:
        """Show or hide a source in ``scene`` (None: the scene whose sources are shown): the
        item ``item_id`` (in ``group`` when it sits in one), else the first ``source`` of the
        scene or group."""
        state = self._connected()
        scene = scene or state.items_scene
        shown = scene == state.items_scene

        def which(item: SceneItem) -> bool:
            if item.group != group:
                return False
            return item.id == item_id if item_id is not None else item.source == source

        found = next((i for i in state.items if which(i)), None) if shown else None
        if (shown and found is None) or (item_id is None and not source):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "Scene {scene} has no source {source}."),
                scene=scene,
                source=source or f"#{item_id}",
            )
        name = source or (found.source if found else f"#{item_id}")
        self.link.update(lambda s: with_visible(s, which, visible) if s.items_scene == scene else s)

        def undo(_error: Exception) -> None:
            self.link.update(
                lambda s: with_visible(s, which, not visible) if s.items_scene == scene else s
            )

        holder = group or scene
        client = self.link.client

        def request() -> None:
            if item_id is not None:
                client.set_scene_item_enabled(holder, item_id, visible)
            else:
                client.set_source_visible(holder, name, visible)

        done = (
            said(QT_TRANSLATE_NOOP("outcomes", "Showing {source}"), source=name)
            if visible
            else said(QT_TRANSLATE_NOOP("outcomes", "Hid {source}"), source=name)
        )
        detail: dict[str, Any] = {"scene": scene, "visible": visible}
        if item_id is not None:
            detail["item_id"] = item_id
        if group is not None:
            detail["group"] = group
        return self._plan(name, done, detail, request, undo)

    # -- where OBS streams to ----------------------------------------------------------------------
    def use_push_url(self, push_url: str) -> Plan:
        """Stream to a platform's push address (WeChat's ``pushAddr``), keeping the user's own
        stream settings first. The stream key is a credential: it reaches OBS only, never
        the audit log or the log file."""
        target = _push_target(push_url)
        self._not_streaming(self._connected())
        done = said(QT_TRANSLATE_NOOP("outcomes", "OBS now streams to the room's push address"))
        return self._plan(target.server, done, {}, lambda: self._stream_to(target), None)

    def stream_to(self, fetch_push_url: Callable[[], str]) -> Plan:
        """Stream to an address read when the job runs (the WeChat room's, which costs a call)."""
        self._not_streaming(self._connected())

        def remote() -> None:
            target = _push_target(fetch_push_url())
            self._request(lambda: self._stream_to(target))

        done = said(QT_TRANSLATE_NOOP("outcomes", "OBS now streams to the room's push address"))
        detail = {"obs": self.state.address}
        return Plan("push_url", "", done, detail, remote=remote)

    def _stream_to(self, target: PushTarget) -> None:
        """On the OBS lane: keep the user's stream settings (once: a second push address
        must not replace them), then set the push address."""
        client = self.link.client
        if self.link.stream_backup is None:
            kind, settings = client.stream_service()
            self.link.keep_stream_service(StreamService(kind, settings))
        client.set_stream_target(target.server, target.key)

    def restore_stream_service(self) -> Plan:
        """Put the user's own stream settings back into OBS."""
        self._not_streaming(self._connected())
        kept = self.link.stream_backup
        if kept is None:
            raise OperatorError(NOTHING_TO_RESTORE)

        def request() -> None:
            self.link.client.set_stream_service(kept.kind, kept.settings)
            self.link.keep_stream_service(None)

        done = said(QT_TRANSLATE_NOOP("outcomes", "OBS streams with your own settings again"))
        return self._plan(kept.kind, done, {}, request, None, subject="")

    @staticmethod
    def _not_streaming(state: ObsState) -> None:
        if state.stream.running or state.stream.moving:
            raise OperatorError(STREAMING_NO_TARGET_CHANGE)

    # -- helpers -------------------------------------------------------------------------------
    def _connected(self) -> ObsState:
        state = self.link.state
        if not state.connected:
            raise OperatorError(NOT_CONNECTED, log_text=f"OBS at {state.address} is not connected")
        if not state.responsive:
            raise OperatorError(
                NOT_RESPONDING, log_text=f"OBS at {state.address} is not responding"
            )
        return state

    def _request(self, request: Callable[[], object]) -> None:
        try:
            request()
        except ObsError as exc:
            raise explain_obs_error(exc, self.state.address) from exc

    def _plan(
        self,
        target: str,
        done: Message,
        detail: dict[str, Any],
        request: Callable[[], object],
        undo: Callable[[Exception], None] | None,
        *,
        subject: str | None = None,
    ) -> Plan:
        """``subject``: what people call the target (default: its name, e.g. a scene's)."""
        detail = {**detail, "obs": self.state.address}
        return Plan(
            target,
            target if subject is None else subject,
            done,
            detail,
            remote=lambda: self._request(request),
            undo=undo,
        )


def _output(state: ObsState, which: str) -> Output:
    """An output by name; an OBS without a replay buffer or virtual camera is refused."""
    output: Output | None = getattr(state, which)
    if output is None:
        raise OperatorError(NO_REPLAY_BUFFER if which == "replay_buffer" else NO_VIRTUAL_CAMERA)
    return output


def _with(state: ObsState, which: str, output: Output) -> ObsState:
    if which == "stream":
        return replace(state, stream=output)
    if which == "record":
        return replace(state, record=output)
    if which == "replay_buffer":
        return replace(state, replay_buffer=output)
    return replace(state, virtual_camera=output)


def _push_target(push_url: str) -> PushTarget:
    try:
        return split_push_url(push_url)
    except ValueError as exc:
        raise OperatorError(BAD_PUSH_URL, log_text=str(exc)) from exc


MIN_PAUSE_S = 1.0  # the shortest pause of a recording this console sends OBS
PAUSE_CHECK_S = 1.0  # how long a pause may take to show in OBS's status
STUDIO_MODE_OFF = QT_TRANSLATE_NOOP(
    "errors", "Studio mode is off in OBS: scenes go on air at once, there is nothing to take."
)
NO_AUDIO_INPUT = QT_TRANSLATE_NOOP("errors", "OBS has no audio input {name}.")
NO_REPLAY_BUFFER = QT_TRANSLATE_NOOP(
    "errors", "OBS has no replay buffer: turn it on in OBS (Settings → Output → Replay Buffer)."
)
NO_VIRTUAL_CAMERA = QT_TRANSLATE_NOOP("errors", "This OBS has no virtual camera.")
CANNOT_PAUSE = QT_TRANSLATE_NOOP(
    "errors",
    "OBS did not pause: a recording that shares the stream's encoder cannot pause (in OBS: "
    "Settings → Output → Recording Quality other than “Same as stream”).",
)
STREAMING_NO_TARGET_CHANGE = QT_TRANSLATE_NOOP(
    "errors",
    "OBS is streaming: where it streams to cannot change until the stream is stopped.",
)
NOTHING_TO_RESTORE = QT_TRANSLATE_NOOP(
    "errors", "There are no stream settings of yours to restore: OBS still has them."
)
_STUDIO_MODE_ALREADY = {
    True: QT_TRANSLATE_NOOP("outcomes", "Studio mode is on already"),
    False: QT_TRANSLATE_NOOP("outcomes", "Studio mode is off already"),
}
_STUDIO_MODE_DONE = {
    True: QT_TRANSLATE_NOOP("outcomes", "OBS turned studio mode on"),
    False: QT_TRANSLATE_NOOP("outcomes", "OBS turned studio mode off"),
}
_MOVING = {
    "stream": QT_TRANSLATE_NOOP("errors", "OBS is starting or stopping the stream already."),
    "record": QT_TRANSLATE_NOOP("errors", "OBS is starting or stopping the recording already."),
    "replay_buffer": QT_TRANSLATE_NOOP(
        "errors", "OBS is starting or stopping the replay buffer already."
    ),
    "virtual_camera": QT_TRANSLATE_NOOP(
        "errors", "OBS is starting or stopping the virtual camera already."
    ),
}
_ALREADY = {
    ("stream", True): QT_TRANSLATE_NOOP("errors", "OBS is streaming already."),
    ("stream", False): QT_TRANSLATE_NOOP("errors", "OBS is not streaming."),
    ("record", True): QT_TRANSLATE_NOOP("errors", "OBS is recording already."),
    ("record", False): QT_TRANSLATE_NOOP("errors", "OBS is not recording."),
    ("replay_buffer", True): QT_TRANSLATE_NOOP("errors", "The replay buffer runs already."),
    ("replay_buffer", False): QT_TRANSLATE_NOOP("errors", "The replay buffer is not running."),
    ("virtual_camera", True): QT_TRANSLATE_NOOP("errors", "The virtual camera is on already."),
    ("virtual_camera", False): QT_TRANSLATE_NOOP("errors", "The virtual camera is off."),
}
_STARTING = {
    ("stream", True): QT_TRANSLATE_NOOP("outcomes", "OBS is starting the stream"),
    ("stream", False): QT_TRANSLATE_NOOP("outcomes", "OBS is stopping the stream"),
    ("record", True): QT_TRANSLATE_NOOP("outcomes", "OBS is starting the recording"),
    ("record", False): QT_TRANSLATE_NOOP("outcomes", "OBS is stopping the recording"),
    ("replay_buffer", True): QT_TRANSLATE_NOOP("outcomes", "OBS is starting the replay buffer"),
    ("replay_buffer", False): QT_TRANSLATE_NOOP("outcomes", "OBS is stopping the replay buffer"),
    ("virtual_camera", True): QT_TRANSLATE_NOOP("outcomes", "OBS is starting the virtual camera"),
    ("virtual_camera", False): QT_TRANSLATE_NOOP("outcomes", "OBS is stopping the virtual camera"),
}
