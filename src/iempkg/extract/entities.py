"""Organisations and persons of one document, each with every span it is mentioned at.

The steps, each in its own module:
1. `_person_names`: where persons are named (anchored by an honorific, a title or an
   apposition); these words are then off limits to organisation names;
2. `_org_candidates` / `_org_find`: organisation names around head nouns and from the gazetteer,
   their acronyms, aliases, parents and every mention (acronym-only and "the Institute" too);
   `_org_bare`: bodies named only by an acronym the text never spells out;
3. `_person_titles` / `_person_find`: persons with honorific, job title and organisation.
All of it is rules over one pass of tokens; nothing is looked up outside the text except the
gazetteer, which only helps to recognise what the text writes.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer, default_gazetteer
from ..model import Document, Organisation, Person
from ._names_text import TextIndex
from ._org_find import find_organisations
from ._person_bare import bare_name_mentions
from ._person_find import find_persons
from ._person_names import find_name_mentions


@dataclass
class Entities:
    organisations: list[Organisation] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)

    def organisation(self, name: str) -> Organisation | None:
        """The organisation written `name` (its name, acronym or an alias), if any."""
        key = name.casefold()
        for org in self.organisations:
            if key in {n.casefold() for n in (org.name, org.acronym or "", *org.aliases) if n}:
                return org
        return None


def find_entities(doc: Document, gazetteer: Gazetteer | None = None) -> Entities:
    """Organisations and persons that `doc.text` names (spans index into `doc.text`)."""
    ix = TextIndex(doc.text)
    names = find_name_mentions(ix)
    blocked: set[int] = set()
    for m in names:
        k = bisect_left(ix.starts, m.lead)
        while k < len(ix) and ix.tokens[k].start < m.end:
            blocked.add(k)
            k += 1
    orgs = find_organisations(ix, gazetteer or default_gazetteer(), blocked)
    # Persons named bare ("Grace Akinyi said") are looked for only where no body is named.
    bare = bare_name_mentions(ix, names, ((m.start, m.end) for m in orgs.mentions))
    if bare:
        names = sorted([*names, *bare], key=lambda m: m.start)
    persons = find_persons(ix, names, orgs)
    return Entities(orgs.organisations, persons)
