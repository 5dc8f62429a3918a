"""A small, fully known show for review and dashboard tests: events plus audit entries."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from console.events import Comment, Event, Like, RoomStatus, Viewers, event_to_json
from console.storage.database import create_db_engine
from console.storage.writer import AuditRecord, ShowInfo, StorageWriter

QUESTION_TEXTS = ("这个多少钱", "有货吗", "尺码怎么选")
OTHER_TEXTS = ("主播好", "好看", "想要")


@dataclass
class KnownShow:
    seconds: int = 600
    events: list[Event] = field(default_factory=list)
    audits: list[AuditRecord] = field(default_factory=list)

    def build(self) -> KnownShow:
        """Online 100 + s//10 (so peak is the last second), 2 likes every 3 s, a comment every
        2 s with a question every third comment, and extra comments after the first push."""
        self.events.append(RoomStatus(0, "live"))
        n = 0
        for s in range(self.seconds):
            self.events.append(Viewers(s, 100 + s // 10, 120 + s))
            if s % 3 == 0:
                self.events.append(Like(s + 0.5, f"u{s % 7}", 2))
            if s % 2 == 0 or 120 <= s < 180:
                n += 1
                text = QUESTION_TEXTS[n % 3] if n % 3 == 0 else OTHER_TEXTS[n % 3]
                nickname = "<b>阿杰</b>" if n == 1 else f"观众{n % 11}"
                self.events.append(Comment(s + 0.25, f"c{n}", f"u{n % 11}", nickname, text))
        push = {"number": 3, "name": "氨基酸洁面乳<script>", "price": "39.90"}
        self.audits = [
            AuditRecord("goods.push", "g003", "ok", "场控", t=120.0, detail=push),
            AuditRecord("lottery.open", "1", "ok", "场控", t=300.0, detail={"prize": "蓝牙耳机"}),
            AuditRecord(
                "lottery.draw",
                "1",
                "ok",
                "场控",
                t=360.0,
                detail={
                    "prize": "蓝牙耳机",
                    "kind": "comment",
                    "entrants": 42,
                    "winners": [
                        {"user_id": "u1", "nickname": "小鹿"},
                        {"user_id": "u2", "nickname": "阿杰"},
                    ],
                },
            ),
            *(AuditRecord("user.mute", f"u{i}", "ok", "场控", t=400.0 + 5 * i) for i in range(4)),
            AuditRecord("comment.delete", "c9", "local", "场控", t=500.0),
            AuditRecord("goods.push", "g005", "error", "场控", t=550.0, detail={"number": 5}),
        ]
        return self

    def write_jsonl(self, path: Path) -> Path:
        path.write_text("\n".join(event_to_json(e) for e in self.events) + "\n", encoding="utf-8")
        return path

    def store(self, db_url: str) -> int:
        """Write events and audit entries through the real writer; returns the show id."""
        engine = create_db_engine(db_url)
        writer = StorageWriter(engine, ShowInfo("replay", "known show", "春季上新"))
        writer.start()
        for event in self.events:
            writer.add(event)
        for record in self.audits:
            writer.audit(record)
        assert writer.close(timeout=30)
        return writer.show_id()

    def comments(self) -> list[Comment]:
        return [e for e in self.events if isinstance(e, Comment)]

    def online_at(self, second: int) -> int:
        return 100 + second // 10


def as_json(record: AuditRecord) -> str:
    return json.dumps(record.detail, ensure_ascii=False)
