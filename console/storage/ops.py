"""Small database changes handed to the writer thread besides events and audit entries.

Each op is applied inside the writer's batch transaction, after that batch's inserts, in the
order the ops were handed over. Upserts are delete-then-insert so they work on every backend.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection, delete, insert, update

from console.storage.models import AppState, BlockedUser, CommentRecord, utc_now


class DbOp(Protocol):
    def apply(self, conn: Connection, show_id: int) -> None: ...


@dataclass(frozen=True, slots=True)
class SetCommentState:
    comment_id: str
    state: str

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(
            update(CommentRecord)
            .where(CommentRecord.show_id == show_id, CommentRecord.comment_id == self.comment_id)
            .values(moderation=self.state)
        )


@dataclass(frozen=True, slots=True)
class AddBlockedUser:
    user_id: str
    nickname: str
    operator: str

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(delete(BlockedUser).where(BlockedUser.user_id == self.user_id))
        conn.execute(
            insert(BlockedUser).values(
                user_id=self.user_id,
                nickname=self.nickname[:64],
                operator=self.operator[:64],
                added_at=utc_now(),
            )
        )


@dataclass(frozen=True, slots=True)
class RemoveBlockedUser:
    user_id: str

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(delete(BlockedUser).where(BlockedUser.user_id == self.user_id))


@dataclass(frozen=True, slots=True)
class SaveAppState:
    key: str
    value: str

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(delete(AppState).where(AppState.key == self.key))
        conn.execute(insert(AppState).values(key=self.key, value=self.value, updated_at=utc_now()))
