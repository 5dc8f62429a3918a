"""The control API over real HTTP and WebSocket: every command listed and reachable, the
outcome answered, irreversible commands only with "confirm", the live state and its event
stream, and the relay's access rules (loopback, cross-site, token beyond this computer)."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import aiohttp
import keyring
import pytest
import requests
from keyring.backends.fail import Keyring as NoKeyring

from console import local_server
from console.commands import COMMANDS, CommandId
from console.control_api import ControlServer
from console.control_api.access import CONTROL_TOKEN_NAME
from console.lottery.model import LotteryState
from console.platforms.demo import DemoConnector, DemoSettings
from console.secrets import SERVICE
from console.session import LiveSession
from helpers.memory_keyring import MemoryKeyring


@pytest.fixture
def session(db_url: str) -> Iterator[LiveSession]:
    live = LiveSession(DemoConnector(DemoSettings(seed=9, comment_rate=40)), db_url)
    live.start()
    deadline = time.monotonic() + 10
    while not live.goods.loaded and time.monotonic() < deadline:
        time.sleep(0.01)
    yield live
    live.stop()


@pytest.fixture
def api(session: LiveSession) -> ControlServer:
    server = session.serve_control_api("127.0.0.1", 0)
    assert server is not None
    return server


def post(api: ControlServer, command: str, body: Any = None, **kw: Any) -> requests.Response:
    data = kw.pop("data", None if body is None else json.dumps(body))
    return requests.post(f"{api.url}/api/commands/{command}", data=data, timeout=30, **kw)


def test_every_command_is_listed_with_its_arguments_and_whether_it_can_run(api) -> None:
    listed = requests.get(f"{api.url}/api/commands", timeout=10).json()["commands"]
    assert [c["id"] for c in listed] == [c.value for c in COMMANDS]
    by_id = {c["id"]: c for c in listed}
    push = by_id["goods.push"]
    assert push["args"] == [
        {
            "name": "number",
            "type": "integer",
            "doc": "the goods' number in the room (1 = first)",
            "required": True,
            "minimum": 1,
        }
    ]
    assert push["enabled"] is True and push["why_not"] is None
    assert by_id["goods.push.1"]["preset_of"] == {"id": "goods.push", "args": {"number": 1}}
    assert by_id["obs.stream.stop"]["irreversible"] is True
    assert (
        by_id["app.quit"]["irreversible_when"] == "streaming, or events the database has not taken"
    )
    scene = by_id["obs.scene.1"]
    assert scene["enabled"] is False and scene["why_not"] == "OBS control is off in this console."
    mute = by_id["user.mute"]
    assert [(a["name"], a["type"], a["required"]) for a in mute["args"]] == [
        ("user_id", "string", True),
        ("seconds", "integer", True),
    ]


def test_every_command_is_reachable(api) -> None:
    """Each id answers with an outcome (run, refused or failed), never "no such command"."""
    for command in CommandId:
        if command in (CommandId.APP_QUIT, CommandId.SHOW_END):
            continue  # they end the session: below
        answer = post(api, command.value, {})
        assert answer.status_code != 404, command
        assert answer.headers["Content-Type"].startswith("application/json")
        body = answer.json()
        assert body["command"] == command.value and isinstance(body["ok"], bool), command
        assert body["message"], command
    assert post(api, "no.such.command", {}).status_code == 404


def test_push_goods_and_run_a_lottery_and_read_the_winners(api, session: LiveSession) -> None:
    pushed = post(api, "goods.push.1", {})
    assert pushed.status_code == 200
    assert pushed.json() | {"ticket": 0} == {
        "ok": True,
        "scope": "platform",
        "message": "Pushed no. 1 316不锈钢保温杯 500ml",
        "command": "goods.push.1",
        "action": "goods.push",
        "subject": "316不锈钢保温杯 500ml",
        "ticket": 0,
        "data": {},
    }
    create = {
        "kind": "comment",
        "keyword": "想要",
        "prize": "蓝牙耳机",
        "winners": 2,
        "countdown": 0,
    }
    assert post(api, "lottery.create", create).json()["ok"]
    assert post(api, "lottery.open").json()["ok"]  # no body at all: no arguments
    deadline = time.monotonic() + 15
    while requests.get(f"{api.url}/api/state", timeout=10).json()["lottery"]["entrants"] < 2:
        assert time.monotonic() < deadline, "nobody entered the lottery"
        time.sleep(0.2)
    drawn = post(api, "lottery.draw", {})
    assert drawn.json()["ok"], drawn.json()
    state = requests.get(f"{api.url}/api/state", timeout=10).json()
    lottery = state["lottery"]
    assert lottery["state"] == "drawn" and lottery["prize"] == "蓝牙耳机"
    assert len(lottery["winners"]) == 2
    assert all(w["user_id"] and w["nickname"] for w in lottery["winners"])
    assert lottery["seed"] and lottery["commitment"]
    assert state["goods"]["current"]["number"] == 1
    assert state["show"]["connector"] == "demo" and state["counters"]["comments"] > 0
    view = session.lottery.current()
    assert view is not None and view.state is LotteryState.DRAWN
    assert [w["user_id"] for w in lottery["winners"]] == [w.user_id for w in view.final_winners]


def test_an_irreversible_command_needs_confirm(api, session: LiveSession) -> None:
    refused = post(api, "room.ban_all", {})
    assert refused.status_code == 409
    assert not refused.json()["ok"] and '"confirm": true' in refused.json()["message"]
    assert not session.moderation.banned_all
    assert post(api, "room.ban_all", {"confirm": "yes"}).status_code == 400
    done = post(api, "room.ban_all", {"confirm": True})
    assert done.status_code == 200 and done.json()["ok"]
    assert session.moderation.banned_all


def test_bad_requests_are_answered_in_words(api) -> None:
    assert post(api, "goods.push", data="{not json").status_code == 400
    assert post(api, "goods.push", [1]).status_code == 400
    missing = post(api, "goods.push", {})
    assert missing.status_code == 400
    assert "number (integer) is missing" in missing.json()["message"]
    assert post(api, "goods.push", {"number": 99}).status_code == 409  # no such goods now
    assert post(api, "obs.scene.1", {}).status_code == 409  # OBS is off here


def test_the_event_stream_sends_the_state_then_audit_entries_and_outcomes(api) -> None:
    async def listen() -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(f"{api.url}/api/events") as ws,
        ):
            seen.append(json.loads((await ws.receive(timeout=10)).data))
            await asyncio.get_running_loop().run_in_executor(
                None, lambda: post(api, "goods.push.3", {})
            )
            while not {"audit", "outcome"} <= {e["type"] for e in seen}:
                seen.append(json.loads((await ws.receive(timeout=10)).data))
        return seen

    seen = asyncio.run(listen())
    assert seen[0]["type"] == "state" and "goods" in seen[0]["state"]
    audit = next(e["audit"] for e in seen if e["type"] == "audit")
    assert (audit["action"], audit["target"], audit["entry"]) == (
        "goods.push",
        "g003",
        "control_api",
    )
    assert audit["subject"] == "氨基酸洁面乳"
    outcome = next(e["outcome"] for e in seen if e["type"] == "outcome")
    assert outcome["ok"] and outcome["command"] == "goods.push.3"


def test_a_cross_site_request_is_refused(api, session: LiveSession) -> None:
    page = {"Origin": "http://evil.example"}
    assert post(api, "goods.push.1", {}, headers=page).status_code == 403
    assert requests.get(f"{api.url}/api/state", headers=page, timeout=10).status_code == 403
    rebound = {"Host": f"evil.example:{api.port}"}  # DNS rebinding: a foreign Host
    assert requests.get(f"{api.url}/api/commands", headers=rebound, timeout=10).status_code == 403
    assert session.goods.row("g001").pushed is None
    assert requests.get(f"{api.url}/api/state", timeout=10).status_code == 200


def test_beyond_this_computer_a_token_is_required(
    session: LiveSession, memory_keyring: MemoryKeyring
) -> None:
    server = session.serve_control_api("0.0.0.0", 0)
    assert server is not None and server.token is not None
    stored = memory_keyring.store[(SERVICE, CONTROL_TOKEN_NAME)]
    assert stored == server.token
    [message] = [m for m in session.messages.drain() if "token" in m.template]
    assert message.fields["token"] == server.token  # shown to the operator once
    url = f"http://127.0.0.1:{server.port}/api/state"
    assert requests.get(url, timeout=10).status_code == 401
    assert (
        requests.get(url, headers={"Authorization": "Bearer wrong"}, timeout=10).status_code == 401
    )
    ok = requests.get(url, headers={"Authorization": f"Bearer {server.token}"}, timeout=10)
    assert ok.status_code == 200
    assert requests.get(f"{url}?token={server.token}", timeout=10).status_code == 200
    server.stop()


def test_without_a_secure_store_it_stays_on_this_computer(session: LiveSession) -> None:
    keyring.set_keyring(NoKeyring())
    assert session.serve_control_api("0.0.0.0", 0) is None
    [message] = session.messages.drain()
    assert "without a token" in message.template
    loopback = session.serve_control_api("127.0.0.1", 0)
    assert loopback is not None and loopback.token is None


def test_a_taken_port_is_reported_not_fatal(api, session: LiveSession) -> None:
    assert session.serve_control_api("127.0.0.1", api.port) is None
    [message] = [m for m in session.messages.drain() if "cannot listen" in m.template]
    assert str(api.port) in message.fields["address"]


def test_quit_and_end_show_over_the_api(api, session: LiveSession) -> None:
    asked: list[str] = []
    session.add_quit_listener(lambda: asked.append("quit"))
    assert post(api, "app.quit", {}).json()["ok"]  # not streaming: no confirmation needed
    assert post(api, "show.end", {}).status_code == 409
    assert not session.show_ended
    assert post(api, "show.end", {"confirm": True}).json()["ok"]
    assert session.show_ended and asked == ["quit", "quit"]


def test_a_client_that_connects_and_says_nothing_is_closed_and_others_still_get_in(
    session: LiveSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local_server, "REQUEST_TIMEOUT_S", 0.3)
    api = session.serve_control_api("127.0.0.1", 0)
    assert api is not None
    with socket.create_connection(("127.0.0.1", api.port)) as silent:
        silent.settimeout(10)
        assert silent.recv(1024) == b""  # closed by the console, not by the 10 s timeout
    state = requests.get(f"{api.url}/api/state", timeout=10)
    assert state.status_code == 200


def test_a_database_error_is_answered_by_its_kind_not_its_sql() -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from console.errors import english

    raw = sqlite3.OperationalError("database or disk is full")
    raw.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    raw.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
    error = OperationalError("INSERT INTO comments VALUES (?)", ("小鹿", "想要链接"), raw)
    text = english(error)
    assert text == "Database error: disk full (sqlite3.OperationalError SQLITE_FULL)"
    assert "INSERT" not in text and "小鹿" not in text
