"""Where persons are named: name spans anchored by an honorific, a job title or an apposition.

A run of capitalised words is a person's name only when something says so:
- an honorific before it: "Dr. Zhang Linxiu", "H.E Dr Van Monineath", "Assoc. Prof. Yunli Bai";
- a job title right before it: "Director Zhang Linxiu", "Executive Secretary Rima Khalaf",
  "Minister of Ecology and Environment Huang Runqiu" (the last two words after the title's
  complement), "Director Zhang" (a short mention, resolved later);
- a job title in apposition after it: "Elizabeth Mrema, the UNEP's deputy executive director",
  "Wenhe Wang, Executive Dean of RDCY" (also after a rank: "General X Y, the Minister ...");
- a plural title before a list: "Deputy Ministers Nguyen Linh Ngoc, Vo Tuan Nhan chaired";
- a title, a comma, then the name and a verb: "AGBL Group CEO, Tamer Degheidy said";
- its body or post in parentheses after it, in a list: "..., Yongyut Trisurat (Faculty, X), ...".
Words of the organisation and topic vocabulary never belong to a name (`_person_words`).
"""

from __future__ import annotations

import re
from functools import cache

from ._names_lexicon import (
    CHINESE_SURNAMES,
    NAME_VOCABULARY,
    STOP_WORDS,
    STRONG_HEADS,
    WEAK_HEADS,
    country_names,
    titles,
)
from ._names_lexicon import words as word_list
from ._names_text import TextIndex
from ._person_bare import is_place
from ._person_words import (
    DIGRAPH_INITIALS,
    NameMention,
    after_particles,
    caps_surname,
    honorific_re,
    is_name_word,
    mention,
    name_abbreviation,
    read_name,
    title_matches,
    title_re,
)


def _after_honorific(ix: TextIndex) -> list[NameMention]:
    out = []
    chain_start: int | None = None  # "Ir Prof Dato' Dr Ewe Hong Tat": honorifics in a row
    prev_end = -1
    for m in honorific_re().finditer(ix.text):
        if chain_start is None or ix.text[prev_end : m.start()].strip():
            chain_start = m.start()
        prev_end = m.end()
        i = ix.first_at_or_after(m.end())
        j = read_name(ix, i, vouched=True)
        if j > i:
            written = ix.text[chain_start : m.end()]
            out.append(mention(ix, i, j, chain_start, " ".join(written.split())))
            chain_start = None
    return out


def _after_title(ix: TextIndex, honorific_starts: set[int]) -> list[NameMention]:
    out = []
    for m in title_matches(ix.text):
        i = ix.first_at_or_after(m.end())
        if i >= len(ix) or ix.tokens[i].start in honorific_starts:
            continue
        if honorific_re().match(ix.text, ix.tokens[i].start):
            continue  # "researchers M.Sc. William Solano": the honorific rule reads that name
        if _plural(m.group()):
            # A plural ("Ministers", "fellows") is no one person's title, but a list of
            # names may follow it: "Deputy Ministers Nguyen Linh Ngoc, Vo Tuan Nhan chaired".
            listed = _list_after(ix, i) if m.group()[:1].isupper() else []
            out.extend(listed if len(listed) >= 2 or _honorific_listed(ix, i) else [])
            continue
        # A title in lower case ("CIESIN director Robert Chen") anchors only a full name.
        lower = not m.group()[:1].isupper()
        if (
            ix.word(i) in ("of", "for")
            and ix.word(i + 1) == "the"
            and ix.word(i + 2) in _GENERIC_BODIES
        ):
            # "Registrar of the university S. Sudheer Kumar": the body named by its kind
            j = read_name(ix, i + 3, 4)
            if j - (i + 3) >= 2:
                out.append(mention(ix, i + 3, j, ix.tokens[i + 3].start, None))
            continue
        if ix.word(i) in ("of", "for") and not lower:
            out.extend(_name_after_complement(ix, i + 1))
            continue
        if (
            ix.word(i) == "to"
            and _ENVOY.search(m.group())
            and not (lower and ix.word(i + 1) not in country_names() and ix.word(i + 1) != "the")
        ):
            # "U.S. Ambassador to the Philippines Sung Kim": the posting, then the name
            out.extend(_name_after_complement(ix, i + 1))
            continue
        # (up to four words: "Secretary Maria Antonia Yulo Loyzaga")
        j = read_name(ix, i, 4)
        # "Vice Governor Anhui Province": a name does not run on into place or body words.
        if j - i >= (2 if lower else 1) and not (
            ix.word(j)[:1].isupper() and ix.tokens[j].kind != "p"
        ):
            out.append(mention(ix, i, j, ix.tokens[i].start, None))
    return out


_LIST_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_GENERIC_BODIES = frozenset(
    word_list(
        """university institute ministry centre center department organisation organization
        agency college academy foundation association society council commission company"""
    )
)
# Posts held "to" a country or a body: "Ambassador to China", "Special Envoy to the UN".
_ENVOY = re.compile(
    r"(?:Ambassador|Envoy|Representative|Consul|Delegate|Attach[ée]|Observer)$", re.IGNORECASE
)


def _list_after(ix: TextIndex, i: int) -> list[NameMention]:
    """The names of a list that starts at token `i` (an honorific before one is left to the
    honorific rule): "A B, C D E and F G"."""
    out: list[NameMention] = []
    while i < len(ix):
        hon = honorific_re().match(ix.text, ix.tokens[i].start)
        k = ix.first_at_or_after(hon.end()) if hon else i
        j = read_name(ix, k, 4)
        if j - k < 2 or (ix.word(j)[:1].isupper() and ix.tokens[j].kind != "p"):
            break
        if not hon:
            out.append(mention(ix, k, j, ix.tokens[k].start, None))
        sep = _LIST_SEP.match(ix.text, ix.tokens[j - 1].end)
        if not sep:
            break
        i = ix.first_at_or_after(sep.end())
    return out


def _initial(word: str) -> bool:
    return len(word) == 1 and word.isupper() and word not in "AI"


def _dotted_initial(ix: TextIndex, k: int) -> bool:
    """Token `k` is an initial with its dot: "A.", "Zh." (a transliterated Cyrillic letter)."""
    w = ix.word(k)
    return ix.word(k + 1) == "." and ((len(w) == 1 and w.isupper()) or w in DIGRAPH_INITIALS)


def _name_after_complement(ix: TextIndex, i: int) -> list[NameMention]:
    """ "Minister of Ecology and Environment Huang Runqiu": the name is the last two words.
    Not when the run holds the head noun of a body further left that its last words do not
    close: "Director of the General Directorate of Natural Protected Area," names no person."""
    j = i
    while j < len(ix) and (
        ix.tokens[j].is_cap
        or ix.word(j) in ("and", "the", "of", "for")
        or (ix.word(j) == "in" and ix.word(j + 1) in country_names())  # "of CIM in Nepal"
        or (ix.word(j) == "(" and ix.tokens[j + 1].is_acronym and ix.word(j + 2) == ")")
        or (ix.word(j) in ("’", "'") and ix.word(j + 1) == "s")  # "the People's Republic of"
        or (ix.word(j) == "." and _dotted_initial(ix, j - 1))  # "... Activities Zh.N. Aitzhanova"
        # a serial list of fields: "Minister of Climate Change, Environment, and Energy X Y"
        or (ix.word(j) == "," and j > i and (ix.tokens[j + 1].is_cap if j + 1 < len(ix) else False))
        or (ix.word(j) == "," and ix.word(j + 1) == "and")
    ):
        j += 3 if ix.word(j) == "(" else 1  # (the body's acronym: "... Biodiversity (ACB) X Y")
    # The first name (two or three name words) after the field, where the run or an "and"
    # ends it: "Head of Department of Environment Ali Salajegheh and Minister ...".
    for k in range(i + 1, j - 1):
        if (
            _dotted_initial(ix, k)
            and not is_name_word(ix.word(k - 1))
            and ix.word(k - 1) != "."
            and not honorific_re().match(ix.text, ix.tokens[k].start)  # "H. E. Cham Prasidh"
        ):
            e = read_name(ix, k, 3)
            if e > k + 2 and (e == j or ix.word(e) in ("and", ",")):
                return [mention(ix, k, e, ix.tokens[k].start, None)]  # "... Science A.B. Ivanov"
        first = is_name_word(ix.word(k)) or _initial(ix.word(k))  # "... Affairs K Ratnabali"
        pair = first and is_name_word(ix.word(k + 1))
        # (a name may follow a place: "Premier of Québec Philippe Couillard")
        after_place = pair and is_place(ix, k - 1, k, whole=True)
        if not pair or (is_name_word(ix.word(k - 1)) and not after_place):
            continue
        if ix.word(k - 1) in ("and", "&") and k + 2 == j and ix.word(j) == ",":
            # "Head of Communications and External Relations, Ansa Heyl": the words after the
            # "and" close the field, and the name follows the comma
            continue
        e = k + 3 if k + 2 < j and is_name_word(ix.word(k + 2)) else k + 2
        if not (e == j or ix.word(e) == "and"):
            continue
        if e == j and ix.word(j)[:1].isupper():
            return []
        heads = [h for h in range(i, k) if ix.word(h) in STRONG_HEADS or ix.word(h) in WEAK_HEADS]
        if (
            heads
            and heads[-1] != k - 1
            and ix.word(k - 1) not in NAME_VOCABULARY
            and ix.word(k - 1) != ")"  # the body's name closed by its acronym
        ):
            return []
        return [mention(ix, k, after_particles(ix, e), ix.tokens[k].start, None)]
    return []


# A diplomat's field before the post: "the science and technology counselor at the Embassy"
_ENVOY_FIELD = (
    r"(?:(?:science|technology|economic|political|cultural|commercial|agricultural"
    r"|environmental|press|trade|education|defen[cs]e|first|second|third)\s+(?:and\s+)?){0,4}"
)
_APPOSITION_LEAD = re.compile(
    r"(?:,|[–—](?=\s))\s*(?:who\s+(?:also\s+)?(?:serves|served|is|was)\s+as\s+)?"
    r"(?:the\s+|a\s+|an\s+)?(?:former\s+|acting\s+)?(?:[a-z]+['’]s\s+)?"
    + _ENVOY_FIELD
    + r"(?:(?:[A-Z][\w-]*\s+){0,6}[A-Z][\w-]*['’]s\s+)?(?:[A-Z][\w.-]*\s+){0,3}"
)


def _before_apposition(ix: TextIndex) -> list[NameMention]:
    out = []
    for c, tok in enumerate(ix.tokens):
        if tok.text not in (",", "–", "—"):  # "Razan Al Mubarak – EAD's Secretary General"
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
        i, words = _name_start_before(ix, c)
        if words >= 1 and i > 0 and caps_surname(ix, i - 1):
            i, words = i - 1, words + 1  # "ZHU Jiaojun, director of IAE"
        before = ix.word(i - 1)
        if (
            words >= 2
            and not (before[:1].isupper() and before not in STOP_WORDS and before not in _RANKS)
            and not is_place(ix, i, c, whole=True)  # "... the UN in New York, the Minister"
        ):
            out.append(mention(ix, i, c, ix.tokens[i].start, None))
            out.extend(_pair_before(ix, i))
    return out


# Military and police ranks stand before a name as an honorific does ("General Daopong
# Rattanasuwan, the Minister of ..."), though they are no honorific of their own.
_RANKS = frozenset(
    word_list("General Colonel Major Captain Admiral Lieutenant Brigadier Marshal Commander")
)


_NAME_PARTICLES = frozenset(
    word_list("al el bin bint ibn van von der den de da del della di du dos das la le")
)


def _name_start_before(ix: TextIndex, c: int) -> tuple[int, int]:
    """Where a name ending before token `c` starts, and how many words it has: up to three
    name words, with initials ("Sarder M Asaduzzaman", "Herminia A. Francisco") and a short
    given name ("Md. Iqubal Hossain") inside."""
    i, words = c, 0
    while i > 0 and words < 3 and not ix.breaks(i - 1):
        w = ix.word(i - 1)
        if words and w.lower() in _NAME_PARTICLES and is_name_word(ix.word(i - 2)):
            i -= 1  # "Razan Khalifa Al Mubarak", "Basma bint Ali": particles do not count
        elif is_name_word(w):
            i, words = i - 1, words + 1
        elif words and len(w) == 1 and w.isupper() and is_name_word(ix.word(i - 2)):
            i -= 1  # an initial without its dot
        elif words and w == "." and len(ix.word(i - 2)) == 1 and ix.word(i - 2).isupper():
            i -= 2  # "A."
        else:
            break
    if (
        words
        and ix.word(i - 1) == "."
        and name_abbreviation(ix, i - 2)
        and not is_name_word(ix.word(i - 3))  # "... Xiaoshi Xing. Yuanyuan Yang, a ..."
    ):
        i -= 2
    # (initials that are an honorific are no part of the name: "H. E. Cham Prasidh")
    hon = honorific_re().match(ix.text, ix.tokens[i].start) if i < c else None
    if hon is not None and hon.end() < ix.tokens[c - 1].start:
        i = ix.first_at_or_after(hon.end())
    return i, words


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
    return [mention(ix, h, k, ix.tokens[h].start, None)]


def _word_starts(text: str, start: int, end: int) -> list[int]:
    return [start + m.start() for m in re.finditer(r"(?<![\w'’-])\w", text[start:end])]


def _caps_family_names(ix: TextIndex) -> list[NameMention]:
    """ "ZHUO Junchen", "REN Xiaobo": a known family name in capitals before a given name is a
    person wherever it stands (Chinese institutes' pages write names so)."""
    out = []
    for k, t in enumerate(ix.tokens):
        if t.text.isupper() and t.text.title() in CHINESE_SURNAMES and caps_surname(ix, k):
            j = read_name(ix, k, 3)
            if j - k >= 2:
                out.append(mention(ix, k, j, t.start, None))
    return out


# "his Lao counterpart, Noulin Sinbandid, about": a person named by a relation, not a post.
_PERSON_NOUN = re.compile(r"\b(?:counterpart|colleague|successor|predecessor)s?,\s+")
# An academy's rank before a name, as honorifics stand: "Academician of RAS Andrey Adrianov",
# "Corr. Member of RAS Igor Dolmatov", "Academician of the Chinese Academy of Sciences Fu Bojie".
_ACADEMY_RANK = re.compile(
    r"\b(?:Academician|Corresponding\s+Member|Corr\.\s*Member)\s+of\s+(?:the\s+)?"
)


def _after_academy_rank(ix: TextIndex) -> list[NameMention]:
    out = []
    for m in _ACADEMY_RANK.finditer(ix.text):
        i = ix.first_at_or_after(m.end())
        while i < len(ix) and (
            ix.tokens[i].is_acronym or ix.word(i) in ("of", "the") or not is_name_word(ix.word(i))
        ):
            if not ix.tokens[i].is_cap and ix.word(i) not in ("of", "the"):
                break
            i += 1
        j = read_name(ix, i, 3)
        if j - i >= 2:
            out.append(mention(ix, i, j, ix.tokens[i].start, None))
    return out


def _named_by_relation(ix: TextIndex) -> list[NameMention]:
    # (bylines and photo credits are left out: they name the page's authors, not the story's
    # people)
    out = []
    for m in _PERSON_NOUN.finditer(ix.text):
        i = ix.first_at_or_after(m.end())
        j = read_name(ix, i, 4)
        if j - i >= 2 and ix.word(j) in (",", ".", ";", "and"):
            out.append(mention(ix, i, j, ix.tokens[i].start, None))
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
            out.append(mention(ix, i, c, ix.tokens[i].start, None))
    return out


def _between_commas_after_title(ix: TextIndex) -> list[NameMention]:
    """ "Director of Disaster Management Department of NRCS, Dharmaraj Pandey, shared ...",
    "ICIMOD Director General, David Molden, said": a name between commas after a title
    phrase (the title up to the first comma, with no verb or full stop in it)."""
    out = []
    for m in title_matches(ix.text):
        stop = ix.text.find(",", m.end(), m.end() + 120)
        field = _IN_CHARGE.sub(" of", _BASED_IN.sub("", ix.text[m.end() : stop]))
        if stop < 0 or "." in field or _VERB.search(field) or _plural(m.group()):
            continue
        if any(w[:1].islower() and w not in _FIELD_WORDS for w in field.split()):
            continue  # "Consultants this week at its campus in Turrialba, Costa Rica."
        i = ix.first_at_or_after(stop + 1)
        if ix.word(i) in _RANKS:
            i += 1  # "Thailand’s environment minister, General Surasak Kanjanarat,"
        j = read_name(ix, i, 4)
        tied = ix.word(ix.first_at_or_after(m.end())) in ("of", "at")
        # (a post in lower case after a country's possessive: "Cambodia’s environment minister")
        tied = tied or bool(_OWNED_POST.search(ix.text, max(0, m.start() - 40), m.start()))
        # The name ends its clause or goes on with a verb: "Tamer Degheidy said", "José
        # Joaquín Campos and for FONAFIFO ...", "Francisco Alpízar who was appointed".
        ends = ix.word(j) in (",", ".", ";", ")", "and") or (
            j < len(ix) and ix.tokens[j].kind == "w" and ix.word(j)[:1].islower()
        )
        if j - i >= 2 and ends and (m.group()[:1].isupper() or tied):
            out.append(mention(ix, i, j, ix.tokens[i].start, None))
    return out


_VERB = re.compile(r"\s(?:is|are|was|were|has|have|[a-z]+ed)\s")
_OWNED_POST = re.compile(r"\b[A-Z][a-z]+['’]s[ \t]+(?:[a-z]+[ \t]+)?$")
# "the Administrative Director responsible for the Forestry Agenda, Carlos Salinas": a post's
# remit, written in lower case, is part of its field.
_IN_CHARGE = re.compile(r"\s+(?:responsible\s+for|in\s+charge\s+of)(?=\s)")
_FIELD_WORDS = frozenset({"of", "for", "on", "the", "and", "at", "in", "&", "de"})


def _plural(title: str) -> bool:
    """ "Deputy Ministers", "researchers": a plural post, which is no one person's."""
    return title.endswith("s") and title[:-1].split()[-1].lower() in _lower_cores()


@cache
def _lower_cores() -> frozenset[str]:
    return frozenset(c.split()[-1].lower() for c in titles().cores)


def _honorific_listed(ix: TextIndex, i: int) -> bool:
    """The list after a plural post goes on with names after honorifics ("Deputy Directors for
    Science Dr. Andrey Boroda, Dr. ...")."""
    return bool(honorific_re().match(ix.text, ix.tokens[i].start)) if i < len(ix) else False


# "UNESCO Regional Director based in Abuja, Yao Ydo said": where the post is, not a verb.
BASED_IN = r"\s+based\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?"
_BASED_IN = re.compile(BASED_IN)
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
            out.append(mention(ix, i, j, t.start, None))
    return out


_PAREN_CONTENT = re.compile(r"\(\s*([A-Z][^()\n]{2,80})\)")
_LIST_OPENERS = frozenset({",", ";", ":", "-", "and", "with", "by"})


def _before_paren_body(ix: TextIndex) -> list[NameMention]:
    """ "..., Yongyut Trisurat (Faculty, Kasetsart University), Phumsith ...": a name in a
    list, followed by its body or post in parentheses (a head noun or a job title inside)."""
    out = []
    for c, tok in enumerate(ix.tokens):
        if tok.text != "(":
            continue
        inner = _PAREN_CONTENT.match(ix.text, tok.start)
        if not inner:
            continue
        words = inner.group(1).replace(",", " ").split()
        heads = STRONG_HEADS | WEAK_HEADS
        if not (any(w in heads for w in words) or title_re(False).search(inner.group(1))):
            continue
        i, n = _name_start_before(ix, c)
        before = ix.word(i - 1)
        if n >= 2 and (i == 0 or before in _LIST_OPENERS or ix.breaks(i - 1)):
            out.append(mention(ix, i, c, ix.tokens[i].start, None))
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
        *_before_paren_body(ix),
        *_named_by_relation(ix),
        *_after_academy_rank(ix),
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
