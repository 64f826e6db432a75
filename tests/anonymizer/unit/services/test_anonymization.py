"""The anonymize use case with fakes for the key store and the broker: keys per district and
school year, race-safe key creation, publish-then-return, rejections."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest

from canopy_anonymizer.adapters.key_wrapping import KeyUnavailable, KeyWrapping
from canopy_anonymizer.adapters.publishing import AnonymizedObservations
from canopy_anonymizer.domain.anonymization import AnonymizationError
from canopy_anonymizer.domain.keys import KeyMetadata, StoredKey
from canopy_anonymizer.handlers import build_handlers
from canopy_anonymizer.services.anonymization import anonymize_observation
from canopy_anonymizer.services.keys import Keyring
from canopy_anonymizer.services.metrics import Tally
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED
from canopy_shared.contracts.observations_raw_v1 import OBSERVATION_SUBMITTED
from canopy_shared.messaging.consumer import ConsumedMessage, RejectMessage
from canopy_shared.messaging.publisher import Headers, Publisher


class FakeKeyStore:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], StoredKey] = {}

    def find(self, district_id: str, school_year: str) -> StoredKey | None:
        return self.rows.get((district_id, school_year))

    def add(self, key: StoredKey) -> bool:
        return self.rows.setdefault((key.district_id, key.school_year), key) is key

    def metadata(self, district_id: str | None = None) -> list[KeyMetadata]:
        raise NotImplementedError


class RacingKeyStore(FakeKeyStore):
    """Another replica stores its key between our `find` and our `add`."""

    def __init__(self, other_replica: Keyring) -> None:
        super().__init__()
        self.other_replica = other_replica

    def add(self, key: StoredKey) -> bool:
        self.other_replica.key_for(key.district_id, key.school_year)
        return super().add(key)


@dataclass
class RecordingSink:
    pending: list[tuple[str, bytes | None, bytes]] = field(default_factory=list)
    acknowledged: list[tuple[str, bytes | None, bytes]] = field(default_factory=list)

    def send(self, topic_name: str, *, key: bytes | None, value: bytes, headers: Headers) -> None:
        self.pending.append((topic_name, key, value))

    def flush(self) -> None:
        self.acknowledged += self.pending
        self.pending = []


class NullCounters:
    def add(self, deltas: Any) -> None:
        pass


@pytest.fixture
def store() -> FakeKeyStore:
    return FakeKeyStore()


@pytest.fixture
def sink() -> RecordingSink:
    return RecordingSink()


def keyring_on(store: FakeKeyStore) -> Keyring:
    return Keyring(store=store, wrapping=KeyWrapping(None))


def run(raw: dict[str, Any], store: FakeKeyStore, sink: RecordingSink) -> dict[str, Any]:
    envelope = anonymize_observation(
        raw,
        keyring=keyring_on(store),
        output=AnonymizedObservations(Publisher(sink)),
        tally=Tally(NullCounters()),
    )
    return envelope.payload


def test_published_keyed_by_district_and_acknowledged_on_flush(
    make_raw: Any, store: FakeKeyStore, sink: RecordingSink
) -> None:
    raw = make_raw()
    output = AnonymizedObservations(Publisher(sink))
    payload = anonymize_observation(
        raw, keyring=keyring_on(store), output=output, tally=Tally(NullCounters())
    ).payload
    assert len(sink.pending) == 1 and sink.acknowledged == []  # the loop flushes per batch
    output.flush()
    [(topic_name, key, value)] = sink.acknowledged
    assert topic_name == OBSERVATIONS_ANONYMIZED.name
    assert key == raw["district_id"].encode()  # ordered per district, like the raw topic
    assert json.loads(value)["payload"] == payload


def test_same_teacher_district_and_year_share_a_pseudonym_across_restarts(
    make_raw: Any, store: FakeKeyStore, sink: RecordingSink
) -> None:
    first = run(make_raw(observed_at="2026-09-14T09:00:00-05:00"), store, sink)
    after_restart = run(make_raw(observed_at="2027-05-01T09:00:00-05:00"), store, sink)
    assert first["teacher_pseudonym"] == after_restart["teacher_pseudonym"]
    assert len(store.rows) == 1


def test_another_district_gives_another_pseudonym(
    make_raw: Any, store: FakeKeyStore, sink: RecordingSink
) -> None:
    ours = run(make_raw(), store, sink)
    theirs = run(make_raw(district_id=str(uuid.uuid4())), store, sink)
    assert ours["teacher_pseudonym"] != theirs["teacher_pseudonym"]


def test_the_next_school_year_rotates_the_key_and_the_pseudonym(
    make_raw: Any, store: FakeKeyStore, sink: RecordingSink
) -> None:
    june = run(make_raw(observed_at="2027-06-30T15:00:00-05:00"), store, sink)
    july = run(make_raw(observed_at="2027-07-01T08:00:00-05:00"), store, sink)
    assert (june["school_year"], july["school_year"]) == ("2026-2027", "2027-2028")
    assert june["teacher_pseudonym"] != july["teacher_pseudonym"]
    assert sorted(year for _, year in store.rows) == ["2026-2027", "2027-2028"]


def test_with_the_key_gone_the_same_teacher_is_unrecognisable(
    make_raw: Any, sink: RecordingSink
) -> None:
    raw = make_raw()
    original = run(raw, FakeKeyStore(), sink)
    without_that_key = run(raw, FakeKeyStore(), sink)
    assert original["teacher_pseudonym"] != without_that_key["teacher_pseudonym"]
    assert original["observation_key"] != without_that_key["observation_key"]


def test_concurrent_replicas_end_up_with_one_key(make_raw: Any, sink: RecordingSink) -> None:
    shared = FakeKeyStore()
    winner = keyring_on(shared)
    racing = RacingKeyStore(other_replica=winner)
    racing.rows = shared.rows  # one database, two replicas
    loser = Keyring(store=racing, wrapping=KeyWrapping(None))
    raw = make_raw()
    lost_key = loser.key_for(raw["district_id"], "2026-2027")
    assert lost_key == winner.key_for(raw["district_id"], "2026-2027")
    assert len(shared.rows) == 1


def test_keys_are_32_fresh_random_bytes(store: FakeKeyStore) -> None:
    asked: list[int] = []

    def random_bytes(n: int) -> bytes:
        asked.append(n)
        return os.urandom(n)

    keyring = Keyring(store=store, wrapping=KeyWrapping(None), random_bytes=random_bytes)
    a = keyring.key_for(str(uuid.uuid4()), "2026-2027")
    b = keyring.key_for(str(uuid.uuid4()), "2026-2027")
    assert asked == [32, 32] and a.secret != b.secret


def test_a_message_that_breaks_the_output_contract_is_refused_and_nothing_is_sent(
    make_raw: Any, store: FakeKeyStore, sink: RecordingSink
) -> None:
    raw = make_raw(observed_at="9999-08-01T09:00:00-05:00")  # school year 9999-10000
    with pytest.raises(AnonymizationError, match="school_year"):
        run(raw, store, sink)
    assert sink.pending == [] and sink.acknowledged == []


def message(payload: dict[str, Any]) -> ConsumedMessage:
    envelope = {"event_id": str(uuid.uuid4()), "type": OBSERVATION_SUBMITTED, "payload": payload}
    return ConsumedMessage(topic="t", partition=0, offset=0, key=None, envelope=envelope)


def test_handler_dead_letters_what_can_never_be_anonymized(make_raw: Any) -> None:
    def anonymize(raw: Any) -> None:
        raise AnonymizationError("observed_at has no UTC offset")

    handler = build_handlers(anonymize)[OBSERVATION_SUBMITTED]
    with pytest.raises(RejectMessage, match="no UTC offset"):
        handler(message(make_raw()))


def test_handler_lets_a_missing_key_encryption_key_retry_rather_than_dead_letter(
    make_raw: Any,
) -> None:
    def anonymize(raw: Any) -> None:
        raise KeyUnavailable("KEK not set")

    handler = build_handlers(anonymize)[OBSERVATION_SUBMITTED]
    with pytest.raises(KeyUnavailable):
        handler(message(make_raw()))
