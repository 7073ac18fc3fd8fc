"""The package's shape: every module imports on its own, and no two modules import each other."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from support.paths import REPO


def _cycles_script():
    spec = importlib.util.spec_from_file_location("import_cycles", REPO / "scripts" / "import_cycles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _cycles_script()
MODULES = sorted(name for name in SCRIPT.modules() if not name.endswith("__main__"))
# alembic runs these scripts itself, inside its own context
IMPORTABLE = [m for m in MODULES if not m.startswith("clashwatch.store.migrations.")]


def test_the_import_graph_has_no_cycle():
    graph = SCRIPT.graph()
    assert len(graph) == len(MODULES) + 1  # and clashwatch.cli.__main__
    assert SCRIPT.cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert SCRIPT.cycles(graph) == [["a", "b", "c"]]


def test_batch_and_stages_never_import_the_command_line_or_the_store():
    graph = SCRIPT.graph()
    for name, imported in graph.items():
        if name.startswith(("clashwatch.batch", "clashwatch.stages", "clashwatch.readers", "clashwatch.outputs")):
            assert not any(m == "clashwatch.cli" or m.startswith("clashwatch.cli.") for m in imported), name
        if name.startswith("clashwatch.stages"):
            assert not any(m.startswith(("clashwatch.store", "clashwatch.web")) for m in imported), name


def _import_alone(module: str) -> tuple[str, int, str]:
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=300)
    return module, done.returncode, done.stderr.strip().splitlines()[-1:] and done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("chunk", range(2))
def test_every_module_imports_in_a_fresh_interpreter(chunk):
    mine = IMPORTABLE[chunk::2]
    with ThreadPoolExecutor(2) as pool:
        failed = [(m, err) for m, code, err in pool.map(_import_alone, mine) if code != 0]
    assert failed == []
