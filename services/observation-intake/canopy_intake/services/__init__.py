"""Use cases. Each takes its dependencies as keyword arguments (`uow`, `actor`, ...), runs in
one transaction and commits once; HTTP endpoints, bus handlers and the CLI call the same
functions.

Walkthroughs (this service's own data):
- `submission`: validate and store one walkthrough with its raw message; idempotent retries.
- `batch`: many walkthroughs from an offline device, each on its own.
- `walkthroughs`: what each reader may see, with names; sharing with the teacher.
- `read_view` and `labels`: what validating and labelling needs from the read models.
- `replays`: re-publish a period's walkthroughs with their original ids.

Read models, from the bus (organisations are the shared `canopy_shared.org_read_model`):
- `roster`: which schools each teacher teaches at.
- `templates`: published versions and who holds which version now.
"""
