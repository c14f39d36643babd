"""Validation: pyshacl with the project's shapes, reported in words a curator understands.

`validate(kg) -> ValidationReport` runs the shapes of `ontology/shapes.ttl` over a graph and returns
the results grouped per shape and severity; `ValidationReport.text()` is the short report printed by
`iempkg validate` and written to `validation.txt` by `iempkg build`.

pyshacl needs an rdflib graph, and is measured faster over rdflib's memory store than over an
Oxigraph-backed one, so the triples to check are copied into a small rdflib graph first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import RDFS, SH
from rdflib.term import Node

from .store import KnowledgeGraph


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


@cache
def shapes_graph() -> rdflib.Graph:
    text = resources.files("iempkg.ontology").joinpath("shapes.ttl").read_text("utf-8")
    g = rdflib.Graph()
    g.parse(data=text, format="turtle")
    return g


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


def validate(data: KnowledgeGraph | rdflib.Graph) -> ValidationReport:
    """Check `data` against the project's shapes."""
    graph = to_rdflib(data.triples()) if isinstance(data, KnowledgeGraph) else data
    conforms, results, _ = shacl_validate(
        graph,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    assert isinstance(results, rdflib.Graph)
    shapes = shapes_graph()
    violations = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        source_shape = results.value(result, SH.sourceShape)
        violations.append(
            Violation(
                shape=_shape_label(shapes, source_shape),
                severity=_local(results.value(result, SH.resultSeverity)) or "Violation",
                focus=str(results.value(result, SH.focusNode)),
                message=_message(results, shapes, result, source_shape),
                path=_str(results.value(result, SH.resultPath)),
                value=_str(results.value(result, SH.value)),
            )
        )
    violations.sort(key=lambda v: (v.shape, v.severity, v.focus, v.message, v.path or ""))
    return ValidationReport(conforms=bool(conforms), violations=violations, triples=len(graph))


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
    msg = results.value(result, SH.resultMessage)
    if msg is None and shape is not None:
        msg = shapes.value(shape, SH.message)
    return str(msg) if msg is not None else "does not conform"
