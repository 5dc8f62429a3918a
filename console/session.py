"""LiveSession: one running show — its connector, LiveShow, storage writer, the operator's
services (moderation, goods, lotteries, the WeChat room, OBS) and the one way to command them
(``commands``, console.commands.router) — wired together in the core, with or without a window."""

from __future__ import annotations

import getpass
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from console.commands.ids import CommandId
from console.commands.router import CommandRouter
from console.commands.spec import Entry
from console.continuation import ShowSoFar, load_show_so_far
from console.control_api.access import control_token
from console.control_api.server import CANNOT_LISTEN, NEW_TOKEN, TOKEN_NEEDED, ControlServer
from console.errors import OperatorError
from console.events import Event, RoomStatus
from console.goods_service import GoodsService
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import JobKernel
from console.listeners import call_each
from console.log import app as log
from console.lottery.service import LotteryService
from console.messages import MessageBus
from console.moderation import ModerationService
from console.obs.incidents import IncidentReporter
from console.obs.link import ObsLink
from console.obs.service import ObsService
from console.people import People
from console.platforms.base import Connector
from console.platforms.wechat import WeChatConnector
from console.roles import Role
from console.room import RoomService
from console.rundown.prompter import Prompter
from console.rundown.prompter_server import PrompterServer
from console.rundown.service import RundownService
from console.show import LiveShow
from console.storage.database import create_db_engine, display_url
from console.storage.faults import FaultKind, StorageFault, classify
from console.storage.queries import stored_counts
from console.storage.writer import AuditRecord, ResumedShow, ShowInfo, StorageWriter
from console.ticker import Ticker
from console.timefmt import show_clock


class LiveSession:
    """Starts and stops the pieces of a show in the right order. No Qt, no blocking I/O in start."""

    def __init__(
        self,
        connector: Connector,
        db_url: str,
        *,
        title: str = "",
        operator: str | None = None,
        role: Role = Role.CONTROLLER,
        messages: MessageBus | None = None,
    ) -> None:
        self.connector = connector
        self.title = title
        self.operator = operator or default_operator()
        self.role = role
        self.messages = messages or MessageBus()
        self.engine = create_db_engine(db_url)
        self.writer: StorageWriter = StorageWriter(
            self.engine,
            ShowInfo(connector.name, connector.describe(), title, resumable=connector.resumable),
            on_fault=self._storage_failed,
        )
        self.show: LiveShow = LiveShow(self.writer)
        self.people: People = People()
        self.show.add_listener(self.people.on_event)
        self.moderation: ModerationService = ModerationService(
            connector, self.writer, operator=self.operator, clock=self.show.clock
        )
        self.show.classify = self.moderation.classify
        self.goods: GoodsService = GoodsService(connector, clock=self.show.clock)
        self.lottery: LotteryService = LotteryService(
            connector,
            self.writer,
            self.moderation,
            self.people,
            operator=self.operator,
            engine=self.engine,
        )
        self.show.add_listener(self.lottery.on_event)
        self.room: RoomService | None = (
            RoomService(connector.client, connector.room_id)
            if isinstance(connector, WeChatConnector)
            else None
        )
        self.obs: ObsService | None = None  # connect_obs
        self.kernel: JobKernel = JobKernel(self.writer, operator=self.operator)
        self.commands: CommandRouter = CommandRouter(self, self.kernel)
        self.ticker = Ticker()
        self.ticker.add(self._run_due_lottery_steps)
        self.rundown: RundownService = RundownService(
            self.commands.submit, self.writer.execute, self.show.clock
        )
        self.ticker.add(self.rundown.tick)
        self.prompter: Prompter = Prompter()
        self.prompter_server: PrompterServer | None = None  # serve_prompter
        self._reads = ThreadPoolExecutor(1, thread_name_prefix="room-reads")
        if self.room is not None:
            self.ticker.add(self._poll_rooms)
        self.control: ControlServer | None = None  # serve_control_api
        self.ready = threading.Event()  # the database is open and the source started
        self._quit_listeners: list[Callable[[], None]] = []
        self.show_ended = False
        self.new_show_wanted = False  # the operator ended the show to start the next one
        self.room_ended = False  # the platform reported the room ended
        # What a show continued after a restart held, set before the source starts (the
        # window takes it to draw the show's history before any new event).
        self.so_far: ShowSoFar | None = None
        self.show.add_listener(self._follow_room)
        # Every audit entry, for the UI to drain (dashboard markers); bounded like the feed.
        self.audits: deque[AuditRecord] = deque(maxlen=10_000)
        self.writer.add_audit_listener(self.audits.append)
        self.started_at: float | None = None
        self.stopped = False
        self._lifecycle = threading.Lock()
        self._stop_done = threading.Event()
        self._saved = False  # what stop found (a second stop returns it)
        # Why not everything received was stored, for the summary (None: all of it was).
        self.storage_error: str | None = None
        self.storage_unusable: StorageFault | None = None  # the database did not open
        self._storage_listeners: list[Callable[[StorageFault], None]] = []

    def connect_obs(self, host: str, port: int, password: str | None = None) -> ObsService:
        """Control the OBS at ``host:port`` (connects in the background, for ever; without a
        ``password`` the keyring's for that address is used, if any)."""
        link = ObsLink(host, port, password)
        link.add_incident_listener(
            IncidentReporter(self.messages, self.writer.audit, self.operator, self.show.clock)
        )
        self.obs = ObsService(link)
        link.start(read_keyring=password is None)
        return self.obs

    def serve_control_api(
        self, host: str, port: int, token: str | None = None
    ) -> ControlServer | None:
        """Serve the control API on ``host:port`` (docs/control-api.md); None when it cannot,
        and the operator is told why. ``token``: the one to require (default: none on
        loopback, the keyring's beyond)."""
        chosen = control_token(host, token)
        if chosen is None:
            log.error("control API not started: %s needs a token and none can be kept", host)
            self.messages.warning(TOKEN_NEEDED, host=host)
            return None
        server = ControlServer(self, host, port, chosen.token)
        try:
            server.start()
        except OSError as exc:
            detail = exc.strerror or str(exc)
            log.error("control API cannot listen on %s:%s: %s", host, port, detail)
            self.messages.error(CANNOT_LISTEN, address=f"{host}:{port}", detail=detail)
            return None
        if chosen.new:
            self.messages.warning(NEW_TOKEN, url=server.url, token=chosen.token)
        self.control = server
        return server

    def start(self) -> None:
        """Open the database on the writer thread; the source starts once it is ready (so the
        blocklist and keyword rules apply from the first comment)."""
        self.started_at = time.monotonic()
        self.writer.start(on_ready=self._storage_ready)
        self.ticker.start()
        log.info("session starting: %s", self.connector.describe())

    def add_quit_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs (on any thread) when a command asks the console to quit."""
        self._quit_listeners.append(callback)

    def request_quit(self) -> None:
        call_each(self._quit_listeners, what="A quit")

    def end_show(self, *, start_new: bool = False) -> None:
        """The operator ended the show: it is closed for good when the console stops;
        ``start_new``: the console starts again with a new show (the window relaunches it)."""
        self.show_ended = True
        self.new_show_wanted = start_new
        log.info("the operator ended the show%s", " to start a new one" if start_new else "")
        self.request_quit()

    def _run_due_lottery_steps(self) -> None:
        for command in self.lottery.due():
            self.commands.submit(command, {}, Entry.AUTO)

    def _poll_rooms(self) -> None:
        room = self.room
        if room is not None and room.poll_due():
            self._reads.submit(room.read_rooms)

    def _storage_ready(self, engine: Engine | None) -> None:
        if engine is None:
            self._storage_unusable()
            return
        self.lottery.load()
        self.moderation.load(engine)
        resumed = self.writer.resumed
        if resumed is not None:
            self.rundown.resume(engine, resumed.show_id)
            offset = resumed.last_t if self.connector.restarts_clock else 0.0
            self.show.resume(resumed.comment_ids, offset, resumed.received, resumed.marks)
            self.so_far = load_show_so_far(engine, resumed, self.moderation, self.goods)
            self._say_continued(resumed)
        with self._lifecycle:
            if self.stopped:
                return
            try:
                self.connector.start(self.show)
            except OperatorError as exc:  # e.g. the relay port is taken
                self.connector.error = exc.log_text
                log.error("connector %s did not start: %s", self.connector.name, exc.log_text)
                self.messages.report(exc)
        if self.goods.supports_goods:
            self.commands.submit(CommandId.GOODS_REFRESH, {}, Entry.AUTO)
        self.ready.set()

    def _storage_unusable(self) -> None:
        """The database cannot be opened: the show cannot be recorded. The source is not
        started (what it would send could not be stored: a relay source keeps it and sends it
        to a console that can); OBS and the room controls keep working."""
        fault = self.writer.fault or StorageFault(FaultKind.OTHER, "unknown")
        with self._lifecycle:
            self.storage_unusable = fault
        self.lottery.unrecorded()
        log.error("the show is not recorded and its source not started: %s", fault.summary)
        call_each(self._storage_listeners, fault, what="A storage")

    def add_storage_unusable_listener(self, callback: Callable[[StorageFault], None]) -> None:
        """``callback(fault)`` runs (on the writer thread) if the database cannot be opened;
        at once when that happened already."""
        with self._lifecycle:
            fault = self.storage_unusable
            self._storage_listeners.append(callback)
        if fault is not None:
            callback(fault)

    def _say_continued(self, resumed: ResumedShow) -> None:
        started = resumed.started_at.astimezone().strftime("%m-%d %H:%M")
        if resumed.clean:
            self.messages.info(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Show #{show} continues (started {started}, {clock} so far). End it with "
                    "Show → End this show.",
                ),
                show=resumed.show_id,
                started=started,
                clock=show_clock(resumed.last_t),
            )
        else:
            self.messages.warning(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Show #{show} did not end properly last time (a crash?): it continues "
                    "from {clock}, nothing stored is lost.",
                ),
                show=resumed.show_id,
                clock=show_clock(resumed.last_t),
            )

    @property
    def show_ends_at_stop(self) -> bool:
        """Whether stopping the console ends the show: the operator ended it, the platform
        said the room ended, or every run of this source is a show of its own (a replay)."""
        return self.show_ended or self.room_ended or not self.connector.resumable

    def _follow_room(self, event: Event) -> None:
        if isinstance(event, RoomStatus):
            self.room_ended = event.status == "ended"

    def stop(self, timeout: float = 15.0) -> bool:
        """Stop the source, then commit everything received; True when all of it is stored
        (``storage_error`` says why not). A second call waits for the first and returns what
        it found."""
        with self._lifecycle:
            first = not self.stopped
            self.stopped = True
        if not first:
            self._stop_done.wait()
            return self._saved
        try:
            self._saved = self._stop(timeout)
        finally:
            self._stop_done.set()
        return self._saved

    def _stop(self, timeout: float) -> bool:
        if self.control is not None:
            self.control.stop()
        if self.prompter_server is not None:
            self.prompter_server.stop()
        self.ticker.stop()
        self.rundown.stop()
        self._reads.shutdown(wait=False, cancel_futures=True)
        if self.obs is not None:
            self.obs.link.shutdown()
        self.kernel.close()
        self.connector.stop()
        writer = self.writer
        saved = writer.close(timeout, end_show=self.show_ends_at_stop)
        if not saved:
            why = writer.last_error or f"still saving after {timeout:g} s"
            left = writer.unsaved
            self.storage_error = f"{left} items not stored: {why}" if left else why
            log.error("session stopped before everything was stored: %s", self.storage_error)
        log.info("session stopped")
        return saved

    def summary(self) -> dict[str, Any]:
        """What was received, stored and rejected (reads the database: call after ``stop``).
        ``storage_error`` is None only when everything received is stored; it names the
        fault's kind and type, never SQL or viewers' data."""
        counters = self.show.counters()
        show_id = self.writer.current_show_id
        return {
            "connector": self.connector.name,
            "show_id": show_id,
            "received": {kind: counters.received.get(kind, 0) for kind in _KINDS},
            "stored": self._stored(show_id),
            "duplicates": counters.duplicates,
            "rejected": {"total": counters.rejected_total, "by_reason": counters.rejected},
            "source_finished": self.connector.finished,
            "source_error": self.connector.error,
            "storage_error": self.storage_error or self.writer.last_error,
            "db": display_url(self.engine),
        }

    def _stored(self, show_id: int | None) -> dict[str, int] | None:
        """Events stored per kind; None when the database cannot say."""
        if show_id is None:
            return dict.fromkeys(_KINDS, 0)
        try:
            return stored_counts(self.engine, show_id)
        except SQLAlchemyError as exc:
            log.error("cannot count what is stored: %s", classify(exc).summary)
            return None

    def _storage_failed(self, fault: StorageFault | None) -> None:
        """The writer's fault changed (None: writes work again). Says what went wrong in the
        operator's words; the status bar shows when the writer retries."""
        if self.writer.current_show_id is None:
            return  # the database did not open: _storage_ready tells
        if fault is None:
            self.messages.info(
                QT_TRANSLATE_NOOP(
                    "messages", "The database takes writes again; what waited is being saved."
                )
            )
        else:
            self.messages.error(fault.operator_text)


_KINDS = ("comment", "like", "viewers", "room")


def default_operator() -> str:
    """The name written into audit entries when none is configured: the OS login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "operator"
