"""What the simulated audience says: nicknames and comment templates of a Chinese live-commerce room.

Weights are rough shares of a real room's chat: many questions about price, size and stock,
many "想要"/"扣1", greetings while people arrive, praise, emoji and small talk.
"""

from __future__ import annotations

# fmt: off
NAMES = (
    "晓雯", "子涵", "雨桐", "梓萱", "可乐", "糖糖", "芒果", "小鹿", "阿杰", "大橙子",
    "木木", "七七", "思思", "佳佳", "婷婷", "小美", "阿敏", "楠楠", "欢欢", "豆豆",
    "琳琳", "静静", "小雪", "露露", "阳阳", "老王", "张姐", "李阿姨", "刘哥", "陈陈",
    "Amy", "Coco", "Joy", "Echo", "Lily", "Mia", "Kiki", "Tina", "Vivian", "Sunny",
)
ADJECTIVES = ("爱吃瓜的", "快乐的", "不吃香菜的", "会飞的", "想瘦的", "熬夜的", "温柔的", "努力的")
NOUNS = ("猫", "小熊", "兔子", "橘子", "奶茶", "星星", "鱼", "西瓜")
DECORATIONS = ("", "", "", "🌸", "✨", "🍀", "~", "_", "🐱", "💕")

SIZES = ("S", "M", "L", "XL", "XXL", "均")
COLOURS = ("黑色", "白色", "米色", "焦糖色", "雾霾蓝", "奶油白", "酒红色")

QUESTIONS = (
    "多少钱？", "这个多少钱", "价格是多少呀", "链接在哪里", "怎么买？", "几号链接",
    "有{size}码吗", "尺码怎么选", "{height}cm{weight}斤穿什么码", "有货吗", "还有库存吗",
    "{colour}还有吗", "包邮吗", "什么时候发货", "能便宜点吗", "有优惠券吗", "{n}号链接多少钱",
    "{colour}的有没有{size}码", "敏感肌能用吗", "是正品吗",
)
WANTS = ("想要", "想要想要", "扣1", "1", "111", "要了", "已拍", "拍了拍了", "求上链接", "蹲一个", "{n}号想要")
GREETINGS = ("主播好", "来了来了", "晚上好～", "新人报到", "大家好", "又来啦", "第一次来", "从朋友圈过来的")
PRAISE = (
    "好好看", "颜色好正", "质量怎么样", "上身效果好好", "主播好美", "这个好看", "真不错",
    "支持支持", "{colour}好看", "主播讲得好清楚",
)
EMOJI = ("👍👍👍", "❤️❤️", "🔥🔥🔥", "😍", "🌹🌹", "👏👏", "666", "💯", "🙋‍♀️")
CHATTER = (
    "声音小了点", "卡了吗", "画面有点暗", "上次买的很好用", "已关注", "点赞点赞",
    "什么时候抽奖", "福袋什么时候开", "再讲讲{n}号", "回放在哪看", "主播几点下播",
)

# (templates, weight): shares of the chat.
COMMENT_KINDS = (
    (QUESTIONS, 28),
    (WANTS, 20),
    (GREETINGS, 12),
    (PRAISE, 15),
    (EMOJI, 10),
    (CHATTER, 15),
)
# fmt: on
