"""The on-air bar says what a stage controller must see at a glance, always.

A tester found "全员禁言" shown only by a pressed button, and OBS dying mid-stream unnoticed
while the status bar still read "正在开始推流". The bar is clicked and read as the operator
would: the comment ban and its one-click lift, the goods on screen, an open lottery's
countdown, the stream live, and the stream dropping by itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from unit.obs_bridge.fake_obs import FakeObs, output_event, serve_outputs

from console.commands import CommandId, Entry
from console.platforms.demo import DemoConnector, DemoSettings
from helpers.ui import answer


@pytest.fixture
def fake_obs() -> Iterator[FakeObs]:
    with FakeObs() as server:
        yield server


def test_ban_goods_lottery_and_who_runs_the_desk(make_window, qtbot) -> None:
    window = make_window(DemoConnector(DemoSettings(seed=2, comment_rate=20)))
    bar = window.on_air_bar
    qtbot.waitUntil(lambda: window.goods_panel.model.rowCount() > 0, timeout=10_000)
    assert bar.air_label.text() == "本机未控制 OBS"
    assert bar.operator_label.text() == f"{window.session.operator} · 场控"
    assert bar.goods_label.text() == "尚未推送商品"

    push, _sale = window.goods_panel.row_buttons(window.goods_panel.model.row_at(2).item.goods_id)
    qtbot.mouseClick(push, Qt.MouseButton.LeftButton)
    name = window.goods_panel.model.row_at(2).item.name
    qtbot.waitUntil(lambda: bar.goods_label.text().startswith(f"讲解中：3号 {name}"))
    assert "秒前推送" in bar.goods_label.text()

    qtbot.mouseClick(window.comment_panel.ban_all_button, Qt.MouseButton.LeftButton)
    answer(window, qtbot)  # banning all comments cannot be undone: it asks
    qtbot.waitUntil(bar.ban_banner.isVisible)
    assert bar.lift_ban_button.text() == "解除禁言"
    qtbot.mouseClick(bar.lift_ban_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not bar.ban_banner.isVisible())
    assert not window.session.moderation.banned_all
    qtbot.waitUntil(lambda: window.audit_panel.model.rowCount() >= 3)
    lifted = window.audit_panel.model.index(0, 2).data()
    assert lifted == "按钮"  # the lift went through the command registry like any button

    window.runner.run(
        CommandId.LOTTERY_CREATE,
        {"kind": "comment", "keyword": "抽奖", "prize": "保温杯", "winners": 1, "countdown": 90},
        Entry.MENU,
    )
    qtbot.waitUntil(lambda: window.session.lottery.current() is not None)
    window.runner.run(CommandId.LOTTERY_OPEN, {}, Entry.MENU)
    qtbot.waitUntil(bar.lottery_label.isVisible)
    assert bar.lottery_label.text().startswith("抽奖进行中：保温杯，剩 01:")


def test_live_then_a_drop_nobody_asked_for(make_window, fake_obs: FakeObs, qtbot) -> None:
    streaming = serve_outputs(fake_obs)
    window = make_window(
        DemoConnector(DemoSettings(seed=2, comment_rate=5)), obs=("127.0.0.1", fake_obs.port, None)
    )
    bar, obs = window.on_air_bar, window.obs_panel
    assert obs is not None
    qtbot.waitUntil(lambda: bar.obs_label.text() == "OBS 已连接", timeout=10_000)
    assert bar.air_label.text() == "未开播"

    qtbot.mouseClick(obs.stream_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.air_label.text().startswith("● 直播中"), timeout=5000)
    assert bar.air_label.property("air") == "live"

    streaming["Stream"] = False  # the server went away: OBS stops by itself
    fake_obs.sessions[-1].send_event("StreamStateChanged", output_event("STOPPED"))
    qtbot.waitUntil(lambda: bar.air_label.text() == "推流中断", timeout=5000)
    assert bar.air_label.property("air") == "dropped"
    assert "无人操作" in bar.air_label.toolTip()
    qtbot.waitUntil(lambda: "推流中断" in window.status.message_label.text(), timeout=5000)
    assert "正在开始推流" not in window.status.message_label.text()
    qtbot.waitUntil(lambda: window.audit_panel.model.rowCount() >= 2)
    assert window.audit_panel.model.index(0, 3).data() == "推流中断"
