"""The build cache: what an unchanged article needs is never computed twice.

A rebuild of a large archive where a few articles changed should cost as much as those articles.
The cache keeps, under one directory (by default `OUTDIR/.iempkg-cache/`):

- `records/<key>.json`: the extracted record of a document, keyed by the document's content
  hash, its page metadata and the code fingerprint (so that a new extractor re-extracts);
- `graphs/<key>.nq`: the N-Quads of an article's named graph, keyed by its record, its text,
  the base IRI, the entity keys resolution gave its mentions and the code fingerprint;
- `validation.json`: the last build's SHACL results with the key of every article graph, so
  that the next build checks again only the graphs whose key changed (validate.revalidate).

Every entry is content-addressed and written atomically (temporary file, then rename), so a build
killed at any moment leaves a cache that is still right, only less full. After a build the
entries it did not use are removed (`prune`), so the cache holds one archive's state.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .model import Article, Document
from .validate import Violation

CACHE_DIRNAME = ".iempkg-cache"
_KINDS = ("records", "graphs")


@cache
def code_fingerprint() -> str:
    """A hash of the package's code and data: any change to extraction, resolution or mapping
    (rules, gazetteer, shapes) invalidates what was cached with the old code."""
    h = hashlib.sha256()

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            name = f"{prefix}/{child.name}"
            if child.is_dir():
                if child.name != "__pycache__":
                    walk(child, name)
            elif child.name.endswith((".py", ".yaml", ".yml", ".json", ".ttl", ".csv", ".rq")):
                h.update(name.encode())
                h.update(child.read_bytes())

    for package in ("iempkg", "iempkg.ontology", "iempkg.gazetteer_data"):
        walk(resources.files(package), package)
    return h.hexdigest()[:16]


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


def record_key(doc: Document) -> str:
    """What the extractor reads of a document (not its file name: duplicates share a record)."""
    return _digest(
        code_fingerprint(), doc.content_hash, doc.url or "", doc.category or "", doc.format
    )


class BuildCache:
    """A cache directory, or `None` for a build that caches nothing."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.used: dict[str, set[str]] = {kind: set() for kind in _KINDS}
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, key: str, suffix: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}{suffix}"

    def _read(self, kind: str, key: str, suffix: str) -> str | None:
        if self.root is None:
            return None
        self.used[kind].add(key)
        try:
            text = self._path(kind, key, suffix).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            self.misses += 1
            return None
        self.hits += 1
        return text

    def _write(self, kind: str, key: str, suffix: str, text: str) -> None:
        if self.root is None:
            return
        self.used[kind].add(key)
        self._write_file(self._path(kind, key, suffix), text)

    @staticmethod
    def _write_file(path: Path, text: str) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    # --- records ----------------------------------------------------------------------------

    def record(self, doc: Document) -> Article | None:
        text = self._read("records", record_key(doc), ".json")
        if text is None:
            return None
        try:
            article = Article.from_dict(json.loads(text), "cache")
        except Exception:  # a damaged entry is a miss, never a failed build
            return None
        article.source = doc.source
        return article

    def put_record(self, doc: Document, article: Article) -> None:
        text = json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True)
        self._write("records", record_key(doc), ".json", text)

    # --- article graphs and their checks ----------------------------------------------------

    def graph(self, key: str) -> str | None:
        text = self._read("graphs", key, ".nq")
        # Entries are written whole (rename), so only a hand-damaged one is not; an article
        # graph is never empty.
        if text is not None and not text.endswith(" .\n"):
            self.hits, self.misses = self.hits - 1, self.misses + 1
            return None
        return text

    def put_graph(self, key: str, nquads: str) -> None:
        self._write("graphs", key, ".nq", nquads)

    # --- the last build's SHACL report ----------------------------------------------------

    def validation(self, base: str) -> tuple[dict[str, str], list[Violation]] | None:
        """(graph keys, violations) of the last build's report, if made by this code and base."""
        if self.root is None:
            return None
        try:
            data = json.loads((self.root / "validation.json").read_text("utf-8"))
            if data["code"] != code_fingerprint() or data["base"] != base:
                return None
            keys = {str(k): str(v) for k, v in data["graphs"].items()}
            return keys, [Violation(**v) for v in data["violations"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # no report, or a damaged one: the next check is a full one

    def put_validation(self, base: str, keys: dict[str, str], violations: Iterable[Violation]) -> None:
        if self.root is None:
            return
        data = {
            "code": code_fingerprint(),
            "base": base,
            "graphs": keys,
            "violations": [asdict(v) for v in violations],
        }
        self._write_file(self.root / "validation.json", json.dumps(data, sort_keys=True))

    # --- housekeeping -----------------------------------------------------------------------

    def prune(self) -> None:
        """Remove the entries this build did not use: the cache holds one archive's state, so
        it never grows beyond the size of the last build."""
        if self.root is None:
            return
        for tmp in self.root.glob(".*.tmp"):  # a report being written when a build was killed
            tmp.unlink(missing_ok=True)
        for kind in _KINDS:
            base = self.root / kind
            if not base.is_dir():
                continue
            for path in base.glob("*/*"):
                if path.stem not in self.used[kind]:
                    path.unlink(missing_ok=True)


def graph_key(*parts: str) -> str:
    return _digest(code_fingerprint(), *parts)
