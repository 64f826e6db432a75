"""The district's own walkthroughs in full, as CSV and XLSX: one row per rating with names and
notes, the list's filters and scope, formula-leading text neutralised."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from tests.intake.api.conftest import Network, headers_for, submit
from tests.intake.conftest import Tokens


def download(client: FlaskClient, headers: dict[str, str], **body: Any) -> list[dict[str, str]]:
    response = client.post(
        "/v1/walkthroughs/download", json={"format": "csv", **body}, headers=headers
    )
    assert response.status_code == 200, response.json
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_rating_with_names_and_notes(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    a = network.a
    names = {a.teacher_id: "Ana Reyes", a.observer_id: "Oscar Lee"}
    rows = download(client, headers_for("district_leader A", network, tokens), names=names)
    assert {r["observation_id"] for r in rows} == {network.ids[w] for w in ("w1", "w2", "w3")}
    assert len(rows) == 9  # three ratings each
    w1 = [r for r in rows if r["observation_id"] == network.ids["w1"]]
    discourse = next(r for r in w1 if r["indicator_key"] == "engagement.discourse")
    assert discourse["teacher"] == "Ana Reyes" and discourse["observer"] == "Oscar Lee"
    assert discourse["overall_note"] == "Strong number talk to open."
    assert discourse["indicator_note"] == "Pairs explained strategies."
    assert discourse["school"] == "Cedar Elementary"
    assert discourse["shared_with_teacher"] == "True"
    assert (discourse["rating"], discourse["observed_on"]) == ("1", "2026-09-14")
    other = next(r for r in rows if r["observation_id"] == network.ids["w3"])
    assert other["teacher"] == ""  # a name the caller did not send stays blank
    assert [r["observed_on"] for r in rows] == sorted(r["observed_on"] for r in rows)


def test_xlsx_reads_back_the_same_rows(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    headers = headers_for("district_admin A", network, tokens)
    response = client.post(
        "/v1/walkthroughs/download",
        json={
            "format": "xlsx",
            "school_id": network.school2,
            "names": {network.teacher2: "Bo Kim"},
        },
        headers=headers,
    )
    assert response.status_code == 200, response.json
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet is not None
    header, *values = [list(r) for r in sheet.iter_rows(values_only=True)]
    rows = [dict(zip(header, v, strict=True)) for v in values]
    assert len(rows) == 3
    assert {r["observation_id"] for r in rows} == {network.ids["w3"]}
    assert {r["teacher"] for r in rows} == {"Bo Kim"}
    assert {r["school"] for r in rows} == {"Oak Middle"}


def test_text_a_spreadsheet_would_run_is_neutralised(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    a = network.a
    submit(
        client,
        tokens.observer(a),
        a,
        notes={"overall": '=HYPERLINK("http://x.test","Click")'},
        observed_at="2026-09-21T10:00:00-05:00",
    )
    headers = headers_for("district_admin A", network, tokens)
    names = {a.teacher_id: "@SUM(A1)"}
    rows = download(client, headers, observed_from="2026-09-21", names=names)
    assert {r["overall_note"] for r in rows} == {'\'=HYPERLINK("http://x.test","Click")'}
    assert {r["teacher"] for r in rows} == {"'@SUM(A1)"}
    xlsx = client.post(
        "/v1/walkthroughs/download",
        json={"format": "xlsx", "observed_from": "2026-09-21", "names": names},
        headers=headers,
    )
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert "'@SUM(A1)" in {c.value for c in cells}


@pytest.mark.parametrize(
    ("caller", "visible"),
    [("school_admin 1", {"w1", "w2"}), ("observer 2", {"w3"}), ("district_admin B", {"w4"})],
)
def test_each_role_downloads_exactly_what_it_may_list(
    caller: str, visible: set[str], client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    rows = download(client, headers_for(caller, network, tokens))
    assert {r["observation_id"] for r in rows} == {network.ids[w] for w in visible}


def test_refusals_come_before_any_file(
    client: FlaskClient, tokens: Tokens, network: Network
) -> None:
    principal = headers_for("school_admin 1", network, tokens)
    other = client.post(
        "/v1/walkthroughs/download",
        json={"format": "csv", "school_id": network.school2},
        headers=principal,
    )
    assert other.status_code == 403 and other.json["error"]["field"] == "school_id"
    region = headers_for("region_leader", network, tokens)
    assert (
        client.post("/v1/walkthroughs/download", json={"format": "csv"}, headers=region).status_code
        == 403
    )
    bad = client.post("/v1/walkthroughs/download", json={"format": "pdf"}, headers=principal)
    assert bad.status_code == 422 and "format" in str(bad.json["error"]["fields"])
    assert client.post("/v1/walkthroughs/download", json={"format": "csv"}).status_code == 401
