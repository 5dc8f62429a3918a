"""The window's side of the command registry: one QAction per command, and the runner every
menu item, shortcut and panel button goes through.

``CommandActions`` makes a QAction for each operator command a key or menu item can fire
(those whose arguments the window can supply) and for each view command (ui.view_commands);
an action knows whether a shortcut or a menu triggered it. ``CommandRunner`` runs operator
commands through the core's router: it fills in the arguments from what the operator has
selected, asks before an irreversible command (Enter confirms, Esc cancels), reports every
command's outcome — from any door, the control API included — in the status bar, and keeps
every bound action and button enabled, with the reason as tooltip when it is not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from console.commands import COMMANDS, CommandId, CommandSpec, Entry
from console.commands.router import CommandRouter
from console.jobs import Outcome, Scope
from console.messages import Level
from ui.bridge import CoreSignal, translate_message
from ui.errors import describe_error
from ui.text import arg
from ui.view_commands import VIEW_COMMANDS, ViewId

# What the window can supply as arguments: the selected comment, its author, the selected
# lottery winner. Commands needing anything else run from a panel or a dialog only.
SUPPLIED_ARGS = frozenset({"comment_id", "user_id", "position"})

Target = tuple[CommandId, dict[str, Any]]
Provider = Callable[[], Target | None]


def keyable(spec: CommandSpec) -> bool:
    """Whether a key or a menu item can fire this command."""
    return all(arg.name in SUPPLIED_ARGS or not arg.required for arg in spec.args)


def default_shortcut(command: str) -> str:
    """The key a command has until the operator binds another (id of either kind)."""
    if command in CommandId._value2member_map_:
        return COMMANDS[CommandId(command)].shortcut
    return VIEW_COMMANDS[ViewId(command)].shortcut


def command_title(command: CommandId | ViewId) -> str:
    if isinstance(command, CommandId):
        spec = COMMANDS[command]
        title = QCoreApplication.translate("commands", spec.title)
        return title.replace("%n", str(spec.number)) if spec.number is not None else title
    return QCoreApplication.translate("commands", VIEW_COMMANDS[command].title)


def shortcut_ids() -> list[CommandId | ViewId]:
    """Every command a key can be bound to, in the order the settings list them."""
    operator = [c for c, spec in COMMANDS.items() if keyable(spec)]
    return [*operator, *VIEW_COMMANDS]


class CommandAction(QAction):
    """A QAction that remembers whether its shortcut fired it (else a menu item did)."""

    def __init__(self, text: str, parent: QObject) -> None:
        super().__init__(text, parent)
        self.by_shortcut = False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            self.by_shortcut = True
            try:
                return super().event(event)
            finally:
                self.by_shortcut = False
        return super().event(event)

    @property
    def entry(self) -> Entry:
        return Entry.SHORTCUT if self.by_shortcut else Entry.MENU


class CommandActions:
    """One action per keyable command and per view command; ``shortcuts`` rebinds keys."""

    def __init__(self, parent: QWidget, shortcuts: Mapping[str, str] | None = None) -> None:
        self._actions: dict[str, CommandAction] = {}
        for command in shortcut_ids():
            action = CommandAction(command_title(command), parent)
            action.setObjectName(f"action:{command.value}")
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            parent.addAction(action)
            self._actions[command.value] = action
        self.rebind(shortcuts or {})

    def __getitem__(self, command: CommandId | ViewId) -> CommandAction:
        return self._actions[command.value]

    def items(self) -> list[tuple[str, CommandAction]]:
        return list(self._actions.items())

    def rebind(self, shortcuts: Mapping[str, str]) -> None:
        for command, action in self._actions.items():
            action.setShortcut(QKeySequence(shortcuts.get(command, default_shortcut(command))))

    def key(self, command: CommandId | ViewId) -> str:
        """The key bound to ``command`` as the operator reads it ("" for none)."""
        action = self._actions[command.value]
        return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class CommandRunner(QObject):
    """Runs operator commands for the window; emits ``reported(level, text)`` for the status
    bar. Bind actions and buttons to it; never connect a button to a service directly."""

    reported = Signal(object, str)  # console.messages.Level, operator text
    submitted = Signal(str)  # a command id, once it applied itself here (or was refused)

    def __init__(self, router: CommandRouter, actions: CommandActions, parent: QWidget) -> None:
        super().__init__(parent)
        self.router = router
        self.actions = actions
        self._parent = parent
        self._providers: dict[CommandId, Provider] = {}
        self._selections: dict[CommandId, tuple[Callable[[], bool], str]] = {}
        self._buttons: list[tuple[QAbstractButton, CommandId, str]] = []
        self._bound: set[CommandId] = set()
        self.confirmation: QMessageBox | None = None  # the question open now (tests answer it)
        router.kernel.add_listener(CoreSignal(self._on_outcome, self))
        self._sync = QTimer(self)
        self._sync.setSingleShot(True)
        self._sync.setInterval(0)
        self._sync.timeout.connect(self.refresh_availability)

    # -- running ---------------------------------------------------------------------------------
    def run(
        self,
        command: CommandId,
        args: Mapping[str, Any] | None = None,
        entry: Entry = Entry.BUTTON,
        on_done: Callable[[Outcome], None] | None = None,
    ) -> None:
        """Run ``command``; asks first when it cannot be undone. ``on_done(outcome)`` runs on
        the GUI thread once it ended (not when the operator cancels)."""
        if self.router.needs_confirmation(command, args):
            self._ask(command, args, entry, on_done)
        else:
            self._submit(command, args, entry, False, on_done)

    def trigger(self, command: CommandId, entry: Entry) -> None:
        """A key or menu item asked for ``command``: its provider supplies the arguments (and
        may stand a toggle's other half in, e.g. unban for ban)."""
        provider = self._providers.get(command)
        target = provider() if provider is not None else (command, {})
        if target is not None:
            self.run(target[0], target[1], entry)

    def provide(self, command: CommandId, provider: Provider) -> None:
        """Where ``command`` gets its arguments when a key or menu item fires it; a provider
        returns None (after telling the operator why) when there is nothing to act on."""
        self._providers[command] = provider

    def needs_selection(self, command: CommandId, selected: Callable[[], bool], why: str) -> None:
        """``command``'s action and buttons are enabled only while ``selected()`` (it acts
        on something the operator picks in a list: a winner to re-roll); ``why`` is their
        tooltip while nothing is (what to select)."""
        self._selections[command] = (selected, why)

    def _submit(
        self,
        command: CommandId,
        args: Mapping[str, Any] | None,
        entry: Entry,
        confirmed: bool,
        on_done: Callable[[Outcome], None] | None,
    ) -> None:
        future = self.router.submit(command, args, entry, confirmed=confirmed)
        if on_done is not None:
            deliver = CoreSignal(on_done, self)
            future.add_done_callback(lambda done: _deliver(deliver, done))
        self.submitted.emit(command.value)
        self.schedule_sync()

    def _ask(
        self,
        command: CommandId,
        args: Mapping[str, Any] | None,
        entry: Entry,
        on_done: Callable[[Outcome], None] | None,
    ) -> None:
        title = command_title(command)
        box = QMessageBox(self._parent)
        box.setObjectName("confirmCommand")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(arg(self.tr("“%1” cannot be undone."), title))
        box.setInformativeText(self.tr("Enter: go ahead · Esc: cancel"))
        go = box.addButton(arg(self.tr("%1 now"), title), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)
        box.setEscapeButton(cancel)
        self.confirmation = box

        def answered() -> None:
            self.confirmation = None
            if box.clickedButton() is go:
                self._submit(command, args, entry, True, on_done)
            else:
                self.reported.emit(Level.INFO, arg(self.tr("Cancelled: %1"), title))
            box.deleteLater()

        box.finished.connect(answered)
        box.open()

    def _on_outcome(self, outcome: Outcome) -> None:
        level, text = describe_outcome(outcome)
        if text:
            self.reported.emit(level, text)
        self.schedule_sync()

    def tell(self, level: Level, text: str) -> None:
        """A message for the operator that is not a command's outcome."""
        self.reported.emit(level, text)

    # -- enabled state -------------------------------------------------------------------------
    def bind_action(self, command: CommandId) -> CommandAction:
        """The command's action, fired by its key or menu item and kept enabled or not."""
        action = self.actions[command]
        if command not in self._bound:
            self._bound.add(command)
            action.triggered.connect(lambda _c=False, a=action: self.trigger(command, a.entry))
        return action

    def bind_button(
        self,
        button: QAbstractButton,
        command: CommandId,
        args: Callable[[], Mapping[str, Any] | None] | None = None,
        tip: str = "",
    ) -> None:
        """A panel button that runs ``command`` (with ``args()``, None: do nothing)."""
        self._buttons.append((button, command, tip))

        def clicked() -> None:
            given = args() if args is not None else {}
            if given is not None:
                self.run(command, given, Entry.BUTTON)

        button.clicked.connect(clicked)
        self.schedule_sync()

    def schedule_sync(self) -> None:
        """Recompute what is enabled once the GUI thread is free (many changes, one pass)."""
        self._sync.start()

    def refresh_availability(self) -> None:
        for command in self._bound:
            self._apply(self.actions[command], command, "")
        for button, command, tip in self._buttons:
            self._apply(button, command, tip)

    def _apply(self, widget: QAction | QAbstractButton, command: CommandId, tip: str) -> None:
        available = self.router.availability(command)
        selected, select_first = self._selections.get(command, (None, ""))
        unselected = selected is not None and not selected()
        widget.setEnabled(available.enabled and not unselected)
        if available.why is not None:
            widget.setToolTip(describe_error(available.why))
        elif unselected:
            widget.setToolTip(select_first)
        else:
            widget.setToolTip(tip or command_title(command))


def _deliver(signal: CoreSignal, done: Future[Outcome]) -> None:
    signal(done.result())


def describe_outcome(outcome: Outcome) -> tuple[Level, str]:
    """What the operator reads about a command that ended (in their language)."""
    if outcome.error is not None:
        reason = describe_error(outcome.error)
        if outcome.refused:
            return Level.ERROR, reason
        return Level.ERROR, arg(QCoreApplication.translate("CommandRunner", "Failed: %1"), reason)
    text = translate_message(outcome.done) if outcome.done is not None else ""
    if outcome.scope is Scope.LOCAL:
        here_only = QCoreApplication.translate(
            "CommandRunner", "%1 — here only: viewers still see it"
        )
        return Level.WARNING, arg(here_only, text)
    return Level.INFO, text
