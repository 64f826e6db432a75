"""The printed table: every figure beside its ceiling from the same run, the ratio, the target."""

from __future__ import annotations

from typing import Any

# Issue #17's bars: every process <= 200 MB; analytics (the in-process ClickHouse engine) <= 1 GB.
RSS_LIMIT_MB = 200.0
ANALYTICS_RSS_LIMIT_MB = 1024.0
INTAKE_P99_MS = 50.0
PIPELINE_PER_S, PIPELINE_BUS_SHARE = 5000, 0.2  # issue #17: raw -> ClickHouse from a backlog


def rows(results: dict[str, Any]) -> list[tuple[str, str, str, str, str, str]]:
    """(figure, Canopy, ceiling, ratio, target, met)."""
    out = []
    intake, ceiling = results.get("intake") or {}, results.get("intake_ceiling") or {}
    if intake:
        out.append(
            _throughput(
                "1. intake single POST /s", intake["items_per_s"], ceiling.get("items_per_s"), 1000
            )
        )
        out.append(("   load generator", intake.get("generator", "python"), "", "", "", ""))
        out += _latency_rows("   intake latency", intake, ceiling)
    batch, batch_ceiling = results.get("batch") or {}, results.get("batch_ceiling") or {}
    if batch:
        out.append(
            _throughput(
                "2. batch sync walkthroughs/s",
                batch["items_per_s"],
                batch_ceiling.get("items_per_s"),
                10000,
            )
        )
    out += _alone_rows(results.get("intake_alone") or {}, ceiling, batch_ceiling)
    out += _parts_rows(results.get("parts") or {}, results, ceiling, batch_ceiling)
    replayed = sum((phase or {}).get("unchanged_items", 0) for phase in (intake, batch))
    if replayed:
        # walkthroughs intake answered as already stored (not counted in the rates above)
        out.append(("1-2. answered 'already stored'", f"{replayed:,}", "", "", "", ""))
    bus = (results.get("bus_ceiling") or {}).get("end_to_end_per_s")
    fed = results.get("pipeline_from_intake") or {}
    for stage in fed.get("stages", []):
        name = "3. fed by intake: " + stage["stage"].split(":")[0] + " /s"
        out.append(_throughput(name, stage["per_s"], bus, None))
    drained = (results.get("pipeline") or {}).get("stages", [])[1:]
    for stage in drained:
        name = "3. raw backlog: " + stage["stage"].split(":")[0] + " /s"
        out.append(_throughput(name, stage["per_s"], bus, None))
    if drained:
        slower = min(stage["per_s"] for stage in drained)
        out.append(_pipeline_row("3. raw backlog -> ClickHouse (slower stage) /s", slower, bus))
    out += _cpu_rows((results.get("pipeline") or {}).get("cpu_ms_per_walkthrough") or {})
    out += _hop_rows(results, bus)
    out += _scale_out_rows(results.get("scale_out") or {}, bus)
    fresh = results.get("freshness") or {}
    if fresh:
        out.append(("4. freshness p50 ms", _n(fresh.get("p50_ms")), "", "", "", ""))
        p95 = fresh.get("p95_ms")
        out.append(("   freshness p95 ms", _n(p95), "", "", "<= 1000", _met(p95, 1000, low=True)))
        for p in ("p50", "p95"):
            if (inserted := fresh.get(f"pipeline_{p}_ms")) is not None:
                out.append((f"   of it 201 -> inserted {p} ms", _n(inserted), "", "", "", ""))
    out += _dashboard_rows(results.get("dashboard") or {})
    out += _web_rows(results.get("web") or {})
    out += _capture_rows(results.get("capture") or {})
    for process, peak in (results.get("rss_mb") or {}).items():
        limit = ANALYTICS_RSS_LIMIT_MB if "canopy_analytics" in process else RSS_LIMIT_MB
        out.append(
            (f"6. RSS {process}", _n(peak), "", "", f"<= {limit:.0f}", _met(peak, limit, low=True))
        )
    return out


def _scale_out_rows(scale: dict[str, Any], bus: float | None) -> list[tuple]:
    """Phase 3s: each consumer count's anonymizer and sink rates, the anonymizer's ratio to
    one consumer, and the raw topic's rate with two relays."""
    if scale.get("error"):
        return [("3s. scale-out", "failed", "", "", "", "NO")]
    out, single = [], None
    for run in scale.get("runs", []):
        rates = {s["stage"].split(":")[0]: s["per_s"] for s in run["stages"]}
        single = single or rates.get("anonymizer") or None
        scaled = f"x{rates['anonymizer'] / single:.2f}" if single else ""
        n = run["consumers"]

        name = f"3s. {n} anonymizer(s): anonymizer /s"
        out.append(_throughput(name, rates["anonymizer"], bus, None))
        out.append((f"    {n} anonymizer(s): sink /s", _n(rates["sink"]), "", "", "", ""))
        out.append((f"    {n} anonymizer(s): vs one", scaled, "", "", "", ""))
    for run in scale.get("relays") or []:
        raw = run["stages"][0]["per_s"]
        name = f"3s. {run['relays']} relay(s): raw topic /s"
        out.append(_throughput(name, raw, run.get("batch_per_s"), None))
    return out


# Issue #17's dashboard bars: warm p95 50 ms, cold 500 ms, the finest breakdown cold 2 s.
DASHBOARD_WARM_MS, DASHBOARD_COLD_MS, FINEST_COLD_MS = 50.0, 500.0, 2000.0


def _dashboard_rows(dash: dict[str, Any]) -> list[tuple]:
    """Per caller (region leader on the release just cut, district leader live) and call: warm
    p95 beside the bare engine aggregate, then the cold (first) call against its own bar."""
    out: list[tuple] = []
    engine = dash.get("engine") or {}
    load = dash.get("load") or {}
    if load.get("loaded"):
        out.append(("5. facts bulk-loaded", f"{load['loaded']:,}", "", "", "", ""))
    replay = dash.get("replay") or {}
    if replay:
        replayed = f"{replay['replayed']:,}" if replay.get("replayed") is not None else "-"
        out.append(("5. replay after restart: messages", replayed, "", "", "", ""))
        out.append(("5. replay after restart: s", _n(replay.get("seconds")), "", "", "", ""))
    release = dash.get("release") or {}
    if release:
        seconds = None if release.get("error") else release.get("seconds")
        out.append(("5. release cut (operator command) s", _n(seconds), "", "", "", ""))
    read = engine.get("region_release_read") or {}
    if read:
        written = ("5. release months written (engine) ms", _n(read.get("written_ms")))
        out.append((*written, "", "", "", ""))
        out.append(("5. region release read (engine) ms", _n(read.get("ms")), "", "", "", ""))
    decided = release.get("decided_s")
    if decided is not None:
        out.append(("5. release decided (cut -> 1st answer) s", _n(decided), "", "", "", ""))
    elif release.get("error"):
        out.append(("5. release decided (cut -> 1st answer) s", "not decided", "", "", "", "NO"))
    if "warmed_s" in release:
        warmed = release["warmed_s"]
        shown = _n(warmed) if warmed is not None else "not warmed"
        out.append(("5. release warmed (cut -> every cube) s", shown, "", "", "", ""))
    for caller, key in (("region", "api"), ("district", "district")):
        for name, api in (dash.get(key) or {}).items():
            label = f"5. {caller} {name}"
            # the engine's bare district cube: the ceiling of a district answer
            direct = (engine.get(name) or {}).get("p95_ms") if caller == "district" else None
            if api.get("error"):  # a failed call's time is no figure
                out.append((label, f"HTTP {api['statuses']}", _n(direct), "", "<= 50", "NO"))
                continue
            out.append(_latency(f"{label} warm p95 ms", api["p95_ms"], direct, DASHBOARD_WARM_MS))
            cold = FINEST_COLD_MS if name == "finest" else DASHBOARD_COLD_MS
            out.append(_latency(f"{label} cold ms", api["cold_ms"], None, cold))
    return out


def _web_rows(web: dict[str, Any]) -> list[tuple]:
    """The web app's figures, each beside the API's own latency for the calls behind it
    (/v1/summary, /v1/trends) in the ceiling column: the page can be no faster than that."""
    if not web:
        return []
    if web.get("error"):
        return [("7. web app", "failed", "", "", "", "NO")]
    sign_in, change = web["sign_in_to_overview"], web["filter_change"]
    js_kb = web["overview_js_gzip_bytes"] / 1024
    return [
        _latency("7. sign-in -> overview p95 ms", sign_in["p95_ms"], sign_in["api_p95_ms"], 1000),
        _latency("7. filter change p95 ms", change["p95_ms"], change["api_p95_ms"], 300),
        ("7. overview JS gzipped KB", _n(js_kb), "", "", "<= 250", _met(js_kb, 250, low=True)),
    ]


def _capture_rows(capture: dict[str, Any]) -> list[tuple]:
    """Offline capture (issue #14): the screens with the network off, and a 200-walkthrough sync."""
    if not capture:
        return []
    if capture.get("error"):
        return [("8. offline capture", "failed", "", "", "", "NO")]
    ready, form = capture["new_walkthrough_ready"], capture["teacher_to_form"]
    sync = capture["sync_200"].get("ms") if not capture["sync_200"].get("rejected") else None
    return [
        _latency("8. new walkthrough -> ready (offline) p95 ms", ready["p95_ms"], None, 500),
        _latency("8. teacher -> form (offline) p95 ms", form["p95_ms"], None),
        ("8. sync 200 queued ms", _n(sync), "", "", "<= 5000", _met(sync, 5000, low=True)),
    ]


def _throughput(
    name: str, value: float | None, ceiling: float | None, target: float | None
) -> tuple:
    ratio = f"{value / ceiling:.2f}" if value is not None and ceiling else ""
    return (
        name,
        _n(value),
        _n(ceiling),
        ratio,
        f">= {target:,}" if target else "",
        _met(value, target) if target else "",
    )


# The processes a walkthrough's drain runs through, as rss.py labels them.
CPU_STAGES = (
    ("anonymizer", "canopy_anonymizer consume"),
    ("sink (analytics)", "canopy_analytics web"),
    ("broker", "broker (tansu)"),
)


def _cpu_rows(spent: dict[str, float]) -> list[tuple[str, str, str, str, str, str]]:
    """Phase 3: CPU milliseconds per walkthrough of each process the drain runs through, the
    figure to size replicas by cores with."""
    return [
        (f"3. CPU ms per walkthrough: {name}", f"{spent[label]:.3f}", "", "", "", "")
        for name, label in CPU_STAGES
        if label in spent
    ]


def _pipeline_row(name: str, value: float, bus: float | None) -> tuple:
    """Issue #17's pipeline bar, 5,000/s or 0.2 of the bus ceiling measured in the same run (the
    issue's 5,000 was a fifth of its machine's bus): met by either."""
    met = value >= PIPELINE_PER_S or (bus is not None and value >= PIPELINE_BUS_SHARE * bus)
    row = _throughput(name, value, bus, None)
    return (*row[:4], f">= {PIPELINE_PER_S:,} or {PIPELINE_BUS_SHARE}x", "yes" if met else "NO")


def _latency(
    name: str, value: float | None, ceiling: float | None, target: float | None = None
) -> tuple:
    # Ratio ceiling/Canopy, so 1.00 means "as fast as the ceiling" for every row.
    ratio = f"{ceiling / value:.2f}" if value and ceiling is not None else ""
    return (
        name,
        _n(value),
        _n(ceiling),
        ratio,
        f"<= {target}" if target else "",
        _met(value, target, low=True) if target else "",
    )


def _n(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def _met(value: float | None, target: float | None, *, low: bool = False) -> str:
    if value is None or target is None:
        return "?"
    return "yes" if (value <= target if low else value >= target) else "NO"


def table(results: dict[str, Any]) -> str:
    header = ("figure", "Canopy", "ceiling", "ratio", "target", "met")
    lines = [header, *rows(results)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = [_line(line, widths) for line in lines]
    text.insert(1, "-" * len(text[0]))
    return "\n".join([*text, "", *NOTES])


def _alone_rows(
    alone: dict[str, Any], ceiling: dict[str, Any], batch_ceiling: dict[str, Any]
) -> list[tuple[str, str, str, str, str, str]]:
    """Phases 1a/2a: intake with the machine's cores to itself (relay and anonymizer stopped)."""
    out = []
    if single := alone.get("single"):
        name = "1a. intake alone: single POST /s"
        out.append(_throughput(name, single["items_per_s"], ceiling.get("items_per_s"), 1000))
        out += _latency_rows("    intake alone latency", single, ceiling)
    if batch := alone.get("batch"):
        name = "2a. intake alone: batch sync /s"
        out.append(_throughput(name, batch["items_per_s"], batch_ceiling.get("items_per_s"), 10000))
    return out


def _hop_rows(
    results: dict[str, Any], bus: float | None
) -> list[tuple[str, str, str, str, str, str]]:
    """Phase 3h: one process doing the anonymizer's parts alone, against the bus; then the
    anonymizer draining the raw backlog against it: Canopy's own share of a hop."""
    hop = (results.get("hop_ceiling") or {}).get("per_s")
    if hop is None:
        return []
    out = [_throughput("3h. hop ceiling: consume -> produce /s", hop, bus, None)]
    stages = (results.get("pipeline") or {}).get("stages", [])
    if len(stages) > 1:
        name = "3h. anonymizer / hop ceiling /s"
        out.append(_throughput(name, stages[1]["per_s"], hop, None))
    return out


def _parts_rows(
    parts: dict[str, Any],
    results: dict[str, Any],
    ceiling: dict[str, Any],
    batch_ceiling: dict[str, Any],
) -> list[tuple[str, str, str, str, str, str]]:
    """Phase 1p: each rung of the parts ceiling against the framework's, then intake (alone,
    else beside the pipeline) against every part together: Canopy's own share."""
    if not parts:
        return []
    out = []
    rungs = sorted((int(rung), found) for rung, found in parts.items() if rung.isdigit())
    for rung, found in rungs:
        name = f"1p. parts ceiling {rung}: {found.get('label', '')} /s"
        out.append(_throughput(name, found["items_per_s"], ceiling.get("items_per_s"), None))
    every, every_batch = (rungs[-1][1] if rungs else None), parts.get("batch")
    if every:
        out += _latency_rows("    every part latency", every, ceiling)
    alone = results.get("intake_alone") or {}
    single = alone.get("single") or results.get("intake")
    if every and single:
        name = "1p. intake / every part, single POST /s"
        out.append(_throughput(name, single["items_per_s"], every["items_per_s"], 1000))
    if every_batch:
        name = "2p. parts ceiling, every part: batch sync /s"
        out.append(
            _throughput(name, every_batch["items_per_s"], batch_ceiling.get("items_per_s"), None)
        )
        if batch := alone.get("batch") or results.get("batch"):
            name = "2p. intake / every part, batch sync /s"
            out.append(_throughput(name, batch["items_per_s"], every_batch["items_per_s"], 10000))
    return out


def _latency_rows(
    label: str, load: dict[str, Any], ceiling: dict[str, Any]
) -> list[tuple[str, str, str, str, str, str]]:
    """p50, p95 and p99 of one HTTP load beside the ceiling's; p99 against issue #17's bar."""
    return [
        _latency(
            f"{label} {p[:3]} ms",
            load[p],
            ceiling.get(p),
            INTAKE_P99_MS if p == "p99_ms" else None,
        )
        for p in ("p50_ms", "p95_ms", "p99_ms")
    ]


NOTES = (
    "ratio: Canopy/ceiling for rates, ceiling/Canopy for times (1.00 = as good as the ceiling).",
    "1-2 ceiling: a bare Flask JSON endpoint under the services' gunicorn settings, same load:"
    " wrk (C) with 16 connections (batches: 4), every request a fresh walkthrough id.",
    "1a-2a: the same loads with the relay and the anonymizer stopped, so intake has both cores to"
    " itself, as on an intake instance of its own (what it accepts waits in its outbox meanwhile).",
    "1p-2p: the parts ceiling (tests/benchmark/parts_app.py), the same endpoint built from intake's"
    " parts alone, one added per rung, same load; ceiling: the framework's. 'intake / every part':"
    " intake alone (else beside the pipeline) against rung 5: the share left to Canopy's own work.",
    "3 ceiling: kafka-python produce->consume of same-sized messages on the same broker (one hop;"
    " the pipeline makes three). 'fed by intake' is bound by intake's own rate (no backlog)."
    " 'raw backlog': injected while the anonymizer is stopped, then drained by it; each stage's"
    " rate between 10 % and 90 % of its growth.",
    "3h: one process consuming a backlog of the same messages in a group, JSON decode + encode,"
    " producing each onto another topic (the services' producer settings), flush then commit per"
    " poll: the anonymizer's parts without its work. Ceiling: the bus.",
    "3s: the same backlog spread over 24 district keys, drained by 1, 2, 3 anonymizer consumers in"
    " one group (6 partitions); 'vs one': the anonymizer's rate over one consumer's. Relays:"
    " intake's batch sync through one, then two outbox relays; ceiling: intake's batch rate.",
    "4: relays look every 50 ms; the sink writes a batch it caught up with after 0.1 s (a busy one"
    " at ANALYTICS_SINK_BATCH_SECONDS); '201 -> inserted' is the pipeline's share (the sink's"
    " committed offsets), the rest is the summary call itself.",
    "5 ceiling (district): the same cube aggregate run directly on the engine; warm calls are"
    " answered from the decided-cube cache (ratio > 1). Region cold: the first call of each shape"
    " once the cut release was decided (the warmer decides it at the cut; 'release decided' is"
    " cut -> the first region answer); district cold: the first call after a restart. Phase 5"
    " starts once the pipeline has replayed what the relays re-published after the restart (the"
    " embedded broker's log starts empty; 'replay after restart').",
    "7 headless Chromium (Debian's) on the same machine; ceiling: the API's own time for the call"
    " behind the screen (/v1/summary, /v1/trends) as the browser saw it; every filter change asks"
    " for a view the page has not loaded yet. JS: every script the overview loads, gzip -6.",
)


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    first = cells[0].ljust(widths[0])
    return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))])
