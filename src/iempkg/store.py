"""The knowledge graph: an Oxigraph store, in memory or on disk, holding one named graph per article.

Oxigraph answers every SPARQL question (rdflib's own engine was measured thousands of times slower
on a simple join; see benchmarks/RESULTS.md and the shared notes). rdflib is used only where its
ecosystem is needed: pyshacl validation and JSON-LD parsing of small graphs.

Queries see the union of all named graphs as their default graph, so plain SPARQL without GRAPH
clauses finds every fact.

An on-disk store is replaced all or nothing (`StagedStore`, `replace_store`): the changes are
written into a copy beside it (an Oxigraph backup: hard links), which is then swapped with it,
so a build killed at any moment leaves either the old store or the new one, never a half-filled
one (dirswap.py).
"""

from __future__ import annotations

import gc
import itertools
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ._sparql_inline import inline_terms
from .dirswap import is_store, recover, swap_into_place, work_prefix
from .errors import GraphError

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


_BULK_BATCH_BYTES = 64 << 20  # N-Quads text per bulk load of a disk store


class KnowledgeGraph:
    """A quad store with the few operations iempkg needs.

    >>> kg = KnowledgeGraph()            # in memory
    >>> kg = KnowledgeGraph.open("kgdir")  # an on-disk Oxigraph store (created if missing)
    """

    def __init__(self, store: ox.Store | None = None, path: Path | None = None) -> None:
        self.store = store if store is not None else ox.Store()
        self.path = path

    @classmethod
    def open(cls, path: str | Path, where: str = "option --store") -> KnowledgeGraph:
        p = check_store_dir(path, where)
        try:
            p.mkdir(parents=True, exist_ok=True)
            try:
                return cls(ox.Store(str(p)), p)
            except OSError:
                # A store of this process that only a reference cycle still keeps open (an
                # earlier build in the same Python session) is closed by a collection.
                gc.collect()
                return cls(ox.Store(str(p)), p)
        except OSError as exc:
            raise GraphError(
                f"cannot open the store ({exc})",
                str(p),
                "check that no other iempkg process uses it and that the directory is writable",
            ) from exc

    @classmethod
    def load(cls, path: str | Path) -> KnowledgeGraph:
        """A graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) or a store directory."""
        p = Path(path)
        if p.is_dir():
            return cls.open(p, "the KG argument")
        if not p.exists():
            raise GraphError(
                "no such file or directory", str(p), "give a built kg.ttl or a --store"
            )
        fmt = FORMATS.get(p.suffix.lower())
        if fmt is None:
            raise GraphError(
                f"unknown RDF file type '{p.suffix}'",
                str(p),
                "use .ttl, .trig, .nt, .nq or .jsonld",
            )
        kg = cls()
        kg.load_file(p, fmt)
        return kg

    def load_file(self, path: Path, fmt: ox.RdfFormat) -> None:
        try:
            with path.open("rb") as fh:
                # A graph file has no named graphs of its own unless it is TriG/N-Quads/JSON-LD.
                self.store.bulk_load(fh, format=fmt)
        except SyntaxError as exc:
            if "LoadDocumentCallback" in str(exc):  # Oxigraph is given no loader: none is fetched
                raise GraphError(
                    "the JSON-LD names a remote @context, and iempkg never fetches one",
                    str(path),
                    "embed the context in the file (iempkg export --format jsonld does)",
                ) from exc
            raise GraphError(
                f"not valid {fmt.name} ({exc})", str(path), "rebuild it or fix the line named"
            ) from exc
        except OSError as exc:
            raise GraphError(f"cannot read it ({exc})", str(path), "check the path") from exc

    # --- writing ----------------------------------------------------------------------------

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Replace the content of named graph `graph` with `quads`."""
        g = ox.NamedNode(graph)
        if self.store.contains_named_graph(g):
            self.store.clear_graph(g)
        self.store.extend(list(quads))

    def replace_graph_nquads(self, graph: str, nquads: str, checked: bool = False) -> None:
        """Replace the content of named graph `graph` with the statements of N-Quads text (all
        in that graph): Oxigraph's own parser loads text faster than Python builds quads.
        `checked`: the text comes from the mapping's writer, which had Oxigraph check every IRI
        and escaped every literal, so the parser's own checks are skipped (its `lenient` mode:
        1.05 s against 1.7 s per 1,000 articles, measured); never for text read from a file."""
        g = ox.NamedNode(graph)
        if self.store.contains_named_graph(g):
            self.store.clear_graph(g)
        self.store.load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS, lenient=checked)

    def replace_graphs_nquads(
        self, graphs: Iterable[tuple[str, str]], checked: bool = False
    ) -> None:
        """`replace_graph_nquads` for many graphs. In memory, one load per graph is as fast as
        any (measured); on disk, Oxigraph's bulk loader takes batches of graphs twice as fast
        as one transaction per graph (6.2 s against 13.0 s for 1,000 articles). A bulk load is
        not atomic, which a build's staged copy of the store (StagedStore) makes harmless."""
        if self.path is None:
            for graph, nquads in graphs:
                self.replace_graph_nquads(graph, nquads, checked)
            return
        batch: list[bytes] = []
        size = 0
        for graph, nquads in graphs:
            g = ox.NamedNode(graph)
            if self.store.contains_named_graph(g):
                self.store.clear_graph(g)
            batch.append(nquads.encode("utf-8"))
            size += len(batch[-1])
            if size >= _BULK_BATCH_BYTES:
                self.store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS, lenient=checked)
                batch, size = [], 0
        if batch:
            self.store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS, lenient=checked)

    def clear(self) -> None:
        """Remove every statement of every graph."""
        self.store.clear()

    def add(self, quads: Iterable[ox.Quad]) -> None:
        self.store.extend(list(quads))

    def remove_graph(self, graph: str) -> None:
        g = ox.NamedNode(graph)
        if self.store.contains_named_graph(g):
            self.store.remove_graph(g)

    def close(self) -> None:
        """Release an on-disk store (its lock) now rather than when Python collects it."""
        if self.path is not None:
            self.store = ox.Store()

    def flush(self) -> None:
        if self.path is not None:
            self.store.flush()

    # --- reading ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.store)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self.store)

    def triples(self) -> list[ox.Triple]:
        """The union of all graphs as distinct triples, sorted for deterministic output."""
        return list(ox.parse(self.sorted_ntriples(), format=ox.RdfFormat.N_TRIPLES))

    def triple_count(self) -> int:
        """Distinct triples of the union of all graphs."""
        return len(self._union_lines())

    def _graph_lines(self, g: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> list[bytes]:
        return (self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) or b"").splitlines()

    def _union_lines(self) -> list[bytes]:
        """Distinct N-Triples lines of the union in byte order. Sorting serialised lines is done
        in C, many times faster than sorting pyoxigraph terms with a Python key; a list sorted
        then thinned is faster than a set of millions of lines."""
        lines = self._graph_lines(ox.DefaultGraph())
        for g in self.store.named_graphs():
            lines.extend(self._graph_lines(g))
        lines.sort()
        return [line for line, _ in itertools.groupby(lines)]

    def sorted_ntriples(self) -> bytes:
        """The union of all graphs as distinct N-Triples lines in byte order."""
        lines = self._union_lines()
        if lines:
            lines.append(b"")  # the last line's newline, without copying the text once more
        return b"\n".join(lines)

    def sorted_nquads(self) -> bytes:
        """Every quad as N-Quads: graph by graph in IRI order (the default graph first), each
        graph's lines in byte order, so that a TriG writer gets each graph in one block."""
        return b"".join(self.sorted_nquads_blocks())

    def sorted_nquads_blocks(self) -> list[bytes]:
        """`sorted_nquads` as one block of lines per graph."""
        out: list[bytes] = []
        names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
        names += sorted(self.store.named_graphs(), key=term_key)
        for g in names:
            if block := self.graph_block(g):
                out.append(block)
        return out

    def graph_block(self, g: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bytes:
        """The statements of graph `g` as N-Quads lines in byte order."""
        lines = sorted(self._graph_lines(g))
        if isinstance(g, ox.DefaultGraph):
            return b"".join(line + b"\n" for line in lines)
        suffix = b" " + str(g).encode("utf-8") + b" ."
        # "S P O ." becomes "S P O G ." (an N-Triples line ends in " .").
        return b"".join(line[:-2] + suffix + b"\n" for line in lines)

    def query(
        self, sparql: str, substitutions: dict[str, Any] | None = None
    ) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        inlined = inline_terms(sparql, substitutions or {})
        if inlined != sparql:
            try:
                return self.store.query(
                    inlined, use_default_graph_as_union=True, substitutions=subs or None
                )
            except SyntaxError:
                # A term where the grammar wants an IRI (a string given for a predicate): the
                # text as written, whose errors also point at the user's own lines and columns.
                pass
        return self.store.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)


def check_store_dir(path: str | Path, where: str = "option --store") -> Path:
    """`path` as a store directory: missing, empty or an Oxigraph store, never a file or a folder
    of other things (which opening would fill with database files). Finishes a swap that a killed
    build left half done."""
    p = Path(path)
    recover(p)
    if p.exists() and not p.is_dir():
        raise GraphError(
            f"'{p}' is a file, not a store directory",
            where,
            "give a directory (created if missing) or load the file as KG instead",
        )
    if p.is_dir() and not is_store(p) and any(p.iterdir()):
        raise GraphError(
            f"'{p}' holds other files and is not an Oxigraph store",
            where,
            "give a graph file (kg.ttl, kg.trig), a store made by 'iempkg build --store', "
            "or a new or empty directory",
        )
    return p


STATE_FILE = "iempkg-graphs.json"  # inside a build's store: the key each named graph was built from


class StagedStore:
    """A copy of the on-disk store at `path` to change, then put in its place all or nothing.

    The copy is an Oxigraph backup (hard links to the database files, so it costs next to
    nothing whatever the store's size), or a new store where there was none. `state` says from
    which inputs each named graph of the store was built (see pipeline.assemble), so a rebuild
    replaces only the graphs whose inputs changed; `commit` writes the new state into the copy
    and swaps it with the store; a build killed before leaves the old store as it was."""

    def __init__(self, path: str | Path) -> None:
        self.path = check_store_dir(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.work = Path(
                tempfile.mkdtemp(
                    prefix=f".{self.path.name}.{work_prefix('new')}", dir=self.path.parent
                )
            )
            self.work.rmdir()  # a backup must create its directory itself
            self.state: dict[str, str] = {}
            if self.path.is_dir() and is_store(self.path):
                old = KnowledgeGraph.open(self.path)  # fails while another process holds it
                old.store.backup(str(self.work))  # the database files only
                del old
                self.state = _read_state(self.path / STATE_FILE)
            self.kg = KnowledgeGraph(ox.Store(str(self.work)), self.work)
        except OSError as exc:
            raise GraphError(
                f"cannot write the store ({exc})", str(self.path), "check the path"
            ) from exc

    def commit(self, state: dict[str, str]) -> KnowledgeGraph:
        """Put the changed copy in place; returns the store, opened at its own path."""
        try:
            self.kg.store.flush()
            self.kg.store = ox.Store()  # closes the database before its directory moves
            data = json.dumps(state, sort_keys=True, indent=0).encode("utf-8")
            (self.work / STATE_FILE).write_bytes(data)
            swap_into_place(self.work, self.path)
        except OSError as exc:
            raise GraphError(
                f"cannot write the store ({exc})",
                str(self.path),
                "check the disk space and permissions",
            ) from exc
        finally:
            shutil.rmtree(self.work, ignore_errors=True)  # after a swap it holds the old store
        return KnowledgeGraph.open(self.path)

    def abandon(self) -> None:
        self.kg.store = ox.Store()
        shutil.rmtree(self.work, ignore_errors=True)


def _read_state(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}  # no state: every graph is built again
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def replace_store(path: str | Path, kg: KnowledgeGraph) -> None:
    """Make the on-disk store at `path` hold exactly `kg`, all or nothing."""
    p = check_store_dir(path)
    if p.is_dir() and is_store(p):
        KnowledgeGraph.open(p)  # fails while another process holds the store
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".{p.name}.{work_prefix('new')}", dir=p.parent))
    except OSError as exc:
        raise GraphError(f"cannot write the store ({exc})", str(p), "check the path") from exc
    try:
        store = ox.Store(str(new))
        store.bulk_extend(kg.quads())
        store.flush()
        del store  # closes the database before its directory moves
        swap_into_place(new, p)
    except OSError as exc:
        raise GraphError(
            f"cannot write the store ({exc})", str(p), "check the disk space and permissions"
        ) from exc
    finally:
        shutil.rmtree(new, ignore_errors=True)  # after a swap it holds the old store


_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def term_key(term: Any) -> tuple[int, str]:
    if isinstance(term, ox.NamedNode):
        return (0, term.value)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    return (2, str(term))


def triple_sort_key(
    t: ox.Triple | ox.Quad,
) -> tuple[tuple[int, str], tuple[int, str], tuple[int, str]]:
    """Subjects in IRI order; rdf:type first among a subject's predicates (readable Turtle)."""
    p = t.predicate.value
    return (term_key(t.subject), (0, "") if p == _TYPE else (1, p), term_key(t.object))
