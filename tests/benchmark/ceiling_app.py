"""The framework ceiling: the smallest Flask JSON POST endpoint, run under the same gunicorn
settings as every service (`canopy_shared.runtime.gunicorn_conf`: gthread, WEB_CONCURRENCY
workers x GUNICORN_THREADS threads). Whatever intake spends beyond this is Canopy's own work."""

from __future__ import annotations

import uuid

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/v1/walkthroughs")
def accept() -> tuple[object, int]:
    body = request.get_json()
    return jsonify({"observation_id": body.get("observation_id") or str(uuid.uuid4())}), 201


@app.post("/v1/walkthroughs/batch")
def accept_batch() -> dict[str, object]:
    items = request.get_json()["walkthroughs"]
    # The shape intake answers, counts included (the load generator reads "created").
    return {
        "results": [
            {"observation_id": i.get("observation_id"), "status": "created"} for i in items
        ],
        "created": len(items),
        "unchanged": 0,
        "rejected": 0,
    }
