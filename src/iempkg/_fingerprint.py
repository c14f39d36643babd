"""The code fingerprint of the build cache: a hash of the code a build runs and the data it reads.

Every cached record and graph is keyed by it, so a new extractor, resolver or mapping re-does
what the old one made. Only the modules a build can run count: the import closure of the
pipeline, read from the source with the imports made inside functions (`_ingest_html` is
imported only when an HTML page comes), so that a change to the query, network, endpoint,
evaluation or command-line code does not throw away an archive's cached extraction (at
100,000 articles, half an hour of work). Every data file of the package counts.
"""

from __future__ import annotations

import ast
import hashlib
from importlib.resources.abc import Traversable

DATA_SUFFIXES = (".yaml", ".yml", ".json", ".ttl", ".csv", ".rq")
# The pipeline, and the data package its stages read with importlib.resources (not an import).
BUILD_ROOTS = ("iempkg.pipeline", "iempkg.resources")


def _module_file(root: Traversable, name: str) -> Traversable | None:
    """The source of module `name` (iempkg.x.y) under the package directory `root`."""
    *packages, last = name.split(".")[1:] or [""]
    node = root
    for part in packages:
        node = node / part
    candidates = (
        [root / "__init__.py"] if not last else [node / last / "__init__.py", node / f"{last}.py"]
    )
    return next((c for c in candidates if c.is_file()), None)


def _imports(source: str, name: str, is_package: bool) -> set[str]:
    """The iempkg modules that module `name` imports anywhere in its body."""
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "iempkg")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            if base.split(".")[0] != "iempkg":
                continue
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)  # `from . import x`: a module
    return found


def build_modules(root: Traversable) -> dict[str, Traversable]:
    """The modules (name -> source file) of the package at `root` that a build can run."""
    seen: dict[str, Traversable] = {}
    todo = ["iempkg", *BUILD_ROOTS]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(root, name)
        if path is None:  # a name imported from a module, not a module
            continue
        seen[name] = path
        for parent in _parents(name):
            todo.append(parent)  # importing a.b.c runs a/__init__ and a/b/__init__
        todo.extend(_imports(path.read_text("utf-8"), name, path.name == "__init__.py"))
    return seen


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def fingerprint(root: Traversable, data_roots: dict[str, Traversable]) -> str:
    """A hash of the build's modules under `root` and of every data file under `root` and
    `data_roots` (package name -> directory)."""
    h = hashlib.sha256()
    wanted = {n.replace(".", "/") for n in build_modules(root)}

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            name = f"{prefix}/{child.name}"
            if child.is_dir():
                if child.name != "__pycache__":
                    walk(child, name)
            elif child.name.endswith(".py"):
                module = name[: -len("/__init__.py")] if child.name == "__init__.py" else name[:-3]
                if prefix.split("/")[0] == "iempkg" and module not in wanted:
                    continue
                h.update(name.encode())
                h.update(child.read_bytes())
            elif child.name.endswith(DATA_SUFFIXES):
                h.update(name.encode())
                h.update(child.read_bytes())

    walk(root, "iempkg")
    for package, node in sorted(data_roots.items()):
        walk(node, package)
    return h.hexdigest()[:16]
