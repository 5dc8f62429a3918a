"""Formatting show time (seconds since the show started) for people."""

from __future__ import annotations


def show_clock(seconds: float) -> str:
    """``mm:ss`` under an hour, ``h:mm:ss`` from then on."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
