"""The privacy rule in words and numbers, as published by GET /v1/privacy-rule and in every
export, so a reader of any figure can know what was hidden and why."""

from __future__ import annotations

from typing import Any

from canopy_analytics.domain.privacy.model import MIN_K, PrivacyRule
from canopy_analytics.domain.privacy.publication import code_share, public_reason_texts
from canopy_analytics.domain.releases import RegionReleases, release_statement

SOURCES = (
    {
        "name": "NCES Statewide Longitudinal Data Systems (SLDS) Technical Brief 3",
        "finding": "state minimum cell sizes range from 5 to 30 students; 10 is the most common",
    },
    {
        "name": "New Jersey Department of Education, educator evaluation data files",
        "finding": "groups under 10 are suppressed, with complementary suppression; "
        "100% results are suppressed",
    },
    {
        "name": "District of Columbia OSSE student privacy and data suppression policy",
        "finding": "groups under 10 are suppressed; percentages are coded as <5% and ≥90%",
    },
)


def rule_description(rule: PrivacyRule, releases: RegionReleases) -> dict[str, Any]:
    release = release_statement(releases)
    bottom = code_share(0, rule)["display"]
    top = code_share(1, rule)["display"]
    return {
        "k": rule.k,
        "minimum_k": MIN_K,
        "bottom_code": rule.bottom_code,
        "top_code": rule.top_code,
        "coded_displays": {"bottom": bottom, "top": top},
        "dominance": rule.dominance,
        "share_min_n": rule.share_min_n,
        "release": release,
        "rules": [
            f"Release model ({release['model']}): {release['statement']}",
            f"A figure is published only for a group of at least {rule.k} distinct observed "
            f"teachers (k is configurable and never below {MIN_K}).",
            "A figure where every observed teacher got the same rating (a 0% or 100% share, or "
            "one rating value throughout) is suppressed.",
            "Complementary suppression: when a cell is hidden, enough of its neighbours are "
            "hidden too (sibling schools, districts, weeks, months, subjects, and the totals "
            "above them) that it cannot be recovered by subtracting published figures from a "
            "total, and any group revealed by such a subtraction has at least "
            f"{rule.k} teachers. No hidden cell can be computed exactly by adding and "
            "subtracting published figures.",
            f"Dominance: no single teacher may contribute more than {rule.dominance:.0%} of a "
            "shown cell's ratings (walkthroughs, for counts); a dominated cell is hidden and "
            "complementary suppression follows as for any hidden cell.",
            f"Shares below {bottom[1:]} are shown as {bottom} and shares of {top[1:]} or more as "
            f"{top}; other shares are whole percents. Mean ratings have two decimals.",
            f"A share is shown only for a cell of at least {rule.share_min_n} ratings, whatever "
            "its value: with fewer, a coded band would hold a single count and state an exact "
            f"0% or 100%. Such a share reads 'n<{rule.share_min_n}'. A share's level must lie "
            "above the lowest value of the indicator's scale (a share from the lowest value is "
            "always 100%).",
            "A suppressed cell shows no number, only why: 'primary' (too few teachers), "
            "'dominance' (one teacher dominates it) or 'secondary' (hidden to protect other "
            "figures).",
        ],
        "reasons": public_reason_texts(rule),
        "sources": [dict(source) for source in SOURCES],
    }
