"""The demo room: same seed, same show; a believable Chinese live-commerce audience."""

from __future__ import annotations

import itertools
import re
import statistics
import time
from collections import Counter

import pytest

from console.events import Comment, Like, RoomStatus, Viewers
from console.platforms.demo import DemoAudience, DemoConnector, DemoSettings, nickname_for
from helpers.sinks import RecordingSink


def first_seconds(settings: DemoSettings, seconds: int) -> list:
    audience = DemoAudience(settings)
    return list(itertools.takewhile(lambda e: e.t < seconds, audience.events()))


def test_same_seed_same_show() -> None:
    assert first_seconds(DemoSettings(seed=42), 120) == first_seconds(DemoSettings(seed=42), 120)


def test_different_seeds_differ() -> None:
    assert first_seconds(DemoSettings(seed=1), 60) != first_seconds(DemoSettings(seed=2), 60)


def test_show_starts_live_and_samples_viewers_every_second() -> None:
    events = first_seconds(DemoSettings(seed=3), 30)
    assert events[0] == RoomStatus(0.0, "live")
    samples = [e for e in events if isinstance(e, Viewers)]
    assert [s.t for s in samples] == [float(s) for s in range(30)]
    assert all(e.t <= f.t for e, f in itertools.pairwise(events))


def test_audience_grows_then_churns_and_total_never_drops() -> None:
    samples = [
        e
        for e in first_seconds(DemoSettings(seed=5, peak_viewers=2000), 1800)
        if isinstance(e, Viewers)
    ]
    online = [s.online for s in samples]
    totals = [s.total for s in samples]
    assert online[0] < online[600] and 1500 < max(online) < 2600
    assert all(a <= b for a, b in itertools.pairwise(totals))
    assert totals[-1] > max(online)  # people left and others joined
    assert any(b < a for a, b in itertools.pairwise(online))  # the curve goes down too


def test_comments_read_like_a_live_commerce_room() -> None:
    comments = [e for e in first_seconds(DemoSettings(seed=9), 600) if isinstance(e, Comment)]
    texts = [c.text for c in comments]
    assert len(comments) > 1000
    assert len({c.id for c in comments}) == len(comments)
    questions = [t for t in texts if re.search(r"多少钱|价格|尺码|码|有货|库存|链接|怎么买", t)]
    assert len(questions) > len(texts) * 0.15
    assert any("想要" in t for t in texts)
    assert any(t in ("主播好", "来了来了", "晚上好～") for t in texts)
    assert any(ord(ch) > 0x1F000 for t in texts for ch in t)  # emoji
    assert all("{" not in t for t in texts)  # every template filled in
    chatty = Counter(c.user_id for c in comments).most_common(1)[0][1]
    assert chatty > 5  # regulars speak more than once


def test_nickname_is_stable_per_user() -> None:
    comments = [e for e in first_seconds(DemoSettings(seed=9), 300) if isinstance(e, Comment)]
    by_user: dict[str, set[str]] = {}
    for c in comments:
        by_user.setdefault(c.user_id, set()).add(c.nickname)
    assert all(len(names) == 1 for names in by_user.values())
    assert nickname_for(17) == nickname_for(17) != nickname_for(18)


def test_comment_rate_flag_sets_the_rate_up_to_floods() -> None:
    for rate in (50, 5000):
        comments = [
            e
            for e in first_seconds(DemoSettings(seed=4, comment_rate=rate), 10)
            if isinstance(e, Comment)
        ]
        assert abs(len(comments) - rate * 10) < rate * 10 * 0.1


def test_likes_come_in_bursts() -> None:
    likes = [e for e in first_seconds(DemoSettings(seed=6), 600) if isinstance(e, Like)]
    per_second = Counter(int(like.t) for like in likes)
    counts = [per_second.get(second, 0) for second in range(600)]
    assert max(counts) > 5 * statistics.median(counts)  # bursts stand far above the quiet level


def test_connector_plays_the_audience_in_real_time() -> None:
    connector = DemoConnector(DemoSettings(seed=8, comment_rate=100))
    sink = RecordingSink()
    connector.start(sink)
    time.sleep(1.0)
    connector.stop()
    comments = [e for e in sink.events if isinstance(e, Comment)]
    assert 30 < len(comments) < 400  # about a second's worth, not the whole show at once
    assert not connector.finished
    assert "seed=8" in connector.describe()


def run_seconds(audience: DemoAudience, start: int, stop: int) -> list:
    return [e for s in range(start, stop) for e in audience.second(s)]


def test_a_goods_push_gets_the_room_talking_about_it() -> None:
    from console.platforms.demo import push_reaction
    from console.platforms.demo_catalogue import DemoCatalogue

    quiet, pushed = DemoAudience(DemoSettings(seed=12)), DemoAudience(DemoSettings(seed=12))
    run_seconds(quiet, 0, 300)
    run_seconds(pushed, 0, 300)
    number, item = DemoCatalogue().push("g003")
    pushed.stimulate(push_reaction(number, item, 300.0))
    after_quiet = [e for e in run_seconds(quiet, 300, 360) if isinstance(e, Comment)]
    after_push = [e for e in run_seconds(pushed, 300, 360) if isinstance(e, Comment)]
    assert len(after_push) > 1.4 * len(after_quiet)
    about_it = [c for c in after_push if "3号" in c.text or item.name[:6] in c.text]
    assert len(about_it) > 0.2 * len(after_push)
    run_seconds(pushed, 360, 400)  # the reaction fades out 90 s after the push
    tail = [e for e in run_seconds(pushed, 400, 460) if isinstance(e, Comment)]
    assert sum(item.name[:6] in c.text for c in tail) == 0


def test_viewers_join_an_open_lottery_once_each() -> None:
    from console.platforms.demo import Stimulus

    audience = DemoAudience(DemoSettings(seed=13))
    run_seconds(audience, 0, 200)
    lottery = Stimulus(start=200, entry_keyword="想要耳机")
    audience.stimulate(lottery)
    comments = [e for e in run_seconds(audience, 200, 260) if isinstance(e, Comment)]
    entries = [
        c for c in comments if "想要耳机" in c.text or c.text.replace("！", "!") == "想要耳机"
    ]
    users = [
        c.user_id for c in comments if c.text in ("想要耳机", "想要耳机!!", "想要耳机想要耳机")
    ]
    assert len(entries) > 200
    assert len(users) == len(set(users))  # one entry per viewer
    assert any(c.text == "想要耳" for c in comments)  # a few get the keyword wrong
    audience.withdraw(lottery)
    after = [e for e in run_seconds(audience, 260, 300) if isinstance(e, Comment)]
    assert sum("想要耳机" in c.text for c in after) < 5


def test_the_demo_catalogue_enforces_platform_rules() -> None:
    from console.errors import OperatorError
    from console.platforms.demo_catalogue import ROOM_GOODS_LIMIT, DemoCatalogue

    catalogue = DemoCatalogue()
    room = [g.goods_id for g in catalogue.room_goods()]
    assert len(room) == 8 and len(catalogue.approved_goods()) == 12
    assert catalogue.push(room[2])[0] == 3
    catalogue.set_on_sale(room[2], False)
    with pytest.raises(OperatorError):
        catalogue.push(room[2])
    catalogue.sort(tuple(reversed(room)))
    assert [g.goods_id for g in catalogue.room_goods()] == list(reversed(room))
    catalogue.import_goods(("g009", "g010"))
    with pytest.raises(OperatorError) as full:
        catalogue.import_goods(("g011",))
    assert str(ROOM_GOODS_LIMIT) in full.value.render()
    assert all(g.cover_url.startswith("file://") for g in catalogue.room_goods())
