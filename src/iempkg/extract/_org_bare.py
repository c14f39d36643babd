"""Bodies an article names only by an acronym it never spells out ("a CIESIN delegation",
"hosted by CHESS of BNU", "between MOE and UNOPS"), found where the grammar takes a party, and
undefined acronyms that abbreviate a body the article names in full ("MOE" for the Ministry of
Environment). Acronyms of goals, degrees, documents and projects are left alone.
"""

from __future__ import annotations

import re

from ..model import Organisation
from ._names_lexicon import GENERIC_FOLLOWERS, country_names
from ._names_text import Covered, TextIndex, Token
from ._org_acronyms import ACRONYM_PAREN, acronym_fit
from ._person_words import is_name_word, title_re
from ._places import gazetteer as place_gazetteer
from ._sdg_words import wordset

# Where an acronym no full name defines is still a body: after the prepositions and verbs that
# take a party ("visited CIESIN", "hosted by CHESS of BNU", "between MOE and UNOPS", "Director-
# General of CSTEC"), or before a possessive or a delegation ("CSTEC's", "CIESIN delegation").
_ACR_BEFORE = re.compile(
    r"(?:\b(?:of|from|by|with|at|between|and|visited|visit|visits|represented|representing|joined"
    r"|including|such as)"
    r"|,)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# "Germany's GIZ", "Canada's IDRC": an acronym after its country's possessive.
_COUNTRY_BEFORE = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)['’]s\s+$")
_ACR_AFTER = re.compile(r"(?:['’]s\b|\s+(?:delegation|team|staff|officials|director|president)\b)")
# An acronym, maybe capitalised words, then what it names: a project, a fund, a plan ... (the
# words between are matched case-sensitively: "CFT&EC explained the plan" names a body).
_NOT_BODY_NEXT = re.compile(
    r"(?-i:\s+[A-Z][\w-]*)*(?:/\S+)?\s+(?:project|programme|program|fund|initiative|software|model|"
    r"framework|report|agenda|plan|strategy|strategies|polic(?:y|ies)|protocol|resolutions?|process|index|tool)s?\b",
    re.IGNORECASE,
)
# Acronyms of other things that stand in those places: goals, units, degrees, documents.
_NOT_BODIES = wordset(
    """
    SDG SDGs MDG MDGs GDP COVID CEO CFO CTO COO DDG DVC VC PhD MSc BSc MoU MOU MOUs MoUs LoI LOI R&D
    AI GIS IT ICT HIV AIDS NGO NGOs CSO CSOs SME SMEs PPP PPPs USD RMB CNY EUR GHG CO2 REDD PES
    EIA SEA SDI TV PRC ROK DPRK S&T B&R BRI IAS IFS IPS IRS IFoS
    """
)


def _initials_fit(acronym: str, name: str) -> bool:
    """The acronym's letters, in order, start the name and its last word, and each is a letter
    of the name: "ZJU" in Zhejiang University, "MOE" in Ministry of Environment."""
    letters = acronym.lower()
    low = "".join(ch for ch in name.lower() if ch.isalpha())
    words = name.split()
    if not low.startswith(letters[0]) or not words or words[-1][:1].lower() != letters[-1]:
        return False
    at = 0
    for ch in letters:
        at = low.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def _spelled_out(acronym: str, orgs: list[Organisation]) -> Organisation | None:
    """The one organisation of the article, without an acronym, that `acronym` abbreviates."""
    # (a name that holds the acronym as a word is the acronym's unit, not its spelling:
    # "G-WADI" and "the G-WADI Technical Secretariat")
    spellings = [
        (o, n)
        for o in orgs
        if not o.acronym
        for n in (o.name, *o.aliases)
        if " " in n and acronym not in n.split()
    ]
    exact = {id(o): o for o, n in spellings if acronym_fit(acronym, tuple(n.split())) is not None}
    loose = exact or {id(o): o for o, n in spellings if _initials_fit(acronym, n)}
    return next(iter(loose.values())) if len(loose) == 1 else None


def _camel_acronym(text: str) -> bool:
    """ "ForestGEO", "ICIWaRM": a word with an acronym inside it (two capitals running)."""
    caps = sum(c.isupper() for c in text)
    return caps >= 3 and len(text) <= 12 and re.search(r"[A-Z]{2}", text[1:]) is not None


# A byline up to a word: "By ZHENG JINRAN | chinadaily.com.cn" writes the reporter in capitals.
_BYLINE = re.compile(r"[ \t]*By[ \t]+(?:[A-Z][\w.'’-]*[ \t]+){0,3}$")


def _dateline_city(ix: TextIndex, k: int) -> bool:
    """ "KIGALI - The Government ...": a city in capitals opening a line is a dateline."""
    t = ix.tokens[k]
    if t.text.isupper() and k >= 2 and ix.word(k - 1) == "," and _dateline_city(ix, k - 2):
        return True  # "HYDERABAD, TELANGANA —": the city's state or country
    if not (k == 0 or ix.text[t.start - 1] == "\n") or not t.text.isupper():
        return False
    return any(e.kind == "city" for e in place_gazetteer().names.get(t.text.title(), []))


def _possessive_body(ix: TextIndex, t: Token) -> bool:
    """ "USyd's Faculty of Engineering": a short word with inner capitals before a possessive."""
    inner = sum(c.isupper() for c in t.text[1:])
    return (
        t.text[:1].isupper()
        and inner >= 1
        and len(t.text) <= 8
        and bool(re.match(r"['’]s\b", ix.text[t.end : t.end + 2]))
    )


def bare_acronyms(
    ix: TextIndex, orgs: list[Organisation], mentioned: list[tuple[int, int]], blocked: set[int]
) -> tuple[list[Organisation], list[tuple[int, int, Organisation]]]:
    """Bodies the text names only by an acronym it never spells out, where the grammar says
    a party is meant; an acronym the text defines for something else ("(EbA)") is not one.
    Returns the new organisations and every (start, end, organisation) mention found."""
    known = {n: o for o in orgs for n in (o.name, o.acronym or "") if n}
    # (a family name in capitals, once a person's: "Vice Minister FANG Aiquing ... FANG said")
    person_words = {ix.word(k) for k in blocked if ix.tokens[k].is_acronym}
    covered = Covered(mentioned)
    # (the body of a person named before it is no definition: "by Isabel Brandt (HAFL)")
    of_person = {
        m.group("acr")
        for m in ACRONYM_PAREN.finditer(ix.text)
        if (hit := _PERSON_BEFORE_PAREN.search(ix.text, max(0, m.start() - 60), m.start()))
        and all(is_name_word(w) for w in hit.group("name").split())
    }
    defined = {m.group("acr") for m in ACRONYM_PAREN.finditer(ix.text)} - of_person
    seen: dict[str, Organisation] = {}
    new: list[Organisation] = []
    hits: list[tuple[int, int, Organisation]] = []
    after = -1
    for k, t in enumerate(ix.tokens):
        text = t.text
        if k < after or t.kind != "w" or not text[:1].isupper() or text[1:].islower():
            continue  # most words: cheap to rule out before the costlier tests below
        if (
            text in known
            or text in _NOT_BODIES
            or text.rstrip("s") in _NOT_BODIES  # "CEOs"
            or text in defined
            or len(text) < 3
            or not (t.is_acronym or _possessive_body(ix, t) or _camel_acronym(text))
            or not any(c.isalpha() for c in text)
            or any(c.isdigit() for c in text)
            or text in country_names()
            or _dateline_city(ix, k)
            or _BYLINE.match(ix.text, ix.text.rfind("\n", 0, t.start) + 1, t.start) is not None
            or k in blocked
            or text in person_words
            or covered(t.start)
        ):
            continue
        if _NOT_BODY_NEXT.match(ix.text, t.end) or ix.word(k + 1).lower() in GENERIC_FOLLOWERS:
            continue  # "the SCS SAP project", "the ASEAN Region": a project, a modifier
        if _PLURAL_ACRONYM.fullmatch(text) or _REPORTED.match(ix.text, t.end):
            continue  # "the PGs" (a plural of things), "..., CEN reported": a news source
        end = _run_end(ix, k, blocked)
        text, after = ix.text[t.start : ix.tokens[end - 1].end], end
        t_end = ix.tokens[end - 1].end
        if text in known:  # "IAE CAS", the acronym of a body named in full, in a run
            hits.append((t.start, t_end, known[text]))
            continue
        if text not in seen:
            spelled = _spelled_out(text, orgs)
            if spelled is not None:  # "MOE" for the Ministry of Environment named before
                spelled.acronym = spelled.acronym or text
                seen[text] = spelled
                hits.append((t.start, t_end, spelled))
                continue
            cue = (
                _ACR_BEFORE.search(ix.text, max(0, t.start - 25), t.start)
                or _ACR_AFTER.match(ix.text, t_end)
                or _country_before(ix.text, t.start)
                or _beside_post(ix.text, t.start, t_end)
                or text in of_person
                or ix.word(end)[:1] == "-"  # "UKRI-funded", "FAO-led": the tokens split off
            )
            if not cue:
                continue
            seen[text] = Organisation(name=text, acronym=None if end > k + 1 else text)
            new.append(seen[text])
        hits.append((t.start, t_end, seen[text]))
    return new, hits


# A person's name (two or three name-like words after a list opener), then "(": "presented by
# Isabel Brandt (HAFL)", ", Tom Roe (CWP) and ...".
_PERSON_BEFORE_PAREN = re.compile(
    r"(?:\b(?:by|and|with|from)|[,;:])\s+(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+){0,3}"
    r"(?P<name>[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){1,2})\s*$"
)
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
_REPORTED = re.compile(r"\s+(?:reported|reports|quoted)\b")
_SPACE_AFTER = re.compile(r"[ \t]+")
_POST_BEFORE = re.compile(r"[ \t]+$")


def _beside_post(text: str, start: int, end: int) -> bool:
    """ "JINR Director Victor Matveev", "Executive Director COMSATS, Dr. X": an acronym right
    before or after a capitalised job title is the body of the post."""
    gap = _SPACE_AFTER.match(text, end)
    if gap and title_re(False).match(text, gap.end()):
        return True
    before = _POST_BEFORE.search(text, max(0, start - 3), start)
    if before is None:
        return False
    left = text[max(0, before.start() - 40) : before.start()]
    return any(m.end() == len(left) for m in title_re(False).finditer(left))


def _country_before(text: str, start: int) -> bool:
    poss = _COUNTRY_BEFORE.search(text, max(0, start - 30), start)
    return bool(poss and poss.group(1) in country_names())


_REGIONS = frozenset(
    {"Caucasus", "Pacific", "Asia", "Africa", "Europe", "Oceania", "Mediterranean", "Caribbean",
     "Americas", "Balkans", "Sahel", "Arctic"}
)  # fmt: skip


def _run_end(ix: TextIndex, k: int, blocked: set[int]) -> int:
    """The end of an acronym's run: further acronyms ("NSCMB FEB RAS"), or one country after
    it, which names its office there ("SOLVE Nepal", "BASUG UK"; also before the name of a
    person: "Chairperson of SOLVE Nepal Narayan Joshi")."""
    j = k + 1
    while (
        j < len(ix)
        and ix.tokens[j].is_acronym
        and ix.word(j) not in _NOT_BODIES
        and not ix.breaks(j - 1)  # ("IANS" / "NEW DELHI" on the next line: two things)
    ):
        j += 1
    if (
        j == k + 1
        and (ix.word(j) in country_names() or ix.word(j) in _REGIONS)
        and (not ix.word(j + 1)[:1].isupper() or j + 1 in blocked)
    ):
        j += 1  # (or its region: "REC Caucasus", "IUCN Oceania")
    # "WWF-Viet Nam", "IUCN-Sri Lanka": a country of two words after the hyphen
    tail = ix.word(k).partition("-")[2]
    if j == k + 1 and tail and f"{tail} {ix.word(j)}" in country_names():
        j += 1
    return j
