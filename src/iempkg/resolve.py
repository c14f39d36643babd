"""Resolution: the same organisation or person across articles becomes one entity with one key.

Layout:
- `resolve(articles, gazetteer) -> Resolution`: groups every organisation and person mention of
  every article into entities (union-find over name keys), picks a canonical name per entity and
  a stable key (slug of the canonical name) from which mapping makes the IRI;
- `Resolution.org(source, name)` / `Resolution.person(source, name)`: the entity key of a mention
  as an article wrote it.

Organisations are joined when they share a normalised name or acronym, within an article (name,
acronym and aliases of one record entry) and across articles, and through the gazetteer, whose
canonical name then wins. Persons are joined when their names have the same words in any order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .model import Article
from .names import name_key, person_key, slug


class GazetteerEntryLike(Protocol):
    name: str
    acronyms: list[str]
    aliases: list[str]
    parent: str | None
    country: str | None
    kind: str | None
    wikidata: str | None


class GazetteerLike(Protocol):
    def lookup(self, name: str) -> GazetteerEntryLike | None: ...


@dataclass
class OrgEntity:
    key: str
    name: str
    acronyms: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    parent: str | None = None  # key of the parent entity
    country: str | None = None
    kind: str | None = None
    wikidata: str | None = None
    sources: list[str] = field(default_factory=list)


@dataclass
class PersonEntity:
    key: str
    name: str
    variants: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class Resolution:
    organisations: dict[str, OrgEntity] = field(default_factory=dict)
    persons: dict[str, PersonEntity] = field(default_factory=dict)
    org_mentions: dict[tuple[str, str], str] = field(default_factory=dict)
    person_mentions: dict[tuple[str, str], str] = field(default_factory=dict)
    # Keys of entities merged into another one: old key -> kept key (kept as owl:sameAs links).
    same_as: dict[str, str] = field(default_factory=dict)

    def org(self, source: str, name: str) -> str | None:
        return self.org_mentions.get((source, name_key(name)))

    def person(self, source: str, name: str) -> str | None:
        return self.person_mentions.get((source, person_key(name)))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression keeps later finds O(1)
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller key wins so that the result does not depend on the order of unions.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _org_names(article: Article) -> list[tuple[str, list[str], str | None]]:
    """(name, acronyms+aliases, parent) for every organisation the record names, parents included."""
    out: list[tuple[str, list[str], str | None]] = []
    seen: set[str] = set()
    for org in article.organisations:
        others = [n for n in (org.acronym, *org.aliases) if n]
        out.append((org.name, others, org.parent))
        seen.update(name_key(n) for n in (org.name, *others))
    # Names used elsewhere in the record but missing from its organisation list still need a node.
    extra = [o.parent for o in article.organisations if o.parent]
    extra += [p.organisation for p in article.persons if p.organisation]
    for event in article.events:
        extra += event.organisations
        extra += [party for o in event.outcomes for party in o.parties]
        if event.organizer:
            extra.append(event.organizer)
    for name in extra:
        if name and name_key(name) not in seen:
            seen.add(name_key(name))
            out.append((name, [], None))
    return [o for o in out if name_key(o[0])]


def _person_names(article: Article) -> list[str]:
    """Every person the record names: its person list, then event participants missing from it."""
    names = [p.name for p in article.persons]
    keys = {person_key(n) for n in names}
    for event in article.events:
        for name in event.persons:
            if person_key(name) and person_key(name) not in keys:
                keys.add(person_key(name))
                names.append(name)
    return [n for n in names if person_key(n)]


def resolve(articles: Sequence[Article], gazetteer: GazetteerLike | None = None) -> Resolution:
    """Group the organisations and persons of all `articles` into entities."""
    uf = _UnionFind()
    surface: dict[str, Counter[str]] = defaultdict(Counter)  # key -> written forms
    acronym_keys: set[str] = set()
    gaz_entries: dict[str, GazetteerEntryLike] = {}
    parents: dict[str, Counter[str]] = defaultdict(Counter)  # org key -> parent keys

    for article in articles:
        for name, others, parent in _org_names(article):
            k = "o:" + name_key(name)
            uf.find(k)  # every named organisation is an entity, matched to others or not
            surface[k][name] += 1
            for other in others:
                ok = "o:" + name_key(other)
                if not name_key(other):
                    continue
                surface[ok][other] += 1
                uf.union(k, ok)
                if other.isupper() or ("-" in other and other.replace("-", "").isupper()):
                    acronym_keys.add(ok)
            if name.replace("-", "").replace(" ", "").isupper() and len(name) <= 15:
                acronym_keys.add(k)
            if parent and name_key(parent):
                parents[k]["o:" + name_key(parent)] += 1
            if gazetteer is not None:
                for written in (name, *others):
                    entry = gazetteer.lookup(written)
                    if entry is not None:
                        gk = "g:" + name_key(entry.name)
                        gaz_entries[gk] = entry
                        uf.union(k, gk)
                        surface[gk][entry.name] += 0
        for person_name in _person_names(article):
            k = "p:" + person_key(person_name)
            surface[k][person_name] += 1
            uf.find(k)

    # Collect members of each group and choose the canonical form.
    groups: dict[str, list[str]] = defaultdict(list)
    for k in list(uf.parent):
        groups[uf.find(k)].append(k)

    res = Resolution()
    org_key_of: dict[str, str] = {}
    used: dict[str, str] = {}
    for root in sorted(groups):
        members = sorted(groups[root])
        if root.startswith("p:"):
            forms = Counter[str]()
            for m in members:
                forms.update(surface[m])
            name = max(sorted(forms), key=lambda f: (forms[f], len(f)))
            key = _unique(slug(name), root, used)
            res.persons[key] = PersonEntity(key=key, name=name, variants=sorted(forms))
            for m in members:
                org_key_of[m] = key
            continue
        gaz = next((gaz_entries[m] for m in members if m in gaz_entries), None)
        forms = Counter()
        for m in members:
            forms.update({f: c for f, c in surface[m].items()})
        full = [f for m in members if m not in acronym_keys for f in surface[m]]
        acronyms = sorted({f for m in members if m in acronym_keys for f in surface[m]})
        if gaz is not None:
            name = gaz.name
            acronyms = sorted(set(acronyms) | set(gaz.acronyms))
        elif full:
            # The fullest form: the longest full name, ties broken alphabetically.
            name = max(sorted(set(full)), key=len)
        else:
            name = max(sorted(forms), key=lambda f: (forms[f], len(f)))
        key = _unique(slug(name), root, used)
        res.organisations[key] = OrgEntity(
            key=key,
            name=name,
            acronyms=[a for a in acronyms if a != name],
            variants=sorted(f for f in forms if f != name),
            country=gaz.country if gaz else None,
            kind=gaz.kind if gaz else None,
            wikidata=gaz.wikidata if gaz else None,
        )
        for m in members:
            org_key_of[m] = key

    # Parents: the most often stated parent entity (an entity is never its own parent).
    for k, counter in parents.items():
        child = org_key_of[uf.find(k)] if uf.find(k) in org_key_of else org_key_of.get(k)
        if child is None:
            continue
        for pk, _ in counter.most_common():
            parent_key = org_key_of.get(pk)
            if parent_key and parent_key != child:
                res.organisations[child].parent = parent_key
                break
    for gk, entry in gaz_entries.items():
        child = org_key_of.get(gk)
        if child and entry.parent and res.organisations[child].parent is None:
            pk = "g:" + name_key(entry.parent)
            if pk in org_key_of and org_key_of[pk] != child:
                res.organisations[child].parent = org_key_of[pk]

    for article in articles:
        for name, others, _ in _org_names(article):
            for written in (name, *others):
                okey = org_key_of.get("o:" + name_key(written))
                if okey:
                    res.org_mentions[(article.source, name_key(written))] = okey
                    if article.source not in res.organisations[okey].sources:
                        res.organisations[okey].sources.append(article.source)
        for person_name in _person_names(article):
            k = org_key_of["p:" + person_key(person_name)]
            res.person_mentions[(article.source, person_key(person_name))] = k
            if article.source not in res.persons[k].sources:
                res.persons[k].sources.append(article.source)
    return res


def _unique(key: str, root: str, used: dict[str, str]) -> str:
    """`key`, or `key` with a numeric suffix when another group already has that slug."""
    candidate, n = key, 2
    while used.get(candidate, root) != root:
        candidate, n = f"{key}-{n}", n + 1
    used[candidate] = root
    return candidate
