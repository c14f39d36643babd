"""Framed JSON-LD for web developers: one object per event, everything about it nested inside.

`to_framed_jsonld(kg) -> bytes` writes

    {"@context": {...}, "@graph": [
      {"@id": ".../event/...", "@type": ["Event", "Signing"], "kind": "signing", "name": "...",
       "startDate": "2023-05-10", "endDate": "2023-05-10",
       "location": {"@id": ..., "name": "Nairobi, Kenya", "city": "Nairobi", "country": "Kenya"},
       "organisations": [{"@id": ..., "name": "...", "acronym": ["KEFRI"]}],
       "persons": [{"@id": ..., "name": "..."}],
       "outcomes": [{"@id": ..., "outcomeKind": "mou", "description": "...", "parties": [...]}],
       "sdgs": [{"@id": "http://metadata.un.org/sdg/15", "number": 15, "title": "Life on land"}],
       "article": {"@id": ..., "headline": "...", "datePublished": "2023-05-12", "url": "..."}}]}

A page reads it as plain JSON: keys are always present where the graph has the fact, lists are
always lists, dates are ISO strings (`YYYY-MM-DD`, or `YYYY-MM` when only the month is known). The
context is inline (nothing is fetched), so a JSON-LD processor also reads it as RDF; it is a view
for reading, the compact export (`--format jsonld`) is the faithful one (here an SDG's number is a
JSON number, in the graph a skos:notation string).

The data comes from four SPARQL queries answered by Oxigraph; the output is sorted (events by date
and IRI, every list by name or IRI), so the same graph always gives the same bytes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from .store import KnowledgeGraph
from .vocab import DEFAULT_BASE, EVENT_CLASSES

CONTEXT: dict[str, Any] = {
    "schema": "http://schema.org/",
    "iemp": "https://w3id.org/iempkg/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "Event": "schema:Event",
    **{cls: f"iemp:{cls}" for cls in sorted(c for c in EVENT_CLASSES.values() if c)},
    "Organization": "schema:Organization",
    "Person": "schema:Person",
    "Place": "schema:Place",
    "NewsArticle": "schema:NewsArticle",
    "CooperationOutcome": "iemp:CooperationOutcome",
    "name": "schema:name",
    "kind": "iemp:eventKind",
    "startDate": "schema:startDate",
    "endDate": "schema:endDate",
    "location": "schema:location",
    "city": "schema:addressLocality",
    "country": "schema:addressCountry",
    "organisations": {"@id": "schema:attendee", "@container": "@set"},
    "persons": {"@id": "schema:attendee", "@container": "@set"},
    "acronym": {"@id": "iemp:acronym", "@container": "@set"},
    "honorific": "schema:honorificPrefix",
    "outcomes": {"@id": "iemp:outcome", "@container": "@set"},
    "outcomeKind": "iemp:outcomeKind",
    "description": "schema:description",
    "parties": {"@id": "iemp:party", "@container": "@set"},
    "sdgs": {"@id": "dcterms:subject", "@container": "@set"},
    "number": "skos:notation",
    "title": {"@id": "skos:altLabel", "@language": "en"},
    "article": "prov:wasDerivedFrom",
    "headline": "schema:headline",
    "datePublished": "schema:datePublished",
    "url": {"@id": "schema:url", "@type": "@id"},
}

_PREFIXES = """
PREFIX schema: <http://schema.org/>
PREFIX iemp: <https://w3id.org/iempkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
"""
_EVENTS = """SELECT ?event ?kind ?name ?start ?end ?place ?placeName ?city ?country
       ?article ?headline ?published ?url WHERE {
  ?event a schema:Event ; iemp:eventKind ?kind ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?event schema:name ?name }
  OPTIONAL { ?event schema:startDate ?start }
  OPTIONAL { ?event schema:endDate ?end }
  OPTIONAL { ?event schema:location ?place .
             OPTIONAL { ?place schema:name ?placeName }
             OPTIONAL { ?place schema:addressLocality ?city }
             OPTIONAL { ?place schema:addressCountry ?country } }
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?article schema:url ?url }
}"""
_ATTENDEES = (
    """SELECT DISTINCT ?event ?who WHERE { ?event a schema:Event ; schema:attendee ?who }"""
)
_OUTCOMES = """SELECT DISTINCT ?event ?outcome ?kind ?description ?party WHERE {
  ?event a schema:Event ; iemp:outcome ?outcome .
  OPTIONAL { ?outcome iemp:outcomeKind ?kind }
  OPTIONAL { ?outcome schema:description ?description }
  OPTIONAL { ?outcome iemp:party ?party }
}"""
# Each participant's name and acronyms once, not once per event: a busy organisation is the subject
# of thousands of statements, which Oxigraph's memory store walks on every look-up of it.
_WHO = """SELECT DISTINCT ?who ?type ?name ?acronym ?honorific WHERE {
  { SELECT DISTINCT ?who WHERE { { ?e schema:attendee ?who } UNION { ?o iemp:party ?who } } }
  ?who a ?type . VALUES ?type { schema:Organization schema:Person }
  OPTIONAL { ?who schema:name ?name }
  OPTIONAL { ?who iemp:acronym ?acronym }
  OPTIONAL { ?who schema:honorificPrefix ?honorific }
}"""
_SDGS = """SELECT DISTINCT ?event ?goal ?notation ?title WHERE {
  ?event a schema:Event ; dcterms:subject ?goal .
  ?goal a sdgo:Goal ; skos:notation ?notation .
  OPTIONAL { ?goal skos:altLabel ?title }
}"""


def _rows(kg: KnowledgeGraph, sparql: str) -> list[dict[str, str]]:
    answer = kg.query(_PREFIXES + sparql)
    assert isinstance(answer, ox.QuerySolutions)
    names = [v.value for v in answer.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in answer]


def _add_unique(items: list[str], value: str | None) -> None:
    if value and value not in items:
        items.append(value)


def framed_events(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """One JSON object per event, sorted by start date then IRI."""
    events: dict[str, dict[str, Any]] = {}
    for r in _rows(kg, _EVENTS):
        e = events.setdefault(r["event"], {"@id": r["event"], "@type": ["Event"]})
        cls = EVENT_CLASSES.get(r["kind"])
        if cls:
            _add_unique(e["@type"], cls)
        e["kind"] = r["kind"]
        for key, var in (("name", "name"), ("startDate", "start"), ("endDate", "end")):
            if var in r:
                e[key] = r[var]
        if "place" in r:
            place = {"@id": r["place"], "@type": "Place"}
            for key, var in (("name", "placeName"), ("city", "city"), ("country", "country")):
                if var in r:
                    place[key] = r[var]
            e["location"] = place
        article = {"@id": r["article"], "@type": "NewsArticle"}
        for key, var in (("headline", "headline"), ("datePublished", "published"), ("url", "url")):
            if var in r:
                article[key] = r[var]
        e["article"] = article
        e.update({"organisations": [], "persons": [], "outcomes": [], "sdgs": []})

    who: dict[str, dict[str, Any]] = {}
    for r in _rows(kg, _WHO):
        is_org = r["type"].endswith("Organization")
        node = who.setdefault(
            r["who"], {"@id": r["who"], "@type": "Organization" if is_org else "Person"}
        )
        if "name" in r:
            node["name"] = r["name"]
        if is_org:
            _add_unique(node.setdefault("acronym", []), r.get("acronym"))
        elif "honorific" in r:
            node["honorific"] = r["honorific"]
    for node in who.values():
        if "acronym" in node:
            node["acronym"].sort()

    def copy(iri: str) -> dict[str, Any]:
        node = who.get(iri, {"@id": iri})
        return {**node, **({"acronym": list(node["acronym"])} if "acronym" in node else {})}

    people: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in _rows(kg, _ATTENDEES):
        if r["who"] in who:
            people[r["event"]][r["who"]] = copy(r["who"])
    outcomes: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in _rows(kg, _OUTCOMES):
        o = outcomes[r["event"]].setdefault(
            r["outcome"], {"@id": r["outcome"], "@type": "CooperationOutcome", "parties": {}}
        )
        for key, var in (("outcomeKind", "kind"), ("description", "description")):
            if var in r:
                o[key] = r[var]
        if "party" in r:
            o["parties"][r["party"]] = copy(r["party"])
    sdgs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(kg, _SDGS):
        goal: dict[str, Any] = {"@id": r["goal"], "number": int(r["notation"])}
        if "title" in r:
            goal["title"] = r["title"]
        sdgs[r["event"]].append(goal)

    def by_name(node: dict[str, Any]) -> tuple[str, str]:
        return (str(node.get("name", "")), str(node["@id"]))

    for iri, e in events.items():
        for node in people[iri].values():
            e["organisations" if node["@type"] == "Organization" else "persons"].append(node)
        e["organisations"].sort(key=by_name)
        e["persons"].sort(key=by_name)
        for o in outcomes[iri].values():
            o["parties"] = sorted(o["parties"].values(), key=by_name)
            e["outcomes"].append(o)
        e["outcomes"].sort(key=lambda o: str(o["@id"]))
        e["sdgs"] = sorted(sdgs[iri], key=lambda g: int(g["number"]))
        e["@type"] = sorted(e["@type"], key=lambda t: (t != "Event", t))
    return sorted(events.values(), key=lambda e: (str(e.get("startDate", "")), str(e["@id"])))


def to_framed_jsonld(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> bytes:
    """The framed view as UTF-8 JSON (the data IRIs are absolute, so `base` is not needed)."""
    doc = {"@context": CONTEXT, "@graph": framed_events(kg)}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
