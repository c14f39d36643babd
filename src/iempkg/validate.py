"""Validation: the project's SHACL shapes, reported in words a curator understands.

`validate(kg, graphs=None, engine="oxigraph") -> ValidationReport` checks a graph against
`ontology/shapes.ttl` and returns the results grouped per shape and severity;
`ValidationReport.text()` is the short report printed by `iempkg validate` and written to
`validation.txt` by `iempkg build`.

Two engines give the same results (tests/test_validate*.py compare them):
- "oxigraph", the default: the shapes compiled into SPARQL and run on the store itself
  (`_shacl_shapes.py` reads them, `_shacl_sparql.py` compiles, `_shacl_run.py` runs), about a
  hundred times faster than pyshacl (benchmarks/bench_validate.py). `graphs` validates
  incrementally: the focus nodes those named graphs describe, read against the whole store.
- "pyshacl", the reference: the triples copied into an rdflib graph (pyshacl was measured
  faster over rdflib's memory store than over an Oxigraph-backed one); with `graphs`, its
  results for the same focus nodes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from . import _shacl_run
from ._shacl_shapes import NodeShape, read_shapes
from ._shacl_sparql import check_compilable
from .errors import ConfigError
from .store import KnowledgeGraph

Engine = Literal["oxigraph", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("oxigraph", "pyshacl")


@dataclass(frozen=True)
class Violation:
    shape: str  # the shape's label, e.g. "Event"
    severity: str  # "Violation", "Warning" or "Info"
    focus: str  # the node at fault (an IRI)
    message: str
    path: str | None = None
    value: str | None = None


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def grouped(self) -> dict[tuple[str, str], list[Violation]]:
        groups: dict[tuple[str, str], list[Violation]] = defaultdict(list)
        for v in self.violations:
            groups[(v.shape, v.severity)].append(v)
        return dict(sorted(groups.items()))

    def text(self, examples: int = 3) -> str:
        """Per shape and severity: the count and the first few focus nodes with their messages."""
        if self.conforms:
            return f"The graph conforms to the shapes ({self.triples} triples checked).\n"
        lines = [
            f"The graph does not conform: {len(self.violations)} problem(s) "
            f"in {self.triples} triples.",
        ]
        for (shape, severity), items in self.grouped().items():
            lines.append(f"{shape} - {severity}: {len(items)}")
            for v in items[:examples]:
                lines.append(f"  {v.focus}: {v.message}")
            if len(items) > examples:
                lines.append(f"  ... and {len(items) - examples} more")
        return "\n".join(lines) + "\n"


def _shapes_text() -> str:
    return resources.files("iempkg.ontology").joinpath("shapes.ttl").read_text("utf-8")


@cache
def shapes_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=_shapes_text(), format="turtle")
    return g


@cache
def compiled_shapes() -> list[NodeShape]:
    """The shapes as the fast engine reads them; a ShapesError names what it cannot check."""
    return check_compilable(read_shapes(_shapes_text()))


def to_rdflib(triples: list[ox.Triple] | list[ox.Quad]) -> rdflib.Graph:
    """An rdflib memory graph of `triples` (through N-Triples, the fastest exchange)."""
    g = rdflib.Graph()
    data = ox.serialize(
        [ox.Triple(t.subject, t.predicate, t.object) for t in triples],
        format=ox.RdfFormat.N_TRIPLES,
    )
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def from_rdflib(graph: rdflib.Graph) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    data = graph.serialize(format="nt", encoding="utf-8")
    if data:
        kg.store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return kg


def validate(
    data: KnowledgeGraph | rdflib.Graph,
    graphs: Collection[str] | None = None,
    engine: Engine = "oxigraph",
) -> ValidationReport:
    """Check `data` against the project's shapes; with `graphs`, only the focus nodes that
    those named graphs describe (the rest of the store is the context they are read in)."""
    if engine not in ENGINES:
        raise ConfigError(
            f"unknown validation engine '{engine}'",
            "option --engine",
            f"use one of {', '.join(ENGINES)}",
        )
    kg = data if isinstance(data, KnowledgeGraph) else from_rdflib(data)
    for g in sorted(graphs or ()):
        _check_graph(kg, g)
    if engine == "pyshacl":
        violations = _pyshacl(kg, data)
        if graphs is not None:
            keep = _shacl_run.focus_of(kg, compiled_shapes(), graphs)
            violations = [v for v in violations if v.focus in keep]
    else:
        violations = [Violation(**vars(r)) for r in _shacl_run.run(kg, compiled_shapes(), graphs)]
    violations.sort(key=_order)
    # As pyshacl with allow_warnings: only results of severity Violation make a graph fail.
    conforms = all(v.severity != "Violation" for v in violations)
    return ValidationReport(conforms, violations, _size(kg, data, graphs))


def revalidate(
    kg: KnowledgeGraph, previous: Collection[Violation], graphs: Collection[str]
) -> ValidationReport:
    """The report of all of `kg` when only the named graphs `graphs` changed since a report
    that found `previous`: the focus nodes those graphs describe, and those of `previous`, are
    checked again; every other node was right before and is untouched (the entities and
    vocabulary graphs, which describe every shared node, are among `graphs` in a build).

    This is what makes a rebuild after one changed article cheap; `validate(kg)` is the full
    check, which a build runs on demand (`--full-validation`) and whenever many graphs changed."""
    present = [g for g in sorted(graphs) if kg.store.contains_named_graph(ox.NamedNode(g))]
    again = sorted({v.focus for v in previous})  # they may be right now, or still wrong
    results = _shacl_run.run(kg, compiled_shapes(), present, also=again)
    violations = sorted((Violation(**vars(r)) for r in results), key=_order)
    conforms = all(v.severity != "Violation" for v in violations)
    return ValidationReport(conforms, violations, len(kg))


def _check_graph(kg: KnowledgeGraph, name: str) -> None:
    """A named graph to validate must exist; checking its IRI also keeps it safe to put in the
    queries (NamedNode refuses spaces, quotes and angle brackets)."""
    try:
        found = kg.store.contains_named_graph(ox.NamedNode(name))
    except ValueError:
        found = False
    if not found:
        raise ConfigError(
            f"no named graph <{name}> in the store",
            "option --graph",
            "give the IRI of an article's named graph, as kg.trig names it",
        )


def _order(v: Violation) -> tuple[str, ...]:
    return (v.shape, v.severity, v.focus, v.message, v.path or "", v.value or "")


def _size(
    kg: KnowledgeGraph, data: KnowledgeGraph | rdflib.Graph, graphs: Collection[str] | None
) -> int:
    """The statements checked: all of the store's, or those of the named graphs `graphs`."""
    if isinstance(data, rdflib.Graph):
        return len(data)
    if graphs is None:
        return len(kg)
    names = " ".join(f"<{g}>" for g in sorted(graphs))
    rows = kg.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert isinstance(rows, ox.QuerySolutions)
    return int(str(getattr(next(iter(rows))["n"], "value", 0)))


def _pyshacl(
    kg: KnowledgeGraph, data: KnowledgeGraph | rdflib.Graph, shapes: rdflib.Graph | None = None
) -> list[Violation]:
    """The reference engine's results (pyshacl is imported only when asked for: it is slow)."""
    from pyshacl import validate as shacl_validate

    graph = data if isinstance(data, rdflib.Graph) else to_rdflib(kg.triples())
    shapes = shapes if shapes is not None else shapes_graph()
    _conforms, results, _ = shacl_validate(
        graph,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    assert isinstance(results, rdflib.Graph)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        source_shape = results.value(result, SH.sourceShape)
        path = results.value(result, SH.resultPath)
        violations.append(
            Violation(
                shape=_shape_label(shapes, source_shape),
                severity=_local(results.value(result, SH.resultSeverity)) or "Violation",
                focus=str(results.value(result, SH.focusNode)),
                message=_message(results, shapes, result, source_shape),
                path=None if path is None else _path_text(results, path),
                value=_str(results.value(result, SH.value)),
            )
        )
    return violations


def _path_text(g: rdflib.Graph, path: Node) -> str:
    """A result path as the fast engine reports it: an IRI, or SPARQL path syntax."""
    if isinstance(path, rdflib.URIRef):
        return str(path)

    def step(node: Node) -> str:
        if isinstance(node, rdflib.URIRef):
            return f"<{node}>"
        text = _path_text(g, node)
        return text if text.startswith("^") else f"({text})"

    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + step(inverse)
    return "/".join(step(n) for n in rdflib.collection.Collection(g, path))


def _str(node: object) -> str | None:
    return None if node is None else str(node)


def _local(node: object) -> str | None:
    if node is None:
        return None
    s = str(node)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _shape_label(shapes: rdflib.Graph, shape: Node | None) -> str:
    """The label of the node shape a result came from (property shapes are blank nodes)."""
    if shape is None:
        return "Shape"
    node = shape
    for parent in shapes.subjects(SH.property, shape):
        node = parent
    for parent in shapes.subjects(SH.sparql, shape):
        node = parent
    label = shapes.value(node, RDFS.label)
    return str(label) if label is not None else (_local(node) or "Shape")


def _message(results: rdflib.Graph, shapes: rdflib.Graph, result: Node, shape: Node | None) -> str:
    """The message in English or with no language (as the fast engine picks it), else any."""
    found = list(results.objects(result, SH.resultMessage))
    if not found and shape is not None:
        found = list(shapes.objects(shape, SH.message))
    found.sort(key=lambda m: (getattr(m, "language", None) not in (None, "en"), str(m)))
    return str(found[0]) if found else "does not conform"
