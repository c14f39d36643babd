"""Extraction: one `Document` in, one `Article` record out, by general rules.

Layout (each module is one concern and can be improved on its own):
- `entities.find_entities(doc) -> Entities`: organisations (names, acronyms, aliases, parents) and
  persons (honorifics, titles, affiliations), each with the spans it was found at;
- `events.find_events(doc, entities) -> list[Event]`: event kind, dates and ranges, place,
  participants and cooperation outcomes;
- `sdgs.find_sdgs(doc, events) -> list[SdgAssessment]`: SDGs stated in the text or inferred from it
  with a score and the words that triggered them;
- `topics.find_topics(doc) -> dict[str, list[Span]]`: topic phrases with where they occur.

`extract_article` only calls them in order and assembles the record.
"""

from __future__ import annotations

from .._resolve_keys import government_qualifier_needed
from ..model import Article, Document, Event
from ._places import country_mentioned, find_places, gazetteer
from .entities import Entities, find_entities
from .events import find_events
from .sdgs import find_sdgs
from .topics import find_topics

__all__ = ["Entities", "extract_article"]


def extract_article(doc: Document) -> Article:
    """Extract the record of one ingested article."""
    entities = find_entities(doc)
    events = find_events(doc, entities)
    _government_countries(doc, entities, events)
    sdg_evidence = find_sdgs(doc, events)
    topic_spans = find_topics(doc)
    return Article(
        source=doc.source,
        title=doc.title,
        published=doc.published,
        url=doc.url,
        events=events,
        organisations=entities.organisations,
        persons=entities.persons,
        topics=list(topic_spans),
        sdgs=[s.goal for s in sdg_evidence],
        sdg_evidence=sdg_evidence,
        topic_spans=topic_spans,
    )


def _government_countries(doc: Document, entities: Entities, events: list[Event]) -> None:
    """A ministry named without its country ("the Ministry of Environment") belongs to the
    country of the event, or to the one country the article names; resolution needs it to keep
    two countries' ministries apart and to join one country's across articles."""
    bodies = [
        o for o in entities.organisations if not o.country and government_qualifier_needed(o.name)
    ]
    if not bodies:
        return
    country = next((e.place.country for e in events if e.place and e.place.country), None)
    if country is None:
        codes = country_mentioned(find_places(doc.text))
        if len(codes) == 1:
            code = next(iter(codes))
            country = gazetteer().countries.get(code, code)
    for o in bodies:
        o.country = country
