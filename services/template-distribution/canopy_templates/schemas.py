"""HTTP schemas: strict input (unknown fields refused, 422 naming the field), and outputs.

Template content in and out has the shape of the `templates.events.v1` version payload, so a
client renders the same content a consumer receives. Keys are optional on input: a key left out
is kept from the version the draft started from when the indicator is unchanged, or generated.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from canopy_shared.contracts.fields import Key, StrictBoolean, UuidString
from canopy_shared.contracts.templates_events_v1 import (
    IndicatorSchema,
    SectionSchema,
    VersionRefSchema,
)
from canopy_shared.contracts.vocabulary import ORG_TYPES, SCALE_KINDS
from canopy_shared.web.request_limits import MAX_PATH_INTEGER

# Version numbers are stored in an INTEGER column and addressed in paths with the same bound.
VERSION_NUMBER = validate.Range(min=1, max=MAX_PATH_INTEGER)

_TEXT = validate.Length(min=1, max=1000)


class LevelIn(Schema):
    value = fields.Integer(required=True, strict=True)
    label = fields.String(required=True, validate=validate.Length(min=1, max=100))
    descriptor = fields.String(load_default="", validate=validate.Length(max=2000))


class ScaleIn(Schema):
    kind = fields.String(
        required=True,
        validate=validate.OneOf(SCALE_KINDS),
        metadata={"description": "levels (rated on the listed values), yes_no (0/1), count"},
    )
    levels = fields.List(fields.Nested(LevelIn), load_default=list)
    min = fields.Integer(strict=True, allow_none=True, load_default=None)
    max = fields.Integer(strict=True, allow_none=True, load_default=None)


class IndicatorIn(Schema):
    key = Key(allow_none=True, load_default=None)
    text = fields.String(required=True, validate=_TEXT)
    required = StrictBoolean(load_default=False)
    tags = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        load_default=list,
        metadata={"description": "focus areas or standards codes"},
    )
    scale = fields.Nested(ScaleIn, required=True)


class SectionIn(Schema):
    key = Key(allow_none=True, load_default=None)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    indicators = fields.List(fields.Nested(IndicatorIn), load_default=list)


class ContentIn(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=4000))
    sections = fields.List(fields.Nested(SectionIn), load_default=list)


class PublishIn(Schema):
    advance_assignments = StrictBoolean(
        load_default=True,
        metadata={"description": "move an existing push to the new version (default true)"},
    )


class NewDraftIn(Schema):
    from_version = fields.Integer(strict=True, validate=VERSION_NUMBER, load_default=None)


class ForkIn(Schema):
    title = fields.String(validate=validate.Length(min=1, max=200), load_default=None)


class PushIn(Schema):
    locked = StrictBoolean(
        required=True,
        metadata={"description": "a required standard receivers cannot edit or fork"},
    )
    version_number = fields.Integer(
        strict=True,
        validate=VERSION_NUMBER,
        load_default=None,
        metadata={"description": "a published version; the latest by default"},
    )
    district_ids = fields.List(
        UuidString(),
        load_default=None,
        metadata={
            "description": "region pushes: only these connected districts (default all, "
            "including districts that connect later)"
        },
    )
    school_ids = fields.List(
        UuidString(),
        load_default=None,
        metadata={
            "description": "district pushes: only these schools (default all, including "
            "new schools)"
        },
    )


class OwnerQuery(Schema):
    owner_type = fields.String(validate=validate.OneOf(ORG_TYPES), load_default=None)
    owner_id = UuidString(load_default=None)


# --- outputs -------------------------------------------------------------------------------------


class DraftSectionOut(SectionSchema):
    """A draft's section may have no indicators yet: publishing is what requires them."""

    indicators = fields.List(fields.Nested(IndicatorSchema), required=True)


class DraftOut(Schema):
    title = fields.String()
    description = fields.String()
    sections = fields.List(fields.Nested(DraftSectionOut))
    base_version_id = fields.String(allow_none=True)


class VersionSummaryOut(Schema):
    version_id = fields.String()
    version_number = fields.Integer()
    title = fields.String()
    published_at = fields.DateTime()
    retired_at = fields.DateTime(allow_none=True)


class AssignmentSummaryOut(Schema):
    assignment_id = fields.String()
    version_id = fields.String()
    version_number = fields.Integer(allow_none=True)
    locked = fields.Boolean()
    active = fields.Boolean()
    assigned_by_type = fields.String()
    assigned_by_id = fields.String()
    target_ids = fields.List(fields.String(), allow_none=True)
    updated_at = fields.DateTime()


class ReceiverOut(Schema):
    org_type = fields.String()
    org_id = fields.String()
    district_id = fields.String()
    version_id = fields.String()
    locked = fields.Boolean()
    assigned_at = fields.DateTime()


class AssignmentOut(AssignmentSummaryOut):
    template_id = fields.String()
    receivers = fields.List(fields.Nested(ReceiverOut))


class TemplateOut(Schema):
    template_id = fields.String()
    owner_type = fields.String()
    owner_id = fields.String()
    title = fields.String()
    description = fields.String()
    status = fields.String(metadata={"description": "draft | published | retired"})
    derived_from = fields.Nested(VersionRefSchema, allow_none=True)
    draft = fields.Nested(DraftOut, allow_none=True)
    versions = fields.List(fields.Nested(VersionSummaryOut))
    assignment = fields.Nested(AssignmentSummaryOut, allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class TemplateListOut(Schema):
    templates = fields.List(fields.Nested(TemplateOut))


class ForkOut(Schema):
    template_id = fields.String(metadata={"description": "the fork (a template of its own)"})
    title = fields.String()
    owner_type = fields.String(metadata={"description": "district | school"})
    owner_id = fields.String()
    owner_name = fields.String()
    district_id = fields.String()
    forked_from_version_number = fields.Integer(allow_none=True)
    forked_at = fields.DateTime()
    status = fields.String(metadata={"description": "draft | published | retired"})
    latest_version_number = fields.Integer(
        allow_none=True, metadata={"description": "the fork's own latest published version"}
    )


class ForkListOut(Schema):
    forks = fields.List(fields.Nested(ForkOut))


class VersionOut(Schema):
    template_id = fields.String()
    version_id = fields.String()
    version_number = fields.Integer()
    owner_type = fields.String()
    owner_id = fields.String()
    region_id = fields.String(allow_none=True)
    title = fields.String()
    description = fields.String()
    derived_from = fields.Nested(VersionRefSchema, allow_none=True)
    sections = fields.List(fields.Nested(SectionSchema))
    published_at = fields.DateTime()
    retired_at = fields.DateTime(allow_none=True)


class ReceivedVersionOut(VersionOut):
    assignment_id = fields.String()
    assigned_by_type = fields.String()
    assigned_by_id = fields.String()
    locked = fields.Boolean()
    assigned_at = fields.DateTime()


class ReceivedListOut(Schema):
    org_id = fields.String()
    templates = fields.List(fields.Nested(ReceivedVersionOut))
