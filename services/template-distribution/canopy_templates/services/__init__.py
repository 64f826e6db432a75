"""Use cases. Each takes its dependencies as keyword arguments (`uow`, `actor`, ...), runs in
one transaction and commits once; HTTP endpoints and bus handlers call the same functions.

- `authoring`: create, edit the draft, publish, start a new draft, retire, fork.
- `pushing`: push (assign) a published version, withdraw a push, look at it.
- `distribution`: bring a push's receivers in line with its scope and the organisations.
- `tenancy_sync`: the organisation read model, from `tenancy.events.v1`.
- `queries`: what each caller may read.
"""
