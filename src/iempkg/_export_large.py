"""Exports of graphs too large to hold in memory twice: the same bytes as `export.serialize`, in
bounded memory.

The in-memory writers sort every statement of the union as one list of lines: for 100,000
articles (37 million statements) that is some 7 GB beside the store. Here the lines are sorted in
runs of `RUN_BYTES`, spilled to temporary files and merged (an external sort); the sorted union is
written once to a temporary N-Triples file, which every format then reads part by part (cut where
a subject's lines end, as the in-memory writers cut them), serialising parts on every core with
only a few parts in flight. JSON-LD's node objects, ordered by their compact subject, go through
the same external sort. Graphs with blank nodes are never written this way (a writer may nest a
blank node in its user, so their parts cannot be cut): met while writing, they stop it, and
`export` writes the graph in memory instead.
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from .parallel import ordered_map
from .store import KnowledgeGraph, term_key

RUN_BYTES = 256 << 20  # lines sorted in memory at a time (about twice this in Python objects)
PART_BYTES = 4 << 20  # N-Triples or N-Quads text serialised at a time by one worker
_BUFFER = 1 << 20


def external_sort(lines: Iterable[bytes], directory: Path, unique: bool = False) -> Iterator[bytes]:
    """`lines` (each ending in a newline) in byte order, without duplicates if `unique`, in
    bounded memory. No line is a prefix of another one here (N-Triples lines end in " .", node
    lines in "}"), so the newline never changes the order."""
    runs: list[IO[bytes]] = []
    batch: list[bytes] = []
    size = 0
    try:
        for line in lines:
            batch.append(line)
            size += len(line)
            if size >= RUN_BYTES:
                runs.append(_spill(batch, directory, unique))
                batch, size = [], 0
        if not runs:
            batch.sort()
            yield from _distinct(batch) if unique else batch
            return
        if batch:
            runs.append(_spill(batch, directory, unique))
        del batch
        merged = heapq.merge(*runs)
        yield from _distinct(merged) if unique else merged
    finally:
        for run in runs:
            run.close()


def _spill(batch: list[bytes], directory: Path, unique: bool) -> IO[bytes]:
    batch.sort()
    run = tempfile.TemporaryFile(dir=directory, buffering=_BUFFER)  # noqa: SIM115 (closed by external_sort)
    run.writelines(_distinct(batch) if unique else batch)
    run.seek(0)
    return run


def _distinct(lines: Iterable[bytes]) -> Iterator[bytes]:
    last = None
    for line in lines:
        if line != last:
            yield line
            last = line


class BlankNodesFound(Exception):
    """The graph has blank nodes: it must be written in memory (see the module's docstring)."""


def _check_no_blank_nodes(data: bytes) -> None:
    # A blank node opens a line or follows a space (a literal holding " _:" is taken for one
    # too: it only costs writing that graph in memory). One search per graph, at C speed.
    if data.startswith(b"_:") or b" _:" in data or b"\n_:" in data:
        raise BlankNodesFound


def union_lines(kg: KnowledgeGraph) -> Iterator[bytes]:
    """Every graph's statements as N-Triples lines (the union's duplicates still there)."""
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    graphs += list(kg.store.named_graphs())
    for g in graphs:
        data = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) or b""
        _check_no_blank_nodes(data)
        yield from data.splitlines(keepends=True)


def write_sorted_union(kg: KnowledgeGraph, fh: IO[bytes], directory: Path) -> int:
    """The distinct statements of the union as sorted N-Triples into `fh`; returns how many."""
    count = 0
    block: list[bytes] = []
    for line in external_sort(union_lines(kg), directory, unique=True):
        block.append(line)
        count += 1
        if len(block) >= 65536:
            fh.write(b"".join(block))
            block.clear()
    fh.write(b"".join(block))
    return count


def subject_parts(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Sorted N-Triples lines in parts of about PART_BYTES, each ending where a subject's lines
    end (they are adjacent: they share the line's first token)."""
    part: list[bytes] = []
    size = 0
    subject = b""
    for line in lines:
        if size >= PART_BYTES and not line.startswith(subject):
            yield b"".join(part)
            part, size = [], 0
        if size == 0 or not line.startswith(subject):
            subject = line[: line.index(b" ") + 1]
        part.append(line)
        size += len(line)
    if part:
        yield b"".join(part)


def graph_parts(kg: KnowledgeGraph) -> Iterator[bytes]:
    """`KnowledgeGraph.sorted_nquads`, graph by graph, in parts of whole graphs of about
    PART_BYTES (a TriG writer writes each graph as one block)."""
    names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    names += sorted(kg.store.named_graphs(), key=term_key)
    part: list[bytes] = []
    size = 0
    for g in names:
        block = kg.graph_block(g)
        if not block:
            continue
        _check_no_blank_nodes(block)
        part.append(block)
        size += len(block)
        if size >= PART_BYTES:
            yield b"".join(part)
            part, size = [], 0
    if part:
        yield b"".join(part)


def write_parts(parts: Iterable[bytes], fmt: str, base: str, fh: IO[bytes], jobs: int) -> None:
    """Turtle (from N-Triples parts) or TriG (from N-Quads parts), part by part on `jobs`
    cores; the prefix lines that every part's text begins with are written once."""
    from .export import serialize_part

    head: bytes | None = None
    for text in ordered_map(serialize_part, ((p, fmt, base) for p in parts), jobs):
        if head is None:
            end = 0
            while text.startswith(b"@prefix ", end):
                end = text.index(b"\n", end) + 1
            head = text[:end]
            fh.write(text)
        else:
            fh.write(text[len(head) :])


def write_jsonld(
    parts: Iterable[bytes], base: str, fh: IO[bytes], directory: Path, jobs: int
) -> None:
    """Compact JSON-LD of sorted N-Triples parts: node objects made on `jobs` cores, then
    ordered by their compact subject through the external sort."""
    from .export import jsonld_head, jsonld_part_lines

    def nodes() -> Iterator[bytes]:
        for lines in ordered_map(jsonld_part_lines, ((p, base) for p in parts), jobs):
            yield from lines

    fh.write(jsonld_head(base))
    first = True
    for line in external_sort(nodes(), directory):
        fh.write(
            line[line.index(b"\x00") + 1 : -1]
            if first
            else b",\n" + line[line.index(b"\x00") + 1 : -1]
        )
        first = False
    fh.write(b"\n ]\n}\n")


def read_lines(path: Path) -> Iterator[bytes]:
    with open(path, "rb", buffering=_BUFFER) as fh:
        yield from fh
