"""HTTP schema of the published privacy rule (GET /v1/privacy-rule)."""

from __future__ import annotations

from marshmallow import fields

from canopy_analytics.schemas.common import Answer, PublicReasonsSchema, ReleaseSchema


class CodedDisplaysSchema(Answer):
    bottom = fields.String(required=True)
    top = fields.String(required=True)


class RuleSourceSchema(Answer):
    name = fields.String(required=True)
    finding = fields.String(required=True)


class PrivacyRuleSchema(Answer):
    k = fields.Integer(required=True, metadata={"description": "minimum distinct teachers"})
    minimum_k = fields.Integer(required=True)
    bottom_code = fields.Float(required=True)
    top_code = fields.Float(required=True)
    coded_displays = fields.Nested(CodedDisplaysSchema, required=True)
    dominance = fields.Float(
        required=True,
        metadata={"description": "the largest share of a shown cell one teacher may contribute"},
    )
    share_min_n = fields.Integer(
        required=True,
        metadata={"description": "the fewest ratings a cell needs for its share to be shown"},
    )
    release = fields.Nested(ReleaseSchema, required=True)
    rules = fields.List(fields.String(), required=True)
    reasons = fields.Nested(PublicReasonsSchema, required=True)
    sources = fields.List(fields.Nested(RuleSourceSchema), required=True)
