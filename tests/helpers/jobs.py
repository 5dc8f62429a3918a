"""Carrying out a service's plan the way the console does: through a real job kernel (remote
step on a worker, undo on failure, one audit entry), for tests of one service on its own."""

from __future__ import annotations

from collections.abc import Callable

from console.commands import Entry, Lane
from console.jobs import Job, JobKernel, Outcome, Plan
from console.storage.writer import StorageWriter


class PlanRunner:
    def __init__(
        self,
        writer: StorageWriter | None,
        operator: str = "场控",
        clock: Callable[[], float] = lambda: 0.0,
    ) -> None:
        self.kernel = JobKernel(writer, operator=operator)
        self._clock = clock  # show time, for the audit entry

    def __call__(self, plan: Plan, action: str, entry: Entry = Entry.BUTTON) -> Outcome:
        """Run ``plan`` as the command ``action`` and wait for its outcome."""
        job = Job(action, action, entry, Lane.PLATFORM, True, plan, self._clock())
        return self.kernel.run(self.kernel.ticket(), job).result(10)
