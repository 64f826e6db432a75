"""CPU time the system's processes spent over a phase, from /proc (no dependency): what sizing
by cores needs ("one replica per N walkthroughs/s"), where a rate alone hides that the stages of
the embedded runtime share the machine's cores."""

from __future__ import annotations

import os
from pathlib import Path

from rss import _label, descendants

_TICKS_PER_S = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    """User + system seconds the process has run so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS_PER_S


class CpuMeter:
    """CPU seconds per process label between `__init__` and `seconds()`, of the processes
    running at the start (one that has exited by then counts nothing)."""

    def __init__(self, root: int) -> None:
        self._start = {pid: (_label(pid), _cpu_s(pid)) for pid in descendants(root)}

    def seconds(self) -> dict[str, float]:
        spent: dict[str, float] = {}
        for pid, (label, start) in self._start.items():
            now = _cpu_s(pid)
            spent[label] = spent.get(label, 0.0) + max(0.0, now - start)
        return spent
