"""The background export worker: one thread in the analytics process runs jobs one at a time.

One thread, because the embedded ClickHouse engine allows one process per store and its client
serialises calls anyway; the worker shares the web app's store. Jobs a stopped process left
unfinished are run again at start-up (their rows say so).
"""

from __future__ import annotations

import logging
import queue
import threading

from sqlalchemy.exc import SQLAlchemyError

from canopy_analytics.exports.jobs import JobRepository
from canopy_analytics.exports.runner import ExportRunner

log = logging.getLogger(__name__)


class ExportWorker:
    def __init__(self, runner: ExportRunner, jobs: JobRepository) -> None:
        self._runner = runner
        self._jobs = jobs
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._loop, name="analytics-exports", daemon=True)

    def start(self) -> ExportWorker:
        try:
            for export_id in self._jobs.unfinished():
                self.submit(export_id)
        except SQLAlchemyError:
            log.warning("export tables missing: run `python -m canopy_analytics migrate`")
        self._thread.start()
        return self

    def submit(self, export_id: str) -> None:
        self._idle.clear()
        self._queue.put(export_id)

    def wait_idle(self, timeout_s: float = 60.0) -> bool:
        """For tests and shutdown: True when every submitted job has finished."""
        return self._idle.wait(timeout_s)

    def stop(self, timeout_s: float = 30.0) -> None:
        self._queue.put(None)
        self._thread.join(timeout_s)

    def _loop(self) -> None:
        while True:
            export_id = self._queue.get()
            if export_id is None:
                return
            try:
                self._runner.run(export_id)
            except Exception:  # the runner records failures; never let the thread die
                log.exception("export worker: job %s", export_id)
            finally:
                if self._queue.empty():
                    self._idle.set()
