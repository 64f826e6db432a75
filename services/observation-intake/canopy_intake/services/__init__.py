"""Use cases. Each takes its dependencies as keyword arguments (`uow`, `actor`, ...), runs in
one transaction and commits once; HTTP endpoints, bus handlers and the CLI call the same
functions.

- `submission`: validate and store one walkthrough with its raw message; idempotent retries.
- `batch`: many walkthroughs from an offline device, each on its own.
- `queries`: what each reader may see, with names; sharing with the teacher.
- `replay`: re-publish a period's walkthroughs with their original ids.
- `tenancy_sync`, `templates_sync`: the read models, from the bus.
"""
