"""The prompter as a read-only web page on the LAN, for a phone or tablet at the anchor's
position: ``GET /`` the page (huge dark text, refreshed twice a second), ``GET /content`` what
it shows as JSON. Same access rules as the relay and the control API (console.http_access):
this computer only without a token; a token (``?token=T``) needed beyond it, kept in the
keyring (``prompter-token``) and shown once when made. It reads; it never runs a command.
"""

from __future__ import annotations

import json
import socket
from typing import TYPE_CHECKING, Any

from aiohttp import web

from console.connection_guard import ConnectionGuard, GuardedSite
from console.http_access import is_loopback, refusal, rotate_stored_token, stored_token
from console.log import app as log
from console.secrets import SecretStoreUnavailable, secure_store_available
from console.serving import LoopThread, bind

if TYPE_CHECKING:
    from console.session import LiveSession

PROMPTER_TOKEN_NAME = "prompter-token"
MAX_OPEN_CONNECTIONS = 32
REQUEST_TIMEOUT_S = 5.0
IDLE_TIMEOUT_S = 60.0
START_TIMEOUT_S = 10.0


def prompter_token(host: str, given: str | None) -> tuple[str | None, bool] | None:
    """(the token to require, whether it was made just now); None when the page must not be
    served on ``host`` (beyond this computer without a token that can be kept)."""
    if given:
        return given, False
    if is_loopback(host):
        return None, False
    if not secure_store_available():
        return None
    stored = stored_token(PROMPTER_TOKEN_NAME)
    if stored:
        return stored, False
    try:
        return rotate_stored_token(PROMPTER_TOKEN_NAME), True
    except SecretStoreUnavailable:
        return None


class PrompterServer:
    def __init__(self, session: LiveSession, host: str, port: int, token: str | None) -> None:
        self.session = session
        self.host = host
        self.token = token
        self._port = port
        self._loop = LoopThread("prompter")
        self._runner: web.AppRunner | None = None
        self._connections: ConnectionGuard | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = f"?token={self.token}" if self.token else ""
        return f"http://{host}:{self._port}/{query}"

    def start(self) -> None:
        """Bind and serve; raises OSError when the port cannot be had."""
        sock = bind(self.host, self._port)
        self._port = sock.getsockname()[1]
        self._loop.start()
        try:
            self._loop.run(self._open(sock), START_TIMEOUT_S)
        except BaseException:
            self._loop.stop(START_TIMEOUT_S)
            sock.close()
            raise
        log.info("prompter page on %s:%s", self.host, self._port)

    def stop(self, timeout: float = 5.0) -> None:
        if not self._loop.running:
            return
        try:
            self._loop.run(self._close(), timeout)
        except TimeoutError:
            log.warning("prompter page did not close within %g s", timeout)
        self._loop.stop(timeout)

    def content(self) -> dict[str, Any]:
        session = self.session
        return session.prompter.content(session.rundown.view()).to_json()

    async def _open(self, sock: socket.socket) -> None:
        self._connections = connections = ConnectionGuard(
            "prompter page",
            log,
            max_open=MAX_OPEN_CONNECTIONS,
            request_timeout=REQUEST_TIMEOUT_S,
            idle_timeout=IDLE_TIMEOUT_S,
        )
        app = web.Application(middlewares=[connections.middleware, self._guard])
        app.router.add_get("/", self._page)
        app.router.add_get("/content", self._content)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await GuardedSite(self._runner, sock, connections).start()

    async def _close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        refused = refusal(request, self.token)
        if refused is not None:
            status, reason = refused
            log.info("prompter page refused %s: %s", request.path, reason)
            return web.Response(status=status, text=reason)
        if self._connections is not None:
            self._connections.admit(request)
        response: web.StreamResponse = await handler(request)
        return response

    async def _page(self, _request: web.Request) -> web.Response:
        return web.Response(text=PAGE, content_type="text/html", charset="utf-8")

    async def _content(self, _request: web.Request) -> web.Response:
        text = json.dumps(self.content(), ensure_ascii=False)
        return web.Response(text=text, content_type="application/json", charset="utf-8")


# Text goes in with textContent only: a viewer's question is never read as HTML.
PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>提词器</title>
<style>
body { background: #000; color: #f2f2f2; margin: 0; padding: 3vw;
       font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
#top { display: flex; justify-content: space-between; align-items: baseline; }
#segment { font-size: 7vw; font-weight: bold; }
#left { font-size: 9vw; font-variant-numeric: tabular-nums; }
#left.amber { color: #f0b030; } #left.red { color: #ff5050; }
#message { font-size: 6vw; color: #000; background: #f0b030; padding: 0 2vw; }
#message:empty { display: none; }
ul { font-size: 5vw; line-height: 1.35; padding-left: 6vw; }
#questions li { color: #8fd0ff; }
#next { font-size: 4vw; color: #aaa; }
</style></head><body>
<div id="message"></div>
<div id="top"><div id="segment"></div><div id="left"></div></div>
<ul id="points"></ul>
<ul id="questions"></ul>
<div id="next"></div>
<script>
const clock = (s) => {
  const sign = s < 0 ? "-" : ""; s = Math.abs(s);
  const m = Math.floor(s / 60), r = s % 60;
  return sign + String(m).padStart(2, "0") + ":" + String(r).padStart(2, "0");
};
const fill = (id, items) => {
  const list = document.getElementById(id); list.replaceChildren();
  for (const text of items) { const li = document.createElement("li");
    li.textContent = text; list.appendChild(li); }
};
async function update() {
  try {
    const answer = await fetch("content" + location.search, {cache: "no-store"});
    const c = await answer.json();
    document.getElementById("segment").textContent = c.segment || "—";
    const left = document.getElementById("left");
    left.textContent = c.left_s === null ? "" : clock(c.left_s) + (c.paused ? " ⏸" : "");
    left.className = c.left_s === null ? "" : c.left_s < 0 ? "red" : c.left_s <= 60 ? "amber" : "";
    document.getElementById("message").textContent = c.message;
    fill("points", c.talking_points);
    fill("questions", c.questions.map((q) => q.nickname + "：" + q.text));
    document.getElementById("next").textContent = c.next ? "下一段：" + c.next : "";
  } catch (e) { /* the console is away: keep what is shown */ }
}
update(); setInterval(update, 500);
</script></body></html>
"""
