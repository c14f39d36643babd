"""IRIs: the standard vocabularies reused, the project's ontology, and the data IRIs it mints.

Data IRIs are readable and stable: they are made from the base IRI (configurable, default
`DEFAULT_BASE`) and slugs of what they name, never from counters over the whole input, so the same
inputs give the same IRIs and an organisation's IRI does not depend on which article named it first.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pyoxigraph as ox

from .errors import ConfigError
from .names import slug

DEFAULT_BASE = "https://w3id.org/iempkg/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SCHEMA = "http://schema.org/"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
SDG = "http://metadata.un.org/sdg/"
SDGO = "http://metadata.un.org/sdg/ontology#"
SH = "http://www.w3.org/ns/shacl#"
IEMP = "https://w3id.org/iempkg/ontology#"
WD = "http://www.wikidata.org/entity/"

PREFIXES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "schema": SCHEMA,
    "org": ORG,
    "foaf": FOAF,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "oa": OA,
    "sdg": SDG,
    "sdgo": SDGO,
    "iemp": IEMP,
    "wd": WD,
}

EVENT_CLASSES: dict[str, str | None] = {
    "meeting": "Meeting",
    "visit": "Visit",
    "workshop": "Workshop",
    "training": "Training",
    "conference": "Conference",
    "signing": "Signing",
    "launch": "Launch",
    "fieldwork": "FieldTrip",
    "other": None,
}
OUTCOME_CLASSES: dict[str, list[str]] = {
    "agreement": ["Agreement"],
    "mou": ["MemorandumOfUnderstanding", "Agreement"],
    "joint-project": ["JointProject"],
    "joint-lab": ["JointLab"],
    "publication": ["Publication"],
    "plan": ["Plan"],
    "training-delivered": ["TrainingDelivered"],
    "other": [],
}


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def check_base(base: str) -> str:
    """`base` if it is an absolute http(s) IRI ending in '/' or '#', else a ConfigError."""
    parts = urlsplit(base)
    bad = any(c in base for c in ' <>"{}|\\^`')
    if parts.scheme not in ("http", "https", "urn") or bad or base[-1:] not in ("/", "#", ":"):
        raise ConfigError(
            f"base IRI '{base}' is not usable",
            "option --base",
            "give an absolute http(s) IRI ending in '/', e.g. https://example.org/kg/",
        )
    return base


@dataclass(frozen=True)
class DataIris:
    """Mints the IRIs of one knowledge graph from its base IRI."""

    base: str = DEFAULT_BASE

    def article(self, source_slug: str) -> str:
        return f"{self.base}article/{source_slug}"

    def article_graph(self, source_slug: str) -> str:
        return f"{self.base}graph/{source_slug}"

    @property
    def entities_graph(self) -> str:
        return f"{self.base}graph/_entities"

    @property
    def vocabulary_graph(self) -> str:
        return f"{self.base}graph/_vocabulary"

    # IRIs stay flat below their kind (no further '/') so that Turtle can write them as
    # prefixed names such as event:iemp-355-txt-e1.
    def event(self, source_slug: str, index: int) -> str:
        return f"{self.base}event/{source_slug}-e{index}"

    def outcome(self, source_slug: str, event_index: int, index: int) -> str:
        return f"{self.base}outcome/{source_slug}-e{event_index}-o{index}"

    def organisation(self, key: str) -> str:
        return f"{self.base}organisation/{key}"

    def person(self, key: str) -> str:
        return f"{self.base}person/{key}"

    def role(self, title: str) -> str:
        return f"{self.base}role/{slug(title)}"

    def membership(self, person_key: str, org_key: str, title: str, source_slug: str) -> str:
        return f"{self.base}membership/{person_key}--{org_key}--{slug(title)}--{source_slug}"

    def topic(self, label: str) -> str:
        return f"{self.base}topic/{slug(label)}"

    @property
    def topic_scheme(self) -> str:
        return f"{self.base}topic/"

    @property
    def role_scheme(self) -> str:
        return f"{self.base}role/"

    def place(self, city: str | None, country: str | None, venue: str | None) -> str:
        parts = [slug(p) for p in (venue, city, country) if p]
        return f"{self.base}place/{'--'.join(parts)}"

    def evidence(self, source_slug: str, index: int) -> str:
        return f"{self.base}evidence/{source_slug}-{index}"

    def sdg_assessment(self, source_slug: str, goal: int) -> str:
        return f"{self.base}sdg-reason/{source_slug}-sdg{goal}"


DATA_KINDS = (
    "article",
    "graph",
    "event",
    "outcome",
    "organisation",
    "person",
    "role",
    "membership",
    "topic",
    "place",
    "evidence",
    "sdg-reason",
)


def data_prefixes(base: str) -> dict[str, str]:
    """Turtle prefixes for the data IRIs of a graph with base `base` (event:, person:, ...)."""
    return {kind.replace("-", ""): f"{base}{kind}/" for kind in DATA_KINDS}
