"""Fixtures for the OBS bridge fault tests: a fake obs-websocket server and a client on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from unit.obs_bridge.fake_obs import FakeObs

from obs_bridge import ObsClient


@pytest.fixture
def fake_obs() -> Iterator[FakeObs]:
    with FakeObs() as server:
        yield server


@pytest.fixture
def client(fake_obs: FakeObs) -> Iterator[ObsClient]:
    obs = ObsClient(port=fake_obs.port, timeout=2.0)
    obs.connect()
    yield obs
    obs.disconnect()
