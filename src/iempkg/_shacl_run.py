"""SHACL on Oxigraph, part 2: the compiled queries run over a KnowledgeGraph.

`run(kg, shapes, graphs) -> list[Result]`: every result, for all focus nodes (the instances of
the target classes in the union of all graphs) or, incremental, for the focus nodes that the
named graphs `graphs` describe (subjects of their triples; objects too when a path starts
backwards). In both cases the queries read the whole store, so sh:class, paths through other
graphs and SPARQL constraints see the context the shapes need: an article's event is checked
against the organisations and the article described in the entities and the article graphs.

Queries run on a few threads: pyoxigraph releases the GIL while it evaluates (measured: two
queries on two threads take the time of one).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import pyoxigraph as ox

from ._shacl_shapes import RDF, RDFS, NodeShape, SparqlConstraint, Term
from ._shacl_sparql import FOCUS, Check, Expand, compile_checks, typed
from .store import KnowledgeGraph


@dataclass(frozen=True)
class Result:
    shape: str
    severity: str
    focus: str
    message: str
    path: str | None
    value: str | None


_TRUE = ox.Literal(True)


def _text(term: object) -> str | None:
    """A term as pyshacl's report gives it: an IRI, a literal's lexical form, a blank node id."""
    return None if term is None else str(getattr(term, "value", term))


def _fill(message: str, row: ox.QuerySolution, names: list[str]) -> str:
    """A SPARQL constraint's message with {?var} and {$var} replaced by the solution's values."""
    for name in names:
        value = _text(row[name])
        if value is not None and "{" in message:
            message = message.replace(f"{{?{name}}}", value).replace(f"{{${name}}}", value)
    return message


def _is_instance(kg: KnowledgeGraph, node: object, classes: tuple[str, ...]) -> bool:
    if not isinstance(node, (ox.NamedNode, ox.BlankNode)):
        return False  # a literal is an instance of nothing
    rdf_type = ox.NamedNode(RDF + "type")
    return any(
        next(kg.store.quads_for_pattern(node, rdf_type, ox.NamedNode(c)), None) is not None
        for c in classes
    )


def _results(kg: KnowledgeGraph, check: Check, solutions: ox.QuerySolutions) -> Iterator[Result]:
    names = [v.value for v in solutions.variables]
    seen: set[tuple[str | None, ...]] = set()
    for row in solutions:
        focus = _text(row["this"])
        assert focus is not None
        base = Result(check.shape, check.severity, focus, check.message, check.path, None)
        if check.kind == "class-lookup" and _is_instance(kg, row["value"], check.instance_of):
            continue
        if check.kind in ("values", "class", "class-lookup"):
            value = _text(row["value"])
            if value is None:  # the "at least one value" that rode along
                yield replace(base, message=check.message or "fails sh:minCount")
                continue
            for i, test in enumerate(check.tests):
                if check.kind != "values" or row[f"ok{i}"] != _TRUE:
                    yield replace(base, value=value, message=check.message or f"fails sh:{test}")
        elif check.kind == "missing":
            yield replace(base, message=check.message or f"fails sh:{check.tests[0]}")
        elif check.kind == "count":
            n = int(_text(row["n"]) or 0)
            lo, hi = check.bounds
            if lo is not None and n < lo:
                yield replace(base, message=check.message or "fails sh:minCount")
            if hi is not None and n > hi:
                yield replace(base, message=check.message or "fails sh:maxCount")
        else:
            # pyshacl reports each distinct solution once (the union graph may repeat one).
            key = tuple(_text(row[n]) for n in names)
            if key not in seen:
                seen.add(key)
                value = _text(row["value"]) if "value" in names else None
                path = _text(row["path"]) if "path" in names else None
                message = _fill(check.message, row, names)
                yield replace(base, message=message, value=value or focus, path=path)


def _subclasses(kg: KnowledgeGraph) -> Expand:
    """rdfs:subClassOf* in the data, computed once: Oxigraph is slow on closure paths over the
    union of many graphs, and the data usually holds no subclass triple at all."""
    below: dict[str, set[str]] = defaultdict(set)
    rows = kg.query(f"SELECT DISTINCT ?a ?b WHERE {{ ?a <{RDFS}subClassOf> ?b }}")
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        a, b = row["a"], row["b"]
        if isinstance(a, ox.NamedNode) and isinstance(b, ox.NamedNode):
            below[b.value].add(a.value)

    def expand(cls: str) -> tuple[str, ...]:
        found, todo = {cls}, [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return tuple(sorted(found))

    return expand


def _focus(check: Check, nodes: list[Term] | None) -> str:
    """The focus nodes, inline so that Oxigraph joins from them (a sub-SELECT is joined by
    hashing the whole rest of the query): every instance of the classes, or `nodes`."""
    if nodes is not None:
        return "VALUES ?this { " + " ".join(str(n) for n in nodes) + " }"
    return typed("?this", check.classes, "?class") + " ."


def described(kg: KnowledgeGraph, graphs: Collection[str], inverse: bool) -> list[Term]:
    """The nodes that the named graphs `graphs` describe: the subjects of their triples, and the
    objects too when a path starts backwards (its values hang on triples pointing at the node)."""
    nodes: set[Term] = set()
    for g in sorted(graphs):
        for q in kg.store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            for n in (q.subject, q.object) if inverse else (q.subject,):
                if isinstance(n, (ox.NamedNode, ox.BlankNode)):
                    nodes.add(n)
    return sorted(nodes, key=str)


def focus_nodes(kg: KnowledgeGraph, classes: tuple[str, ...], nodes: list[Term]) -> list[Term]:
    """The instances of `classes` among `nodes`, by index lookups: a query joining the graphs
    with the instances was measured to read all instances first (1.7 s at 100,000 articles)."""
    return [n for n in nodes if _is_instance(kg, n, classes)]


def _small_store(kg: KnowledgeGraph, c: SparqlConstraint, classes: tuple[str, ...]) -> ox.Store:
    """The triples a path-following SPARQL constraint can read, in one default graph: the
    triples of its predicates and the typing of the focus nodes, if they are to be found by
    type (`classes`); a store is a set, so the union's duplicates are gone."""
    store = ox.Store()
    patterns: list[tuple[ox.NamedNode, ox.NamedNode | None]]
    patterns = [(ox.NamedNode(p), None) for p in sorted(c.predicates or ())]
    patterns += [(ox.NamedNode(RDF + "type"), ox.NamedNode(cls)) for cls in classes]
    for p, o in patterns:
        store.extend(
            ox.Quad(q.subject, q.predicate, q.object)
            for q in kg.store.quads_for_pattern(None, p, o)
        )
    return store


def _run_one(kg: KnowledgeGraph, check: Check, nodes: list[Term] | None) -> list[Result]:
    query = check.query.replace(FOCUS, _focus(check, nodes))
    c = check.sparql
    if c is not None and c.paths and c.predicates is not None:
        store = _small_store(kg, c, check.classes if nodes is None else ())
        solutions = store.query(query)
    else:
        solutions = kg.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    return list(_results(kg, check, solutions))


def _inverse(shapes: list[NodeShape]) -> bool:
    return any(p.path.inverse_first for n in shapes for p in n.properties)


def focus_of(kg: KnowledgeGraph, shapes: list[NodeShape], graphs: Collection[str]) -> set[str]:
    """The focus nodes of `shapes` that `graphs` describe, as reported (for pyshacl's results)."""
    expand, nodes = _subclasses(kg), described(kg, graphs, _inverse(shapes))
    found: set[str] = set()
    for shape in shapes:
        classes = tuple(sorted({sub for c in shape.target_classes for sub in expand(c)}))
        found.update(_text(n) or "" for n in focus_nodes(kg, classes, nodes))
    return found


def run(
    kg: KnowledgeGraph,
    shapes: list[NodeShape],
    graphs: Collection[str] | None = None,
    also: Collection[str] = (),
) -> list[Result]:
    """Every result of `shapes` over `kg`; with `graphs`, for the focus nodes they describe and
    the nodes (IRIs) `also`."""
    expand = _subclasses(kg)
    checks = compile_checks(shapes, expand, bulk=graphs is None)
    nodes: dict[tuple[str, ...], list[Term] | None] = {}
    keep: set[str] | None = None
    if graphs is not None:
        extra = {ox.NamedNode(iri) for iri in also}
        candidates = sorted(set(described(kg, graphs, _inverse(shapes))) | extra, key=str)
        keep = set()
        for classes in {c.classes for c in checks}:
            found = focus_nodes(kg, classes, candidates)
            keep.update(_text(n) or "" for n in found)
            # A blank node cannot be named in a query: check them all, keep theirs below.
            blank = any(isinstance(n, ox.BlankNode) for n in found)
            nodes[classes] = None if blank else found
        checks = [c for c in checks if nodes[c.classes] != []]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        done = pool.map(lambda c: _run_one(kg, c, nodes.get(c.classes)), checks)
        results = [r for rs in done for r in rs]
    return results if keep is None else [r for r in results if r.focus in keep]
