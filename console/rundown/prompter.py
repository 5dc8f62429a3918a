"""The anchor's prompter: what the rundown says now (segment, talking points, time left, what
comes next), the viewer questions the team picked from the feed and a short message from the
场控. The window and the LAN page both draw ``content``; the commands change it."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

from console.events import Comment
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Plan, Scope, said
from console.rundown.service import RundownView

MAX_QUESTIONS = 4  # the newest picks; a prompter shows a few lines in huge type
MAX_MESSAGE = 60


@dataclass(frozen=True, slots=True)
class Question:
    comment_id: str
    nickname: str
    text: str


@dataclass(frozen=True, slots=True)
class PrompterContent:
    segment: str  # "" before GO and after the end
    talking_points: tuple[str, ...]
    left_s: float | None  # time left in the segment (negative: over); None when none is on
    next_segment: str
    questions: tuple[Question, ...]
    message: str
    paused: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "segment": self.segment,
            "talking_points": list(self.talking_points),
            "left_s": None if self.left_s is None else round(self.left_s),
            "next": self.next_segment,
            "questions": [{"nickname": q.nickname, "text": q.text} for q in self.questions],
            "message": self.message,
            "paused": self.paused,
        }


class Prompter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._questions: deque[Question] = deque(maxlen=MAX_QUESTIONS)
        self._message = ""

    def pick(self, comment: Comment) -> Plan:
        """Put a viewer's comment on the prompter (送到提词器)."""
        question = Question(comment.id, comment.nickname, comment.text)
        with self._lock:
            self._questions.append(question)
        done = said(
            QT_TRANSLATE_NOOP("outcomes", "On the prompter: {nickname}"), nickname=comment.nickname
        )
        return Plan(comment.id, comment.nickname, done, {"text": comment.text}, Scope.CONSOLE)

    def say(self, text: str) -> Plan:
        """The 场控's message to the anchor ("" takes it off)."""
        message = " ".join(text.split())[:MAX_MESSAGE]
        with self._lock:
            self._message = message
        if message:
            done = said(QT_TRANSLATE_NOOP("outcomes", "Message on the prompter"))
        else:
            done = said(QT_TRANSLATE_NOOP("outcomes", "Prompter message taken off"))
        return Plan("", message, done, {"text": message}, Scope.CONSOLE)

    def clear(self) -> Plan:
        """Take the questions and the message off."""
        with self._lock:
            self._questions.clear()
            self._message = ""
        done = said(QT_TRANSLATE_NOOP("outcomes", "Prompter cleared"))
        return Plan("", "", done, scope=Scope.CONSOLE)

    def content(self, view: RundownView | None) -> PrompterContent:
        with self._lock:
            questions, message = tuple(self._questions), self._message
        if view is None:
            return PrompterContent("", (), None, "", questions, message, False)
        segments = view.rundown.segments
        upcoming = view.next_index
        next_title = segments[upcoming].title if upcoming is not None else ""
        if view.current is None:
            return PrompterContent("", (), None, next_title, questions, message, view.paused)
        segment = segments[view.current]
        return PrompterContent(
            segment.title,
            segment.talking_points,
            view.timer.segment_left_s,
            next_title,
            questions,
            message,
            view.paused,
        )
