"""Sign-in and the published keys."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class TokenIn(Schema):
    email = fields.String(required=True, validate=validate.Length(min=3, max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=128))


class TokenOut(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()


class JwksOut(Schema):
    keys = fields.List(fields.Dict())
