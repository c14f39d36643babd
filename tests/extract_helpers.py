"""What the extraction tests ask of one invented text: its entities, or its event."""

from __future__ import annotations

from iempkg.extract import extract_article
from iempkg.extract.entities import Entities, find_entities
from iempkg.model import Document, Event, Organisation


def entities(text: str) -> Entities:
    return find_entities(Document(source="test.txt", text=text))


def orgs(text: str) -> dict[str, Organisation]:
    return {o.name: o for o in entities(text).organisations}


def persons(text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    return {p.name: (p.honorific, p.title, p.organisation) for p in entities(text).persons}


def event(text: str, published: str | None = None) -> Event:
    record = extract_article(Document(source="test.txt", text=text, published=published))
    return record.events[0]


def outcome_kinds(text: str) -> set[str]:
    return {o.kind for o in event(text).outcomes}


def place(text: str) -> tuple[str | None, str | None] | None:
    """The event's place as (city, country), or None."""
    p = event(text).place
    return (p.city, p.country) if p else None
