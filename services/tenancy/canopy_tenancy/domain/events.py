"""The shape of a tenancy.events.v1 event before it is wrapped in an envelope: its type and its
payload. Each feature builds its own events next to its entities (`orgs.region_event`,
`connections.connected`, `users.observer_event`, `roster.teacher_event`...), from ids,
organisation names and counts only: a teacher's or user's name or email has no way onto the bus.
"""

from __future__ import annotations

from typing import Any

Payload = dict[str, Any]
Event = tuple[str, Payload]  # (event type, payload), e.g. ("region.created", {...})
