"""Tokens of a document with their offsets, and sentence ends: what the entity rules walk over.

Tokens are words (letters and digits with inner hyphens or apostrophes: "UNEP-IEMP",
"Director-General", "O'Neil"), company suffixes as one token ("Co., LTD"), and single
punctuation marks. The possessive "'s" is split off so that "UNEP's" still yields "UNEP".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ._names_lexicon import COMPANY_SUFFIX

_TOKEN = re.compile(
    r"(?P<co>" + COMPANY_SUFFIX.pattern + r")"
    r"|(?P<w>[^\W_]+(?:(?:[-–]|(?<=[A-Z])&(?=[A-Z])|['’](?!s\b))[^\W_]+)*)"  # "CFT&EC", "R&D"
    r"|(?P<p>\S)"
)
# A sentence ends at . ! ? before a capital or quote, unless the dot closes an abbreviation
# (checked by the caller's regex below), and at every line break.
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“‘'(A-Z0-9])|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Assoc|Asst|St|Co|No|Mt|Jr|Sr|Engr|Eng|Mme|etc|vs|H\.E|U\.S|U\.N"
    r"|Md|Mohd|Sk|Gen|Col|Hon|Ing|Dra|Lic|M\.Sc)"
    r"|\b[A-Z])\.$"
)


_BY_SUFFIX = re.compile(
    r"(?<=[A-Za-z])-(?:led|funded|backed|supported|sponsored|run|hosted|financed|owned|initiated)$"
)


class Token:
    """One token. `is_cap` and `is_acronym` are computed once here, since every rule asks:
    starts with a capital (the mark of a name); written mostly in capitals, like an acronym
    ("UNEP", "UNEP-IEMP", "IUCN"). A plain slotted class: tokens are made by the thousand."""

    __slots__ = ("end", "is_acronym", "is_cap", "kind", "start", "text")

    def __init__(self, text: str, start: int, end: int, kind: str) -> None:
        self.text, self.start, self.end = text, start, end
        self.kind = kind  # "w" word, "co" company suffix, "p" punctuation
        self.is_cap = kind != "p" and text[:1].isupper()
        self.is_acronym = False
        if kind == "w" and self.is_cap and not text[1:].islower():
            letters = [c for c in text if c.isalpha()]
            upper = sum(c.isupper() for c in letters)
            self.is_acronym = upper >= 2 and upper * 3 >= len(letters) * 2

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, {self.kind!r})"

    @property
    def is_word(self) -> bool:
        return self.kind != "p"


class TextIndex:
    """The tokens of one text, with lookups by character offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = []
        for m in _TOKEN.finditer(text):
            word = m.group()
            by = _BY_SUFFIX.search(word) if "-" in word else None
            if by is not None and m.lastgroup == "w":
                # "UKRI-funded", "ICIMOD-led": the body, then what it did
                cut = m.start() + by.start()
                self.tokens.append(Token(word[: by.start()], m.start(), cut, "w"))
                self.tokens.append(Token(word[by.start() :], cut, m.end(), "w"))
            else:
                self.tokens.append(Token(word, m.start(), m.end(), m.lastgroup or "p"))
        self._n = len(self.tokens)
        self.starts = [t.start for t in self.tokens]
        self.by_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.by_end = {t.end: i for i, t in enumerate(self.tokens)}
        # Tokens a line break follows: a name never runs on over one (a title line and the
        # body's first words are two names: "... for ForestGEO" / "Karatina University had").
        self.line_ends = frozenset(
            self.by_end[m.start()]
            for m in re.finditer(r"(?<=\S)[ \t]*\n", text)
            if m.start() in self.by_end
        )
        ends = []
        for m in _SENTENCE_END.finditer(text):
            if m.group() == "." and _ABBREVIATION.search(text, max(0, m.start() - 6), m.end()):
                continue
            ends.append(m.end())
        self.sentence_ends = ends

    def __len__(self) -> int:
        return len(self.tokens)

    def word(self, i: int) -> str:
        """The text of token `i`, or '' outside the text (so callers need no bounds checks)."""
        return self.tokens[i].text if 0 <= i < self._n else ""

    def breaks(self, k: int) -> bool:
        """A line break between token `k` and the next."""
        return k in self.line_ends

    def first_at_or_after(self, offset: int) -> int:
        return bisect_left(self.starts, offset)

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """Start and end offsets of the sentence around `offset`."""
        k = bisect_right(self.sentence_ends, offset)
        start = self.sentence_ends[k - 1] if k > 0 else 0
        end = self.sentence_ends[k] if k < len(self.sentence_ends) else len(self.text)
        return start, end

    def gap(self, end: int, start: int) -> str:
        """The text between two offsets (what separates two tokens or mentions)."""
        return self.text[end:start] if start >= end else ""


class Covered:
    """Is an offset inside one of these spans? (sorted starts and a running maximum of ends)"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        top = -1
        for _, e in spans:
            top = max(top, e)
            self.max_end.append(top)

    def __call__(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and self.max_end[k] > pos
