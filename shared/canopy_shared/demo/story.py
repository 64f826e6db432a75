"""What the demo's walkthroughs say: a pattern worth acting on, not a flat 2.75 everywhere.

A rating's position on its scale (0 = lowest level, 1 = highest) is the network's base, plus
its district's and school's level, plus its indicator's level, plus the term's growth, plus
noise. The demo story adds: districts that differ; one look-for that lags network-wide; one
look-for that turns around after mid-term in one district (a coaching push there); uneven
coverage (districts visit more or less often and leave more teachers unvisited). Everything
is drawn from a seeded random generator, so the same day gives the same network.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Turnaround:
    """A look-for that is flat and low in one district until mid-term, then climbs."""

    indicator: str
    district: str  # the district's code
    dip: float  # below its usual level before mid-term
    gain: float  # above its usual level by the end of the term

    def offset(self, indicator: str, district: str, progress: float) -> float:
        if (indicator, district) != (self.indicator, self.district):
            return 0.0
        climbed = max(0.0, progress - 0.5) * 2  # 0 until mid-term, 1 at the end
        return -self.dip + (self.dip + self.gain) * climbed


@dataclass(frozen=True)
class Story:
    base: float = 0.45
    school_spread: float = 0.2  # a school's strength (-1..1) times this
    growth: float = 0.25  # the whole network's growth from the first to the last day
    noise: float = 0.22
    district_levels: Mapping[str, float] = field(default_factory=dict)
    indicator_levels: Mapping[str, float] = field(default_factory=dict)
    turnaround: Turnaround | None = None

    def position(self, *, indicator: str, district: str, strength: float, progress: float) -> float:
        """Where a rating sits on its scale before noise, 0..1 (clamped when rated)."""
        position = (
            self.base
            + self.school_spread * strength
            + self.growth * progress
            + self.district_levels.get(district, 0.0)
            + self.indicator_levels.get(indicator, 0.0)
        )
        if self.turnaround is not None:
            position += self.turnaround.offset(indicator, district, progress)
        return position


@dataclass(frozen=True)
class Coverage:
    """How thoroughly a district's coaches visit."""

    visits_per_teacher: int = 4
    unobserved_share: float = 0.12  # teachers still waiting for their first visit


NEUTRAL = Story()  # every indicator and district alike, a gentle rise over the term

IMPROVING_LOOK_FOR = "engagement.discourse"  # "Students explain their thinking to peers"
IMPROVING_DISTRICT = "cedarhills"
LAGGING_LOOK_FOR = "cfu.questions"  # "Teacher asks higher-order questions"

DEMO_STORY = Story(
    base=0.47,
    school_spread=0.12,
    growth=0.08,
    district_levels={"bayside": 0.07, "cedarhills": 0.0, "prairieview": -0.07},
    indicator_levels={
        "engagement.on_task": 0.08,
        "environment.target": 0.04,
        "cfu.feedback": 0.0,
        IMPROVING_LOOK_FOR: -0.03,
        LAGGING_LOOK_FOR: -0.12,
    },
    turnaround=Turnaround(IMPROVING_LOOK_FOR, IMPROVING_DISTRICT, dip=0.06, gain=0.26),
)
