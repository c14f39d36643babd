"""Where persons are named: name spans anchored by an honorific, a job title or an apposition.

A run of capitalised words is a person's name only when something says so:
- an honorific before it: "Dr. Zhang Linxiu", "H.E Dr Van Monineath", "Assoc. Prof. Yunli Bai";
- a job title right before it: "Director Zhang Linxiu", "Executive Secretary Rima Khalaf",
  "Minister of Ecology and Environment Huang Runqiu" (the last two words after the title's
  complement), "Director Zhang" (a short mention, resolved later);
- a job title in apposition after it: "Elizabeth Mrema, the UNEP's deputy executive director",
  "Wenhe Wang, Executive Dean of RDCY".
Words of the organisation and topic vocabulary never belong to a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ._names_lexicon import (
    CHINESE_SURNAMES,
    DEMONYMS,
    NAME_VOCABULARY,
    PLACE_SUFFIXES,
    STOP_WORDS,
    STRONG_HEADS,
    WEAK_HEADS,
    country_names,
    titles,
)
from ._names_text import TextIndex

_PARTICLES = frozenset({"van", "von", "der", "de", "da", "bin", "binti", "al", "el", "le"})
_MAX_NAME_WORDS = 4


@dataclass
class NameMention:
    """One place a person is named: `start`/`end` cover the name, `lead` the honorific too."""

    start: int
    end: int
    words: tuple[str, ...]
    lead: int
    honorific: str | None = None
    first_tok: int = 0
    end_tok: int = 0


def _atoms(word: str, optional_dots: bool) -> list[str]:
    """The regex pieces of one lexicon entry: a hyphen may be a space, a space any run of
    spaces, a final dot of a word optional ("Dr." and "Dr")."""
    out: list[str] = []
    for k, ch in enumerate(word):
        if ch == "-":
            out.append(r"[-\s]")
        elif ch == " ":
            out.append(r"\s+")
        elif ch == "." and optional_dots and (k + 1 == len(word) or word[k + 1] == " "):
            out.append(r"\.?")
        else:
            out.append(re.escape(ch))
    return out


def _alternation(words: tuple[str, ...], optional_dots: bool) -> str:
    """One pattern for all `words`, written as a trie ("Dir(?:ector(?:-General)?)"): Python's
    regex engine tries a plain alternation branch by branch at every position, a trie once."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = trie
        for atom in _atoms(w, optional_dots):
            node = node.setdefault(atom, {})
        node[""] = {}  # end of an entry
    return _emit(trie)


def _emit(node: dict) -> str:  # type: ignore[type-arg]
    # Longer continuations first, so that the engine prefers "Director-General" to "Director".
    branches = [
        a + _emit(child) for a, child in sorted(node.items(), key=lambda x: -len(x[1])) if a
    ]
    branches.sort(key=len, reverse=True)
    if "" in node:
        return f"(?:{'|'.join(branches)})?" if branches else ""
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


@cache
def honorific_re() -> re.Pattern[str]:
    alt = _alternation(titles().honorifics, optional_dots=True)
    return re.compile(rf"(?<![\w.])(?:{alt})(?![\w])(?=\s+[^\W\d_])")


@cache
def title_re(ignore_case: bool) -> re.Pattern[str]:
    """A job title: modifiers then a core ("Deputy Director-General", "Program Officer")."""
    lex = titles()
    mods = _alternation(lex.modifiers, optional_dots=False)
    cores = _alternation(lex.cores, optional_dots=False)
    flags = re.IGNORECASE if ignore_case else 0
    mods_run = (
        rf"(?:(?:{mods})(?:\s+(?:and|&)\s+(?:{mods}))?(?:\s+|-))*"  # "scientific and technical"
    )
    return re.compile(rf"\b{mods_run}(?:{cores})s?\b", flags)


@lru_cache(maxsize=8)  # names and titles both walk the same article's titles
def title_matches(text: str) -> tuple[re.Match[str], ...]:
    """Every job title in `text`, in any case."""
    return tuple(title_re(True).finditer(text))


@cache
def non_name_words() -> frozenset[str]:
    lex = titles()
    hon = {re.sub(r"\W", "", w) for h in lex.honorifics for w in h.split()}
    return (
        STOP_WORDS
        | NAME_VOCABULARY
        | STRONG_HEADS
        | WEAK_HEADS
        | PLACE_SUFFIXES
        | DEMONYMS
        | lex.words
        | frozenset(w for c in (*lex.cores, *lex.modifiers) for w in c.split() if w[:1].isupper())
        | frozenset(hon)
        | country_names()
    )


def is_name_word(text: str) -> bool:
    """A word that can be part of a person's name: capitalised, not an acronym, not vocabulary."""
    return (
        len(text) > 1
        and text[0].isupper()
        and not text.isupper()
        and text.replace("-", "").replace("'", "").replace("’", "").isalpha()
        and text not in non_name_words()
    )


def _caps_surname(ix: TextIndex, k: int) -> bool:
    """A family name in capitals before a given name, as Chinese pages write it: "ZHANG Wei",
    "FU Bojie" (a known surname, or a short word, never an acronym the text defines elsewhere)."""
    t = ix.word(k)
    return (
        1 < len(t) <= 7
        and t.isupper()
        and t.isalpha()
        and (t.title() in CHINESE_SURNAMES or (len(t) <= 4 and t.title() not in non_name_words()))
        and is_name_word(ix.word(k + 1))
        and ix.text.count(t) <= 3
    )


def _pronoun_surname(ix: TextIndex, k: int) -> bool:
    """ "Professor He Chunyang": a family name that is also an English word, before a given name."""
    return ix.word(k) in CHINESE_SURNAMES and is_name_word(ix.word(k + 1)) and k + 2 <= len(ix)


# Capitalised words that may continue a name begun before them, though they open sentences or
# end headlines elsewhere ("Anne Le More", "Theresa May"): not the function words.
_INNER_OK = frozenset({"More", "May", "June", "Long", "Read", "Wells", "Hope", "Will"})


def read_name(ix: TextIndex, i: int, limit: int = _MAX_NAME_WORDS) -> int:
    """End token (exclusive) of the name starting at token `i` (== i when there is none).
    `limit` counts words; an initial's dot does not count."""
    j = i
    words = 0
    toks = ix.tokens
    while j < len(toks) and words < limit:
        t = toks[j].text
        if (
            is_name_word(t)
            or (j > i and t in _INNER_OK and not ix.word(j + 1)[:1].isupper())
            or (j == i and (_caps_surname(ix, j) or _pronoun_surname(ix, j)))
            # a family name in capitals after a full name: "Yubak Dhwaj GC,"
            or (words >= 2 and t.isupper() and 2 <= len(t) <= 3 and ix.word(j + 1) in (",", "."))
        ):
            j += 1
        elif len(t) == 1 and t.isupper() and ix.word(j + 1) == ".":  # an initial: "J. Smith"
            j += 2
        elif t in _PARTICLES and j > i and is_name_word(ix.word(j + 1)):
            j += 1
        else:
            break
        words += 1
    return j


def _mention(ix: TextIndex, i: int, j: int, lead: int, honorific: str | None) -> NameMention:
    words = tuple(t.text for t in ix.tokens[i:j] if t.text != ".")
    return NameMention(ix.tokens[i].start, ix.tokens[j - 1].end, words, lead, honorific, i, j)


def _after_honorific(ix: TextIndex) -> list[NameMention]:
    out = []
    for m in honorific_re().finditer(ix.text):
        i = ix.first_at_or_after(m.end())
        j = read_name(ix, i)
        if j > i:
            out.append(_mention(ix, i, j, m.start(), m.group()))
    return out


def _after_title(ix: TextIndex, honorific_starts: set[int]) -> list[NameMention]:
    out = []
    for m in title_matches(ix.text):
        i = ix.first_at_or_after(m.end())
        if i >= len(ix) or ix.tokens[i].start in honorific_starts:
            continue
        if m.group().endswith("s") and m.group()[:-1] in titles().cores:
            continue  # a plural ("Ministers", "fellows") is no one person's title
        # A title in lower case ("CIESIN director Robert Chen") anchors only a full name.
        lower = not m.group()[:1].isupper()
        if ix.word(i) in ("of", "for") and not lower:
            out.extend(_name_after_complement(ix, i + 1))
            continue
        j = read_name(ix, i, 3)
        # "Vice Governor Anhui Province": a name does not run on into place or body words.
        if j - i >= (2 if lower else 1) and not (
            ix.word(j)[:1].isupper() and ix.tokens[j].kind != "p"
        ):
            out.append(_mention(ix, i, j, ix.tokens[i].start, None))
    return out


def _name_after_complement(ix: TextIndex, i: int) -> list[NameMention]:
    """ "Minister of Ecology and Environment Huang Runqiu": the name is the last two words.
    Not when the run holds the head noun of a body further left that its last words do not
    close: "Director of the General Directorate of Natural Protected Area," names no person."""
    j = i
    while j < len(ix) and (
        ix.tokens[j].is_cap
        or ix.word(j) in ("and", "the", "of", "for")
        or (ix.word(j) == "in" and ix.word(j + 1) in country_names())  # "of CIM in Nepal"
    ):
        j += 1
    # The first name (two or three name words) after the field, where the run or an "and"
    # ends it: "Head of Department of Environment Ali Salajegheh and Minister ...".
    for k in range(i + 1, j - 1):
        if not (is_name_word(ix.word(k)) and is_name_word(ix.word(k + 1))) or is_name_word(
            ix.word(k - 1)
        ):
            continue
        e = k + 3 if k + 2 < j and is_name_word(ix.word(k + 2)) else k + 2
        if not (e == j or ix.word(e) == "and"):
            continue
        if e == j and ix.word(j)[:1].isupper():
            return []
        heads = [h for h in range(i, k) if ix.word(h) in STRONG_HEADS or ix.word(h) in WEAK_HEADS]
        if heads and heads[-1] != k - 1 and ix.word(k - 1) not in NAME_VOCABULARY:
            return []
        return [_mention(ix, k, e, ix.tokens[k].start, None)]
    return []


_APPOSITION_LEAD = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?:(?:[A-Z][\w-]*\s+){0,6}[A-Z][\w-]*['’]s\s+)?(?:[A-Z][\w.-]*\s+)?"
)


def _before_apposition(ix: TextIndex) -> list[NameMention]:
    out = []
    for c, tok in enumerate(ix.tokens):
        if tok.text != ",":
            continue
        lead = _APPOSITION_LEAD.match(ix.text, tok.start)
        if not lead:
            continue
        # The title may follow "the", an organisation's possessive, or an organisation itself.
        if not any(
            title_re(True).match(ix.text, pos)
            for pos in {lead.end(), *_word_starts(ix.text, tok.end, lead.end())}
        ):
            continue
        i = c
        while i > 0 and c - i < 3 and is_name_word(ix.word(i - 1)):
            i -= 1
        if c - i >= 1 and i > 0 and _caps_surname(ix, i - 1):
            i -= 1  # "ZHU Jiaojun, director of IAE"
        before = ix.word(i - 1)
        if c - i >= 2 and not (before[:1].isupper() and before not in STOP_WORDS):
            out.append(_mention(ix, i, c, ix.tokens[i].start, None))
            out.extend(_pair_before(ix, i))
    return out


def _pair_before(ix: TextIndex, i: int) -> list[NameMention]:
    """ "Gao Maofang and Yu Qiangyi, associate research fellows": the pair shares the title."""
    k = i - 1
    if ix.word(k) != "and" or not (is_name_word(ix.word(k - 1)) and is_name_word(ix.word(k - 2))):
        return []
    h = k - 2
    while h > 0 and k - h < 3 and is_name_word(ix.word(h - 1)):
        h -= 1
    if ix.word(h - 1)[:1].isupper():
        return []
    return [_mention(ix, h, k, ix.tokens[h].start, None)]


def _word_starts(text: str, start: int, end: int) -> list[int]:
    return [start + m.start() for m in re.finditer(r"(?<![\w'’-])\w", text[start:end])]


def _caps_family_names(ix: TextIndex) -> list[NameMention]:
    """ "ZHUO Junchen", "REN Xiaobo": a known family name in capitals before a given name is a
    person wherever it stands (Chinese institutes' pages write names so)."""
    out = []
    for k, t in enumerate(ix.tokens):
        if t.text.isupper() and t.text.title() in CHINESE_SURNAMES and _caps_surname(ix, k):
            j = read_name(ix, k, 3)
            if j - k >= 2:
                out.append(_mention(ix, k, j, t.start, None))
    return out


_BODY_THEN_VERB = re.compile(r",\s*[A-Z]{2,}[\w&]*\s+[a-z]")


def _before_body(ix: TextIndex) -> list[NameMention]:
    """ "Parbat Raj Thani, BCN presented ...": a name opening its sentence, then the acronym of
    the body the person speaks for, then the verb."""
    out = []
    for c, tok in enumerate(ix.tokens):
        if tok.text != "," or not _BODY_THEN_VERB.match(ix.text, tok.start):
            continue
        i = c
        while i > 0 and c - i < 4 and is_name_word(ix.word(i - 1)):
            i -= 1
        if c - i >= 2 and (
            i == 0 or ix.word(i - 1) in (".", ";", ":") or ix.text[ix.tokens[i].start - 1] == "\n"
        ):
            out.append(_mention(ix, i, c, ix.tokens[i].start, None))
    return out


def _between_commas_after_title(ix: TextIndex) -> list[NameMention]:
    """ "Director of Disaster Management Department of NRCS, Dharmaraj Pandey, shared ...",
    "ICIMOD Director General, David Molden, said": a name between commas after a title
    phrase (the title up to the first comma, with no verb or full stop in it)."""
    out = []
    for m in title_matches(ix.text):
        stop = ix.text.find(",", m.end(), m.end() + 120)
        field = ix.text[m.end() : stop]
        if stop < 0 or "." in field or _VERB.search(field):
            continue
        i = ix.first_at_or_after(stop + 1)
        j = read_name(ix, i, 4)
        tied = ix.word(ix.first_at_or_after(m.end())) in ("of", "at")
        if j - i >= 2 and ix.word(j) == "," and (m.group()[:1].isupper() or tied):
            out.append(_mention(ix, i, j, ix.tokens[i].start, None))
    return out


_VERB = re.compile(r"\s(?:is|are|was|were|has|have|[a-z]+ed)\s")
_OF_BODY = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,5}")


def _name_of_body(ix: TextIndex) -> list[NameMention]:
    """ "Susil Parera of International Federation of Red Cross (IFRC) had a presentation": a
    name opening a clause, then "of/from" and a name with a body's head noun."""
    out = []
    for i, t in enumerate(ix.tokens):
        opens = i == 0 or ix.word(i - 1) in (".", ",", ";") or ix.text[t.start - 1] == "\n"
        if not opens or not is_name_word(t.text):
            continue
        j = read_name(ix, i, 3)
        if j - i < 2:
            continue
        body = _OF_BODY.match(ix.text, ix.tokens[j - 1].end)
        run = body.group().split() if body else []
        if run and run[-1] in STRONG_HEADS:
            out.append(_mention(ix, i, j, t.start, None))
    return out


def find_name_mentions(ix: TextIndex) -> list[NameMention]:
    """Every anchored name mention, in text order, one per name span."""
    by_hon = _after_honorific(ix)
    hon_starts = {ix.tokens[m.first_tok].start for m in by_hon}
    found: dict[tuple[int, int], NameMention] = {}
    more = [
        *_caps_family_names(ix),
        *_before_body(ix),
        *_between_commas_after_title(ix),
        *_name_of_body(ix),
    ]
    for m in [*by_hon, *_after_title(ix, hon_starts), *_before_apposition(ix), *more]:
        key = (m.start, m.end)
        if key not in found:
            found[key] = m
    # A shorter span inside a longer one is the same mention read twice.
    spans = sorted(found.values(), key=lambda m: (m.start, -m.end))
    out: list[NameMention] = []
    for m in spans:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
