"""Cutting region releases (`domain.releases`): the cadence thread of the web process and the
operator's `python -m canopy_analytics release` record cuts the same way."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from canopy_analytics.adapters.releases import ReleaseLog
from canopy_analytics.domain.releases import RegionReleases, ReleasePolicy

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Releases:
    """The cuts recorded so far and the policy that turns them into released months."""

    log: ReleaseLog
    policy: ReleasePolicy
    grace: timedelta

    def current(self) -> RegionReleases:
        return RegionReleases(self.log.cuts(), self.policy)

    def cut(self, by: str) -> datetime:
        """Record a cut at this moment; returns it. A fact's ingestion time is stamped when its
        insert starts, so the cut is recorded (and read by anyone) only `grace` later, once
        every insert stamped before it is visible."""
        moment = datetime.now(UTC)
        time.sleep(self.grace.total_seconds())
        self.log.record(moment, by)
        log.info("region release cut at %s (%s)", moment.isoformat(), by)
        return moment


class ReleaseCadence:
    """Cuts a release every `policy.interval`, the first one an interval after start (so a
    store being filled at start-up, e.g. the demo seed, is not released half-written)."""

    def __init__(self, releases: Releases) -> None:
        self._releases = releases
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="region-releases", daemon=True)

    def start(self) -> ReleaseCadence:
        self._thread.start()
        return self

    def _run(self) -> None:
        interval = self._releases.policy.interval.total_seconds()
        while not self._stop.wait(interval):
            try:
                self._releases.cut("cadence")
            except Exception:  # a database hiccup skips one cut; the next one comes anyway
                log.exception("region release cut failed")

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout_s)
