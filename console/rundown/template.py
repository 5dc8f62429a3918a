"""The brief's flow as a starting rundown: 暖场, 商品讲解 × N, 互动/抽奖, 引导关注 — with goods
pushes, a comment lottery and talking points to replace with the show's own."""

from __future__ import annotations

from console.commands.ids import CommandId
from console.rundown.model import Cue, Rundown, Segment

LOTTERY_KEYWORD = "想要"


def template(goods: int = 3) -> Rundown:
    """A rundown presenting goods no. 1..``goods`` (one segment each)."""
    warm_up = Segment(
        "暖场",
        300,
        talking_points=("欢迎来到直播间，点点关注不迷路", "预告今天的福利和抽奖时间", "引导点赞"),
    )
    presenting = tuple(
        Segment(
            f"商品讲解 {n}",
            480,
            goods=(n,),
            talking_points=(f"{n} 号商品的卖点", "价格和优惠", "回答评论区的问题", "引导下单"),
            cues=(Cue(60, CommandId.GOODS_PUSH.value, {"number": n}),),
        )
        for n in range(1, goods + 1)
    )
    lottery = Segment(
        "互动 / 抽奖",
        300,
        lottery={
            "kind": "comment",
            "keyword": LOTTERY_KEYWORD,
            "prize": "福袋",
            "winners": 3,
            "countdown": 120,
        },
        talking_points=(f"评论“{LOTTERY_KEYWORD}”参与抽奖", "两分钟后开奖", "中奖的朋友请联系客服"),
        cues=(Cue(0, CommandId.LOTTERY_OPEN.value),),
    )
    follow = Segment(
        "引导关注",
        180,
        talking_points=("关注主播，下次开播提醒", "预告下一场的时间和商品", "感谢大家"),
    )
    return Rundown("直播脚本", (warm_up, *presenting, lottery, follow))
