"""The bench's wrk driver sends what it claims: every request a valid walkthrough body with an
id of its own, signed with the token it was built for, and its counts match what the server saw.
(The figures it prints are the bench's business; this checks the load is honest.)"""

from __future__ import annotations

import json
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmark"))
import wrk_load

pytestmark = pytest.mark.skipif(
    not wrk_load.available(), reason="wrk not installed: deploy/dev/install-system-packages.sh wrk"
)


class Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, dict[str, Any]]] = []
    lock = threading.Lock()

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.lock:
            self.seen.append((self.path, self.headers["Authorization"], body))
        answer = json.dumps(batch_answer(len(body.get("walkthroughs", [])))).encode()
        self.send_response(200 if self.path.endswith("/batch") else 201)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        pass


def batch_answer(size: int) -> dict[str, Any]:
    """As intake answers a batch (a status per item, and their counts): it refuses one
    walkthrough of each batch and already had another."""
    statuses = ["rejected", "unchanged", *["created"] * (size - 2)]
    counts = {status: statuses.count(status) for status in ("created", "unchanged", "rejected")}
    return {"results": [{"status": status} for status in statuses], **counts}


@pytest.fixture
def server() -> Iterator[str]:
    Recorder.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def bodies() -> Iterator[tuple[str, dict[str, Any]]]:
    for n in range(3):
        yield f"token-{n}", {"observation_id": None, "teacher_id": f"t{n}", "notes": 'a ]] "b"'}


def test_every_single_walkthrough_is_fresh_and_signed_with_its_own_token(server: str) -> None:
    result = wrk_load.run_wrk(server, bodies(), seconds=1, connections=4)

    seen = Recorder.seen
    # wrk counts the answers it read before the time was up; the server may see a few more
    assert 0 < result["requests"] <= len(seen) <= result["requests"] + 4
    assert result["statuses"] == {"201": result["requests"]}
    ids = [body["observation_id"] for _, _, body in seen]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 4 for i in ids)
    for path, auth, body in seen:
        assert path == "/v1/walkthroughs"
        assert auth == f"Bearer token-{body['teacher_id'][1:]}"
        assert body["notes"] == 'a ]] "b"'


def test_a_batch_gets_fresh_ids_and_only_new_walkthroughs_count(server: str) -> None:
    batch = ("token-0", {"walkthroughs": [{"observation_id": None, "n": n} for n in range(5)]})
    result = wrk_load.run_wrk(
        server, iter([batch]), seconds=1, path="/v1/walkthroughs/batch", connections=2
    )

    seen = Recorder.seen
    ids = [w["observation_id"] for _, _, body in seen for w in body["walkthroughs"]]
    assert len(ids) == 5 * len(seen) and len(set(ids)) == len(ids)
    # the recorder refuses one walkthrough in each answer and already had another
    assert result["items"] == 3 * result["requests"]
    assert result["unchanged_items"] == result["rejected_items"] == result["requests"]
    assert result["requests"] <= len(seen) <= result["requests"] + 2


def test_batches_of_different_sizes_count_what_the_server_created(server: str) -> None:
    batches = [("token-0", {"walkthroughs": [{"observation_id": None}] * size}) for size in (9, 4)]
    result = wrk_load.run_wrk(
        server, iter(batches), seconds=1, path="/v1/walkthroughs/batch", connections=2
    )

    created = [batch_answer(len(body["walkthroughs"]))["created"] for _, _, body in Recorder.seen]
    # wrk read every answer but the last few the server sent (at most one per connection)
    assert sum(created) - 2 * 7 <= result["items"] <= sum(created)
    # not the first batch's count (7) per answer: the 4-walkthrough batches created 2
    assert result["items"] < 7 * result["requests"]
