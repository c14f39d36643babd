"""Resolution: the same organisation or person across articles becomes one entity, one IRI.

Layout:
- `resolve(articles, gazetteer, curation) -> Resolution`: clusters every organisation and person
  mention of every article (organisations: `_resolve_orgs`; persons below), applies a curator's
  decisions first (`curation.py`), picks each entity's canonical name and its key (the slug of
  that name, from which mapping makes the IRI);
- `Resolution.org(source, name)` / `.person(source, name)`: the entity key of a mention as an
  article wrote it; `.same_as`: keys of IRIs that stand for a kept entity (every other spelling
  the entity has been written with), so links made before a merge still resolve;
  `.suspects`: near-misses worth a human look.

Canonical names: a curator's choice, else the gazetteer's, else the fullest name written (for
persons, the most frequent spelling). IRIs therefore do not depend on the order of articles.
Persons are joined when their names have the same words in any order; a one-word mention
("Zhang") joins the one person of its article whose name holds that word.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ._resolve_keys import Clusters, org_key
from ._resolve_orgs import (
    GazetteerEntryLike,
    GazetteerLike,
    OrgGraph,
    Suspect,
    add_articles,
    cluster,
)
from .curation import Curation, Decisions
from .model import Article
from .names import name_key, person_key, slug

__all__ = [
    "GazetteerEntryLike",
    "GazetteerLike",
    "OrgEntity",
    "PersonEntity",
    "Resolution",
    "Suspect",
    "resolve",
]


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
    # IRIs kept as owl:sameAs of an entity: key of another spelling -> key of the entity.
    same_as: dict[str, str] = field(default_factory=dict)
    person_same_as: dict[str, str] = field(default_factory=dict)
    suspects: list[Suspect] = field(default_factory=list)
    unmatched_curation: list[str] = field(default_factory=list)  # names no article writes

    def org(self, source: str, name: str) -> str | None:
        return self.org_mentions.get((source, name_key(name)))

    def person(self, source: str, name: str) -> str | None:
        return self.person_mentions.get((source, person_key(name)))


def _ref_key(ref: str) -> str:
    """A curated reference: an IRI or prefixed name gives its slug, a name its slug too."""
    tail = ref.rsplit("/", 1)[-1] if "://" in ref else ref
    if ":" in tail and " " not in tail and "://" not in ref:
        tail = tail.split(":", 1)[1]  # organisation:unep-iemp
    return slug(tail)


def _index(forms: dict[str, Counter[str]]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    by_name: dict[str, set[str]] = defaultdict(set)
    by_slug: dict[str, set[str]] = defaultdict(set)
    for node, counter in forms.items():
        for written in counter:
            by_name[name_key(written)].add(node)
            by_slug[slug(written)].add(node)
    return by_name, by_slug


def _person_index(forms: dict[str, Counter[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for node, counter in forms.items():
        for written in counter:
            out[person_key(written)].add(node)
    return out


def _apply_decisions(
    uf: Clusters,
    forms: dict[str, Counter[str]],
    decisions: Decisions,
    unmatched: list[str],
    person: bool = False,
) -> dict[str, str]:
    """Curated same (forced) and different (constraints); returns node -> curated canonical."""
    by_name, by_slug = _index(forms)
    by_written: dict[str, set[str]] = defaultdict(set)
    if person:
        by_name = _person_index(forms)
        for node, counter in forms.items():
            for written in counter:
                by_written[written.casefold()].add(node)

    def nodes(ref: str) -> set[str]:
        name, _, source = ref.partition(" @ ")
        if person:
            # The written spelling first ("Li Na" is not "Na Li" to a curator), then any order.
            found = by_written.get(name.strip().casefold()) or by_name.get(person_key(name), set())
        else:
            found = by_name.get(name_key(name), set())
        found = found or by_slug.get(_ref_key(name), set())
        if source.strip():  # "Li Na @ a.txt": that article's mention only
            found = {n for n in found if n.startswith(f"m:{source.strip()}|")}
        if not found:
            unmatched.append(ref)
        return found

    for group in decisions.same:
        matched = [n for ref in group for n in sorted(nodes(ref))]
        for other in matched[1:]:
            uf.union(matched[0], other, force=True)
    for a, b in decisions.different:
        na, nb = nodes(a), nodes(b)
        if na and nb:
            uf.cannot_link(na, nb)
    canonical: dict[str, str] = {}
    for ref, name in sorted(decisions.canonical.items()):
        for node in nodes(ref):
            canonical[node] = name
    return canonical


class _Keys:
    """Entity keys: the slug of the canonical name, made unique by a stable suffix."""

    def __init__(self) -> None:
        self.used: dict[str, str] = {}

    def make(self, name: str, root: str, qualifier: str | None = None) -> str:
        key = slug(f"{name} {qualifier}" if qualifier else name)
        if self.used.get(key, root) != root:
            key = f"{key}-{hashlib.sha1(root.encode()).hexdigest()[:6]}"
        self.used[key] = root
        return key


def _org_entities(
    graph: OrgGraph, canonical: dict[str, str], res: Resolution, keys: _Keys
) -> dict[str, str]:
    """One OrgEntity per cluster; returns node -> entity key."""
    key_of: dict[str, str] = {}
    uf = graph.clusters
    for root, members in sorted(uf.groups().items()):
        forms: Counter[str] = Counter()
        for m in members:
            forms.update(graph.forms[m])
        acronyms = sorted({f for m in members if m.startswith("a:") for f in graph.forms[m]})
        full = sorted({f for m in members if not m.startswith("a:") for f in graph.forms[m]})
        gaz = next((graph.gazetteer[m] for m in members if m in graph.gazetteer), None)
        chosen = next((canonical[m] for m in members if m in canonical), None)
        if chosen:
            name = chosen
        elif gaz is not None:
            name = gaz.name
        elif full:
            name = _fullest(forms, full, graph.defined)
        else:
            name = max(sorted(forms), key=lambda f: forms[f])
        if gaz is not None:
            acronyms = sorted(set(acronyms) | set(gaz.acronyms))
        # A government body named without its country: its key says whose it is (the country,
        # or the article when no country is known), so two such ministries never share an IRI.
        qualified = sorted(m.split("@", 1)[1] for m in members if "@" in m)
        named = any(m.startswith("n:") and "@" not in m for m in members)  # "... of Cambodia"
        qualifier = qualified[0] if qualified and not (gaz or chosen or named) else None
        key = keys.make(name, root, qualifier)
        res.organisations[key] = OrgEntity(
            key=key,
            name=name,
            acronyms=[a for a in acronyms if a != name],
            variants=sorted(f for f in forms if f != name and f not in acronyms),
            country=gaz.country if gaz else None,
            kind=gaz.kind if gaz else None,
            wikidata=gaz.wikidata if gaz else None,
        )
        for m in members:
            key_of[m] = key
    return key_of


def _fullest(forms: Counter[str], full: list[str], defined: Counter[str]) -> str:
    """The name most often written (a name introducing its acronym counts twice: that is how
    articles write an official name), then the longest, then alphabetically first."""
    counts: Counter[str] = Counter()
    for f in full:
        counts[f[4:] if f.lower().startswith("the ") else f] += forms[f] + defined[f]
    return min(counts, key=lambda f: (-counts[f], -len(f), f))


def _org_parents(graph: OrgGraph, key_of: dict[str, str], res: Resolution) -> None:
    """The parent each entity is most often given, else the gazetteer's (never a cycle)."""
    by_source: dict[str, dict[str, str]] = defaultdict(dict)
    for e in graph.entries:
        for written in (*e.names, *e.acronyms):
            if e.nodes:
                by_source[e.source][name_key(written)] = key_of[e.nodes[0]]
    stated: dict[str, Counter[str]] = defaultdict(Counter)
    for e in graph.entries:
        if e.parent and e.nodes:
            parent = by_source[e.source].get(name_key(e.parent))
            if parent:
                stated[key_of[e.nodes[0]]][parent] += 1
    for gnode, entry in graph.gazetteer.items():
        child = key_of.get(gnode)
        if child and entry.parent and child not in stated:
            parent = key_of.get("g:" + org_key(entry.parent))
            if parent:
                stated[child][parent] += 1
    for child in sorted(stated):
        for parent, _ in sorted(stated[child].items(), key=lambda kv: (-kv[1], kv[0])):
            if parent != child and not _is_ancestor(res, child, parent):
                res.organisations[child].parent = parent
                break
    sources: dict[str, set[str]] = defaultdict(set)
    for e in graph.entries:
        if e.nodes:
            key = key_of[e.nodes[0]]
            for written in (*e.names, *e.acronyms):
                res.org_mentions[(e.source, name_key(written))] = key
            sources[key].add(e.source)
    for key, found in sources.items():
        res.organisations[key].sources = sorted(found)


def _is_ancestor(res: Resolution, key: str, of: str) -> bool:
    seen: set[str] = set()
    current: str | None = of
    while current is not None and current not in seen:
        if current == key:
            return True
        seen.add(current)
        current = res.organisations[current].parent
    return False


def _same_as(entities: Iterable[tuple[str, Iterable[str]]], taken: set[str]) -> dict[str, str]:
    """Every other spelling's slug -> the entity key (skipped where two entities share one)."""
    claims: dict[str, set[str]] = defaultdict(set)
    for key, written in entities:
        for form in written:
            s = slug(form)
            if s != key and s not in taken:
                claims[s].add(key)
    return {s: next(iter(k)) for s, k in sorted(claims.items()) if len(k) == 1}


def _person_mentions(article: Article) -> list[tuple[str, str]]:
    """(written name, the name it stands for) for every person the record names."""
    names = [p.name for p in article.persons]
    for event in article.events:
        names += [n for n in event.persons if n not in names]
    names = [n for n in names if person_key(n)]
    full = [n for n in names if len(person_key(n).split()) > 1]
    out = []
    for n in names:
        target = n
        if len(person_key(n).split()) == 1:
            holders = {f for f in full if person_key(n) in person_key(f).split()}
            if len(holders) == 1:  # "Zhang" when the article names one Zhang
                target = next(iter(holders))
        out.append((n, target))
    return out


def _resolve_persons(
    articles: Sequence[Article], decisions: Decisions, res: Resolution, keys: _Keys
) -> None:
    uf = Clusters()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: list[tuple[str, str, str]] = []
    links: list[tuple[str, str]] = []
    for article in articles:
        for written, target in _person_mentions(article):
            # Each mention is a node of its own ("m:"), joined to its name's node after the
            # curator's decisions, so that "Li Na @ a.txt" can be kept apart from another Li Na.
            node = f"m:{article.source}|{person_key(target)}"
            forms[node][target] += 1
            if target != written:  # a one-word mention: local to its article
                local = f"l:{article.source}|{person_key(written)}"
                uf.union(node, local)
                forms[local][written] += 1
            uf.find(node)
            links.append((node, "p:" + person_key(target)))
            mentions.append((article.source, written, node))
    canonical = _apply_decisions(uf, forms, decisions, res.unmatched_curation, person=True)
    for node, shared in links:
        uf.union(node, shared)
    key_of: dict[str, str] = {}
    for root, members in sorted(uf.groups().items()):
        counter: Counter[str] = Counter()
        for m in members:
            if not m.startswith("l:"):
                counter.update(forms[m])
        counter = counter or Counter(f for m in members for f in forms[m])
        chosen = next((canonical[m] for m in members if m in canonical), None)
        name = chosen or max(sorted(counter), key=lambda f: (counter[f], len(f)))
        key = keys.make(name, root)
        variants = sorted({f for m in members for f in forms[m]} - {name})
        res.persons[key] = PersonEntity(key=key, name=name, variants=variants)
        for m in members:
            key_of[m] = key
    sources: dict[str, set[str]] = defaultdict(set)
    for source, written, node in mentions:
        key = key_of[node]
        res.person_mentions[(source, person_key(written))] = key
        sources[key].add(source)
    for key, found in sources.items():
        res.persons[key].sources = sorted(found)
    res.suspects.extend(_person_suspects(res))


def _person_suspects(res: Resolution) -> list[Suspect]:
    """Persons whose names differ by a letter or two ("Lu Yoouqin" / "Lu Youqin")."""
    names = sorted((person_key(p.name), k) for k, p in res.persons.items())
    blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pk, k in names:
        for word in pk.split():
            blocks[word].append((pk, k))
    out: dict[tuple[str, str], Suspect] = {}
    for word in sorted(blocks):
        block = blocks[word]
        if not 2 <= len(block) <= 3000:
            continue
        texts = [b[0] for b in block]
        scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=85, workers=1)
        for i, j in zip(*scores.nonzero(), strict=True):
            if i < j and block[i][1] != block[j][1]:
                pair = (block[i][1], block[j][1])
                out[pair] = Suspect("person", *pair, round(float(scores[i, j]), 1), "similar names")
    return [out[p] for p in sorted(out)]


def resolve(
    articles: Sequence[Article],
    gazetteer: GazetteerLike | None = None,
    curation: Curation | None = None,
) -> Resolution:
    """Group the organisations and persons of all `articles` into entities."""
    curation = curation or Curation()
    res = Resolution()
    graph = OrgGraph()
    add_articles(graph, articles, gazetteer)
    canonical = _apply_decisions(
        graph.clusters, graph.forms, curation.organisations, res.unmatched_curation
    )
    cluster(graph)
    org_keys = _Keys()
    key_of = _org_entities(graph, canonical, res, org_keys)
    _org_parents(graph, key_of, res)
    res.suspects = [
        Suspect(s.kind, key_of.get(s.a, s.a), key_of.get(s.b, s.b), s.score, s.reason)
        for s in graph.suspects
        if key_of.get(s.a, s.a) != key_of.get(s.b, s.b)
    ]
    res.same_as = _same_as(
        ((k, [o.name, *o.acronyms, *o.variants]) for k, o in res.organisations.items()),
        set(res.organisations),
    )
    _resolve_persons(articles, curation.persons, res, _Keys())
    res.person_same_as = _same_as(
        ((k, [p.name, *p.variants]) for k, p in res.persons.items()), set(res.persons)
    )
    return res
