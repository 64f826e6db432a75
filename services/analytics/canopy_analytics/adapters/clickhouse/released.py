"""What a region cube reads (issue #19): for a release, the facts of its released months
ingested by each month's cut, grouped into the weekly rollups' shape (the rollups keep no
ingestion time); for a district, the rollups themselves."""

from __future__ import annotations

from canopy_analytics.domain.cubes import RATINGS, Cube


def released_source(cube: Cube) -> str:
    """The weekly rollup, or for a release the facts it released grouped into the rollup's
    shape (the rollups keep no ingestion time)."""
    if cube.release is None:
        return "rating_weekly" if cube.measure == RATINGS else "observation_weekly"
    rated = cube.measure == RATINGS
    keys = (
        "region_id, district_id, school_id, template_id, "
        + ("indicator_key, " if rated else "")
        + "week, subject, grade_band, school_year"
        + (", value" if rated else "")
    )
    count = "ratings" if rated else "walkthroughs"
    facts = "rating_facts" if rated else "observation_facts"
    return (
        f"(SELECT {keys}, toUInt64(count()) AS {count},"
        " uniqExactState(teacher_pseudonym) AS teachers"
        f" FROM (SELECT *, toMonday(observed_on) AS week FROM {facts})"
        f" WHERE {released_filter(cube)}"
        f" GROUP BY {keys})"
    )


def released_filter(cube: Cube) -> str:
    """The facts a release holds: each released month's weeks, ingested by its cut."""
    if cube.release is None:
        return "1"
    if not cube.release:
        return "0"
    return (
        "("
        + " OR ".join(
            f"(week BETWEEN {{release_first_{i}:Date}} AND {{release_last_{i}:Date}}"
            f" AND ingested_at <= {{release_cut_{i}:DateTime64(3, 'UTC')}})"
            for i in range(len(cube.release))
        )
        + ")"
    )
