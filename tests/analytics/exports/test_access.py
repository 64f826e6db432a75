"""Role and tenant checks on every export endpoint, district exports of their own data, bad
parameters refused before a job is queued, and the migrations matching the models."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import canopy_analytics.exports.db  # noqa: F401  (the export tables on `metadata`)
from canopy_analytics.adapters.db import metadata
from canopy_shared.contracts import EXPORTS_REGION, topic
from canopy_shared.db import make_engine
from tests.analytics.exports.conftest import download, run_export

pytestmark = pytest.mark.integration


def test_district_exports_its_own_data_unsuppressed(app, seeded, as_district) -> None:
    headers = as_district(seeded.small_district)
    job = run_export(app, headers, {"formats": ["csv"]})
    assert job["status"] == "succeeded" and job["org"] == f"district:{seeded.small_district}"
    with zipfile.ZipFile(io.BytesIO(download(app, headers, job, "csv"))) as archive:
        readme = archive.read("README.txt").decode()
        schools = archive.read("indicator_by_school.csv").decode()
    assert "does not apply" in readme  # the rule is stated, and why it was not applied
    assert "true" not in schools  # a district sees its own small school's figures
    assert len(schools.strip().splitlines()) == 1 + 4 * 2  # four schools, two indicators


def test_every_endpoint_checks_role_and_tenant(app, seeded, as_region, as_district, signer):
    client = app.test_client()
    own = as_region(seeded.region)
    job = run_export(app, own, {"formats": ["csv"]})
    path = f"/v1/exports/{job['export_id']}"
    strangers = {
        "other region": as_region(seeded.other_region),
        "district of the region": as_district(seeded.small_district),
        "other district": as_district(seeded.other_district),
    }
    for who, headers in strangers.items():
        assert client.get(path, headers=headers).status_code == 404, who
        assert client.get(f"{path}/download?format=csv", headers=headers).status_code == 404, who
        listed = client.get("/v1/exports", headers=headers).json["exports"]
        assert job["export_id"] not in {j["export_id"] for j in listed}, who
    assert client.get(path, headers=as_region(seeded.region, "region_admin")).status_code == 200
    roles = (
        ("observer", "school"),
        ("teacher", "school"),
        ("school_admin", "school"),
        ("region_coach", "region"),
    )
    for role, tier in roles:
        token = signer.mint(role=role, org_tier=tier)
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get(path, headers=headers).status_code == 403
        assert client.post("/v1/exports", json={}, headers=headers).status_code == 403
    assert client.get(path).status_code == 401
    assert client.post("/v1/exports", json={}).status_code == 401


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"districts": ["other"]}, 403, "district_id"),
        ({"templates": [str(uuid.uuid4())]}, 404, "template_id"),
        ({"period": "year:2026"}, 422, None),
        ({"formats": ["docx"]}, 422, None),
        ({"teacher_id": str(uuid.uuid4())}, 422, None),
        ({"publish_to_partners": True}, 403, "publish_to_partners"),
    ],
)
def test_bad_requests_are_refused_before_a_job_exists(
    app, seeded, as_region, body, status, field
) -> None:
    if body.get("districts") == ["other"]:
        body = {"districts": [seeded.other_district]}
    client = app.test_client()
    headers = as_region(seeded.region)  # a leader: publishing needs the admin
    answer = client.post("/v1/exports", json=body, headers=headers)
    assert answer.status_code == status, answer.json
    if field:
        assert answer.json["error"]["field"] == field
    assert client.get("/v1/exports", headers=headers).json["exports"] == []


def test_only_a_region_admin_sets_the_partner_schedule(app, seeded, as_region, as_district):
    client = app.test_client()
    for headers in (as_region(seeded.region), as_district(seeded.small_district)):
        answer = client.put("/v1/export-schedules", json={"cadence": "daily"}, headers=headers)
        assert answer.status_code == 403
    admin = as_region(seeded.region, "region_admin")
    assert client.get("/v1/export-schedules", headers=admin).status_code == 404
    answer = client.put("/v1/export-schedules", json={"cadence": "daily"}, headers=admin)
    assert answer.status_code == 200 and answer.json["next_run_at"]
    leader_view = client.get("/v1/export-schedules", headers=as_region(seeded.region))
    assert leader_view.json["cadence"] == "daily"
    other = client.get(
        "/v1/export-schedules", headers=as_region(seeded.other_region, "region_admin")
    )
    assert other.status_code == 404


def test_migrations_match_the_models(app, settings_url) -> None:
    engine = make_engine(settings_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


@pytest.fixture
def settings_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path}/analytics.db"


def test_partner_topics_are_a_registered_family() -> None:
    region = "3f2b8c1e-7a4d-4e6b-9c2a-1d5e8f0a7b34"
    resolved = topic(f"exports.region.{region}.v1")
    assert resolved.name == EXPORTS_REGION.for_region(region).name
    assert resolved.producers == ("analytics",) and resolved.key_fields == ("region_id",)
    with pytest.raises(KeyError):
        topic("exports.region.not-a-region.v1")
    with pytest.raises(ValueError):
        EXPORTS_REGION.for_region("Region-7")
