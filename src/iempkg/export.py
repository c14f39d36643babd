"""Export: Turtle, N-Triples, TriG (one named graph per article), N-Quads, compact JSON-LD, and the
framed JSON-LD view of the events for web pages (framed.py).

Every format is written from sorted statements, so the same graph always gives the same bytes.
Turtle, N-Triples, TriG and N-Quads use Oxigraph's serialisers (rdflib's were measured about ten
times slower). Compact JSON-LD is produced here from the project's own context
(`ontology/context.jsonld`, shipped in the package), embedded in the output so that no reader ever
fetches a context from the network.

Files are written atomically: to a temporary file in the same directory, then renamed.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from .errors import ConfigError, GraphError
from .parallel import ordered_map
from .store import KnowledgeGraph
from .vocab import DEFAULT_BASE, PREFIXES, RDF, XSD, data_prefixes

EXPORT_FORMATS: dict[str, str] = {
    "turtle": ".ttl",
    "ntriples": ".nt",
    "trig": ".trig",
    "nquads": ".nq",
    "jsonld": ".jsonld",
    "jsonld-framed": ".json",  # one object per event, for web pages (framed.py)
}


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once at import: os.umask can only be read by setting it


def atomic_write(path: str | Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Write `path` through a temporary file and a rename, so a crash never leaves half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); outputs get the permissions the umask gives.
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    def write(fh: IO[bytes]) -> None:
        fh.write(data)

    return atomic_write(path, write)


def prefixes_for(base: str) -> dict[str, str]:
    return {**PREFIXES, **data_prefixes(base), "kg": base}


def serialize(
    kg: KnowledgeGraph,
    fmt: str,
    base: str = DEFAULT_BASE,
    ntriples: bytes | None = None,
    jobs: int = 1,
) -> bytes:
    """The whole graph in format `fmt` (one of EXPORT_FORMATS), deterministically. `ntriples`:
    the graph's `sorted_ntriples()` when the caller has them already. `jobs`: processes that
    serialise parts of a large graph (the bytes never depend on it)."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(
            f"unknown export format '{fmt}'",
            "option --format",
            f"use one of {', '.join(EXPORT_FORMATS)}",
        )
    if fmt == "jsonld-framed":
        from .framed import to_framed_jsonld

        return to_framed_jsonld(kg, base)
    if fmt in ("trig", "nquads"):
        blocks = kg.sorted_nquads_blocks()
        if fmt == "nquads":
            return b"".join(blocks)
        return _in_parts(b"".join(blocks), _block_parts(blocks, jobs), "trig", base, jobs)
    ntriples = ntriples if ntriples is not None else kg.sorted_ntriples()
    if fmt == "ntriples":
        return ntriples
    parts = _subject_parts(ntriples, jobs)
    if fmt == "jsonld":
        return _jsonld_in_parts(ntriples, parts, base, jobs)
    return _in_parts(ntriples, parts, "turtle", base, jobs)


def export(
    kg: KnowledgeGraph, path: str | Path, fmt: str, base: str = DEFAULT_BASE, jobs: int = 1
) -> Path:
    """Write the graph to `path` in format `fmt`, atomically."""
    export_many(kg, [(fmt, Path(path))], base, jobs)
    return Path(path)


def export_many(
    kg: KnowledgeGraph, targets: Sequence[tuple[str, Path]], base: str = DEFAULT_BASE, jobs: int = 1
) -> int | None:
    """Write the graph in several formats (format, path), each atomically; the sorted union of
    the graphs is computed once for all of them. Returns the number of distinct triples, or
    None when no format needed that union (counting it costs a dump of every graph)."""
    if not targets:
        return None  # (and no count of the store, which on disk is a scan)
    if len(kg) > LARGE_QUADS and not any(f == "jsonld-framed" for f, _ in targets):
        from ._export_large import BlankNodesFound

        try:
            return _export_many_large(kg, targets, base, jobs)
        except BlankNodesFound:
            pass  # rare in a large graph (iempkg's own graphs have none): written in memory
    ntriples: bytes | None = None
    for fmt, path in targets:
        if ntriples is None and fmt in ("turtle", "ntriples", "jsonld"):
            ntriples = kg.sorted_ntriples()
        try:
            atomic_write_bytes(path, serialize(kg, fmt, base, ntriples, jobs))
        except OSError as exc:
            raise GraphError(
                f"cannot write the export ({exc})", str(path), "check the path"
            ) from exc
    return ntriples.count(b"\n") if ntriples is not None else None


# Above this many statements, exports are written in bounded memory (_export_large.py): the
# in-memory writers hold the sorted union's text two or three times beside the store.
LARGE_QUADS = 2_000_000


def _export_many_large(
    kg: KnowledgeGraph, targets: Sequence[tuple[str, Path]], base: str, jobs: int
) -> int | None:
    """`export_many` in bounded memory, with the same bytes: the sorted union is written once
    to a temporary file beside the first target, which each format then reads in parts."""
    from . import _export_large as large

    def write(path: Path, writer: Callable[[IO[bytes]], None]) -> None:
        try:
            atomic_write(path, writer)
        except OSError as exc:
            raise GraphError(
                f"cannot write the export ({exc})", str(path), "check the path"
            ) from exc

    if not targets:
        return None
    count: int | None = None
    needs_union = any(fmt in ("turtle", "ntriples", "jsonld") for fmt, _ in targets)
    directory = targets[0][1].parent
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".iempkg-export-", dir=directory) as tmp:
        work = Path(tmp)
        union = work / "union.nt"
        if needs_union:
            with open(union, "wb") as fh:
                count = large.write_sorted_union(kg, fh, work)
        for fmt, path in targets:
            if fmt not in EXPORT_FORMATS or fmt == "jsonld-framed":
                raise ConfigError(
                    f"unknown export format '{fmt}'",
                    "option --format",
                    f"use one of {', '.join(EXPORT_FORMATS)}",
                )
            write(path, partial(_write_large, kg, fmt, union, base, work, jobs))
    return count


def _write_large(
    kg: KnowledgeGraph, fmt: str, union: Path, base: str, work: Path, jobs: int, fh: IO[bytes]
) -> None:
    from . import _export_large as large

    if fmt == "ntriples":
        fh.writelines(large.read_lines(union))
    elif fmt == "turtle":
        large.write_parts(large.subject_parts(large.read_lines(union)), "turtle", base, fh, jobs)
    elif fmt == "jsonld":
        large.write_jsonld(large.subject_parts(large.read_lines(union)), base, fh, work, jobs)
    elif fmt == "trig":
        large.write_parts(large.graph_parts(kg), "trig", base, fh, jobs)
    else:  # nquads
        fh.writelines(large.graph_parts(kg))


def serialize_part(job: tuple[bytes, str, str]) -> bytes:
    """Turtle of a part of sorted N-Triples, or TriG of a part of sorted N-Quads."""
    data, fmt, base = job
    source = ox.RdfFormat.N_TRIPLES if fmt == "turtle" else ox.RdfFormat.N_QUADS
    target = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.TRIG
    quads = ox.parse(data, format=source)
    return ox.serialize(quads, format=target, prefixes=prefixes_for(base)) or b""


def jsonld_part_lines(job: tuple[bytes, str]) -> list[bytes]:
    """The node objects of a part of sorted N-Triples, each as a line 'subject NUL json'."""
    data, base = job
    nodes = _node_texts(_Compactor(base), ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    return [f"{s}\x00{text}\n".encode() for s, text in nodes]


def jsonld_head(base: str) -> bytes:
    """What a compact JSON-LD document begins with, up to its first node object."""
    context = json.dumps({"@context": _Compactor(base).context}, ensure_ascii=False, indent=1)[:-2]
    return f'{context},\n "@graph": [\n'.encode()


# --- large graphs in parts -------------------------------------------------------------------
#
# Oxigraph's Turtle and TriG writers keep no state across subjects (Turtle) or graphs (TriG)
# but the prefixes they write first, so sorted lines cut at those boundaries, written part by
# part and joined without the repeated prefixes, are the same bytes as the whole written at once
# (tested). The parts are written in parallel: most of the time goes into building and reading
# pyoxigraph's Python objects for every statement (12 of 25 s for a 10,000-article archive).

_PART_BYTES = 4 << 20  # below this much N-Triples/N-Quads text, one part
_SOURCE = b""  # what the export workers read: set just before they are forked


def _subject_parts(data: bytes, jobs: int) -> list[tuple[int, int]]:
    """(start, end) of about 4 x `jobs` parts of sorted N-Triples `data`, each cut where a
    subject's lines end (a subject's lines are adjacent: they share the line's first token).
    One part when blank nodes may be there (a writer may nest a blank node in its user)."""
    count = 4 * jobs if jobs > 1 and len(data) > _PART_BYTES and b"_:" not in data else 1
    size = len(data) // count + 1
    parts: list[tuple[int, int]] = []
    start = 0
    while start < len(data):
        cut = data.find(b"\n", start + size) + 1
        if cut <= 0 or cut >= len(data):
            parts.append((start, len(data)))
            break
        line = data.rfind(b"\n", 0, cut - 1) + 1
        subject = data[line : data.index(b" ", line) + 1]
        while cut < len(data) and data.startswith(subject, cut):
            cut = data.find(b"\n", cut) + 1 or len(data)
        parts.append((start, cut))
        start = cut
    return parts


def _block_parts(blocks: list[bytes], jobs: int) -> list[tuple[int, int]]:
    """(start, end) of parts of the joined `blocks` (one per graph), each made of whole graphs."""
    total = sum(len(b) for b in blocks)
    if jobs <= 1 or total <= _PART_BYTES or any(b"_:" in block for block in blocks):
        return [(0, total)] if total else []
    size = total // (4 * jobs) + 1
    parts: list[tuple[int, int]] = []
    start = end = 0
    for block in blocks:
        end += len(block)
        if end - start >= size:
            parts.append((start, end))
            start = end
    if end > start:
        parts.append((start, end))
    return parts


def _write_part(job: tuple[int, int, str, str]) -> bytes:
    start, end, fmt, base = job
    source = ox.RdfFormat.N_TRIPLES if fmt == "turtle" else ox.RdfFormat.N_QUADS
    target = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.TRIG
    quads = ox.parse(_SOURCE[start:end], format=source)
    return ox.serialize(quads, format=target, prefixes=prefixes_for(base)) or b""


def _in_parts(data: bytes, parts: list[tuple[int, int]], fmt: str, base: str, jobs: int) -> bytes:
    global _SOURCE
    _SOURCE = data
    try:
        texts = list(
            ordered_map(_write_part, [(a, b, fmt, base) for a, b in parts], jobs, fork=True)
        )
    finally:
        _SOURCE = b""
    if not texts:
        return b""
    first = texts[0]
    head = 0  # the prefix lines, which every part repeats
    while first.startswith(b"@prefix ", head):
        head = first.index(b"\n", head) + 1
    return first + b"".join(t[head:] for t in texts[1:])


# --- compact JSON-LD -------------------------------------------------------------------------


@cache
def shipped_context() -> dict[str, Any]:
    """The project's JSON-LD context (ontology/context.jsonld)."""
    text = resources.files("iempkg.ontology").joinpath("context.jsonld").read_text("utf-8")
    ctx: dict[str, Any] = json.loads(text)["@context"]
    return ctx


class _Compactor:
    def __init__(self, base: str) -> None:
        self.context = {**shipped_context(), **data_prefixes(base), "kg": base}
        self.prefixes = sorted(
            ((v, k) for k, v in self.context.items() if isinstance(v, str) and v[-1:] in "/#"),
            key=lambda item: -len(item[0]),
        )
        self.by_namespace: dict[str, str] = {}
        for namespace, prefix in reversed(self.prefixes):  # the first (longest) one wins
            self.by_namespace[namespace] = prefix
        # (predicate IRI, coercion) -> term; coercion is "@id", a datatype IRI or "" (plain string).
        self.terms: dict[tuple[str, str], str] = {}
        self._short: dict[str, str] = {}
        for term, definition in sorted(self.context.items()):
            if isinstance(definition, dict):
                pred = self.expand(definition["@id"])
                kind = definition.get("@type", "")
                self.terms[(pred, kind if kind == "@id" else self.expand(kind) if kind else "")] = (
                    term
                )
            elif isinstance(definition, str) and definition[-1:] not in "/#":
                self.terms[(self.expand(definition), "")] = term

    def expand(self, curie: str) -> str:
        prefix, sep, rest = curie.partition(":")
        if sep and prefix in self.context and isinstance(self.context[prefix], str):
            return str(self.context[prefix]) + rest
        return curie

    def iri(self, value: str) -> str:
        # The longest namespace that can match ends at the IRI's last '/' or '#': one dict
        # lookup finds it for nearly every IRI; the scan is the fallback for shorter ones.
        cut = max(value.rfind("/"), value.rfind("#")) + 1
        if 0 < cut < len(value) and (prefix := self.by_namespace.get(value[:cut])):
            return f"{prefix}:{value[cut:]}"
        for namespace, prefix in self.prefixes:
            if value.startswith(namespace) and len(value) > len(namespace):
                return f"{prefix}:{value[len(namespace) :]}"
        return value

    def short(self, value: str) -> str:
        """`iri(value)` for the few IRIs that recur in every node (predicates, classes,
        datatypes), remembered: a fifth of the JSON-LD writer's time went into compacting them."""
        found = self._short.get(value)
        if found is None:
            found = self._short[value] = self.iri(value)
        return found

    def key_and_value(
        self, pred: str, obj: ox.NamedNode | ox.BlankNode | ox.Literal
    ) -> tuple[str, Any]:
        if isinstance(obj, ox.NamedNode):
            if term := self.terms.get((pred, "@id")):
                return term, self.iri(obj.value)
            return self.terms.get((pred, "")) or self.short(pred), {"@id": self.iri(obj.value)}
        if isinstance(obj, ox.BlankNode):
            return self.short(pred), {"@id": f"_:{obj.value}"}
        if obj.language:
            return self.short(pred), {"@value": obj.value, "@language": obj.language}
        dt = obj.datatype.value
        if dt == _XSD_STRING:
            if term := self.terms.get((pred, "")):
                return term, obj.value
            return self.short(pred), obj.value
        if term := self.terms.get((pred, dt)):
            return term, obj.value
        return self.short(pred), {"@value": obj.value, "@type": self.short(dt)}


_XSD_STRING = XSD + "string"
_RDF_TYPE = RDF + "type"


def to_jsonld(source: KnowledgeGraph | Iterable[ox.Triple], base: str = DEFAULT_BASE) -> bytes:
    """Compact JSON-LD of the union graph (or of `source`'s triples): one node object per
    subject, sorted, context inline."""
    c = _Compactor(base)
    triples = source.triples() if isinstance(source, KnowledgeGraph) else source
    return _jsonld_document(c, sorted(_node_texts(c, triples)))


def _node_texts(c: _Compactor, triples: Iterable[ox.Triple]) -> list[tuple[str, str]]:
    """(compact subject, its node object as JSON) for every subject of `triples`."""
    nodes: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    types: dict[str, list[str]] = defaultdict(list)
    last: object = None
    s = ""
    for t in triples:
        subject = t.subject
        assert not isinstance(subject, ox.Triple)  # iempkg writes no RDF-star
        if subject != last:  # sorted triples: a subject's statements come in a run
            s = c.iri(subject.value) if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"
            last = subject
        if t.predicate.value == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
            types[s].append(c.short(t.object.value))
            nodes[s]
            continue
        assert not isinstance(t.object, ox.Triple)
        key, value = c.key_and_value(t.predicate.value, t.object)
        nodes[s][key].append(value)
    out = []
    for s, properties in nodes.items():
        node: dict[str, Any] = {"@id": s}
        if types[s]:
            node["@type"] = types[s][0] if len(types[s]) == 1 else sorted(types[s])
        for key in sorted(properties):
            values = properties[key]
            node[key] = values[0] if len(values) == 1 else values
        out.append((s, json.dumps(node, ensure_ascii=False)))
    return out


def _jsonld_document(c: _Compactor, nodes: list[tuple[str, str]]) -> bytes:
    # One node object per line: readable, diff-friendly, and written by json's C encoder (an
    # indented dump of the whole document goes through its pure-Python path, many times slower).
    context = json.dumps({"@context": c.context}, ensure_ascii=False, indent=1)[:-2]
    nodes_text = ",\n".join(text for _, text in nodes)
    return f'{context},\n "@graph": [\n{nodes_text}\n ]\n}}\n'.encode()


def _jsonld_part(job: tuple[int, int, str]) -> list[tuple[str, str]]:
    start, end, base = job
    return _node_texts(
        _Compactor(base), ox.parse(_SOURCE[start:end], format=ox.RdfFormat.N_TRIPLES)
    )


def _jsonld_in_parts(ntriples: bytes, parts: list[tuple[int, int]], base: str, jobs: int) -> bytes:
    """Compact JSON-LD of sorted N-Triples, node objects made in parallel (a subject's lines
    are all in one part), then sorted by subject as `to_jsonld` sorts them."""
    global _SOURCE
    _SOURCE = ntriples
    try:
        found = ordered_map(_jsonld_part, [(a, b, base) for a, b in parts], jobs, fork=True)
        nodes = sorted(node for part in found for node in part)
    finally:
        _SOURCE = b""
    return _jsonld_document(_Compactor(base), nodes)
