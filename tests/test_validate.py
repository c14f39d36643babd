"""The fast SHACL engine (shapes compiled to SPARQL on Oxigraph) against pyshacl, the reference.

The graph is built from data/news the way `iempkg build` builds it; each broken case damages it
with one SPARQL update, one constraint kind at a time, and both engines must then report exactly
the same results (focus node, shape, path, severity, message and value).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from iempkg.cli import cli
from iempkg.pipeline import BuildOptions, build_graph
from iempkg.store import KnowledgeGraph
from iempkg.validate import ValidationReport, Violation, validate

ROOT = Path(__file__).resolve().parent.parent
G = "https://w3id.org/iempkg/id/graph/"
ID = "https://w3id.org/iempkg/id/"
SEED_GRAPH = G + "000-a23b3f09f4b03236-txt"
FEED_GRAPH = G + "sample-feed-jsonl-2"
PREFIXES = """
PREFIX schema: <http://schema.org/>
PREFIX iemp: <https://w3id.org/iempkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def built() -> KnowledgeGraph:
    kg, *_ = build_graph([ROOT / "data" / "news"], BuildOptions())
    return kg


def copy_of(kg: KnowledgeGraph) -> KnowledgeGraph:
    again = KnowledgeGraph()
    again.store.extend(list(kg.quads()))
    return again


def results(report: ValidationReport) -> Counter[Violation]:
    return Counter(report.violations)


def both(kg: KnowledgeGraph, graphs: set[str] | None = None) -> ValidationReport:
    """The fast engine's report, after checking that pyshacl reports exactly the same."""
    fast = validate(kg, graphs=graphs)
    reference = validate(kg, graphs=graphs, engine="pyshacl")
    assert results(fast) == results(reference), (fast.text(), reference.text())
    assert fast.conforms == reference.conforms and fast.triples == reference.triples
    return fast


def test_the_built_graph_conforms_in_both_engines(built: KnowledgeGraph) -> None:
    report = both(built)
    assert report.conforms, report.text()
    assert report.text().startswith("The graph conforms")


# One damage per constraint kind the shapes use: (SPARQL update, expected (shape, path) results).
SEED_EVENT = f"<{ID}event/000-a23b3f09f4b03236-txt-e1>"
BROKEN = {
    "minCount": (
        f"DELETE WHERE {{ GRAPH ?g {{ {SEED_EVENT} schema:name ?n }} }}",
        {("Event", "http://schema.org/name")},
    ),
    "maxCount": (
        f"INSERT {{ GRAPH <{SEED_GRAPH}> {{ ?a schema:headline 'A second headline' }} }} "
        f"WHERE {{ GRAPH <{SEED_GRAPH}> {{ ?a a schema:NewsArticle }} }}",
        {("News article", "http://schema.org/headline")},
    ),
    "datatype": (
        f"DELETE {{ GRAPH ?g {{ ?a schema:datePublished ?d }} }} "
        f"INSERT {{ GRAPH ?g {{ ?a schema:datePublished '31 January 2024' }} }} "
        f"WHERE {{ GRAPH ?g {{ ?a schema:datePublished ?d }} FILTER (?g = <{SEED_GRAPH}>) }}",
        {("News article", "http://schema.org/datePublished")},
    ),
    "ill-formed datatype": (
        f"INSERT DATA {{ GRAPH <{SEED_GRAPH}> {{ <{ID}membership/x> a org:Membership ; "
        "iemp:statedOn '2024-13-45'^^xsd:date } }",
        {
            ("Post held", p)
            for p in (
                "https://w3id.org/iempkg/ontology#statedOn",
                "http://www.w3.org/ns/org#member",
                "http://www.w3.org/ns/org#organization",
                "http://www.w3.org/ns/org#role",
            )
        },
    ),
    "class": (
        f"INSERT {{ GRAPH <{SEED_GRAPH}> {{ ?a schema:about ?o }} }} "
        f"WHERE {{ GRAPH <{SEED_GRAPH}> {{ ?a a schema:NewsArticle }} GRAPH ?h {{ ?o a schema:Organization }} }}",
        {("News article", "http://schema.org/about")},
    ),
    "minLength": (
        f"INSERT {{ GRAPH <{SEED_GRAPH}> {{ ?a schema:headline '' }} }} "
        f"WHERE {{ GRAPH <{SEED_GRAPH}> {{ ?a a schema:NewsArticle }} }}",
        {("News article", "http://schema.org/headline")},
    ),
    "pattern": (
        "DELETE { GRAPH ?g { ?s iemp:goal ?o } } "
        "INSERT { GRAPH ?g { ?s iemp:goal <http://metadata.un.org/sdg/18> } } "
        f"WHERE {{ GRAPH ?g {{ ?s iemp:goal ?o }} FILTER (?g = <{FEED_GRAPH}>) }}",
        {("SDG reason", "https://w3id.org/iempkg/ontology#goal")},
    ),
    "in": (
        f"DELETE {{ GRAPH ?g {{ {SEED_EVENT} iemp:eventKind ?k }} }} "
        f"INSERT {{ GRAPH ?g {{ {SEED_EVENT} iemp:eventKind 'party' }} }} "
        f"WHERE {{ GRAPH ?g {{ {SEED_EVENT} iemp:eventKind ?k }} }}",
        {("Event", "https://w3id.org/iempkg/ontology#eventKind")},
    ),
    "hasValue": (
        "DELETE WHERE { GRAPH ?g { ?o a org:Organization . ?o schema:name ?n } }",
        {
            ("Organisation", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ("Organisation", "http://schema.org/name"),
        },
    ),
    "or of datatypes": (
        f"INSERT DATA {{ GRAPH <{SEED_GRAPH}> {{ {SEED_EVENT} schema:endDate 'soon' }} }}",
        {("Event", "http://schema.org/endDate")},
    ),
    "or of classes": (
        f"INSERT {{ GRAPH <{SEED_GRAPH}> {{ {SEED_EVENT} schema:attendee ?p }} }} "
        "WHERE { GRAPH ?h { ?p a schema:Place } }",
        {("Event", "http://schema.org/attendee")},
    ),
    "sparql: dates in order": (
        f"DELETE {{ GRAPH ?g {{ {SEED_EVENT} schema:endDate ?d }} }} "
        f"INSERT {{ GRAPH <{SEED_GRAPH}> {{ {SEED_EVENT} schema:endDate '2001-01-01'^^xsd:date }} }} "
        f"WHERE {{ OPTIONAL {{ GRAPH ?g {{ {SEED_EVENT} schema:endDate ?d }} }} }}",
        {("Event dates in order", None)},
    ),
    "sparql: own parent": (
        f"INSERT {{ GRAPH <{FEED_GRAPH}> {{ ?a org:subOrganizationOf ?a }} }} "
        f"WHERE {{ GRAPH <{FEED_GRAPH}> {{ ?a org:subOrganizationOf ?b }} }}",
        {("Organisation not its own parent", None)},
    ),
    "sequence path": (
        "DELETE WHERE { GRAPH ?g { ?t oa:hasSource ?a } }",
        {("Evidence", "<http://www.w3.org/ns/oa#hasTarget>/<http://www.w3.org/ns/oa#hasSource>")},
    ),
    "sequence path, class and minLength": (
        "DELETE { GRAPH ?g { ?s oa:exact ?x . ?t oa:hasSource ?a } } "
        "INSERT { GRAPH ?g { ?s oa:exact '' . ?t oa:hasSource ?t } } "
        "WHERE { GRAPH ?g { ?t oa:hasSource ?a ; oa:hasSelector ?s . ?s oa:exact ?x } }",
        {
            ("Evidence", "<http://www.w3.org/ns/oa#hasTarget>/<http://www.w3.org/ns/oa#hasSource>"),
            (
                "Evidence",
                "<http://www.w3.org/ns/oa#hasTarget>/<http://www.w3.org/ns/oa#hasSelector>"
                "/<http://www.w3.org/ns/oa#exact>",
            ),
        },
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_graphs_give_the_same_results_as_pyshacl(built: KnowledgeGraph, case: str) -> None:
    update, expected = BROKEN[case]
    kg = copy_of(built)
    kg.store.update(PREFIXES + update)
    report = both(kg)
    assert not report.conforms
    assert {(v.shape, v.path) for v in report.violations} == expected
    assert all(v.severity == "Violation" and v.message for v in report.violations)


def test_the_report_reads_as_before(built: KnowledgeGraph) -> None:
    kg = copy_of(built)
    kg.store.update(PREFIXES + BROKEN["sparql: dates in order"][0])
    text = validate(kg).text()
    assert "Event dates in order - Violation: 1" in text
    assert "The event ends (2001-01-01) before it starts (2024-01-31)." in text


def test_incremental_validation_finds_only_that_articles_problems(built: KnowledgeGraph) -> None:
    kg = copy_of(built)
    kg.store.update(PREFIXES + BROKEN["in"][0])  # the seed article's event
    kg.store.update(PREFIXES + BROKEN["pattern"][0])  # an SDG reason of the feed's article
    everything = both(kg)
    assert {v.shape for v in everything.violations} == {"Event", "SDG reason"}
    seed = both(kg, graphs={SEED_GRAPH})
    assert [(v.shape, v.focus) for v in seed.violations] == [("Event", SEED_EVENT[1:-1])]
    feed = both(kg, graphs={FEED_GRAPH})
    assert {v.shape for v in feed.violations} == {"SDG reason"}
    clean = both(kg, graphs={G + "sample-2019-03-kefri-mou-txt"})
    assert clean.conforms and 0 < clean.triples < len(kg)


def test_incremental_validation_reads_the_context_in_other_graphs(built: KnowledgeGraph) -> None:
    """The seed's event names attendees described in the entities graph: sh:class must see
    their types there, and the article (its prov:wasDerivedFrom) in the article graph."""
    kg = copy_of(built)
    kg.store.update(
        f"DELETE WHERE {{ GRAPH <{G}_entities> {{ ?o a <http://schema.org/Organization> }} }}"
    )
    report = both(kg, graphs={SEED_GRAPH})
    assert "Event" in {v.shape for v in report.violations}
    assert all(v.focus.startswith(ID) for v in report.violations)


def test_the_cli_chooses_the_engine_and_the_graphs(tmp_path: Path, built: KnowledgeGraph) -> None:
    kg = copy_of(built)
    kg.store.update(PREFIXES + BROKEN["in"][0])
    path = tmp_path / "kg.nq"
    kg.store.dump(str(path), format=ox.RdfFormat.N_QUADS)
    outputs = {}
    for engine in ("oxigraph", "pyshacl"):
        result = CliRunner().invoke(cli, ["validate", str(path), "--engine", engine])
        assert result.exit_code == 1, result.output
        outputs[engine] = result.output
    assert outputs["oxigraph"] == outputs["pyshacl"]
    assert "Event - Violation: 1" in outputs["oxigraph"]
    clean = CliRunner().invoke(cli, ["validate", str(path), "--graph", FEED_GRAPH])
    assert clean.exit_code == 0 and "conforms" in clean.output
    for name in (G + "nothing", "not an IRI> } DROP ALL"):
        unknown = CliRunner().invoke(cli, ["validate", str(path), "--graph", name])
        assert unknown.exit_code == 2 and unknown.stderr.startswith("error: no named graph")
