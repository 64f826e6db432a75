"""Reads py-spy's collapsed stacks (`frame;frame;... count` per line, root first) and says which
functions the samples were spent in: inclusive (on the stack) and self (at the top)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

# py-spy frame: "function (path/to/file.py:123)"; the line number differs per call site.
FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>.*?)(?::\d+)?\)$")
# A thread whose innermost frame is one of these is waiting (for work, a socket, a lock), not
# working: gunicorn's idle pool threads, kafka-python's sender between batches.
IDLE_FUNCTIONS = {"select", "poll", "wait", "accept", "_worker", "get", "sleep"}
IDLE_MODULES = ("selectors.py", "threading.py", "socket.py", "concurrent/futures/", "queue.py")


def is_idle(frame: str) -> bool:
    match = FRAME.match(frame)
    if not match or match["function"].rsplit(".", 1)[-1] not in IDLE_FUNCTIONS:
        return False
    return match["file"].startswith(IDLE_MODULES)  # py-spy names files relative to sys.path


def function_of(frame: str) -> str:
    match = FRAME.match(frame)
    if not match:
        return frame
    return f"{match['function']} ({match['file']})"


def shares(lines: Iterable[str]) -> tuple[int, Counter[str], Counter[str]]:
    """(busy samples, inclusive samples per function, self samples per function); samples of
    an idle thread (waiting on a lock, a socket or a selector) are left out."""
    total, inclusive, itself = 0, Counter[str](), Counter[str]()
    for line in lines:
        stack, _, count_text = line.rstrip().rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        frames = stack.split(";")
        if is_idle(frames[-1]):
            continue
        count = int(count_text)
        total += count
        for function in {function_of(f) for f in frames}:
            inclusive[function] += count
        itself[function_of(frames[-1])] += count
    return total, inclusive, itself


def top_table(title: str, files: list[Path], rows: int = 15) -> str:
    """Canopy's own functions by inclusive share (where its code spends, callees included),
    then every function by self share (where the CPU or the wait actually is)."""
    lines = [line for path in files for line in path.read_text().splitlines()]
    total, inclusive, itself = shares(lines)
    if not total:
        return f"\n{title}: no busy samples"
    out = [f"\n{title}: {total:,} busy samples (idle threads left out)"]
    out.append(f"{'incl %':>7}  Canopy's functions, callees included")
    own = [(f, n) for f, n in inclusive.most_common() if "canopy_" in f][:rows]
    out += [f"{100 * n / total:7.1f}  {f}" for f, n in own]
    out.append(f"{'self %':>7}  every function, its own time")
    out += [f"{100 * n / total:7.1f}  {f}" for f, n in itself.most_common(rows)]
    return "\n".join(out)
