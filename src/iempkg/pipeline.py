"""The product's table of contents: ingest -> extract -> resolve -> map -> validate -> export.

Layout:
- `BuildOptions`: every knob of a build (base IRI, curated records, gazetteer files, jobs, limits);
- `extract_documents(docs, options) -> (articles, problems)`: records for documents, a curator's
  record winning over extraction; one failing article becomes a problem, never a failed build;
- `assemble(docs, articles, options, kg) -> (KnowledgeGraph, Resolution)`: resolution, then
  `map_articles` into one named graph per article plus the entities and vocabulary graphs;
- `build(inputs, outdir, options) -> BuildResult`: the whole run; outputs are written to a
  temporary directory inside `outdir` and moved into place only when everything succeeded, so a
  failed or killed build leaves the previous outputs intact.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

import orjson
import yaml

from .cache import CACHE_DIRNAME, BuildCache, graph_key
from .curation import load_curation
from .dirswap import recover, remove_stale, swap_into_place, work_prefix
from .errors import ConfigError, IempkgError, InputError, RecordError
from .export import EXPORT_FORMATS, atomic_write_text, export_many
from .extract import extract_article
from .gazetteer import load_gazetteer
from .ingest import IngestProblem, ingest
from .limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_ENTITIES,
    entity_limit_reason,
    incomplete,
    record_problem,
)
from .mapping import map_article, map_entities, map_vocabulary, mapping_inputs, source_slug
from .model import Article, Document, share_strings
from .parallel import eased_collector, ordered_map
from .resolve import Resolution, resolve
from .store import KnowledgeGraph, StagedStore, check_store_dir
from .validate import ValidationReport, revalidate, validate
from .vocab import DEFAULT_BASE, DataIris, check_base

BUILD_FORMATS = ("turtle", "jsonld", "trig")
BUILD_FILES = ("kg.ttl", "kg.jsonld", "kg.trig", "validation.txt")


@dataclass
class BuildOptions:
    base: str = DEFAULT_BASE
    curated: Sequence[Path] = ()  # directories or files of hand-written records
    gazetteers: Sequence[Path] = ()  # extra gazetteer files
    curation: Path | None = None  # a curator's entity decisions (YAML, see curation.py)
    jobs: int = 1  # the CLI's default is every core
    max_bytes: int | None = None
    cache: Path | None = None  # the build cache directory (cache.py); default OUTDIR/.iempkg-cache
    use_cache: bool = True  # False: extract and map everything again, keep no cache
    max_chars: int | None = None  # characters of article text (limits.py)
    max_entities: int | None = DEFAULT_MAX_ENTITIES  # organisations + persons per article
    store: Path | None = None  # an on-disk Oxigraph store to (re)build, else memory
    progress: bool = False
    formats: Sequence[str] = BUILD_FORMATS  # graph files written (see export.EXPORT_FORMATS)
    full_validation: bool = False  # check the whole graph even where the cache could spare it


def parse_formats(text: str) -> tuple[str, ...]:
    """'turtle,trig' as the formats a build writes; 'none' for none."""
    names = [f.strip().lower() for f in text.split(",") if f.strip()]
    if names == ["none"]:
        return ()
    graph_formats = [f for f in EXPORT_FORMATS if f != "jsonld-framed"]
    for name in names:
        if name not in graph_formats:
            raise ConfigError(
                f"unknown format '{name}'",
                "option --formats",
                f"use some of {', '.join(graph_formats)} or none",
            )
    return tuple(dict.fromkeys(names))


@dataclass
class BuildResult:
    outdir: Path
    files: list[Path]
    articles: list[Article]
    problems: list[IngestProblem]
    report: ValidationReport
    triples: int | None  # distinct triples of the union; None when no export needed them
    statements: int = 0  # quads in the named graphs
    resolution: Resolution = field(default_factory=Resolution)

    @property
    def events(self) -> int:
        return sum(len(a.events) for a in self.articles)


# --- records ---------------------------------------------------------------------------------


def read_record_file(path: Path) -> list[Article]:
    """Hand-written records: a JSON object, a JSON list, JSON Lines, or YAML (one or a list)."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(f"cannot read the record ({exc})", str(path), "save it as UTF-8") from exc
    items: list[tuple[object, str]] = []
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            data = list(yaml.safe_load_all(text))
            for doc in data:
                for item in doc if isinstance(doc, list) else [doc]:
                    items.append((item, str(path)))
        elif path.suffix.lower() == ".jsonl":
            for i, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    items.append((json.loads(line), f"{path}:{i}"))
        else:
            data = json.loads(text)
            for item in data if isinstance(data, list) else [data]:
                items.append((item, str(path)))
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise RecordError(
            f"not valid {'YAML' if path.suffix.lower() in ('.yaml', '.yml') else 'JSON'}: "
            f"{str(exc).splitlines()[0]}",
            str(path),
            "fix the syntax",
        ) from exc
    return [Article.from_dict(item, where) for item, where in items if item is not None]


RECORD_SUFFIXES = (".json", ".jsonl", ".yaml", ".yml")


def record_files(root: Path) -> list[Path]:
    """The record files of a directory (or the file itself), never inside hidden directories
    such as a build's `.iempkg-cache/`."""
    if not root.is_dir():
        return [root]
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix.lower() in RECORD_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def load_curated(paths: Sequence[Path]) -> dict[str, Article]:
    """Curated records by `source`; later files win over earlier ones."""
    records: dict[str, Article] = {}
    for root in paths:
        if not root.exists():
            raise InputError("no such file or directory", str(root), "check --curated")
        for f in record_files(root):
            for article in read_record_file(f):
                article.curated = True
                records[article.source] = article
    return records


# --- stages ----------------------------------------------------------------------------------


def _extract_one(doc: Document) -> Article | str:
    try:
        return extract_article(doc)
    except IempkgError as exc:
        return exc.message()
    except Exception as exc:
        return f"extraction failed ({type(exc).__name__}: {exc})"


# What the mapping workers read: set just before they are forked, so they inherit it.
_MAPPING: tuple[Resolution, DataIris] | None = None


def _map_one(item: tuple[Document, Article]) -> str:
    assert _MAPPING is not None
    resolution, iris = _MAPPING
    return map_article(item[0], item[1], resolution, iris).nquads


@eased_collector()
def extract_documents(
    docs: Sequence[Document],
    options: BuildOptions,
    curated: dict[str, Article] | None = None,
    cache: BuildCache | None = None,
) -> tuple[list[Article], list[IngestProblem]]:
    """Records for `docs`: a curator's, else the cached one of the same content, else extracted
    (in `options.jobs` processes; the order of the results never depends on them)."""
    curated = curated if curated is not None else load_curated(options.curated)
    cache = cache or BuildCache(None)
    found: dict[str, Article | str] = {}
    from_cache: set[str] = set()
    todo: list[Document] = []
    for d in docs:
        if d.source in curated:
            continue
        cached = cache.record(d)
        if cached is not None:
            found[d.source] = cached
            from_cache.add(d.source)
        else:
            todo.append(d)
    for doc, result in zip(
        todo,
        _progress(ordered_map(_extract_one, todo, options.jobs), len(todo), options),
        strict=True,
    ):
        if not isinstance(result, str):
            cache.put_record(doc, share_strings(result))
        found[doc.source] = result
    articles: list[Article] = []
    problems: list[IngestProblem] = []
    for doc in docs:
        result = curated.get(doc.source) or found[doc.source]
        if isinstance(result, Article) and not result.curated:
            # A cached record was read by Article.from_dict: record_problem's check is made.
            usable = None if doc.source in from_cache else record_problem(result)
            result = entity_limit_reason(result, options.max_entities) or usable or result
        if isinstance(result, str):
            problems.append(IngestProblem(doc.path or doc.source, doc.line, result))
        else:
            articles.append(result)
            if note := incomplete(result):
                problems.append(IngestProblem(doc.path or doc.source, doc.line, note, built=True))
    return articles, problems


def _progress(
    items: Iterable[Article | str], total: int, options: BuildOptions
) -> Iterator[Article | str]:
    if not options.progress:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc="extract", unit="article", file=sys.stderr)


@eased_collector()
def assemble(
    docs: Sequence[Document],
    articles: Sequence[Article],
    options: BuildOptions,
    kg: KnowledgeGraph | None = None,
    cache: BuildCache | None = None,
    built: dict[str, str] | None = None,
) -> tuple[KnowledgeGraph, Resolution]:
    """Resolve entities across `articles` and map everything into `kg` (new, in memory, if None);
    see `map_articles` for `cache` and `built`."""
    resolution = resolve(
        articles, load_gazetteer(list(options.gazetteers)), load_curation(options.curation)
    )
    kg = map_articles(docs, articles, resolution, options, kg, cache, built)
    return kg, resolution


@eased_collector()
def map_articles(
    docs: Sequence[Document],
    articles: Sequence[Article],
    resolution: Resolution,
    options: BuildOptions,
    kg: KnowledgeGraph | None = None,
    cache: BuildCache | None = None,
    built: dict[str, str] | None = None,
) -> KnowledgeGraph:
    """Map resolved `articles` into `kg` (new, in memory, if None), in `options.jobs` processes.

    Each article graph is keyed by its inputs (record, text, base, the entity keys of its
    mentions): one found in `cache` is loaded instead of being mapped again. `built`, when given,
    says from which key each graph of `kg` was built: graphs whose key is unchanged are left as
    they are, the others replaced, graphs of articles no longer there removed, and `built` is
    updated to the new keys (how a `--store` is rebuilt incrementally)."""
    iris = DataIris(check_base(options.base))
    kg = kg if kg is not None else KnowledgeGraph()
    cache = cache or BuildCache(None)
    by_source = {d.source: d for d in docs}
    keys: dict[str, str] = {}
    inputs: list[tuple[str, str, Document, Article]] = []
    for article in articles:
        doc = by_source.get(article.source) or Document(source=article.source, text="")
        key = graph_key(*mapping_inputs(doc, article, resolution, iris.base))
        graph_name = iris.article_graph(source_slug(article.source))
        keys[graph_name] = key
        inputs.append((graph_name, key, doc, article))
    if built and kg.path is not None:
        stale = sum(1 for g, k in keys.items() if built.get(g) != k)
        if 2 * stale > len(built):
            # Most graphs change (a new version of the rules, another --base): on disk, emptying
            # the store and loading every graph is faster than clearing each (5 ms per graph
            # measured, against no time for the whole store)
            kg.clear()
            built.clear()
    todo: list[tuple[str, Document, Article]] = []
    cached: list[tuple[str, str]] = []
    for graph_name, key, doc, article in inputs:
        if built is not None and built.get(graph_name) == key:
            continue
        nquads = cache.graph(key)
        if nquads is None:
            todo.append((graph_name, doc, article))
            continue
        cached.append((graph_name, nquads))
        if len(cached) >= 1000:  # loaded in batches: a large archive's text never all in memory
            kg.replace_graphs_nquads(cached)
            cached.clear()
    kg.replace_graphs_nquads(cached)
    global _MAPPING
    _MAPPING = (resolution, iris)
    try:
        mapped = ordered_map(_map_one, [(d, a) for _, d, a in todo], options.jobs, fork=True)

        # A store keeps its graphs itself and its next build reads none from the cache (an
        # unchanged graph stays in the store): cached copies would only be written to be pruned
        # (at 100,000 articles, some 7 GB written, then 100,000 files deleted by the next build).
        keep = kg.path is None

        def new_graphs() -> Iterator[tuple[str, str]]:
            for (graph_name, _, _), nquads in zip(todo, mapped, strict=True):
                if keep:
                    cache.put_graph(keys[graph_name], nquads)
                yield graph_name, nquads  # the order of loading is not seen

        kg.replace_graphs_nquads(new_graphs(), checked=True)
    finally:
        _MAPPING = None
    if built is not None:
        for graph in kg.graphs():
            if graph not in keys:
                kg.remove_graph(graph)
        built.clear()
        built.update(keys)
    kg.replace_graph(iris.entities_graph, map_entities(resolution, articles, iris))
    kg.replace_graph(iris.vocabulary_graph, map_vocabulary(iris))
    return kg


class BuiltGraph(NamedTuple):
    kg: KnowledgeGraph
    docs: list[Document]
    articles: list[Article]
    problems: list[IngestProblem]
    resolution: Resolution
    graph_keys: dict[str, str]  # article graph -> the key of its inputs (see assemble)


@eased_collector()
def build_graph(inputs: Sequence[str | Path], options: BuildOptions) -> BuiltGraph:
    """Ingest, extract, resolve and map, writing nothing but the --store (all or nothing)."""
    check_base(options.base)
    if options.store:
        check_store_dir(options.store)  # before the work: a wrong --store fails at once
    load_gazetteer(list(options.gazetteers))  # and so do a bad gazetteer or curation file
    load_curation(options.curation)
    cache = BuildCache(options.cache)
    ingested = ingest(
        inputs,
        options.max_bytes or DEFAULT_MAX_BYTES,
        options.max_chars or DEFAULT_MAX_CHARS,
        cache.read_documents,
    )
    docs = ingested.documents
    articles, problems = extract_documents(docs, options, cache=cache)
    if options.store:
        # On disk, in a copy of the store: only the graphs whose inputs changed are written,
        # and the copy replaces the store in one step (a large archive never sits in memory).
        staged = StagedStore(options.store)
        try:
            built = dict(staged.state)
            _, resolution = assemble(docs, articles, options, staged.kg, cache, built)
        except BaseException:
            staged.abandon()
            raise
        kg = staged.commit(built)
    else:
        built = {}
        kg, resolution = assemble(docs, articles, options, cache=cache, built=built)
    cache.prune()
    return BuiltGraph(kg, docs, articles, [*ingested.problems, *problems], resolution, built)


@eased_collector()
def build(
    inputs: Sequence[str | Path], outdir: str | Path, options: BuildOptions | None = None
) -> BuildResult:
    """Build the knowledge graph of `inputs` and write it to `outdir`."""
    options = options or BuildOptions()
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise InputError(
            "the output is a file, not a directory", str(out), "give a directory with -o"
        )
    if options.cache is None and options.use_cache:
        options = replace(options, cache=out / CACHE_DIRNAME)
    kg, _docs, articles, problems, resolution, keys = build_graph(inputs, options)
    if not articles and problems:
        first = problems[0]
        raise InputError(
            f"no article could be read ({len(problems)} problem(s); first: {first.reason})",
            first.path,
            "check the inputs",
        )
    report = _validate(kg, keys, BuildCache(options.cache), options)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the output directory ({exc.strerror})", str(out), "check -o"
        ) from exc
    remove_stale(out, ".iempkg-build-")  # left by a killed build
    staging = Path(tempfile.mkdtemp(prefix=work_prefix(".iempkg-build"), dir=out))
    try:
        files, triples = _write_outputs(kg, articles, problems, report, staging, options)
        written = _publish(staging, out, files)
        statements = report.triples  # counted by the check: on disk, a count is a scan
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        kg.close()
    return BuildResult(
        outdir=out,
        files=written,
        articles=articles,
        problems=problems,
        report=report,
        triples=triples,
        statements=statements,
        resolution=resolution,
    )


def _validate(
    kg: KnowledgeGraph, keys: dict[str, str], cache: BuildCache, options: BuildOptions
) -> ValidationReport:
    """The SHACL report of the whole graph: in full, or, when the cache holds the report of an
    earlier build of the same archive, by checking again only what changed (validate.revalidate).
    A full check is made on demand, and when a third or more of the article graphs changed."""
    iris = DataIris(options.base)
    previous = None if options.full_validation else cache.validation(options.base)
    changed: set[str] = set()
    if previous is not None:
        old_keys, _ = previous
        changed = {g for g in keys.keys() | old_keys.keys() if keys.get(g) != old_keys.get(g)}
    if previous is None or 3 * len(changed) >= max(1, len(keys)):
        report = validate(kg)
    else:
        graphs = [*changed, iris.entities_graph, iris.vocabulary_graph]
        report = revalidate(kg, previous[1], graphs)
    cache.put_validation(options.base, keys, report.violations)
    return report


def _write_outputs(
    kg: KnowledgeGraph,
    articles: Sequence[Article],
    problems: Sequence[IngestProblem],
    report: ValidationReport,
    staging: Path,
    options: BuildOptions,
) -> tuple[list[str], int | None]:
    names = [f"kg{EXPORT_FORMATS[fmt]}" for fmt in options.formats]
    targets = [(f, staging / n) for f, n in zip(options.formats, names, strict=True)]
    triples = export_many(kg, targets, options.base, options.jobs)
    atomic_write_text(staging / "validation.txt", report.text())
    names.append("validation.txt")
    skipped = "".join(f"{p.path}{f':{p.line}' if p.line else ''}\t{p.reason}\n" for p in problems)
    atomic_write_text(staging / "skipped.txt", skipped)
    names.append("skipped.txt")
    records = staging / "records"
    records.mkdir()
    # Plain writes: the records directory is published in one swap (see _publish), and one
    # sync before it stands for a sync per file. orjson: the standard encoder is pure Python
    # when it indents (0.4 s per 1,000 records against 0.01 s, measured).
    for article in articles:
        text = orjson.dumps(
            article.to_dict(), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
        )
        (records / f"{source_slug(article.source)}.json").write_bytes(text)
    os.sync()
    names.append("records")
    return names, triples


def _publish(staging: Path, out: Path, names: list[str]) -> list[Path]:
    """Move finished outputs into `out`: files by atomic rename, the records directory by swap."""
    written = []
    for fmt, suffix in EXPORT_FORMATS.items():  # a format not written this time: no stale file
        if fmt != "jsonld-framed" and f"kg{suffix}" not in names:
            (out / f"kg{suffix}").unlink(missing_ok=True)
    for name in names:
        src, dst = staging / name, out / name
        if src.is_dir():
            recover(dst)
            swap_into_place(src, dst)  # one step: never a moment without records/
            shutil.rmtree(src, ignore_errors=True)  # the old records, if any
        else:
            os.replace(src, dst)
        written.append(dst)
    return written
