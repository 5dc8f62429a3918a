"""The rundown in the show's database: its document and one row per segment run (the
review's plan against reality). Ops go through the storage writer's batches."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, Engine, delete, insert, select, update

from console.storage.models import RundownRecord, RundownSegmentRun, utc_now


@dataclass(frozen=True, slots=True)
class SaveRundown:
    document: str  # console.rundown.document.dumps

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(delete(RundownRecord).where(RundownRecord.show_id == show_id))
        conn.execute(
            insert(RundownRecord).values(
                show_id=show_id, document=self.document, updated_at=utc_now()
            )
        )


@dataclass(frozen=True, slots=True)
class SegmentStarted:
    run: int
    position: int  # 1 = the first segment
    title: str
    planned_s: float
    t: float
    started_s: float

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(delete(RundownSegmentRun).where(*_run(show_id, self.run)))
        conn.execute(
            insert(RundownSegmentRun).values(
                show_id=show_id,
                run=self.run,
                position=self.position,
                title=self.title[:100],
                planned_s=self.planned_s,
                t=self.t,
                started_s=self.started_s,
            )
        )


@dataclass(frozen=True, slots=True)
class SegmentEnded:
    run: int
    duration_s: float
    t: float

    def apply(self, conn: Connection, show_id: int) -> None:
        conn.execute(
            update(RundownSegmentRun)
            .where(*_run(show_id, self.run))
            .values(duration_s=self.duration_s, ended_t=self.t)
        )


def _run(show_id: int, run: int) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return RundownSegmentRun.show_id == show_id, RundownSegmentRun.run == run


def stored_rundown(engine: Engine, show_id: int) -> str | None:
    """The document of the rundown the show ran, if any."""
    with engine.connect() as conn:
        stmt = select(RundownRecord.document).where(RundownRecord.show_id == show_id)
        return conn.execute(stmt).scalar_one_or_none()


def segment_runs(engine: Engine, show_id: int) -> list[RundownSegmentRun]:
    """The show's segment runs in the order they went on air."""
    with engine.connect() as conn:
        stmt = (
            select(RundownSegmentRun)
            .where(RundownSegmentRun.show_id == show_id)
            .order_by(RundownSegmentRun.run)
        )
        return [RundownSegmentRun(**row._mapping) for row in conn.execute(stmt)]
