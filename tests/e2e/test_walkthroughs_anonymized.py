"""Issue 5's acceptance, on the running system and its real broker: walkthroughs submitted
through intake's public API come out on `observations.anonymized.v1`, and no canary — teachers'
and observers' names, emails and ids, the observation ids, the notes — occurs anywhere in any
anonymized record (key, value and headers; ids with and without dashes; any letter case).
Bad input through the running intake is a 4xx naming the field, and is neither stored nor sent."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone
from typing import Any

import pytest
from kafka import KafkaConsumer

from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, OBSERVATIONS_RAW
from canopy_shared.demo.activity import push_region_rubric
from canopy_shared.demo.client import Api
from canopy_shared.demo.network import Account, District, Network, School, eventually
from canopy_shared.demo.plan import DistrictPlan, NetworkPlan, SchoolPlan
from canopy_shared.demo.rubric import indicator_values
from canopy_shared.testing.messaging import record_bytes
from tests.e2e.live import Live, live_system, until

pytestmark = pytest.mark.e2e

PLAN = NetworkPlan(
    region_name="Highland Schools Network",
    districts=(
        DistrictPlan(
            "Juniper USD",
            "juniper",
            (SchoolPlan("Juniper Elementary", 1), SchoolPlan("Juniper Middle", 1)),
        ),
    ),
    email_domain="anonymizer.e2e.canopy.test",
)
CANARY_TEACHERS = (
    ("CanaryGivenZebulon", "CanaryFamilyQuixote", "zebulon.quixote.canary@canary-mail.example.org"),
    (
        "CanaryGivenXanthe",
        "CanaryFamilyMarchbanks",
        "xanthe.marchbanks.canary@canary-mail.example.org",
    ),
)
CANARY_OBSERVER = (
    "CanaryObserver Obadiah Fairweather",
    "obadiah.fairweather.canary@canary-mail.example.org",
)
CANARY_NOTES = ("CANARY-NOTE-overall-5e1f0c", "CANARY-NOTE-indicator-a93d27")
CENTRAL = timezone(timedelta(hours=-6))


@dataclass
class Scene:
    live: Live
    network: Network
    version: dict[str, Any]
    canary_observer: Account
    teacher_ids: list[str]
    observer_ids: list[str]
    canaries: list[str] = field(default_factory=list)

    @property
    def district(self) -> District:
        return self.network.districts[0]

    @property
    def home(self) -> School:
        return self.district.schools[0]

    @property
    def other(self) -> School:
        return self.district.schools[1]

    def intake(self, account: Account) -> Api:
        return self.live.services.intake.as_user(account.token)

    def body(self, teacher_id: str, **overrides: Any) -> dict[str, Any]:
        """A valid walkthrough at the home school, its notes full of canaries."""
        observation_id = str(uuid.uuid4())
        self.canaries.append(observation_id)
        values = indicator_values(self.version)
        day = datetime.now(CENTRAL).date() - timedelta(days=2)
        return {
            "observation_id": observation_id,
            "school_id": self.home.id,
            "teacher_id": teacher_id,
            "template_version_id": self.version["version_id"],
            "observed_at": datetime.combine(day, time(10, 15), CENTRAL).isoformat(),
            "duration_minutes": 15,
            "subject": "math",
            "grade_level": "5",
            "ratings": [{"indicator_key": k, "value": v[-1]} for k, v in values.items()],
            "notes": {
                "overall": f"{' '.join(CANARY_TEACHERS[0][:2])} ({CANARY_TEACHERS[0][2]}), "
                f"seen by {CANARY_OBSERVER[0]}: {CANARY_NOTES[0]}",
                "by_indicator": {next(iter(values)): CANARY_NOTES[1]},
            },
            **overrides,
        }


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    with live_system(tmp_path_factory.mktemp("anonymized-e2e") / "var") as live:
        network = live.builder.build(PLAN)
        version = push_region_rubric(live.services, network, locked=True)
        district = network.districts[0]
        tenancy = live.services.tenancy.as_user(district.admin.token)
        teacher_ids = [
            tenancy.post(
                f"/v1/districts/{district.id}/teachers",
                {
                    "given_name": given,
                    "family_name": family,
                    "email": email,
                    "school_ids": [district.schools[0].id],
                },
            )["id"]
            for given, family, email in CANARY_TEACHERS
        ]
        observer = _canary_observer(live, district)
        coach = district.schools[0].observer
        assert coach is not None
        observer_ids = [
            live.services.tenancy.as_user(account.token).get("/v1/me")["id"]
            for account in (observer, coach)
        ]
        canaries = [
            *(text for teacher in CANARY_TEACHERS for text in teacher),
            " ".join(CANARY_TEACHERS[0][:2]),
            *CANARY_OBSERVER,
            *CANARY_NOTES,
            *teacher_ids,
            *observer_ids,
        ]
        yield Scene(live, network, version, observer, teacher_ids, observer_ids, canaries)


def test_walkthroughs_come_out_anonymized_with_no_canary_anywhere(scene: Scene) -> None:
    coach = scene.home.observer
    assert coach is not None
    first, second = (scene.body(teacher_id) for teacher_id in scene.teacher_ids)
    observer = scene.intake(scene.canary_observer)
    # The first waits until intake's read models know the teachers, observer and version.
    eventually(lambda: observer.post("/v1/walkthroughs", first), what="first walkthrough")
    assert observer.post("/v1/walkthroughs", second)["teacher_id"] == scene.teacher_ids[1]
    batch = [scene.body(teacher_id) for teacher_id in scene.teacher_ids]
    answer = scene.intake(coach).post("/v1/walkthroughs/batch", {"walkthroughs": batch})
    assert answer["created"] == 2, answer
    observation_ids = [body["observation_id"] for body in (first, second, *batch)]

    records = _anonymized(scene, _distinct(4))
    _assert_no_canary(records, scene.canaries)
    # The control: intake's raw topic does carry these canaries, in the same bytes form.
    raw = _read(scene, OBSERVATIONS_RAW.name, lambda rs: len(rs) >= 4)
    _assert_carries(raw, [*observation_ids, *scene.teacher_ids, *scene.observer_ids])
    _assert_carries(raw, [*CANARY_NOTES, CANARY_TEACHERS[0][2], CANARY_OBSERVER[0]])
    payloads = [_payload(record) for record in records]
    assert {p["school_id"] for p in payloads} == {scene.home.id}
    assert {p["district_id"] for p in payloads} == {scene.district.id}
    assert {p["region_id"] for p in payloads} == {scene.network.region_id}
    assert {r.key for r in records} == {scene.district.id.encode()}
    per_teacher: dict[str, set[str]] = {}
    for p in payloads:
        per_teacher.setdefault(p["teacher_pseudonym"], set()).add(p["observation_key"])
    # Same teacher, same district and year: one pseudonym; two teachers: two.
    assert sorted(len(keys) for keys in per_teacher.values()) == [2, 2]


def test_bad_input_is_a_4xx_naming_the_field_and_is_neither_stored_nor_sent(scene: Scene) -> None:
    observer = scene.intake(scene.canary_observer)
    ready = scene.body(scene.teacher_ids[0])
    eventually(lambda: observer.post("/v1/walkthroughs", ready), what="a valid walkthrough")

    refused = []
    for case, body, status, name, rule in _bad_cases(scene):
        response = observer.raw("POST", "/v1/walkthroughs", json=body)
        assert response.status_code == status, (case, response.text)
        _assert_names(response.json()["error"], name, rule, case)
        refused.append(body)
    batch = [refused[0], refused[-1]]
    answer = observer.post("/v1/walkthroughs/batch", {"walkthroughs": batch})
    assert [r["status"] for r in answer["results"]] == ["rejected", "rejected"], answer
    _assert_names(answer["results"][0]["error"], "ratings[0].value", "on_scale", "batch")

    district = scene.live.services.intake.as_user(scene.district.admin.token)
    for body in refused:
        response = district.raw("GET", f"/v1/walkthroughs/{body['observation_id']}")
        assert response.status_code == 404, response.text
    # Intake publishes one district's walkthroughs in order on one partition: once a last,
    # recognisable walkthrough is out, anything the refused ones had sent would be out too.
    observer.post("/v1/walkthroughs", scene.body(scene.teacher_ids[1], duration_minutes=47))
    stored = district.get("/v1/walkthroughs", limit=1)["total"]
    records = _anonymized(scene, lambda rs: any(_payload(r)["duration_minutes"] == 47 for r in rs))
    assert len({_payload(r)["observation_key"] for r in records}) == stored
    _assert_no_canary(records, scene.canaries)


Case = tuple[str, dict[str, Any], int, str, str | None]


def _bad_cases(scene: Scene) -> list[Case]:
    """(case, body, status, field, rule; None for a request-shape rule)."""
    teacher, body = scene.teacher_ids[0], scene.body
    ratings = body(teacher)["ratings"]
    elsewhere = scene.other.teacher_ids[0]
    future = (datetime.now(CENTRAL) + timedelta(days=3)).isoformat()
    return [
        (
            "off scale",
            body(teacher, ratings=[{**ratings[0], "value": 99}, *ratings[1:]]),
            422,
            "ratings[0].value",
            "on_scale",
        ),
        (
            "unknown indicator",
            body(teacher, ratings=[*ratings, {"indicator_key": "made.up", "value": 1}]),
            422,
            f"ratings[{len(ratings)}].indicator_key",
            "known_indicator",
        ),
        (
            "required unrated",
            body(teacher, ratings=ratings[1:]),
            422,
            "ratings",
            "required_indicators_rated",
        ),
        ("in the future", body(teacher, observed_at=future), 422, "observed_at", "not_in_future"),
        ("teacher elsewhere", body(elsewhere), 422, "teacher_id", "teacher_at_school"),
        (
            "version never pushed",
            body(teacher, template_version_id=str(uuid.uuid4())),
            422,
            "template_version_id",
            "usable_at_school",
        ),
        (
            "observer not assigned there",
            body(elsewhere, school_id=scene.other.id),
            403,
            "school_id",
            "may_observe_at_school",
        ),
        ("unknown subject", body(teacher, subject="astrology"), 422, "subject", None),
        ("zero minutes", body(teacher, duration_minutes=0), 422, "duration_minutes", None),
        ("no teacher", {**body(teacher), "teacher_id": None}, 422, "teacher_id", None),
        ("a name", body(teacher, teacher_name=CANARY_TEACHERS[0][1]), 422, "teacher_name", None),
    ]


def _assert_names(error: dict[str, Any], name: str, rule: str | None, case: str) -> None:
    if rule is None:
        assert name in error["fields"]["json"], (case, error)
    else:
        assert (error["field"], error["rule"]) == (name, rule), (case, error)
    assert error["message"], (case, error)


def _canary_observer(live: Live, district: District) -> Account:
    display_name, email = CANARY_OBSERVER
    school_id = district.schools[0].id
    body = {
        "email": email,
        "display_name": display_name,
        "role": "observer",
        "org_id": school_id,
        "password": live.builder.password,
    }
    live.services.tenancy.as_user(district.admin.token).post("/v1/users", body)
    return live.builder.sign_in(email, "observer", school_id)


def _anonymized(scene: Scene, enough: Callable[[list[Any]], bool]) -> list[Any]:
    return _read(scene, OBSERVATIONS_ANONYMIZED.name, enough)


def _read(scene: Scene, topic: str, enough: Callable[[list[Any]], bool]) -> list[Any]:
    """Every record on `topic` from the beginning, read until `enough`."""
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=scene.live.system.config.bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
    )
    records: list[Any] = []

    def read() -> bool:
        for batch in consumer.poll(timeout_ms=300).values():
            records.extend(batch)
        return enough(records)

    try:
        until(read, what=f"the expected records on {topic}")
    finally:
        consumer.close()
    return records


def _distinct(n: int) -> Callable[[list[Any]], bool]:
    return lambda records: len({_payload(r)["observation_key"] for r in records}) >= n


def _payload(record: Any) -> dict[str, Any]:
    message = OBSERVATIONS_ANONYMIZED.validate(json.loads(record.value), strict=True)
    return dict(message["payload"])


def _assert_no_canary(records: list[Any], canaries: list[str]) -> None:
    everything = _everything(records)
    for canary in canaries:
        for form in {canary, canary.replace("-", "")}:
            assert form.casefold() not in everything, f"canary {form!r} leaked"


def _assert_carries(records: list[Any], canaries: list[str]) -> None:
    everything = _everything(records)
    assert all(canary.casefold() in everything for canary in canaries)


def _everything(records: list[Any]) -> str:
    """Every byte of every record (key, value, headers) as one searchable text."""
    assert records
    return b"\n".join(record_bytes(r) for r in records).decode("latin-1").casefold()
