"""The prompter as a read-only web page on the LAN, for a phone or tablet at the anchor's
position: ``GET /`` the page (huge dark text, refreshed twice a second), ``GET /content`` what
it shows as JSON. Same access rules as the relay and the control API (console.http_access):
this computer only without a token; a token (``?token=T``) needed beyond it, kept in the
keyring (``prompter-token``) and shown once when made. It reads; it never runs a command.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from console.http_access import ServerToken, server_token
from console.local_server import GuardedServer

if TYPE_CHECKING:
    from console.session import LiveSession

PROMPTER_TOKEN_NAME = "prompter-token"


def prompter_token(host: str, given: str | None) -> ServerToken | None:
    """The token to require on ``host``; None when the page must not be served there."""
    return server_token(PROMPTER_TOKEN_NAME, host, given)


class PrompterServer(GuardedServer):
    what = "prompter page"
    max_open = 32

    def __init__(self, session: LiveSession, host: str, port: int, token: str | None) -> None:
        super().__init__(host, port, token, "prompter")
        self.session = session

    @property
    def url(self) -> str:
        """The page's address, with its token for a phone to open as it is."""
        query = f"?token={self.token}" if self.token else ""
        return f"{super().url}/{query}"

    def content(self) -> dict[str, Any]:
        session = self.session
        return session.prompter.content(session.rundown.view()).to_json()

    def _routes(self, app: web.Application) -> None:
        app.router.add_get("/", self._page)
        app.router.add_get("/content", self._content)

    def _refused(self, request: web.Request, status: int, reason: str) -> web.Response:
        return web.Response(status=status, text=reason)

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
