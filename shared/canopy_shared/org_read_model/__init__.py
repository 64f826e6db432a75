"""The organisation read model a service keeps from `tenancy.events.v1`: regions (optional),
districts with the region they are connected to now, schools, and observers' schools.

Template distribution and observation intake both keep it, each in its own database and with
its own Alembic migrations; this package is the one definition of its tables, repository and
event handlers. A service adds what follows from a change (template distribution re-runs its
pushes) through an `OrgFollowUps` of its own.

- `records`: what a read returns (plain frozen dataclasses).
- `tables`: the tables, defined on the service's own metadata.
- `repository`: reads and writes, by name.
- `sync`: one use case per tenancy event; `handlers`: the bus routes to them.
"""
