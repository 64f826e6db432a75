"""An Ed-Fi-shaped JSON document (Ed-Fi Data Standard resource names and field names).

- education organisations: the region as an EducationServiceCenter, districts as
  LocalEducationAgency, schools as School (Canopy's UUIDs in `identificationCodes`; Ed-Fi's
  integer ids derived from them);
- each template as an Evaluation of a PerformanceEvaluation typed "Walkthrough", its sections as
  EvaluationObjective, its indicators as EvaluationElement, each indicator's levels as
  RubricDimension;
- the requester's improvement goals as Ed-Fi `Goal`-shaped records (see `exports.goals`);
- results as *aggregate* records (a Canopy extension: Ed-Fi's own EvaluationElementRating is
  per person, which a region export never holds), each a cell the API publishes, suppressed
  cells with no figure.

`edfi_schema.json` beside this module is the JSON Schema the document is tested against.
"""

from __future__ import annotations

import json
from typing import Any

from canopy_analytics.domain.templates import Indicator, Template
from canopy_analytics.exports.cover import Provenance, manifest, rule_lines
from canopy_analytics.exports.datasets import Report
from canopy_analytics.exports.goals import edfi_goals

ED_FI = "uri://ed-fi.org"
CANOPY = "uri://canopy"
WALKTHROUGH = f"{ED_FI}/PerformanceEvaluationTypeDescriptor#Walkthrough"
EVALUATION_TYPE = f"{CANOPY}/EvaluationTypeDescriptor#Walkthrough"
TERM = f"{ED_FI}/TermDescriptor#Year Round"
ID_SYSTEM = f"{CANOPY}/EducationOrganizationIdentificationSystemDescriptor#Canopy UUID"
TITLE_MAX = 255  # Ed-Fi's length for evaluation, objective and element titles
NAME_MAX = 75  # Ed-Fi's length for nameOfInstitution


def edfi_id(uuid_text: str) -> int:
    """A stable positive 31-bit Ed-Fi integer id for a Canopy UUID."""
    return int(uuid_text.replace("-", "")[:8], 16) % 2_000_000_000 + 1


def render_edfi_json(report: Report, who: Provenance) -> bytes:
    return json.dumps(edfi_document(report, who), indent=2, ensure_ascii=False).encode()


def edfi_document(report: Report, who: Provenance) -> dict[str, Any]:
    plan = report.plan
    tier, _, org_uuid = plan.org.partition(":")
    owner = edfi_id(org_uuid)
    school_year = int(plan.school_year[5:])  # Ed-Fi names a school year by its ending year
    period = f"{CANOPY}/EvaluationPeriodDescriptor#{plan.period}"
    pe_key = {
        "educationOrganizationId": owner,
        "evaluationPeriodDescriptor": period,
        "performanceEvaluationTitle": "Classroom walkthroughs",
        "performanceEvaluationTypeDescriptor": WALKTHROUGH,
        "schoolYear": school_year,
        "termDescriptor": TERM,
    }
    doc: dict[str, Any] = {
        "canopyExport": manifest(report, who),
        "privacyRule": {"statement": rule_lines(report), **report.rule},
        "educationServiceCenters": [],
        "localEducationAgencies": [],
        "schools": [],
        "performanceEvaluations": [_performance_evaluation(pe_key)],
        "evaluations": [],
        "evaluationObjectives": [],
        "evaluationElements": [],
        "rubricDimensions": [],
        "evaluationElementAggregateResults": [],
        "rubricDimensionAggregateResults": [],
    }
    _organisations(doc, report, tier, org_uuid)
    elements: dict[tuple[str, str], dict[str, Any]] = {}
    for template in plan.templates:
        elements.update(_evaluation(doc, pe_key, template))
    _results(doc, report, elements)
    doc["goals"] = edfi_goals(report.goals, elements, _org_reference)
    return doc


def _organisation(uuid_text: str, name: str, category: str) -> dict[str, Any]:
    return {
        "nameOfInstitution": (name or uuid_text)[:NAME_MAX],
        "identificationCodes": [
            {
                "educationOrganizationIdentificationSystemDescriptor": ID_SYSTEM,
                "identificationCode": uuid_text,
            }
        ],
        "categories": [
            {
                "educationOrganizationCategoryDescriptor": (
                    f"{ED_FI}/EducationOrganizationCategoryDescriptor#{category}"
                )
            }
        ],
    }


def _organisations(doc: dict[str, Any], report: Report, tier: str, org_uuid: str) -> None:
    esc = None
    if tier == "region":
        esc = {"educationServiceCenterId": edfi_id(org_uuid)}
        doc["educationServiceCenters"].append(
            {
                **esc,
                **_organisation(
                    org_uuid, report.names.get(org_uuid, ""), "Education Service Center"
                ),
            }
        )
    districts = sorted({s["district_id"] for s in report.schools} | set(report.plan.districts))
    if tier == "district":
        districts = [org_uuid]
    for district in districts:
        lea: dict[str, Any] = {"localEducationAgencyId": edfi_id(district)}
        lea.update(
            _organisation(district, report.names.get(district, ""), "Local Education Agency")
        )
        lea["localEducationAgencyCategoryDescriptor"] = (
            f"{ED_FI}/LocalEducationAgencyCategoryDescriptor#Independent"
        )
        if esc:
            lea["educationServiceCenterReference"] = esc
        doc["localEducationAgencies"].append(lea)
    for school in report.schools:
        entry: dict[str, Any] = {"schoolId": edfi_id(school["school_id"])}
        entry.update(_organisation(school["school_id"], school["name"], "School"))
        entry["localEducationAgencyReference"] = {
            "localEducationAgencyId": edfi_id(school["district_id"])
        }
        entry["gradeLevels"] = []  # not known to analytics (only walkthroughs' grade bands)
        doc["schools"].append(entry)


def _performance_evaluation(pe_key: dict[str, Any]) -> dict[str, Any]:
    reference = {k: v for k, v in pe_key.items() if k != "educationOrganizationId"}
    return {
        "educationOrganizationReference": {
            "educationOrganizationId": pe_key["educationOrganizationId"]
        },
        **reference,
        "performanceEvaluationDescription": "Classroom walkthroughs rolled up by Canopy; "
        "aggregate results only.",
    }


def _evaluation(
    doc: dict[str, Any], pe_key: dict[str, Any], template: Template
) -> dict[tuple[str, str], dict[str, Any]]:
    """The template's Evaluation, objectives, elements and rubric dimensions; returns each
    indicator's element reference by (template id, indicator key)."""
    eval_key = {**pe_key, "evaluationTitle": _title(template.title or template.template_id)}
    values = [v for i in template.indicators for v, _ in i.levels]
    doc["evaluations"].append(
        {
            "performanceEvaluationReference": pe_key,
            "evaluationTitle": eval_key["evaluationTitle"],
            "evaluationTypeDescriptor": EVALUATION_TYPE,
            "evaluationDescription": f"Canopy template {template.template_id}",
            "minRating": min(values, default=0),
            "maxRating": max(values, default=0),
        }
    )
    sections: dict[str, dict[str, Any]] = {}
    elements = {}
    for indicator in template.indicators:
        section = indicator.section or "Indicators"
        if section not in sections:
            sections[section] = {**eval_key, "evaluationObjectiveTitle": _title(section)}
            doc["evaluationObjectives"].append(
                {
                    "evaluationReference": eval_key,
                    "evaluationObjectiveTitle": sections[section]["evaluationObjectiveTitle"],
                    "evaluationTypeDescriptor": EVALUATION_TYPE,
                    "sortOrder": len(sections),
                }
            )
        element = {**sections[section], "evaluationElementTitle": _element_title(indicator)}
        _element(doc, sections[section], element, indicator)
        elements[(template.template_id, indicator.key)] = element
    return elements


def _element(
    doc: dict[str, Any], objective: dict[str, Any], element: dict[str, Any], indicator: Indicator
) -> None:
    values = [v for v, _ in indicator.levels]
    doc["evaluationElements"].append(
        {
            "evaluationObjectiveReference": objective,
            "evaluationElementTitle": element["evaluationElementTitle"],
            "evaluationTypeDescriptor": EVALUATION_TYPE,
            "sortOrder": indicator.position + 1,
            "minRating": min(values, default=indicator.scale_min or 0),
            "maxRating": max(values, default=indicator.scale_max or 0),
            "_ext": {"canopy": {"indicatorKey": indicator.key}},
        }
    )
    for order, (value, label) in enumerate(indicator.levels, start=1):
        doc["rubricDimensions"].append(
            {
                "evaluationElementReference": element,
                "rubricRating": value,
                "rubricRatingLevelDescriptor": f"{CANOPY}/EvaluationRatingLevelDescriptor#{label}",
                "criterionDescription": label,
                "dimensionOrder": order,
            }
        )


def _results(
    doc: dict[str, Any], report: Report, elements: dict[tuple[str, str], dict[str, Any]]
) -> None:
    by_org = report.dataset(
        "indicator_by_district" if report.plan.suppressed else "indicator_by_school"
    )
    for row in [*report.dataset("indicator_trends").rows, *by_org.rows]:
        doc["evaluationElementAggregateResults"].append(
            {
                "educationOrganizationReference": _org_reference(row["org"]),
                "evaluationElementReference": elements[(row["template_id"], row["indicator"])],
                "period": _period(row["period"], row["period_start"], row["period_end"]),
                **_figures(row),
                "atOrAboveRating": row["level"],
                "shareAtOrAbove": _share(row, "share_at_or_above"),
            }
        )
    for row in report.dataset("rating_distribution").rows:
        doc["rubricDimensionAggregateResults"].append(
            {
                "educationOrganizationReference": _org_reference(row["org"]),
                "evaluationElementReference": elements[(row["template_id"], row["indicator"])],
                "rubricRating": row["level_value"],
                "period": _period(row["period"], None, None),
                **_figures(row),
                "share": _share(row, "share"),
            }
        )


def _figures(row: dict[str, Any]) -> dict[str, Any]:
    reasons = [r for r in (row["suppression_reasons"] or "").split(";") if r]
    figures = {"suppressed": row["suppressed"], "suppressionReasons": reasons}
    if not row["suppressed"]:
        figures["numberOfRatings"] = row["n_ratings"]
        figures["numberOfTeachersObserved"] = row["teachers_observed"]
        if "mean_rating" in row:
            figures["meanRating"] = row["mean_rating"]
    return figures


def _share(row: dict[str, Any], column: str) -> dict[str, Any] | None:
    if row["suppressed"] or row.get(column) is None:
        return None
    return {"display": row[column], "value": row["share_value"], "coded": row["share_coded"]}


def _org_reference(org: str) -> dict[str, int]:
    return {"educationOrganizationId": edfi_id(org.partition(":")[2])}


def _period(label: str, begin: str | None, end: str | None) -> dict[str, Any]:
    period: dict[str, Any] = {"label": label}
    if begin and end:
        period.update(beginDate=begin, endDate=end)
    return period


def _title(text: str) -> str:
    return text[:TITLE_MAX]


def _element_title(indicator: Indicator) -> str:
    return _title(f"{indicator.key}: {indicator.text}")
