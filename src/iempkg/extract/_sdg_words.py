"""Words for SDG and topic matching: lower-cased, plural 's' dropped, each with its span.

Hyphenated words are split ("South-South" = "south south", "capacity-building" = "capacity
building") so that a phrase matches however the page hyphenates it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (readable data in code)."""
    return frozenset(words.split())


_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|\d+(?:\.\d+)?")
# Words too common to carry meaning on their own (stop words and news boilerplate).
STOP = wordset(
    """
    a about above after again all also among an and any are as at be been before being
    below between both but by can could did do does during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just
    least less many may more most much must no nor not now of off on once only or other
    our out over own per same she should so some such than that the their them then
    there these they this those through to too under until up upon very was we were what
    when where which while who whom why will with within would you your 2030 2020 2025
    by ensure achieve promote increase including particular especially all country
    developing develop developed level levels through substantially significantly
    significant support sustainable development relevant accordance appropriate improve
    strengthen implement implementation enhance national global international access all
    people number proportion total based rate new said one two three year years day days
    mr ms dr prof director
    """
)


# Words of the official SDG texts too general to hint at a goal by themselves.
GENERIC = wordset(
    """
    help round extreme maintain low live risk essential against conference modern work
    secure cost regulation attention accessible older special cycle pattern company
    raising illegal conserve transfer contribute halt loss urgent mobilize protected
    take goal term rule free north south target timely official existing mechanism
    commitment mutually dimension living growth science export internationally agreed
    sustainably capability prevention
    """
)
_INVARIANT = frozenset({"species", "series", "its", "this", "has", "was", "news", "analysis"})

# A capitalised name with an organisation's head word ("School of Advanced Agricultural
# Sciences", "Environmental Governance Programme"): its words name a body, not the subject.
_CAP = r"[A-Z][\w'’-]*"
ORG_NAME = re.compile(
    rf"(?:{_CAP}(?:\s+(?:(?:of|for|and|on|the|&)\s+)*{_CAP})*\s+)?"
    r"(?:University|School|Institute|Cent(?:er|re)|Ministry|Department|Academy|Foundation|Office"
    r"|Programme|Program|Secretariat|Council|Agency|Laboratory|Commission|Committee|Bureau"
    r"|Administration|Corporation|Group|Partnership|Organi[sz]ation|Association|Society|Fund|Facility"
    r"|Panel)\b"
    rf"(?:\s+(?:of|for|on)(?:\s+the)?\s+{_CAP}(?:\s+(?:(?:of|for|and|on|the|&)\s+)*{_CAP})*)?"
)


class Word(NamedTuple):  # a tuple: made for every word of every article, 3x cheaper than a dataclass
    stem: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Lower case without the plural 's' or possessive ('cities' -> 'city', 'UNEP's' -> 'unep')."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _INVARIANT:
        return w
    if w.endswith("sses"):
        return w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics")):
        return w[:-1]
    return w


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    end = len(text) if end is None else end
    return [Word(stem(m.group()), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


@lru_cache(maxsize=8)  # topics and SDGs both mask the same article's names
def org_name_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where `ORG_NAME` matches in `text`."""
    return tuple(m.span() for m in ORG_NAME.finditer(text))


def mask(length: int, spans: list[tuple[int, int]]) -> bytearray:
    """One byte per character of the text, 1 inside any of `spans`: an O(1) 'is this masked'."""
    out = bytearray(length)
    for a, b in spans:
        out[a:b] = b"\x01" * (b - a)
    return out


@lru_cache(maxsize=16384)  # the same trigger phrases recur in every article
def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(w.stem for w in words(phrase))
