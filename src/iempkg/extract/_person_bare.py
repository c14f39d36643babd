"""Persons named with no honorific or title beside them, where the grammar still says "person".

News often names people bare: "Grace Akinyi said ...", "..., said Grace Akinyi.", "according to
Grace Akinyi", "the session was opened by Peter Mwangi, who ...", "Zhu Wei, on behalf of IAE,
...", on a contact or byline line ("For further information: X", "Editor: X"), in parentheses
after the body that sent them ("ICRA (A B and C D)"), or beside someone already known to be a
person: "Dr. Peter Mwangi and Grace Akinyi attended", "Peter Mwangi, Grace Akinyi and Tom
Baraka". A run of two or three name words is taken only with such an anchor, and never
when it is a place ("New Delhi said"), overlaps an organisation's mention, or runs on into more
capitalised words. These rules run after organisations are found, so they cannot take a body's
words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ._names_lexicon import words
from ._names_text import TextIndex
from ._person_words import NameMention, is_name_word, mention
from ._places import gazetteer as place_gazetteer

# Verbs of saying (and of the acts news reports people doing) right after a name.
_SPEECH_AFTER = words(
    """said says told noted added stressed explained emphasised emphasized highlighted remarked
    urged observed stated announced underlined underscored welcomed thanked praised expressed
    called pointed shared presented briefed introduced reiterated affirmed acknowledged
    commended"""
)
# Words right before a name that make it a person: "said X", "according to X", "by X, who".
# (and a byline: "By Jane Doe, GNA")
_BEFORE = re.compile(r"(?:\b(?:said|says|[Aa]ccording to|by)|(?:^|\n)[ \t]*By)\s+$")
# A contact line: "For further information: X", "Media contact: X, x@org.int".
_CONTACT = re.compile(
    r"(?:^|\n)[ \t]*(?:For (?:further|more) information|(?:Media |Press )?[Cc]ontacts?"
    r"|Editors?|Reporters?|Authors?|Written by|Writers?|Correspondents?|Translated by)"
    r"(?:,?\s*(?:please\s+)?contact)?\s*:\s*$"
)
_ENDS = frozenset({",", ".", ";", ":", ")", "(", "and", "who", "whose"})
_MAX_WORDS = 3
_ON_BEHALF = re.compile(r"\s+(?:on behalf of|representing|(?:both|all|each) of)\s")


def _run(ix: TextIndex, i: int) -> int:
    """End token of a run of name words starting at `i` (two or three; `i` when none)."""
    j = i
    while j < len(ix) and j - i < _MAX_WORDS and is_name_word(ix.word(j)):
        if j > i and ix.breaks(j - 1):
            break
        j += 1
    if j - i < 2 or (j < len(ix) and ix.tokens[j].is_cap and not ix.breaks(j - 1)):
        return i  # one word, or the run goes on: a longer name or a body's name
    return j


def is_place(ix: TextIndex, i: int, j: int, whole: bool = False) -> bool:
    """Tokens [i, j) name a country or a large city (not a person); `whole`: only as one name
    ("New York"), not word by word ("Elizabeth" is a city too)."""
    names = place_gazetteer().names
    words = [ix.word(k) for k in range(i, j)]
    phrases = [" ".join(words)] if whole else [" ".join(words), *words]
    return any(
        e.kind != "city" or e.population >= 100_000 for p in phrases for e in names.get(p, [])
    )


def _opens_clause(ix: TextIndex, i: int) -> bool:
    return i == 0 or ix.word(i - 1) in (".", ",", ";", ":", "and", '"', "“") or ix.breaks(i - 1)


def bare_name_mentions(
    ix: TextIndex, known: list[NameMention], taken: Iterable[tuple[int, int]]
) -> list[NameMention]:
    """Mentions of persons named bare (see the module's doc), not overlapping `known` names or
    the `taken` character spans (organisations' mentions)."""
    taken_spans = list(taken)
    busy = sorted([*((m.lead, m.end) for m in known), *taken_spans])
    found: dict[int, NameMention] = {}

    def free(i: int, j: int) -> bool:
        lo, hi = ix.tokens[i].start, ix.tokens[j - 1].end
        return not any(a < hi and lo < b for a, b in busy) and not is_place(ix, i, j)

    def add(i: int, j: int) -> NameMention | None:
        if j > i and i not in found and free(i, j):
            found[i] = mention(ix, i, j, ix.tokens[i].start, None)
            return found[i]
        return None

    tokens = ix.tokens
    for i in range(len(ix)):
        if not tokens[i].is_cap or not is_name_word(tokens[i].text):
            continue  # (most tokens: the cheap test first)
        if i > 0 and is_name_word(tokens[i - 1].text):
            continue
        j = _run(ix, i)
        if j == i:
            continue
        nxt = ix.word(j)
        if nxt == "," and _opens_clause(ix, i) and _ON_BEHALF.match(ix.text, tokens[j].end):
            add(i, j)  # "Zhu Jiaojun, on behalf of IAE, welcomed ..."
            continue
        if nxt in _SPEECH_AFTER:
            if _opens_clause(ix, i):
                add(i, j)  # "Grace Akinyi said"
            continue
        line_end = j == len(ix) or ix.breaks(j - 1) or not nxt[:1].isalpha()
        if nxt not in _ENDS and not line_end and not nxt[:1].islower():
            continue
        before = ix.text[max(0, tokens[i].start - 60) : tokens[i].start]
        if _CONTACT.search(before) or (nxt in _ENDS and _BEFORE.search(before)):
            add(i, j)  # "For further information: X", "said X.", "opened by X, who"
    for _, end in taken_spans:
        _in_parens_after_body(ix, end, add)
        _after_body_in_a_list(ix, end, add)
    _beside_persons(ix, [*known, *found.values()], add)
    return sorted(found.values(), key=lambda m: m.start)


_OPEN = re.compile(r"\s*\(\s*")


def _in_parens_after_body(
    ix: TextIndex, end: int, add: Callable[[int, int], NameMention | None]
) -> None:
    """ "ICRA (Gianluigi Rossi and Ignasi Puig)": the people a body sent, in parentheses."""
    paren = _OPEN.match(ix.text, end)
    k = ix.by_start.get(paren.end()) if paren else None
    runs: list[tuple[int, int]] = []
    while k is not None:
        j = _run(ix, k)
        if j == k:
            return
        runs.append((k, j))
        if ix.word(j) == ")":
            break
        if ix.word(j) not in (",", "and") and ix.word(j) != ";":
            return
        k = j + 1 if ix.word(j + 1) != "and" else j + 2
    before = ix.text[max(0, end - 120) : end]
    for i, j in runs:
        if not all(ix.word(k) in before for k in range(i, j)):  # not the body's short name
            add(i, j)


_BODY_COMMA = re.compile(r"(?:\s*\([A-Z][\w&-]{1,12}\))?,\s+")


def _after_body_in_a_list(
    ix: TextIndex, end: int, add: Callable[[int, int], NameMention | None]
) -> None:
    """ "... announced by the directors-general of CIAT, Rubén Echeverría; the International
    Potato Center (CIP), Pamela Anderson; and ...": the person after their body's name, closing
    an item of a list (a semicolon, or the sentence's end)."""
    gap = _BODY_COMMA.match(ix.text, end)
    k = ix.by_start.get(gap.end()) if gap else None
    if k is None:
        return
    j = _run(ix, k)
    listed = ix.word(j) == ";" or ";" in ix.text[max(0, end - 200) : end]
    if j > k and ix.word(j) in (";", ".") and listed and not is_place(ix, k, j, whole=True):
        add(k, j)


_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _beside_persons(
    ix: TextIndex, persons: list[NameMention], add: Callable[[int, int], NameMention | None]
) -> None:
    """Names in a list or a pair with a known person: "Dr. A B and C D", "A B, C D and E F"."""
    queue = list(persons)
    while queue:
        m = queue.pop()
        # after the person: ", C D" / " and C D", then the end of the list item
        join = _JOIN.match(ix.text, m.end)
        k = ix.by_start.get(join.end()) if join and join.end() > m.end else None
        if k is not None:
            j = _run(ix, k)
            if j > k and (ix.word(j) in _ENDS or ix.word(j)[:1].islower()):
                new = add(k, j)
                if new is not None:
                    queue.append(new)
        # before the person: "C D and Dr. A B"
        lead = ix.by_start.get(m.lead)
        if lead is not None and lead >= 3 and ix.word(lead - 1) == "and":
            i = lead - 1
            while i > 0 and lead - 1 - i < _MAX_WORDS and is_name_word(ix.word(i - 1)):
                i -= 1
            if lead - 1 - i >= 2 and _opens_clause(ix, i):
                new = add(i, lead - 1)
                if new is not None:
                    queue.append(new)
