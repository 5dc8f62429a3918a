"""Who is who in this show: the latest nickname of every user id, and the recent comments.

Commands arrive with ids (a comment id, a user id: what the control API and rundown cues
carry); the audit log and the operator's messages name people by nickname instead. Fed by
LiveShow on the connector thread; reads are safe from any thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from console.events import Comment, Event

RECENT_COMMENTS = 20_000  # what a command can name by id without a database read


class People:
    def __init__(self, keep: int = RECENT_COMMENTS) -> None:
        self._lock = threading.Lock()
        self._nicknames: dict[str, str] = {}
        self._comments: OrderedDict[str, Comment] = OrderedDict()
        self._keep = keep

    def on_event(self, event: Event) -> None:
        if isinstance(event, Comment):
            self.remember(event)

    def remember(self, comment: Comment) -> None:
        """Know this comment (also one read back from the database, e.g. a search result)."""
        with self._lock:
            if comment.nickname:
                self._nicknames[comment.user_id] = comment.nickname
            self._comments[comment.id] = comment
            self._comments.move_to_end(comment.id)
            while len(self._comments) > self._keep:
                self._comments.popitem(last=False)

    def nickname(self, user_id: str) -> str:
        """The latest nickname seen for ``user_id``; "" when none was."""
        return self._nicknames.get(user_id, "")

    def name(self, user_id: str) -> str:
        """What to call ``user_id``: the nickname, else the id itself."""
        return self._nicknames.get(user_id) or user_id

    def comment(self, comment_id: str) -> Comment | None:
        with self._lock:
            return self._comments.get(comment_id)
