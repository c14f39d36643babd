"""The build cache: what an unchanged article needs is never computed twice.

A rebuild of a large archive where a few articles changed should cost as much as those articles.
The cache keeps, under one directory (by default `OUTDIR/.iempkg-cache/`):

- `records/<key>.json`: the extracted record of a document, keyed by the document's content
  hash, its page metadata and the code fingerprint (so that a new extractor re-extracts);
- `graphs/<key>.nq`: the N-Quads of an article's named graph, keyed by its record, its text,
  the base IRI, the entity keys resolution gave its mentions and the code fingerprint;
- `files.jsonl`: what ingest read from each file, keyed by its path, size, times and inode, so
  that a rebuild reads and parses again only the files that changed (one line per file);
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
import stat
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, astuple
from functools import cache
from importlib import resources
from pathlib import Path

import orjson

from ._fingerprint import fingerprint
from .ingest import IngestProblem, read_documents
from .model import Article, Document, share_strings
from .validate import Violation

CACHE_DIRNAME = ".iempkg-cache"
_KINDS = ("records", "graphs")
FILES = "files.jsonl"
# A file changed less than this long before it was read may change again within the same tick
# of a coarse file-system clock without its times showing it (git's "racily clean" files): it
# is read again by the next build rather than trusted.
_RACY_NS = 2_000_000_000


@cache
def code_fingerprint() -> str:
    """A hash of the code a build runs and of the package's data: any change to extraction,
    resolution or mapping (rules, gazetteer, shapes) invalidates what was cached with the old
    code, and a change to code no build runs (queries, networks) does not (`_fingerprint`)."""
    data = {p: resources.files(p) for p in ("iempkg.ontology", "iempkg.gazetteer_data")}
    return fingerprint(resources.files("iempkg"), data)


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
        # What ingest read of each file, by key: the last build's (files.jsonl), this build's.
        self._files: dict[str, tuple[list[Document], list[IngestProblem]]] | None = None
        self._files_used: dict[str, tuple[list[Document], list[IngestProblem]]] = {}
        self._files_changed = False

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

    # --- files read by ingest ---------------------------------------------------------------

    def read_documents(
        self, path: Path, max_bytes: int, source: str
    ) -> tuple[list[Document], list[IngestProblem]]:
        """`ingest.read_documents`, except for a file that is as the last build found it (same
        path, size, modification and change times, inode, limit and code): its documents are
        taken from the cache instead of being read and parsed again (at 100,000 articles, a
        minute and a half of every rebuild)."""
        if self.root is None:
            return read_documents(path, max_bytes, source)
        try:
            info = os.stat(path)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            return read_documents(path, max_bytes, source)  # which says what is wrong
        parts = (path, source, max_bytes, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        key = "\x00".join(str(x) for x in (*parts, info.st_ino))
        found = self._file_entries().get(key)
        if found is None:
            found = read_documents(path, max_bytes, source)
            self._files_changed = True
            if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) <= _RACY_NS:
                return found
        self._files_used[key] = found
        return found

    def _file_entries(self) -> dict[str, tuple[list[Document], list[IngestProblem]]]:
        if self._files is None:
            self._files = {}
            assert self.root is not None
            try:
                with (self.root / FILES).open("rb") as fh:
                    if orjson.loads(fh.readline() or b"null") == {"code": code_fingerprint()}:
                        for line in fh:
                            if (entry := _decode_file(line)) is not None:
                                self._files[entry[0]] = entry[1]
            except (OSError, ValueError):
                self._files = {}  # no index, or a damaged one: every file is read again
        return self._files

    def _save_files(self) -> None:
        assert self.root is not None
        if not self._files_changed and self._files_used.keys() == self._file_entries().keys():
            return  # the same files as last time: nothing to write
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.root)
            with os.fdopen(fd, "wb") as fh:
                fh.write(orjson.dumps({"code": code_fingerprint()}) + b"\n")
                for key in sorted(self._files_used):
                    docs, problems = self._files_used[key]
                    rows = [[astuple(d) for d in docs], [astuple(p) for p in problems]]
                    fh.write(orjson.dumps([key, *rows], option=orjson.OPT_APPEND_NEWLINE))
            os.replace(tmp, self.root / FILES)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    # --- records ----------------------------------------------------------------------------

    def record(self, doc: Document) -> Article | None:
        text = self._read("records", record_key(doc), ".json")
        if text is None:
            return None
        try:
            article = Article.from_dict(orjson.loads(text), "cache")
        except Exception:  # a damaged entry is a miss, never a failed build
            return None
        article.source = doc.source
        return share_strings(article)

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

    def put_validation(
        self, base: str, keys: dict[str, str], violations: Iterable[Violation]
    ) -> None:
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
        self._save_files()
        for kind in _KINDS:
            base = self.root / kind
            if not base.is_dir():
                continue
            for path in base.glob("*/*"):
                if path.stem not in self.used[kind]:
                    path.unlink(missing_ok=True)


def graph_key(*parts: str) -> str:
    return _digest(code_fingerprint(), *parts)


def _decode_file(line: bytes) -> tuple[str, tuple[list[Document], list[IngestProblem]]] | None:
    """The key, documents and problems of a files.jsonl line; None for a damaged line."""
    try:
        key, docs, problems = orjson.loads(line)
        found = [Document(*row) for row in docs], [IngestProblem(*row) for row in problems]
    except (ValueError, TypeError):
        return None
    ok = type(key) is str and all(type(d.source) is str and type(d.text) is str for d in found[0])
    return (key, found) if ok else None
