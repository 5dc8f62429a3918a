"""Per-second show metrics behind the dashboard curves."""

from __future__ import annotations

import numpy as np

from console.events import Comment, Like, Viewers
from console.metrics import ShowMetrics
from console.timefmt import show_clock


def test_buckets_follow_events() -> None:
    m = ShowMetrics()
    m.add_many(
        [
            Viewers(0, 10, 10),
            Like(0.5, "u", 3),
            Comment(1.2, "c1", "u", "n", "hi"),
            Like(2.9, "u", 4),
            Viewers(3, 15, 20),
        ]
    )
    assert m.seconds == 4
    assert m.online().tolist() == [10, 10, 10, 15]  # a sample holds until the next one
    assert m.total_viewers().tolist() == [10, 10, 10, 20]
    assert m.likes_cumulative().tolist() == [3, 3, 7, 7]
    assert m.comments_per_second().tolist() == [0, 1, 0, 0]
    assert (m.current_online(), m.total_likes()) == (15, 7)


def test_a_batch_draws_the_same_curves_as_its_events_one_by_one() -> None:
    """The window adds a flood's events a batch at a time; the curves must not depend on it,
    also when sources interleave (a viewer count older than comments before it)."""
    events = [
        Like(0.2, "u", 2),
        Comment(0.4, "c1", "u", "n", "hi"),
        Comment(2.5, "c2", "u", "n", "hi"),
        Viewers(1.0, 40, 50),  # a second source, behind the first
        Like(2.7, "u", 5),
        Comment(1.1, "c3", "u", "n", "hi"),
        Viewers(3.0, 45, 60),
        Comment(5.9, "c4", "u", "n", "hi"),
        Like(5.1, "u", 1),
    ]
    one_by_one, batched = ShowMetrics(), ShowMetrics()
    for event in events:
        one_by_one.add(event)
    batched.add_many(events)
    for series in ("online", "total_viewers", "likes_per_second", "comments_per_second"):
        assert getattr(batched, series)().tolist() == getattr(one_by_one, series)().tolist()
    assert batched.seconds == one_by_one.seconds == 6


def test_six_hours_of_samples_grow_without_losing_data() -> None:
    m = ShowMetrics()
    for s in range(6 * 3600):
        m.add(Viewers(s, s % 1000, s))
    assert m.seconds == 21_600
    assert np.array_equal(m.online(), np.arange(21_600) % 1000)


def test_version_changes_only_with_data() -> None:
    m = ShowMetrics()
    v = m.version
    m.add(Like(1, "u", 1))
    assert m.version > v


def test_show_clock_format() -> None:
    assert show_clock(0) == "00:00"
    assert show_clock(75.9) == "01:15"
    assert show_clock(3 * 3600 + 62) == "3:01:02"
