"""Ingest: files and directories of news pages in, `Document`s out, one bad article never fatal.

Layout:
- `ingest(inputs, max_bytes, max_chars) -> IngestResult`: walks files and directories (sorted,
  hidden files left out), reads each article and reports what it could not read as
  `IngestProblem`s (file, line where it applies, reason); duplicates (same content hash) are built
  once and reported; an article over a size limit is refused without being read whole (a file by
  its size, a JSON Lines line by reading at most `max_bytes` of it);
- `read_documents(path, max_bytes, source) -> (documents, problems)`: one file, by format:
  plain text in the seed's layout (`.txt` and unknown suffixes), HTML (main text only, through
  trafilatura, which never runs scripts or follows links), Markdown with YAML front matter,
  JSON Lines / JSON (one article per line / object, keys below).

An article is `Document.text` = title, blank line, body paragraphs separated by blank lines;
`published` comes from the page's date line or metadata. JSON articles use the keys
`title`/`headline`, `published`/`date`/`datePublished`, `url`, `text`/`body`/`content` (plain) or
`html`, and optionally `source`/`id`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ._ingest_text import (
    Layout,
    NotText,
    clean,
    decode,
    first_heading,
    is_binary_text,
    parse_date,
    parse_layout,
    strip_markdown,
    unglue,
)
from .errors import InputError
from .limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
from .model import Document

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
# Files a directory walk passes over without a word: images, archives and the like are not news.
IGNORED_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".css", ".js", ".pdf", ".zip",
     ".gz", ".tar", ".mp4", ".mp3", ".woff", ".woff2", ".ttf", ".yaml", ".yml", ".py"}
)  # fmt: skip


@dataclass(frozen=True)
class IngestProblem:
    """An article that was not built, or (`built`) was built but lacks something: where and why."""

    path: str
    line: int | None
    reason: str
    built: bool = False  # a note on a built article ('built, but found no date'), not a skip

    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)


# --- the walk ---------------------------------------------------------------------------------


def _files(
    inputs: Sequence[str | Path], problems: list[IngestProblem]
) -> Iterator[tuple[Path, str]]:
    """(file, source name) for every input file; a directory's files named relative to it.

    A directory that cannot be listed is a problem of its own (the rest is still read); hidden
    files and directories, and symbolic links to directories, are left out.
    """
    for item in inputs:
        root = Path(item)
        if root.is_dir():
            found: list[Path] = []

            def unreadable(exc: OSError, root: Path = root) -> None:
                where = str(exc.filename or root)
                problems.append(
                    IngestProblem(where, None, f"cannot read the directory ({_why(exc)})")
                )

            for top, dirs, names in os.walk(root, onerror=unreadable):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(Path(top, name) for name in names if not name.startswith("."))
            for path in sorted(found):
                if path.suffix.lower() in IGNORED_SUFFIXES or not path.is_file():
                    continue
                yield path, path.relative_to(root).as_posix()
        elif root.exists() or root.is_symlink():
            yield root, root.name
        else:
            raise InputError("no such file or directory", str(root), "check the path")


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def ingest(
    inputs: Sequence[str | Path],
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    read: Reader | None = None,
) -> IngestResult:
    """Read every article under `inputs`; problems are collected, never raised per article.
    `read` reads one file (`read_documents`, or a build cache's `read_documents`, which skips
    the files it read before)."""
    read = read or read_documents
    if not inputs:
        raise InputError("no input given", None, "name files or directories of articles")
    result = IngestResult()
    seen_sources: set[str] = set()
    seen_hashes: dict[str, str] = {}
    for path, source in _files(inputs, result.problems):
        if source in seen_sources:
            source = path.as_posix()  # two inputs hold the same relative name
        docs, problems = read(path, max_bytes, source)
        result.problems.extend(problems)
        for doc in docs:
            if len(doc.text) > max_chars:
                result.problems.append(
                    IngestProblem(
                        doc.path or str(path),
                        doc.line,
                        f"article text of {len(doc.text):,} characters is over the limit of "
                        f"{max_chars:,} (--max-article-chars)",
                    )
                )
                continue
            if doc.source in seen_sources:
                result.problems.append(
                    IngestProblem(
                        doc.path or str(path),
                        doc.line,
                        f"source name '{doc.source}' used twice; kept the first",
                    )
                )
                continue
            seen_sources.add(doc.source)
            first = seen_hashes.setdefault(doc.content_hash, doc.source)
            if first != doc.source:
                result.problems.append(
                    IngestProblem(
                        doc.path or str(path),
                        doc.line,
                        f"duplicate of {first} (same content); built once",
                    )
                )
                continue
            result.documents.append(doc)
    return result


# --- one file ---------------------------------------------------------------------------------

# What reads one file: (path, max_bytes, source) -> (documents, problems).
Reader = Callable[[Path, int, str], tuple[list[Document], list[IngestProblem]]]


def read_documents(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, source: str | None = None
) -> tuple[list[Document], list[IngestProblem]]:
    """The articles of one file and the problems met reading it."""
    source = source or path.name
    where = str(path)
    suffix = path.suffix.lower()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return [], [IngestProblem(where, None, "not a regular file (a device, pipe or socket)")]
        if suffix in JSONL_SUFFIXES:
            return _read_jsonl(path, max_bytes, source)
        if info.st_size > max_bytes:
            return [], [_too_big(where, None, info.st_size, max_bytes)]
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # never more, even if the file grew since stat
        if len(data) > max_bytes:
            return [], [_too_big(where, None, info.st_size, max_bytes)]
    except OSError as exc:
        return [], [IngestProblem(where, None, f"cannot read the file ({_why(exc)})")]
    if not data.strip():
        return [], [IngestProblem(where, None, "empty file")]
    try:
        if suffix in JSON_SUFFIXES:
            return _read_json(data, where, source)
        kind = _sniff(data, suffix)
        text, _encoding = decode(data, _declared_charset(data) if kind == "html" else None)
        if is_binary_text(text):
            raise NotText("binary file (mostly unprintable characters)")
        doc = _document(text, kind, source, where)
    except (NotText, InputError) as exc:
        reason = exc.what if isinstance(exc, InputError) else str(exc)
        return [], [IngestProblem(where, None, reason)]
    return [doc], []


def _too_big(where: str, line: int | None, size: int, limit: int) -> IngestProblem:
    return IngestProblem(
        where,
        line,
        f"article of {size:,} bytes is over the limit of {limit:,} (--max-article-bytes)",
    )


def _sniff(data: bytes, suffix: str) -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "text"


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii") if m else None


def _document(text: str, kind: str, source: str, where: str, line: int | None = None,
              meta: dict[str, str | None] | None = None) -> Document:  # fmt: skip
    """A `Document` from decoded page text of one kind, with metadata that beats the text's."""
    meta = dict(meta or {})
    text = clean(text)
    if kind == "html":
        from ._ingest_html import read_html

        page = read_html(text)
        layout = parse_layout(page.text, has_title=False)
        for key, value in (("title", page.title), ("published", page.published), ("url", page.url)):
            meta.setdefault(key, value)
    elif kind == "markdown":
        layout = _markdown(text, meta)
    else:
        layout = parse_layout(text, has_title=False if meta.get("title") else None)
    title = meta.get("title") or layout.title
    title = " ".join(unglue(clean(title)).split()) if title else None
    body = [unglue(p) for p in layout.paragraphs]
    body = [p for p in body if p != title]
    if not body:
        raise InputError("no article text (nothing but a title, date or page furniture)")
    return Document(
        source=source,
        text="\n\n".join([title, *body] if title else body),
        title=title,
        published=meta.get("published") or layout.published,
        url=meta.get("url"),
        category=meta.get("category") or layout.category,
        path=where,
        line=line,
        format=kind,
        furniture=layout.furniture,
    )


def _markdown(text: str, meta: dict[str, str | None]) -> Layout:
    import frontmatter

    try:
        post = frontmatter.loads(text)
    except Exception as exc:  # the YAML of the front matter; its library raises several kinds
        raise InputError(
            f"front matter is not valid YAML ({type(exc).__name__})", None, "fix it"
        ) from exc
    for key, value in _metadata(post.metadata).items():
        meta.setdefault(key, value)
    body = post.content
    if not meta.get("title"):
        heading, body = first_heading(body)
        meta["title"] = heading
    return parse_layout(strip_markdown(body), has_title=False)


def _metadata(obj: dict[str, Any]) -> dict[str, str | None]:
    """title, published, url, category, source from front matter or a JSON article."""

    def first(*keys: str) -> Any:
        for key in keys:
            if obj.get(key) not in (None, ""):
                return obj[key]
        return None

    published = first("published", "date", "datePublished", "date_published", "pubdate")
    if isinstance(published, dt.datetime):
        published = published.date().isoformat()
    elif isinstance(published, dt.date):
        published = published.isoformat()
    elif published is not None:
        published = parse_date(str(published))
    out: dict[str, str | None] = {"published": published}
    for key, names in (
        ("title", ("title", "headline", "name")),
        ("url", ("url", "link", "permalink")),
        ("category", ("category", "section")),
        ("source", ("source", "id")),
    ):
        value = first(*names)
        text = clean(str(value)).strip() if not isinstance(value, dict | list | None) else ""
        out[key] = text or None
    return {k: v for k, v in out.items() if v is not None}


# --- JSON articles ----------------------------------------------------------------------------


def _json_article(obj: object, source: str, where: str, line: int | None) -> Document:
    if not isinstance(obj, dict):
        raise InputError("not a JSON object (one article per line is expected)", None)
    meta = _metadata(obj)
    src = meta.pop("source", None) or source
    for key, kind in (("text", "text"), ("body", "text"), ("content", "text"), ("html", "html")):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return _document(value, kind, src, where, line, meta)
    raise InputError("no 'text', 'body', 'content' or 'html' field", None)


def _read_jsonl(
    path: Path, max_bytes: int, source: str
) -> tuple[list[Document], list[IngestProblem]]:
    docs: list[Document] = []
    problems: list[IngestProblem] = []
    where = str(path)
    with path.open("rb") as fh:
        for number, raw, size in _lines(fh, max_bytes):
            if raw is None:
                problems.append(_too_big(where, number, size, max_bytes))
                continue
            if not raw.strip():
                continue
            try:
                text, _ = decode(raw.lstrip(b"\xef\xbb\xbf") if number == 1 else raw)
                obj = json.loads(text)
                docs.append(_json_article(obj, f"{source}:{number}", where, number))
            except json.JSONDecodeError as exc:
                problems.append(IngestProblem(where, number, f"not valid JSON ({exc.msg})"))
            except (NotText, InputError) as exc:
                reason = exc.what if isinstance(exc, InputError) else str(exc)
                problems.append(IngestProblem(where, number, reason))
    return docs, problems


def _lines(fh: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, line, size) of each line; a line over `max_bytes` comes as None with its size,
    read past in chunks and never held in memory whole."""
    number = 0
    while raw := fh.readline(max_bytes + 1):
        number += 1
        if len(raw) <= max_bytes:
            yield number, raw, len(raw)
            continue
        size = len(raw)
        while not raw.endswith(b"\n") and (raw := fh.readline(1 << 20)):
            size += len(raw)
        yield number, None, size


def _read_json(data: bytes, where: str, source: str) -> tuple[list[Document], list[IngestProblem]]:
    text, _ = decode(data)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [IngestProblem(where, exc.lineno, f"not valid JSON ({exc.msg})")]
    items = obj if isinstance(obj, list) else [obj]
    docs: list[Document] = []
    problems: list[IngestProblem] = []
    for i, item in enumerate(items, start=1):
        name = source if len(items) == 1 else f"{source}:{i}"
        try:
            docs.append(_json_article(item, name, where, None if len(items) == 1 else i))
        except (NotText, InputError) as exc:
            reason = exc.what if isinstance(exc, InputError) else str(exc)
            problems.append(IngestProblem(where, None if len(items) == 1 else i, reason))
    return docs, problems
