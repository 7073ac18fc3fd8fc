"""Walk clashwatch's import graph and print every cycle in it.

    python scripts/import_cycles.py            # exit 1 and the cycles when there are any
    python scripts/import_cycles.py --graph    # also print each module's imports

Every ``import`` and ``from ... import`` statement of every module under
``src/clashwatch`` counts, the ones inside functions too (a lazy import still ties the
two modules together). ``from package import name`` is an edge to the submodule when
``name`` is one, else to the package. The implicit import of a package's ``__init__``
when one of its modules is imported is not an edge: a package that imports its own
modules is how Python packages are built.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "clashwatch"


def modules(src: Path = SRC) -> dict[str, Path]:
    found = {}
    for path in sorted((src / ROOT).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The clashwatch modules that ``name`` imports."""
    is_package = path.name == "__init__.py"
    package = name.split(".") if is_package else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    out.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target not in known:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in known else target)
    out.discard(name)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def graph(src: Path = SRC) -> dict[str, set[str]]:
    known = modules(src)
    return {name: imports(name, path, known) for name, path in known.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the import cycles of clashwatch.")
    parser.add_argument("--graph", action="store_true", help="print every module's imports too")
    args = parser.parse_args(argv)
    g = graph()
    if args.graph:
        for name in sorted(g):
            print(f"{name}: {', '.join(sorted(g[name])) or '-'}")
    found = cycles(g)
    edges = sum(len(v) for v in g.values())
    print(f"{len(g)} modules, {edges} imports between them, {len(found)} cycle(s)")
    for component in found:
        print("cycle: " + " <-> ".join(component))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
