"""Template distribution's rules: no flask, sqlalchemy or kafka here.

- `actors`: who is calling, which organisation they act for.
- `content`: template content rules (scales, keys that stay stable across versions).
- `access`: who may read, change, fork a template.
- `receivers`: who a push reaches, and what changes when it or the organisations change.
"""
