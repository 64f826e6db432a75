"""Deciding each region release once, when it is cut, not in the first answer after it
(issue #17).

A region reads only releases (`domain.releases`), and a release never changes once cut, so its
decided cubes can be built ahead of any caller: this thread of the web process watches the cut
log and, on start and after each new cut, decides for every region with connected districts
and every school year it holds the walkthrough cube and each template's rating cube (the
finest ones: every other region cube is a projection of them, `services.decisions`) into the
process's memo, exactly as an answer would (`reader_for`, the same keys). Answers then look
them up. At 10M walkthroughs a release takes seconds to decide (two scans of the released
facts per cube); an answer arriving meanwhile waits for that one computation (the memo is
single-flight) instead of starting its own.
"""

from __future__ import annotations

import atexit
import gc
import logging
import threading
import time
from datetime import datetime

from canopy_analytics.adapters.clickhouse import bi_cells
from canopy_analytics.adapters.clickhouse.dimensions import DimensionReader
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.adapters.memo import LruMemo
from canopy_analytics.domain.cubes import RATINGS, WALKTHROUGHS, CubeKey
from canopy_analytics.domain.privacy.model import PrivacyRule
from canopy_analytics.domain.releases import RegionReleases
from canopy_analytics.domain.scope import region_scope
from canopy_analytics.services.reading import reader_for
from canopy_analytics.services.releases import Releases

log = logging.getLogger(__name__)


def warm_releases(
    store: ClickHouseStore, rule: PrivacyRule, memo: LruMemo, releases: RegionReleases
) -> int:
    """Decide every region's finest cubes of `releases` into `memo`; returns how many cubes
    (each a memo lookup when already decided)."""
    decided = 0
    for region_id in bi_cells.regions_with_connections(store):
        scope = region_scope(region_id, DimensionReader(store).connected_districts(region_id))
        if not scope.district_ids:
            continue
        reader = reader_for(scope, store, rule, memo, releases)
        for year in bi_cells.school_years(store, region_id, scope.district_ids):
            if not reader.cubes.year(year).months:
                continue  # nothing of this year released: nothing to decide
            keys = [CubeKey(WALKTHROUGHS, year)] + [
                CubeKey(RATINGS, year, template_id=template)
                for template in reader.templates_with_data()
            ]
            for key in keys:
                reader.decided(key.finest())
                decided += 1
    return decided


class ReleaseWarmer:
    """Checks the cut log every `interval_s` and decides what a new cut released."""

    def __init__(
        self,
        store: ClickHouseStore,
        rule: PrivacyRule,
        memo: LruMemo,
        releases: Releases,
        interval_s: float,
    ) -> None:
        self._args = (store, rule, memo)
        self._releases = releases
        self._interval_s = interval_s
        self._warmed: tuple[datetime, ...] | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="release-warmer", daemon=True)

    def start(self) -> ReleaseWarmer:
        if self._interval_s > 0:
            self._thread.start()
            # Stopped before the engine client's own exit handler closes it (atexit runs
            # handlers last-registered first), so a process that never called `stop` does not
            # log a failed decision against a closed client on its way out.
            atexit.register(self.stop)
        return self

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self.warm_new_cut()
            except Exception:  # a store hiccup: the next check tries again
                log.exception("deciding a region release ahead of its answers failed")

    def warm_new_cut(self) -> None:
        current = self._releases.current()
        if current.cuts == self._warmed:
            return
        started = time.monotonic()
        cubes = warm_releases(*self._args, current)
        self._warmed = current.cuts
        # A decided release is millions of objects that live until a later cut replaces them:
        # left to the cyclic collector, every full collection walks them all, a pause in
        # whichever answer triggers it (offline at 10M walkthroughs, one warm region answer in
        # ten took 97 ms instead of 25-35; none after freezing, #17). Frozen, they are skipped;
        # reference counting still frees them when the memo drops them.
        gc.collect()
        gc.freeze()
        log.info(
            "region release decided ahead of answers: %d cubes in %.1f s",
            cubes,
            time.monotonic() - started,
        )

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)
