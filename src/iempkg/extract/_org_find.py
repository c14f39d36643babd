"""Organisations of one article: which candidates count, which are the same body, who is whose parent.

Rules (from the record's definition of an organisation):
- a phrase with a strong head noun counts; one with a weak head ("Programme", "Fund", "Network")
  only with its own acronym or a gazetteer entry; a gazetteer name counts as written;
- the same body written twice is one organisation: same name, its acronym, the shorter form
  of a name with a complement ("Soil Center" for "Soil Center of the Ministry of ..."), the
  name plus "of <country>", or two spellings of one gazetteer entry;
- a body named inside another's name is an organisation too, and the parent when it is the
  complement ("... of the Ministry of Ecology and Environment") or the prefix ("UNEP Regional
  Office"); "<unit>, <university/academy>", "<unit> at <body>", "<body> (ACR) <unit>" also
  give parents; an acronym-only mention ("CAS", "the UNEP") is a mention of its body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer, GazetteerEntry
from ..model import Organisation, Span
from ..names import name_key
from ._names_lexicon import (
    DEMONYMS,
    GENERIC_FOLLOWERS,
    HEADS_OK_WITH_COMPLEMENT,
    PARENT_HEADS,
    PLURAL_HEADS,
    ROMANCE_HEADS,
    STRONG_HEADS,
    UNIT_HEADS,
    country_names,
)
from ._names_text import Covered, TextIndex
from ._org_acronyms import acronym_fit
from ._org_bare import bare_acronyms
from ._org_candidates import Candidate, find_candidates
from ._person_words import title_re

# A wire dateline's agency credit: "NAIROBI, June 27 (Xinhua)", "NAIROBI, Kenya (Xinhua) --",
# "Accra, July 20, GNA -".
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]+,\s+(?:"
    r"[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?\s*\((?P<agency>[^)]{1,40})\)"
    r"|(?:[A-Z][A-Za-z.'-]*(?:\s[A-Z][A-Za-z.'-]*)*,?\s+)?\((?P<agency2>[^)]{1,40})\)(?=\s*(?:--|—|–|-|:)\s)"
    r"|[A-Z][A-Za-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?,\s+(?P<agency3>[A-Z]{2,12})(?=\s*(?:--|—|–|-|:)\s|\.\s))"
    # ... and a byline's: "By Jane Doe, GNA", "By GNA"
    r"|^By\s+(?:[A-Z][\w.'’-]*\s+){0,3}?(?:[A-Z][\w.'’-]*,\s+)?(?P<agency4>[A-Z]{2,6})[ \t]*$",
    re.MULTILINE,
)
# Weak heads that name units of a body, not programmes, funds or events.
UNIT_WEAK_HEADS = frozenset(
    {"Division", "Unit", "Service", "Committee", "Board", "Station", "School"}
)
_TITLE_OF = re.compile(title_re(True).pattern + r"\s+(?:of|at|in)\s+(?:the\s+)?$", re.IGNORECASE)
_PARENT_NEXT = re.compile(r"\s+(?:at|of|under)\s+the\s+[A-Z]")
_UNIT_OF = re.compile(r",\s+(?:(?:at|of)\s+)?(?:the\s+)?")
_LIST_NEXT = re.compile(r",?\s+(?:and|or)\s+(?:the\s+)?|,\s+(?:the\s+)?")
_OF_OR_AT = re.compile(r"\s+(?:of|at|under)\s+(?:the\s+)?")


@dataclass
class OrgMention:
    start: int
    end: int
    org: Organisation


@dataclass
class OrgFinding:
    """The organisations, and every place one is mentioned (sorted by start)."""

    organisations: list[Organisation] = field(default_factory=list)
    mentions: list[OrgMention] = field(default_factory=list)
    heads: dict[int, str] = field(default_factory=dict)  # id(org) -> head noun

    def __post_init__(self) -> None:
        # Mentions are sorted by start, longest first: the first seen at a start is the longest.
        self._by_start: dict[int, OrgMention] = {}
        self._by_end: dict[int, OrgMention] = {}
        for m in self.mentions:
            self._by_start.setdefault(m.start, m)
            self._by_end.setdefault(m.end, m)

    def starting_at(self, offset: int) -> OrgMention | None:
        """The longest mention that starts at `offset`."""
        return self._by_start.get(offset)

    def ending_at(self, offset: int) -> OrgMention | None:
        return self._by_end.get(offset)


def _name(ix: TextIndex, c: Candidate) -> str:
    return ix.text[ix.tokens[c.i].start : ix.tokens[c.j - 1].end]


def _accepted(ix: TextIndex, c: Candidate, gaz: Gazetteer) -> bool:
    name = _name(ix, c)
    if name in country_names() or ix.word(c.j).lower() in GENERIC_FOLLOWERS:
        return False  # a country, or a modifier: "World Bank agencies"
    if c.gazetteer is None:
        c.gazetteer = gaz.lookup(name)
    if c.gazetteer is None and c.acronym is None and ix.word(c.i - 1) in ("a", "an"):
        return False  # "NIFTEM, an Institute of National Importance under ...": a description
    if c.gazetteer is None and c.acronym is None and _several_bodies(ix, c):
        return False
    words = sum(1 for t in ix.tokens[c.i : c.j] if t.kind != "p")
    if c.gazetteer is not None or c.head == "Company":
        return words >= 2 or c.gazetteer is not None
    if (c.head in HEADS_OK_WITH_COMPLEMENT or c.head in PLURAL_HEADS) and (
        c.comp is not None or c.acronym is not None
    ):
        return True
    if c.head in STRONG_HEADS or c.head in ROMANCE_HEADS:
        # one word only with its own acronym: "Secretariat (SEC)", not "Association (MOA)"
        fits = c.acronym is not None and c.acronym[:1] == name[:1]
        return words >= 2 or fits
    if c.acronym is not None:
        # ... but "The Restoration Initiative (TRI)" and "CGIAR Research Program on Water, Land
        # and Ecosystems (WLE)" name programmes of work, not bodies; so does a programme a
        # body runs or that is implemented ("through its Governance Programme (GP)", "the
        # implementation of the Management Development Program (MDP)")
        before = ix.text[max(0, ix.tokens[c.i].start - 40) : ix.tokens[c.i].start]
        return c.head != "Initiative" and not (
            c.head in ("Program", "Programme")
            and (_complement_word(ix, c) == "on" or _PROGRAMME_OF_WORK.search(before))
        )
    # A unit a person works in ("Director of the Ecosystems Division", "Deputy Secretary of
    # the ... Party Committee of the CPC") or whose parent the name gives is a body.
    if c.head in _NAMED_UNIT_HEADS and words - _connectors(ix, c) >= 3:
        return True  # "Inclusive Green Development Research Division": a unit's own name
    if (
        c.head in _BODY_WEAK_HEADS
        and words >= 3
        and ix.tokens[c.i].is_acronym
        and ix.word(c.i) not in ("UN", "U.N.")
    ):
        return True  # "APAD Sustainable Financing Working Group": a named group of a body
    if (
        c.head in _BODY_WEAK_HEADS
        and ix.word(c.j) == "/"
        and c.j + 1 < len(ix)
        and ix.tokens[c.j + 1].is_acronym
    ):
        return True  # "Biodiversity Conservation Group/IUCN": a unit, then its body
    if c.head in UNIT_WEAK_HEADS and words >= 3 and _state_body(ix.word(c.i)):
        return True  # "Kenya Wildlife Service", "National Seed Committee": a state's body
    if c.head in UNIT_WEAK_HEADS and words >= 2:
        before = ix.text[max(0, ix.tokens[c.i].start - 60) : ix.tokens[c.i].start]
        parent_next = _PARENT_NEXT.match(ix.text, ix.tokens[c.j - 1].end)
        return bool(_TITLE_OF.search(before) or parent_next) or c.comp is not None
    return False


def _several_bodies(ix: TextIndex, c: Candidate) -> bool:
    """A plural head that names bodies of a kind, not one body: "Kenyan Universities",
    "Environment, Planning and Finance Ministries", "Institutes of CAS", "UN Agencies" (the plural of a
    named body keeps its name: "National Museums of Kenya")."""
    head = next((k for k in range(c.i, c.j) if ix.word(k) == c.head), None)
    if head is None or not c.head.endswith("s") or c.head in ("Nations", "States"):
        return False
    before = [ix.word(k) for k in range(c.i, head)]
    if any(w in DEMONYMS for w in before) or "and" in before or "," in before:
        return True
    if before and all(ix.tokens[k].is_acronym for k in range(c.i, head)):
        return True  # "UN Agencies for Food and Agriculture", "CGIAR Centers"
    return c.comp is not None and c.j - c.comp == 1 and ix.tokens[c.comp].is_acronym


def _state_body(first: str) -> bool:
    return first in country_names() or first in DEMONYMS or first in _STATE_WORDS


_BODY_WEAK_HEADS = frozenset(
    {"Group", "Committee", "Network", "Alliance", "Coalition", "Panel", "Board", "Unit", "Division"}
)
_STATE_WORDS = frozenset({"National", "State", "Federal", "Royal", "Provincial", "County"})

_PROGRAMME_OF_WORK = re.compile(
    r"\b(?:its|their|implementation\s+of\s+the|implementing\s+the|under\s+the|through\s+the)"
    r"\s+$",
    re.IGNORECASE,
)
# Units whose name of three or more words is a name ("... Research Division", "UoN Kibwezi
# Field Station"); "Steering Committee" and "Summer School" are left to the rules below.
# A board is a body too ("Rajasthan State Biodiversity Board").
_NAMED_UNIT_HEADS = frozenset({"Division", "Unit", "Station", "Board"})


def _connectors(ix: TextIndex, c: Candidate) -> int:
    return sum(1 for t in ix.tokens[c.i : c.j] if not t.is_cap and t.kind != "p")


def _complement_word(ix: TextIndex, c: Candidate) -> str | None:
    """The preposition that opens the name's complement ("of", "for", "on"), if it has one."""
    if c.comp is None:
        return None
    k = c.comp - 2 if ix.word(c.comp - 1) == "the" else c.comp - 1
    return ix.word(k)


def _affiliation_chains(ix: TextIndex, cands: list[Candidate]) -> dict[int, Candidate]:
    """ "Institute of ..., Chinese Academy of Sciences": unit -> parent (by id of the unit)."""
    starts = {ix.tokens[c.i].start: c for c in cands}
    out: dict[int, Candidate] = {}
    for x in cands:
        end = ix.tokens[x.j - 1].end
        m = _UNIT_OF.match(ix.text, end)
        y = starts.get(m.end()) if m else None
        if y is None or x.head not in UNIT_HEADS or y.head not in PARENT_HEADS:
            continue
        # "Chongyang Institute ..., Renmin University of China (RDCY)", "Institute of Geology
        # and Geophysics, at the Chinese Academy of Sciences (IGGCAS)": an acronym that spells
        # the unit (and maybe the parent after it), not the parent alone, names the unit.
        x_words, y_words = tuple(_name(ix, x).split()), tuple(_name(ix, y).split())
        unit_acronym = (
            y.acronym is not None
            and acronym_fit(y.acronym, y_words) is None
            and (
                acronym_fit(y.acronym, x_words) is not None
                or acronym_fit(y.acronym, x_words + y_words) is not None
            )
        )
        more = _LIST_NEXT.match(ix.text, y.after)
        if more and more.end() in starts and not unit_acronym and not _faculty_of(ix, x, y):
            continue  # a list of bodies, not one body and its parent
        out[id(x)] = y
        if y.acronym and acronym_fit(y.acronym, tuple(_name(ix, y).split())) is None:
            x.acronym, x.acronym_span, y.acronym, y.acronym_span = (
                y.acronym,
                y.acronym_span,
                None,
                None,
            )
    return out


def _faculty_of(ix: TextIndex, x: Candidate, y: Candidate) -> bool:
    """ "the Department of Botany, University of Nairobi, and ...": a department named after its
    field alone (its name starts at its head) belongs to the university or ministry after it,
    in a list too."""
    return ix.word(x.i) == x.head and x.head in _FIELD_UNITS and y.head in _FIELD_PARENTS


_FIELD_UNITS = frozenset({"Department", "Faculty", "School", "Laboratory", "Division"})
_FIELD_PARENTS = frozenset({"University", "Academy", "Ministry", "Institute", "College"})


_X_HEAD = re.compile(r"(?P<x>.+?)\s+(?P<head>University|Secretariat)$")
_HEAD_OF_X = re.compile(r"(?P<head>University|Secretariat)\s+of\s+(?:the\s+)?(?P<x>.+)$")


def variant_keys(name: str) -> set[str]:
    """Keys under which two spellings of one body in one article meet: the name without the
    country it is qualified by ("Ministry of Environment of Cambodia", "... Environment Cambodia",
    "..., Nepal"), and "X University" / "University of X", "X Secretariat" / "Secretariat of the
    X" written either way round."""
    out = set()
    words = name.split()
    for n in (1, 2, 3):
        country, base = " ".join(words[-n:]), " ".join(words[:-n]).rstrip(",")
        if len(words) - n >= 2 and country.strip(",") in country_names():
            base = re.sub(r"\s+of(?:\s+the)?$", "", base)
            if " " in base:
                name = base
                out.add(name_key(name))
            break
    for rx in (_X_HEAD, _HEAD_OF_X):
        m = rx.fullmatch(name)
        if m:
            out.add(f"{m.group('head').lower()}|{name_key(m.group('x'))}")
    # "Chinese Academy of Science" and "... of Sciences": one body, a plural dropped or added
    if len(words) >= 3:
        out.add(
            "singular|"
            + name_key(" ".join(w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words))
        )
    return out


def _same_body_inside(ix: TextIndex, c: Candidate) -> bool:
    """A name inside another that is not a body of its own: a shorter spelling of the same
    gazetteer entry, or the tail of a longer name ("China Agricultural University" inside
    "South China Agricultural University")."""
    o = c.nested_in
    if o is None:
        return False
    if c.gazetteer is not None and c.gazetteer is o.gazetteer:
        return True
    if o.comp is not None and c.i < o.comp < c.j and not c.owns_unit:
        return True  # a cut: "Ministry of Natural Resources" in "... Resources and Environment"
    if c.head == "Administration" and c.i == o.comp and c.comp is None and ix.word(c.i - 1) == "of":
        # a field of study: "Academy of Public Administration" (not "Office of the National
        # Administration", a body named with its article)
        return True
    return c.j == o.j and c.i > o.i and (o.comp is None or c.i < o.comp)


class _Builder:
    """Merges candidates into organisations and records their mentions."""

    def __init__(self, ix: TextIndex) -> None:
        self.ix = ix
        self.orgs: list[Organisation] = []
        self.keys: dict[str, Organisation] = {}
        self.entries: dict[int, Organisation] = {}  # id(gazetteer entry) -> org
        # "soil center" -> the candidate "Soil Center of the Ministry of ..." it shortens.
        self.prefix_cands: dict[str, Candidate] = {}
        self.heads: dict[int, str] = {}
        self.mentions: list[OrgMention] = []
        self.by_cand: dict[int, Organisation] = {}
        self.variants: dict[str, Organisation] = {}  # see `variant_keys`

    def register_prefixes(self, cands: list[Candidate]) -> None:
        """Remember the head part of every name with a complement, so that the short form
        written before or after the full one is an alias, not another organisation."""
        ix = self.ix
        for c in cands:
            if c.comp is None or not c.head:
                continue
            head_end = c.comp - 2 if ix.word(c.comp - 1) == "the" else c.comp - 1
            if head_end - c.i >= 2:
                prefix = ix.text[ix.tokens[c.i].start : ix.tokens[head_end - 1].end]
                self.prefix_cands.setdefault(name_key(prefix), c)
            # "Institute of Oceanology" for "Institute of Oceanology of the South China Sea of
            # the Chinese Academy of Sciences": the name cut before a later "of"
            for k in range(c.comp + 1, c.j):
                tail = ix.text[ix.tokens[k].end : ix.tokens[c.j - 1].end].strip()
                if (
                    ix.word(k) == "of"
                    and k - c.i >= 3
                    and tail.removeprefix("the ") not in country_names()
                ):
                    # (a country after the cut is a qualifier: `variant_keys` handles those)
                    cut = ix.text[ix.tokens[c.i].start : ix.tokens[k - 1].end]
                    self.prefix_cands.setdefault(name_key(cut), c)

    def _match(self, name: str, c: Candidate) -> Organisation | None:
        key = name_key(name)
        org = (
            self.keys.get(key)
            or self.variants.get(key)
            or next((self.variants[v] for v in variant_keys(name) if v in self.variants), None)
        )
        if org is None and c.gazetteer is not None:
            org = self.entries.get(id(c.gazetteer))
        if org is None and key in self.prefix_cands and self.prefix_cands[key] is not c:
            longer = self.prefix_cands[key]
            org = self.by_cand.get(id(longer)) or self.add(longer)
        if org is None:  # "... Geography of CAS" after "... Geography of the Chinese Academy ..."
            cut = re.fullmatch(r"(.+?) of (?:the )?[^ ]+", name)
            prior = self.prefix_cands.get(name_key(cut.group(1))) if cut else None
            if prior is not None and prior is not c and id(prior) in self.by_cand:
                parent_words = name[len(cut.group(1)) + 4 :].removeprefix("the ") if cut else ""
                if acronym_fit(parent_words, tuple(_name(self.ix, prior).split())) is not None:
                    org = self.by_cand[id(prior)]
        if org is None:  # "Ministry of Environment of Cambodia" after "Ministry of Environment"
            m = re.fullmatch(r"(.+) of (?:the )?(.+)", name)
            if m and m.group(2) in country_names():
                org = self.keys.get(name_key(m.group(1)))
        return org

    def add(self, c: Candidate) -> Organisation:
        done = self.by_cand.get(id(c))
        if done is not None:  # added early, as the long form of a short one
            return done
        ix = self.ix
        name = _name(ix, c)
        org = self._match(name, c)
        if org is None:
            org = Organisation(name=name, acronym=c.acronym, country=c.country)
            if c.acronym is None and c.gazetteer is not None and name in c.gazetteer.acronyms:
                org.acronym = name
            self.orgs.append(org)
            self.heads[id(org)] = c.head
        else:
            self._merge(org, name, c)
        for k in (name, c.acronym or ""):
            if k:
                self.keys.setdefault(name_key(k), org)
        for v in variant_keys(name):
            self.variants.setdefault(v, org)
        if c.gazetteer is not None:
            self.entries.setdefault(id(c.gazetteer), org)
        self.by_cand[id(c)] = org
        self.mentions.append(OrgMention(ix.tokens[c.i].start, ix.tokens[c.j - 1].end, org))
        if c.acronym_span:
            self.mentions.append(OrgMention(*c.acronym_span, org))
        return org

    def _merge(self, org: Organisation, name: str, c: Candidate) -> None:
        if c.acronym and not org.acronym:
            org.acronym = c.acronym
        if org.acronym and org.name == org.acronym and name != org.acronym:
            org.name = name  # the full name, once written, is the name
            return
        known = {name_key(n) for n in (org.name, org.acronym or "", *org.aliases)}
        if name_key(name) not in known:
            org.aliases.append(name)
        org.country = org.country or c.country


def _set_parents(
    ix: TextIndex, cands: list[Candidate], b: _Builder, chains: dict[int, Candidate]
) -> None:
    starts: dict[int, Candidate] = {}
    for c in cands:
        starts.setdefault(ix.tokens[c.i].start, c)

    def link(child: Candidate, parent: Candidate) -> None:
        co, po = b.by_cand.get(id(child)), b.by_cand.get(id(parent))
        if co is not None and po is not None and co is not po and co.parent is None:
            co.parent = po.name

    for c in cands:
        o = c.nested_in
        if o is not None and (
            c.i in (o.comp, o.i) or (c.j == o.j and ix.word(c.i - 1) in ("of", "the"))
        ):
            link(o, c)  # "Soil Center of the Ministry ...", "UNEP Regional Office ..."
        if id(c) in chains:
            link(c, chains[id(c)])
        m = _OF_OR_AT.match(ix.text, c.after)
        if m and m.end() in starts:  # "... (SKLGP) of Chengdu University of Technology"
            link(c, starts[m.end()])
        if c.acronym_span:  # "Global Environment Facility (GEF) Scientific and ... Panel"
            m2 = re.compile(r"\s+").match(ix.text, c.after)
            if m2 and m2.end() in starts:
                link(starts[m2.end()], c)


def _gazetteer_parents(b: _Builder, gaz: Gazetteer) -> None:
    """A parent the gazetteer knows, when the article names that parent too."""
    for org in b.orgs:
        entry = gaz.lookup(org.name) or (gaz.lookup(org.acronym) if org.acronym else None)
        if org.parent is None and entry is not None and entry.parent:
            parent_entry: GazetteerEntry | None = gaz.lookup(entry.parent)
            parent = b.entries.get(id(parent_entry)) if parent_entry else None
            # Only when the name itself says so ("United Nations Environment Programme-
            # International ..."): the record keeps what the text states.
            named = parent_entry is not None and any(
                n in org.name for n in parent_entry.names() if len(n) > 2
            )
            if parent is not None and parent is not org and named:
                org.parent = parent.name


def find_organisations(ix: TextIndex, gaz: Gazetteer, blocked: set[int]) -> OrgFinding:
    dateline = {
        m.start(next(g for g in ("agency", "agency2", "agency3", "agency4") if m[g]))
        for m in _DATELINE.finditer(ix.text)
    }
    cands = [
        c
        for c in find_candidates(ix, gaz, blocked)
        if ix.tokens[c.i].start not in dateline and _accepted(ix, c, gaz)
    ]
    # What is inside an "(ACR)" is the acronym's mention, not another candidate.
    parens = [c.acronym_span for c in cands if c.acronym_span]
    # ... and so is a description after the acronym and a dash: "(ICCES – a Centre of
    # Excellence of COMSATS in China)" describes the body, it names no other
    for lo, hi in list(parens):
        note = _PAREN_NOTE.match(ix.text, hi)
        if note:
            parens.append((lo, note.end()))
    cands = [c for c in cands if not any(a <= ix.tokens[c.i].start < b for a, b in parens)]
    chains = _affiliation_chains(ix, cands)
    outer: list[Candidate] = []
    for c in cands:  # sorted by start, longest first: containers come before what they contain
        containers = [o for o in outer if o.j >= c.j and o.i <= c.i]
        c.nested_in = containers[-1] if containers else None
        outer = [*containers, c]
    cands = [c for c in cands if not _same_body_inside(ix, c)]
    b = _Builder(ix)
    b.register_prefixes(cands)
    for c in cands:
        b.add(c)
    _set_parents(ix, cands, b, chains)
    _gazetteer_parents(b, gaz)
    credits = {k for k, t in enumerate(ix.tokens) if t.start in dateline}
    new, hits = bare_acronyms(ix, b.orgs, [(m.start, m.end) for m in b.mentions], blocked | credits)
    for org in new:
        b.orgs.append(org)
        b.heads[id(org)] = ""
    b.mentions.extend(OrgMention(start, end, org) for start, end, org in hits)
    _join_acronym_bodies(b, {id(o) for o in new})
    _acronym_mentions(ix, b, blocked)
    _qualified_variants(b)
    _units_named_after_parent(b)
    _short_name_in_parens(b)
    _anaphora(ix, b)
    b.mentions.sort(key=lambda m: (m.start, -m.end))
    for m in b.mentions:
        m.org.spans.append(Span(m.start, m.end))
    for org in b.orgs:
        org.spans = sorted(set(org.spans))
    return OrgFinding(b.orgs, b.mentions, b.heads)


def _bodies_after(b: _Builder, org: Organisation, between: re.Pattern[str]) -> set[int]:
    """The ids of the other bodies mentioned right after a mention of `org`, with only text
    matching `between` between the two."""
    return {
        id(n.org)
        for m in b.mentions
        if m.org is org
        for n in b.mentions
        if n.org is not org and between.fullmatch(b.ix.text[m.end : n.start])
    }


def _join_acronym_bodies(b: _Builder, bare: set[int]) -> None:
    """A body known only by its acronym ("CAS") is the body the article names in full whose
    name the acronym spells; one the grammar found ("SCSIO") also the body whose own longer
    acronym begins with it ("SCSIO CAS"). A known body's acronym ("UNEP") beginning another's
    ("UNEP ROAP") stays a body of its own."""
    for org in [o for o in b.orgs if o.acronym and o.name == o.acronym]:
        # "HIST (International Centre on Space Technologies for ...)": the acronym written
        # first, its full name in parentheses right after it
        spelled = _bodies_after(b, org, _PAREN_AFTER)
        # ("VINATOM (the Vietnam Atomic Energy Institute)": "the" says the name is the
        # acronym's own, though the acronym is no spelling of it)
        said = _bodies_after(b, org, _PAREN_THE)
        fits = [
            o
            for o in b.orgs
            if o is not org
            and o.name != o.acronym
            and (
                (not o.acronym and acronym_fit(org.name, tuple(o.name.split())) == 0)
                # (not "JINR" for "JINR Committee of ..." (JINR CP): there it is the parent)
                or (
                    id(org) in bare
                    and (o.acronym or "").split()[:1] == [org.name]
                    and not o.name.startswith(org.name + " ")
                )
                or (id(o) in spelled and not o.acronym and _initials_cover(org.name, o.name))
                or (id(o) in said and not o.acronym and o.name[:1] == org.name[:1])
            )
        ]
        if not fits and "-" in org.name:
            fits = _unit_of_parent_acronym(b, org)
        if len(fits) != 1:
            continue
        full = fits[0]
        if full.acronym and full.acronym != org.name:
            full.aliases.append(org.name)  # "IUE-CAS" beside "(IUE)"
        full.acronym = full.acronym or org.name
        b.orgs.remove(org)
        for m in b.mentions:
            if m.org is org:
                m.org = full


def _unit_of_parent_acronym(b: _Builder, org: Organisation) -> list[Organisation]:
    """ "IUE-CAS", "SKLCS-CAS": a body's acronym joined to its parent's (the parent named in
    the article); the body whose acronym or initials give the first part."""
    own, _, parent = org.name.partition("-")
    parents = [
        o
        for o in b.orgs
        if o is not org
        and (
            parent in (o.acronym, o.name, *o.aliases)
            or acronym_fit(parent, tuple(o.name.split())) == 0
        )
    ]
    if not parent or not parents:
        return []
    by_acronym = [o for o in b.orgs if o is not org and o.acronym == own]
    if by_acronym:
        return by_acronym
    return [
        o
        for o in b.orgs
        if o is not org and not o.acronym and acronym_fit(own, tuple(o.name.split())) == 0
    ]


_PAREN_AFTER = re.compile(r"\s*\(\s*(?:the\s+)?")
_PAREN_THE = re.compile(r"\s*\(\s*the\s+")
_PAREN_NOTE = re.compile(r"\s*[–—-]\s[^()\n]{1,120}\)")
# Words that qualify a body's name without making it another body: "the Royal Embassy of
# Norway" is "the Embassy of Norway".
_QUALIFIERS = frozenset({"Royal", "Imperial"})


def _qualified_variants(b: _Builder) -> None:
    """Two spellings of one body in one article: the name with a qualifier before it ("Royal
    Embassy of Norway" / "Embassy of Norway") or with its parent's acronym before it ("VAST
    Institute of Physics" / "Institute of Physics"): the longer is an alias of the shorter,
    and the parent is the parent."""
    by_key = {name_key(o.name): o for o in b.orgs}
    short_names = {n: o for o in b.orgs for n in (o.name, o.acronym) if n}
    for org in list(b.orgs):
        first, _, rest = org.name.partition(" ")
        if not rest:
            continue
        parent = short_names.get(first)
        plain = by_key.get(name_key(rest))
        if plain is None or plain is org or not (first in _QUALIFIERS or parent is not None):
            continue
        if parent is plain or parent is org:
            continue
        if org.name not in plain.aliases:
            plain.aliases.append(org.name)
        plain.aliases.extend(a for a in org.aliases if a not in plain.aliases)
        plain.acronym = plain.acronym or org.acronym
        if parent is not None and plain.parent is None:
            plain.parent = parent.name
        b.orgs.remove(org)
        for m in b.mentions:
            if m.org is org:
                m.org = plain


def _units_named_after_parent(b: _Builder) -> None:
    """ "the University of Ghana Climate Change Resource Centre ... the Climate Change Resource
    Centre": a unit named after its parent and then without it is one body, at its fullest."""
    by_key = {name_key(o.name): o for o in b.orgs}
    for org in list(b.orgs):
        if not org.parent or not org.name.startswith(org.parent + " "):
            continue
        plain = by_key.get(name_key(org.name[len(org.parent) + 1 :]))
        if plain is None or plain is org or plain.parent not in (None, org.parent):
            continue
        if plain not in b.orgs or org not in b.orgs:
            continue  # (merged already: two units of one short name keep the first)
        if plain.acronym and org.acronym and plain.acronym != org.acronym:
            continue
        org.aliases.extend(n for n in (plain.name, *plain.aliases) if n not in org.aliases)
        org.acronym = org.acronym or plain.acronym
        b.orgs.remove(plain)
        for m in b.mentions:
            if m.org is plain:
                m.org = org


_IN_PARENS = re.compile(r"\s*\(\s*(?:the\s+)?")


def _short_name_in_parens(b: _Builder) -> None:
    """ "the Zamin International Public Foundation (ZAMIN Foundation)": a shorter name in
    parentheses, its words all the full name's, is the same body written short."""
    starts = {m.start: m for m in b.mentions}
    for m in list(b.mentions):
        gap = _IN_PARENS.match(b.ix.text, m.end)
        short = starts.get(gap.end()) if gap else None
        if short is None or short.org is m.org or b.ix.text[short.end : short.end + 1] != ")":
            continue
        org, plain = m.org, short.org
        words = {w.casefold() for w in org.name.split()}
        if (
            plain not in b.orgs
            or plain.acronym
            or plain.parent
            or len(plain.name.split()) >= len(org.name.split())
            or not {w.casefold() for w in plain.name.split()} <= words
        ):
            continue
        org.aliases.extend(n for n in (plain.name, *plain.aliases) if n not in org.aliases)
        b.orgs.remove(plain)
        for n in b.mentions:
            if n.org is plain:
                n.org = org


def _initials_cover(acronym: str, name: str) -> bool:
    """Most letters of the acronym start words of the name, in any order: where the text
    writes the full name in parentheses after the acronym, that is evidence enough ("HIST
    (International Centre on Space Technologies for Natural and Cultural Heritage)", "CATIE
    (Tropical Agricultural Research and Higher Education Center)", a Spanish acronym)."""
    initials = Counter(w[0].upper() for w in re.split(r"[\s-]+", name) if w[:1].isupper())
    letters = Counter(c for c in acronym.upper() if c.isalpha())
    missing = sum((letters - initials).values())
    return bool(initials) and missing * 3 <= sum(letters.values())


# Head nouns an acronym may be written with ("AGBL Group", "the SOLVE Network"): the same body.
_ACRONYM_HEADS = frozenset({"Group", "Network", "Alliance", "Foundation", "Society", "Consortium"})


def _acronym_mentions(ix: TextIndex, b: _Builder, blocked: set[int]) -> None:
    """Acronyms the article defined, wherever else they occur ("... the CAS ...")."""
    acronyms = {o.acronym: o for o in b.orgs if o.acronym}
    # (a short form in lower case is written either way: "Zimparks", "ZimParks")
    folded = {a.casefold(): o for a, o in acronyms.items() if not a.isupper()}
    covered = Covered([(m.start, m.end) for m in b.mentions])
    for k, t in enumerate(ix.tokens):
        org = acronyms.get(t.text) or (folded.get(t.text.casefold()) if folded else None)
        if org is not None and k not in blocked and not covered(t.start):
            end = t.end
            nxt = ix.word(k + 2)
            if ix.word(k + 1) in _ACRONYM_HEADS and (
                not nxt[:1].isupper() or title_re(False).match(nxt)
            ):
                end = ix.tokens[k + 1].end  # "AGBL Group CEO": the acronym and its head noun
                if ix.text[t.start : end] not in org.aliases:
                    org.aliases.append(ix.text[t.start : end])
            b.mentions.append(OrgMention(t.start, end, org))


def _anaphora(ix: TextIndex, b: _Builder) -> None:
    """ "the Institute", "the Laboratory": the latest organisation with that head noun."""
    by_start = sorted(b.mentions, key=lambda m: m.start)
    covered = Covered([(m.start, m.end) for m in by_start])
    latest: dict[str, Organisation] = {}  # head noun -> latest organisation mentioned with it
    n = 0
    for k, t in enumerate(ix.tokens):
        while n < len(by_start) and by_start[n].end <= t.start:
            org = by_start[n].org
            latest[b.heads.get(id(org), "")] = org
            n += 1
        if ix.word(k - 1).lower() != "the" or not t.is_cap or ix.word(k + 1)[:1].isupper():
            continue
        if t.text in latest and not covered(t.start):
            b.mentions.append(OrgMention(t.start, t.end, latest[t.text]))
