"""The interface's layout: no import cycle, the engine reached through one module, no module over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import newsreader.ui

UI = Path(newsreader.ui.__file__).parent
# The engine, reached through ui/data.py alone; and what is behind it, which the interface never imports
# (tests/test_layers.py holds the whole face rule).
ENGINE = (
    "newsreader.engine",
    "newsreader.store",
    "newsreader.fetch",
    "newsreader.refresh",
    "newsreader.clean",
    "newsreader.fulltext",
)
DATA = {"newsreader.ui.data"}


def modules() -> dict[str, set[str]]:
    """Each interface module and every newsreader module it imports, type-checking imports included."""
    graph: dict[str, set[str]] = {}
    for path in UI.rglob("*.py"):
        name = ".".join(("newsreader", "ui", *path.relative_to(UI).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        imports: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsreader"):
                imports.add(node.module)
                imports.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                imports.update(alias.name for alias in node.names if alias.name.startswith("newsreader"))
        graph[name] = imports
    return graph


def test_no_import_cycle_in_the_interface():
    graph = modules()
    inside = {name: {m for m in imports if m in graph and m != name} for name, imports in graph.items()}

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for nxt in inside[start]:
            if nxt == target or (nxt not in seen and (seen.add(nxt) or reaches(nxt, target, seen))):
                return True
        return False

    assert [name for name in inside if reaches(name, name, set())] == []


def test_only_the_data_module_reaches_the_engine():
    offenders = {
        name: sorted(m for m in imports if m.startswith(ENGINE))
        for name, imports in modules().items()
        if name not in DATA and any(m.startswith(ENGINE) for m in imports)
    }
    assert offenders == {}
    assert all(m.startswith(ENGINE[0]) for m in modules()["newsreader.ui.data"] if m.startswith(ENGINE))


def test_no_interface_module_over_400_lines():
    long = {p.name: n for p in UI.rglob("*.py") if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}
