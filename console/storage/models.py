"""SQLAlchemy 2 models: a show (one broadcast) and everything recorded during it.

The schema is owned by the alembic migrations in ``console/storage/migrations``; a test
checks that these models and the migrated database never drift apart.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Timestamps stored as naive UTC (SQLite has no time zones), read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.astimezone(UTC).replace(tzinfo=None) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Show(Base):
    """One broadcast. ``ended_at`` stays empty while the show is open: across restarts of the
    console, until the operator ends it (or the platform says the room ended)."""

    __tablename__ = "shows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    connector: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(500), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    # When the console last stopped cleanly with the show left open; None while it runs, so a
    # show found open without it was interrupted (a crash, a power cut).
    stopped_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


class SourceMark(Base):
    """The highest sequence number stored per relay source of a show: a source that resends
    after a crash or a reconnect has everything up to it ignored (docs/relay.md, ``seq``)."""

    __tablename__ = "source_marks"

    show_id: Mapped[int] = mapped_column(
        ForeignKey("shows.id", ondelete="CASCADE"), primary_key=True
    )
    source: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class RundownRecord(Base):
    """The rundown (直播脚本) a show runs, as its JSON document (docs/rundown.md)."""

    __tablename__ = "rundowns"

    show_id: Mapped[int] = mapped_column(
        ForeignKey("shows.id", ondelete="CASCADE"), primary_key=True
    )
    document: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class RundownSegmentRun(Base):
    """One run of a rundown segment: when it started and ended in show time, and its start
    and duration on the rundown's clock (which a rehearsal speeds up); the end is None while
    it runs."""

    __tablename__ = "rundown_segment_runs"
    __table_args__ = (UniqueConstraint("show_id", "run"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"), index=True)
    run: Mapped[int] = mapped_column(Integer)  # 1, 2, ... within the show, in start order
    position: Mapped[int] = mapped_column(Integer)  # the segment's place in the rundown (1 = first)
    title: Mapped[str] = mapped_column(String(100))
    planned_s: Mapped[float] = mapped_column(Float)
    t: Mapped[float] = mapped_column(Float)  # show time at its start
    started_s: Mapped[float] = mapped_column(Float)  # rundown clock at its start
    duration_s: Mapped[float | None] = mapped_column(Float, default=None)
    ended_t: Mapped[float | None] = mapped_column(Float, default=None)  # show time at its end


class CommentRecord(Base):
    __tablename__ = "comments"
    __table_args__ = (UniqueConstraint("show_id", "comment_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[str] = mapped_column(String(128))
    t: Mapped[float] = mapped_column(Float)
    user_id: Mapped[str] = mapped_column(String(128), index=True)
    nickname: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    # console.verdicts.CommentState: "" visible, deleted, deleted_local, hidden_*.
    moderation: Mapped[str] = mapped_column(String(16), default="", server_default="")
    # nickname + text, normalized (console.textmatch) for case/width-insensitive search.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")


class LikeRecord(Base):
    __tablename__ = "likes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"), index=True)
    t: Mapped[float] = mapped_column(Float)
    user_id: Mapped[str] = mapped_column(String(128))
    count: Mapped[int] = mapped_column(Integer)


class ViewerSample(Base):
    __tablename__ = "viewer_samples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"), index=True)
    t: Mapped[float] = mapped_column(Float)
    online: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)


class RoomStatusRecord(Base):
    __tablename__ = "room_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"), index=True)
    t: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(32))


class AuditEntry(Base):
    """One operator action: who did what to which target, when, and how it ended."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    show_id: Mapped[int | None] = mapped_column(
        ForeignKey("shows.id", ondelete="CASCADE"), index=True, default=None
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    t: Mapped[float | None] = mapped_column(Float, default=None)
    operator: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str] = mapped_column(String(200), default="")
    result: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")
    # The door the command came through (console.commands.Entry; "" before it was recorded)
    # and what it was done to, in words: a nickname, goods name or prize rather than an id.
    entry: Mapped[str] = mapped_column(String(16), default="", server_default="")
    subject: Mapped[str] = mapped_column(String(200), default="", server_default="")


class BlockedUser(Base):
    """The persistent blocklist: these users' comments are hidden in every show."""

    __tablename__ = "blocked_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(128), unique=True)
    nickname: Mapped[str] = mapped_column(String(64), default="")
    operator: Mapped[str] = mapped_column(String(64), default="")
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class AppState(Base):
    """Small named documents the console keeps between shows (keyword rules, presets), as JSON."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class LotteryRecord(Base):
    """One lottery round of a show: its settings, the commitment published when it opened and
    the seed revealed once it was drawn (empty until then)."""

    __tablename__ = "lotteries"
    __table_args__ = (UniqueConstraint("show_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... within the show
    kind: Mapped[str] = mapped_column(String(16))  # "comment" or "like"
    keyword: Mapped[str] = mapped_column(String(64), default="")
    prize: Mapped[str] = mapped_column(String(100), default="")
    winners: Mapped[int] = mapped_column(Integer)  # how many winners the lottery gives
    settings: Mapped[str] = mapped_column(
        Text, default="{}"
    )  # console.lottery.model.LotterySettings JSON
    commitment: Mapped[str] = mapped_column(String(64), default="")
    seed: Mapped[str] = mapped_column(String(128), default="")  # hex, revealed by the draw
    state: Mapped[str] = mapped_column(String(16))  # ready, open, closed, drawn; void
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    drawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    operator: Mapped[str] = mapped_column(String(64), default="")


class LotteryEntryRecord(Base):
    """One entrant of a closed lottery (the snapshot the draw used), one row per user."""

    __tablename__ = "lottery_entries"
    __table_args__ = (UniqueConstraint("lottery_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lottery_id: Mapped[int] = mapped_column(
        ForeignKey("lotteries.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[str] = mapped_column(String(128))
    nickname: Mapped[str] = mapped_column(String(64), default="")
    t: Mapped[float] = mapped_column(Float)  # show time of the entering comment or like
    via: Mapped[str] = mapped_column(String(128))  # the comment id, or "like"
    # Why the draw left this entrant out ("" when eligible): blocked, muted, staff, past_winner.
    excluded: Mapped[str] = mapped_column(String(16), default="")


class LotteryWinnerRecord(Base):
    """Winners in draw order; a forfeited winner stays, and the re-roll gets the next position."""

    __tablename__ = "lottery_winners"
    __table_args__ = (UniqueConstraint("lottery_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lottery_id: Mapped[int] = mapped_column(
        ForeignKey("lotteries.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)  # 1-based draw order
    user_id: Mapped[str] = mapped_column(String(128))
    nickname: Mapped[str] = mapped_column(String(64), default="")
    forfeited: Mapped[bool] = mapped_column(Boolean, default=False)
