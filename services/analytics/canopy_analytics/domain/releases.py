"""Region releases: closed periods, published once (issue #19, the release model).

Region figures are never computed from the live facts. A *cut* is a moment recorded by the
release cadence or by an operator (`python -m canopy_analytics release`). A month (the weeks
whose Thursday falls in it, `domain.periods`) is released at the first cut at least the
settling delay after its last week ends, from the facts ingested by that cut; its weeks are
released with it. Later facts for a released month never change a region figure (they count
for districts, whose figures stay exact and live). So every week and month cell has exactly one
value ever, and nothing is left to difference.

The school-year cell is year-to-date: it changes once per release that adds months, by the
months added — `YTD(r) = YTD(r-1) + months released at r` — and each release is decided with
every earlier release's decisions fixed, so complementary suppression protects a hidden month
across releases (`services.decisions`). Pure: no clock, no I/O.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from canopy_analytics.domain.periods import Bucket, buckets_between

MODEL = "closed periods, published once"


@dataclass(frozen=True)
class ReleasePolicy:
    """The published parameters: cuts every `interval`, a month released once it closed
    `settling` ago."""

    interval: timedelta
    settling: timedelta

    def closes_at(self, month: Bucket) -> datetime:
        """When a month may first be released: the end of its last week plus the settling
        delay (midnight UTC)."""
        end = datetime.combine(month.end + timedelta(days=1), time(), tzinfo=UTC)
        return end + self.settling


@dataclass(frozen=True)
class YearRelease:
    """What region users see of one school year: the months released (each with the cut it
    was released at, in month order)."""

    school_year: str
    months: tuple[tuple[str, datetime], ...]  # ("month:2026-09", cut)
    policy: ReleasePolicy

    @property
    def cut_at(self) -> datetime | None:
        """The latest cut that released months of this year (None when none is released)."""
        return max((cut for _, cut in self.months), default=None)

    @property
    def label(self) -> str:
        """Names this state of the year: the last month released (`none` before any)."""
        return self.months[-1][0] if self.months else "none"

    def released(self, period: str) -> bool:
        bucket = Bucket.parse(period)
        if bucket.granularity == "school_year":
            return bucket.key == self.school_year and bool(self.months)
        month = bucket if bucket.granularity == "month" else bucket.parent
        return month is not None and month.label in dict(self.months)

    def previous(self) -> YearRelease | None:
        """The state before the latest cut added its months (None when this is the first)."""
        latest = self.cut_at
        if latest is None:
            return None
        return YearRelease(
            self.school_year, tuple(m for m in self.months if m[1] < latest), self.policy
        )

    def added(self) -> tuple[str, ...]:
        """The months the latest cut released."""
        latest = self.cut_at
        return tuple(month for month, cut in self.months if cut == latest)

    def week_ranges(self) -> tuple[tuple[date, date, datetime], ...]:
        """(first Monday, last Monday, cut) of every released month: the facts a region cube
        reads are those of these weeks ingested by the month's cut."""
        return tuple((*Bucket.parse(month).weeks, cut) for month, cut in self.months)

    def publishes_after(self, period: str) -> date:
        """The day after which an unreleased period is published (at the next cut): the end
        of its month's last week plus the settling delay. For a school year, its first
        month's."""
        bucket = Bucket.parse(period)
        if bucket.granularity == "school_year":
            bucket = buckets_between(bucket.start, bucket.start, "month")[0]
        month = bucket if bucket.granularity == "month" else bucket.parent
        assert month is not None  # a week has a month
        return self.policy.closes_at(month).date()


# An answer asks this once per cell it shows (a weekly trend: hundreds); cuts are few and
# recorded hours apart, so the few (year, cuts) states there are stay remembered.
@functools.lru_cache(maxsize=256)
def year_release(
    school_year: str, cuts: tuple[datetime, ...], policy: ReleasePolicy
) -> YearRelease:
    """The months of `school_year` the recorded `cuts` released: each at the first cut at or
    after it closed (`ReleasePolicy.closes_at`)."""
    ordered = sorted(cuts)
    year = Bucket("school_year", school_year)
    months = []
    for month in buckets_between(year.start, year.end, "month"):
        closes = policy.closes_at(month)
        cut = next((c for c in ordered if c >= closes), None)
        if cut is not None:
            months.append((month.label, cut))
    return YearRelease(school_year, tuple(months), policy)


@dataclass(frozen=True)
class RegionReleases:
    """Every cut recorded so far, with the policy that turns them into released months."""

    cuts: tuple[datetime, ...]
    policy: ReleasePolicy

    def year(self, school_year: str) -> YearRelease:
        return year_release(school_year, self.cuts, self.policy)

    @property
    def latest_cut(self) -> datetime | None:
        return max(self.cuts, default=None)


# Before any cut is recorded (or for a reader given none) a region sees nothing.
NOTHING_CUT = RegionReleases((), ReleasePolicy(timedelta(hours=1), timedelta(0)))


def release_statement(releases: RegionReleases) -> dict[str, object]:
    """How region figures are released, for every region answer and /v1/privacy-rule."""
    policy = releases.policy
    latest = releases.latest_cut
    return {
        "model": MODEL,
        "interval_s": int(policy.interval.total_seconds()),
        "settling_s": int(policy.settling.total_seconds()),
        "latest_cut": latest.isoformat() if latest else None,
        "statement": (
            "Region figures are published per closed month: a month (with its weeks) is "
            "published once, at the first release after its last week ended plus the settling "
            "delay, from the walkthroughs received by then, and never changes afterwards. "
            "The school-year figure adds each newly published month. The current period is "
            "not shown until it is published; district figures are exact and live."
        ),
    }
