"""Split a platform's RTMP push address into the server and stream key OBS asks for.

WeChat's getpushurl returns one address (``pushAddr``), e.g.
``rtmp://host/app/streamkey?txSecret=...&txTime=...``, while OBS's custom service wants
``server = rtmp://host/app`` and ``key = streamkey?txSecret=...&txTime=...``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

_SCHEMES = ("rtmp", "rtmps")


@dataclass(frozen=True)
class PushTarget:
    server: str
    key: str = field(repr=False)  # the key (and its txSecret) is a credential: keep it out of logs


def split_push_url(push_url: str) -> PushTarget:
    """``scheme://host[:port]/app`` becomes the server, everything after it (path rest, query,
    fragment) the key. Raises ValueError with an English sentence for an unusable address; the
    message never repeats the address, which carries a secret."""
    text = push_url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in _SCHEMES:
        raise ValueError("A push address must start with rtmp:// or rtmps://.")
    if not parts.hostname:
        raise ValueError("The push address has no host name.")
    app, _, stream = parts.path.lstrip("/").partition("/")
    if not app or not stream:
        raise ValueError(
            "The push address needs an application and a stream key: rtmp://host/app/key."
        )
    key = stream
    if parts.query:
        key += "?" + parts.query
    if parts.fragment:
        key += "#" + parts.fragment
    return PushTarget(server=f"{parts.scheme.lower()}://{parts.netloc}/{app}", key=key)
