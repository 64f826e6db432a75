"""`make run`'s terminal shows what a person needs (warnings, errors, a process that died) and
every process's full output goes to var/logs/<process>.log."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from canopy_shared.runtime.terminal import Message, TerminalPrinter

NOW = datetime(2026, 12, 1, 9, 30, 0)


def line(name: str, data: str) -> Message:
    return Message(type="line", data=data, time=NOW, name=name, colour=None)


def printed(tmp_path: Path, *messages: Message) -> tuple[str, TerminalPrinter]:
    out = io.StringIO()
    printer = TerminalPrinter(tmp_path, output=out)
    for message in messages:
        printer.write(message)
    printer.close()
    return out.getvalue(), printer


def test_library_chatter_goes_only_to_the_process_log(tmp_path: Path) -> None:
    chatter = (
        "2026-12-01 09:30:00,001 kafka.conn INFO <BrokerConnection ...>: connected\n"
        "2026-12-01 09:30:00,002 kafka.net.selector WARNING Task ran for 0.182s (>0.100s)\n"
    )
    shown, _ = printed(tmp_path, line("anonymizer-consume", chatter))
    assert shown == ""
    assert "connected" in (tmp_path / "anonymizer-consume.log").read_text()


def test_warnings_and_errors_with_their_traceback_are_shown(tmp_path: Path) -> None:
    error = (
        "[2026-12-01 09:30:00] [12] [ERROR] Exception in worker process\n"
        "Traceback (most recent call last):\n"
        '  File "app.py", line 3, in create_app\n'
        "RuntimeError: no database\n"
        "[2026-12-01 09:30:01] [12] [INFO] Worker exiting\n"
    )
    shown, _ = printed(tmp_path, line("tenancy-web", error))
    assert "Exception in worker process" in shown
    assert 'File "app.py", line 3' in shown and "RuntimeError: no database" in shown
    assert "Worker exiting" not in shown


def test_a_process_that_dies_on_its_own_is_named(tmp_path: Path) -> None:
    shown, _ = printed(tmp_path, line("system", "analytics-web stopped (rc=3)\n"))
    assert "analytics-web stopped (rc=3)" in shown
    assert "analytics-web stopped" in (tmp_path / "launcher.log").read_text()


def test_a_requested_stop_is_quiet(tmp_path: Path) -> None:
    shown, printer = printed(
        tmp_path,
        line("system", "SIGINT received\n"),
        line("anonymizer-consume", "kafka.net.manager ERROR Connection failed: ECONNREFUSED\n"),
        line("system", "analytics-web stopped (rc=1)\n"),
    )
    assert printer.stopping
    assert shown.strip() == "Stopping Canopy ..."
