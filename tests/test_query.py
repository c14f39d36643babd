"""Queries: catalogue, parameters bound as terms, read-only by default, readable output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iempkg._sparql_inline import inline_terms
from iempkg.errors import QueryError
from iempkg.query import bind_parameters, catalogue, format_result, load_query, run_query
from iempkg.store import KnowledgeGraph

from .test_graph import seed_graph

INJECTION = 'x" } ; DROP ALL ; #'


@pytest.fixture
def kg(seed_record: dict[str, Any]) -> KnowledgeGraph:
    return seed_graph(seed_record)


def test_catalogue_headers_are_documented() -> None:
    names = {q.name for q in catalogue()}
    assert {"events", "partners"} <= names
    partners = load_query("partners")
    assert partners.title == "Partners of an organisation"
    assert partners.parameters[0].name == "org"
    assert partners.parameters[0].type == "organisation"
    assert partners.parameters[0].default == "UNEP-IEMP"
    assert partners.examples


def test_partners_by_acronym_name_or_iri(kg: KnowledgeGraph) -> None:
    by_acronym = run_query(kg, load_query("partners"), {"org": "UNEP-IEMP"})
    names = {r[2].value for r in by_acronym.rows}  # type: ignore[union-attr]
    assert names == {
        "Institute of Geographic Sciences and Natural Resources Research",
        "Soil Center of the Ministry of Ecology and Environment",
    }
    iri = by_acronym.rows[0][0].value  # type: ignore[union-attr]
    by_iri = run_query(kg, load_query("partners"), {"org": iri})
    by_name = run_query(
        kg,
        load_query("partners"),
        {
            "org": "united nations environment programme - international ecosystem management partnership"
        },
    )
    assert by_iri.rows == by_acronym.rows == by_name.rows


def test_injection_is_only_a_string(kg: KnowledgeGraph) -> None:
    before = len(kg)
    q = "PREFIX schema: <http://schema.org/>\nSELECT ?name ?e WHERE { ?e schema:name ?name }"
    result = run_query(kg, q, {"name": INJECTION})
    assert result.rows == []
    assert len(kg) == before
    with pytest.raises(QueryError, match="no organisation called"):
        run_query(kg, load_query("partners"), {"org": INJECTION})
    assert len(kg) == before


@pytest.mark.parametrize(
    "text",
    [
        "DROP ALL",
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_updates_and_service_are_refused(kg: KnowledgeGraph, text: str) -> None:
    before = len(kg)
    with pytest.raises(QueryError, match="--allow-"):
        run_query(kg, text)
    assert len(kg) == before


def test_keywords_inside_strings_are_not_operations(kg: KnowledgeGraph) -> None:
    q = 'SELECT ?x WHERE { BIND("DROP ALL; SERVICE" AS ?x) }  # DELETE in a comment'
    assert run_query(kg, q).rows[0][0].value == "DROP ALL; SERVICE"  # type: ignore[union-attr]


def test_syntax_errors_name_line_and_column(kg: KnowledgeGraph, tmp_path: Path) -> None:
    f = tmp_path / "bad.rq"
    f.write_text("SELECT ?s WHERE {\n  ?s ?p\n}\n")
    with pytest.raises(QueryError) as err:
        run_query(kg, load_query(str(f)))
    assert "line 2, column 3 near '?s ?p'" in err.value.message()
    assert str(f) in err.value.message()


def test_unknown_and_missing_parameters_name_themselves(kg: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="unknown parameter 'organisation'"):
        run_query(kg, load_query("partners"), {"organisation": "UNEP-IEMP"})
    f = tmp_path / "q.rq"
    f.write_text("# param: year (year) the year\nSELECT ?year WHERE {}\n")
    with pytest.raises(QueryError, match="missing parameter 'year'"):
        run_query(kg, load_query(str(f)))
    with pytest.raises(QueryError, match="parameter 'year' must be a whole number"):
        run_query(kg, load_query(str(f)), {"year": "twenty"})


def test_output_formats(kg: KnowledgeGraph) -> None:
    result = run_query(kg, load_query("events"))
    table = format_result(result, "table")
    assert table.splitlines()[0].split()[:3] == ["event", "start", "kind"]
    assert "(1 row)" in table
    assert max(len(line) for line in table.splitlines()) < 300
    csv_text = format_result(result, "csv")
    assert (
        "UNEP-IEMP Holds Talks with the Soil Center of the Ministry of Ecology and Environment, China"
        in csv_text
    )
    rows = json.loads(format_result(result, "json"))
    assert rows[0]["organisations"] == 3 and rows[0]["persons"] == 5
    md = format_result(result, "md")
    assert md.startswith("| event | start |")
    assert format_result(result, "tsv").count("\t") >= 6


# --- parameters written into the patterns (so that Oxigraph plans with them) -------------------

IRI = ox.NamedNode("https://w3id.org/iempkg/id/organisation/x")


def test_inlined_where_a_term_may_stand_kept_where_a_variable_must() -> None:
    text = (
        "SELECT ?org (COUNT(DISTINCT ?org) AS ?n) WHERE {\n"
        '  ?e <http://p> ?org ; <http://q> "?org" . # ?org in a comment\n'
        "  FILTER (?x != ?org && BOUND(?org) && ?orga)\n"
        "  { SELECT ?org ?e WHERE { ?e <http://p> ?org } ORDER BY ?org }\n"
        "  BIND (?org AS ?other)\n"
        "} GROUP BY ?org HAVING (?org != ?x) ORDER BY DESC(?org) ?org"
    )
    out = inline_terms(text, {"org": IRI})
    t = str(IRI)
    assert out == (
        f"SELECT ?org (COUNT(DISTINCT {t}) AS ?n) WHERE {{\n"
        f'  ?e <http://p> {t} ; <http://q> "?org" . # ?org in a comment\n'
        f"  FILTER (?x != {t} && BOUND(?org) && ?orga)\n"
        f"  {{ SELECT ?org ?e WHERE {{ ?e <http://p> {t} }} ORDER BY ?org }}\n"
        f"  BIND ({t} AS ?other)\n"
        f"}} GROUP BY ?org HAVING ({t} != ?x) ORDER BY DESC({t}) ?org"
    )


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?e <http://p> ?org }",
        "SELECT ?org WHERE { VALUES ?org { <http://a> } ?e <http://p> ?org }",
    ],
)
def test_values_and_star_queries_are_left_to_the_substitution(text: str) -> None:
    assert inline_terms(text, {"org": IRI}) == text


def test_an_inlined_literal_stays_one_string() -> None:
    term = ox.Literal(INJECTION)
    text = "SELECT ?e ?n WHERE { ?e <http://n> ?n . FILTER (CONTAINS(?n, ?n)) }"
    out = inline_terms(text, {"n": term})
    assert out.count(str(term)) == 3
    store = ox.Store()
    store.add(ox.Quad(IRI, ox.NamedNode("http://n"), term))
    store.add(ox.Quad(IRI, ox.NamedNode("http://n"), ox.Literal("x")))
    kg = KnowledgeGraph(store)
    rows = [(s["e"], s["n"]) for s in kg.query(text, {"n": term})]  # type: ignore[index,union-attr]
    assert rows == [(IRI, term)] and len(store) == 2


def _substituted(kg: KnowledgeGraph, q: Any, terms: dict[str, Any]) -> tuple[list[str], list[Any]]:
    """The variables and rows of `q` with its terms given to Oxigraph as substitutions only."""
    plain = kg.store.query(
        q.text,
        use_default_graph_as_union=True,
        substitutions={ox.Variable(k): v for k, v in terms.items()},
    )
    assert isinstance(plain, ox.QuerySolutions)
    names = [v.value for v in plain.variables]
    return names, [[s[v] for v in names] for s in plain]


def test_catalogue_answers_are_those_of_the_plain_substitution(kg: KnowledgeGraph) -> None:
    # Every parameterised query of the catalogue, run as `iempkg query` runs it (terms written
    # into its patterns) and with Oxigraph's substitution alone: the same rows in the same order.
    checked = 0
    for q in catalogue():
        if not q.parameters:
            continue
        names, expected = _substituted(kg, q, bind_parameters(kg, q, None))
        result = run_query(kg, q)
        assert result.variables == names and result.rows == expected, q.name
        assert expected or q.name == "find", q.name
        checked += 1
    assert checked >= 4


def test_a_term_the_grammar_refuses_falls_back_to_the_substitution(kg: KnowledgeGraph) -> None:
    # A string for a predicate cannot be written into the pattern: the query runs as written,
    # with the substitution (no statement has a literal for a predicate), and a syntax error of
    # the user's own text still names the user's line.
    result = run_query(kg, "SELECT ?p ?o WHERE { ?s ?p ?o }", {"p": "name"})
    assert result.rows == []
    with pytest.raises(QueryError, match="line 2"):
        run_query(kg, "SELECT ?p ?o WHERE {\n ?s ?p ?o ] }", {"p": "name"})


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(
        st.text(min_size=1, max_size=30),
        st.sampled_from(["IEMP", "iemp", "Soil", "Zhang", "Academy"]).map(
            lambda t: t[: len(t) - 1]
        ),
    )
)
def test_any_text_parameter_answers_as_the_substitution_does(kg: KnowledgeGraph, text: str) -> None:
    # Quotes, backslashes, newlines, "#", "}", non-BMP characters: written into the query as a
    # term, a parameter still means only itself.
    q = load_query("find")
    _, expected = _substituted(kg, q, bind_parameters(kg, q, {"text": text}))
    assert run_query(kg, q, {"text": text}).rows == expected
