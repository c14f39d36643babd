"""SPARQL for people: named questions from the catalogue, parameters bound as RDF terms.

Layout:
- `catalogue() -> list[NamedQuery]` and `load_query(name_or_path) -> NamedQuery`: the `.rq` files
  of `queries/` (shipped in the package) or a user's file, with their comment header parsed;
- `run_query(target, query, params) -> QueryResult`: refuses updates and `SERVICE` unless allowed,
  turns each `name=value` into a typed RDF term (an organisation or person given by name or
  acronym becomes its IRI) and hands the terms to the target as bindings, never as query text:
  a local `KnowledgeGraph` lets Oxigraph substitute them for the variables; a remote
  `endpoint.Endpoint` binds them in a VALUES block (see that module). So `x" } ; DROP ALL ; #` is
  only ever a string;
- `format_result(result, fmt) -> str`: an aligned table, csv, tsv, json or Markdown.

Header format of a catalogue query (comment lines before the query; see queries/README.md):

    # title: Partners of an organisation
    # description: Organisations that took part in the same events ...
    # param: org (organisation, default: UNEP-IEMP) the organisation whose partners to list
    # example: iempkg query partners out/kg.ttl -p org=UNEP-IEMP

A parameter is a variable of the query (`?org`) that must be in its top-level SELECT list (Oxigraph's
substitution requires it) and bound by the query's top-level pattern (so that a remote VALUES
binding means the same); locally its term is also written into the patterns (`_sparql_inline`). Parameter types: iri, organisation, person, entity (either, or any IRI),
string, date, year, integer, decimal, sdg.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from .errors import QueryError
from .store import KnowledgeGraph
from .vocab import DATA_KINDS, PREFIXES, SDG, XSD

PARAM_TYPES = (
    "iri",
    "organisation",
    "person",
    "entity",
    "string",
    "date",
    "year",
    "integer",
    "decimal",
    "sdg",
)
OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "md")

_HEADER = re.compile(r"^#\s*(title|description|param|example)\s*:\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)(?:\s*,\s*default\s*:\s*(?P<default>[^)]*))?\)\s*(?P<doc>.*)$"
)
# Strings, IRIs and comments are blanked before looking for keywords, so that a keyword inside a
# literal ("DROP ALL") is not mistaken for an operation, and one outside is never missed.
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
# A keyword, not a variable (?copy), a prefixed name (ex:drop, drop:x) or part of a longer word.
_UPDATE = re.compile(
    r"(?<![\w?$:-])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)(?![\w:-])",
    re.IGNORECASE,
)
_SERVICE = re.compile(r"(?<![\w?$:-])SERVICE(?![\w:-])", re.IGNORECASE)

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Answer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list[ox.Triple]


class QueryTarget(Protocol):
    """What a query runs on: a local `KnowledgeGraph` or a remote `endpoint.Endpoint`."""

    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Answer: ...


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None = None
    doc: str = ""


@dataclass
class NamedQuery:
    name: str
    text: str
    title: str = ""
    description: str = ""
    parameters: list[Parameter] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    path: str | None = None


@dataclass
class QueryResult:
    variables: list[str]
    rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None]]
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None


def parse_query_file(name: str, text: str, path: str | None = None) -> NamedQuery:
    q = NamedQuery(name=name, text=text, path=path)
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            q.title = value
        elif key == "description":
            q.description = f"{q.description} {value}".strip()
        elif key == "example":
            q.examples.append(value)
        else:
            pm = _PARAM.match(value)
            if not pm or pm.group("type") not in PARAM_TYPES:
                raise QueryError(
                    f"malformed parameter line '{value}'",
                    path or name,
                    f"write '# param: NAME (TYPE[, default: VALUE]) description' with TYPE one of "
                    f"{', '.join(PARAM_TYPES)}",
                )
            default = pm.group("default")
            q.parameters.append(
                Parameter(
                    pm.group("name"),
                    pm.group("type"),
                    default.strip() if default else None,
                    pm.group("doc").strip(),
                )
            )
    return q


def catalogue() -> list[NamedQuery]:
    """Every named query shipped with iempkg, by name."""
    folder = resources.files("iempkg.queries")
    out = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name.endswith(".rq"):
            out.append(parse_query_file(item.name[:-3], item.read_text("utf-8")))
    return out


def load_query(name_or_path: str) -> NamedQuery:
    """A catalogue query by name, or a query file by path."""
    p = Path(name_or_path)
    if p.suffix in (".rq", ".sparql") or p.exists():
        if not p.is_file():
            raise QueryError("no such query file", str(p), "give a .rq file or a catalogue name")
        try:
            return parse_query_file(p.stem, p.read_text("utf-8"), str(p))
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read the query ({exc})", str(p), "save it as UTF-8") from exc
    for q in catalogue():
        if q.name == name_or_path:
            return q
    names = ", ".join(q.name for q in catalogue())
    raise QueryError(
        f"no query named '{name_or_path}'", "the catalogue", f"use one of: {names}, or a .rq file"
    )


def check_read_only(text: str, allow_update: bool = False, allow_service: bool = False) -> None:
    bare = _OPAQUE.sub(" ", text)
    if not allow_update and (m := _UPDATE.search(bare)):
        raise QueryError(
            f"the query contains the update operation {m.group(1).upper()}",
            "the query text",
            "queries are read-only; pass --allow-update to change a store",
        )
    if not allow_service and _SERVICE.search(bare):
        raise QueryError(
            "the query calls a remote SERVICE",
            "the query text",
            "iempkg makes no network calls unless asked; pass --allow-service to allow it",
        )


_CLASSES = {
    "organisation": ("<http://schema.org/Organization>",),
    "person": ("<http://schema.org/Person>",),
    "entity": ("<http://schema.org/Organization>", "<http://schema.org/Person>"),
}
# Exact spellings first: these use the store's indexes (fast on any size of graph); only when
# none matches does the case-insensitive comparison scan the names of that kind of entity.
_EXACT = """SELECT DISTINCT ?wanted ?e ?rank WHERE {{
  {{ ?e <http://schema.org/name> ?wanted BIND(0 AS ?rank) }}
  UNION {{ ?e <https://w3id.org/iempkg/ontology#acronym> ?wanted BIND(1 AS ?rank) }}
  UNION {{ ?e <http://schema.org/alternateName> ?wanted BIND(2 AS ?rank) }}
  ?e a ?class . VALUES ?class {{ {classes} }}
}}"""
_ANY_CASE = """SELECT DISTINCT ?wanted ?e ?rank WHERE {{
  ?e a ?class . VALUES ?class {{ {classes} }}
  {{ ?e <http://schema.org/name> ?n BIND(0 AS ?rank) }}
  UNION {{ ?e <https://w3id.org/iempkg/ontology#acronym> ?n BIND(1 AS ?rank) }}
  UNION {{ ?e <http://schema.org/alternateName> ?n BIND(2 AS ?rank) }}
  FILTER (LCASE(STR(?n)) = LCASE(STR(?wanted)))
}}"""


def _entity(kg: QueryTarget, kind: str, value: str) -> ox.NamedNode:
    """The IRI of the organisation or person whose name, acronym or other name is `value`."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", value) and " " not in value:
        return _iri(_expand(kg, value), kind)
    classes = " ".join(_CLASSES[kind])
    found: list[tuple[int, str]] = []
    for template in (_EXACT, _ANY_CASE):
        answer = kg.query(template.format(classes=classes), {"wanted": ox.Literal(value)})
        assert isinstance(answer, ox.QuerySolutions)
        found = sorted(
            (int(str(getattr(row["rank"], "value", "9"))), str(getattr(row["e"], "value", "")))
            for row in answer
        )
        if found:
            break
    what = "organisation or person" if kind == "entity" else kind
    if not found:
        raise QueryError(
            f"no {what} called '{value}' in the graph",
            "the parameter",
            "check the spelling ('iempkg query find KG -p text=PART' lists names) or give an IRI",
        )
    best = sorted({iri for rank, iri in found if rank == found[0][0]})
    if len(best) > 1:
        raise QueryError(
            f"'{value}' names {len(best)} different entities ({', '.join(best[:3])})",
            "the parameter",
            "give the IRI of the one you mean",
        )
    return ox.NamedNode(best[0])


_DATA_PREFIX = {kind.replace("-", ""): kind for kind in DATA_KINDS}


def _expand(kg: QueryTarget, value: str) -> str:
    """`organisation:some-slug`, as tables show data IRIs, as the full IRI of this graph."""
    prefix, _, rest = value.partition(":")
    if prefix not in _DATA_PREFIX or rest.startswith("//"):
        return value
    answer = kg.query("SELECT ?a WHERE { ?a a <http://schema.org/NewsArticle> } LIMIT 1", None)
    assert isinstance(answer, ox.QuerySolutions)
    for row in answer:
        article = str(getattr(row["a"], "value", ""))
        if m := _DATA_IRI.match(article):
            return f"{m.group(1)}{_DATA_PREFIX[prefix]}/{rest}"
    return value


def _iri(value: str, what: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"'{value}' is not a valid IRI ({exc})", f"the {what} parameter") from exc


def to_term(kg: QueryTarget, param: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    """`value` as the RDF term its parameter's type calls for."""

    def bad(what: str) -> QueryError:
        return QueryError(
            f"parameter '{param.name}' {what}", f"value '{value}'", "see 'iempkg queries'"
        )

    t = param.type
    if t in _CLASSES:
        return _entity(kg, t, value)
    if t == "iri":
        if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
            raise bad("must be an absolute IRI")
        return _iri(_expand(kg, value), param.name)
    if t == "sdg":
        num = value.rsplit("/", 1)[-1].upper().removeprefix("SDG").strip()
        if not num.isdigit() or not 1 <= int(num) <= 17:
            raise bad("must be an SDG goal number from 1 to 17")
        return ox.NamedNode(f"{SDG}{int(num)}")
    if t == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise bad("must be a date YYYY-MM-DD")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
    if t in ("year", "integer"):
        if not re.fullmatch(r"-?\d+", value):
            raise bad("must be a whole number")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if t == "decimal":
        if not re.fullmatch(r"-?\d+(\.\d+)?", value):
            raise bad("must be a number")
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    return ox.Literal(value)


def bind_parameters(
    kg: QueryTarget, q: NamedQuery, params: dict[str, str] | None
) -> dict[str, ox.NamedNode | ox.Literal]:
    """The terms of `params` for query `q`: declared ones typed, defaults filled in."""
    given = dict(params or {})
    declared = {p.name: p for p in q.parameters}
    for name in given:
        # A query without declared parameters (an ad-hoc file) may bind any of its variables.
        if name not in declared and (q.parameters or not re.search(rf"[?$]{name}\b", q.text)):
            raise QueryError(
                f"unknown parameter '{name}'",
                f"query {q.name}",
                f"its parameters are: {', '.join(declared) or 'none'}",
            )
    terms: dict[str, ox.NamedNode | ox.Literal] = {}
    for p in q.parameters:
        value = given.pop(p.name, p.default)
        if value is None:
            raise QueryError(
                f"missing parameter '{p.name}' ({p.type})",
                f"query {q.name}",
                f"give it with -p {p.name}=VALUE",
            )
        terms[p.name] = to_term(kg, p, value)
    for name, value in given.items():  # undeclared variables of an ad-hoc query: plain strings
        terms[name] = ox.Literal(value)
    return terms


def run_query(
    kg: QueryTarget,
    query: NamedQuery | str,
    params: dict[str, str] | None = None,
    *,
    allow_update: bool = False,
    allow_service: bool = False,
) -> QueryResult:
    """Run `query` on `kg` (a KnowledgeGraph or an Endpoint) with `params` as typed by the user."""
    q = query if isinstance(query, NamedQuery) else parse_query_file("query", query)
    where = q.path or q.name
    check_read_only(q.text, allow_update, allow_service)
    if allow_update and _UPDATE.search(_OPAQUE.sub(" ", q.text)):
        if not isinstance(kg, KnowledgeGraph):
            raise QueryError("updates run only on a local graph", where, "use --store DIR")
        try:
            kg.store.update(q.text)
        except SyntaxError as exc:
            raise syntax_error(exc, q.text, where, update=True) from exc
        kg.flush()
        return QueryResult(variables=[], rows=[])
    terms = bind_parameters(kg, q, params)
    try:
        result = kg.query(q.text, terms)
    except SyntaxError as exc:
        raise syntax_error(exc, q.text, where) from exc
    except RuntimeError as exc:
        msg = str(exc)
        if "projection" in msg:
            raise QueryError(
                f"a parameter is not in the query's SELECT list ({msg})",
                where,
                "add the parameter's variable to the SELECT clause",
            ) from exc
        raise QueryError(f"the query failed ({msg})", where, "check the query") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(variables=["result"], rows=[], boolean=bool(result))
    if isinstance(result, ox.QueryTriples | list):
        triples = list(result)
        return QueryResult(
            variables=["subject", "predicate", "object"],
            rows=[[t.subject, t.predicate, t.object] for t in triples],
            triples=triples,
        )
    variables = [v.value for v in result.variables]
    rows = [[sol[v] for v in variables] for sol in result]
    return QueryResult(variables=variables, rows=rows)


def syntax_error(exc: SyntaxError, text: str, where: str, update: bool = False) -> QueryError:
    """A syntax error with the line and column where the query goes wrong.

    Oxigraph reports the furthest point its parser reached, often the end of the query; rdflib's
    parser (only its parser: it never answers a query here) names the start of the offending
    construct, which is what a person needs, so it is asked for the position when it agrees that
    the text is wrong.
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    detail = str(exc).removeprefix("error ")
    try:
        (parseUpdate if update else parseQuery)(text)
    except ParseBaseException as pe:
        near = pe.line[pe.col - 1 :].strip()[:30]
        return QueryError(
            f"SPARQL syntax error at line {pe.lineno}, column {pe.col}"
            + (f" near '{near}'" if near else " (at the end of the line)"),
            where,
            "fix the query there",
        )
    except Exception:  # rdflib's parser disagrees or fails otherwise: keep Oxigraph's position
        pass
    m = re.match(r"at (\d+):(\d+):?\s*(.*)", detail, re.S)
    if m:
        detail = f"at line {m.group(1)}, column {m.group(2)} ({m.group(3).strip()})"
    return QueryError(f"SPARQL syntax error {detail}", where, "fix the query there")


# --- output ----------------------------------------------------------------------------------

_DATA_IRI = re.compile(rf"^([a-z][a-z0-9+.-]*:.*/)({'|'.join(DATA_KINDS)})/([^/#?]+)$")
_SHORT = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def term_text(term: object, compact: bool = True) -> str:
    """A term for people: literals as their text, IRIs shortened with the usual prefixes."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        if compact:
            for ns, prefix in _SHORT:
                if term.value.startswith(ns):
                    return f"{prefix}:{term.value[len(ns) :]}"
            # Data IRIs as the Turtle export writes them (organisation:chinese-academy-of-...);
            # a parameter accepts this form back (see _expand).
            if m := _DATA_IRI.match(term.value):
                return f"{m.group(2).replace('-', '')}:{m.group(3)}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _json_term(term: object) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt in (XSD + "integer", XSD + "long", XSD + "int") and re.fullmatch(
            r"-?\d+", term.value
        ):
            return int(term.value)
        if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
            try:
                return float(term.value)
            except ValueError:
                return term.value
        return term.value
    return term_text(term, compact=False)


_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "long", "int")}


def _is_number(term: object) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC


def _clean_cell(text: str, width: int) -> str:
    """One line, control characters shown as spaces, cut to `width` with an ellipsis."""
    text = re.sub(r"[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]", " ", text)
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def format_result(result: QueryResult, fmt: str = "table", max_width: int = 40) -> str:
    """The result as text: an aligned table, csv, tsv, json or Markdown."""
    if fmt not in OUTPUT_FORMATS:
        raise QueryError(
            f"unknown format '{fmt}'", "option --format", f"use one of {', '.join(OUTPUT_FORMATS)}"
        )
    if result.boolean is not None:
        return (
            json.dumps({"result": result.boolean}) + "\n"
            if fmt == "json"
            else f"{str(result.boolean).lower()}\n"
        )
    head = result.variables
    if fmt == "json":
        rows = [{v: _json_term(t) for v, t in zip(head, row, strict=True)} for row in result.rows]
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    full = [[term_text(t, compact=fmt in ("table", "md")) for t in row] for row in result.rows]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(head)
        writer.writerows(full)
        return buf.getvalue()
    if fmt == "md":

        def md(cell: str) -> str:
            cell = _clean_cell(cell, 10_000)
            return re.sub(r"([\\|*_`<>\[\]])", r"\\\1", cell)

        lines = ["| " + " | ".join(md(h) for h in head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in full]
        return "\n".join(lines) + "\n"
    cells = [[_clean_cell(c, max_width) for c in row] for row in full]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(head)]
    # Numbers are right-aligned so that their digits line up; everything else left-aligned.
    numeric = [
        bool(result.rows) and all(r[i] is None or _is_number(r[i]) for r in result.rows)
        for i in range(len(head))
    ]

    def line(row: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if num else c.ljust(w)
            for c, w, num in zip(row, widths, numeric, strict=True)
        ).rstrip()

    lines = [line(head), "  ".join("-" * w for w in widths)]
    lines += [line(row) for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"
