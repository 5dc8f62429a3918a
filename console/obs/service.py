"""The operator's OBS actions: scene, stream, record, mute, source visibility, push address.

The pattern of console.moderation: each method validates at once (an OperatorError when OBS
is not connected or the request makes no sense), shows the change in the link's state ahead
of OBS, and returns the ``Plan`` of the OBS request; a refusal puts the state back, and OBS's
own events confirm or correct it. An ObsError becomes an OperatorError the operator can act on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from console.errors import OperatorError
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Plan, said
from console.messages import Message
from console.obs.errors import BAD_PUSH_URL, NOT_CONNECTED, explain_obs_error
from console.obs.link import ObsLink, with_muted, with_output, with_visible
from console.obs.state import ObsState, Phase
from obs_bridge import ObsError, PushTarget, split_push_url


class ObsService:
    """OBS actions of one console; thread-safe (ObsClient and ObsLink are)."""

    def __init__(self, link: ObsLink) -> None:
        self.link = link

    @property
    def state(self) -> ObsState:
        return self.link.state

    # -- actions (each applies itself to the link's state and returns the plan of the rest) ----
    def scene_named(self, number: int) -> str:
        """The scene at place ``number`` (1-based) of OBS's list: F1 is the first."""
        scenes = self._connected().scenes
        if not 1 <= number <= len(scenes):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "OBS has no scene no. {number}."), number=number
            )
        return scenes[number - 1]

    def switch_scene(self, scene: str) -> Plan:
        state = self._connected()
        if scene not in state.scenes:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "OBS has no scene {scene}."), scene=scene
            )
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

    def set_output(self, *, streaming: bool, start: bool) -> Plan:
        """Start or stop the stream (``streaming``) or the recording."""
        before = self._connected().output(streaming)
        if before.moving:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "OBS is starting or stopping the stream already.")
                if streaming
                else QT_TRANSLATE_NOOP(
                    "errors", "OBS is starting or stopping the recording already."
                )
            )
        if start == before.running:
            raise OperatorError(_ALREADY[(streaming, start)])
        client = self.link.client
        if streaming:
            request = client.start_stream if start else client.stop_stream
        else:
            request = client.start_record if start else client.stop_record
        # Until OBS reports, the button says "Starting…" or "Stopping…".
        moving = before.with_phase(Phase.STARTING if start else Phase.STOPPING, time.monotonic())
        self.link.update(lambda s: with_output(s, streaming, moving))

        def undo(_error: Exception) -> None:
            self.link.update(
                lambda s: with_output(s, streaming, before) if s.output(streaming) == moving else s
            )

        target = "stream" if streaming else "record"  # the action's title says the rest
        done = said(_STARTING[(streaming, start)])
        return self._plan(target, done, {}, request, undo, subject="")

    def set_input_muted(self, input_name: str, muted: bool) -> Plan:
        state = self._connected()
        if not any(i.name == input_name and i.muted is not None for i in state.inputs):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "OBS has no audio input {name}."), name=input_name
            )
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

    def set_source_visible(self, scene: str | None, source: str, visible: bool) -> Plan:
        """Show or hide ``source`` in ``scene`` (None: the scene whose sources are shown)."""
        state = self._connected()
        scene = scene or state.items_scene
        if scene == state.items_scene and not any(i.name == source for i in state.items):
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "Scene {scene} has no source {source}."),
                scene=scene,
                source=source,
            )
        self.link.update(lambda s: with_visible(s, scene, lambda i: i.name == source, visible))

        def undo(_error: Exception) -> None:
            self.link.update(
                lambda s: with_visible(s, scene, lambda i: i.name == source, not visible)
            )

        done = (
            said(QT_TRANSLATE_NOOP("outcomes", "Showing {source}"), source=source)
            if visible
            else said(QT_TRANSLATE_NOOP("outcomes", "Hid {source}"), source=source)
        )
        return self._plan(
            source,
            done,
            {"scene": scene, "visible": visible},
            lambda: self.link.client.set_source_visible(scene, source, visible),
            undo,
        )

    def use_push_url(self, push_url: str) -> Plan:
        """Stream to a platform's push address (WeChat's ``pushAddr``). The stream key is a
        credential: it reaches OBS only, never the audit log or the log file."""
        target = _push_target(push_url)
        self._connected()
        done = said(QT_TRANSLATE_NOOP("outcomes", "OBS now streams to the room's push address"))
        return self._plan(
            target.server,
            done,
            {},
            lambda: self.link.client.set_stream_target(target.server, target.key),
            None,
        )

    def stream_to(self, fetch_push_url: Callable[[], str]) -> Plan:
        """Stream to an address read when the job runs (the WeChat room's, which costs a call)."""
        self._connected()

        def remote() -> None:
            target = _push_target(fetch_push_url())
            self._request(lambda: self.link.client.set_stream_target(target.server, target.key))

        done = said(QT_TRANSLATE_NOOP("outcomes", "OBS now streams to the room's push address"))
        detail = {"obs": self.state.address}
        return Plan("push_url", "", done, detail, remote=remote)

    # -- helpers -------------------------------------------------------------------------------
    def _connected(self) -> ObsState:
        state = self.link.state
        if not state.connected:
            raise OperatorError(NOT_CONNECTED, log_text=f"OBS at {state.address} is not connected")
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


def _push_target(push_url: str) -> PushTarget:
    try:
        return split_push_url(push_url)
    except ValueError as exc:
        raise OperatorError(BAD_PUSH_URL, log_text=str(exc)) from exc


_ALREADY = {
    (True, True): QT_TRANSLATE_NOOP("errors", "OBS is streaming already."),
    (True, False): QT_TRANSLATE_NOOP("errors", "OBS is not streaming."),
    (False, True): QT_TRANSLATE_NOOP("errors", "OBS is recording already."),
    (False, False): QT_TRANSLATE_NOOP("errors", "OBS is not recording."),
}
_STARTING = {
    (True, True): QT_TRANSLATE_NOOP("outcomes", "OBS is starting the stream"),
    (True, False): QT_TRANSLATE_NOOP("outcomes", "OBS is stopping the stream"),
    (False, True): QT_TRANSLATE_NOOP("outcomes", "OBS is starting the recording"),
    (False, False): QT_TRANSLATE_NOOP("outcomes", "OBS is stopping the recording"),
}
