"""`python -m canopy_shared.runtime.broker_process`: the embedded broker as a supervised process.

Starts Tansu on CANOPY_HOST:CANOPY_BROKER_PORT, creates the registry's topics, then announces a
fresh broker epoch (its log is memory-only, so every start begins an empty log: relays re-drive
what the last one lost, see messaging/broker_epoch.py), then lives as long as Tansu does.
When Tansu dies this process exits with its code, and the supervisor starts both again; SIGTERM
stops Tansu first.
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from types import FrameType

from canopy_shared.messaging.broker_epoch import announce_epoch, new_epoch
from canopy_shared.messaging.topics_admin import ensure_topics
from canopy_shared.runtime.broker import start_broker, stop_process
from canopy_shared.settings import env_int, env_str

log = logging.getLogger("canopy.broker")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    host = env_str("CANOPY_HOST", "127.0.0.1")
    port = env_int("CANOPY_BROKER_PORT", 9092)
    epoch = new_epoch()  # before Tansu starts: everything published earlier is gone
    broker = start_broker(host, port, log_path=Path("/dev/stdout"), die_with_parent=True)
    stopping = False

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        # Memory storage has nothing to flush, and Tansu waits for idle clients on SIGTERM.
        broker.kill()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    bootstrap = f"{host}:{port}"
    try:
        ensure_topics(bootstrap)
        announce_epoch(bootstrap, epoch)  # last: relays publish once they see it
    except Exception:
        log.exception("broker started but its topics could not be created")
        stop_process(broker)
        sys.exit(1)
    log.info("broker on %s, epoch %s (its log starts empty)", bootstrap, epoch.id)
    code = broker.wait()
    if not stopping:
        log.error("the broker (Tansu) exited with code %s", code)
        sys.exit(code or 1)


if __name__ == "__main__":
    main()
