"""Observation intake's rules: no flask, sqlalchemy or kafka here.

- `actors`: who is calling, which organisation they act for.
- `rubric`: a template version's indicators and whether ratings fit them.
- `submission`: the walkthrough rules that need no database (time, content fingerprint).
- `scope`: whose walkthroughs each role may read, and who may observe where.
"""
