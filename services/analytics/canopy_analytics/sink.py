"""Running the analytics sink: as its own process (production) or as a thread inside the single
embedded web worker (chdb allows one process per store path)."""

from __future__ import annotations

import threading

from canopy_analytics.handlers import CONSUMER_GROUP, TOPICS, build_handlers
from canopy_analytics.settings import Settings
from canopy_shared.runtime.entrypoints import run_consumer_loop


def start_sink_thread(settings: Settings) -> threading.Event:
    """Start the sink in a daemon thread; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run_consumer_loop,
        kwargs={
            "settings": settings.common,
            "group_id": CONSUMER_GROUP,
            "topics": TOPICS,
            "handlers": build_handlers(),
            "stop": stop,
        },
        name="analytics-sink",
        daemon=True,
    )
    thread.start()
    return stop
