"""HTTP schemas of coverage: the window asked, and what a principal acts on."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from canopy_intake.domain.coverage import MAX_WEEKLY_TARGET
from canopy_shared.contracts.fields import UuidString


class CoverageArgs(Schema):
    first = fields.Date(
        data_key="from", metadata={"description": "First day; default: the current term's."}
    )
    last = fields.Date(data_key="to", metadata={"description": "Last day; default: today."})
    school_id = UuidString(metadata={"description": "One school (a principal: only their own)."})


class SchoolCoverageOut(Schema):
    school_id = fields.String()
    school_name = fields.String()
    teachers = fields.Integer(metadata={"description": "Rostered teachers."})
    teachers_observed = fields.Integer(metadata={"description": "Observed in the window."})
    walkthroughs = fields.Integer()


class TeacherCoverageOut(Schema):
    teacher_id = fields.String()
    school_id = fields.String()
    walkthroughs = fields.Integer(metadata={"description": "In the window; 0: not observed."})
    last_observed_on = fields.Date(allow_none=True)


class ObserverCoverageOut(Schema):
    observer_id = fields.String()
    school_id = fields.String()
    walkthroughs = fields.Integer()
    assigned = fields.Boolean(metadata={"description": "Assigned to observe at this school."})


class CoverageOut(Schema):
    first = fields.Date(data_key="from")
    last = fields.Date(data_key="to")
    district_id = fields.String()
    school_id = fields.String(allow_none=True)
    weekly_target = fields.Integer(allow_none=True)
    expected_per_observer = fields.Integer(
        allow_none=True,
        metadata={"description": "The weekly target times every week the window begins."},
    )
    schools = fields.List(fields.Nested(SchoolCoverageOut))
    teachers = fields.List(fields.Nested(TeacherCoverageOut))
    observers = fields.List(fields.Nested(ObserverCoverageOut))


class TargetIn(Schema):
    weekly_visits_per_observer = fields.Integer(
        required=True, strict=True, validate=validate.Range(min=1, max=MAX_WEEKLY_TARGET)
    )


class TargetOut(Schema):
    district_id = fields.String()
    weekly_visits_per_observer = fields.Integer(allow_none=True)
    updated_by = fields.String(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)
