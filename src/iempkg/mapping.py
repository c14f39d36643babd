"""Mapping: records onto the ontology, as RDF quads in named graphs.

Layout:
- `map_article(doc, article, resolution, iris) -> ArticleGraph`: everything one article says, in
  the article's own named graph (article, events, places of its events, outcomes, memberships,
  SDG reasons and the evidence spans), so that a rebuilt article replaces exactly its own facts;
- `map_entities(resolution, iris) -> list[Quad]`: the cross-article view of organisations, persons,
  roles, topics and places (canonical names, acronyms, parents, gazetteer links), in the
  entities graph;
- `map_vocabulary(iris) -> list[Quad]`: the 17 SDGs and 169 targets as SKOS concepts with their
  official titles, in the vocabulary graph.

Standard terms are materialised (each event is typed iemp:Meeting *and* schema:Event, each
organisation org:Organization *and* schema:Organization) so that plain SPARQL finds them.
No blank nodes are used: every node has a minted IRI, which keeps output deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import pyoxigraph as ox

from .model import Article, Document, Event, Span
from .names import person_key, slug
from .resolve import Resolution
from .vocab import (
    DCTERMS,
    EVENT_CLASSES,
    FOAF,
    IEMP,
    OA,
    ORG,
    OUTCOME_CLASSES,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SDG,
    SDGO,
    SKOS,
    WD,
    XSD,
    DataIris,
    n,
)

TYPE = n(RDF + "type")
_IriOf = Callable[[str], "str | None"]
_QUOTE_CONTEXT = 24  # characters of prefix/suffix kept with a quoted span


def lit(value: str, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if datatype:
        return ox.Literal(value, datatype=n(datatype))
    if lang:
        return ox.Literal(value, language=lang)
    return ox.Literal(value)


def date_literal(value: str) -> ox.Literal:
    """xsd:date for YYYY-MM-DD, xsd:gYearMonth for a month-only YYYY-MM."""
    return lit(value, XSD + ("gYearMonth" if len(value) == 7 else "date"))


def source_slug(source: str) -> str:
    return slug(source, max_length=120)


@dataclass
class ArticleGraph:
    """The statements of one article, all in its named graph, as N-Quads text."""

    graph: str
    article: str
    nquads: str = ""

    @property
    def quads(self) -> list[ox.Quad]:
        return parse_nquads(self.nquads)


def parse_nquads(text: str) -> list[ox.Quad]:
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
# Other control characters travel as \u escapes, so no reader chokes on a raw NUL or form feed.
_ESCAPES.update({c: f"\\u{c:04X}" for c in range(0x20) if c not in _ESCAPES})
_ESCAPES[0x7F] = "\\u007F"


class _Writer:
    """Statements as N-Quads lines: text built here and bulk-loaded by Oxigraph is several times
    faster than one pyoxigraph object per term (the mapping stage's main cost at scale)."""

    def __init__(self, graph: str) -> None:
        self.g = " " + _iri(graph) + " .\n"
        self.lines: list[str] = []

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        if isinstance(o, str):
            obj = _iri(o)
        elif isinstance(o, ox.Literal):
            obj = _literal(o)
        else:
            obj = _iri(o.value)
        self.lines.append(f"{_iri(s)} {_iri(p)} {obj}{self.g}")

    def text(self) -> str:
        return "".join(self.lines)

    def quads(self) -> list[ox.Quad]:
        return parse_nquads(self.text())


@lru_cache(maxsize=1 << 16)
def _iri(value: str) -> str:
    """`<value>`, checked once as an IRI by Oxigraph (a bad IRI fails here, not at load time)."""
    return str(ox.NamedNode(value))


def _string(value: str) -> str:
    """A plain literal in N-Quads syntax."""
    return '"' + value.translate(_ESCAPES) + '"'


def _literal(o: ox.Literal) -> str:
    text = _string(o.value)
    if o.language:
        return f"{text}@{o.language}"
    dt = o.datatype.value
    return text if dt == _XSD_STRING else f"{text}^^{_iri(dt)}"


_XSD_STRING = XSD + "string"


def mapping_inputs(doc: Document, article: Article, resolution: Resolution, base: str) -> list[str]:
    """Everything `map_article` reads, as text: a cached article graph made from the same inputs
    is the same graph. Resolution enters only through the entity keys of the article's mentions."""
    orgs: set[str] = set()
    persons = {p.name for p in article.persons}
    for o in article.organisations:
        orgs.update(x for x in (o.name, o.parent) if x)
    orgs.update(p.organisation for p in article.persons if p.organisation)
    for e in article.events:
        orgs.update(e.organisations)
        if e.organizer:
            orgs.add(e.organizer)
        for outcome in e.outcomes:
            orgs.update(outcome.parties)
        persons.update(e.persons)
    keys = [f"o {n}\t{resolution.org(article.source, n)}" for n in sorted(orgs)]
    keys += [f"p {n}\t{resolution.person(article.source, n)}" for n in sorted(persons)]
    record = json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True)
    return [base, article.source, doc.text, doc.content_hash, doc.title or "", doc.url or "",
            record, "\n".join(keys)]  # fmt: skip


def map_article(
    doc: Document, article: Article, resolution: Resolution, iris: DataIris
) -> ArticleGraph:
    """All facts one article states, with their evidence, in the article's named graph."""
    src = source_slug(article.source)
    a = iris.article(src)
    w = _Writer(iris.article_graph(src))
    evidence = _Evidence(w, iris, src, a, doc.text)

    w.add(a, TYPE.value, SCHEMA + "NewsArticle")
    w.add(a, IEMP + "sourceFile", lit(article.source))
    w.add(a, IEMP + "contentHash", lit(doc.content_hash))
    w.add(a, SCHEMA + "articleBody", lit(doc.text))
    headline = article.title or doc.title
    if headline:
        w.add(a, SCHEMA + "headline", lit(headline))
    if article.published:
        w.add(a, SCHEMA + "datePublished", date_literal(article.published))
    if article.url or doc.url:
        w.add(a, SCHEMA + "url", lit(article.url or doc.url or "", XSD + "anyURI"))
    if article.curated:
        w.add(a, IEMP + "curated", lit("true", XSD + "boolean"))

    def org_iri(name: str) -> str | None:
        key = resolution.org(article.source, name)
        return iris.organisation(key) if key else None

    def person_iri(name: str) -> str | None:
        key = resolution.person(article.source, name)
        return iris.person(key) if key else None

    for org in article.organisations:
        o = org_iri(org.name)
        if o is None:
            continue
        w.add(o, PROV + "wasDerivedFrom", a)
        evidence.add(o, "mention", org.spans[:1])
        if org.parent and (parent := org_iri(org.parent)) and parent != o:
            w.add(o, ORG + "subOrganizationOf", parent)

    stated_on = article.published or next(
        (e.start for e in article.events if e.start and len(e.start) == 10), None
    )
    for person in article.persons:
        p = person_iri(person.name)
        if p is None:
            continue
        w.add(p, PROV + "wasDerivedFrom", a)
        evidence.add(p, "mention", person.spans[:1])
        if person.honorific:
            w.add(p, SCHEMA + "honorificPrefix", lit(person.honorific))
        affiliation = org_iri(person.organisation) if person.organisation else None
        if affiliation:
            w.add(p, SCHEMA + "affiliation", affiliation)
        if person.title:
            w.add(p, SCHEMA + "jobTitle", lit(person.title))
        if person.title and affiliation:
            pkey = resolution.person(article.source, person.name) or person_key(person.name)
            okey = affiliation.rsplit("/", 1)[-1]
            m = iris.membership(pkey, okey, person.title, src)
            w.add(m, TYPE.value, ORG + "Membership")
            w.add(m, ORG + "member", p)
            w.add(m, ORG + "organization", affiliation)
            w.add(m, ORG + "role", iris.role(person.title))
            w.add(m, PROV + "wasDerivedFrom", a)
            if stated_on:
                w.add(m, IEMP + "statedOn", date_literal(stated_on))

    topics = [iris.topic(t) for t in article.topics]
    sdgs = [SDG + str(g) for g in article.sdgs]
    for t, label in zip(topics, article.topics, strict=True):
        w.add(a, DCTERMS + "subject", t)
        evidence.add(t, "topic", article.topic_spans.get(label, [])[:1])
    for s in sdgs:
        w.add(a, DCTERMS + "subject", s)
    for rank, sdg in enumerate(article.sdg_evidence, start=1):
        node = iris.sdg_assessment(src, sdg.goal)
        w.add(a, IEMP + "sdgAssessment", node)
        w.add(node, TYPE.value, IEMP + "SdgAssessment")
        w.add(node, IEMP + "goal", SDG + str(sdg.goal))
        w.add(node, IEMP + "method", lit(sdg.method))
        w.add(node, IEMP + "score", lit(f"{sdg.score:.4f}", XSD + "decimal"))
        w.add(node, IEMP + "rank", lit(str(rank), XSD + "integer"))
        for trigger in sdg.triggers:
            w.add(node, IEMP + "trigger", lit(trigger))
        evidence.add(node, "sdg", sdg.spans[:1])

    for i, event in enumerate(article.events, start=1):
        _map_event(w, evidence, article, event, i, src, a, iris, org_iri, person_iri)
        e = iris.event(src, i)
        for t in topics:
            w.add(e, DCTERMS + "subject", t)
        for s in sdgs:
            w.add(e, DCTERMS + "subject", s)
    return ArticleGraph(graph=iris.article_graph(src), article=a, nquads=w.text())


def _map_event(
    w: _Writer,
    evidence: _Evidence,
    article: Article,
    event: Event,
    index: int,
    src: str,
    a: str,
    iris: DataIris,
    org_iri: _IriOf,
    person_iri: _IriOf,
) -> None:
    e = iris.event(src, index)
    w.add(e, TYPE.value, SCHEMA + "Event")
    w.add(e, TYPE.value, IEMP + "Event")
    cls = EVENT_CLASSES.get(event.kind)
    if cls:
        w.add(e, TYPE.value, IEMP + cls)
    w.add(e, IEMP + "eventKind", lit(event.kind))
    w.add(e, SCHEMA + "name", lit(_event_name(article, event)))
    w.add(e, PROV + "wasDerivedFrom", a)
    w.add(a, SCHEMA + "about", e)
    if event.start:
        w.add(e, SCHEMA + "startDate", date_literal(event.start))
        w.add(e, SCHEMA + "endDate", date_literal(event.end or event.start))
    evidence.add(e, "kind", event.spans.get("kind", [])[:1])
    evidence.add(e, "date", event.spans.get("date", [])[:1])
    if event.place and (event.place.city or event.place.country or event.place.venue):
        place = event.place
        pl = iris.place(place.city, place.country, place.venue)
        w.add(e, SCHEMA + "location", pl)
        evidence.add(pl, "place", (place.spans or event.spans.get("place", []))[:1])
    for name in event.organisations:
        if o := org_iri(name):
            w.add(e, SCHEMA + "attendee", o)
    for name in event.persons:
        if p := person_iri(name):
            w.add(e, SCHEMA + "attendee", p)
    if event.organizer and (host := org_iri(event.organizer)):
        w.add(e, SCHEMA + "organizer", host)
    for j, outcome in enumerate(event.outcomes, start=1):
        out = iris.outcome(src, index, j)
        w.add(out, TYPE.value, IEMP + "CooperationOutcome")
        for cls_name in OUTCOME_CLASSES.get(outcome.kind, []):
            w.add(out, TYPE.value, IEMP + cls_name)
        w.add(out, IEMP + "outcomeKind", lit(outcome.kind))
        w.add(out, SCHEMA + "description", lit(outcome.summary or outcome.kind))
        w.add(out, PROV + "wasDerivedFrom", a)
        w.add(e, IEMP + "outcome", out)
        parties = outcome.parties or event.organisations
        for name in parties:
            if o := org_iri(name):
                w.add(out, IEMP + "party", o)
        evidence.add(out, "outcome", outcome.spans[:1])


def _event_name(article: Article, event: Event) -> str:
    """A readable label: the headline when the article reports one event, else kind and date."""
    if article.title and len(article.events) == 1:
        return article.title
    label = event.kind.replace("-", " ").capitalize()
    return f"{label} on {event.start}" if event.start else f"{label} ({article.source})"


class _Evidence:
    """Web Annotation evidence: a fact, the article it came from and the words that say it.

    Its lines are written here rather than through `_Writer.add`: evidence is about three
    quarters of an article's statements, and every IRI but the fact's is a constant or the
    annotation's own (its one check covers the target's and selector's, which only add a suffix)."""

    def __init__(self, w: _Writer, iris: DataIris, src: str, article: str, text: str) -> None:
        self.w, self.iris, self.src, self.text = w, iris, src, text
        self.article = _iri(article)
        self.count = 0

    def add(self, fact: str, aspect: str, spans: Iterable[Span]) -> None:
        for span in spans:
            if not 0 <= span.start < span.end <= len(self.text):
                continue  # a hand-written record may point outside the text; keep the fact only
            self.count += 1
            ann = str(ox.NamedNode(self.iris.evidence(self.src, self.count)))
            target, selector = ann[:-1] + "-target>", ann[:-1] + "-selector>"
            f, g, text = _iri(fact), self.w.g, self.text
            lines = [
                f"{ann} {_TYPE} {_ANNOTATION}{g}",
                f"{ann} {_MOTIVATED_BY} {_IDENTIFYING}{g}",
                f"{ann} {_HAS_BODY} {f}{g}",
                f"{ann} {_EVIDENCE_OF} {f}{g}",
                f"{ann} {_ASPECT} {_string(aspect)}{g}",
                f"{ann} {_HAS_TARGET} {target}{g}",
                f"{target} {_TYPE} {_SPECIFIC_RESOURCE}{g}",
                f"{target} {_HAS_SOURCE} {self.article}{g}",
                f"{target} {_HAS_SELECTOR} {selector}{g}",
                f"{selector} {_TYPE} {_QUOTE_SELECTOR}{g}",
                f"{selector} {_TYPE} {_POSITION_SELECTOR}{g}",
                f"{selector} {_EXACT} {_string(text[span.start : span.end])}{g}",
            ]
            prefix = text[max(0, span.start - _QUOTE_CONTEXT) : span.start]
            suffix = text[span.end : span.end + _QUOTE_CONTEXT]
            if prefix:
                lines.append(f"{selector} {_PREFIX} {_string(prefix)}{g}")
            if suffix:
                lines.append(f"{selector} {_SUFFIX} {_string(suffix)}{g}")
            lines.append(f'{selector} {_START} "{span.start}"^^{_NON_NEGATIVE}{g}')
            lines.append(f'{selector} {_END} "{span.end}"^^{_NON_NEGATIVE}{g}')
            self.w.lines.extend(lines)


_TYPE, _ANNOTATION = _iri(TYPE.value), _iri(OA + "Annotation")
_MOTIVATED_BY, _IDENTIFYING = _iri(OA + "motivatedBy"), _iri(OA + "identifying")
_HAS_BODY, _EVIDENCE_OF, _ASPECT = _iri(OA + "hasBody"), _iri(IEMP + "evidenceOf"), _iri(IEMP + "aspect")
_HAS_TARGET, _SPECIFIC_RESOURCE = _iri(OA + "hasTarget"), _iri(OA + "SpecificResource")
_HAS_SOURCE, _HAS_SELECTOR = _iri(OA + "hasSource"), _iri(OA + "hasSelector")
_QUOTE_SELECTOR, _POSITION_SELECTOR = _iri(OA + "TextQuoteSelector"), _iri(OA + "TextPositionSelector")
_EXACT, _PREFIX, _SUFFIX = _iri(OA + "exact"), _iri(OA + "prefix"), _iri(OA + "suffix")
_START, _END, _NON_NEGATIVE = _iri(OA + "start"), _iri(OA + "end"), _iri(XSD + "nonNegativeInteger")


def map_entities(
    resolution: Resolution, articles: Iterable[Article], iris: DataIris
) -> list[ox.Quad]:
    """Organisations, persons, roles, topics and places, as the whole archive knows them."""
    w = _Writer(iris.entities_graph)
    for key, org in sorted(resolution.organisations.items()):
        o = iris.organisation(key)
        w.add(o, TYPE.value, ORG + "Organization")
        w.add(o, TYPE.value, SCHEMA + "Organization")
        w.add(o, SCHEMA + "name", lit(org.name))
        w.add(o, RDFS + "label", lit(org.name))
        for acronym in org.acronyms:
            w.add(o, IEMP + "acronym", lit(acronym))
        for alt in sorted(set(org.acronyms) | set(org.variants)):
            w.add(o, SCHEMA + "alternateName", lit(alt))
        if org.parent:
            w.add(o, ORG + "subOrganizationOf", iris.organisation(org.parent))
        if org.country:
            w.add(o, SCHEMA + "addressCountry", lit(org.country))
        if org.kind:
            w.add(o, IEMP + "orgKind", lit(org.kind))
        if org.wikidata:
            w.add(o, OWL + "sameAs", WD + org.wikidata)
    for key, person in sorted(resolution.persons.items()):
        p = iris.person(key)
        w.add(p, TYPE.value, SCHEMA + "Person")
        w.add(p, TYPE.value, FOAF + "Person")
        w.add(p, SCHEMA + "name", lit(person.name))
        w.add(p, FOAF + "name", lit(person.name))
        w.add(p, RDFS + "label", lit(person.name))
        for alt in person.variants:
            if alt != person.name:
                w.add(p, SCHEMA + "alternateName", lit(alt))
    # Other spellings' IRIs (what an entity was called before a merge or a new canonical name)
    # stay linked to the kept one, so that links made to them still resolve.
    for old, kept in sorted(resolution.same_as.items()):
        w.add(iris.organisation(old), OWL + "sameAs", iris.organisation(kept))
    for old, kept in sorted(resolution.person_same_as.items()):
        w.add(iris.person(old), OWL + "sameAs", iris.person(kept))

    roles: set[str] = set()
    topics: set[str] = set()
    places: dict[str, tuple[str | None, str | None, str | None]] = {}
    for article in articles:
        roles.update(p.title for p in article.persons if p.title)
        topics.update(article.topics)
        for e in article.events:
            if e.place and (e.place.city or e.place.country or e.place.venue):
                pl = e.place
                places[iris.place(pl.city, pl.country, pl.venue)] = (pl.city, pl.country, pl.venue)
    for label in sorted(roles):
        r = iris.role(label)
        w.add(r, TYPE.value, ORG + "Role")
        w.add(r, TYPE.value, SKOS + "Concept")
        w.add(r, SKOS + "prefLabel", lit(_role_label(label), lang="en"))
        w.add(r, SKOS + "inScheme", iris.role_scheme)
    for label in sorted(topics):
        t = iris.topic(label)
        w.add(t, TYPE.value, SKOS + "Concept")
        w.add(t, SKOS + "prefLabel", lit(label, lang="en"))
        w.add(t, SKOS + "inScheme", iris.topic_scheme)
    for iri, (city, country, venue) in sorted(places.items()):
        w.add(iri, TYPE.value, SCHEMA + "Place")
        w.add(iri, SCHEMA + "name", lit(", ".join(p for p in (venue, city, country) if p)))
        if city:
            w.add(iri, SCHEMA + "addressLocality", lit(city))
        if country:
            w.add(iri, SCHEMA + "addressCountry", lit(country))
    if roles:
        w.add(iris.role_scheme, TYPE.value, SKOS + "ConceptScheme")
        w.add(iris.role_scheme, SKOS + "prefLabel", lit("Posts held by persons", lang="en"))
    if topics:
        w.add(iris.topic_scheme, TYPE.value, SKOS + "ConceptScheme")
        w.add(iris.topic_scheme, SKOS + "prefLabel", lit("Topics of the news", lang="en"))
    return w.quads()


def _role_label(title: str) -> str:
    """Roles are shared across articles, so their label is the title with a capital first letter
    ("deputy executive director" and "Deputy Executive Director" are one role)."""
    return " ".join(word[:1].upper() + word[1:] for word in title.split())


@cache
def sdg_data() -> dict[str, list[dict[str, object]]]:
    """The official SDG goal, target and indicator texts shipped with the package."""
    text = resources.files("iempkg.resources").joinpath("sdg.json").read_text("utf-8")
    data: dict[str, list[dict[str, object]]] = json.loads(text)
    return data


def map_vocabulary(iris: DataIris) -> list[ox.Quad]:
    """The 17 goals and 169 targets as SKOS concepts with their official titles."""
    w = _Writer(iris.vocabulary_graph)
    scheme = SDG.rstrip("/")
    w.add(scheme, TYPE.value, SKOS + "ConceptScheme")
    w.add(scheme, SKOS + "prefLabel", lit("Sustainable Development Goals", lang="en"))
    w.add(scheme, DCTERMS + "source", "https://github.com/open-sdg/sdg-translations")
    data = sdg_data()
    for goal in data["goals"]:
        g = str(goal["iri"])
        w.add(g, TYPE.value, SKOS + "Concept")
        w.add(g, TYPE.value, SDGO + "Goal")
        w.add(g, SKOS + "notation", lit(str(goal["code"])))
        w.add(g, SKOS + "prefLabel", lit(f"Goal {goal['code']}: {goal['title_short']}", lang="en"))
        w.add(g, SKOS + "altLabel", lit(str(goal["title_short"]), lang="en"))
        w.add(g, SKOS + "definition", lit(str(goal["title"]), lang="en"))
        w.add(g, SKOS + "inScheme", scheme)
        w.add(g, SKOS + "topConceptOf", scheme)
        w.add(g, SCHEMA + "color", lit(str(goal["color"])))
    for target in data["targets"]:
        t = str(target["iri"])
        w.add(t, TYPE.value, SKOS + "Concept")
        w.add(t, TYPE.value, SDGO + "Target")
        w.add(t, SKOS + "notation", lit(str(target["code"])))
        w.add(t, SKOS + "prefLabel", lit(f"Target {target['code']}", lang="en"))
        w.add(t, SKOS + "definition", lit(str(target["text"]), lang="en"))
        w.add(t, SKOS + "broader", SDG + str(target["goal"]))
        w.add(t, SKOS + "inScheme", scheme)
    return w.quads()
