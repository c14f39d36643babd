"""Job titles in the text and the person each belongs to.

A title phrase is a title ("Deputy Director") with what ties it to a body: an organisation before
it ("ESCWA Executive Secretary", "the UNEP's deputy executive director") or a complement after it
("Director of UNEP-IEMP", "Program Officer from the Ford Foundation"). A complement that is not an
organisation stays part of the title ("Minister of Ecology and Environment", "Focal Point of the
Greater Mekong Sub-region Portfolio") unless it is a place ("Vice Governor of Anhui Province").

A phrase belongs to the person it touches, in this order of preference:
1. after the person, as an apposition: "Mr. Ni Fake, Vice Governor of ...", "Dr Jian Liu (Director)";
2. right before the person: "Deputy Director Mr. Chen Hedong";
3. before the person and a comma: "the Director of the Soil Center, Mr. Hong Yaxiong".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from ..model import Organisation
from ._names_lexicon import DEMONYMS, NAME_VOCABULARY, PLACE_SUFFIXES, country_names, titles
from ._names_text import Covered, TextIndex
from ._org_acronyms import ACRONYM_PAREN, is_acronym
from ._org_candidates import unnamed_unit
from ._org_find import OrgFinding, OrgMention
from ._person_names import BASED_IN
from ._person_words import NameMention, honorific_re, title_matches, title_re
from ._places import gazetteer

# (not before a day or a month: "UNECA Executive Secretary on Monday" says when)
_COMPLEMENT = re.compile(
    r"\s+(?P<prep>of|at|from|with|in|for|on)\s+(?:[Tt]he\s+)?"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December)\b)"
)
# (one adjective may stand before the post: "Dr. X, the African Coordinator for Y")
# (and a caption's note of where the person stands: "Tefera Derbw (Right), Minister of ...")
_APPOSITION_BEFORE = re.compile(
    r"(?:(?:[ \t]*\((?i:(?:(?:far|second|third|\d(?:st|nd|rd|th))[ \t]+(?:from[ \t]+)?)?"
    r"(?:left|right|centre|center|middle|front|back|L|R))\))?"
    r"(?:,|\s[–—])\s*(?:who\s+(?:also\s+)?(?:serves|served|is|was)\s+as\s+)?"
    r"(?:[A-Z]{2,4},\s*)?(?:the\s+|a\s+|an\s+)?(?:Hon['’]ble\s+|Honou?rable\s+)?"  # ", IAS, ...", "Hon’ble"
    r"(?:former\s+|acting\s+)?(?:[a-z]+['’]s\s+)?(?:[A-Z][\w.-]*(?:['’]s)?\s+){0,3}"
    r"(?:(?:science|technology|economic|political|cultural|commercial|agricultural"
    r"|environmental|press|trade|education|defen[cs]e|first|second|third)\s+(?:and\s+)?){0,4}"
    r"|\s*\(\s*)$"
)
_UNIT_AFTER = re.compile(r"['’]s\s+")
_COMMA_GAP = re.compile(r",\s+")
_COMMA_FIELD = re.compile(
    r",[ \t]+([A-Z][\w’'-]*(?:[ \t]+(?:(?:for|of|and|on|&)[ \t]+)?[A-Z][\w’'-]*){0,5}),[ \t]+"
)
_KIND_OF_BODY = re.compile(
    r"(?:[A-Z][a-z]+\s+)?(university|institute|ministry|centre|center|department|agency|college"
    r"|academy)\b"
    r"(?!\s+of)(?![ \t]+[A-Z][a-z]+[ \t]+(?:of|for|and)\b)",
    re.IGNORECASE,
)
# (or a country's possessive: "Cambodia’s environment minister, Say Samal")
_THE_BEFORE = re.compile(
    r"(?:\b[Tt]he|\b[A-Z][a-z]+['’]s)[ \t]+(?:[A-Z][a-z]+[ \t]+|[a-z]+[ \t]+)?$"
)
_AREA_PAREN = re.compile(r"[ \t]*\(([A-Z][a-z]+(?:[ \t]+(?:and[ \t]+|&[ \t]+)?[A-Z][a-z]+){0,3})\)")
_POST_ACRONYM_GAP = re.compile(r"(?:\s*\([A-Z][A-Z&-]{1,11}\))?\s+")
_PLACE_GAP = re.compile(
    r"(?:\s*\([A-Z][\w&-]{1,12}\))?(?P<places>(?:,[ \t]*[A-Z][\w-]*(?:[ \t][A-Z][\w-]*)?){1,2})[ \t]+"
)
_OF_PARENT = re.compile(r"\s+of\s+(?:the\s+)?")
_ACRONYM_WORD = re.compile(r"[A-Z]{2,6}\b")
_COMMA_ORG = re.compile(r"(?:,|\s*[-–](?=\s))\s*(?:the\s+)?")  # "Chairman- National ..."
# "... and Executive Director of UNEP", "Secretary (DARE) & Director General of ICAR"
_AND_TITLE = re.compile(r"\s*(?:\([^)\n]{1,20}\)\s*)?(?:\band|&)\s+(?:the\s+|a\s+|an\s+)?")
# "Senior Research Scientist and Plant Systematics expert at the National Museums": the field
# of a second post, whose body is the first post's too.
_FIELD_WORDS = re.compile(r"(?:[A-Z][\w-]*\s+){1,3}")
_PAIR_BEFORE = re.compile(r"\s+and\s+$")
_POSSESSIVE = re.compile(r"['’]s\s+$|\s+$")
# A post's field, on one line: "for Academic, Research, and Student Affairs"
_FIELD = re.compile(
    r"[A-Z][\w’'-]*(?:(?:,[ \t]+(?:and[ \t]+)?|[ \t]+(?:and[ \t]+|&[ \t]+)?)[A-Z][\w’'-]*)*"
)
# (on one line: a title never runs into the next paragraph)
_RUN = re.compile(r"[A-Z][\w’'-]*(?:[ \t]+(?:(?:of|and|the|for|on|de)[ \t]+)*[A-Z][\w’'-]*)*")

_LOOSE_END = frozenset({"and", "of", "the", "for", "on", "de", ""})  # (a comma stripped first)
_SERIAL_ITEM = re.compile(r",[ \t]+(?:and[ \t]+)?(?P<run>" + _RUN.pattern + r")")

POST, PRE, PRE_COMMA = 0, 1, 2  # attachment rules, best first


@dataclass
class TitlePhrase:
    title: str
    org: Organisation | None
    tied: bool  # the text ties the title to a body or a place ("of X"), so guess no body
    start: int
    end: int
    lead: int  # where the phrase starts, with the organisation written before the title
    plural: bool = False


@dataclass
class Attachment:
    mention: NameMention
    rule: int
    phrase: TitlePhrase
    # "Professor X, a representative of Y": a description after the name, weaker than a post
    # written before it ("Executive Vice President of Y, Professor X")
    described: bool = False


_BASED = re.compile(BASED_IN)
_ENVOY = re.compile(r"(?:Ambassador|Envoy|Consul|Attach[ée])s?$", re.IGNORECASE)
_TO_POSTING = re.compile(r"\s+to\s+(?:the\s+)?(?:Republic\s+of\s+(?:the\s+)?)?")
_CAP_WORD = re.compile(r"[A-Z][\w-]*")


def _posting_end(text: str, at: int) -> int | None:
    """End of "to <country or city>" after an envoy's post at `at` (the longest of one to three
    capitalised words that is a place), or None."""
    to = _TO_POSTING.match(text, at)
    if not to:
        return None
    ends: list[int] = []
    pos = to.end()
    for _ in range(3):
        w = _CAP_WORD.match(text, pos)
        if not w:
            break
        ends.append(w.end())
        pos = w.end() + 1
        if text[w.end() : pos] != " ":
            break
    for e in reversed(ends):
        if _is_place(text[to.end() : e]):
            return e
    return None


_SPACE = re.compile(r"\s+")
_ACRONYM_BEFORE = re.compile(r"\s*\(\s*(?P<acr>[A-Z][\w&.-]{1,12})\s*\)\s+$")
_FIELD_BEFORE = re.compile(r"(?<![\w-])(?P<field>[A-Za-z][a-z]+)\s+$")
_AND_POST = re.compile(r"\s+(?:and|&)\s+")
_RANK_GAP = re.compile(r"(?:Academician|Corresponding\s+Member|Corr\.\s*Member)\s+of\s+")
_LIST_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_COUNTRY_POSSESSIVE = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)['’]s\s+")
_IN_COUNTRY = re.compile(r"\s+in\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)")


def _body_at(text: str, at: int, orgs: OrgFinding) -> OrgMention | None:
    """The body named at `at`, also after its country's possessive ("Senior Advisor at
    Germany's GIZ", "Head of the Climate Change Office at Chile's Environment Ministry")."""
    hit = orgs.starting_at(at)
    if hit is None and text[max(0, at - 4) : at] == "The ":
        hit = orgs.starting_at(at - 4)  # "Vice President of The World Academy of Sciences"
    if hit is None:
        poss = _COUNTRY_POSSESSIVE.match(text, at)
        if poss and poss.group(1) in country_names():
            hit = orgs.starting_at(poss.end())
    return hit


def _body_of_post_before(text: str, start: int, orgs: OrgFinding) -> Organisation | None:
    pair = _PAIR_BEFORE.search(text, max(0, start - 6), start)
    if pair is None:
        return None
    window = max(0, pair.start() - 40)
    post = next(
        (
            m
            for m in title_re(False).finditer(text, window, pair.start())
            if m.end() == pair.start()
        ),
        None,
    )
    owner = _POSSESSIVE.search(text, max(0, post.start() - 3), post.start()) if post else None
    if owner is None or not owner.group().strip():
        return None
    hit = orgs.ending_at(owner.start())
    return hit.org if hit else _named_after(text, owner.start(), orgs)


def _named_after(text: str, end: int, orgs: OrgFinding) -> Organisation | None:
    """ "Southampton’s President": the one body of the article whose name holds the word before
    the possessive (not a country's: "China's Minister" speaks for a government)."""
    word = re.search(r"([A-Z][\w-]+)['’]$", text[max(0, end - 30) : end + 1])
    if word is None or word.group(1) in country_names():
        return None
    owners = {o.name: o for o in orgs.organisations if word.group(1) in o.name.split()}
    return next(iter(owners.values())) if len(owners) == 1 else None


def _ends_with_country(run: str) -> bool:
    """The run's last one to three words are a country ("... of Armenia", "... of Sri Lanka")."""
    words = run.split()
    return any(" ".join(words[-n:]) in country_names() for n in (1, 2, 3) if len(words) > n)


def _serial_fields_end(text: str, at: int, orgs: OrgFinding, name_starts: list[int]) -> int:
    """End of a serial list of fields that goes on at `at` (", Environmental Protection and
    Climate Change"), or `at`: a list needs its "and", and holds no body and no person."""
    end, joined = at, False
    for item in _SERIAL_ITEM.finditer(text, at):
        if item.start() != end or honorific_re().match(text, item.start("run")):
            break
        k = bisect_left(name_starts, item.start())
        if k < len(name_starts) and name_starts[k] < item.end():
            # the list ends where the name begins: "... Environment, and Energy Thoriq Ibrahim"
            head = text[item.start() : name_starts[k]].rstrip()
            if name_starts[k] > item.start("run") and " and " in f"{head} ":
                end, joined = item.start() + len(head), True
            break
        if any(item.start() < o.start < item.end() for o in orgs.mentions):
            break
        end, joined = item.end(), joined or " and " in item.group()
    return end if joined else at


def _is_place(run: str) -> bool:
    words = run.split()
    return (
        run in country_names()
        or (bool(words) and words[-1] in PLACE_SUFFIXES)
        or run in gazetteer().names  # a city: "Consul-General in Dusseldorf"
    )


def _phrase(
    ix: TextIndex, m: re.Match[str], orgs: OrgFinding, name_starts: list[int]
) -> TitlePhrase:
    text = ix.text
    start, end, title_end = m.start(), m.end(), m.end()
    org: Organisation | None = None
    tied = False
    lead = start
    # "ESCWA Executive Secretary", "the UNEP's deputy executive director"
    field = _FIELD_BEFORE.search(text, max(0, start - 30), start)
    if (
        field
        and m.group().capitalize() in ("Minister", "Secretary")  # ("Environment minister")
        # ("environment minister" too, when the post is in lower case as well)
        and (field.group("field")[0].isupper() or m.group()[0].islower())
        and field.group("field").capitalize() in NAME_VOCABULARY
        and field.group("field") not in DEMONYMS
        and not _COMPLEMENT.match(text, m.end())  # ("Minister of X" names its own field)
        and orgs.ending_at(field.end("field")) is None
    ):
        start = lead = field.start("field")  # "Health Minister", "Finance Secretary"
    before = _POSSESSIVE.search(text, max(0, start - 3), start)
    if before:
        prefix = orgs.ending_at(before.start())
        if prefix is None:  # "University of the Philippines (UP) Chancellor X"
            paren = _ACRONYM_BEFORE.search(text, max(0, start - 20), start)
            spelled = orgs.ending_at(paren.start()) if paren else None
            if spelled is not None and paren and spelled.org.acronym == paren.group("acr"):
                prefix = spelled
        if prefix is not None:
            org, tied, lead = prefix.org, True, prefix.start
        else:
            org = _named_after(text, before.start(), orgs)
            tied = org is not None
    if org is None:
        # "Southampton’s President and Vice-Chancellor, Professor X": the second post is held at
        # the body the first one's possessive names
        org = _body_of_post_before(text, start, orgs)
        tied = org is not None
    if org is None and text[max(0, start - 4) : start].lower() == "its ":
        # "and for FONAFIFO by its Director General Jorge Mario Rodríguez": the body the
        # sentence named last before the possessive.
        s_start, _ = ix.sentence_bounds(start)
        named = [o for o in orgs.mentions if s_start <= o.start and o.end <= start - 4]
        if named:
            org, tied = max(named, key=lambda o: o.end).org, True
    area = _AREA_PAREN.match(text, end)
    if area and not _is_place(area.group(1)):
        title_end = end = area.end()  # "Vice President (Research)": the post's area
    c = _COMPLEMENT.match(text, end)
    if c and c.group("prep") in ("for", "on") and orgs.starting_at(c.end()) is None:
        # "Vice President for Research of X": a field of the post is part of the title, and the
        # body may follow it.
        field = _FIELD.match(text, c.end())
        if field and not _is_place(field.group()):
            # "Minister for Environment Protection Muhammad Rizwan": the name ends the field
            k = bisect_left(name_starts, c.end() + 1)
            stop = name_starts[k] if k < len(name_starts) else len(text)
            title_end = end = min(field.end(), stop)
            written = text[c.end() : end].rstrip(" ,")
            if "," in written and " and " not in written.rsplit(",", 1)[-1]:
                written = written.split(",", 1)[0]  # a list's comma needs its "and"
            title_end = end = c.end() + len(written.rstrip(" ,"))
            c = _COMPLEMENT.match(text, end)
    if c and c.group("prep") == "in":  # "Consul-General in Dusseldorf, Mr. ...": where, not whom
        run = _RUN.match(text, c.end())
        if run and orgs.starting_at(c.end()) is None:
            end = run.end()
            if not _is_place(run.group()):
                title_end = end  # "Specialist in Fish Genetics": the field is the post's
            c = None
    if c and c.group("prep") == "of":
        at = ix.by_start.get(c.end())
        if at is not None and unnamed_unit(ix, at):  # "Head of Department of UNEP-IEMP"
            title_end = end = ix.tokens[at].end
            c = _COMPLEMENT.match(text, end)
    if c is None:
        based = _BASED.match(text, end)  # "Regional Director based in Abuja, Yao Ydo"
        end = based.end() if based else end
    if c is None and org is None:  # "signed by Director General CATIE, José Campos and ..."
        space = _SPACE.match(text, end)
        beside = orgs.starting_at(space.end()) if space else None
        if beside is not None and (
            text[beside.end : beside.end + 1] in (",", "/")
            or _name_next(text, beside.end, name_starts)
        ):
            # (also with the name right after: "Vice Chancellor University of X Prof. Dr. Y")
            org, tied, end = beside.org, True, beside.end
    if c is None:  # "CEO, BCN", "Training Officer, CFT&EC": the body after a comma
        comma = _COMMA_ORG.match(text, end)
        target = orgs.starting_at(comma.end()) if comma else None
        if (
            target is not None
            and org is None
            and (_ends_phrase(text, target.end) or _name_next(text, target.end, name_starts))
        ):
            org, tied, end = target.org, True, target.end
        field = _COMMA_FIELD.match(text, end) if org is None else None
        body = orgs.starting_at(field.end()) if field else None
        if field is not None and body is not None and orgs.starting_at(field.start(1)) is None:
            # "Chief, Education for Sustainable Development, UNESCO Paris": the post's field
            # between commas, then its body (UN posts are written so)
            title_end = field.end(1)
            org, tied, end = body.org, True, body.end
    if c:
        target = _body_at(text, c.end(), orgs)
        if target is not None and c.group("prep") != "with" and org is None:
            org, tied, end = target.org, True, target.end
            # "Country Coordinator of CIM in Nepal Pasma Dahal": where the body works
            where = _IN_COUNTRY.match(text, end)
            if where and where.group(1) in country_names():
                end = where.end()
            # "dean of ZJU's College of ...": the unit named after the body's possessive
            unit = _UNIT_AFTER.match(text, end)
            inner = orgs.starting_at(unit.end()) if unit else None
            if inner is not None:
                org, end = inner.org, inner.end
            paren = ACRONYM_PAREN.match(text, end)
            end = paren.end() if paren else end
            # "Director of the Institute of Modern Languages of DU": and its parent body
            up = _OF_PARENT.match(text, end)
            parent = orgs.starting_at(up.end()) if up else None
            short = _ACRONYM_WORD.match(text, up.end()) if up and parent is None else None
            if parent is not None:
                end = parent.end
            elif short is not None:
                end = short.end()  # (an acronym too short to be taken for a body: "of DU")
        elif c.group("prep") == "of" and target is None and _KIND_OF_BODY.match(text, c.end()):
            # "Registrar of the university S. Kumar": the body of that kind named last before
            kind = _KIND_OF_BODY.match(text, c.end())
            assert kind is not None
            head = kind.group(1).capitalize()
            named = [o for o in orgs.mentions if o.end <= start and head in o.org.name.split()]
            end = kind.end()
            if named:
                org, tied = named[-1].org, True
        elif c.group("prep") == "of" and target is None:
            run = _RUN.match(text, c.end())
            if run:
                run_end = run.end()
                # "Minister of Ecology, Environmental Protection and Climate Change": a serial
                # list of fields (it needs its "and") is one field
                run_end = _serial_fields_end(text, run_end, orgs, name_starts)
                # "Minister of Ecology and Environment Huang Runqiu": the name ends the run.
                k = bisect_left(name_starts, c.end() + 1)
                if k < len(name_starts) and name_starts[k] <= run_end:
                    run_end = name_starts[k]
                # "head of Research and Innovation of ISO": the body after the field's "of"
                field_of = _OF_PARENT.search(text, c.end(), run_end)
                while field_of is not None and orgs.starting_at(field_of.end()) is None:
                    field_of = _OF_PARENT.search(text, field_of.end(), run_end)
                if field_of is not None:
                    run_end = field_of.start()
                words = text[c.end() : run_end].split()
                while words and words[-1].rstrip(",") in _LOOSE_END:
                    words.pop()
                if words:
                    words[-1] = words[-1].rstrip(",")
                if words:
                    tied = True
                    run_text = " ".join(words)
                    comp_end = text.index(words[-1], c.end()) + len(words[-1])
                    end = comp_end
                    # "Minister of Science and Technology (MCT), Prof. X": the field's body,
                    # abbreviated, closes the post
                    paren = ACRONYM_PAREN.match(text, comp_end)
                    if paren is not None and is_acronym(paren.group("acr")):
                        end = paren.end()
                    if not _is_place(run_text):
                        title_end = comp_end
                    # "director of Research and Innovation at SEE": the body after the field
                    again = _COMPLEMENT.match(text, comp_end)
                    body = orgs.starting_at(again.end()) if again else None
                    if body is not None and again and again.group("prep") in ("at", "of", "from"):
                        org, end = body.org, body.end
                    elif _ends_with_country(run_text) and " of " in f" {run_text}":
                        # "Minister of Nature Protection of Armenia": the country is no part,
                        # nor "of the Republic of Tajikistan" (the state's official name)
                        title_end = text.rindex(" of ", c.end(), comp_end)
                        cut = _state_name_start(text, c.start(), comp_end)
                        title_end = cut if cut is not None else title_end
    posted = None
    if _ENVOY.search(m.group()):  # (after "of <country>" too: "Ambassador of the French ...")
        posted = _posting_end(text, title_end) or _posting_end(text, end)
    if posted is not None and org is None:
        # "Ambassador to China", "Ambassador of the French Republic to the Republic of
        # Austria": where an envoy is posted is part of the post
        title_end = posted
        end = max(end, title_end)
    if title_end == end and org is None:
        # "DepEd Undersecretary and Chief of Staff Nepomuceno Malaluan": two posts joined
        # right before the name are one person's title
        joined = _AND_POST.match(text, end)
        second = title_re(False).match(text, joined.end()) if joined else None
        gap = _SPACE.match(text, second.end()) if second else None
        if second is not None and gap is not None and gap.end() in name_starts:
            title_end = end = second.end()
    title = text[start:title_end]
    plural = title.endswith("s") and title[:-1].split()[-1] in _cores()
    if plural:
        title = title[:-1]  # "associate research fellows" of a pair: each is a fellow
    head = m.group()
    if head.endswith("s") and head[:-1].split()[-1] in _cores() and len(title) > len(head):
        title, plural = head[:-1] + title[len(head) :], True  # "Deputy Directors for Science"
    return TitlePhrase(title, org, tied, start, end, lead, plural)


@cache
def _cores() -> frozenset[str]:
    """Last words of title cores, as written and in lower case ("Fellow", "fellow")."""
    last = {c.split()[-1] for c in titles().cores}
    return frozenset(last | {w.lower() for w in last})


def _form_of_address(text: str, at: int) -> int | None:
    """ "Ambassador Dr. X": a bare rank at `at` right before an honorific; where the honorific
    starts, or None."""
    rank = title_re(False).match(text, at)
    gap = _SPACE.match(text, rank.end()) if rank else None
    if gap is None or not honorific_re().match(text, gap.end()):
        return None
    return gap.end()


def _state_name_start(text: str, start: int, end: int) -> int | None:
    """Where the country's official name begins in a post's field: the leftmost " of " after
    which the rest ("the Republic of Tajikistan", "the People's Republic of China") is one."""
    at = text.find(" of ", start, end)
    while at >= 0:
        rest = text[at + 4 : end]
        rest = rest[4:] if rest.startswith("the ") else rest
        if rest.replace("’", "'") in country_names() or rest in country_names():
            return at
        at = text.find(" of ", at + 1, end)
    return None


def _name_next(text: str, at: int, name_starts: list[int]) -> bool:
    """A person is named right after `at` ("Vice Chancellor, University of X Prof. Dr. Y")."""
    gap = _SPACE.match(text, at)
    if gap is None:
        return False
    k = bisect_left(name_starts, gap.end())
    return k < len(name_starts) and name_starts[k] == gap.end()


def _ends_phrase(text: str, at: int) -> bool:
    """A body named after a title's comma ends the phrase: punctuation or a verb follows."""
    # (an acronym or a note in parentheses ends it too: "Director, X Center (XC – ...)")
    return bool(re.match(r"\s*(?:[,;.()]|$|[a-z])", text[at : at + 3]))


def attach_titles(ix: TextIndex, mentions: list[NameMention], orgs: OrgFinding) -> list[Attachment]:
    text = ix.text
    by_end = {m.end: m for m in mentions}
    by_lead = {m.lead: m for m in mentions}
    name_starts = sorted(m.lead for m in mentions)
    covered = Covered(
        [(m.lead, m.end) for m in mentions] + [(o.start, o.end) for o in orgs.mentions]
    )
    out: list[Attachment] = []

    def owner_titled(person: NameMention) -> bool:
        """The person has a post written before the name, not itself after a comma (in "X, T1,
        T2, Y, T3, Z" each post follows its person)."""
        return any(
            a.mention is person
            and a.rule != POST
            and not re.search(r",\s*$", text[max(0, a.phrase.lead - 3) : a.phrase.lead])
            for a in out
        )

    for m in title_matches(text):
        if covered(m.start()):  # "Director" inside a name or an organisation's name
            continue
        after_comma = re.search(r",\s*$", text[max(0, m.start() - 3) : m.start()])
        if (
            after_comma
            and by_end.get(max(0, m.start() - 3) + after_comma.start()) is None
            and _form_of_address(text, m.start()) is not None
        ):
            # the rank of "Executive Director COMSATS, Ambassador Dr. X", read with the post
            # before it (in a list, "Mr. A, Deputy Director Mr. B", the post is B's own)
            continue
        phrase = _phrase(ix, m, orgs, name_starts)
        capitalised = m.group()[:1].isupper()
        # 1. apposition after a person: "<name>, [the] [ORG's] <title>" or "<name> (<title>)"
        head = phrase.lead
        lead = _APPOSITION_BEFORE.search(text, max(0, head - 30), head)
        owner = by_end.get(lead.start()) if lead else None
        if owner is None and phrase.org is not None and capitalised:
            # a contact block or a caption: "Ms. Jane Roe Programme Expert ABC/DEF": name, post
            # and body one after the other, the name after an honorific
            gap = re.compile(r"[ \t]*\n?[ \t]*$").search(text, max(0, head - 3), head)
            by_gap = by_end.get(gap.start()) if gap else None
            if by_gap is not None and by_gap.honorific and phrase.lead == phrase.start:
                owner = by_gap
        # ... unless the phrase runs straight into the next name ("..., Deputy Director Mr. Chen")
        # (the post's own acronym may stand between: "Vice-Chancellor (VC) Professor Dr. X")
        nxt = _POST_ACRONYM_GAP.match(text, phrase.end)
        next_person = by_lead.get(nxt.end()) if nxt else None
        if next_person is None and phrase.org is not None:
            # "Vice President, Huazhong Agriculture University (HZAU), Wuhan, China Prof. Dr. X":
            # the body's city and country between the post and the name
            where = _PLACE_GAP.match(text, phrase.end)
            if where and all(_is_place(p.strip()) for p in where.group("places").split(",")[1:]):
                next_person = by_lead.get(where.end())
        comma = re.compile(r",\s+").match(text, phrase.end)
        at = comma.end() if comma else -1
        rank = _RANK_BEFORE_NAME.match(text, at) if comma else None
        if rank and phrase.start < at and rank.end() in by_lead:
            at = rank.end()  # "Thailand’s environment minister, General Surasak Kanjanarat"
        address = _form_of_address(text, at) if comma else None
        if address is not None:  # "Executive Director COMSATS, Ambassador Dr. X": the rank
            at = address  # before the honorific is how X is addressed, the post comes first
        parent = orgs.starting_at(at) if comma and phrase.org is not None else None
        after_parent = _COMMA_GAP.match(text, parent.end) if parent else None
        if after_parent is not None and after_parent.end() in by_lead:
            # "Deputy Director South China Sea Institute, Chinese Academy of Sciences, Dr. X"
            at = after_parent.end()
        rank = _RANK_GAP.match(text, at) if comma else None  # "..., Academician of RAS Name"
        if rank:  # the first name after the rank's body
            k = bisect_left(name_starts, rank.end())
            at = name_starts[k] if k < len(name_starts) and name_starts[k] - rank.end() < 80 else at
        # (a post in lower case too, after "the": "The Brazilian minister of Environment, X")
        definite = _THE_BEFORE.search(text, max(0, phrase.lead - 25), phrase.lead)
        later = by_lead.get(at) if comma and (capitalised or phrase.org or definite) else None
        if next_person is not None and (capitalised or phrase.end == m.end() or phrase.org):
            out.append(Attachment(next_person, PRE, phrase))
            while phrase.plural:  # "Deputy Ministers A, B and C": each is one
                sep = _LIST_SEP.match(text, next_person.end)
                next_person = by_lead.get(sep.end()) if sep else None
                if next_person is None:
                    break
                out.append(Attachment(next_person, PRE, phrase))
        elif owner is not None and not (later is not None and owner_titled(owner)):
            # (in "T1, A, T2, B" where A has T1, T2 is B's: the alternating list below)
            phrase = _second_post(ix, phrase, orgs, name_starts)
            described = lead is not None and bool(re.search(r"\ban?\s", lead.group()))
            out.append(Attachment(owner, POST, phrase, described))
            pair = _PAIR_BEFORE.search(text, max(0, owner.lead - 8), owner.lead)
            first = by_end.get(pair.start()) if pair else None
            if first is not None and phrase.plural:
                out.append(Attachment(first, POST, phrase))
        elif later is not None:
            out.append(Attachment(later, PRE_COMMA, phrase))
    return out


_UN_RANK = re.compile(r"secretary[- ]general", re.IGNORECASE)
_RANK_BEFORE_NAME = re.compile(r"(?:General|Colonel|Major|Admiral|Brigadier|Lieutenant)\s+")


def _second_post(
    ix: TextIndex, phrase: TitlePhrase, orgs: OrgFinding, name_starts: list[int]
) -> TitlePhrase:
    """ "UN Under-Secretary-General and Executive Director of UNEP": the post tied to a body;
    "Senior Research Scientist and Plant Systematics expert at X": the first post, at X."""
    also = _AND_TITLE.match(ix.text, phrase.end)
    # (a body written before the first post, "U.N. deputy secretary general and executive
    # director of UNEP", yields to the body the second post names)
    if also is None or (phrase.org is not None and phrase.lead == phrase.start):
        return phrase
    second = title_re(True).match(ix.text, also.end())
    if second is not None:
        other = _phrase(ix, second, orgs, name_starts)
        if "(" not in also.group() and not _UN_RANK.search(phrase.title):
            # Two posts held at one body are the title as written ("UNEP Representative and
            # Regional Director for West Asia", "Director and Executive Coordinator of ...")
            title = ix.text[phrase.start : other.start] + other.title
            org, tied = other.org or phrase.org, other.tied or phrase.tied
            return TitlePhrase(title, org, tied, phrase.start, other.end, phrase.lead)
        # ... but a rank of the UN system before a post ("Under-Secretary-General and Executive
        # Director of UNEP"), or a post at a body of its own ("Secretary (DARE) & Director
        # General of ICAR"), leaves the post tied to the body named
        tied = other.org is not None and other.lead == other.start
        return other if tied or (other.org is not None and phrase.org is None) else phrase
    if phrase.org is not None:
        return phrase
    field = _FIELD_WORDS.match(ix.text, also.end())
    second = title_re(True).match(ix.text, field.end()) if field else None
    if second is not None:
        other = _phrase(ix, second, orgs, name_starts)
        if other.org is not None:
            return TitlePhrase(phrase.title, other.org, True, phrase.start, other.end, phrase.lead)
    return phrase
