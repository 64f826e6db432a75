"""The published status rule: is a goal on the path from its baseline to its target?

The path is a straight line from the baseline (at the start date) to the target share (at the
deadline). A figure measured at some date is compared with the path at that date:

- on track: at or above the path;
- at risk: below the path by at most `AT_RISK_MARGIN` (5 percentage points);
- off track: further below.

A figure the caller may not see (suppressed) or a period without walkthroughs has no status of
its own ("suppressed", "no_data"); a benchmark still ahead is "upcoming".
"""

from __future__ import annotations

from datetime import date
from typing import Literal

Status = Literal["on_track", "at_risk", "off_track", "no_data", "suppressed", "upcoming"]
AT_RISK_MARGIN = 0.05

STATUS_RULE = (
    "The expected share follows a straight line from the baseline (the share in the latest "
    "month with walkthroughs before the start date; when there is none, the first month with "
    "walkthroughs after it) to the target share at the deadline. A figure at or above the "
    "line is on track; below it by at most 5 percentage points, at risk; further below, off "
    "track. A goal over several look-fors counts each look-for's share equally. Region users "
    "see the same small-cell-suppressed figures as in every region answer: a coded share counts "
    "as its band's bound (≥95% as 95%, <5% as 0%), and a suppressed figure has no status."
)


def expected_share(baseline: float, target: float, start: date, deadline: date, on: date) -> float:
    """The path's value on `on`: the baseline until the start, the target from the deadline."""
    span, elapsed = (deadline - start).days, (on - start).days
    if elapsed >= span:
        return target
    if elapsed <= 0:
        return baseline
    return baseline + (target - baseline) * elapsed / span


def status_of(actual: float, expected: float, margin: float = AT_RISK_MARGIN) -> Status:
    """On track, at risk or off track: `actual` against the path's `expected` value."""
    # Shares are shown to whole percents: compare in hundredths so 0.7 meets a 70% path.
    gap = round((actual - expected) * 10_000) / 10_000
    if gap >= 0:
        return "on_track"
    if gap >= -margin:
        return "at_risk"
    return "off_track"
