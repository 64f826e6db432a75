"""Marshmallow HTTP schemas, one module per feature: strict input (unknown fields are refused),
server-set fields dump-only, a response schema for every answer."""
