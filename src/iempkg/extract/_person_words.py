"""The words of persons' names, honorifics and job titles: what the name rules read with.

Layout:
- `honorific_re()`, `title_re(ignore_case)`, `title_matches(text)`: the lexicon of
  `resources/titles.yaml` as regexes (written as tries, so that each is tried once per position);
- `is_name_word(word)`: capitalised, not an acronym, not a word of the organisation, title or
  topic vocabulary;
- `read_name(ix, i)`: where a name that starts at token `i` ends: name words, initials ("J.",
  or without the dot: "Sarder M Asaduzzaman"), particles ("de", "van"), a short given name with
  its dot at the start ("Md.", "Sk."), a suffix at the end ("Jr.");
- `NameMention`, `mention(...)`: one place a person is named.
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
    PLURAL_HEADS,
    ROMANCE_HEADS,
    STOP_WORDS,
    STRONG_HEADS,
    WEAK_HEADS,
    country_names,
    titles,
)
from ._names_lexicon import words as word_list
from ._names_text import TextIndex

_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "da", "la", "del", "della", "di", "du", "dos", "das"}
    | {"ter", "ten", "bin", "binti", "bint", "ibn", "al", "el", "le"}
)
_MAX_NAME_WORDS = 4
# Cyrillic letters transliterated as two (Ж, Ш, Ч, Х, Ц, Ю, Я, Е) stand as initials too.
DIGRAPH_INITIALS = frozenset({"Zh", "Sh", "Ch", "Kh", "Ts", "Yu", "Ya", "Ye"})
_MALAY_PARTICLES = frozenset({"Bt", "Bte", "Bin", "Bn"})
# Verbs of a headline in title case, which end the name before them: "President X Leads a
# Delegation to ...", "Minister Y Visits ...".
HEADLINE_VERBS = frozenset(
    word_list(
        """
        Leads Visits Meets Signs Holds Attends Receives Hosts Opens Launches Joins Welcomes
        Addresses Chairs Inaugurates Delivers Discusses Calls Urges Says Presents Wins Awarded
        Highlights Stresses Underlines Emphasizes Emphasises Praises Pays Takes Speaks Tours
        """
    )
)


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
    # (also glued to the name after its dot: "Dr.Sunimal Jayathunge")
    return re.compile(rf"(?<![\w.])(?:{alt})(?:(?![\w])(?=\s+[^\W\d_])|(?<=\.)(?=[A-Z][a-z]))")


@cache
def title_re(ignore_case: bool) -> re.Pattern[str]:
    """A job title: modifiers then a core ("Deputy Director-General", "Program Officer")."""
    lex = titles()
    mods = _alternation(lex.modifiers, optional_dots=False)
    cores = _alternation(lex.cores, optional_dots=False)
    flags = re.IGNORECASE if ignore_case else 0
    mods_run = rf"(?:(?:{mods})(?:(?:\s+(?:and|&)\s+|\s*/\s*)(?:{mods}))?(?:\s+|-))*"  # "scientific and technical"
    # Two posts held together: "Director & Technical Advisor", "Resident/Humanitarian
    # Coordinator" (with "and" they are two posts, and the one tied to a body is chosen).
    second = rf"\s*[&/]\s*{mods_run}(?:{cores})"
    return re.compile(rf"\b{mods_run}(?:{cores})(?:{second})?s?\b", flags)


@lru_cache(maxsize=8)  # names and titles both walk the same article's titles
def title_matches(text: str) -> tuple[re.Match[str], ...]:
    """Every job title in `text`, in any case; not an academy's rank ("Corresponding Member
    of RAS" is an honour, like "Academician", not a post)."""
    return tuple(
        m
        for m in title_re(True).finditer(text)
        if not (m.group().lower() == "member" and _RANK_BEFORE.search(text, 0, m.start()))
    )


_RANK_BEFORE = re.compile(r"\b(?:Corresponding|Corr\.|Full|Foreign)\s+$")


@cache
def non_name_words() -> frozenset[str]:
    lex = titles()
    hon = {re.sub(r"\W", "", w) for h in lex.honorifics for w in h.split()}
    return (
        STOP_WORDS
        | NAME_VOCABULARY
        | STRONG_HEADS
        | WEAK_HEADS
        | PLURAL_HEADS
        | ROMANCE_HEADS
        | PLACE_SUFFIXES
        | DEMONYMS
        | lex.words
        | frozenset(w for c in (*lex.cores, *lex.modifiers) for w in c.split() if w[:1].isupper())
        | frozenset(hon)
        | country_names()
        | HEADLINE_VERBS
    )


def is_name_word(text: str) -> bool:
    """A word that can be part of a person's name: capitalised, not an acronym, not vocabulary."""
    return (
        len(text) > 1
        and text[0].isupper()
        and not text.isupper()
        and text.replace("-", "").replace("'", "").replace("’", "").isalpha()
        and text not in non_name_words()
        # the plural of a word of the vocabulary: "Environment and Forests", "Fisheries"
        and not (text[-1] == "s" and len(text) > 4 and _singular(text) in non_name_words())
    )


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def caps_surname(ix: TextIndex, k: int) -> bool:
    """A family name in capitals before a given name, as Chinese pages write it: "ZHANG Wei",
    "FU Bojie" (a known surname, or a short word, never an acronym the text defines elsewhere)."""
    t = ix.word(k)
    return (
        1 < len(t) <= 7
        and t.isupper()
        and t.isalpha()
        and (t.title() in CHINESE_SURNAMES or (len(t) <= 4 and t.title() not in non_name_words()))
        and is_name_word(ix.word(k + 1))
        and (ix.text.count(t) <= 3 or _mostly_before_names(ix.text, t))
    )


def _mostly_before_names(text: str, word: str) -> bool:
    """Every use of `word` but one is before a capitalised word ("CHEN Qijun ... CHEN said"):
    a family name the text repeats, not an acronym it uses."""
    uses = list(re.finditer(rf"\b{re.escape(word)}\b(?P<next>\s+[A-Z][a-z])?", text))
    return sum(1 for u in uses if u["next"] is None) <= 1


def _pronoun_surname(ix: TextIndex, k: int) -> bool:
    """ "Professor He Chunyang": a family name that is also an English word, before a given name."""
    return ix.word(k) in CHINESE_SURNAMES and is_name_word(ix.word(k + 1)) and k + 2 <= len(ix)


# Capitalised words that may continue a name begun before them, though they open sentences or
# end headlines elsewhere ("Anne Le More", "Theresa May"): not the function words.
_INNER_OK = frozenset({"More", "May", "June", "Long", "Read", "Wells", "Hope", "Will"})


_SUFFIXES = frozenset({"Jr", "Sr", "Jnr", "Snr"})
# Generational numerals after a full name: "Edgardo Carlo Vistan II".
_NUMERAL_SUFFIXES = frozenset({"II", "III", "IV"})
_MONTH_ABBREVIATIONS = frozenset(word_list("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"))


def _name_next(ix: TextIndex, j: int) -> bool:
    """A name word follows the initial at `j`, maybe after more initials ("S M Junaid")."""
    k = j + 1
    while k < j + 3 and len(ix.word(k)) == 1 and ix.word(k).isupper():
        k += 1
    return is_name_word(ix.word(k))


def name_abbreviation(ix: TextIndex, j: int) -> bool:
    """A given name written short, with its dot, before the name: "Md." (Mohammad), "Sk."
    (Sheikh), "Mohd." (not an honorific, a month or a word of the vocabulary)."""
    t = ix.word(j)
    return (
        2 <= len(t) <= 4
        and t[0].isupper()
        and t[1:].islower()
        and ix.word(j + 1) == "."
        and t not in _MONTH_ABBREVIATIONS
        and t not in non_name_words()
        and is_name_word(ix.word(j + 2))
    )


def particles_then_name(ix: TextIndex, j: int) -> bool:
    """A run of one or two particles ("de la", "van der", "al") and then a name word."""
    k = j
    while k - j < 2 and ix.word(k) in _PARTICLES and not ix.breaks(k):
        k += 1
    return k > j and is_name_word(ix.word(k))


def read_name(ix: TextIndex, i: int, limit: int = _MAX_NAME_WORDS, vouched: bool = False) -> int:
    """End token (exclusive) of the name starting at token `i` (== i when there is none).
    `limit` counts words; an initial's dot does not count. `vouched`: an honorific stands
    before the name, so a first "A" or "I" is an initial, not a word ("Prof A K Sharma")."""
    j = i
    words = 0
    toks = ix.tokens
    while j < len(toks) and words < limit and not (j > i and ix.breaks(j - 1)):
        t = toks[j].text
        if (
            j > i
            and t in _MALAY_PARTICLES
            and ix.word(j + 1) == "."
            and is_name_word(ix.word(j + 2))
        ):
            j += 2  # "Umi Kalsom Bt. Abu Bakar": binti written short, with its dot
            continue
        if j == i and name_abbreviation(ix, j):  # "Md. Iqubal Hossain", "Sk. Ishtiaque Ahmed"
            j += 2
        elif t in DIGRAPH_INITIALS and ix.word(j + 1) == "." and ix.word(j + 2)[:1].isupper():
            j += 2  # "Zh.N. Aitzhanova": a transliterated Cyrillic letter as an initial
            continue
        elif (
            is_name_word(t)
            or (j > i and t in _INNER_OK and not ix.word(j + 1)[:1].isupper())
            or (j == i and (caps_surname(ix, j) or _pronoun_surname(ix, j)))
            # a family name in capitals after an honorific: "Mr. SAKUDO Shunsuke"
            or (
                j == i
                and vouched
                and 2 <= len(t) <= 10
                and t.isupper()
                and t.isalpha()
                and is_name_word(ix.word(j + 1))
            )
            # a family name in capitals after a full name: "Yubak Dhwaj GC,"
            or (words >= 2 and t.isupper() and 2 <= len(t) <= 3 and ix.word(j + 1) in (",", "."))
            # a Chinese family name in capitals after the given name: "Huasheng QIU"
            or (words >= 1 and t.isupper() and t.isalpha() and t.title() in CHINESE_SURNAMES)
            # an initial without its dot: "Sarder M Asaduzzaman", "K Ratnabali"
            or (
                len(t) == 1
                and t.isupper()
                and (j > i or vouched or t not in "AI")
                and _name_next(ix, j)
            )
        ):
            j += 1
            if len(t) == 1 and words:
                continue  # (a second initial counts as no word: "A K Fazlul Haque Bhuiyan")
        elif len(t) == 1 and t.isupper() and ix.word(j + 1) == ".":  # an initial: "J. Smith"
            j += 2
            if words:  # initials in a row do not count as words: "B.M.U.D. Basnayake"
                continue
        elif words >= 2 and t in _SUFFIXES:  # "Filiberto Pollisco Jr."
            j += 1
        elif words >= 2 and t in _NUMERAL_SUFFIXES and not ix.word(j + 1)[:1].isupper():
            j += 1  # "Edgardo Carlo Vistan II"
            words -= 1
        elif words >= 2 and t == "," and ix.word(j + 1) in _SUFFIXES:  # "Pollisco, Jr."
            j += 2
        elif t in _PARTICLES and j > i and particles_then_name(ix, j):
            # "Fortunato de la Peña", "Albert van Jaarsveld": particles do not count as words
            while ix.word(j) in _PARTICLES:
                j += 1
            continue
        else:
            break
        words += 1
    if words == limit and j < len(toks) and ix.word(j) in _PARTICLES and particles_then_name(ix, j):
        # a married name after a full one: "Fey Yamina Silva Vidal de Millones"
        j = after_particles(ix, j)
    return j


def after_particles(ix: TextIndex, j: int) -> int:
    """End of particles and the name word after them at `j` ("al Shamsi"), or `j`."""
    if not particles_then_name(ix, j):
        return j
    while ix.word(j) in _PARTICLES:
        j += 1
    return j + 1


def mention(ix: TextIndex, i: int, j: int, lead: int, honorific: str | None) -> NameMention:
    words = tuple(t.text for t in ix.tokens[i:j] if t.kind != "p")
    return NameMention(ix.tokens[i].start, ix.tokens[j - 1].end, words, lead, honorific, i, j)
