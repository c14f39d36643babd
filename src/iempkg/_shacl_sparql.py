"""SHACL on Oxigraph, part 1: the shapes compiled into SPARQL queries whose solutions are results.

`compile_checks(shapes, expand, bulk) -> list[Check]`: per property shape one query for its
row-wise value tests (sh:datatype, sh:in, sh:pattern, sh:minLength, sh:nodeKind, mixed sh:or),
one per class test (sh:class, an sh:or of sh:class), one for its counts (sh:minCount,
sh:maxCount; a plain "at least one" rides along with the first value query) and one per
sh:hasValue; per SPARQL constraint its own query with the focus nodes joined in first. Each query
holds the marker FOCUS where `_shacl_run.py` puts the focus nodes of its node shape.

Semantics follow pyshacl (the reference engine, compared in tests/test_validate*.py): the data
graph is the union of all named graphs, whose duplicate triples Oxigraph keeps, hence DISTINCT
wherever a count or a result could be doubled; an instance of C is typed C or a subclass of C by
rdfs:subClassOf* in the data (`classes` expands C); `sh:in` compares terms with sameTerm; a
literal of an XSD type must also be well formed. No property path is left in the queries: they
are triple patterns, which Oxigraph joins by index lookups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pyoxigraph as ox

from ._shacl_shapes import RDF, NodeShape, PropertyShape, ShapesError, SparqlConstraint, Term, Test

XSD = "http://www.w3.org/2001/XMLSchema#"
FOCUS = "#FOCUS#"
# XSD types whose lexical form pyshacl checks (rdflib's ill-typed literals) and that Oxigraph
# can cast, so a cast failing means an ill-formed value. xsd:string needs no check.
# fmt: off
_CASTS = {"date", "dateTime", "time", "gYearMonth", "gYear", "decimal", "integer", "double",
          "float", "boolean", "duration", "dayTimeDuration", "yearMonthDuration"}
# fmt: on
_NODE_KINDS = {
    "IRI": "isIRI({v})",
    "BlankNode": "isBlank({v})",
    "Literal": "isLiteral({v})",
    "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))",
    "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
    "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
}


class UnsupportedShape(ShapesError):
    """A value test the compiler has no SPARQL for (a datatype Oxigraph cannot check, say)."""


@dataclass(frozen=True)
class Check:
    """One query; each solution binds ?this (and ?value, or ?n for counts) for one result."""

    shape: str  # the node shape's label
    severity: str
    message: str
    path: str | None
    query: str  # with FOCUS where the focus nodes of the shape are selected
    classes: tuple[str, ...]  # the shape's target classes and their subclasses
    # "values" (?value, ?okN per test), "class" (values of no class), "class-lookup" (values
    # whose classes are looked up afterwards), "missing", "count", "sparql"
    kind: str
    tests: tuple[str, ...] = ()  # the constraint of each ?okN, or of every "class"/"missing" row
    bounds: tuple[int | None, int | None] = (None, None)  # "count": sh:minCount, sh:maxCount
    sparql: SparqlConstraint | None = None  # "sparql": the constraint
    instance_of: tuple[str, ...] = ()  # "class-lookup": the classes a value must have one of


def _term(t: Term) -> str:
    if isinstance(t, ox.Literal):
        return str(t)  # N-Triples syntax is SPARQL syntax
    if isinstance(t, ox.BlankNode):
        raise UnsupportedShape(f"a blank node {t} as a constant")
    return f"<{t.value}>"


def _string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


Expand = Callable[[str], tuple[str, ...]]  # a class -> it and its subclasses in the data


def typed(v: str, classes: tuple[str, ...], var: str = "?class_") -> str:
    """`v` is an instance of one of `classes` (IRIs, already expanded to their subclasses).
    VALUES, not FILTER IN: Oxigraph would scan every rdf:type triple before filtering."""
    if len(classes) == 1:
        return f"{v} <{RDF}type> <{classes[0]}>"
    return f"VALUES {var} {{ {' '.join(f'<{c}>' for c in classes)} }} {v} <{RDF}type> {var}"


def _instances(classes: Iterable[str], expand: Expand) -> tuple[str, ...]:
    return tuple(sorted({sub for c in classes for sub in expand(c)}))


def _test(t: Test, v: str, expand: Expand) -> str:
    """A SPARQL expression, true when the value node `v` passes the test `t`."""
    arg: Any = t.args[0] if t.args else None
    if t.kind == "class":
        return f"EXISTS {{ {typed(v, _instances([arg.value], expand))} }}"
    if t.kind == "datatype":
        assert isinstance(arg, ox.NamedNode)
        same = f"(isLiteral({v}) && sameTerm(datatype({v}), <{arg.value}>))"
        local = arg.value[len(XSD) :] if arg.value.startswith(XSD) else None
        if local is None or local == "string":
            return same  # rdflib checks the lexical form of XSD types only
        if local not in _CASTS:
            raise UnsupportedShape(f"sh:datatype xsd:{local} (Oxigraph cannot check its form)")
        return f"({same} && isLiteral(<{arg.value}>({v})))"  # the cast fails on "2024-13-45"
    if t.kind == "nodeKind":
        assert isinstance(arg, ox.NamedNode)
        return _NODE_KINDS[arg.value.rsplit("#", 1)[-1]].format(v=v)
    if t.kind == "in":
        members = [f"sameTerm({v}, {_term(m)})" for m in t.args]
        return "(" + (" || ".join(members) or "false") + ")"
    if t.kind == "hasValue":
        return f"sameTerm({v}, {_term(arg)})"
    if t.kind == "pattern":
        pattern, flags = t.args
        regex = f"REGEX(STR({v}), {_string(str(pattern))}, {_string(str(flags))})"
        return f"(!isBlank({v}) && {regex})"
    if t.kind in ("minLength", "maxLength"):
        op = ">=" if t.kind == "minLength" else "<="
        return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(arg.value)})"
    if t.kind == "or":
        members = [_all(m, v, expand) for m in t.args]
        return "(" + (" || ".join(members) or "false") + ")"
    raise UnsupportedShape(f"sh:{t.kind}")


def _all(tests: tuple[Test, ...], v: str, expand: Expand) -> str:
    return "(" + (" && ".join(_test(t, v, expand) for t in tests) or "true") + ")"


def _class_set(t: Test) -> tuple[str, ...] | None:
    """The classes of a test that asks for an instance of one of them (sh:class, or an sh:or
    of sh:class), which is checked by an anti-join rather than row by row; else None."""
    members = [(t,)] if t.kind == "class" else t.args if t.kind == "or" else []
    classes = [m[0].args[0] for m in members if len(m) == 1 and m[0].kind == "class"]
    if not members or len(classes) != len(members):
        return None
    return tuple(c.value for c in classes)


def _not_instance(classes: tuple[str, ...], bulk: bool) -> str:
    """Keeps the rows whose ?value is an instance of none of `classes`: over the whole graph an
    anti-join (MINUS), which reads all instances once. With a few focus nodes, nothing: their
    values are looked up one by one afterwards (`_shacl_run`), since Oxigraph evaluates a NOT
    EXISTS against all instances for every row (measured: 1 s for 5 organisations at 10,000
    articles, 15 s with a variable class), and MINUS would still read all instances."""
    return f"MINUS {{ {typed('?value', classes)} }}" if bulk else ""


def _property_checks(
    node: NodeShape, p: PropertyShape, expand: Expand, bulk: bool
) -> Iterator[Check]:
    base = Check(node.label, p.severity, p.message or "", p.path.text, "", (), "")
    values = p.path.pattern("?this", "?value")
    # "At least one value", the commonest count, is a left join whose rows without ?value are
    # its results (NOT EXISTS over a sequence path costs Oxigraph a scan per focus node); it
    # rides along with the row-wise tests when there are some: one scan instead of two.
    required = p.min_count == 1 and p.max_count is None
    rowwise = [t for t in p.tests if _class_set(t) is None]
    class_tests = [t for t in p.tests if _class_set(t) is not None]
    if rowwise:
        missing = required
        binds = " ".join(
            f"BIND(COALESCE({_test(t, '?value', expand)}, false) AS ?ok{i})"
            for i, t in enumerate(rowwise)
        )
        fails = " || ".join(
            ["!BOUND(?value)"] * missing + [f"!?ok{i}" for i in range(len(rowwise))]
        )
        flags = " ".join(f"?ok{i}" for i in range(len(rowwise)))
        found = f"OPTIONAL {{ {values} }}" if missing else f"{values} ."
        query = f"SELECT DISTINCT ?this ?value {flags} WHERE {{ {FOCUS} {found} {binds} FILTER ({fails}) }}"
        yield replace(base, query=query, kind="values", tests=tuple(t.kind for t in rowwise))
        required = False
    for t in class_tests:
        classes = _instances(_class_set(t) or (), expand)
        query = f"SELECT DISTINCT ?this ?value WHERE {{ {FOCUS} {values} . {_not_instance(classes, bulk)} }}"
        kind = "class" if bulk else "class-lookup"
        yield replace(base, query=query, kind=kind, tests=(t.kind,), instance_of=classes)
    if required:
        found = p.path.pattern("?this", "?value")
        query = f"SELECT DISTINCT ?this WHERE {{ {FOCUS} OPTIONAL {{ {found} }} FILTER (!BOUND(?value)) }}"
        yield replace(base, query=query, kind="missing", tests=("minCount",))
    elif (p.min_count, p.max_count) not in ((None, None), (1, None)):
        lo, hi = p.min_count, p.max_count
        having = " || ".join(
            f"COUNT(DISTINCT ?v) {op} {n}" for op, n in (("<", lo), (">", hi)) if n is not None
        )
        found = p.path.pattern("?this", "?v")
        found = f"OPTIONAL {{ {found} }}" if lo else found
        query = f"SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {FOCUS} {found} }} GROUP BY ?this HAVING ({having})"
        yield replace(base, query=query, kind="count", bounds=(lo, hi))
    if p.has_value is not None:
        found = p.path.pattern("?this", _term(p.has_value))
        query = f"SELECT DISTINCT ?this WHERE {{ {FOCUS} OPTIONAL {{ {found} BIND (true AS ?v) }} FILTER (!BOUND(?v)) }}"
        yield replace(base, query=query, kind="missing", tests=("hasValue",))


def compile_checks(shapes: list[NodeShape], expand: Expand, bulk: bool) -> list[Check]:
    """The queries of `shapes`. `expand`: a class and its subclasses in the data; `bulk`: the
    queries will see every focus node (else a few, for incremental validation)."""
    checks: list[Check] = []
    for node in shapes:
        classes = _instances(node.target_classes, expand)
        for p in node.properties:
            checks.extend(
                replace(c, classes=classes) for c in _property_checks(node, p, expand, bulk)
            )
        for c in node.sparql:
            # The focus nodes go first in the query's own group, so that filters, optionals and
            # NOT EXISTS see $this bound, as when it is pre-bound (SHACL 5.3.1).
            at = c.select.index("{") + 1
            query = c.select[:at] + f" {FOCUS} " + c.select[at:]
            message = c.message or "does not conform"
            checks.append(
                Check(node.label, node.severity, message, None, query, classes, "sparql", sparql=c)
            )
    return checks


def check_compilable(shapes: list[NodeShape]) -> list[NodeShape]:
    """`shapes`, once both kinds of queries were compiled from them: so that a test with no
    SPARQL (a datatype Oxigraph cannot check) fails when the shapes are read, not later."""
    for bulk in (True, False):
        compile_checks(shapes, lambda c: (c,), bulk)
    return shapes
