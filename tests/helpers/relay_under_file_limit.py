"""A console's relay and storage in a process that may open only a few files (tests run it).

    python relay_under_file_limit.py DB_URL TOKEN EXPECTED

Lowers RLIMIT_NOFILE to a soft 32 / hard 64 first, logs as the console does (WARNING and up on
stderr, everything in the log file under $LIVEDESK_HOME), opens the storage, then starts the
relay on a free loopback port with short connection timeouts and prints the port. Once the show has received EXPECTED
events (or after a minute) it stops the relay, closes the storage and prints one JSON line:
the soft open-file limit the relay ran with and the events stored.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from console.log import setup_logging
from console.platforms.relay import RelayConnector, RelayLimits
from console.show import LiveShow
from console.storage.database import create_db_engine
from console.storage.queries import stored_counts
from console.storage.writer import ShowInfo, StorageWriter

SOFT_LIMIT, HARD_LIMIT = 32, 64
WAIT_SECONDS = 60.0


def main(db_url: str, token: str, expected: int) -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (SOFT_LIMIT, HARD_LIMIT))
    setup_logging()
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("relay"))
    show = LiveShow(writer)
    writer.start()
    writer.show_id()  # as the console does, the relay starts once the storage is open
    limits = RelayLimits(request_timeout=0.5, idle_timeout=0.5)
    connector = RelayConnector(port=0, token=token, limits=limits)
    connector.start(show)
    print(connector.port, flush=True)
    deadline = time.monotonic() + WAIT_SECONDS
    while show.counters().received_total < expected and time.monotonic() < deadline:
        time.sleep(0.05)
    connector.stop()
    writer.close(timeout=10)
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    stored = stored_counts(engine, writer.show_id())
    print(json.dumps({"open_file_limit": soft, "stored": stored}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
