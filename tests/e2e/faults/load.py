"""A steady load of coaches submitting walkthroughs, as the fault-injection suite drives it.

A walkthrough counts once intake acknowledged it (201, or 200 for a repeat). One that got no
answer (its web worker was killed, the service was restarting) is sent again, as a coach's app
would, until it is acknowledged: intake is idempotent on the observation id."""

from __future__ import annotations

import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

import requests

from canopy_shared.demo.network import Network
from canopy_shared.demo.rubric import indicator_values

CENTRAL = timezone(timedelta(hours=-6))


@dataclass
class Load:
    intake_url: str
    network: Network
    version: dict[str, Any]
    seed: int
    interval_s: float = 0.05
    acknowledged: set[str] = field(default_factory=set)
    unanswered: int = 0  # attempts without an acknowledgement (each retried)
    error: BaseException | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=120)
        if self.error is not None:
            raise AssertionError(f"the load stopped: {self.error!r}") from self.error

    def submit_until_acknowledged(
        self, body: dict[str, Any], token: str, *, refusals_until: float | None = None
    ) -> None:
        """Send `body` until intake acknowledges it; a 4xx fails at once, or (with
        `refusals_until`, for teachers and versions intake's read models may not have yet) is
        retried until that moment."""
        while True:
            try:
                response = requests.post(
                    f"{self.intake_url}/v1/walkthroughs",
                    json=body,
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=15,
                )
                if response.status_code in (200, 201):
                    self.acknowledged.add(body["observation_id"])
                    return
                refused = 400 <= response.status_code < 500 and response.status_code != 429
                patient = refusals_until is not None and time.monotonic() < refusals_until
                if refused and not patient:
                    raise AssertionError(f"intake refused a valid walkthrough: {response.text}")
            except requests.RequestException:
                pass
            self.unanswered += 1
            time.sleep(0.5)

    def _run(self) -> None:
        try:
            self._submit_steadily()
        except BaseException as err:  # noqa: BLE001 - surfaced by stop()
            self.error = err

    def _submit_steadily(self) -> None:
        # A stream of its own: a test's Random(seed) drawing walkthroughs from the same stream
        # would, now and then, draw one of these observation ids for a different walkthrough.
        rng = random.Random(f"load {self.seed}")
        # Until the first is acknowledged intake's read models may not know the network yet.
        settling = time.monotonic() + 120
        schools = [s for d in self.network.districts for s in d.schools if s.teacher_ids]
        while not self._stop.is_set():
            school = rng.choice(schools)
            assert school.observer is not None
            body = walkthrough(school.id, rng.choice(school.teacher_ids), self.version, rng)
            patience = settling if not self.acknowledged else None
            self.submit_until_acknowledged(body, school.observer.token, refusals_until=patience)
            self._stop.wait(self.interval_s)


def walkthrough(
    school_id: str, teacher_id: str, version: dict[str, Any], rng: random.Random
) -> dict[str, Any]:
    values = indicator_values(version)
    day = date.today() - timedelta(days=rng.randint(1, 20))
    return {
        "observation_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "school_id": school_id,
        "teacher_id": teacher_id,
        "template_version_id": version["version_id"],
        "observed_at": datetime.combine(day, datetime.min.time(), CENTRAL)
        .replace(hour=10)
        .isoformat(),
        "duration_minutes": 15,
        "subject": "math",
        "grade_level": "5",
        "ratings": [{"indicator_key": k, "value": rng.choice(v)} for k, v in values.items()],
    }
