"""Scale-out in the embedded runtime: more processes of one command (e.g. anonymizer consumers
in one group) from one setting each, and exactly one of each by default."""

from __future__ import annotations

from pathlib import Path

from canopy_shared.runtime.processes import RuntimeConfig, process_table


def _names(environ: dict[str, str]) -> list[str]:
    return [name for name, _, _ in process_table(RuntimeConfig.from_env(environ))]


def test_one_process_per_command_by_default(tmp_path: Path) -> None:
    names = _names({"CANOPY_VAR_DIR": str(tmp_path)})
    assert names.count("anonymizer-consume") == 1
    assert not [name for name in names if name.endswith("-2")]


def test_replicas_of_a_command_run_the_same_command_under_their_own_names(tmp_path: Path) -> None:
    environ = {
        "CANOPY_VAR_DIR": str(tmp_path),
        "CANOPY_ANONYMIZER_CONSUME_REPLICAS": "3",
        "CANOPY_INTAKE_RELAY_REPLICAS": "2",
    }
    table = {name: (command, env) for name, command, env in process_table(
        RuntimeConfig.from_env(environ)
    )}  # fmt: skip
    consumers = ["anonymizer-consume", "anonymizer-consume-2", "anonymizer-consume-3"]
    relays = ["observation-intake-relay", "observation-intake-relay-2"]
    for group in (consumers, relays):
        assert all(name in table for name in group)
        assert len({table[name][0] for name in group}) == 1  # one command line
        assert all(table[name][1] == table[group[0]][1] for name in group)  # one environment
    assert "observation-intake-consume-2" not in table
