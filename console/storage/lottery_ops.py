"""Lottery writes handed to the writer thread (see console.storage.ops for how ops run).

The lottery service knows a round by its number in the show; the database row id is assigned
on the writer thread, so every op finds its row by (show, number) when it is applied. Each op
is one step of a round and is written whole in one batch transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, delete, insert, select, update

from console.storage.models import LotteryEntryRecord, LotteryRecord, LotteryWinnerRecord

_NAME_CHARS = 64
_ID_CHARS = 128


def _lottery_id(conn: Connection, show_id: int, number: int) -> int:
    stmt = select(LotteryRecord.id).where(
        LotteryRecord.show_id == show_id, LotteryRecord.number == number
    )
    return int(conn.execute(stmt).scalar_one())


def _where(show_id: int, number: int) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return (LotteryRecord.show_id == show_id, LotteryRecord.number == number)


@dataclass(frozen=True, slots=True)
class Entrant:
    """One user in a lottery: entered with a comment (its id) or a like."""

    user_id: str
    nickname: str
    t: float
    via: str  # the comment id, or "like"


@dataclass(frozen=True, slots=True)
class CreateLottery:
    number: int
    kind: str
    keyword: str
    prize: str
    winners: int
    settings: str  # JSON
    operator: str
    created_at: datetime

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(
            insert(LotteryRecord).values(
                show_id=show_id,
                number=self.number,
                kind=self.kind,
                keyword=self.keyword[:64],
                prize=self.prize[:100],
                winners=self.winners,
                settings=self.settings,
                commitment="",
                seed="",
                state="ready",
                created_at=self.created_at,
                operator=self.operator[:64],
            )
        )


@dataclass(frozen=True, slots=True)
class DeleteLottery:
    """A round that never opened (nothing was published) replaced by another one."""

    number: int

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(delete(LotteryRecord).where(*_where(show_id, self.number)))


@dataclass(frozen=True, slots=True)
class OpenLottery:
    number: int
    commitment: str
    opened_at: datetime

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(
            update(LotteryRecord)
            .where(*_where(show_id, self.number))
            .values(state="open", commitment=self.commitment, opened_at=self.opened_at)
        )


@dataclass(frozen=True, slots=True)
class CloseLottery:
    """The entrants snapshot, frozen when the round closes."""

    number: int
    closed_at: datetime
    entrants: tuple[Entrant, ...]

    def apply(self, conn: Connection, show_id: int) -> None:
        lottery_id = _lottery_id(conn, show_id, self.number)
        conn.execute(
            update(LotteryRecord)
            .where(LotteryRecord.id == lottery_id)
            .values(state="closed", closed_at=self.closed_at)
        )
        if self.entrants:
            conn.execute(
                insert(LotteryEntryRecord),
                [
                    {
                        "lottery_id": lottery_id,
                        "user_id": e.user_id[:_ID_CHARS],
                        "nickname": e.nickname[:_NAME_CHARS],
                        "t": e.t,
                        "via": e.via[:_ID_CHARS],
                        "excluded": "",
                    }
                    for e in self.entrants
                ],
            )


@dataclass(frozen=True, slots=True)
class DrawLottery:
    """The revealed seed, who the draw left out (user id -> reason) and the winners in order."""

    number: int
    seed: str  # hex
    drawn_at: datetime
    excluded: tuple[tuple[str, str], ...]
    winners: tuple[tuple[str, str], ...]  # (user_id, nickname), positions 1, 2, ...

    def apply(self, conn: Connection, show_id: int) -> None:
        lottery_id = _lottery_id(conn, show_id, self.number)
        conn.execute(
            update(LotteryRecord)
            .where(LotteryRecord.id == lottery_id)
            .values(state="drawn", seed=self.seed, drawn_at=self.drawn_at)
        )
        for user_id, reason in self.excluded:
            conn.execute(
                update(LotteryEntryRecord)
                .where(
                    LotteryEntryRecord.lottery_id == lottery_id,
                    LotteryEntryRecord.user_id == user_id,
                )
                .values(excluded=reason)
            )
        if self.winners:
            conn.execute(
                insert(LotteryWinnerRecord),
                [
                    _winner_row(lottery_id, position, user_id, nickname)
                    for position, (user_id, nickname) in enumerate(self.winners, start=1)
                ],
            )


@dataclass(frozen=True, slots=True)
class RerollLotteryWinner:
    """Winner number ``forfeited`` did not claim the prize; the next one drawn is ``position``."""

    number: int
    forfeited: int
    position: int
    user_id: str
    nickname: str

    def apply(self, conn: Connection, show_id: int) -> None:
        lottery_id = _lottery_id(conn, show_id, self.number)
        conn.execute(
            update(LotteryWinnerRecord)
            .where(
                LotteryWinnerRecord.lottery_id == lottery_id,
                LotteryWinnerRecord.position == self.forfeited,
            )
            .values(forfeited=True)
        )
        conn.execute(
            insert(LotteryWinnerRecord).values(
                **_winner_row(lottery_id, self.position, self.user_id, self.nickname)
            )
        )


def _winner_row(lottery_id: int, position: int, user_id: str, nickname: str) -> dict[str, object]:
    return {
        "lottery_id": lottery_id,
        "position": position,
        "user_id": user_id[:_ID_CHARS],
        "nickname": nickname[:_NAME_CHARS],
        "forfeited": False,
    }


@dataclass(frozen=True, slots=True)
class VoidUndrawnLotteries:
    """Rounds of a show a crash interrupted before their draw: their seed was never stored (it
    is revealed only by the draw), so they can never be drawn. They keep their numbers."""

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(
            update(LotteryRecord)
            .where(
                LotteryRecord.show_id == show_id,
                LotteryRecord.state.in_(("ready", "open", "closed")),
            )
            .values(state="void")
        )
