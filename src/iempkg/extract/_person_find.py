"""Persons of one article: name mentions grouped into persons, with honorific, title and body.

Mentions with the same words in any order are one person ("Zhang Linxiu", "Linxiu Zhang"); a
one-word mention ("Director Zhang", "Mrema said") is the latest person with that word in the
name, never a new person unless an honorific vouches for it ("Mr. Smith"). The body a person
belongs to is, in order: the one in the chosen title phrase, the one right after the name
("Prof. X from Renmin University of China"), the group the person leads ("a delegation from
UNEP-IEMP led by Dr Jian Liu"), a later "from <body>" in the same sentence, and, for a bare
title such as "Director Zhang Linxiu", the organisation the article starts with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Organisation, Person, Span
from ..names import fold, name_key
from ._names_lexicon import CHINESE_SURNAMES
from ._names_text import Covered, TextIndex
from ._org_find import OrgFinding, OrgMention
from ._person_titles import POST, Attachment, attach_titles
from ._person_words import NameMention, title_re

# "at" is left out: "met Dr. X at the Embassy" says where, not whom X works for.
_AFTER_NAME = re.compile(
    r"\s+(?:of|from)\s+(?:the\s+)?(?:(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*-based\s+)?"
)  # "Prof. X of the New Delhi-based Centre for ..."
_LED_BY = re.compile(r"\b(?:led|represented|headed)\s+by\b")
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?")
_AND = re.compile(r"\s+and\s+")
_ON_BEHALF = re.compile(r",?\s+(?:on behalf of|representing|(?:both|all|each) of)\s+(?:the\s+)?")
_COMMA = re.compile(r",\s*")
_REPRESENTING = re.compile(
    r"\b(?:[Rr]epresenting|[Oo]n behalf of|From)\s+(?:the\s+)?"  # "From KU, President ..."
)
# Between two people of one list: a separator and, at most, the second one's bare title.
_LIST_GAP = re.compile(
    r"\s*(?:[,;]\s*)?(?:and\s+)?(?:the\s+)?(?:" + title_re(False).pattern + r")?,?\s*"
)


_ONE_LIST = re.compile(r"[^.;:()]{0,240}")
_LIST_GAP_POST = re.compile(
    r",\s*(?:the\s+)?(?:" + title_re(False).pattern + r")\s+(?:of|at|from)\s+(?:the\s+)?"
    r"(?P<body>[A-Z][^,;.()]{1,80}?),\s*(?:and\s+)?(?:the\s+)?"
)


@dataclass
class _Group:
    person: Person
    words: set[str]
    mentions: list[NameMention] = field(default_factory=list)


def _key(words: tuple[str, ...]) -> str:
    # Accents folded: "Trần Hồng Hà" and "Tran Hong Ha" are one person written two ways.
    return " ".join(sorted(fold(w) for w in words))


def _group(ix: TextIndex, mentions: list[NameMention]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    order: list[_Group] = []
    latest: list[tuple[int, _Group]] = []
    for m in mentions:
        if len(m.words) == 1:
            continue
        key = _key(m.words)
        g = groups.get(key) or _misspelt(key, groups) or _fuller(m, order)
        if g is None:
            name = " ".join(ix.text[m.start : m.end].split())
            g = groups[key] = _Group(Person(name=name), {fold(w) for w in m.words})
            order.append(g)
        g.mentions.append(m)
        latest.append((m.start, g))
    for m in mentions:
        if len(m.words) != 1:
            continue
        word = fold(m.words[0])
        owners = [g for s, g in latest if word in g.words and s < m.start] or [
            g for g in order if word in g.words
        ]
        owners = owners or _misspelt_family_name(word, order)  # "Ms. Anderson" for Andersen
        if owners:
            owners[-1].mentions.append(m)
        elif m.honorific:
            g = _Group(Person(name=m.words[0]), {word}, [m])
            groups[word] = g
            order.append(g)
    return order


def _fuller(m: NameMention, order: list[_Group]) -> _Group | None:
    """ "Mr. Graziano da Silva" after "Jose Graziano da Silva": the last words of a longer name
    named before (the one person whose name ends so)."""
    words = [fold(w) for w in m.words]
    if len(words) < 2 or m.honorific is None:
        return None
    owners = [
        g
        for g in order
        if len(g.person.name.split()) > len(words)
        and [fold(w) for w in g.person.name.split()[-len(words) :]] == words
    ]
    return owners[0] if len(owners) == 1 else None


def _misspelt_family_name(word: str, order: list[_Group]) -> list[_Group]:
    """Persons whose family name differs from `word` by one letter (long names only)."""
    if len(word) < 6:
        return []
    out = []
    for g in order:
        family = fold(g.person.name.split()[-1])
        if _one_slip(family, word):
            out.append(g)
    return out


def _one_slip(a: str, b: str) -> bool:
    """Words of one length that differ by one letter or by two neighbours swapped ("Osie",
    "Osei"): the slips of a hand that types a name twice."""
    if len(a) != len(b):
        return False
    diff = [k for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 1 or (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _misspelt(key: str, groups: dict[str, _Group]) -> _Group | None:
    """The person already named whose name differs by one slip ("Soma Nath Sapkota",
    "Sama Nath Sapkota"): one person, misspelt, when the names are long enough to tell."""
    words = key.split()
    if len(key) < 12 or len(words) < 2:
        return None
    for other, g in groups.items():
        a, b = sorted(set(words) - set(other.split())), sorted(set(other.split()) - set(words))
        if len(a) == len(b) == 1 and len(a[0]) > 2 and _one_slip(a[0], b[0]):
            return g
    return None


def _org_after_name(
    ix: TextIndex, m: NameMention, orgs: OrgFinding, by_lead: dict[int, NameMention]
) -> Organisation | None:
    """ "Prof. X from Renmin University", "Prof Bai Chunli, CAS, and ...", "Mr. X (Sabah
    Forestry Department)", and the second of a pair: "Mr Sudip Pradhan and Mr Hammad Gilani
    from ICIMOD" ("... from X and Y respectively": each their own)."""
    paren = _PAREN_BODY.match(ix.text, m.end)
    inside = orgs.starting_at(paren.end()) if paren else None
    if inside is not None and re.match(r"\s*[),]", ix.text[inside.end : inside.end + 2]):
        return inside.org
    pair = _AND.match(ix.text, m.end)
    nxt = by_lead.get(pair.end()) if pair else None
    end = nxt.end if nxt is not None else m.end
    after = _AFTER_NAME.match(ix.text, end)
    hit = orgs.starting_at(after.end()) if after else None
    if hit is not None:
        second = _respectively(ix.text, hit, orgs)
        first_of_pair = _AND_BEFORE.search(ix.text, max(0, m.lead - 6), m.lead)
        if second is not None and nxt is None and first_of_pair:
            return second
    behalf = _ON_BEHALF.match(ix.text, end if nxt is not None else m.end)
    if behalf and nxt is not None and not _BOTH.match(ix.text, end):
        behalf = None  # (only "both of" speaks for the pair: "A and B, both of CONCYTEC")
    if hit is None and behalf:  # "ZHANG Wei, on behalf of the NFGA, said"
        hit = orgs.starting_at(behalf.end())
    if hit is None and nxt is None:
        comma = _COMMA.match(ix.text, m.end)
        hit = orgs.starting_at(comma.end()) if comma else None
        if hit is not None and not re.match(r"\s*(?:[,;.]|[a-z])", ix.text[hit.end : hit.end + 3]):
            hit = None
    return hit.org if hit else None


_PAREN_BODY = re.compile(r"\.?\s*\(\s*(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}\s*,\s*)?(?:the\s+)?")
_AND_BEFORE = re.compile(r"\s+and\s+$")
_BOTH = re.compile(r",\s+both\s+of\s")
_RESPECTIVELY = re.compile(r",?\s+and\s+(?:the\s+)?")


def _respectively(text: str, first: OrgMention, orgs: OrgFinding) -> Organisation | None:
    """The second body of "from X and Y respectively", if the text says so."""
    joint = _RESPECTIVELY.match(text, first.end)
    second = orgs.starting_at(joint.end()) if joint else None
    if second is None or not re.match(r",?\s+respectively\b", text[second.end : second.end + 16]):
        return None
    return second.org


def _body_before_name(ix: TextIndex, m: NameMention, orgs: OrgFinding) -> Organisation | None:
    """ "the International Potato Center (CIP), Pamela Anderson;": the body, then its person,
    as an item of a list of semicolons (in "from MRC, Dr. X" the body is the one before)."""
    gap = _COMMA_BEFORE.search(ix.text, max(0, m.lead - 20), m.lead)
    if gap is None or m.honorific or ix.text[m.end : m.end + 1] not in (";", "."):
        return None
    if ";" not in ix.text[max(0, m.lead - 200) : m.end + 1]:
        return None
    hit = orgs.ending_at(gap.start())
    if hit is None and gap.group("acr"):
        paren = ix.text.rfind("(", 0, gap.start() + 1)
        hit = orgs.ending_at(len(ix.text[:paren].rstrip()))
    return hit.org if hit else None


_COMMA_BEFORE = re.compile(r"(?:\s*\((?P<acr>[A-Z][\w&-]{1,12})\))?,\s+$")


def _body_on_next_line(ix: TextIndex, m: NameMention, orgs: OrgFinding) -> Organisation | None:
    """A contact block: the name alone on its line, the body alone on the next ("LONG Huaping"
    / "Xinjiang Institute of Ecology and Geography" / "E-mail: ...")."""
    text = ix.text
    line_start = text.rfind("\n", 0, m.lead) + 1
    gap = _NEXT_LINE.match(text, m.end)
    if text[line_start : m.lead].strip() or gap is None:
        return None
    hit = orgs.starting_at(gap.end())
    if hit is None or text[hit.end : hit.end + 1] not in ("\n", ""):
        return None
    return hit.org


_NEXT_LINE = re.compile(r"[ \t]*\n\s*")


def _body_before_parens(ix: TextIndex, m: NameMention, orgs: OrgFinding) -> Organisation | None:
    """ "ICRA (Gianluigi Rossi and Ignasi Puig)": the body whose parenthesis holds the name."""
    opening = ix.text.rfind("(", max(0, m.lead - 120), m.lead)
    if opening < 0 or ")" in ix.text[opening : m.lead]:
        return None
    hit = orgs.ending_at(len(ix.text[:opening].rstrip()))
    return hit.org if hit else None


_ITEM_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·–]|\d+[.)])?[ \t]*$")


def _org_in_item(
    ix: TextIndex, m: NameMention, orgs: OrgFinding, starts: list[int]
) -> Organisation | None:
    """ "• Dr Alexander Roe, Chief, Education for Sustainable Development, UNESCO Paris": in a
    list of people, one per line, the first body named after the person on their line."""
    line_start = ix.text.rfind("\n", 0, m.lead) + 1
    if not _ITEM_START.search(ix.text, max(0, line_start - 1), m.lead):
        return None
    line_end = ix.text.find("\n", m.end)
    line_end = len(ix.text) if line_end < 0 else line_end
    if line_end - line_start > 300 or any(m.end < s < line_end for s in starts):
        return None  # a paragraph, or another person on the line
    after = [o for o in orgs.mentions if m.end <= o.start and o.end <= line_end]
    return after[0].org if after else None


_BARE_MINISTER = re.compile(r"(?:(?:Deputy|Vice) )?Minister", re.IGNORECASE)


def _ministry_of(title: str | None, orgs: OrgFinding) -> Organisation | None:
    """A minister's ministry when the article names it: "Minister of the Environment" and
    "the Ministry of Environment", "Minister of Nature Protection" and its Ministry; a minister
    named by the post alone ("H.E. Minister X") and the one ministry the article names."""
    ministries = [o for o in orgs.organisations if name_key(o.name).startswith("ministry of ")]
    if title and _BARE_MINISTER.fullmatch(title):
        return ministries[0] if len(ministries) == 1 else None
    if title and title.startswith("Minister of State for "):
        title = "Minister for " + title[len("Minister of State for ") :]
    sep = next((s for s in (" of ", " for ") if title and s in title), None)
    before = re.fullmatch(r"(?P<field>[A-Z][a-z]+) Minister", title or "")
    if title and sep is None and before:  # "Education Minister" and the Ministry of Education
        title, sep = f"Minister of {before.group('field')}", " of "
    if not title or sep is None or not re.search(r"Minister|Secretary", title):
        return None
    field = name_key(title.split(sep, 1)[1])
    field = field[4:] if field.startswith("the ") else field
    fields = sorted(field.replace(" and ", " ").split())
    for o in orgs.organisations:
        key = name_key(o.name)
        if not key.startswith("ministry of "):
            continue
        own = key[12:].removeprefix("the ")
        if own.startswith(field) or sorted(own.replace(" and ", " ").split()) == fields:
            return (
                o  # (the fields in either order: "Lands and Environment", "Environment and Lands")
            )
    return None


def _org_of_list_neighbour(
    ix: TextIndex,
    m: NameMention,
    previous: dict[int, tuple[NameMention, Organisation | None]],
) -> Organisation | None:
    """ "the Director of the Soil Center, Mr. Hong Yaxiong, Deputy Director Mr. Chen Hedong":
    in a list of people, one without a stated body shares the body of the one before."""
    before = [p for p in previous.values() if p[0].end <= m.lead]
    if not before:
        return None
    prev, org = max(before, key=lambda p: p[0].end)
    gap = ix.text[prev.end : m.lead]
    if _LIST_GAP.fullmatch(gap):
        return org
    # "Professor A, Vice President of the University of X, and Professor B, Vice President for
    # External Affairs": the one before has the body in its own apposition
    post = _LIST_GAP_POST.fullmatch(gap)
    if (
        post
        and org is not None
        and name_key(post.group("body"))
        in {name_key(n) for n in (org.name, org.acronym or "", *org.aliases)}
    ):
        return org
    return None


def _org_leading(ix: TextIndex, m: NameMention, orgs: OrgFinding) -> Organisation | None:
    """ "a delegation from UNEP-IEMP led by Dr Jian Liu (Director) and Prof Linxiu Zhang"."""
    s_start, _ = ix.sentence_bounds(m.lead)
    led = None
    for hit in _LED_BY.finditer(ix.text, s_start, m.lead):
        led = hit  # the last one before the name
    # (a list of people may follow: "X was represented by T1, A, T2, B, and T3, C")
    if led is None:
        return None
    if len(ix.text[led.end() : m.lead]) > 80 and not _ONE_LIST.fullmatch(
        ix.text, led.end(), m.lead
    ):
        return None
    before = [o for o in orgs.mentions if s_start <= o.start and o.end <= led.start()]
    return before[-1].org if before else None


def _org_from_later(
    ix: TextIndex,
    m: NameMention,
    orgs: OrgFinding,
    starts: list[int],
    spans: list[tuple[int, int]],
) -> Organisation | None:
    """ "Ms. X, Focal Point of ..., gave presentation from UNEP-IEMP"."""
    _, s_end = ix.sentence_bounds(m.end)
    stop = min([s for s in starts if s > m.end] + [s_end])
    for f in _FROM.finditer(ix.text, m.end, stop):
        hit = orgs.starting_at(f.end())
        if hit is not None:
            return hit.org
    return _org_after_list(ix, m, orgs, s_end, spans)


_LIST_REST = re.compile(
    r"(?:[\s,;]|\band\b|\bothers\b|\bcolleagues\b|\b[A-Z][a-z]*\.|\bResearchers?\b"
    r"|\bAssociate\b|\brespectively\b|\b(?:other\s+)?(?:scientists|researchers|experts|officials"
    r"|staff|members|representatives|students)\b)*"
)
_FROM_ANCHORED = re.compile(r"(?:from|of)\s+(?:the\s+)?")
_FROM_ONLY = re.compile(r"\bfrom\s+(?:the\s+)?")


def _org_after_list(
    ix: TextIndex,
    m: NameMention,
    orgs: OrgFinding,
    s_end: int,
    spans: list[tuple[int, int]],
    joint: re.Pattern[str] | None = None,
) -> Organisation | None:
    """ "Prof. A B, Prof. C D, and others from RCO-BRIN": a list of people, then the body they
    all come from (nothing but names, honorifics and separators between)."""
    for f in (joint or _FROM_ANCHORED).finditer(ix.text, m.end, s_end):
        hit = orgs.starting_at(f.end())
        if hit is None:
            continue
        gap = ix.text[m.end : f.start()]
        for other_start, other_end in spans:
            if m.end <= other_start and other_end <= f.start():
                gap = gap.replace(ix.text[other_start:other_end], " ", 1)
        return hit.org if _LIST_REST.fullmatch(gap) else None
    return None


def _org_represented(ix: TextIndex, m: NameMention, orgs: OrgFinding) -> Organisation | None:
    """ "Representing the University of Bonn, were Rector Michael Hoch, ...": the body the
    sentence says the people listed after it stand for."""
    s_start, _ = ix.sentence_bounds(m.lead)
    found = None
    for hit in _REPRESENTING.finditer(ix.text, s_start, m.lead):
        body = orgs.starting_at(hit.end())
        if body is not None and (hit.group()[0] != "F" or ix.text[body.end : body.end + 1] == ","):
            found = body.org  # the last one before the name
    if found is None:  # "The guests were welcomed by NSCMB FEB RAS: Dr. X, ..., Dr. Y"
        listed = [
            o
            for o in orgs.mentions
            if s_start <= o.start and o.end < m.lead and ix.text[o.end : o.end + 1] == ":"
        ]
        found = listed[-1].org if listed else None
    return found


def _latest_named(groups: list[_Group], offset: int) -> _Group:
    """Of persons sharing a written form, the one named last before `offset` (else the first)."""
    best, best_start = groups[0], -1
    for g in groups:
        start = max((m.start for m in g.mentions if m.start < offset), default=-1)
        if start > best_start:
            best, best_start = g, start
    return best


def _bare_mentions(ix: TextIndex, groups: list[_Group], covered: Covered) -> dict[int, list[Span]]:
    """Later uses of a full name or a family name alone ("Mrema said"), by id of the group.

    One pattern for all persons keeps this a single pass over the text; a family name shared by
    two persons goes to the one named last before it."""
    owners: dict[str, list[_Group]] = {}
    for g in groups:
        words = g.person.name.split()
        forms = {g.person.name, " ".join(reversed(words))}
        if len(words) >= 2:  # the family name: first in "Zhang Linxiu", last in "Elizabeth Mrema"
            forms.add(words[0] if words[0] in CHINESE_SURNAMES else words[-1])
        for form in forms:
            owners.setdefault(form, []).append(g)
    out: dict[int, list[Span]] = {}
    for s, e in _whole_words(ix.text, owners):
        form = ix.text[s:e]
        if covered(s) or covered(e - 1):
            continue
        k = ix.by_start.get(s)
        # A bare family name next to other capitalised words is part of someone else's name.
        if k is not None and " " not in form:
            prev, nxt = ix.word(k - 1), ix.word(k + 1)
            if (prev[:1].isupper() and prev != "The") or nxt[:1].isupper():
                continue
        owner = _latest_named(owners[form], s)
        out.setdefault(id(owner), []).append(Span(s, e))
    return out


def _whole_words(text: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    r"""Where `forms` occur as whole words, left to right, the longest where several start at one
    place, none overlapping: what `(?<![\w-])(?:form1|form2...)(?![\w-])` finds, longest forms
    first. A search per form: one regex of an article's own names would be compiled for every
    article (8% of extraction time, measured)."""

    def boundary(i: int) -> bool:  # no word character and no hyphen at text[i]
        return not (0 <= i < len(text)) or not (text[i].isalnum() or text[i] in "_-")

    hits: list[tuple[int, int]] = []
    for form in forms:
        if not form:
            continue
        i = text.find(form)
        while i >= 0:
            if boundary(i - 1) and boundary(i + len(form)):
                hits.append((i, -len(form)))
            i = text.find(form, i + 1)
    out: list[tuple[int, int]] = []
    end = 0
    for start, neg in sorted(hits):
        if start >= end:
            end = start - neg
            out.append((start, end))
    return out


# Offices of a state, not of the body an article is about: no guess of their organisation.
_PUBLIC_OFFICE = re.compile(
    r"\b(?:Minister|Governor|Mayor|Ambassador|Consul|Envoy|Senator|Prime|Premier|Foreign Secretary"
    r"|State Council+or"
    r"|Cabinet Secretary|Permanent Secretary)\b",
    re.IGNORECASE,
)


def _preference(a: Attachment) -> tuple[int, int]:
    """Title attachments best first: the first mention's; after the name, then right before it,
    then before it and a comma; a description ("a representative of") last."""
    rule = -1 if a.rule == POST else a.rule
    return (a.mention.start, 3 if a.described else rule)


def find_persons(ix: TextIndex, mentions: list[NameMention], orgs: OrgFinding) -> list[Person]:
    groups = _group(ix, mentions)
    attachments = attach_titles(ix, mentions, orgs)
    by_mention: dict[int, list[Attachment]] = {}
    for a in attachments:
        by_mention.setdefault(id(a.mention), []).append(a)
    starts = sorted(m.lead for m in mentions)
    person_spans = sorted((m.lead, m.end) for m in mentions)
    by_lead = {m.lead: m for m in mentions}
    first_org = orgs.mentions[0].org if orgs.mentions else None
    previous: dict[int, tuple[NameMention, Organisation | None]] = {}
    for g in sorted(groups, key=lambda g: min(m.start for m in g.mentions)):
        p = g.person
        g.mentions.sort(key=lambda m: m.start)
        p.honorific = next((m.honorific for m in g.mentions if m.honorific), None)
        atts = [a for m in g.mentions for a in by_mention.get(id(m), [])]
        atts.sort(key=_preference)
        chosen = atts[0] if atts else None
        if chosen is not None:
            p.title = chosen.phrase.title
        org = chosen.phrase.org if chosen else None
        org = org or next((a.phrase.org for a in atts if a.phrase.org), None)
        for m in g.mentions:
            org = org or _org_after_name(ix, m, orgs, by_lead)
        org = org or _body_before_parens(ix, g.mentions[0], orgs)
        org = org or _body_on_next_line(ix, g.mentions[-1], orgs)
        org = org or _body_before_name(ix, g.mentions[0], orgs)
        org = org or _ministry_of(p.title, orgs)
        first = g.mentions[0]
        org = org or _org_in_item(ix, first, orgs, starts)
        # ("Dr. A, Dr. B and scientists from MGI": the list's own body before a neighbour's)
        org = org or _org_after_list(
            ix, first, orgs, ix.sentence_bounds(first.end)[1], person_spans, _FROM_ONLY
        )
        org = org or _org_of_list_neighbour(ix, first, previous)
        org = org or _org_leading(ix, first, orgs)
        org = org or _org_represented(ix, first, orgs)
        org = org or _org_from_later(ix, first, orgs, starts, person_spans)
        untied = chosen is not None and not any(a.phrase.tied for a in atts)
        if org is None and untied and not _PUBLIC_OFFICE.search(p.title or ""):
            org = first_org  # "Director Zhang Linxiu" in an article about her organisation
        p.organisation = org.name if org else None
        for m in g.mentions:
            previous[m.lead] = (m, org)
    bare = _bare_mentions(ix, groups, Covered([(m.lead, m.end) for m in mentions]))
    for g in groups:
        spans = {Span(m.start, m.end) for m in g.mentions} | set(bare.get(id(g), []))
        g.person.spans = sorted(spans)
    return [g.person for g in groups]
