"""CommandRouter: the one way to act. Every door (menu, shortcut, button, control API, rundown
cue, another desk, the console's own timers) calls ``submit``.

``submit`` checks the arguments against the command's spec, expands a preset or a toggle into
the command(s) it stands for, refuses what cannot run now (with the reason) and an
irreversible command without confirmation, then lets each binding apply itself and hands its
plan to the job kernel. All of that runs under one lock, so commands from several doors never
interleave their local steps; nothing in it blocks.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from console.actions import Capability
from console.commands.bindings import BINDINGS, OBS_OFF, ROOM_API_MISSING, Step
from console.commands.ids import CommandId
from console.commands.spec import CommandSpec, Confirm, Entry, Need, bad_argument, parse_args
from console.commands.table import COMMANDS
from console.errors import NeedsConfirmation, OperatorError, UnknownCommand, Unsupported
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Job, JobKernel, Outcome
from console.log import app as log
from console.obs.errors import NOT_CONNECTED, NOT_RESPONDING

if TYPE_CHECKING:
    from console.session import LiveSession

_CANNOT = QT_TRANSLATE_NOOP("errors", "This platform cannot do that ({capability}).")
_CONFIRM = QT_TRANSLATE_NOOP(
    "errors", '“{command}” cannot be undone: confirm it (the control API: "confirm": true).'
)


@dataclass(frozen=True, slots=True)
class Availability:
    enabled: bool
    why: OperatorError | None = None  # why not, for a tooltip or the control API


class CommandRouter:
    def __init__(self, session: LiveSession, kernel: JobKernel) -> None:
        self._session = session
        self.kernel = kernel
        self._lock = threading.RLock()

    @staticmethod
    def spec(command: CommandId) -> CommandSpec:
        return COMMANDS[command]

    # -- what can run ----------------------------------------------------------------------------
    def availability(self, command: CommandId) -> Availability:
        spec = COMMANDS[command]
        why = self._why_not(spec, dict(spec.preset))
        return Availability(why is None, why)

    def needs_confirmation(self, command: CommandId, args: Mapping[str, Any] | None = None) -> bool:
        """Whether running ``command`` now with ``args`` asks the operator first."""
        try:
            steps = self._expand(COMMANDS[command], dict(args or {}))
        except OperatorError:
            return False  # it will be refused anyway
        return any(self._irreversible(COMMANDS[step]) for step, _args in steps)

    def _why_not(self, spec: CommandSpec, args: dict[str, Any]) -> OperatorError | None:
        session = self._session
        needs = spec.needs
        if isinstance(needs, Capability):
            if not spec.local_fallback and not session.connector.supports(needs):
                return Unsupported(_CANNOT, capability=needs.value)
        elif needs is Need.OBS:
            if session.obs is None:
                return OperatorError(OBS_OFF)
            if not session.obs.state.connected:
                return OperatorError(NOT_CONNECTED)
            if not session.obs.state.responsive:
                return OperatorError(NOT_RESPONDING)
        elif needs is Need.ROOM_API and session.room is None:
            return OperatorError(ROOM_API_MISSING)
        binding = BINDINGS[spec.family or spec.id]
        if binding.why_not is not None:
            return binding.why_not(session, args)
        return None

    def _irreversible(self, spec: CommandSpec) -> bool:
        if spec.confirm is Confirm.WHEN_RISKY:
            obs = self._session.obs
            streaming = obs is not None and obs.state.stream.running
            writer = self._session.writer  # events the failing database has not taken yet
            return streaming or (writer.last_error is not None and writer.unsaved > 0)
        return spec.confirm is Confirm.ALWAYS

    # -- running ---------------------------------------------------------------------------------
    def submit(
        self,
        command: CommandId | str,
        args: Mapping[str, Any] | None = None,
        entry: Entry = Entry.MENU,
        *,
        confirmed: bool = False,
    ) -> Future[Outcome]:
        """Run ``command``; the future's outcome says how it ended (it never raises)."""
        kernel = self.kernel
        ticket = kernel.ticket()
        name = str(command)
        try:
            spec = COMMANDS[CommandId(name)]
        except ValueError:
            error = UnknownCommand(
                QT_TRANSLATE_NOOP("errors", "There is no command {command}."), command=name
            )
            return kernel.refuse(ticket, name, name, entry, error)
        with self._lock:
            try:
                steps = self._expand(spec, dict(args or {}))
                for step, step_args in steps:
                    why = self._why_not(COMMANDS[step], step_args)
                    if why is not None:
                        raise why
                if not confirmed and any(self._irreversible(COMMANDS[s]) for s, _a in steps):
                    raise NeedsConfirmation(_CONFIRM, command=spec.id.value)
                called = spec.id if len(steps) == 1 and spec.family == steps[0][0] else None
                futures = [
                    self._start(ticket, step, step_args, entry, called or step)
                    for step, step_args in steps
                ]
            except OperatorError as exc:
                return kernel.refuse(ticket, name, spec.action.value, entry, exc)
            except Exception as exc:  # a bug in a binding: say so, keep the console running
                log.exception("%s failed before it started", name)
                return kernel.refuse(ticket, name, spec.action.value, entry, exc)
        return _last_or_failed(futures)

    def _expand(self, spec: CommandSpec, given: dict[str, Any]) -> list[Step]:
        """The commands ``spec`` runs as, with their checked arguments."""
        args = parse_args(spec, given)
        if spec.family is not None:
            spec, args = COMMANDS[spec.family], {**args, **dict(spec.preset)}
            args = parse_args(spec, args)
        binding = BINDINGS[spec.id]
        if binding.steps is None:
            return [(spec.id, args)]
        steps = binding.steps(self._session, args)
        return [(step, parse_args(COMMANDS[step], step_args)) for step, step_args in steps]

    def _start(
        self,
        ticket: int,
        command: CommandId,
        args: dict[str, Any],
        entry: Entry,
        called: CommandId,
    ) -> Future[Outcome]:
        """Apply ``command`` and hand its plan to the kernel; ``called``: what the caller
        named (a preset: "goods.push.1" for "goods.push")."""
        spec = COMMANDS[command]
        binding = BINDINGS[command]
        if binding.plan is None:
            raise bad_argument(command, "it stands for other commands only")
        plan = binding.plan(self._session, args, entry)
        job = Job(
            command=called.value,
            action=spec.action.value,
            entry=entry,
            lane=spec.lane,
            audited=spec.audited,
            plan=plan,
            t=self._session.show.clock(),
        )
        return self.kernel.run(ticket, job)

    def describe(self) -> list[dict[str, Any]]:
        """Every command with its arguments and whether it can run now (the control API)."""
        out = []
        for command, spec in COMMANDS.items():
            available = self.availability(command)
            entry = spec.describe()
            entry["enabled"] = available.enabled
            entry["why_not"] = available.why.render() if available.why is not None else None
            out.append(entry)
        return out


def _last_or_failed(futures: list[Future[Outcome]]) -> Future[Outcome]:
    """One future for the steps of a command: the first failure, else the last outcome."""
    if len(futures) == 1:
        return futures[0]
    combined: Future[Outcome] = Future()
    lock = threading.Lock()

    def collect(_done: Future[Outcome]) -> None:
        with lock:
            if combined.done() or not all(f.done() for f in futures):
                return
            outcomes = [f.result() for f in futures]
            failed = [o for o in outcomes if not o.ok]
            combined.set_result(failed[0] if failed else outcomes[-1])

    for future in futures:
        future.add_done_callback(collect)
    return combined
