"""The import rules of the layers, read from the source: faces call the engine; clean/ does no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "newsreader"

# What a face (the command line, the interface) may import from newsreader: the engine and the plain
# modules around it, nothing behind it (store, fetch, feeds, refresh, fulltext, clean, subscriptions).
FACE_MAY_IMPORT = (
    "newsreader",  # __version__
    "newsreader.engine",
    "newsreader.models",
    "newsreader.config",
    "newsreader.locations",
    "newsreader.text",
    "newsreader.networks",  # the social-network hosts, plain data
    "newsreader.output",  # the command line's one sanitising point for what it prints
)
# clean/ turns page bytes into a Cleaned: no store, network, settings, faces or engine inside it.
CLEAN_MUST_NOT_IMPORT = (
    "newsreader.store",
    "newsreader.fetch",
    "newsreader.refresh",
    "newsreader.fulltext",
    "newsreader.config",
    "newsreader.cli",
    "newsreader.engine",
    "newsreader.ui",
    "newsreader.locations",
    "newsreader.pools",
    "aiohttp",
    "sqlite3",
    "socket",
    "urllib.request",
    "http",
    "subprocess",
    "multiprocessing",
    "concurrent",
    "argparse",
    "sys",
    "os",
)


def imports_of(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every module path imports, at the top or inside functions, relative imports made absolute."""
    package = ".".join(path.relative_to(root.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = parts[: len(parts) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def face_violations(paths: list[Path], own: tuple[str, ...], root: Path = PACKAGE) -> list[str]:
    """The imports of these modules that reach past the engine (own: the face's own modules)."""
    return [
        f"{path.relative_to(root)} imports {module}"
        for path in paths
        for module in sorted(imports_of(path, root))
        if module.startswith("newsreader.")
        and not _within(module, own + FACE_MAY_IMPORT[1:])
        and module != "newsreader.__version__"
    ]


def test_the_command_line_calls_only_the_engine():
    paths = sorted(PACKAGE.glob("cli*.py"))
    assert paths, "no command-line modules found"
    # The interface is started from the command line; what it imports is the interface's rule below.
    own = (*(f"newsreader.{p.stem}" for p in paths), "newsreader.ui.app")  # cli.py and each cli_<area>.py
    assert face_violations(paths, own) == []


def test_clean_imports_no_io():
    bad = [
        f"{path.relative_to(PACKAGE)} imports {m}"
        for path in sorted((PACKAGE / "clean").rglob("*.py"))
        for m in sorted(imports_of(path))
        if _within(m, CLEAN_MUST_NOT_IMPORT)
    ]
    assert bad == []


def test_the_interface_calls_only_the_engine():
    paths = sorted((PACKAGE / "ui").rglob("*.py"))
    assert face_violations(paths, ("newsreader.ui",)) == []


def test_the_checker_sees_lazy_and_relative_imports(tmp_path):
    root = tmp_path / "newsreader"
    root.mkdir()
    face = root / "cli_x.py"
    face.write_text("def f():\n    from newsreader.store import Store\n    from .fetch import fetch_url\n")
    assert face_violations([face], ("newsreader.cli_x",), root) == [
        "cli_x.py imports newsreader.fetch",
        "cli_x.py imports newsreader.fetch.fetch_url",
        "cli_x.py imports newsreader.store",
        "cli_x.py imports newsreader.store.Store",
    ]
