"""Where the time of one walkthrough POST and of one anonymized message goes: starts the system as
`make run` does, builds the bench network, loads intake with wrk while py-spy samples every intake
gunicorn worker, then drains a raw backlog while py-spy samples the anonymizer consumer. Prints
the top of each profile (inclusive and self share of samples per function) and keeps the raw
collapsed stacks (flamegraph input) in bench-results/.

    make profile [PROFILE_S=20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bus  # noqa: E402
import wrk_load  # noqa: E402
from network import build, walkthrough_bodies  # noqa: E402
from profile_stacks import top_table  # noqa: E402
from rss import _label, descendants  # noqa: E402
from scales import SCALES  # noqa: E402

from canopy_shared.contracts.topics import OBSERVATIONS_RAW  # noqa: E402
from canopy_shared.testing.system import running_system, system_environment  # noqa: E402

PY_SPY = str(Path(sys.executable).parent / "py-spy")


def pids_labelled(root: int, prefix: str) -> list[int]:
    return [pid for pid in descendants(root) if _label(pid).startswith(prefix)]


def record(pids: list[int], seconds: float, out: Path) -> list[Path]:
    """py-spy on each pid for `seconds` (sampling without pausing the process); the files."""
    files, runs = [], []
    for pid in pids:
        path = out.with_name(f"{out.stem}-{pid}.txt")
        command = [PY_SPY, "record", "--pid", str(pid), "--duration", str(round(seconds))]
        command += ["--rate", "250", "--nonblocking", "--format", "raw", "--output", str(path)]
        runs.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        files.append(path)
    for run in runs:
        run.wait(seconds + 60)
    return [f for f in files if f.exists()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--out", default="bench-results")
    args = parser.parse_args()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = Path(args.out).resolve()
    var_dir = out / f"var-profile-{stamp}"
    var_dir.mkdir(parents=True)
    with running_system(var_dir, env=system_environment(var_dir, demo=False)) as system:
        root = system.process.pid
        bench, _ = build(system.config, SCALES["default"].plan)
        workers = [p for p in pids_labelled(root, "canopy_intake web") if _is_worker(p)]
        # analytics' worker holds the sink: what each walkthrough costs it as it arrives.
        sinks = [p for p in pids_labelled(root, "canopy_analytics web") if _is_worker(p)]
        load = threading.Thread(
            target=wrk_load.run_wrk,
            args=(system.url("observation-intake"), walkthrough_bodies(bench, seed=1)),
            kwargs={"seconds": args.seconds + 4},
        )
        load.start()
        time.sleep(2)  # past connection set-up
        recorded = record(workers + sinks, args.seconds, out / f"profile-intake-{stamp}")
        load.join()
        intake = [f for f in recorded if int(f.stem.rsplit("-", 1)[1]) in workers]
        sink = [f for f in recorded if f not in intake]
        print(top_table("intake: POST /v1/walkthroughs (every worker)", intake))
        print(top_table("analytics worker (the sink) while intake takes single POSTs", sink))

        bootstrap = system.config.bootstrap_servers
        templates = bus.sample_messages(bootstrap, OBSERVATIONS_RAW.name, 50)
        anonymizer = pids_labelled(root, "canopy_anonymizer")
        backlog = threading.Thread(
            target=bus.inject_raw, args=(bootstrap, templates, SCALES["default"].pipeline_messages)
        )
        backlog.start()
        files = record(anonymizer, args.seconds, out / f"profile-anonymizer-{stamp}")
        backlog.join()
        print(top_table("anonymizer: one raw walkthrough -> anonymized", files))
    print(f"\ncollapsed stacks (flamegraph input): {out}/profile-*-{stamp}-*.txt")


def _is_worker(pid: int) -> bool:
    """A gunicorn worker (its parent is the master, labelled the same)."""
    try:
        parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return False
    return _label(parent) == _label(pid)


if __name__ == "__main__":
    main()
