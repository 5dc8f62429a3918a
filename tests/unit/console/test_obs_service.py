"""ObsService: OBS actions as audited jobs, and OBS failures in words an operator can act on.

Runs against the small fake obs-websocket server of the bridge's own tests (no OBS needed).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from unit.obs_bridge.fake_obs import FakeObs, FakeSession, fail, ok

from console.errors import OperatorError
from console.obs_service import ObsService, explain_obs_error
from console.storage.database import create_db_engine
from console.storage.models import AuditEntry
from console.storage.writer import ShowInfo, StorageWriter
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
    with FakeObs() as server:
        for request in ("StartStream", "StopStream", "StartRecord", "StopRecord"):
            server.handlers[request] = lambda _s, _d: ok()
        yield server


@pytest.fixture
def client(fake_obs: FakeObs) -> Iterator[ObsClient]:
    obs = ObsClient(port=fake_obs.port, timeout=2.0)
    obs.connect()
    yield obs
    obs.disconnect()


@pytest.fixture
def service(client: ObsClient, writer: tuple[StorageWriter, Engine]) -> ObsService:
    return ObsService(client, writer[0], operator="场控小王", clock=lambda: 42.5)


def audit_rows(writer: tuple[StorageWriter, Engine]) -> list[AuditEntry]:
    assert writer[0].flush()
    with Session(writer[1]) as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def requests_seen(fake_obs: FakeObs) -> list[str]:
    return [name for session in fake_obs.sessions for name in session.requests]


def test_each_action_reaches_obs_and_is_audited(
    service: ObsService, fake_obs: FakeObs, client: ObsClient, writer
) -> None:
    jobs = [
        service.switch_scene("Live"),
        service.set_input_muted("Mic", True),
        service.set_source_visible("Scene", "Logo", True),
        service.set_streaming(True),
        service.set_streaming(False),
        service.set_recording(True),
        service.set_recording(False),
    ]
    assert all(job().ok for job in jobs)
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
    assert {(r.operator, r.t) for r in rows} == {("场控小王", 42.5)}
    assert json.loads(rows[1].detail) == {"muted": True, "obs": client.address}
    assert json.loads(rows[2].detail) == {"scene": "Scene", "visible": True, "obs": client.address}


def test_a_refusal_is_explained_and_audited_as_an_error(service: ObsService, writer) -> None:
    outcome = service.switch_scene("Backstage")()
    assert not outcome.ok
    assert isinstance(outcome.error, OperatorError)
    assert "600" in outcome.error.render() and "Backstage" in outcome.error.render()
    (row,) = audit_rows(writer)
    assert (row.action, row.target, row.result) == ("obs.scene", "Backstage", "error")
    assert "SetCurrentProgramScene" in json.loads(row.detail)["error"]  # English, for the log


def test_known_codes_get_their_own_sentence(service: ObsService, fake_obs: FakeObs) -> None:
    fake_obs.handlers["StartStream"] = lambda _s, _d: fail(500)
    fake_obs.handlers["StopRecord"] = lambda _s, _d: fail(501)
    running = service.set_streaming(True)().error
    not_running = service.set_recording(False)().error
    assert isinstance(running, OperatorError) and isinstance(not_running, OperatorError)
    assert running.template != not_running.template
    assert "500" in running.render() and "501" in not_running.render()


def test_actions_are_refused_at_once_while_obs_is_not_connected(fake_obs: FakeObs, writer) -> None:
    offline = ObsClient(port=fake_obs.port)
    service = ObsService(offline, writer[0], operator="x", clock=lambda: 0.0)
    for action in (
        lambda: service.switch_scene("Live"),
        lambda: service.set_streaming(True),
        lambda: service.set_input_muted("Mic", True),
        lambda: service.use_push_url(PUSH_URL),
    ):
        with pytest.raises(OperatorError):
            action()
    assert fake_obs.sessions == []
    assert audit_rows(writer) == []


def test_push_url_sets_the_stream_target_and_keeps_the_key_secret(
    service: ObsService, fake_obs: FakeObs, writer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="livedesk")
    assert service.use_push_url(PUSH_URL)().ok
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
    service: ObsService, fake_obs: FakeObs, client: ObsClient, writer
) -> None:
    def hang_up(session: FakeSession, _data: dict[str, Any]) -> None:
        session.drop()

    fake_obs.handlers["SetCurrentProgramScene"] = hang_up
    outcome = service.switch_scene("Live")()
    assert isinstance(outcome.error, OperatorError)
    (row,) = audit_rows(writer)
    assert row.result == "error"
