"""Queries: catalogue, parameters bound as terms, read-only by default, readable output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from iempkg.errors import QueryError
from iempkg.query import catalogue, format_result, load_query, run_query
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
