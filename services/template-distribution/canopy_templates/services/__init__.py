"""Use cases. Each takes its dependencies as keyword arguments (`uow`, `actor`, ...), runs in
one transaction and commits once; HTTP endpoints and bus handlers call the same functions.

- `templates`: create, list and read templates; edit the draft, start a new one, fork.
- `versions`: publish the draft as an immutable version, read a version, retire one.
- `pushes`: push (assign) a published version, withdraw a push, look at it.
- `receivers`: bring a push's receivers in line with its scope and the organisations.
- `received`: what a school's observers (or a district) may use now.
- `orgs`: what follows when the shared organisation read model changes.
"""
