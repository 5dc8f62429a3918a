"""The job kernel: how every operator command is carried out, whichever door it came through.

A command's binding (console.commands.bindings) validates it and applies it to the console's
own state at once, on the caller's thread, and hands the kernel a ``Plan``: the remote step
(a platform or OBS call), how to undo the local step if that fails, and what to record. The
kernel runs the remote step on the command's lane — one worker thread per lane, so calls
reach a platform in the order they were made and a hanging OBS never delays moderation —
writes one audit entry (operator, entry point, human subject, result) and reports an
``Outcome``: done, done here only (the platform cannot), or failed with a reason.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from console.commands.spec import Entry, Lane
from console.errors import OperatorError, english, reason_of
from console.listeners import call_each
from console.log import app as log
from console.messages import Level, Message
from console.storage.models import utc_now
from console.storage.writer import AuditRecord, StorageWriter

OUTCOME_CONTEXT = "outcomes"


class Scope(StrEnum):
    PLATFORM = "platform"  # the platform (or OBS) did it: viewers see the effect
    LOCAL = "local"  # the platform cannot: only the console applies it, viewers still see it
    CONSOLE = "console"  # the console's own business (keyword rules, lotteries, reads)


def said(template: str, **fields: object) -> Message:
    """What the operator reads when a command worked (``template`` marked for translation
    with ``QT_TRANSLATE_NOOP("outcomes", ...)``)."""
    return Message(Level.INFO, template, fields, OUTCOME_CONTEXT)


@dataclass(frozen=True, slots=True)
class Plan:
    """A command validated and applied locally; what is left to do and to record."""

    target: str  # the id of what it acts on (a comment, user, goods, scene…)
    subject: str  # the same for people: a nickname, goods name, prize
    done: Message
    detail: Mapping[str, Any] = field(default_factory=dict)
    scope: Scope = Scope.PLATFORM
    remote: Callable[[], Any] | None = None  # the platform or OBS call (on the lane's worker)
    undo: Callable[[Exception], None] | None = None  # puts the local step back after a failure
    then: Callable[[Any], None] | None = None  # after the remote step worked, with its result
    data: Callable[[], Mapping[str, Any]] | None = None  # what the caller gets back, when done
    at: datetime | None = None  # the audit entry's wall time (default: when it is written)
    audit: bool = True  # False: nothing happened that the audit log should list


@dataclass(frozen=True, slots=True)
class Outcome:
    ticket: int
    command: str  # the command as it was called ("goods.push.1")
    action: str  # its audit name ("goods.push")
    entry: Entry
    target: str = ""
    subject: str = ""
    scope: Scope = Scope.CONSOLE
    error: Exception | None = None
    done: Message | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    refused: bool = False  # it never started: invalid, unavailable or unconfirmed

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def message(self) -> str:
        """English: the reason of a failure, or what was done."""
        if self.error is not None:
            return english(self.error)
        return self.done.render() if self.done is not None else ""


@dataclass(frozen=True, slots=True)
class Job:
    """One plan on its way: the command it came from and how to record it."""

    command: str
    action: str
    entry: Entry
    lane: Lane
    audited: bool
    plan: Plan
    t: float  # show time when it was asked for


class JobKernel:
    """Runs plans, audits them and reports their outcomes; thread-safe."""

    def __init__(
        self,
        writer: StorageWriter | None,
        *,
        operator: str,
    ) -> None:
        self._writer = writer
        self.operator = operator
        self._tickets = itertools.count(1)
        self._lock = threading.Lock()
        self._lanes: dict[Lane, ThreadPoolExecutor] = {}
        self._listeners: list[Callable[[Outcome], None]] = []
        self._closed = False

    def add_listener(self, callback: Callable[[Outcome], None]) -> None:
        """``callback(outcome)`` runs for every outcome, on the thread that finished it."""
        self._listeners.append(callback)

    def ticket(self) -> int:
        return next(self._tickets)

    def refuse(
        self, ticket: int, command: str, action: str, entry: Entry, error: Exception
    ) -> Future[Outcome]:
        """A command that did not pass validation: nothing happened, nothing is audited."""
        log.info("%s (%s) refused: %s", command, entry.value, _log_text(error))
        return self._finish(Outcome(ticket, command, action, entry, error=error, refused=True))

    def run(self, ticket: int, job: Job) -> Future[Outcome]:
        """Run ``job``'s remote step on its lane (at once when it has none)."""
        if job.plan.remote is None:
            return self._finish(self._complete(ticket, job, None, None))
        future: Future[Outcome] = Future()
        with self._lock:
            if self._closed:
                error = OperatorError("The console is shutting down.")
                return self._finish(
                    Outcome(ticket, job.command, job.action, job.entry, error=error)
                )
            lane = self._lanes.get(job.lane)
            if lane is None:
                lane = ThreadPoolExecutor(1, thread_name_prefix=f"jobs-{job.lane.value}")
                self._lanes[job.lane] = lane
            lane.submit(self._run_remote, ticket, job, future)
        return future

    def close(self, timeout: float = 5.0) -> None:
        """Let queued jobs finish (each waits at most for its own platform timeout)."""
        with self._lock:
            self._closed = True
            lanes = list(self._lanes.values())
        done = threading.Event()

        def shut() -> None:
            for lane in lanes:
                lane.shutdown(wait=True)
            done.set()

        threading.Thread(target=shut, name="jobs-shutdown", daemon=True).start()
        if not done.wait(timeout):
            log.warning("operator jobs still running after %.1f s; not waiting for them", timeout)

    # -- worker ----------------------------------------------------------------------------------
    def _run_remote(self, ticket: int, job: Job, future: Future[Outcome]) -> None:
        remote = job.plan.remote
        assert remote is not None
        try:
            result = remote()
        except Exception as exc:
            outcome = self._complete(ticket, job, None, exc)
        else:
            outcome = self._complete(ticket, job, result, None)
        self._finish(outcome, future)

    def _complete(self, ticket: int, job: Job, result: Any, error: Exception | None) -> Outcome:
        plan = job.plan
        data: Mapping[str, Any] = {}
        try:
            if error is not None:
                if plan.undo is not None:
                    plan.undo(error)
            else:
                if plan.then is not None:
                    plan.then(result)
                if plan.data is not None:
                    data = plan.data()
        except Exception as exc:  # a bug in a binding must not lose the audit entry
            log.exception("%s: the local follow-up failed", job.command)
            error = error or exc
        outcome = Outcome(
            ticket,
            job.command,
            job.action,
            job.entry,
            plan.target,
            plan.subject,
            plan.scope,
            error,
            plan.done,
            data,
        )
        if job.audited and job.plan.audit:
            self._audit(job, outcome)
        return outcome

    def _audit(self, job: Job, outcome: Outcome) -> None:
        plan = job.plan
        detail = dict(plan.detail)
        if outcome.error is None:
            result = "local" if outcome.scope is Scope.LOCAL else "ok"
        else:
            result = "error"
            detail["error"] = _log_text(outcome.error)  # English, for the log
            detail["reason"] = reason_of(outcome.error)  # for the audit panel, translated
            log.warning("%s %s failed: %s", job.action, plan.target, detail["error"])
        detail["scope"] = outcome.scope.value
        if self._writer is None:
            return
        record = AuditRecord(
            action=job.action,
            target=plan.target,
            result=result,
            operator=self.operator,
            t=job.t,
            detail=detail,
            at=plan.at or utc_now(),
            entry=job.entry.value,
            subject=plan.subject,
        )
        self._writer.audit(record)

    def _finish(self, outcome: Outcome, future: Future[Outcome] | None = None) -> Future[Outcome]:
        future = future or Future()
        call_each(self._listeners, outcome, what="A job outcome")
        future.set_result(outcome)
        return future


def _log_text(error: BaseException) -> str:
    return getattr(error, "log_text", None) or str(error)
