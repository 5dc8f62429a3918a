"""Real OBS Studio for the integration tests (see headless_obs.py).

Two instances live for the whole session (each start costs about 2 s):
- ``obs_with_password``: password, local RTMP server, and the scenes and inputs the tests use;
- ``obs_without_password``: no password and no RTMP; the reconnect test stops and restarts it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from integration.headless_obs import PASSWORD, HeadlessObs

from helpers.obs_fixtures import ensure_obs_available, start_with_test_content
from obs_bridge import ObsClient


@pytest.fixture(scope="session")
def obs_available() -> None:
    ensure_obs_available()


@pytest.fixture(scope="session")
def obs_with_password(
    obs_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HeadlessObs]:
    options = ["--password", PASSWORD, "--rtmp", "--rtmp-port", "auto", "--rtmp-stat-port", "auto"]
    obs = HeadlessObs(tmp_path_factory.mktemp("obs-password"), options)
    try:
        start_with_test_content(obs)
        yield obs
    finally:
        obs.stop()


@pytest.fixture(scope="session")
def obs_without_password(
    obs_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HeadlessObs]:
    obs = HeadlessObs(tmp_path_factory.mktemp("obs-open"), [])
    try:
        obs.start()
        yield obs
    finally:
        obs.stop()


@pytest.fixture
def obs_client(obs_with_password: HeadlessObs) -> Iterator[ObsClient]:
    client = obs_with_password.client()
    client.connect()
    yield client
    client.disconnect()
