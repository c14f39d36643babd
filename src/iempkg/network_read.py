"""Reading a knowledge graph for its partner network: a handful of plain SPARQL SELECTs.

Layout:
- `read_events(kg) -> dict[str, EventInfo]`: every event with its kind, date, article, the
  organisations and persons taking part, its outcomes (with their parties) and SDGs;
- `read_organisations(kg) -> dict[str, dict]`: name, acronyms, country and kind of each organisation;
- `read_affiliations(kg) -> list[(person, name, organisation)]`: who belongs to which organisation.

No filter is applied here (see network.py for why the filters are applied in Python), and nothing
is ever spliced into the query text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from .store import KnowledgeGraph
from .vocab import SDG

_PREFIXES = """PREFIX schema: <http://schema.org/>
PREFIX iemp: <https://w3id.org/iempkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
"""
_EVENTS = """SELECT ?event ?kind ?date ?name ?headline ?url ?file WHERE {
  ?event a schema:Event .
  OPTIONAL { ?event iemp:eventKind ?kind }
  OPTIONAL { ?event schema:startDate ?date }
  OPTIONAL { ?event schema:name ?name }
  OPTIONAL { ?event prov:wasDerivedFrom ?article .
             OPTIONAL { ?article schema:headline ?headline }
             OPTIONAL { ?article schema:url ?url }
             OPTIONAL { ?article iemp:sourceFile ?file } }
} ORDER BY ?event ?date ?kind ?name ?headline ?url ?file"""
_TOOK_PART = """SELECT DISTINCT ?event ?who ?type WHERE {
  ?event a schema:Event ; schema:attendee|schema:organizer ?who .
  { ?who a schema:Organization BIND("o" AS ?type) } UNION { ?who a schema:Person BIND("p" AS ?type) }
}"""
_OUTCOMES = """SELECT ?event ?outcome ?kind ?description ?party WHERE {
  ?event a schema:Event ; iemp:outcome ?outcome .
  ?outcome iemp:party ?party . ?party a schema:Organization .
  OPTIONAL { ?outcome iemp:outcomeKind ?kind }
  OPTIONAL { ?outcome schema:description ?description }
} ORDER BY ?outcome ?kind ?description"""
_SDGS = f"""SELECT ?event ?sdg WHERE {{
  ?event a schema:Event ; dcterms:subject ?sdg .
  FILTER(STRSTARTS(STR(?sdg), "{SDG}"))
}}"""
_ORGS = """SELECT ?org ?name ?acronym ?country ?kind WHERE {
  ?org a schema:Organization .
  OPTIONAL { ?org schema:name ?name }
  OPTIONAL { ?org iemp:acronym ?acronym }
  OPTIONAL { ?org schema:addressCountry ?country }
  OPTIONAL { ?org iemp:orgKind ?kind }
} ORDER BY ?org ?name ?acronym ?country ?kind"""
_AFFILIATIONS = """SELECT DISTINCT ?person ?name ?org WHERE {
  ?person a schema:Person .
  OPTIONAL { ?person schema:name ?name }
  { ?person schema:affiliation ?org } UNION { ?m org:member ?person ; org:organization ?org }
  ?org a schema:Organization .
} ORDER BY ?person ?name ?org"""


@dataclass(frozen=True)
class OutcomeInfo:
    iri: str
    kind: str
    description: str
    parties: frozenset[str]


@dataclass
class EventInfo:
    """One event as the page and the edges need it."""

    iri: str
    kind: str = "other"
    date: str = ""  # YYYY-MM-DD or YYYY-MM; "" when unknown
    name: str = ""
    headline: str = ""
    url: str = ""
    source: str = ""
    sdgs: list[int] = field(default_factory=list)
    organisations: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    outcomes: list[OutcomeInfo] = field(default_factory=list)

    @property
    def year(self) -> str:
        return self.date[:4]


def _rows(kg: KnowledgeGraph, sparql: str, bind: dict[str, Any] | None = None) -> list[list[str]]:
    result = kg.query(_PREFIXES + sparql, bind)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [[_text(sol[n]) for n in names] for sol in result]


def _text(term: object) -> str:
    return str(getattr(term, "value", "")) if term is not None else ""


def read_events(kg: KnowledgeGraph) -> dict[str, EventInfo]:
    """Every event of the graph with its participants, outcomes and SDGs (no filter)."""
    events: dict[str, EventInfo] = {}
    for iri, kind, date, name, headline, url, source in _rows(kg, _EVENTS):
        if iri not in events:  # several values for a single-valued field: the first in order
            events[iri] = EventInfo(iri, kind or "other", date, name, headline, url, source)
    for iri, who, kind in _rows(kg, _TOOK_PART):
        if iri in events:
            (events[iri].organisations if kind == "o" else events[iri].persons).add(who)
    outcomes: dict[tuple[str, str], tuple[str, str, set[str]]] = {}
    for iri, outcome, kind, description, party in _rows(kg, _OUTCOMES):
        entry = outcomes.setdefault((iri, outcome), (kind or "other", description, set()))
        entry[2].add(party)
    for (iri, outcome), (kind, description, parties) in sorted(outcomes.items()):
        if iri in events:
            events[iri].outcomes.append(OutcomeInfo(outcome, kind, description, frozenset(parties)))
    for iri, sdg in _rows(kg, _SDGS):
        goal = sdg.removeprefix(SDG)
        if iri in events and goal.isdigit():
            events[iri].sdgs = sorted({*events[iri].sdgs, int(goal)})
    return events


def read_organisations(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    orgs: dict[str, dict[str, Any]] = {}
    for iri, name, acronym, country, kind in _rows(kg, _ORGS):
        name = name or iri.rsplit("/", 1)[-1]
        o = orgs.setdefault(iri, {"name": name, "acronyms": [], "country": country, "kind": kind})
        if acronym and acronym not in o["acronyms"]:
            o["acronyms"].append(acronym)
    return orgs


def read_affiliations(kg: KnowledgeGraph) -> list[tuple[str, str, str]]:
    """(person, name, organisation) for every person's stated affiliation or membership."""
    return [(person, name, org) for person, name, org in _rows(kg, _AFFILIATIONS)]
