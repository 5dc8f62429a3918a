"""The broadcast dropping without anyone asking is noticed, said and put on the show's timeline.

A tester saw OBS die mid-stream while the console said nothing and its status bar still read
"OBS is starting the stream". Against the fake obs-websocket server (tests/unit/obs_bridge):
the stream stopping by itself, OBS lost while streaming (and back, streaming or not), a start
that fails, and the operator's own stop, which is no incident.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from integration.event_log import eventually
from unit.obs_bridge.fake_obs import FakeObs, FakeSession, ok, output_event, serve_outputs

from console.messages import Level, MessageBus
from console.obs import ObsLink, ObsService
from console.obs.incidents import (
    CONNECTION_LOST,
    STREAM_DROPPED,
    STREAM_RECONNECTING,
    IncidentReporter,
)
from console.obs.state import DropCause, Phase
from console.storage.database import create_db_engine
from console.storage.writer import AuditRecord, ShowInfo, StorageWriter
from helpers.jobs import PlanRunner


class Board:
    """What the operator is told and what the audit log gets."""

    def __init__(self) -> None:
        self.messages = MessageBus()
        self.audits: list[AuditRecord] = []
        self.said: list[tuple[Level, str]] = []
        self.reporter = IncidentReporter(
            self.messages, self.audits.append, "场控小王", lambda: 42.0
        )

    def read(self) -> list[tuple[Level, str]]:
        self.said += [(m.level, m.render()) for m in self.messages.drain()]
        return self.said


@pytest.fixture
def fake_obs() -> Iterator[FakeObs]:
    with FakeObs() as server:
        yield server


@pytest.fixture
def streaming(fake_obs: FakeObs) -> dict[str, bool]:
    """Whether the fake OBS streams (a test changes it as OBS would, unasked)."""
    return serve_outputs(fake_obs)


@pytest.fixture
def board() -> Board:
    return Board()


@pytest.fixture
def link(fake_obs: FakeObs, streaming: dict[str, bool], board: Board) -> Iterator[ObsLink]:
    obs = ObsLink("127.0.0.1", fake_obs.port)
    obs.add_incident_listener(board.reporter)
    obs.start(read_keyring=False)
    eventually(lambda: obs.state.connected and obs.state.scenes)
    yield obs
    obs.shutdown()


@pytest.fixture
def run(db_url: str) -> Iterator[PlanRunner]:
    """Runs the operator's OBS actions as the job kernel does."""
    writer = StorageWriter(create_db_engine(db_url), ShowInfo("demo"))
    writer.start()
    writer.show_id()
    yield PlanRunner(writer, "场控小王")
    writer.close()


def _start_streaming(link: ObsLink, run: PlanRunner) -> None:
    run(ObsService(link).set_output(streaming=True, start=True), "obs.stream.start")
    eventually(lambda: link.state.stream.phase is Phase.LIVE)


def test_a_stream_that_stops_by_itself_is_a_drop_said_and_audited(
    link: ObsLink, fake_obs: FakeObs, streaming: dict[str, bool], board: Board, run: PlanRunner
) -> None:
    _start_streaming(link, run)
    streaming["Stream"] = False  # the server went away for good: OBS stops, no "stopping" first
    fake_obs.sessions[-1].send_event("StreamStateChanged", output_event("STOPPED"))

    eventually(lambda: link.state.stream_drop is not None)
    assert link.state.stream_drop is not None
    assert link.state.stream_drop.cause is DropCause.STOPPED
    assert not link.state.stream.running
    eventually(lambda: board.read())
    level, text = board.read()[-1]
    assert level is Level.ERROR and "nobody stopped it" in text
    (entry,) = board.audits
    assert (entry.action, entry.result, entry.entry, entry.t) == (
        STREAM_DROPPED,
        "incident",
        "auto",
        42.0,
    )

    _start_streaming(link, run)  # streaming again: the drop is over
    assert link.state.stream_drop is None


def test_the_operators_stop_is_no_incident(
    link: ObsLink, fake_obs: FakeObs, board: Board, run: PlanRunner
) -> None:
    _start_streaming(link, run)
    run(ObsService(link).set_output(streaming=True, start=False), "obs.stream.stop")
    eventually(lambda: link.state.stream.phase is Phase.OFF)
    assert link.state.stream_drop is None and not link.state.stop_asked
    assert board.audits == [] and board.read() == []


def test_a_stop_in_obs_itself_is_a_drop_for_the_stage_controller(
    link: ObsLink, fake_obs: FakeObs, streaming: dict[str, bool], board: Board, run: PlanRunner
) -> None:
    """The anchor's PC, OBS's own button: OBS says "stopping" first, as for any stop."""
    _start_streaming(link, run)
    streaming["Stream"] = False
    session = fake_obs.sessions[-1]
    session.send_event("StreamStateChanged", output_event("STOPPING"))
    session.send_event("StreamStateChanged", output_event("STOPPED"))
    eventually(lambda: link.state.stream_drop is not None)
    assert [a.action for a in board.audits] == [STREAM_DROPPED]
    eventually(lambda: board.read())
    assert board.read()[-1][0] is Level.ERROR


def test_a_stream_reconnecting_is_an_alarm_until_it_is_back(
    link: ObsLink, fake_obs: FakeObs, board: Board, run: PlanRunner
) -> None:
    _start_streaming(link, run)
    session = fake_obs.sessions[-1]
    session.send_event("StreamStateChanged", output_event("RECONNECTING"))
    eventually(lambda: link.state.stream.phase is Phase.RECONNECTING)
    assert link.state.reconnecting_since is not None
    assert link.state.stream.running  # still a stream: OBS retries
    eventually(lambda: board.audits)
    assert [a.action for a in board.audits] == [STREAM_RECONNECTING]
    assert board.read()[-1][0] is Level.ERROR

    session.send_event("StreamStateChanged", output_event("RECONNECTED"))
    eventually(lambda: link.state.stream.phase is Phase.LIVE)
    assert link.state.reconnecting_since is None
    eventually(lambda: len(board.read()) >= 2)
    level, text = board.read()[-1]
    assert level is Level.INFO and "reconnected" in text
    assert [a.action for a in board.audits] == [STREAM_RECONNECTING]


@pytest.mark.parametrize("still_streaming", [True, False])
def test_obs_lost_mid_stream_is_a_possible_drop_until_obs_is_back_and_says(
    link: ObsLink,
    fake_obs: FakeObs,
    streaming: dict[str, bool],
    board: Board,
    run: PlanRunner,
    still_streaming: bool,
) -> None:
    _start_streaming(link, run)
    streaming["Stream"] = still_streaming  # OBS restarted (not streaming) or only the line broke
    fake_obs.sessions[-1].reset()

    eventually(lambda: board.audits)
    assert board.audits[0].action == CONNECTION_LOST
    level, text = board.read()[0]
    assert level is Level.ERROR and "may have dropped" in text

    eventually(lambda: link.state.connected and len(board.read()) >= 2)
    level, text = board.read()[1]
    if still_streaming:
        assert level is Level.INFO and "still streaming" in text
        assert link.state.stream_drop is None and link.state.stream.running
        assert [a.action for a in board.audits] == [CONNECTION_LOST]
    else:
        assert level is Level.ERROR and "nobody stopped it" in text
        assert link.state.stream_drop is not None and not link.state.stream.running
        assert [a.action for a in board.audits] == [CONNECTION_LOST, STREAM_DROPPED]


def test_obs_lost_while_not_streaming_is_a_warning_on_the_timeline(
    link: ObsLink, fake_obs: FakeObs, board: Board
) -> None:
    fake_obs.sessions[-1].reset()
    eventually(lambda: board.audits)
    assert [a.action for a in board.audits] == [CONNECTION_LOST]
    assert board.read()[0][0] is Level.WARNING
    assert link.state.stream_drop is None


def test_a_start_obs_gives_up_on_is_said(
    link: ObsLink, fake_obs: FakeObs, board: Board, run: PlanRunner
) -> None:
    def refuse(session: FakeSession, _data: dict[str, Any]) -> Any:
        session.send_event("StreamStateChanged", output_event("STARTING"))
        session.send_event("StreamStateChanged", output_event("STOPPED"))  # no server, bad key
        return ok()

    fake_obs.handlers["StartStream"] = refuse
    run(ObsService(link).set_output(streaming=True, start=True), "obs.stream.start")
    eventually(lambda: board.read())
    level, text = board.read()[-1]
    assert level is Level.ERROR and "could not start the stream" in text
    assert link.state.stream.phase is Phase.OFF and board.audits == []
