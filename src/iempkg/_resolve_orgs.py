"""Organisations across the archive: which written names are one body.

Nodes of the union-find (`Clusters`) are written names, keyed so that equal keys are equal
bodies: `n:<org_key>` for full names (with `@<country>` or `@<article>` for a government body
whose name does not say whose it is), `a:<acronym>` for acronyms written alone, `g:<key>` for
gazetteer entries, `l:<article>|<key>` for a short name an article uses for a longer one
("Soil Center" for "Soil Center of the Ministry of ...", which elsewhere may be another body).

Joined, in this order: a curator's `same` groups (by force); the names, aliases and acronym of
one record entry; gazetteer spellings; an acronym written alone with the one full name that
acronym stands for in the archive (never when it stands for several); an acronym that spells a
single full name letter for letter ("IGSNRR"); names equal once a known acronym inside them is
spelt out ("UNEP International ..." = "United Nations Environment Programme - International
..."); and near-identical full names (rapidfuzz token-sort ratio >= `FUZZY_MERGE`, same
numbers, compared only within blocks sharing a rare word, so the work stays near-linear).
A curator's `different` decisions block every automatic join.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from rapidfuzz import fuzz, process

from ._resolve_keys import (
    Clusters,
    country_key,
    digits,
    government_qualifier_needed,
    org_key,
    significant_tokens,
)
from .extract._org_acronyms import acronym_fit, is_acronym
from .model import Article
from .names import name_key

FUZZY_MERGE = 94.0  # token-sort ratio at which two full names are one body
FUZZY_SUSPECT = 85.0  # ... and from which a pair is shown to a curator
_MAX_BLOCK = 3000  # a block this large is a common word, not evidence: skipped


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
class Entry:
    """One organisation as one article writes it."""

    source: str
    names: list[str]  # full names: the name, then aliases
    acronyms: list[str]
    parent: str | None = None
    country: str | None = None
    nodes: list[str] = field(default_factory=list)  # its union-find nodes, first = its own
    longer: Entry | None = None  # the longer name this short form stands for in its article


@dataclass
class Suspect:
    kind: str  # "organisation" or "person"
    a: str  # node or entity key
    b: str
    score: float
    reason: str


@lru_cache(maxsize=1 << 16)
def looks_like_acronym(text: str) -> bool:
    """Written as an acronym ("UNEP-IEMP", "UNEP ROAP", "MoE"), not as a name in capitals."""
    compact = text.replace("-", "").replace(" ", "").replace(".", "")
    return is_acronym(text) and len(compact) <= 15


def article_entries(article: Article) -> list[Entry]:
    """Every organisation the record names, parents, affiliations and event parties included."""
    entries: list[Entry] = []
    seen: set[str] = set()
    place_country = next(
        (e.place.country for e in article.events if e.place and e.place.country), None
    )
    for org in article.organisations:
        forms = [f for f in (org.name, *org.aliases) if name_key(f)]
        full = [f for f in forms if not looks_like_acronym(f)]
        acr = [f for f in forms if f not in full]
        if org.acronym and name_key(org.acronym):
            acr.insert(0, org.acronym)
        entries.append(Entry(article.source, full, acr, org.parent, org.country or place_country))
        seen.update(name_key(f) for f in (*full, *acr))
    extra = [o.parent for o in article.organisations if o.parent]
    extra += [p.organisation for p in article.persons if p.organisation]
    for event in article.events:
        extra += event.organisations
        extra += [party for o in event.outcomes for party in o.parties]
        if event.organizer:
            extra.append(event.organizer)
    for name in extra:
        if name and name_key(name) and name_key(name) not in seen:
            seen.add(name_key(name))
            if looks_like_acronym(name):
                entries.append(Entry(article.source, [], [name], None, place_country))
            else:
                entries.append(Entry(article.source, [name], [], None, place_country))
    _short_forms(entries)
    return entries


def _short_forms(entries: list[Entry]) -> None:
    """'Soil Center' beside 'Soil Center of the Ministry of ...' in one article is that body."""
    fulls = [(n.casefold(), e) for e in entries for n in e.names]
    for e in entries:
        if len(e.names) != 1 or e.acronyms:
            continue
        short = e.names[0].casefold()
        # Only a qualified longer name ("X of Y", "X, Y"), not any name that starts alike
        # ("United Nations Environment Programme - International ..." is another body).
        longer = {
            id(o): o
            for written, o in fulls
            if o is not e and written.startswith((short + " of ", short + ", "))
        }
        if len(longer) == 1:
            e.longer = next(iter(longer.values()))


def full_node(name: str, entry: Entry) -> str:
    key = org_key(name)
    if government_qualifier_needed(name):
        country = country_key(entry.country)
        return f"n:{key}@{country}" if country else f"n:{key}@{entry.source}"
    return f"n:{key}"


def acronym_node(acronym: str) -> str:
    return "a:" + name_key(acronym)


@dataclass
class OrgGraph:
    """What the clustering needs to keep: nodes, their written forms, and the entries."""

    clusters: Clusters = field(default_factory=Clusters)
    forms: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    gazetteer: dict[str, GazetteerEntryLike] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    acronym_nodes: set[str] = field(default_factory=set)
    suspects: list[Suspect] = field(default_factory=list)
    defined: Counter[str] = field(default_factory=Counter)  # full names given with an acronym

    def add_entry(self, entry: Entry, gazetteer: GazetteerLike | None) -> None:
        uf = self.clusters
        for name in entry.names:
            node = full_node(name, entry)
            if entry.longer is not None:  # a short form: local to its article
                node = f"l:{entry.source}|{org_key(name)}"
            entry.nodes.append(node)
            self.forms[node][name] += 1
        if entry.acronyms and entry.names:
            self.defined[entry.names[0]] += 1
        for acronym in entry.acronyms:
            node = acronym_node(acronym)
            self.acronym_nodes.add(node)
            self.forms[node][acronym] += 1
            if not entry.names:
                entry.nodes.append(node)
        for node in entry.nodes[1:]:
            uf.union(entry.nodes[0], node)
        if not entry.nodes:
            return
        uf.find(entry.nodes[0])
        if gazetteer is not None:
            for written in (*entry.names, *entry.acronyms):
                found = gazetteer.lookup(written)
                if found is not None:
                    gnode = "g:" + org_key(found.name)
                    self.gazetteer[gnode] = found
                    self.forms[gnode][found.name] += 0
                    uf.union(entry.nodes[0], gnode)
                    break


def bind_acronyms(graph: OrgGraph, gazetteer_acronyms: dict[str, set[str]]) -> None:
    """Join acronyms written alone to the one full-name cluster they stand for."""
    uf = graph.clusters
    strong: dict[str, set[str]] = defaultdict(set)
    weak: dict[str, set[str]] = defaultdict(set)
    for e in graph.entries:
        full = [n for n in e.nodes if not n.startswith("a:")]
        if not full:
            continue
        for acronym in e.acronyms:
            strong[acronym_node(acronym)].add(uf.find(full[0]))
            # "UNEP-IEMP" also gives "IEMP": the tail after a parent's acronym.
            for sep in ("-", " "):
                if sep in acronym.strip(sep):
                    weak[acronym_node(acronym.rsplit(sep, 1)[1])].add(uf.find(full[0]))
    for anode, gnodes in gazetteer_acronyms.items():
        for g in gnodes:
            if g in uf.parent:
                strong[anode].add(uf.find(g))
    for anode in sorted(graph.acronym_nodes):
        roots = {uf.find(r) for r in strong.get(anode, set())}
        roots.discard(uf.find(anode))
        if not roots:
            roots = {uf.find(r) for r in weak.get(anode, set())} - {uf.find(anode)}
        if len(roots) == 1:
            uf.union(anode, next(iter(roots)))
        elif len(roots) > 1:
            names = sorted(roots)
            graph.suspects.append(
                Suspect("organisation", names[0], names[1], 0.0,
                        f"acronym {anode[2:].upper()} stands for {len(roots)} different names")
            )  # fmt: skip


def spelled_acronyms(graph: OrgGraph) -> None:
    """An acronym still alone joins the one full name it spells letter for letter."""
    uf = graph.clusters
    groups = uf.groups()
    alone = [
        a
        for a in sorted(graph.acronym_nodes)
        if all(m in graph.acronym_nodes for m in groups.get(uf.find(a), [a]))
    ]
    if not alone:
        return
    by_initial: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for node, counter in graph.forms.items():
        if node.startswith(("n:", "g:")):
            for written in counter:
                words = tuple(written.split())
                if words:
                    by_initial[words[0][0].upper()].append((node, words))
    for anode in alone:
        acronym = max(graph.forms[anode], key=lambda f: (graph.forms[anode][f], f))
        fits = {
            uf.find(node)
            for node, words in by_initial.get(acronym[0].upper(), [])
            if acronym_fit(acronym, words) == 0
        }
        if len(fits) == 1:
            uf.union(anode, next(iter(fits)))


def expand_acronyms(graph: OrgGraph) -> None:
    """Names equal once a known acronym inside them is spelt out are one body."""
    uf = graph.clusters
    spelled: dict[str, str] = {}  # acronym key -> the full name of its cluster
    groups = uf.groups()
    for anode in graph.acronym_nodes:
        members = groups.get(uf.find(anode), [])
        fulls = [f for m in members if m.startswith(("n:", "g:")) for f in graph.forms[m]]
        if fulls:
            spelled[anode[2:]] = max(sorted(fulls), key=len)
    if not spelled:
        return
    by_key: dict[str, str] = {}
    for node in sorted(graph.forms):
        if node.startswith("n:") and "@" not in node:
            by_key.setdefault(node[2:], node)
    for node in sorted(graph.forms):
        if not node.startswith("n:"):
            continue
        for written in graph.forms[node]:
            words = written.replace("-", " - ").split()
            expanded = [spelled.get(name_key(w), w) if is_acronym(w) else w for w in words]
            if expanded != words:
                other = by_key.get(org_key(" ".join(expanded)))
                if other and other != node:
                    uf.union(node, other)


def fuzzy_merge(graph: OrgGraph) -> None:
    """Near-identical full names within blocks that share their rarest word."""
    uf = graph.clusters
    keys = sorted({n[2:] for n in graph.forms if n.startswith("n:") and "@" not in n})
    df = Counter(t for k in keys for t in set(significant_tokens(k)))
    blocks: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        tokens = sorted(set(significant_tokens(k)), key=lambda t: (df[t], t))
        for t in tokens[:2]:  # two rarest words: a typo in one still finds the other
            blocks[t].append(k)
    done: set[tuple[str, str]] = set()
    for token in sorted(blocks):
        block = blocks[token]
        if len(block) < 2 or len(block) > _MAX_BLOCK:
            continue
        scores = process.cdist(
            block, block, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_SUSPECT, workers=1
        )
        for i, j in zip(*scores.nonzero(), strict=True):
            if i >= j:
                continue
            a, b = block[i], block[j]
            if (a, b) in done or digits(a) != digits(b):
                continue
            done.add((a, b))
            score = float(scores[i, j])
            na, nb = "n:" + a, "n:" + b
            if uf.find(na) == uf.find(nb):
                continue
            if score >= FUZZY_MERGE and uf.union(na, nb):
                continue
            graph.suspects.append(Suspect("organisation", na, nb, round(score, 1), "similar names"))


def gazetteer_acronym_nodes(graph: OrgGraph) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for gnode, entry in graph.gazetteer.items():
        for acronym in entry.acronyms:
            out[acronym_node(acronym)].add(gnode)
    return out


def add_articles(
    graph: OrgGraph, articles: Sequence[Article], gazetteer: GazetteerLike | None
) -> None:
    """Every organisation mention of `articles`, as nodes joined within each record entry."""
    for article in articles:
        entries = article_entries(article)
        for e in entries:
            graph.add_entry(e, gazetteer)
        for e in entries:  # a short form joins the longer name of its article
            if e.longer is not None and e.longer.nodes and e.nodes:
                graph.clusters.union(e.nodes[0], e.longer.nodes[0])
        graph.entries.extend(entries)


def cluster(graph: OrgGraph) -> None:
    """The archive-wide joins, in order (see the module's docstring)."""
    bind_acronyms(graph, gazetteer_acronym_nodes(graph))
    spelled_acronyms(graph)
    expand_acronyms(graph)
    fuzzy_merge(graph)
