"""Splitting a platform push address into OBS's server and stream key fields."""

from __future__ import annotations

import pytest

from obs_bridge import PushTarget, split_push_url


@pytest.mark.parametrize(
    ("push_url", "server", "key"),
    [
        (
            "rtmp://livepush.example.com/live/wx_room_42?txSecret=0f1e2d3c&txTime=65A1B2C3",
            "rtmp://livepush.example.com/live",
            "wx_room_42?txSecret=0f1e2d3c&txTime=65A1B2C3",
        ),
        ("rtmp://push.example.com:1935/app/key", "rtmp://push.example.com:1935/app", "key"),
        ("  RTMPS://push.example.com/live/a/b?x=1\n", "rtmps://push.example.com/live", "a/b?x=1"),
    ],
)
def test_push_address_splits_into_server_and_key(push_url: str, server: str, key: str) -> None:
    assert split_push_url(push_url) == PushTarget(server, key)


@pytest.mark.parametrize(
    ("push_url", "complaint"),
    [
        ("https://push.example.com/live/key?txSecret=s3cr3t", "rtmp://"),
        ("rtmp:///live/key?txSecret=s3cr3t", "host"),
        ("rtmp://push.example.com/live?txSecret=s3cr3t", "stream key"),
        ("rtmp://push.example.com/?txSecret=s3cr3t", "stream key"),
        ("", "rtmp://"),
    ],
)
def test_unusable_address_is_refused_without_echoing_the_secret(
    push_url: str, complaint: str
) -> None:
    with pytest.raises(ValueError, match=complaint) as caught:
        split_push_url(push_url)
    assert "s3cr3t" not in str(caught.value)


def test_stream_key_stays_out_of_repr() -> None:
    target = split_push_url("rtmp://push.example.com/live/room?txSecret=s3cr3t")
    assert "s3cr3t" not in repr(target)
    assert "push.example.com" in repr(target)
