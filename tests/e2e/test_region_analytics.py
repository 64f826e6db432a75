"""Issue 6's acceptance, end to end: a seeded network's walkthroughs go in through intake and
come out of the region API as trends, heat maps, distributions and coverage that match figures
computed here from what was submitted; small schools stay hidden and unrecoverable; teacher-level
questions get nothing about a teacher; a replay from intake changes no figure; other regions,
disconnected districts and other districts' users are refused."""

from __future__ import annotations

import math
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from kafka import KafkaAdminClient, TopicPartition

from canopy_shared.contracts.topics import ALL_TOPICS
from canopy_shared.contracts.vocabulary import grade_band
from canopy_shared.demo.__main__ import cli_bootstrapper, services_of
from canopy_shared.demo.activity import push_region_rubric, submit_semester
from canopy_shared.demo.client import Api
from canopy_shared.demo.network import Network, NetworkBuilder, Services
from canopy_shared.demo.plan import DEMO
from canopy_shared.testing.system import RunningSystem, running_system, system_environment

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

K = 10  # the default privacy rule (GET /v1/privacy-rule says so; checked below)
# The demo's 3 districts / 30 schools / 370 teachers (a few schools under k), six visits each.
PLAN = replace(DEMO, region_name="E2E Region", visits_per_teacher=6, email_domain="e2e.test")
SCALE = (1, 2, 3, 4)
LEVEL = 3  # the API's default level for a 1-4 scale: the upper half


# --- the world: one running system, one seeded network --------------------------------------


@dataclass(frozen=True)
class Fact:
    """A submitted walkthrough as the region may know it: local day, grade band, no notes."""

    district_id: str
    school_id: str
    teacher_id: str
    day: date
    subject: str
    grade_band: str
    ratings: dict[str, int]

    def period(self, granularity: str) -> str:
        week = self.day - timedelta(days=self.day.weekday())
        thursday = week + timedelta(days=3)  # a week belongs to its Thursday's month
        if granularity == "week":
            return f"week:{week.isoformat()}"
        if granularity == "month":
            return f"month:{thursday:%Y-%m}"
        start = thursday.year if thursday.month >= 7 else thursday.year - 1
        return f"school_year:{start}-{start + 1}"


@dataclass
class World:
    system: RunningSystem
    services: Services
    network: Network
    builder: NetworkBuilder
    template_id: str
    indicators: list[str]
    facts: list[Fact]
    bodies: list[dict[str, Any]]

    @property
    def leader(self) -> Api:
        # Deciding a fine cube (weeks x subject x grade band) for the first time takes tens of
        # seconds on a shared machine; later answers come from the decided-cube cache.
        api = self.services.analytics.as_user(self.network.region_leader.token)
        return replace(api, timeout_s=300)

    def teachers(self, school_id: str) -> int:
        return len({f.teacher_id for f in self.facts if f.school_id == school_id})

    @property
    def schools(self) -> list[Any]:
        return [s for d in self.network.districts for s in d.schools]


def _facts(network: Network, bodies: list[dict[str, Any]]) -> list[Fact]:
    district_of = {s.id: d.id for d in network.districts for s in d.schools}
    return [
        Fact(
            district_of[b["school_id"]],
            b["school_id"],
            b["teacher_id"],
            datetime.fromisoformat(b["observed_at"]).date(),  # the school's local day
            b["subject"],
            grade_band(b["grade_level"]),
            {r["indicator_key"]: r["value"] for r in b["ratings"]},
        )
        for b in bodies
    ]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    var = Path(tmp_path_factory.mktemp("region-e2e")) / "var"
    with running_system(var, env=system_environment(var, demo=False)) as system:
        password = "e2e-" + secrets.token_urlsafe(12)
        services = services_of(system.config)
        builder = NetworkBuilder(
            services, cli_bootstrapper(system.config, password), password=password
        )
        network = builder.build(PLAN)
        version = push_region_rubric(services, network)
        bodies = submit_semester(services, network, version, PLAN, date.today())
        indicators = [i["key"] for s in version["sections"] for i in s["indicators"]]
        facts = _facts(network, bodies)
        world = World(
            system, services, network, builder, version["template_id"], indicators, facts, bodies
        )
        wait_until(lambda: _ingested(world) == len(bodies), what="analytics ingests everything")
        yield world


def _ingested(world: World) -> int:
    totals = world.leader.get("/v1/summary")["totals"]["teachers_observed"]
    return int(totals.get("walkthroughs", 0))


def wait_until(check: Callable[[], bool], *, what: str, timeout_s: float = 180.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not after {timeout_s}s")
        time.sleep(1.0)


# --- figures computed here from the submitted walkthroughs ----------------------------------


def select(facts: Iterable[Fact], org: str, **where: str | None) -> list[Fact]:
    tier, _, org_id = org.partition(":")
    chosen = []
    for fact in facts:
        if tier == "district" and fact.district_id != org_id:
            continue
        if tier == "school" and fact.school_id != org_id:
            continue
        if any(
            value is not None
            and (fact.period(value.partition(":")[0]) if key == "period" else getattr(fact, key))
            != value
            for key, value in where.items()
        ):
            continue
        chosen.append(fact)
    return chosen


def coded(part: int, whole: int) -> dict[str, Any]:
    """A share as the region tier publishes it: whole percents, <5 % and >=95 % coded."""
    exact = Fraction(part, whole)
    if exact < Fraction(1, 20):
        return {"value": None, "display": "<5%", "coded": "bottom"}
    if exact >= Fraction(19, 20):
        return {"value": None, "display": "≥95%", "coded": "top"}
    shown = min(max(math.floor(exact * 100 + Fraction(1, 2)), 5), 94)
    return {"value": shown / 100, "display": f"{shown}%", "coded": None}


def mean(values: list[int]) -> float:
    return math.floor(Fraction(sum(values) * 100, len(values)) + Fraction(1, 2)) / 100


def unsafe(facts: list[Fact]) -> bool:
    """Cells the rule must hide: under k teachers, or an indicator whose ratings are all alike."""
    if len({f.teacher_id for f in facts}) < K:
        return True
    return any(len({f.ratings[i] for f in facts}) == 1 for i in facts[0].ratings)


LABELS = {"indicator", "text", "section", "level", "period", "start", "end", "org", "name"}


def figures(cell: dict[str, Any]) -> dict[str, Any]:
    """A cell without the labels that name it."""
    return {k: v for k, v in cell.items() if k not in LABELS}


@dataclass
class Audit:
    """Every cell checked, by outcome; published cells are the proof the rule isn't blanket."""

    published: int = 0
    primary: int = 0
    secondary: list[str] = field(default_factory=list)

    def check_suppressed(self, cell: dict[str, Any], facts: list[Fact], where: str) -> None:
        assert set(figures(cell)) == {"suppressed", "reasons"}, f"{where}: shows a figure: {cell}"
        teachers = len({f.teacher_id for f in facts})
        if teachers < K:
            assert cell["reasons"] == ["primary"], where
            self.primary += 1
        else:
            assert cell["reasons"] == ["secondary"], where
            self.secondary.append(where)

    def rating(
        self, cell: dict[str, Any], facts: list[Fact], indicator: str, where: str, level: int
    ) -> None:
        values = [f.ratings[indicator] for f in facts]
        if not values:
            assert cell.get("n") == 0 and cell["suppressed"] is False, where
            return
        teachers = len({f.teacher_id for f in facts})
        if unsafe(facts) or cell["suppressed"]:
            assert cell["suppressed"], f"{where}: an unsafe cell ({teachers} teachers) is shown"
            return self.check_suppressed(cell, facts, where)
        self.published += 1
        assert (cell["n"], cell["teachers"]) == (len(values), teachers), where
        assert cell["mean_rating"] == mean(values), where
        assert cell["share"] == coded(sum(v >= level for v in values), len(values)), where

    def levels(self, cell: dict[str, Any], facts: list[Fact], indicator: str, where: str) -> None:
        values = Counter(f.ratings[indicator] for f in facts)
        if unsafe(facts) or cell["suppressed"]:
            assert cell["suppressed"], where
            return self.check_suppressed(cell, facts, where)
        self.published += 1
        n = sum(values.values())
        assert (cell["n"], cell["teachers"]) == (n, len({f.teacher_id for f in facts})), where
        assert [lv["value"] for lv in cell["levels"]] == list(SCALE), where
        for level in cell["levels"]:
            assert set(level) == {"value", "label", "share"}, f"{where}: counts are shown"
            assert level["share"] == coded(values[level["value"]], n), (where, level)

    def count(self, cell: dict[str, Any], facts: list[Fact], where: str) -> None:
        teachers = len({f.teacher_id for f in facts})
        if not facts:
            assert figures(cell) == {"suppressed": False, "walkthroughs": 0, "teachers_observed": 0}
            return
        if teachers < K or cell["suppressed"]:
            assert cell["suppressed"], where
            return self.check_suppressed(cell, facts, where)
        self.published += 1
        expected = {"suppressed": False, "walkthroughs": len(facts), "teachers_observed": teachers}
        assert figures(cell) == expected, where


# --- the region's answers -------------------------------------------------------------------


def check_trends(world: World, audit: Audit, api: Api, **params: Any) -> dict[str, Any]:
    answer = api.get("/v1/trends", template_id=world.template_id, **params)
    org = answer["org"]
    where = {k: params.get(k) for k in ("subject", "grade_band")}
    for series in answer["series"]:
        assert series["level"] == params.get("level", LEVEL)
        for point in series["points"]:
            facts = select(world.facts, org, period=point["period"], **where)
            label = f"trends {params} {series['indicator']} {point['period']}"
            audit.rating(point, facts, series["indicator"], label, series["level"])
    return answer


def check_heatmap(world: World, audit: Audit, **params: Any) -> dict[str, Any]:
    answer = world.leader.get("/v1/heatmap", template_id=world.template_id, **params)
    breakdown = {k: params.get(k) for k in ("subject", "grade_band")}
    for row in answer["rows"]:
        facts = select(world.facts, row["org"], period=answer["period"], **breakdown)
        for cell in row["cells"]:
            label = f"heatmap {params} {row['org']} {cell['indicator']}"
            audit.rating(cell, facts, cell["indicator"], label, params.get("level", LEVEL))
    return answer


def test_privacy_rule_is_published_with_the_default_k(world: World) -> None:
    rule = world.services.analytics.get("/v1/privacy-rule")
    assert rule["k"] == K


def test_trends_match_figures_computed_from_the_submitted_walkthroughs(world: World) -> None:
    audit = Audit()
    first = check_trends(world, audit, world.leader, granularity="month")
    assert first["suppression"]["applied"] is True and first["suppression"]["k"] == K
    check_trends(world, audit, world.leader, granularity="week", level=2)
    check_trends(world, audit, world.leader, granularity="school_year", level=4)
    for district in world.network.districts:
        check_trends(world, audit, world.leader, granularity="month", district_id=district.id)
    check_trends(world, audit, world.leader, granularity="month", subject="math")
    check_trends(world, audit, world.leader, granularity="month", grade_band="6-8")
    first_district = world.network.districts[0].id
    check_trends(
        world, audit, world.leader, district_id=first_district, subject="ela", grade_band="3-5"
    )
    for school in world.schools:
        check_trends(world, audit, world.leader, granularity="month", school_id=school.id)
    # Region-wide months and every district's months cover hundreds of teachers: all shown.
    months = {f.period("month") for f in world.facts}
    assert audit.published >= len(world.indicators) * len(months) * 5
    assert audit.primary > 0  # small schools' months are hidden


def test_heatmap_and_distribution_match(world: World) -> None:
    audit = Audit()
    by_district = check_heatmap(world, audit, by="district")
    assert not any(c["suppressed"] for r in by_district["rows"] for c in r["cells"])
    month = max(f.period("month") for f in world.facts)
    check_heatmap(world, audit, by="school")
    check_heatmap(world, audit, by="school", period=month)
    check_heatmap(world, audit, by="district", period=month, subject="science")
    for params in ({}, {"district_id": world.network.districts[1].id}, {"subject": "math"}):
        answer = world.leader.get("/v1/distribution", template_id=world.template_id, **params)
        facts = select(
            world.facts, answer["org"], period=answer["period"], subject=params.get("subject")
        )
        for cell in answer["indicators"]:
            audit.levels(cell, facts, cell["indicator"], f"distribution {params}")
    assert audit.published >= 30 and audit.primary > 0


def test_coverage_and_summary_match(world: World) -> None:
    audit = Audit()
    for district_id in (None, *[d.id for d in world.network.districts]):
        params = {"district_id": district_id} if district_id else {}
        answer = world.leader.get("/v1/coverage", granularity="month", **params)
        for point in answer["over_time"]:
            label = f"coverage {district_id} {point['period']}"
            audit.count(
                point["total"], select(world.facts, answer["org"], period=point["period"]), label
            )
            for part in point["parts"]:
                facts = select(world.facts, part["org"], period=point["period"])
                audit.count(part, facts, f"{label} {part['org']}")
        schools = world.schools if not district_id else _district(world, district_id).schools
        (year,) = answer["school_years"]
        _check_reach(world, audit, year, answer["org"], schools)
    summary = world.leader.get("/v1/summary")
    _check_reach(world, audit, summary["totals"], summary["org"], world.schools)
    assert [d["district_id"] for d in summary["districts"]] == sorted(
        d.id for d in world.network.districts
    )
    for row in summary["districts"]:
        _check_reach(
            world,
            audit,
            row,
            f"district:{row['district_id']}",
            _district(world, row["district_id"]).schools,
        )
    for month in summary["walkthroughs_by_month"]:
        audit.count(month, select(world.facts, summary["org"], period=month["period"]), "summary")
    (template,) = summary["templates"]
    assert template["template_id"] == world.template_id
    year = world.facts[0].period("school_year")
    for cell in template["indicators"]:
        facts = select(world.facts, summary["org"], period=year)
        audit.rating(cell, facts, cell["indicator"], "summary", cell["level"])
    assert audit.published >= 20


def _district(world: World, district_id: str) -> Any:
    return next(d for d in world.network.districts if d.id == district_id)


def _check_reach(
    world: World, audit: Audit, reach: dict[str, Any], org: str, schools: list[Any]
) -> None:
    facts = select(
        world.facts, org, period=reach["school_year"] and f"school_year:{reach['school_year']}"
    )
    rostered = sum(len(s.teacher_ids) for s in schools)
    visited = {f.school_id for f in facts}
    assert (reach["schools"], reach["schools_visited"]) == (len(schools), len(visited)), org
    assert reach["teachers_rostered"] == rostered, org
    audit.count(reach["teachers_observed"], facts, f"reach {org}")
    observed = len({f.teacher_id for f in facts})
    assert reach["share_schools_visited"] == coded(len(visited), len(schools))
    assert reach["share_teachers_observed"] == coded(observed, rostered)


# --- small schools: hidden, and not recoverable from the district's total ---------------------


def test_small_schools_are_hidden_and_not_recoverable_by_subtraction(world: World) -> None:
    small = [s for s in world.schools if world.teachers(s.id) < K]
    assert len(small) >= 3  # the plan's 5-, 6-, 7- and 8-teacher schools
    year = world.facts[0].period("school_year")
    districts = {
        r["org"]: r
        for r in world.leader.get("/v1/heatmap", template_id=world.template_id, by="district")[
            "rows"
        ]
    }
    for district in {s.district_id for s in small}:
        schools = world.leader.get(
            "/v1/heatmap", template_id=world.template_id, by="school", district_id=district
        )["rows"]
        total = districts[f"district:{district}"]
        for column, indicator in enumerate(world.indicators):
            cells = {row["org"]: row["cells"][column] for row in schools}
            _attack(world, district, indicator, total["cells"][column], cells, small, year)
        coverage = world.leader.get("/v1/coverage", granularity="school_year", district_id=district)
        (point,) = [p for p in coverage["over_time"] if p["period"] == year]
        _attack_counts(world, point["total"], point["parts"], small)
    for school in small:
        for granularity in ("week", "month", "school_year"):
            trend = world.leader.get(
                "/v1/trends",
                template_id=world.template_id,
                school_id=school.id,
                granularity=granularity,
            )
            points = [p for s in trend["series"] for p in s["points"]]
            assert all(p["suppressed"] or p["n"] == 0 for p in points), school.name


def _attack(
    world: World,
    district: str,
    indicator: str,
    total: dict[str, Any],
    cells: dict[str, dict[str, Any]],
    small: list[Any],
    year: str,
) -> None:
    """District minus its published schools: never one small school's figures."""
    hidden = [org for org, cell in cells.items() if cell["suppressed"]]
    for school in small:
        if school.district_id == district:
            assert cells[f"school:{school.id}"]["suppressed"], school.name
            assert cells[f"school:{school.id}"]["reasons"] == ["primary"], school.name
    # A secondary (complementary) cell protects a primary sibling here.
    if any(cells[o]["reasons"] == ["secondary"] for o in hidden):
        assert any(cells[o]["reasons"] == ["primary"] for o in hidden)
    assert not total["suppressed"]
    shown = [c for c in cells.values() if not c["suppressed"]]
    rest_n = total["n"] - sum(c["n"] for c in shown)
    rest_sum = total["mean_rating"] * total["n"] - sum(c["mean_rating"] * c["n"] for c in shown)
    rest = [f for f in world.facts if f"school:{f.school_id}" in hidden]
    assert rest_n == len(rest)  # the subtraction works, and reveals the hidden *group* only
    assert (
        abs(rest_sum - sum(f.ratings[indicator] for f in rest))
        <= 0.005 * (len(shown) + 1) * total["n"]
    )
    assert len(hidden) >= 2 and len({f.teacher_id for f in rest}) >= K
    for school in small:
        own = [f for f in world.facts if f.school_id == school.id]
        if school.district_id == district:
            assert rest_n > len(own), f"{school.name} = district - published schools"


def _attack_counts(
    world: World, total: dict[str, Any], parts: list[dict[str, Any]], small: list[Any]
) -> None:
    hidden = [p["org"] for p in parts if p["suppressed"]]
    assert not total["suppressed"] and len(hidden) >= 2
    rest = total["walkthroughs"] - sum(p["walkthroughs"] for p in parts if not p["suppressed"])
    for school in small:
        if f"school:{school.id}" in [p["org"] for p in parts]:
            assert f"school:{school.id}" in hidden
            assert rest > len([f for f in world.facts if f.school_id == school.id])


# --- teacher-level questions get nothing about a teacher --------------------------------------


def test_teacher_level_questions_get_no_row_about_a_teacher(world: World) -> None:
    teacher = world.facts[0].teacher_id
    for path in ("/v1/trends", "/v1/heatmap", "/v1/distribution"):
        for param in (
            "teacher_id",
            "teacher_pseudonym",
            "pseudonym",
            "observer_id",
            "observation_id",
        ):
            answer = world.leader.raw(
                "GET", path, params={"template_id": world.template_id, param: teacher}
            )
            assert answer.status_code == 422, (path, param, answer.text)
    for path in ("/v1/coverage", "/v1/summary"):
        answer = world.leader.raw("GET", path, params={"teacher_id": teacher})
        assert answer.status_code == 422, (path, answer.text)
    audit = Audit()
    for fact in _lone_teacher_slices(world)[:4]:
        # Narrowed to one school, subject, grade band and week where one teacher was observed.
        params = {
            "school_id": fact.school_id,
            "subject": fact.subject,
            "grade_band": fact.grade_band,
        }
        trend = check_trends(world, audit, world.leader, granularity="week", **params)
        point = next(p for p in trend["series"][0]["points"] if p["period"] == fact.period("week"))
        assert point == {
            **{k: point[k] for k in ("period", "start", "end")},
            "suppressed": True,
            "reasons": ["primary"],
        }
        answer = world.leader.get(
            "/v1/distribution", template_id=world.template_id, period=fact.period("month"), **params
        )
        facts = select(
            world.facts,
            answer["org"],
            period=answer["period"],
            subject=fact.subject,
            grade_band=fact.grade_band,
        )
        for cell in answer["indicators"]:
            audit.levels(cell, facts, cell["indicator"], f"distribution {params}")
        check_heatmap(
            world,
            audit,
            by="school",
            district_id=fact.district_id,
            subject=fact.subject,
            grade_band=fact.grade_band,
            period=fact.period("week"),
        )
    assert audit.primary > 0
    everything = "".join(world.leader.raw("GET", p, params=q).text for p, q in _answers(world))
    assert not any(t in everything for t in {f.teacher_id for f in world.facts})


def _lone_teacher_slices(world: World) -> list[Fact]:
    groups: dict[tuple[str, str, str, str], set[str]] = {}
    for f in world.facts:
        groups.setdefault((f.school_id, f.subject, f.grade_band, f.period("week")), set()).add(
            f.teacher_id
        )
    lone = [key for key, teachers in groups.items() if len(teachers) == 1]
    assert lone
    return [
        next(
            f
            for f in world.facts
            if (f.school_id, f.subject, f.grade_band, f.period("week")) == key
        )
        for key in lone
    ]


# --- a replay from intake changes no figure ------------------------------------------------


def _answers(world: World) -> list[tuple[str, dict[str, Any]]]:
    template = {"template_id": world.template_id}
    answers: list[tuple[str, dict[str, Any]]] = [
        ("/v1/summary", {}),
        ("/v1/coverage", {"granularity": "week"}),
        ("/v1/trends", {**template, "granularity": "week"}),
        (
            "/v1/trends",
            {**template, "granularity": "month", "subject": "math", "grade_band": "9-12"},
        ),
        ("/v1/heatmap", {**template, "by": "school"}),
        ("/v1/distribution", {**template, "grade_band": "PK-2"}),
    ]
    for district in world.network.districts:
        answers.append(("/v1/coverage", {"granularity": "month", "district_id": district.id}))
        answers.append(
            (
                "/v1/heatmap",
                {**template, "by": "school", "district_id": district.id, "subject": "ela"},
            )
        )
    return answers


def _figures(world: World) -> list[Any]:
    return [world.leader.get(path, **params) for path, params in _answers(world)]


def _consumed(world: World, topic: str, group: str) -> int:
    """Records of `topic` a consumer group has committed, over all partitions. (Committed
    offsets, not end offsets: the embedded broker's end offsets count batches, not records.)"""
    servers = world.system.config.bootstrap_servers
    admin = KafkaAdminClient(bootstrap_servers=servers)
    try:
        partitions = [TopicPartition(topic, p) for p in range(_partitions(topic))]
        committed = admin.list_group_offsets({group: partitions})[group]
        return sum(max(0, meta.offset) for meta in committed.values())
    finally:
        admin.close()


def _reaches(world: World, topic: str, group: str, target: int) -> Callable[[], bool]:
    return lambda: _consumed(world, topic, group) >= target


def _partitions(topic: str) -> int:
    return next(t.partitions for t in ALL_TOPICS if t.name == topic)


def test_replaying_every_raw_walkthrough_changes_no_figure(world: World) -> None:
    before = _figures(world)
    pipeline = (
        ("observations.raw.v1", "anonymizer"),
        ("observations.anonymized.v1", "analytics"),
    )
    consumed = {step: _consumed(world, *step) for step in pipeline}
    assert all(n >= len(world.facts) for n in consumed.values())
    first, last = min(f.day for f in world.facts), max(f.day for f in world.facts)
    replayed = 0
    for district in world.network.districts:
        intake = world.services.intake.as_user(district.admin.token)
        answer = intake.post("/v1/replays", {"from": first.isoformat(), "to": last.isoformat()})
        mine = [f for f in world.facts if f.district_id == district.id]
        assert answer["walkthroughs"] == len(mine)
        replayed += answer["walkthroughs"]
    assert replayed == len(world.facts)
    # Every replayed message went through the anonymizer and into the analytics sink ...
    for step in pipeline:
        target = consumed[step] + replayed
        wait_until(_reaches(world, *step, target), what=f"{step[1]} consumes the replay")
    # ... and no figure moved, then or a little later.
    assert _figures(world) == before
    time.sleep(3)
    assert _figures(world) == before


# --- who may read what -----------------------------------------------------------------------


def _status(api: Api, path: str, **params: Any) -> int:
    return api.raw("GET", path, params=params).status_code


def test_other_regions_and_other_districts_are_refused(world: World) -> None:
    builder, network = world.builder, world.network
    other_id = builder.bootstrap("region", "Another ESC", "admin@another.e2e.test")["org_id"]
    other = world.services.analytics.as_user(
        builder.sign_in("admin@another.e2e.test", "region_admin", other_id).token
    )
    template = {"template_id": world.template_id}
    ours, theirs = network.districts[0], network.districts[1]
    assert _status(other, "/v1/trends", **template) == 404  # nothing of ours in its scope
    for path, params in _answers(world):
        if "district_id" in params:  # 404: the template has no walkthroughs in its scope
            assert _status(other, path, **params) in (403, 404), (path, params)
    assert _status(other, "/v1/coverage", district_id=ours.id) == 403
    summary = other.get("/v1/summary")
    assert summary["districts"] == [] and summary["totals"]["schools"] == 0
    assert summary["totals"]["teachers_observed"]["walkthroughs"] == 0

    for account in (ours.admin, ours.leader):
        assert account is not None
        own = world.services.analytics.as_user(account.token)
        for params in ({"district_id": theirs.id}, {"school_id": theirs.schools[0].id}):
            assert _status(own, "/v1/trends", **template, **params) == 403, params
            assert _status(own, "/v1/distribution", **template, **params) == 403, params
        assert _status(own, "/v1/coverage", district_id=theirs.id) == 403
        assert _status(own, "/v1/heatmap", **template, by="school", district_id=theirs.id) == 403
        # Their own district, unsuppressed: the small school's exact figures.
        answer = own.get("/v1/summary")
        assert [d["district_id"] for d in answer["districts"]] == [ours.id]
    observer = ours.schools[0].observer
    assert observer is not None
    coach = world.services.analytics.as_user(observer.token)
    assert _status(coach, "/v1/summary") == 403
    assert _status(world.services.analytics, "/v1/summary") == 401


def test_a_disconnected_district_is_no_longer_readable_by_the_region(world: World) -> None:
    gone = world.network.districts[-1]
    admin = world.services.tenancy.as_user(world.network.region_admin.token)
    admin.post(f"/v1/connections/{gone.connection_id}/disconnect", {})
    template = {"template_id": world.template_id}
    wait_until(
        lambda: _status(world.leader, "/v1/trends", **template, district_id=gone.id) == 403,
        what="analytics learns of the disconnection",
        timeout_s=60,
    )
    for path, params in (
        ("/v1/coverage", {"district_id": gone.id}),
        ("/v1/heatmap", {**template, "by": "school", "district_id": gone.id}),
        ("/v1/distribution", {**template, "school_id": gone.schools[0].id}),
    ):
        assert _status(world.leader, path, **params) == 403, path
    summary = world.leader.get("/v1/summary")
    assert gone.id not in [d["district_id"] for d in summary["districts"]]
    kept = [f for f in world.facts if f.district_id != gone.id]
    assert summary["totals"]["teachers_observed"]["walkthroughs"] == len(kept)
    heat = world.leader.get("/v1/heatmap", **template, by="school")
    assert not {r["org"] for r in heat["rows"]} & {f"school:{s.id}" for s in gone.schools}
    # The district itself still reads its own figures.
    own = world.services.analytics.as_user(gone.admin.token)
    assert own.get("/v1/summary")["totals"]["teachers_observed"]["walkthroughs"] == len(
        [f for f in world.facts if f.district_id == gone.id]
    )
