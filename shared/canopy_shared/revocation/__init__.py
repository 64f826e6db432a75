"""Revoked tokens: every service's small "tokens valid after" read model, fed by tenancy.

A token is a signed statement of who its bearer was when it was issued (`iat`). When that stops
being true — the account is deactivated, its role or its schools change, its district leaves a
region — tenancy records a cutoff and announces it on `tenancy.events.v1`
(`user.access_revoked`, `district.disconnected`). Every service keeps the cutoffs in its own
database and its token verifier refuses a token issued before the cutoff of its subject or of
its district (`canopy_shared.web.auth.RevocationCheck`), so revocation takes effect everywhere
as fast as the bus delivers, and nothing is asked of tenancy per request.

- `tables`: the two tables, defined on the service's own metadata (its own migrations).
- `repository`: cutoffs only ever move forward (a redelivered or older event changes nothing).
- `check`: the verifier's hook, reading the service's database.
- `handlers`: the bus routes that record cutoffs.
"""
