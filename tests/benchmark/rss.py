"""Peak resident memory of every process of the running system, from /proc (no dependency):
each process's kernel-kept high-water mark (VmHWM), sampled until it exits."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def descendants(root: int) -> list[int]:
    tree, found, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += tree.get(pid, [])
    return found


def _peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _label(pid: int) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return str(pid)
    text = " ".join(a for a in argv if a)
    labels = {
        "canopy_shared.runtime.launcher": "launcher",
        "supervisor.supervisord": "supervisord",
        "canopy_shared.runtime.broker_process": "broker process",
        "tansu": "broker (tansu)",
    }
    for marker, label in labels.items():
        if marker in text:
            return label
    for arg in argv:
        if arg.startswith("canopy_") and ".app:" in arg:
            return f"{arg.split('.')[0]} web"
        if arg.startswith("canopy_shared.runtime.webserver:"):
            return "web app server"
    if "-m" in argv and len(argv) > argv.index("-m") + 2:
        module = argv[argv.index("-m") + 1]
        return f"{module} {argv[argv.index('-m') + 2]}"
    return text[:60]


@dataclass
class RssSampler:
    """Keeps each process's highest VmHWM, labelled; gunicorn masters and workers apart."""

    root: int
    peaks: dict[int, tuple[str, float]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> RssSampler:
        threading.Thread(target=self._run, daemon=True).start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(1.0)

    def sample(self) -> None:
        tree = descendants(self.root)
        for pid in tree:
            peak = _peak_mb(pid)
            if peak is None:
                continue
            label = self.peaks[pid][0] if pid in self.peaks else _label(pid)
            self.peaks[pid] = (label, max(peak, self.peaks.get(pid, ("", 0.0))[1]))

    def stop(self) -> dict[str, float]:
        """Peak MB per process label; processes sharing a label (a gunicorn master and its
        workers, supervisord) are reported as the largest of them, `name (xN)`."""
        self.sample()
        self._stop.set()
        groups: dict[str, list[float]] = {}
        for label, peak in self.peaks.values():
            groups.setdefault(label, []).append(peak)
        return {
            (label if len(peaks) == 1 else f"{label} (x{len(peaks)})"): round(max(peaks), 1)
            for label, peaks in sorted(groups.items())
        }
