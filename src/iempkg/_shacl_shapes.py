"""The project's SHACL shapes, read into a small model that the SPARQL compiler understands.

`read_shapes(turtle) -> list[NodeShape]` accepts only the subset of SHACL that
`_shacl_sparql.py` compiles: node shapes with `sh:targetClass`, property shapes with simple,
inverse or sequence paths and the constraints listed in `VALUE_TESTS` and `PROPERTY_KEYS`, and
SPARQL-based constraints (`sh:sparql` with `sh:select`). Anything else in the SHACL namespace is a
`ShapesError` at load time, naming the shape and the term, so that the shapes cannot drift out of
what the fast engine checks without anyone noticing (pyshacl, the reference engine, would still
check them: `--engine pyshacl`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from .errors import IempkgError

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

Term = ox.NamedNode | ox.BlankNode | ox.Literal

# Constraints that test one value node at a time (also allowed inside the members of sh:or).
# fmt: off
VALUE_TESTS = {"class", "datatype", "nodeKind", "in", "hasValue", "pattern", "minLength",
               "maxLength"}
# Keys of a property shape besides its value tests (name, description, order, group annotate).
PROPERTY_KEYS = {"path", "minCount", "maxCount", "or", "flags", "message", "severity", "name",
                 "description", "order", "group", "deactivated"}
# fmt: on
NODE_KEYS = {"targetClass", "property", "sparql", "message", "severity", "deactivated"}
SPARQL_KEYS = {"select", "message", "prefixes", "deactivated"}
# The fast engine joins a SPARQL constraint's query with the focus nodes instead of running it once
# per focus node with $this pre-bound. That is the same for a plain graph pattern with filters and
# optionals, not for these (SHACL 5.3.1 forbids the first three in such queries anyway).
_UNSAFE_SPARQL = re.compile(
    r"\b(MINUS|SERVICE|VALUES|GRAPH|FROM|GROUP\s+BY|HAVING|LIMIT|OFFSET|"
    r"(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\()|\$(shapesGraph|currentShape)\b",
    re.IGNORECASE,
)
_PROJECTS_THIS = re.compile(r"^\s*SELECT\s+(DISTINCT\s+|REDUCED\s+)?(\*|[^{]*[?$]this\b)", re.I)


class ShapesError(IempkgError):
    """The shapes use SHACL that the fast engine does not compile."""


@dataclass(frozen=True)
class Path:
    text: str  # as reported in Violation.path: the IRI of a simple path, else SPARQL path syntax
    steps: tuple[tuple[str, bool], ...]  # (predicate IRI, inverse) from the focus to the values

    @property
    def inverse_first(self) -> bool:
        """The value nodes hang on triples where the focus node is the object."""
        return self.steps[0][1]

    def pattern(self, start: str, end: str) -> str:
        """Triple patterns from `start` to `end`. Oxigraph evaluates a sequence path inside
        NOT EXISTS over the whole graph for every focus node; plain joins it does not."""
        names = [start, *(f"?_step{i}" for i in range(1, len(self.steps))), end]
        return " . ".join(
            f"{o} <{p}> {s}" if inverse else f"{s} <{p}> {o}"
            for (p, inverse), s, o in zip(self.steps, names, names[1:], strict=False)
        )


@dataclass(frozen=True)
class Test:
    kind: str  # one of VALUE_TESTS, or "or" (args: tuple of conjunctions of tests)
    args: tuple[Any, ...]  # terms; for "pattern" (regex, flags); for "or" tuples of Tests


@dataclass(frozen=True)
class PropertyShape:
    path: Path
    tests: tuple[Test, ...]  # each value node must pass each of these
    min_count: int | None
    max_count: int | None
    has_value: Term | None  # sh:hasValue of a property shape: some value node must be it
    message: str | None
    severity: str


@dataclass(frozen=True)
class SparqlConstraint:
    select: str  # the query with its prefixes declared
    message: str | None
    # The predicates the query can match, None when a variable or negated path can match any;
    # `paths`: it follows property paths, which Oxigraph evaluates slowly over the union of
    # many named graphs (13 s for one `<a> p+ <a>` over 10,000 articles), so such a query runs
    # on a small store of just the triples with these predicates.
    predicates: frozenset[str] | None = None
    paths: bool = False


@dataclass(frozen=True)
class NodeShape:
    iri: str
    label: str
    severity: str
    target_classes: tuple[str, ...]
    properties: tuple[PropertyShape, ...] = ()
    sparql: tuple[SparqlConstraint, ...] = field(default=())


class _Shapes:
    """Reading helpers over the shapes graph, recording every node that was understood."""

    def __init__(self, turtle: str) -> None:
        self.store = ox.Store()
        self.store.load(turtle, format=ox.RdfFormat.TURTLE)
        self.read: set[Term] = set()

    def objects(self, s: Term, local: str, ns: str = SH) -> list[Term]:
        found = self.store.quads_for_pattern(s, ox.NamedNode(ns + local), None, None)  # type: ignore[arg-type]
        return sorted((q.object for q in found), key=str)  # type: ignore[misc]

    def one(self, s: Term, local: str, ns: str = SH) -> Term | None:
        values = self.objects(s, local, ns)
        if len(values) > 1:
            raise ShapesError(f"{_name(s)} has {len(values)} values of sh:{local}", "shapes.ttl")
        return values[0] if values else None

    def keys(self, s: Term, allowed: set[str], what: str) -> set[str]:
        """The SHACL terms used on `s`; any not in `allowed` is refused."""
        self.read.add(s)
        used = {
            q.predicate.value[len(SH) :]
            for q in self.store.quads_for_pattern(s, None, None)  # type: ignore[arg-type]
            if q.predicate.value.startswith(SH)
        }
        unknown = sorted(used - allowed)
        if unknown:
            raise ShapesError(
                f"{what} {_name(s)} uses sh:{', sh:'.join(unknown)}, which the fast engine "
                "does not check",
                "ontology/shapes.ttl",
                "extend iempkg/_shacl_sparql.py or validate with --engine pyshacl",
            )
        return used

    def items(self, head: Term) -> Iterator[Term]:
        """The members of an RDF list."""
        node: Term | None = head
        while node is not None and node != ox.NamedNode(RDF + "nil"):
            first = self.one(node, "first", RDF)
            if first is None:
                raise ShapesError(f"{_name(head)} is not a well-formed RDF list", "shapes.ttl")
            self.read.add(node)
            yield first
            node = self.one(node, "rest", RDF)

    def text(self, s: Term, local: str, ns: str = SH) -> str | None:
        """A literal in English or with no language (the curator's language), else any."""
        values = [v for v in self.objects(s, local, ns) if isinstance(v, ox.Literal)]
        for v in values:
            if v.language in (None, "en"):
                return v.value
        return values[0].value if values else None

    def skip(self, s: Term) -> None:
        """A deactivated shape: `s` and the blank nodes that describe it are not compiled."""
        todo, seen = [s], set[Term]()
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                self.read.add(node)
                todo.extend(
                    q.object
                    for q in self.store.quads_for_pattern(node, None, None)  # type: ignore[arg-type]
                    if isinstance(q.object, ox.BlankNode)
                )

    def subjects(self, p: str, o: str | None = None) -> list[Term]:
        found = self.store.quads_for_pattern(
            None, ox.NamedNode(p), None if o is None else ox.NamedNode(o)
        )
        return sorted({q.subject for q in found if not isinstance(q.subject, ox.Triple)}, key=str)

    def unread(self) -> list[Term]:
        """Nodes with SHACL terms that no shape reached: shapes of a kind not compiled."""
        subjects = {q.subject for q in self.store if q.predicate.value.startswith(SH)}
        return sorted(
            (s for s in subjects if s not in self.read and not isinstance(s, ox.Triple)), key=str
        )


def _name(node: Term) -> str:
    return f"<{node.value}>" if isinstance(node, ox.NamedNode) else f"[{node}]"


def _int(shapes: _Shapes, s: Term, local: str) -> int | None:
    v = shapes.one(s, local)
    return None if v is None else int(v.value)


def _severity(shapes: _Shapes, s: Term) -> str:
    v = shapes.one(s, "severity")
    return "Violation" if v is None else v.value.rsplit("#", 1)[-1]


def _path(shapes: _Shapes, node: Term) -> Path:
    if isinstance(node, ox.NamedNode):
        return Path(node.value, ((node.value, False),))
    if isinstance(node, ox.Literal):
        raise ShapesError(f"a path cannot be the literal {node}", "shapes.ttl")
    inverse = shapes.one(node, "inversePath")
    if inverse is not None:
        shapes.keys(node, {"inversePath"}, "path")
        inner = _path(shapes, inverse)
        text = f"^{_sparql_path(inverse, inner)}"
        return Path(text, tuple((p, not inv) for p, inv in reversed(inner.steps)))
    if shapes.one(node, "first", RDF) is None:
        shapes.keys(node, set(), "path")  # sh:alternativePath, sh:zeroOrMorePath, ...
        raise ShapesError(f"path {_name(node)} is not understood", "shapes.ttl")
    parts = [(step, _path(shapes, step)) for step in shapes.items(node)]
    text = "/".join(_sparql_path(n, p) for n, p in parts)
    return Path(text, tuple(step for _, p in parts for step in p.steps))


def _sparql_path(node: Term, path: Path) -> str:
    """A step of a longer path in SPARQL syntax: <p>, ^<p>, or a bracketed sequence."""
    if isinstance(node, ox.NamedNode):
        return f"<{path.text}>"
    return path.text if path.text.startswith("^") else f"({path.text})"


def _tests(shapes: _Shapes, s: Term, used: set[str]) -> tuple[Test, ...]:
    tests: list[Test] = []
    for kind in sorted(used & VALUE_TESTS):
        if kind == "hasValue" and "path" in used:
            continue  # on a property shape, hasValue is about the set of values, not each one
        for v in shapes.objects(s, kind):
            if kind == "in":
                tests.append(Test("in", tuple(shapes.items(v))))
            elif kind == "pattern":
                flags = shapes.one(s, "flags")
                tests.append(Test("pattern", (v.value, flags.value if flags else "")))
            else:
                tests.append(Test(kind, (v,)))
    for v in shapes.objects(s, "or"):
        members = []
        for member in shapes.items(v):
            member_used = shapes.keys(member, VALUE_TESTS | {"flags"}, "sh:or member")
            members.append(_tests(shapes, member, member_used))
        tests.append(Test("or", tuple(members)))
    return tuple(tests)


def _property(shapes: _Shapes, s: Term) -> PropertyShape:
    used = shapes.keys(s, PROPERTY_KEYS | VALUE_TESTS, "property shape")
    path = shapes.one(s, "path")
    if path is None:
        raise ShapesError(f"property shape {_name(s)} has no sh:path", "shapes.ttl")
    return PropertyShape(
        path=_path(shapes, path),
        tests=_tests(shapes, s, used),
        min_count=_int(shapes, s, "minCount"),
        max_count=_int(shapes, s, "maxCount"),
        has_value=shapes.one(s, "hasValue"),
        message=shapes.text(s, "message"),
        severity=_severity(shapes, s),
    )


def _prefixes(shapes: _Shapes, s: Term) -> str:
    lines = []
    for owner in shapes.objects(s, "prefixes"):
        shapes.read.add(owner)
        for decl in shapes.objects(owner, "declare"):
            shapes.keys(decl, {"prefix", "namespace"}, "prefix declaration")
            prefix, namespace = shapes.one(decl, "prefix"), shapes.one(decl, "namespace")
            if prefix is None or namespace is None:
                raise ShapesError(f"prefix declaration {_name(decl)} is incomplete", "shapes.ttl")
            lines.append(f"PREFIX {prefix.value}: <{namespace.value}>")
    return "\n".join(sorted(set(lines)))


def _sparql(shapes: _Shapes, s: Term, shape: Term, shape_message: str | None) -> SparqlConstraint:
    shapes.keys(s, SPARQL_KEYS, "SPARQL constraint")
    select = shapes.one(s, "select")
    if select is None:
        raise ShapesError(f"SPARQL constraint of {_name(shape)} has no sh:select", "shapes.ttl")
    query = select.value
    unsafe = _UNSAFE_SPARQL.search(query)
    if unsafe or len(re.findall(r"\bSELECT\b", query, re.I)) != 1:
        used = unsafe.group(0).rstrip("(").strip() if unsafe else "a nested SELECT"
        raise ShapesError(
            f"the SPARQL constraint of {_name(shape)} uses {used}, which the fast engine "
            "cannot join with the focus nodes",
            "ontology/shapes.ttl",
            "rewrite the query or validate with --engine pyshacl",
        )
    if not _PROJECTS_THIS.match(query) or "{" not in query:
        raise ShapesError(
            f"the SPARQL constraint of {_name(shape)} must be a SELECT of $this", "shapes.ttl"
        )
    # pyshacl reports the constraint's message and the shape's; a Violation holds one.
    message = shapes.text(s, "message") or shape_message
    text = f"{_prefixes(shapes, s)}\n{query}"
    predicates, paths = _predicates(text, shape)
    return SparqlConstraint(text, message, predicates, paths)


def _predicates(query: str, shape: Term) -> tuple[frozenset[str] | None, bool]:
    """The predicates of the query's triple patterns and paths (rdflib parses SPARQL into an
    algebra that Oxigraph does not expose); None if a pattern can match any predicate."""
    from rdflib import URIRef
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
    from rdflib.plugins.sparql import prepareQuery

    try:
        algebra = prepareQuery(query).algebra
    except Exception as exc:  # pyparsing's errors are not one class
        raise ShapesError(
            f"the SPARQL of {_name(shape)} does not parse ({exc})", "shapes.ttl"
        ) from exc
    found: set[str] = set()
    state = {"any": False, "paths": False}

    def predicate(p: object) -> None:
        if isinstance(p, URIRef):
            found.add(str(p))
        elif isinstance(p, (SequencePath, AlternativePath)):
            state["paths"] = True
            for a in p.args:
                predicate(a)
        elif isinstance(p, (InvPath, MulPath)):
            state["paths"] = True
            predicate(p.arg if isinstance(p, InvPath) else p.path)
        else:  # a variable or a negated property set: any predicate
            state["any"] = True

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "triples":
                    for triple in value:
                        predicate(triple[1])
                else:
                    walk(value)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item)

    walk(algebra)
    return (None if state["any"] else frozenset(found)), state["paths"]


def _active(shapes: _Shapes, s: Term) -> bool:
    v = shapes.one(s, "deactivated")
    return v is None or v.value not in ("true", "1")


def read_shapes(turtle: str) -> list[NodeShape]:
    """The node shapes of `turtle`, or a ShapesError naming what the compiler does not support."""
    shapes = _Shapes(turtle)
    heads = shapes.subjects(RDF + "type", SH + "NodeShape") + shapes.subjects(SH + "targetClass")
    result = []
    for s in sorted(set(heads), key=str):
        shapes.keys(s, NODE_KEYS, "node shape")
        props, sparql = shapes.objects(s, "property"), shapes.objects(s, "sparql")
        if not _active(shapes, s):
            shapes.skip(s)
            continue
        for n in props + sparql:
            if not _active(shapes, n):
                shapes.skip(n)
        label = shapes.text(s, "label", RDFS) or s.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        result.append(
            NodeShape(
                iri=s.value,
                label=label,
                severity=_severity(shapes, s),
                target_classes=tuple(c.value for c in shapes.objects(s, "targetClass")),
                properties=tuple(_property(shapes, p) for p in props if _active(shapes, p)),
                sparql=tuple(
                    _sparql(shapes, c, s, shapes.text(s, "message"))
                    for c in sparql
                    if _active(shapes, c)
                ),
            )
        )
    left = shapes.unread()
    if left:
        raise ShapesError(
            f"{_name(left[0])} is a kind of shape the fast engine does not check "
            "(only node shapes with sh:targetClass)",
            "ontology/shapes.ttl",
            "validate with --engine pyshacl",
        )
    return result
