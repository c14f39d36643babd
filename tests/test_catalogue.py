"""The query catalogue: every named question answered on a small graph of four hand-written records.

The records (tests/fixtures/q-articles.json): UNEP-IEMP signs an MoU with KEFRI in Nairobi (2023),
holds a workshop there with KEFRI and CAS (2023), agrees a joint project with CAS in Beijing (2024)
and, in one Kampala article, trains Makerere University and agrees a network with KEFRI and
Makerere (2024). Liu Jun is a CAS Professor in 2023 and its Vice President in 2024.
"""

from __future__ import annotations

import json
from contextlib import nullcontext as _no_error
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from iempkg.cli import cli
from iempkg.export import export, serialize
from iempkg.model import Article, Document, Span
from iempkg.pipeline import BuildOptions, assemble
from iempkg.query import QueryResult, catalogue, format_result, load_query, run_query
from iempkg.store import KnowledgeGraph

from .conftest import FIXTURES

INJECTION = 'x" } ; DROP ALL ; #'
ID = "https://w3id.org/iempkg/id/"
UNEP_IEMP = (
    ID
    + "organisation/united-nations-environment-programme-international-ecosystem-management-partnership"
)
KEFRI = ID + "organisation/kenya-forestry-research-institute"
CAS = ID + "organisation/chinese-academy-of-sciences"
MAKERERE = ID + "organisation/makerere-university"
UNEP_NAME = "United Nations Environment Programme - International Ecosystem Management Partnership"


def _span(text: str, phrase: str | None) -> list[Span]:
    at = text.find(phrase) if phrase else -1
    return [Span(at, at + len(phrase or ""))] if at >= 0 else []


def catalogue_graph() -> KnowledgeGraph:
    """The four articles built with `assemble`; evidence spans are where the names occur."""
    data = json.loads((FIXTURES / "q-articles.json").read_text("utf-8"))
    docs, articles = [], []
    for item in data["articles"]:
        text, article = item["text"], Article.from_dict(item["record"])
        for org in article.organisations:
            org.spans = _span(text, org.name) or _span(text, org.acronym)
        for person in article.persons:
            person.spans = _span(text, person.name)
        for event in article.events:
            for outcome in event.outcomes:
                outcome.spans = _span(text, outcome.summary)
            if event.place:
                event.place.spans = _span(text, event.place.city)
        for sdg in article.sdg_evidence:
            sdg.spans = _span(text, sdg.triggers[0])
        docs.append(Document(source=article.source, text=text, title=article.title))
        articles.append(article)
    kg, _ = assemble(docs, articles, BuildOptions())
    return kg


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return catalogue_graph()


@pytest.fixture(scope="module")
def kg_file(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(kg, tmp_path_factory.mktemp("kg") / "kg.trig", "trig")


def table(result: QueryResult) -> list[dict[str, Any]]:
    """Rows as dicts of plain values (numbers as int), as `--format json` gives them."""
    rows: list[dict[str, Any]] = json.loads(format_result(result, "json"))
    return rows


def ask(kg: KnowledgeGraph, name: str, **params: str) -> list[dict[str, Any]]:
    return table(run_query(kg, load_query(name), params))


# --- the catalogue itself ----------------------------------------------------------------------


def test_every_query_is_documented_and_listed() -> None:
    names = {q.name for q in catalogue()}
    assert names >= {
        "partners",
        "events",
        "events-per-year",
        "people",
        "outcomes",
        "sdg-coverage",
        "most-connected",
        "places",
        "everything-about",
        "evidence",
        "find",
    }
    for q in catalogue():
        assert q.title and q.description and q.examples, q.name
        assert all(f"iempkg query {q.name} " in ex for ex in q.examples), q.name
        for p in q.parameters:
            assert p.default is not None and p.doc, (q.name, p.name)
            assert f"?{p.name} " in q.text.split("WHERE")[0], "parameters are in the SELECT list"
    listing = CliRunner().invoke(cli, ["queries"])
    assert listing.exit_code == 0
    assert "everything-about: Everything about one entity" in listing.output
    assert "-p entity=<entity, default UNEP-IEMP>" in listing.output


# --- each question's answer ----------------------------------------------------------------------


def test_partners(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "partners", org="UNEP-IEMP")
    got = {
        r["name"]: (r["events"], r["agreements"], r["outcomes"], r["first"], r["last"])
        for r in rows
    }
    assert got == {
        "Kenya Forestry Research Institute": (3, 2, 2, "2023-05-10", "2024-06-03"),
        "Chinese Academy of Sciences": (2, 0, 1, "2023-09-18", "2024-01-30"),
        "Makerere University": (2, 1, 1, "2024-06-01", "2024-06-03"),
    }
    assert rows[0]["name"] == "Kenya Forestry Research Institute"  # most shared events first
    assert {r["org"] for r in rows} == {UNEP_IEMP}


def test_events_per_year_and_kind(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "events-per-year")
    assert [(r["year"], r["kind"], r["events"]) for r in rows] == [
        (2023, "signing", 1),
        (2023, "workshop", 1),
        (2024, "conference", 1),
        (2024, "meeting", 1),
        (2024, "training", 1),
    ]


def test_people_and_their_posts_over_time(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "people", org="CAS")
    assert [(r["name"], r["post"], r["first"], r["last"]) for r in rows] == [
        ("Liu Jun", "Professor", "2023-09-20", "2023-09-20"),
        ("Liu Jun", "Vice President", "2024-01-31", "2024-01-31"),
    ]
    kefri = ask(kg, "people", org="Kenya Forestry Research Institute")
    assert [(r["post"], r["first"]) for r in kefri] == [
        ("Director", "2023-05-12"),
        ("Deputy Director", "2024-06-05"),
    ]


def test_outcomes_with_their_parties(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "outcomes")
    assert [(r["date"], r["kind"], r["partyCount"]) for r in rows] == [
        ("2023-05-10", "mou", 2),
        ("2024-01-30", "joint-project", 2),
        ("2024-06-01", "training-delivered", 1),
        ("2024-06-03", "agreement", 3),
    ]
    assert (
        rows[3]["parties"] == f"Kenya Forestry Research Institute; Makerere University; {UNEP_NAME}"
    )


def test_sdg_coverage_per_year(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "sdg-coverage")
    got = [
        (
            r["year"],
            r["sdg"],
            r["title"],
            r["articles"],
            r["events"],
            r["statedIn"],
            r["inferredIn"],
        )
        for r in rows
    ]
    assert got == [
        (2023, 13, "Climate action", 1, 1, 0, 1),
        (2023, 15, "Life on land", 2, 2, 1, 1),
        (2024, 4, "Quality education", 1, 2, 0, 1),
        (2024, 15, "Life on land", 2, 3, 0, 1),
    ]


def test_most_connected(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "most-connected")
    assert [(r["acronym"], r["partners"], r["events"], r["outcomes"]) for r in rows] == [
        ("UNEP-IEMP", 3, 5, 4),
        ("KEFRI", 3, 3, 2),
        ("CAS", 2, 2, 1),
        (None, 2, 2, 1),
    ]
    assert rows[3]["name"] == "Makerere University"


def test_places(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "places")
    assert [(r["country"], r["city"], r["events"], r["organisations"]) for r in rows] == [
        ("China", "Beijing", 1, 2),
        ("Kenya", "Nairobi", 2, 3),
        ("Uganda", "Kampala", 2, 3),
    ]
    assert (rows[1]["first"], rows[1]["last"]) == ("2023-05-10", "2023-09-18")


def test_everything_about_a_person(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "everything-about", entity="Liu Jun")
    facts = {
        (r["direction"], r["property"].rsplit("/", 1)[-1], r["label"] or r["value"]) for r in rows
    }
    assert ("out", "affiliation", "Chinese Academy of Sciences") in facts
    assert ("out", "jobTitle", "Professor") in facts and (
        "out",
        "jobTitle",
        "Vice President",
    ) in facts
    assert ("in", "org#member", "Vice President: Liu Jun") in facts
    attended = {r["value"] for r in rows if r["property"].endswith("attendee")}
    assert attended == {
        ID + "event/q-02-nbs-workshop-txt-e1",
        ID + "event/q-03-beijing-talks-txt-e1",
    }
    assert not any("evidence/" in r["value"] for r in rows)  # quotes are the evidence query's job


def test_everything_about_an_organisation_by_acronym(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "everything-about", entity="KEFRI")
    assert {r["entity"] for r in rows} == {KEFRI}
    parties = {r["value"] for r in rows if r["property"].endswith("#party")}
    assert len(parties) == 2
    assert len(rows) == len({tuple(r.values()) for r in rows}), "no duplicate rows"


def test_evidence_behind_an_event(kg: KnowledgeGraph) -> None:
    event = ID + "event/q-01-kefri-mou-txt-e1"
    rows = ask(kg, "evidence", about=event)
    assert {r["article"] for r in rows} == {ID + "article/q-01-kefri-mou-txt"}
    quotes = {(r["aspect"], r["quote"]) for r in rows}
    assert ("outcome", "memorandum of understanding on dryland restoration") in quotes
    assert ("place", "Nairobi") in quotes
    assert ("mention", "Joshua Cheboiwo") in quotes
    mou = next(r for r in rows if r["aspect"] == "outcome")
    assert mou["prefix"].endswith("signed a ") and mou["suffix"].startswith(". The partners")
    # The table form of an event IRI is accepted back as a parameter.
    assert ask(kg, "evidence", about="event:q-01-kefri-mou-txt-e1") == rows


def test_evidence_behind_an_organisation(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "evidence", about="Makerere")
    assert [(r["published"], r["aspect"], r["quote"]) for r in rows] == [
        ("2024-06-05", "source", None),
        ("2024-06-05", "mention", "Makerere University"),
    ]
    assert {r["what"] for r in rows} == {"Makerere University"}


def test_find(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "find", text="ACADEMY")
    assert [(r["type"], r["name"], r["otherNames"]) for r in rows] == [
        ("organisation", "Chinese Academy of Sciences", "CAS")
    ]
    assert [r["name"] for r in ask(kg, "find", text="iu")] == ["Liu Jun", "Zhang Linxiu"]


# --- parameters --------------------------------------------------------------------------------


def test_entity_parameters_accept_name_acronym_iri_and_any_case(kg: KnowledgeGraph) -> None:
    answers = [
        ask(kg, "partners", org=value)
        for value in (
            "UNEP-IEMP",
            "unep-iemp",
            UNEP_NAME,
            UNEP_IEMP,
            "organisation:" + UNEP_IEMP.rsplit("/", 1)[1],
        )
    ]
    assert all(a == answers[0] for a in answers)


def test_injection_value_is_only_a_string(kg: KnowledgeGraph, kg_file: Path) -> None:
    before = len(kg)
    for name, param in (("find", "text"), ("everything-about", "entity"), ("partners", "org")):
        with pytest.raises(Exception) if name != "find" else _no_error():
            assert run_query(kg, load_query(name), {param: INJECTION}).rows == []
        assert len(kg) == before
    out = CliRunner().invoke(cli, ["query", "find", str(kg_file), "-p", "text=" + INJECTION])
    assert out.exit_code == 0 and "(0 rows)" in out.output
    assert len(KnowledgeGraph.load(kg_file)) == before


def test_cli_table_csv_json(kg_file: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["query", "partners", str(kg_file), "-p", "org=KEFRI"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0].split() == [
        "org",
        "partner",
        "name",
        "events",
        "agreements",
        "outcomes",
        "first",
        "last",
    ]
    assert lines[-1] == "(3 rows)"
    assert all(len(line) <= 200 for line in lines)
    assert "organisation:kenya-forestry-research-in…" in lines[2]  # compact, cut to 40 characters
    end = lines[0].index("events") + len("events")  # numbers end under their heading
    assert [line[end - 1] for line in lines[2:5]] == ["3", "1", "1"]
    csv_out = runner.invoke(
        cli, ["query", "partners", str(kg_file), "-p", "org=KEFRI", "--format", "csv"]
    )
    assert UNEP_NAME in csv_out.output and UNEP_IEMP in csv_out.output  # complete, not cut
    js = runner.invoke(cli, ["query", "places", "--format", "json", str(kg_file)])
    assert json.loads(js.output)[0] == {
        "country": "China",
        "city": "Beijing",
        "events": 1,
        "organisations": 2,
        "first": "2024-01-30",
        "last": "2024-01-30",
    }


def test_cli_store_directory(kg: KnowledgeGraph, tmp_path: Path) -> None:
    store = KnowledgeGraph.open(tmp_path / "store")
    store.add(kg.quads())
    store.flush()
    del store
    out = CliRunner().invoke(
        cli, ["query", "places", "--store", str(tmp_path / "store"), "--format", "csv"]
    )
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[1].startswith("China,Beijing,1,2")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["partners", "-p", "organisation=KEFRI"], "unknown parameter 'organisation'"),
        (["partners", "-p", "org=Nobody"], "no organisation called 'Nobody'"),
        (["partners", "-p", "org"], "parameter 'org' is not NAME=VALUE"),
        (["no-such-question"], "no query named 'no-such-question'"),
        (
            ["partners", "--endpoint", "http://127.0.0.1:9/q"],
            "give one of KG, --store DIR, --endpoint URL",
        ),
    ],
)
def test_cli_errors_are_one_line(kg_file: Path, args: list[str], message: str) -> None:
    out = CliRunner().invoke(cli, ["query", *args[:1], str(kg_file), *args[1:]])
    assert out.exit_code == 2
    assert message in out.output and out.output.count("\n") == 1


def test_cli_syntax_error_names_line_and_column(kg_file: Path, tmp_path: Path) -> None:
    f = tmp_path / "bad.rq"
    f.write_text("# title: broken\nSELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER (?s = )\n}\n")
    out = CliRunner().invoke(cli, ["query", str(f), str(kg_file)])
    assert out.exit_code == 2
    assert "SPARQL syntax error at line 4, column 3 near 'FILTER (?s = )'" in out.output
    assert str(f) in out.output


@pytest.mark.parametrize(
    "text",
    [
        "PREFIX s: <http://schema.org/> DELETE WHERE { ?s s:name ?n }",
        "CLEAR ALL",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_updates_and_service_need_a_flag(kg_file: Path, tmp_path: Path, text: str) -> None:
    f = tmp_path / "q.rq"
    f.write_text(text)
    out = CliRunner().invoke(cli, ["query", str(f), str(kg_file)])
    assert out.exit_code == 2 and "--allow-" in out.output


def test_update_with_the_flag_changes_a_store(kg: KnowledgeGraph, tmp_path: Path) -> None:
    store = KnowledgeGraph.open(tmp_path / "s")
    store.add(kg.quads())
    before = len(store)
    del store
    f = tmp_path / "u.rq"
    f.write_text(
        "PREFIX iemp: <https://w3id.org/iempkg/ontology#>\nDELETE WHERE { GRAPH ?g { ?o iemp:orgKind ?k } }\n"
    )
    runner = CliRunner()
    out = runner.invoke(cli, ["query", str(f), "--store", str(tmp_path / "s"), "--allow-update"])
    assert out.exit_code == 0, out.output
    assert len(KnowledgeGraph.open(tmp_path / "s")) < before


def test_variables_named_like_keywords_are_not_updates(kg: KnowledgeGraph) -> None:
    q = "SELECT ?copy ?add WHERE { BIND (1 AS ?copy) BIND (2 AS ?add) }"
    assert run_query(kg, q).rows[0][0] is not None


# --- framed JSON-LD ------------------------------------------------------------------------------


def test_framed_jsonld_nests_each_event(kg: KnowledgeGraph, kg_file: Path, tmp_path: Path) -> None:
    out = CliRunner().invoke(
        cli,
        ["export", str(kg_file), "--format", "jsonld-framed", "-o", str(tmp_path / "events.json")],
    )
    assert out.exit_code == 0, out.output
    data = json.loads((tmp_path / "events.json").read_text("utf-8"))
    assert isinstance(data["@context"], dict)  # inline: nothing to fetch
    events = data["@graph"]
    assert [e["startDate"] for e in events] == [
        "2023-05-10",
        "2023-09-18",
        "2024-01-30",
        "2024-06-01",
        "2024-06-03",
    ]
    mou = events[0]
    assert mou["@type"] == ["Event", "Signing"] and mou["kind"] == "signing"
    assert mou["location"]["city"] == "Nairobi" and mou["location"]["country"] == "Kenya"
    assert [(o["name"], o["acronym"]) for o in mou["organisations"]] == [
        ("Kenya Forestry Research Institute", ["KEFRI"]),
        (UNEP_NAME, ["UNEP-IEMP"]),
    ]
    assert [(p["name"], p.get("honorific")) for p in mou["persons"]] == [
        ("Joshua Cheboiwo", "Dr."),
        ("Zhang Linxiu", "Dr."),
    ]
    assert mou["outcomes"][0]["outcomeKind"] == "mou"
    assert [p["acronym"] for p in mou["outcomes"][0]["parties"]] == [["KEFRI"], ["UNEP-IEMP"]]
    assert mou["sdgs"] == [
        {"@id": "http://metadata.un.org/sdg/15", "number": 15, "title": "Life on land"}
    ]
    assert mou["article"]["headline"].startswith("UNEP-IEMP and KEFRI Sign")
    assert serialize(kg, "jsonld-framed") == serialize(catalogue_graph(), "jsonld-framed")
    # A JSON-LD processor reads it as RDF with the graph's attendees.
    parsed = list(ox.parse((tmp_path / "events.json").read_bytes(), format=ox.RdfFormat.JSON_LD))
    attendee = ox.NamedNode("http://schema.org/attendee")
    said = {(t.subject, t.object) for t in parsed if t.predicate == attendee}
    stored = {(q.subject, q.object) for q in kg.quads() if q.predicate == attendee}
    assert said == stored
