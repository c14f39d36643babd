"""Candidate organisation names: capitalised phrases built around a head noun, or gazetteer names.

From each head noun ("Center", "Ministry", "Partnership"...) a name grows left over capitalised
modifiers ("Lancang-Mekong Environmental Cooperation Center") and right over an "of/for/on"
complement ("Ministry of Ecology and Environment", "Regional Office for Asia and the Pacific").
It never grows over a person's name, a job title, a sentence opener or a lower-case word, so
"Deputy Director of the Institute of ..." yields "Institute of ...". An "(ACR)" after the phrase
is its acronym when the letters fit; the fit also finds where a long name starts
("United Nations Environment Programme - International ... Partnership (UNEP-IEMP)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..gazetteer import Gazetteer, GazetteerEntry
from ..names import fold
from ._names_lexicon import (
    ADJECTIVAL_ACRONYMS,
    COMPLEMENT_STARTS,
    DEMONYMS,
    GENERIC_FOLLOWERS,
    NAME_VOCABULARY,
    PLURAL_HEADS,
    ROMANCE_CONNECTORS,
    ROMANCE_HEADS,
    STOP_WORDS,
    STRONG_HEADS,
    VENUE_MODIFIERS,
    WEAK_HEADS,
    country_names,
    is_country,
    titles,
)
from ._names_text import TextIndex
from ._org_acronyms import ACRONYM_PAREN, acronym_fit, is_acronym
from ._person_words import is_name_word, title_re
from ._places import gazetteer as place_gazetteer

_HEADS = STRONG_HEADS | WEAK_HEADS | PLURAL_HEADS | ROMANCE_HEADS
_fold = lru_cache(maxsize=16384)(fold)  # the same words recur in every article
_MAX_LEFT = 8
_MAX_COMPLEMENT = 18


@dataclass
class Candidate:
    """Tokens [i, j) of a possible organisation name."""

    i: int
    j: int
    head: str  # head noun, or "" for a gazetteer name
    comp: int | None = None  # first token of the complement after "of/for/on (the)"
    acronym: str | None = None
    acronym_span: tuple[int, int] | None = None
    country: str | None = None
    gazetteer: GazetteerEntry | None = None
    after: int = 0  # offset after the name and its "(ACR)", where what follows is read
    nested_in: Candidate | None = field(default=None, repr=False)
    owns_unit: bool = False  # "University of Ghana" in "University of Ghana ... Centre"


@cache
def _title_words() -> frozenset[str]:
    return titles().words


def _modifier(ix: TextIndex, k: int, blocked: set[int]) -> bool:
    """Token `k` may stand before a head noun inside a name."""
    t = ix.tokens[k]
    return (
        k not in blocked and t.is_cap and t.text not in STOP_WORDS and t.text not in _title_words()
    )


def _binomial(ix: TextIndex, k: int, blocked: set[int]) -> bool:
    """ "Science and Technology", "Research and Development": an "and" between two words of the
    vocabulary of names, which reads as one modifier."""
    return (
        k > 0
        and ix.word(k - 1) in NAME_VOCABULARY
        and ix.word(k + 1) in NAME_VOCABULARY
        and k - 1 not in blocked
        and ix.tokens[k - 1].is_cap
    )


def _extend_left(ix: TextIndex, h: int, blocked: set[int], company: bool, gaz: Gazetteer) -> int:
    i = h
    k = h - 1
    crossed = -1
    while k >= 0 and h - k <= _MAX_LEFT and not ix.breaks(k):
        t = ix.tokens[k]
        if _place_ends_complement(ix, k):
            break  # "University of Ghana Climate Change Resource Centre": a unit of that body
        if crossed >= 0 and t.text in _HEADS:
            k = crossed  # "Tsinghua University and Peking University": two names, not one
            break
        if _modifier(ix, k, blocked) or (company and k not in blocked and t.is_cap):
            i = k
        elif crossed >= 0 and t.text == "and" and _binomial(ix, k, blocked):
            i = k  # "Science and Technology Promotion and Development Bureau": a fixed pair
        elif (
            t.text in ("and", "&")
            and crossed < 0
            and k > 0
            and _modifier(ix, k - 1, blocked)
            and not ix.tokens[k - 1].is_acronym
            and not ix.tokens[i].is_acronym
        ):
            crossed = k  # "... International Trade and Economic Corporation"
        else:
            break
        k -= 1
    if crossed >= 0 and i < crossed and ix.word(crossed) == "&":
        pass  # "Science & Technology Department": "&" joins the fields of one name
    elif crossed >= 0 and i < crossed:
        stop = ix.word(k)
        # Across "and" we may have entered another name's complement ("Ministry of Ecology and
        # Environment and Peking University") or a list of names: then stay on our side.
        if stop == "the":
            stop = ix.word(k - 1)
            k -= 1
        left = ix.text[ix.tokens[i].start : ix.tokens[crossed - 1].end]
        if (
            k == crossed
            or (stop in ("of", "for") and ix.word(k - 1) in _HEADS)
            # "UN Environment and Yili ... Foundation", "in Africa and United Nations ...":
            # the left side is a body or a place of its own.
            or left in country_names()
            or left in _REGIONS
            or gaz.lookup(left) is not None
            or ix.tokens[i].is_acronym  # "TU Hamburg and University of Cape Coast"
        ):
            i = crossed + 1
    elif crossed >= 0:
        i = crossed + 1
    # A serial list of fields before the head: "Science, Technology and International
    # Cooperation Department", "Production, Productivity and Management Division"
    if (
        i >= 2
        and "and" in (ix.word(x) for x in range(i, h))
        and ix.word(i - 1) == ","
        and _modifier(ix, i - 2, blocked)
        and not ix.tokens[i - 2].is_acronym
        and not (i >= 3 and ix.tokens[i - 3].is_cap)
    ):
        i -= 2
    # A country whose name holds "of": "the Republic of Korea National Commission for UNESCO"
    for n in (3, 4):
        if i - n + 1 >= 0 and ix.word(i - 1) in ("of", "the"):
            words = " ".join(t.text for t in ix.tokens[i - n + 1 : i + 1])
            if words in country_names() and all(k not in blocked for k in range(i - n + 1, i)):
                i = i - n + 1
                break
    # Initials before a name: "A.V. Zhirmunsky National Scientific Center"
    while (
        i >= 2 and ix.word(i - 1) == "." and len(ix.word(i - 2)) == 1 and ix.word(i - 2).isupper()
    ):
        i -= 2
    return i


_REGIONS = frozenset({"Africa", "Asia", "Europe", "America", "Latin America", "Oceania"})
_GOVERNMENT_HEADS = frozenset({"Ministry", "Department"})
# "(ICCES – COMSATS Centre of Excellence in China)": the acronym, then a note on the body
_ACRONYM_NOTE = re.compile(r"\s*\(\s*(?P<acr>[A-Z][A-Za-z&.]*[A-Z])\s+[–—-]\s[^()\n]{1,120}\)")
_UNDER_BODIES = frozenset({"President", "Government", "Cabinet", "Ministry", "Prime", "Office"})


def _place_ends_complement(ix: TextIndex, k: int) -> bool:
    """Token `k` ends a country or city name that completes "<Head> of (the) <place>"
    ("University of Ghana", "Bank of the Philippine Islands" is no such name)."""
    for n in (1, 2, 3):
        a = k - n + 1
        if a < 2:
            break
        at = a - 1 if ix.word(a - 1) != "the" else a - 2
        if ix.word(at) != "of" or ix.word(at - 1) not in _UNIVERSITY_HEADS:
            continue  # (the cheap test first: this runs at every word left of a head)
        name = " ".join(ix.word(x) for x in range(a, k + 1))
        if is_country(name) or _is_city(name):
            return True
    return False


_UNIVERSITY_HEADS = frozenset({"University", "Universiti", "College", "Academy", "Institute"})


def _unit_of_place_body(ix: TextIndex, c: Candidate) -> Candidate | None:
    """ "University of Ghana Climate Change Resource Centre": the body ("University of
    Ghana") the unit belongs to, as a candidate of its own inside the whole name."""
    if c.comp is None or c.head not in _UNIVERSITY_HEADS:
        return None
    for k in range(c.comp, min(c.comp + 3, c.j - 2)):
        if (
            _place_ends_complement(ix, k)
            and ix.tokens[k + 1].is_cap
            and any(ix.word(x) in _HEADS for x in range(k + 1, c.j))
        ):
            return Candidate(c.i, k + 1, c.head, c.comp, owns_unit=True)
    return None


def _person_after_country(ix: TextIndex, m: int) -> bool:
    """Tokens from `m` are a person's name (two name words, then no capital) right after a
    country that ends a complement ("of Belarus")."""
    if ix.word(m - 2) != "of" or not is_country(ix.word(m - 1)):
        return False
    nxt = ix.tokens[m + 2] if m + 2 < len(ix) else None
    return (
        is_name_word(ix.word(m))
        and is_name_word(ix.word(m + 1))
        and (nxt is None or not nxt.is_cap or ix.breaks(m + 1))
    )


def _field_after_head(ix: TextIndex, k: int) -> bool:
    """The head word at `k` is a field's first word, not a new body's head: the capitalised
    run goes on after it with words that are no head ("Bureau for Policy and Programme
    Support"; a body's name ends with its head, or goes on with "of": "Peking University",
    "Agency for ...")."""
    j = k + 1
    while j < len(ix) and ix.tokens[j].is_cap and not ix.breaks(j - 1):
        if ix.word(j) in _HEADS:
            return False
        j += 1
    return j > k + 1 and ix.word(j) not in COMPLEMENT_STARTS and ix.word(j) != "("


def _run_has_head(ix: TextIndex, k: int) -> bool:
    """After an "and": does the next capitalised run hold a head noun, or start with an
    acronym? (An acronym further on is that run's own complement: "... Relations and Legal
    Affairs of APSCO".)"""
    if ix.word(k) == "the":
        k += 1
    if ix.word(k) in ("Former", "Acting") and title_re(False).match(
        ix.text, ix.tokens[k + 1].start if k + 1 < len(ix) else 0
    ):
        return True  # "University of X and Former Vice-Chancellor of Y": a post, not a name
    first = k
    while k < len(ix) and ix.tokens[k].is_cap:
        # (a head after "of" is in that run's own complement: "... Ecology and Geography
        # of the Chinese Academy of Sciences" goes on as one name)
        t = ix.word(k)
        if k == first and ix.tokens[k].is_acronym:
            return True
        if t in _HEADS and not _field_after_head(ix, k):
            return True
        if k == first and t in country_names() and ix.word(k + 1) in ("’", "'"):
            return True  # "... and Romania's Danube Delta Institute": another country's body
        if t in _title_words():
            # a post opening the run ("... and Executive Director of Y") starts a new phrase;
            # one after a field word ("Science and Technology Secretary X") ends the name here
            return bool(title_re(False).match(ix.text, ix.tokens[first].start))
        k += 1
    return False


_TREATY_WORDS = frozenset({"Convention", "Conventions", "Protocol", "Protocols", "Agreement"})


def _serial_list_end(ix: TextIndex, m: int, blocked: set[int]) -> int | None:
    """At a comma inside a complement: the end of a serial list of plain capitalised items
    ("Ministry of Environment, Water and Natural Resources", "Office for Environment, Culture
    and Sustainable Development"), or None when the comma ends the name."""
    k = m
    items = 0
    while ix.word(k) == ",":
        k += 1
        if ix.word(k) == "and":
            # the serial comma (", and Innovation"), only after a plain item
            return _list_item_end(ix, k + 1, blocked) if items else None
        end = _list_item_end(ix, k, blocked)
        items += 1
        if end is None:
            return None
        k = end
        if ix.word(k) == "and":
            return _list_item_end(ix, k + 1, blocked)
    return None


def _list_item_end(ix: TextIndex, k: int, blocked: set[int]) -> int | None:
    """End of one to three capitalised words that are no head noun, acronym, country or name."""
    start = k
    while k < len(ix) and k - start < 3 and ix.tokens[k].is_cap:
        t = ix.tokens[k]
        if (
            k in blocked
            or t.text in _HEADS
            or t.is_acronym
            or t.text in STOP_WORDS
            or t.text in country_names()
            or t.text in _TREATY_WORDS  # "the Stockholm Convention, Rotterdam and Basel ..."
        ):
            return None
        k += 1
    return k if k > start else None


def _extend_right(ix: TextIndex, h: int, blocked: set[int]) -> tuple[int, int | None]:
    """End token of the name headed at `h` and where its complement starts (if it has one)."""
    # (title case writes "Chinese Academy Of Sciences")
    nxt = ix.word(h + 1)
    if nxt not in COMPLEMENT_STARTS and nxt != "Of" and not _to_verb(ix, h + 1):
        return h + 1, None
    m = h + 2
    if ix.word(m) == "the":
        m += 1
    comp = m
    last = None
    under = False
    second_of: int | None = None  # the latest "of" inside the complement
    while m < len(ix) and m - h <= _MAX_COMPLEMENT and not ix.breaks(m - 1):
        t = ix.tokens[m]
        if (
            t.text == "under"
            and last == m - 1
            and ix.word(m + 1) == "the"
            and ix.word(m + 2) in _UNDER_BODIES
        ):
            # "Academy of Public Administration under the President of the Republic of
            # Kazakhstan": the state organ a body is attached to is part of its name
            under, m = True, m + 2
            continue
        if m in blocked or t.text in STOP_WORDS:
            break
        if t.text == "Government" and last == m - 1 and ix.word(m + 1) == "of":
            break  # "Ministry of ... and Environment Government of Sri Lanka": the state after
        if t.text in _title_words() and not (under and t.text in _UNDER_BODIES):
            # "Office of the Permanent Secretary," is a body; "... of Botany Director Li" stops.
            if ix.tokens[m + 1].is_cap if m + 1 < len(ix) else False:
                break
            last = m
            break
        post = title_re(False).match(ix.text, t.start) if t.is_cap and m > comp else None
        if post is not None and last == m - 1 and " " in post.group() and post.group()[-1] != "s":
            break  # "Vice Chancellor of University of Ruhuna Senior Professor X": a post begins
        if t.text in _PEOPLE_AFTER and last == m - 1:
            break  # "the Ministry of Irrigation Officials": the body's people, not its name
        if t.is_cap and last == m - 1 and _person_after_country(ix, m):
            break  # "... Academy of Sciences of Belarus Alexander Zaytsev, researcher"
        if t.is_cap:
            last = m
        elif t.text == "," and last == m - 1:
            end = _serial_list_end(ix, m, blocked)
            if end is None:
                break
            last, m = end - 1, end
            continue
        elif t.text in ("’", "'") and ix.word(m + 1) == "s" and last == m - 1:
            m += 2  # "People's Republic of China"
            continue
        elif (
            t.text in ("’", "'")
            and last == m - 1
            and ix.word(m - 1).endswith("s")
            and ix.word(m + 1)[:1].isupper()
        ):
            m += 1  # "Ministry of Agriculture and Farmers' Welfare"
            continue
        elif (
            t.text == "in"
            and last == m - 1
            and (_region_next(ix, m + 1) or _acronym_spells_on(ix, h, m))
        ):
            # "Institute for Teacher Capacity Building in Africa": a region of the name;
            # "Pakistan Council of Research in Water Resources (PCRWR)": its acronym says so
            m += 1
            continue
        elif t.text in ("and", "&"):
            second_body = (
                second_of is not None
                and second_of > comp
                and ix.tokens[m + 1].is_cap
                and ix.word(m - 1) not in country_names()
            )
            # "Research Center for Oceanography of National Research and Innovation Agency":
            # after a second "of" the "and" is inside the parent's name, which the unit's
            # name holds at its fullest (as "Soil Center of the Ministry of Ecology and ...")
            # ("&" joins the fields of one name: "Division of Science & Technology Department")
            if t.text == "and" and _run_has_head(ix, m + 1) and not second_body:
                break
        elif t.text not in _COMPLEMENT_SMALL_WORDS:
            break
        if t.text == "of":
            second_of = m
        m += 1
    if last is None:
        return h + 1, None
    return last + 1, comp


_NAME_REGIONS = frozenset(
    {"Africa", "Asia", "Europe", "Oceania", "Pacific", "Caribbean", "Americas", "Latin",
     "Middle", "Southeast", "Central", "Eastern", "Western", "Southern", "Northern"}
)  # fmt: skip


def _region_next(ix: TextIndex, k: int) -> bool:
    k = k + 1 if ix.word(k) == "the" else k
    return ix.word(k) in _NAME_REGIONS


# Small words inside a complement: English, and the particles of place names ("University of
# Dar es Salaam", "Universidad de Ciencia y Tecnología")
_COMPLEMENT_SMALL_WORDS = frozenset(
    {"of", "for", "the", "on", "-", "–", "de", "des", "du", "es", "el", "al", "ul", "da", "do"}
    | {"di", "dos", "das", "del", "la", "y"}
)
_PEOPLE_AFTER = frozenset(
    {"Officials", "Staff", "Members", "Representatives", "Delegates", "Experts", "Participants"}
)


def _acronym_spells_on(ix: TextIndex, h: int, m: int) -> bool:
    """After the "in" at `m`: capitalised words, then an "(ACR)" whose letters spell the whole
    name from a few words before the head (the head's own start is found later)."""
    k = m + 1
    while k < len(ix) and k - m <= 4 and ix.tokens[k].is_cap:
        k += 1
    paren = ACRONYM_PAREN.match(ix.text, ix.tokens[k - 1].end) if k > m + 1 else None
    if paren is None:
        return False
    acr = paren.group("acr")
    words = tuple(ix.word(x) for x in range(max(0, h - 3), k) if ix.tokens[x].kind != "p")
    return any(
        acronym_fit(acr, words[n:]) == 0 for n in range(len(words)) if words[n][:1].isupper()
    )


def _to_verb(ix: TextIndex, k: int) -> bool:
    """ "Council to Combat Desertification", "Alliance to End Plastic Waste": a purpose in
    capitals after "to" is part of the name (not "Mission to Kenya": a place)."""
    nxt = ix.word(k + 1)
    return (
        ix.word(k) == "to"
        and nxt[:1].isupper()
        and not _in_headline(ix, k)  # "XIEG Signs MOU with Z Foundation to Strengthen ..."
        and not ix.tokens[k + 1].is_acronym
        and nxt not in country_names()
        and not _is_city(nxt)
        and nxt not in STOP_WORDS
    )


def _in_headline(ix: TextIndex, k: int) -> bool:
    """Token `k` is on a first line written in title case, where every verb is capitalised."""
    line_end = ix.text.find("\n")
    if line_end < 0 or ix.tokens[k].start > line_end:
        return False
    heads = [w for w in ix.text[:line_end].split() if w[:1].isalpha() and len(w) > 3]
    return len(heads) >= 3 and sum(w[0].isupper() for w in heads) >= 0.8 * len(heads)


# Units a post is named after: "Head of Department", "Director of Division".
UNNAMED_UNITS = frozenset({"Department", "Division", "Unit", "Office", "Section", "Branch"})


def unnamed_unit(ix: TextIndex, h: int) -> bool:
    """ "Head of Department of UNEP-IEMP": a unit word right after a title's "of", whose own
    complement is another body (an acronym, or a run with a head noun before any further
    "of"), names no body; the post is "Head of Department" and the body is UNEP-IEMP. With a
    field of its own ("Head of Department of Environment Ali ...") it is the unit's name."""
    if ix.word(h) not in UNNAMED_UNITS or ix.word(h - 1) != "of":
        return False
    if ix.word(h - 2) not in _title_words() or ix.word(h + 1) not in ("of", "at"):
        return False
    k = h + 3 if ix.word(h + 2) == "the" else h + 2
    if k < len(ix) and ix.tokens[k].is_acronym:
        return True
    while k < len(ix) and ix.tokens[k].is_cap:
        if ix.word(k) in _HEADS:
            return True
        k += 1
    return False


def _is_city(word: str) -> bool:
    entries = place_gazetteer().names.get(word, [])
    return any(e.kind == "city" and e.population >= 100_000 for e in entries)


_ROMANCE_ARTICLES = frozenset({"El", "La", "Los", "Las", "Le", "Les", "Il", "Lo", "O", "Os", "As"})
_ELIDED = re.compile(r"[ldLD][’'][A-ZÀ-Ý]\w+")


def _romance_end(ix: TextIndex, h: int, blocked: set[int]) -> int:
    """End of a name whose head comes first: capitalised words and the small words between
    them ("Universidad Nacional Autónoma de México", "Universidades de Chile y Talca")."""
    end = h + 1
    k = h + 1
    while k < len(ix) and k - h <= _MAX_COMPLEMENT and not ix.breaks(k - 1) and k not in blocked:
        t = ix.tokens[k]
        if t.is_cap and t.text not in STOP_WORDS and t.text not in _title_words():
            end = k + 1
        elif _ELIDED.fullmatch(t.text):
            end = k + 1  # "... et de l’Arganier", "Université d’Abomey"
        elif t.text not in ROMANCE_CONNECTORS:
            break
        k += 1
    return end


def _named_after_head(ix: TextIndex, h: int, blocked: set[int]) -> Candidate | None:
    """ "University Eduardo Mondlane (UEM)": a head, then the words it is named after, then an
    acronym that spells them all from the head on (without one the words may start another
    name: "the University Grants Commission")."""
    k = h + 1
    while k < len(ix) and k - h <= 4 and ix.tokens[k].is_cap and k not in blocked:
        k += 1
    paren = ACRONYM_PAREN.match(ix.text, ix.tokens[k - 1].end)
    if k == h + 1 or paren is None or not is_acronym(paren.group("acr")):
        return None
    if acronym_fit(paren.group("acr"), _words(ix, h, k)) != 0:
        return None
    return Candidate(h, k, ix.tokens[h].text)


def _from_head(ix: TextIndex, h: int, blocked: set[int], gaz: Gazetteer) -> Candidate | None:
    t = ix.tokens[h]
    company = t.kind == "co"
    if h in blocked or not (company or (t.is_cap and t.text in _HEADS)):
        return None
    if unnamed_unit(ix, h):
        return None
    if t.text in ROMANCE_HEADS:
        i = _extend_left(ix, h, blocked, False, gaz)
        while i < h and ix.word(i) in _ROMANCE_ARTICLES:
            i += 1  # "El Ministerio de Medio Ambiente" opening a sentence: the article is no name
        return Candidate(i, _romance_end(ix, h, blocked), t.text)
    nxt = ix.tokens[h + 1] if h + 1 < len(ix) else None
    # "UNEP-China Trust Fund": the name goes on, its head comes later; but not over the city
    # where the body is: "held at ECO Secretariat Tehran, on 12-13 November".
    city_after = nxt is not None and _is_city(nxt.text) and not ix.word(h + 2)[:1].isupper()
    numbered = nxt is not None and nxt.text in _ROMAN
    general = t.text == "Consulate" and nxt is not None and nxt.text == "General"
    if (
        nxt is not None
        and _modifier(ix, h + 1, blocked)
        and not (company or city_after or numbered or general)
    ):
        return _named_after_head(ix, h, blocked)
    if t.text in ("Center", "Centre") and ix.word(h - 1) in VENUE_MODIFIERS:
        return None
    i = _extend_left(ix, h, blocked, company, gaz)
    if (
        i == h
        and t.text in _NAMED_AFTER_HEADS
        and ix.word(h - 1) == "s"
        and ix.word(h - 2) in ("’", "'")
        and is_name_word_like(ix, h - 3)
    ):
        # "St. Paul's University", "Queen's College": named after a person, with a possessive
        i = h - 3
        if ix.word(i - 1) == "." and ix.word(i - 2) in ("St", "Ss"):
            i -= 2
    based = [k for k in range(i, h) if ix.word(k).endswith("-based")]
    if based:
        i = based[-1] + 1  # "the Nairobi-based African Academy", "the New Delhi-based Centre"
    # "Philippine Department of Science and Technology", "the Iranian Ministry of Petroleum":
    # the adjective says whose government, the name starts at the head (an academy or a
    # university keeps it: "Chinese Academy of Sciences")
    if (
        i == h - 1
        and t.text in _GOVERNMENT_HEADS
        and ix.word(i) in DEMONYMS
        and ix.word(h + 1) in ("of", "for")
    ):
        i = h
    j, comp = _extend_right(ix, h, blocked)
    if ix.word(j) in _ROMAN and not ix.word(j + 1)[:1].isupper():
        j += 1  # "Regional Association II", "Working Group III": a numbered body
    if comp is None and j < len(ix) and _is_city(ix.word(j)) and j not in blocked:
        # "Arid Agriculture University Rawalpindi (PMAS-AAUR)": the city is in the name when
        # the acronym spells it too
        paren = ACRONYM_PAREN.match(ix.text, ix.tokens[j].end)
        if paren and acronym_fit(paren.group("acr"), _words(ix, i, j + 1)) == 0:
            j += 1
    if t.text == "Consulate" and j == h + 1 and ix.word(j) == "General":
        j += 1  # "the Royal Bhutanese Consulate General"
    # (also after the sending state: "the Embassy of the Kingdom of the Netherlands in Mexico")
    sender = (
        t.text in ("Embassy", "Consulate")
        and comp is not None
        and is_country(" ".join(ix.word(x) for x in range(comp, j)))
    )
    if (
        t.text in ("Embassy", "Consulate", "Office", "Mission")
        and (j == h + 1 or sender or (t.text == "Office" and comp is not None))
        and ix.word(j) == "in"
    ):
        k = j + 2 if ix.word(j + 1) == "the" else j + 1
        for n in (2, 1):  # "the Chinese Embassy in Indonesia", "... in South Africa"
            place = " ".join(ix.word(k + x) for x in range(n))
            if is_country(place) or (t.text == "Office" and comp is not None and _is_city(place)):
                j = k + n  # (and a regional office in its city: "Regional Office of FAO in Cairo")
                break
    return Candidate(i, j, "Company" if company else t.text, comp)


@cache
def _gazetteer_index(
    gaz: Gazetteer,
) -> dict[str, list[tuple[tuple[str, ...], bool, GazetteerEntry]]]:
    """First word -> (words, exact-case, entry) for every name, alias and acronym."""
    index: dict[str, list[tuple[tuple[str, ...], bool, GazetteerEntry]]] = {}
    for entry in gaz:
        for written in entry.names():
            words = tuple(t.text for t in TextIndex(written).tokens)
            exact = written in entry.acronyms or len(words) == 1
            if not exact:
                words = tuple(_fold(w) for w in words)
            index.setdefault(words[0], []).append((words, exact, entry))
    for seqs in index.values():
        seqs.sort(key=lambda s: -len(s[0]))
    return index


@lru_cache(maxsize=16384)
def _gazetteer_options(
    gaz: Gazetteer, word: str
) -> tuple[tuple[tuple[str, ...], bool, GazetteerEntry], ...]:
    """Known names that may start at `word`, longest first across both keys (as written and
    folded): "UN Environment" before the acronym "UN"."""
    index = _gazetteer_index(gaz)
    both = [*index.get(word, ()), *index.get(_fold(word), ())]
    return tuple(sorted(both, key=lambda s: -len(s[0])))


_ROMAN = frozenset({"II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"})
_NAMED_AFTER_HEADS = frozenset({"University", "College", "School", "Hospital"})


def is_name_word_like(ix: TextIndex, k: int) -> bool:
    """A capitalised word that is no country, acronym or word of the names' vocabulary."""
    t = ix.tokens[k] if 0 <= k < len(ix) else None
    return (
        t is not None
        and t.is_cap
        and not t.is_acronym
        and t.text not in country_names()
        and t.text not in NAME_VOCABULARY
        and t.text not in STOP_WORDS
    )


_OFFICE_REGIONS = frozenset({"Africa", "Asia", "Europe", "Oceania", "Americas"})
_CONNECTORS = frozenset(
    {"of", "for", "and", "the", "on", "in", "to", "de", "des", "du", "la", "del", "&", "at", "-"}
)


def _from_gazetteer(ix: TextIndex, k: int, gaz: Gazetteer, blocked: set[int]) -> list[Candidate]:
    """The longest known name at token `k`, and the known acronym it starts with ("UNEP" in
    "UNEP Regional Office ..."), which is a body of its own."""
    t = ix.tokens[k]
    if k in blocked or not t.is_cap:
        return []
    options = _gazetteer_options(gaz, t.text)
    if not options:
        return []
    found: list[Candidate] = []
    # The text's words after `k`, as written and folded, once for all the options (longest
    # first): hundreds of names share a first word such as "International"
    span = len(options[0][0])
    ahead = tuple(ix.word(k + n) for n in range(span))
    folded = tuple(_fold(w) for w in ahead)
    for words, exact, entry in options:
        n = len(words)
        if (ahead[:n] != words) if exact else (folded[:n] != words):
            continue
        got = ahead[:n]
        content = [w for w in got if w[:1].isalpha() and _fold(w) not in _CONNECTORS]
        if not exact and 2 * sum(w[:1].isupper() for w in content) <= len(content):
            continue  # "an Andean community", "the Pacific community": words, not a name
        j = k + len(words)
        nxt = ix.word(j)
        if nxt.lower() in GENERIC_FOLLOWERS:
            return found  # "United Nations agencies"
        if t.text in ADJECTIVAL_ACRONYMS and len(words) == 1 and _adjectival(ix, j):
            continue  # "UN Development Programme", "the UN 2030 Agenda", "U.N. envoy"
        regional = nxt in _OFFICE_REGIONS and not ix.word(j + 1)[:1].isupper()
        if not exact and _continues(ix, j) and not _unit_follows(ix, j) and not regional:
            return found  # "Global Environment Facility Trust Fund" names a fund
        if not found or (len(words) == 1 and exact and found[0].j > j):
            found.append(Candidate(k, j, "", gazetteer=entry))
        if ((exact and len(words) == 1 and nxt in country_names()) or regional) and not ix.word(
            j + 1
        )[:1].isupper():
            # "UNESCO China", "Wetlands International Africa": its office there
            found.insert(0, Candidate(k, j + 1, "Office"))
    return found


def _adjectival(ix: TextIndex, j: int) -> bool:
    """What follows an acronym such as "UN" makes it an adjective: a name, a year, a title."""
    nxt = ix.word(j)
    return (
        nxt[:1].isupper()
        or nxt[:1].isdigit()
        or bool(title_re(True).match(ix.text, ix.tokens[j].start) if j < len(ix) else False)
    )


def _unit_follows(ix: TextIndex, j: int) -> bool:
    """The capitalised run after a known body ends in a strong head noun: the body is the
    parent named in its unit's name ("China Meteorological Administration Training Centre")."""
    k = j
    while k < len(ix) and ix.tokens[k].is_cap and k - j < 4:
        k += 1
    return k > j and ix.word(k - 1) in STRONG_HEADS


def _continues(ix: TextIndex, j: int) -> bool:
    """A capitalised word at `j` carries a name on (not a title, an opener or a country)."""
    t = ix.tokens[j] if j < len(ix) else None
    return (
        t is not None
        and t.is_cap
        and t.text not in STOP_WORDS
        and t.text not in country_names()
        and not title_re(False).match(ix.text, t.start)
    )


def _attach_acronym(ix: TextIndex, c: Candidate, blocked: set[int]) -> Candidate | None:
    """Read "(ACR)" or "(Country)" after the name.

    When the acronym's letters show that the name starts further left ("United Nations
    Environment Programme - International Ecosystem Management Partnership (UNEP-IEMP)"), the
    longer name is returned as a new candidate; `c` stays, without the acronym, as the name
    nested in it.
    """
    end = ix.tokens[c.j - 1].end
    c.after = end
    m = ACRONYM_PAREN.match(ix.text, end) or _ACRONYM_NOTE.match(ix.text, end)
    if not m:
        _dash_qualifier(ix, c)
        end = ix.tokens[c.j - 1].end
        m = ACRONYM_PAREN.match(ix.text, end)
        if not m:
            return None
    acr = m.group("acr")
    if acr in country_names():
        c.country, c.after = acr, m.end()
        return None
    if any(ch.isdigit() for ch in acr):
        return None  # "(COP 22)", "(GP2019)": numbered acronyms name events
    if not is_acronym(acr) and not _contraction(acr, _words(ix, c.i, c.j)):
        return None
    if _fits_complement_only(ix, c, acr):
        return None  # "Steering Committee for Asian Wetland Symposium (AWS)": the event's
    c.acronym, c.acronym_span, c.after = acr, (m.start("acr"), m.end("acr")), m.end()
    best_i, best = c.i, acronym_fit(acr, _words(ix, c.i, c.j))
    k = c.i - 1
    while k >= 0 and c.i - k <= 12 and best != 0:
        t = ix.tokens[k]
        if k in blocked or t.text in STOP_WORDS or t.text in _title_words() or ix.breaks(k):
            break
        if not (t.is_cap or t.text in ("and", "of", "for", "the", "-", "–", "&")):
            break
        if t.is_cap:
            fit = acronym_fit(acr, _words(ix, k, c.j))
            if fit is not None and (best is None or fit < best):
                best_i, best = k, fit
        k -= 1
    if best_i == c.i:
        return None
    longer = Candidate(best_i, c.j, c.head, None, acr, c.acronym_span, c.country, after=c.after)
    c.acronym, c.acronym_span, c.after = None, None, end
    return longer


def _contraction(short: str, words: tuple[str, ...]) -> bool:
    """ "Zimbabwe Parks and Wildlife Authority (ZimParks)" or "(Zimparks)": a short form, one
    word, made of the beginnings of the name's words, in order, from the first word."""
    if not short.isalpha() or not short[:1].isupper() or short.isupper():
        return False
    low = short.lower()
    rest = [w.lower() for w in words if w[:1].isupper()]

    def spell(at: int, k: int, pieces: int) -> bool:
        if at == len(low):
            return pieces >= 2
        for w in range(k, len(rest)):
            if w > k and k == 0:
                return False  # the first word gives the first piece
            word = rest[w]
            n = 2 if at == 0 else 1
            while n <= len(word) and at + n <= len(low) and low[at : at + n] == word[:n]:
                if spell(at + n, w + 1, pieces + 1):
                    return True
                n += 1
        return False

    return len(low) >= 4 and spell(0, 0, 0)


_DASH_RUN = re.compile(r"\s*[–—-]\s*(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*(?=\s*\()")


def _dash_qualifier(ix: TextIndex, c: Candidate) -> None:
    """ "Ramsar Regional Center – East Asia (RRC-EA)": a region after a dash belongs to the
    name when the acronym that follows spells both."""
    end = ix.tokens[c.j - 1].end
    run = _DASH_RUN.match(ix.text, end)
    paren = ACRONYM_PAREN.match(ix.text, run.end()) if run else None
    if run is None or paren is None:
        return
    j = ix.first_at_or_after(run.end())
    if any(t.text in _HEADS for t in ix.tokens[c.j : j]):
        return  # "UNEP - International Ecosystem Management Partnership (UNEP-IEMP)": a name of
        # its own, which its head noun builds
    if acronym_fit(paren.group("acr"), _words(ix, c.i, j)) is not None:
        c.j = j


def _fits_complement_only(ix: TextIndex, c: Candidate, acr: str) -> bool:
    """The acronym spells the words after the name's "for/of", not the name."""
    if c.comp is None or acronym_fit(acr, _words(ix, c.i, c.j)) is not None:
        return False
    return acronym_fit(acr, _words(ix, c.comp, c.j)) is not None


def _words(ix: TextIndex, i: int, j: int) -> tuple[str, ...]:
    return tuple(t.text for t in ix.tokens[i:j] if t.kind != "p")


def find_candidates(ix: TextIndex, gaz: Gazetteer, blocked: set[int]) -> list[Candidate]:
    """Every head-noun phrase and gazetteer name in the text, with acronyms attached."""
    out: list[Candidate] = []
    for k in range(len(ix)):
        if not ix.tokens[k].is_cap:
            continue  # both kinds of name start with a capital (so does "Co., Ltd")
        for c in (_from_head(ix, k, blocked, gaz), *_from_gazetteer(ix, k, gaz, blocked)):
            if c is not None:
                longer = _attach_acronym(ix, c, blocked)
                out.extend((c, longer) if longer else (c,))
                body = _unit_of_place_body(ix, c)
                if body is not None:
                    out.append(body)
    return _one_owner_per_acronym(ix, _dedupe(out))


def _one_owner_per_acronym(ix: TextIndex, cands: list[Candidate]) -> list[Candidate]:
    """An "(ACR)" belongs to the longest name before it, not to names nested in that one."""
    owner: dict[tuple[int, int], Candidate] = {}
    for c in cands:  # sorted by start: the first with a given acronym span is the longest
        if c.acronym_span is None:
            continue
        if c.acronym_span in owner:
            c.acronym, c.acronym_span = None, None
            c.after = ix.tokens[c.j - 1].end
        else:
            owner[c.acronym_span] = c
    return cands


def _dedupe(cands: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per token range; a head phrase and a gazetteer name may find the same one."""
    seen: dict[tuple[int, int], Candidate] = {}
    for c in cands:
        old = seen.get((c.i, c.j))
        if old is None:
            seen[(c.i, c.j)] = c
        else:
            old.gazetteer = old.gazetteer or c.gazetteer
            if c.acronym and not old.acronym:
                old.acronym, old.acronym_span, old.after = c.acronym, c.acronym_span, c.after
            old.head = old.head or c.head
            old.comp = old.comp if old.comp is not None else c.comp
    # A head phrase cut short inside a known name that starts where it does ("International
    # Center for Agricultural Research" in "... Research in the Dry Areas") is no body of its own.
    known_end: dict[int, int] = {}
    for c in seen.values():
        if c.gazetteer is not None and not c.head:
            known_end[c.i] = max(known_end.get(c.i, 0), c.j)
    return sorted(
        (c for c in seen.values() if not (c.gazetteer is None and c.j < known_end.get(c.i, 0))),
        key=lambda c: (c.i, -c.j),
    )
