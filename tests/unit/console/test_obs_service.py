"""ObsService: OBS actions as plans the job kernel audits, the link's state ahead of OBS, and
OBS failures in words an operator can act on.

Runs against the small fake obs-websocket server of the bridge's own tests (no OBS needed).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from integration.event_log import eventually
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from unit.obs_bridge.fake_obs import FakeObs, FakeSession, fail, serve_outputs

from console.errors import OperatorError
from console.obs import ObsLink, ObsService
from console.obs.errors import explain_obs_error
from console.obs.state import Phase
from console.storage.database import create_db_engine
from console.storage.models import AuditEntry
from console.storage.writer import ShowInfo, StorageWriter
from helpers.jobs import PlanRunner
from obs_bridge import ObsClient, ObsError, ObsErrorKind

PUSH_URL = "rtmp://push.example.com/live/room42?txSecret=0f1e2d3c&txTime=65A1B2C3"


@pytest.fixture
def writer(db_url: str) -> Iterator[tuple[StorageWriter, Engine]]:
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("demo"))
    writer.start()
    writer.show_id()
    yield writer, engine
    writer.close()


@pytest.fixture
def fake_obs() -> Iterator[FakeObs]:
    """The fake OBS, with outputs that start and stop and say so, like OBS does."""
    with FakeObs() as server:
        serve_outputs(server)
        yield server


@pytest.fixture
def link(fake_obs: FakeObs) -> Iterator[ObsLink]:
    obs = ObsLink("127.0.0.1", fake_obs.port)
    obs.start(read_keyring=False)
    eventually(lambda: obs.state.connected and obs.state.scenes)
    yield obs
    obs.shutdown()


@pytest.fixture
def client(link: ObsLink) -> ObsClient:
    return link.client


@pytest.fixture
def service(link: ObsLink) -> ObsService:
    return ObsService(link)


@pytest.fixture
def run(writer: tuple[StorageWriter, Engine]) -> PlanRunner:
    return PlanRunner(writer[0], "场控小王")


def audit_rows(writer: tuple[StorageWriter, Engine]) -> list[AuditEntry]:
    assert writer[0].flush()
    with Session(writer[1]) as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def requests_seen(fake_obs: FakeObs) -> list[str]:
    return [name for session in fake_obs.sessions for name in session.requests]


def test_each_action_reaches_obs_and_is_audited(
    service: ObsService, fake_obs: FakeObs, client: ObsClient, writer, run: PlanRunner
) -> None:
    steps = [
        (lambda: service.switch_scene("Live"), "obs.scene"),
        (lambda: service.set_input_muted("Mic", True), "obs.input.mute"),
        (lambda: service.set_source_visible("Scene", "Logo", True), "obs.source.visible"),
        (lambda: service.set_output(streaming=True, start=True), "obs.stream.start"),
        (lambda: _live(service, streaming=True), ""),
        (lambda: service.set_output(streaming=True, start=False), "obs.stream.stop"),
        (lambda: service.set_output(streaming=False, start=True), "obs.record.start"),
        (lambda: _live(service, streaming=False), ""),
        (lambda: service.set_output(streaming=False, start=False), "obs.record.stop"),
    ]
    for plan, action in steps:
        made = plan()
        if action:
            assert run(made, action).ok
    assert fake_obs.current_scene == "Live"
    assert client.input_muted("Mic") is True
    assert any(item.name == "Logo" and item.visible for item in client.scene_items("Scene"))
    for request in ("StartStream", "StopStream", "StartRecord", "StopRecord"):
        assert request in requests_seen(fake_obs)
    rows = audit_rows(writer)
    assert [(r.action, r.target, r.result) for r in rows] == [
        ("obs.scene", "Live", "ok"),
        ("obs.input.mute", "Mic", "ok"),
        ("obs.source.visible", "Logo", "ok"),
        ("obs.stream.start", "stream", "ok"),
        ("obs.stream.stop", "stream", "ok"),
        ("obs.record.start", "record", "ok"),
        ("obs.record.stop", "record", "ok"),
    ]
    assert {r.operator for r in rows} == {"场控小王"}
    on_obs = {"obs": client.address, "scope": "platform"}
    assert json.loads(rows[1].detail) == {"muted": True, **on_obs}
    assert json.loads(rows[2].detail) == {"scene": "Scene", "visible": True, **on_obs}


def test_the_state_changes_at_once_and_a_refusal_puts_it_back(
    service: ObsService, fake_obs: FakeObs, run: PlanRunner
) -> None:
    fake_obs.handlers["SetCurrentProgramScene"] = lambda _s, _d: fail(600, "no such scene")
    plan = service.switch_scene("Live")
    assert service.state.current_scene == "Live"  # the button lights up before OBS answers
    assert not run(plan, "obs.scene").ok
    assert service.state.current_scene == "Scene"


def test_a_scene_obs_does_not_have_is_refused_before_obs_is_asked(service: ObsService) -> None:
    with pytest.raises(OperatorError, match="no scene Backstage"):
        service.switch_scene("Backstage")
    with pytest.raises(OperatorError, match="no audio input Logo"):
        service.set_input_muted("Logo", True)
    with pytest.raises(OperatorError, match="not streaming"):
        service.set_output(streaming=True, start=False)


def test_a_refusal_is_explained_and_audited_as_an_error(
    service: ObsService, fake_obs: FakeObs, writer, run: PlanRunner
) -> None:
    fake_obs.handlers["SetCurrentProgramScene"] = lambda _s, d: fail(
        600, f"No source was found by the name of `{d['sceneName']}`."
    )
    outcome = run(service.switch_scene("Live"), "obs.scene")
    assert not outcome.ok
    assert isinstance(outcome.error, OperatorError)
    assert "600" in outcome.error.render() and "Live" in outcome.error.render()
    (row,) = audit_rows(writer)
    assert (row.action, row.target, row.result) == ("obs.scene", "Live", "error")
    assert "SetCurrentProgramScene" in json.loads(row.detail)["error"]  # English, for the log


def test_known_codes_get_their_own_sentence(
    service: ObsService, fake_obs: FakeObs, run: PlanRunner
) -> None:
    fake_obs.handlers["StartStream"] = lambda _s, _d: fail(500)
    fake_obs.handlers["StartRecord"] = lambda _s, _d: fail(501)
    running = run(service.set_output(streaming=True, start=True), "obs.stream.start").error
    not_running = run(service.set_output(streaming=False, start=True), "obs.record.start").error
    assert isinstance(running, OperatorError) and isinstance(not_running, OperatorError)
    assert running.template != not_running.template
    assert "500" in running.render() and "501" in not_running.render()


def test_actions_are_refused_at_once_while_obs_is_not_connected(fake_obs: FakeObs, writer) -> None:
    service = ObsService(ObsLink("127.0.0.1", fake_obs.port))  # never started
    for action in (
        lambda: service.switch_scene("Live"),
        lambda: service.set_output(streaming=True, start=True),
        lambda: service.set_input_muted("Mic", True),
        lambda: service.use_push_url(PUSH_URL),
    ):
        with pytest.raises(OperatorError):
            action()
    assert fake_obs.sessions == []
    assert audit_rows(writer) == []


def test_push_url_sets_the_stream_target_and_keeps_the_key_secret(
    service: ObsService,
    fake_obs: FakeObs,
    writer,
    run: PlanRunner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="livedesk")
    assert run(service.use_push_url(PUSH_URL), "obs.stream_target").ok
    settings: dict[str, Any] = fake_obs.stream_settings["streamServiceSettings"]
    assert settings["server"] == "rtmp://push.example.com/live"
    assert settings["key"] == "room42?txSecret=0f1e2d3c&txTime=65A1B2C3"
    (row,) = audit_rows(writer)
    assert (row.action, row.target, row.result) == (
        "obs.stream_target",
        "rtmp://push.example.com/live",
        "ok",
    )
    assert "0f1e2d3c" not in row.detail and "room42" not in row.detail
    assert "0f1e2d3c" not in caplog.text


def test_an_unusable_push_url_is_refused_before_obs_is_asked(
    service: ObsService, fake_obs: FakeObs, writer
) -> None:
    for bad in ("http://example.com/live/key", "rtmp://example.com/live", "rtmp:///live/key"):
        with pytest.raises(OperatorError) as caught:
            service.use_push_url(bad)
        assert "rtmp://host/app/stream-key" in caught.value.render()
    assert "SetStreamServiceSettings" not in requests_seen(fake_obs)
    assert audit_rows(writer) == []


@pytest.mark.parametrize("kind", [k for k in ObsErrorKind if k is not ObsErrorKind.REQUEST_FAILED])
def test_every_failure_kind_has_an_operator_sentence(kind: ObsErrorKind) -> None:
    error = explain_obs_error(ObsError(kind, "English detail."), "10.0.0.5:4455")
    assert error.log_text == "English detail."
    assert error.render() != error.log_text
    others = {
        explain_obs_error(ObsError(k, "x"), "a:1").template
        for k in ObsErrorKind
        if k is not kind and k is not ObsErrorKind.REQUEST_FAILED
    }
    assert error.template not in others


def test_obs_not_running_names_the_address() -> None:
    error = explain_obs_error(ObsError(ObsErrorKind.NOT_RUNNING, "refused"), "10.0.0.5:4455")
    assert "10.0.0.5:4455" in error.render()


def test_a_lost_connection_fails_the_job_not_the_caller(
    service: ObsService, fake_obs: FakeObs, writer, run: PlanRunner
) -> None:
    def hang_up(session: FakeSession, _data: dict[str, Any]) -> None:
        session.drop()

    fake_obs.handlers["SetCurrentProgramScene"] = hang_up
    outcome = run(service.switch_scene("Live"), "obs.scene")
    assert isinstance(outcome.error, OperatorError)
    (row,) = audit_rows(writer)
    assert row.result == "error"


def _live(service: ObsService, *, streaming: bool) -> None:
    """Wait until OBS reported the output started (the fake says so at once)."""
    eventually(lambda: service.state.output(streaming).phase is Phase.LIVE)
