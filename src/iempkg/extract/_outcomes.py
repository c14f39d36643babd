"""Cooperation outcomes: what the parties agreed, signed, set up or published.

Layout:
- `_RULES`: one regex per outcome kind (most specific first), each a verb of achievement and,
  within a few words, the head noun of what was achieved ("reached a preliminary agreement",
  "signed a memorandum of understanding", "agreed on ... a draft strategy and workplan",
  "established a joint laboratory", "presented the results"). A head noun alone is not an
  outcome ("gave a presentation about the work plan" is not a plan agreed).
- `find_outcomes(text, sents, orgs, participants) -> list[Outcome]`: every match, one outcome per
  kind (further mentions of the same kind add spans), with its parties.

The summary is the noun phrase as the text writes it, from the head (or the object after the
verb) to the end of the clause. An MoU subsumes the softer "agreed to cooperate ..." sentences
that describe its content, so those are not counted as separate agreements when an MoU is found.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..model import Organisation, Outcome, Span
from ._kinds import Sentence

_GAP = r"[^.;:]{0,60}?"
# Memoranda of understanding, cooperation or association ("a draft mutual MOA").
_MEMO = r"memorand(?:ums?|a) of (?:understanding|cooperation|agreement|association)|MoUs?|MoAs?"


@dataclass(frozen=True)
class _Rule:
    kind: str
    rx: re.Pattern[str]
    soft: bool = False  # an "agreed to ..." that an MoU found elsewhere subsumes


def _r(kind: str, pattern: str, soft: bool = False) -> _Rule:
    return _Rule(kind, re.compile(pattern, re.IGNORECASE), soft)


# What each kind's rules need somewhere in a sentence (their head nouns or verbs): a sentence
# without it is not tried against them, which keeps the costly patterns off most sentences.
# One pass over the lower-cased text finds them all.
_NEEDS = {
    "memorand": ("mou",),
    "mou": ("mou",),
    "moa": ("mou",),
    "plan": ("plan",),
    "road": ("plan",),
    "strateg": ("plan",),
    "program": ("plan", "joint-project"),
    "work": ("plan",),
    "lab": ("joint-lab",),
    "cent": ("joint-lab",),
    "platform": ("joint-lab",),
    "network": ("joint-lab",),
    "alliance": ("joint-lab",),
    "observator": ("joint-lab",),
    "consorti": ("joint-lab",),
    "hub": ("joint-lab",),
    "secretariat": ("joint-lab",),
    "project": ("joint-project",),
    "research": ("joint-project",),
    "stud": ("joint-project",),
    "initiative": ("joint-project",),
    "joint": ("joint-project",),
    "report": ("publication",),
    "declaration": ("publication",),
    "communiq": ("publication",),
    "copy of": ("publication",),
    "toolkit": ("publication",),
    "guide": ("publication",),
    "handbook": ("publication",),
    "polic": ("publication",),
    "book": ("publication",),
    "atlas": ("publication",),
    "result": ("publication",),
    "finding": ("publication",),
    "paper": ("publication",),
    "outlook": ("publication",),
    "assessment": ("publication",),
    "train": ("training-delivered",),
    "app": ("other",),
    "portal": ("other",),
    "database": ("other",),
    "dashboard": ("other",),
    "website": ("other",),
    "station": ("other",),
    "agree": ("agreement",),
    "intent": ("agreement",),
    "consensus": ("agreement",),
    "understanding": ("agreement", "mou"),
    "entered into": ("mou",),
    "executed": ("mou",),
}
_NEED_RX = re.compile(r"\b(" + "|".join(sorted(_NEEDS, key=len, reverse=True)) + ")")


_RULES = (
    _r(
        "mou",
        rf"\b(?:sign(?:s|ed|ing)?|inked|concluded|renewed|exchanged|formali[sz]ed|formulat(?:ed|ion of)|drafted|entered into|executed){_GAP}\b(?P<obj>(?:{_MEMO})\b)",
    ),
    _r(
        "mou",
        rf"\b(?P<obj>(?:{_MEMO}))\b[^.;]{{0,80}}?\b(?:is|are|was|were|has been|have been) (?:signed|executed|inked)\b",
    ),
    _r(
        "plan",
        rf"\b(?:agreed (?:on|upon)|adopted|approved|endorsed|finali[sz]ed|formulated|drew up|jointly developed|reached consensus on|agreed to (?:jointly )?(?:develop|prepare|draft|formulate|draw up|design|work out))\s+(?:(?:elements|parts) of\s+)?(?:the\s+|a\s+|an\s+)?(?P<obj>{_GAP}\b(?:work ?plans?|action plans?|road ?maps?|strateg(?:y|ies)|plans? of action|implementation plans?|cooperation plans?)\b)",
    ),
    _r(
        "plan",
        r"\b(?:[Ww]e|[Tt]hey|both sides|the two sides|the university|the institute|the partners)\s+(?:also\s+)?plans?\s+to\s+(?P<obj>(?:set up|establish|build|launch|develop|create|open|introduce|start)\b[^.;]{3,100})",
    ),
    _r(
        "plan",
        rf"\b(?:to draft|drafted)\s+(?:the\s+|a\s+|an\s+)?(?P<obj>{_GAP}\b(?:work ?plans?|action plans?|road ?maps?|implementation plans?|work programm?e?s?))\b",
    ),
    _r(
        "plan",
        r"\b(?P<obj>(?:[\w-]+\s+){0,3}(?:work ?plans?|work programm?e?s?|action plans?|road ?maps?|implementation plans?))\b[^.;]{0,40}?\b(?:was|were|has been|have been) (?:signed|adopted|approved|agreed|endorsed)\b",
    ),
    _r(
        "joint-lab",
        rf"\b(?:establish(?:ed|ment of)?|set up|inaugurat(?:ed|ion of)|unveil(?:ed|ing) the plaque (?:of|for)|jointly (?:build|built|establish(?:ed)?)|co-found(?:ed)?|agreed to (?:jointly )?(?:establish|set up|build)|launch(?:ed)?(?!\s+with))(?!\s+(?:in|at)\s)\s+(?:the\s+|a\s+|an\s+)?(?P<obj>{_GAP}\b(?:laborator(?:y|ies)|lab|cent(?:re|er)|platform|network|alliance|observatory|consortium|hub|secretariat)s?)\b",
    ),
    _r(
        "joint-project",
        rf"\b(?:launch(?:ed)?(?!\s+of\s)|initiat(?:ed)?|kick(?:ed)? off|agreed to (?:jointly )?(?:implement|carry out|undertake|conduct|develop|launch|initiate|start)|jointly (?:implement|carry out|undertake|conduct)(?:ed)?)\s+(?:the\s+|a\s+|an\s+)?(?P<obj>{_GAP}\b(?:joint |cooperati(?:on|ve) |research |pilot )*(?:projects?|joint research|joint stud(?:y|ies)))\b",
    ),
    _r(
        "joint-project",
        rf"\blaunch(?:ing)? (?:meeting|ceremony|event|workshop) (?:of|for) (?:the\s+)?(?P<obj>{_GAP}\b(?:projects?|program(?:me)?))\b",
    ),
    _r(
        "joint-project",
        rf"\bjointly (?:launched|initiated|started)\s+(?:the\s+|a\s+|an\s+)?(?P<obj>{_GAP}\b(?:projects?|program(?:me)?s?|initiatives?))\b",
    ),
    _r(
        "publication",
        r"\b(?:adopted|issued|released|drafted|(?:giving|gave|give) rise to|produced|draft of)\s+(?:the\s+|a\s+)?(?P<obj>(?:joint |final |draft )?communiqu[eé]s?)\b",
    ),
    _r(
        "publication",
        r"\b(?:present(?:ed|ing)|hand(?:ed|ing) over|gave|offered)\b[^.;]{0,60}?\ba copy of\s+(?P<obj>(?:[\w’'-]+\s+){0,6}?(?:reports?|outlook|books?|atlas|assessments?|publications?))\b",
    ),
    _r(
        "publication",
        r"\b(?:release|launch|publication) of (?:the\s+|a\s+|an\s+)?(?P<obj>(?:[\w-]+\s+){0,8}?(?:reports?|outlook|assessments?|atlas|declarations?|guidelines|handbooks?|books?|toolkits?|guidebooks?))\b",
    ),
    _r(
        "publication",
        r"\b(?:releas(?:ed|ing)|publish(?:ed|ing)|launch(?:ed|ing)|present(?:ed|ing)|issu(?:ed|ing)|adopt(?:ed|ing)|unveil(?:ed|ing)|agreed to (?:jointly )?(?:prepare|produce|publish|compile|write|co-author|draft|develop))\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?P<obj>(?:[\w-]+\s+){0,4}?(?:reports?|declarations?|toolkits?|guidelines|guidebooks?|handbooks?|policy briefs?|books?|atlas|results|findings|white papers?)\b)",
    ),
    _r(
        "training-delivered",
        r"\b(?P<obj>(?:\d[\d,]*|dozens of|hundreds of)\s+(?:[\w-]+\s+){0,3}(?:were|have been|had been|was) trained)\b",
    ),
    _r(
        "training-delivered",
        r"\b(?P<obj>trained\s+(?:more than |over |about |some |nearly |around )?(?:\d[\d,]*|dozens of|hundreds of)\s+(?:[\w-]+\s+){0,3}?[\w-]+)",
    ),
    _r(
        "training-delivered",
        r"\b(?P<obj>trained\s+(?:the\s+|local\s+|young\s+|[\w-]+\s+){0,2}(?:students|participants|officials|farmers|staff|teachers|researchers|technicians|officers|engineers|trainees|experts|practitioners|rangers|women|youth)\b[^.;]{0,80})",
    ),
    _r(
        "training-delivered",
        r"\b(?:provided|delivered|conducted|offered|organi[sz]ed)\s+(?P<obj>(?:[\w-]+\s+){0,2}trainings?(?: courses?| sessions?)?(?: (?:to|for) [^.;,]{1,60})?)",
    ),
    _r(
        "agreement",
        r"\b(?:reached|signed|concluded)\s+(?P<obj>(?:a |an |the )?(?:[\w-]+\s+){0,3}?(?:agreements?|consensus|understanding|(?:letters?|declarations?) of intent)\b)",
    ),
    _r(
        "agreement",
        r"\b(?P<obj>(?:(?:sides|parties) agreed on|(?:agreed|consensus) to (?:further |jointly |closely )?)(?:cooperat|collaborat|work together|work closely|strengthen|deepen|promote|explore|jointly|enhance|expand|boost|intensify|step up|advance|broaden|continue|further)\w*)",
        soft=True,
    ),
    _r(
        "other",
        r"\b(?:launch(?:ed|es)?|unveil(?:ed|s)?|releas(?:ed|es))\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?P<obj>(?:[\w‘’'-]+\s+){0,3}?(?:mobile app|app|application|web portal|portal|database|dashboard|website)\b[^.;,]{0,60})",
    ),
    _r(
        "other",
        r"\b(?:install(?:ed|ing)?|set(?:ting)? up|establish(?:ed|ing))\s+(?:the\s+|a\s+|an\s+|two\s+|three\s+|new\s+|several\s+|permanent\s+|automatic\s+)*(?P<obj>(?:[\w-]+\s+){0,3}?(?:weather|meteorological|monitoring|hydrological|climate)\s+(?:and\s+[\w-]+\s+)?stations?\b[^.;]{0,60})",
    ),
    _r(
        "agreement",
        r"\bagreed to (?P<obj>(?:visit|exchange|share|hold|organi[sz]e|conduct|host|send|support|establish contacts|maintain)\b[^.;]{0,100})",
        soft=True,
    ),
    _r(
        "agreement",
        r"\b(?:(?:both|two) (?:sides|parties|institutions|organi[sz]ations)|the parties|heads of [^.;]{2,40}?|both) (?:have |had )?(?P<obj>agreed (?:that|on)\b[^.;]{3,120})",
        soft=True,
    ),
)
# Where a summary stops: the end of the clause.
_CLAUSE_END = re.compile(r"[,;.:()\[\]\n]|\s(?:which|that|who|while|whereas|as well as)\s")
_QUOTES = str.maketrans("", "", "\"“”‘’'")
_BOTH = re.compile(
    r"\b(?:both (?:sides|parties)|the two (?:sides|parties|organi[sz]ations|institutions))\b", re.I
)
_MAX_WORDS = 14


def _summary(text: str, start: int, limit: int) -> tuple[str, int]:
    """The noun phrase from `start` to the end of its clause (at most `_MAX_WORDS` words)."""
    m = _CLAUSE_END.search(text, start, limit)
    end = m.start() if m else limit
    # Quoted titles keep their inner punctuation: run on to the closing quote.
    if text[start:end].count("‘") > text[start:end].count("’") or text[start:end].count("“") > text[
        start:end
    ].count("”"):
        close = re.compile(r"[’”]").search(text, end, limit)
        end = close.end() if close else end
    words = text[start:end].split()
    if words and words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    phrase = " ".join(words[:_MAX_WORDS]).translate(_QUOTES).strip(" -–")
    return phrase, start + len(text[start:end].rstrip())


def _parties(
    text: str, span: Span, sent: Sentence, orgs: list[Organisation], participants: list[str]
) -> list[str]:
    named = [o.name for o in orgs if any(sent.start <= s.start < sent.end for s in o.spans)]
    if named:
        return named
    return list(participants) if _BOTH.search(text, sent.start, sent.end) else []


def find_outcomes(
    text: str,
    sents: list[Sentence],
    orgs: list[Organisation],
    participants: list[str],
    year: str | None = None,
) -> list[Outcome]:
    """Outcomes the sentences report, one per kind, most specific rule first. Background
    ("signed a memorandum ... in 2014", in an article about another year) is not an outcome."""
    by_kind: dict[str, Outcome] = {}
    soft: list[Outcome] = []
    starts = [s.start for s in sents]
    needed: dict[int, set[str]] = {}  # sentence index -> the kinds worth trying there
    for m in _NEED_RX.finditer(text.lower()):
        n = bisect_right(starts, m.start()) - 1
        needed.setdefault(n, set()).update(_NEEDS[m.group(1)])
    for n in sorted(needed):  # in text order; the other sentences hold no outcome word
        if not 0 <= n < len(sents):
            continue
        sent, kinds = sents[n], needed[n]
        taken: list[Span] = []
        for rule in _RULES:
            if rule.kind not in kinds:
                continue
            for m in rule.rx.finditer(text, sent.start, sent.end):
                if any(m.start() < t.end and t.start < m.end() for t in taken):
                    continue
                summary, end = _summary(text, m.start("obj"), sent.end)
                span = Span(m.start(), max(end, m.end()))
                taken.append(Span(m.start(), m.end()))  # the summary may hold another outcome
                past = _IN_YEAR.search(text, m.end(), min(sent.end, max(end, m.end()) + 12))
                if past and past.group(1) != year:
                    continue
                if _INTENT.search(text, sent.start, _word_end(text, m.start())):
                    continue  # "The purpose of the visit was to sign a memorandum": not done
                parties = _parties(text, span, sent, orgs, participants)
                found = Outcome(rule.kind, summary, parties, [span])
                # "a newly signed agreement" where an MoU is signed is that MoU
                signed = rule.kind == "agreement" and m.group().lower().startswith("signed")
                if rule.soft or signed:
                    soft.append(found)
                else:
                    _merge(by_kind, found)
    if "mou" not in by_kind:
        for o in soft:
            _merge(by_kind, o)
    return list(by_kind.values())


# A purpose or a plan before the verb's infinitive: the outcome is hoped for, not achieved
# ("agreed to establish" is an outcome, "the aim is to establish" is not).
_INTENT = re.compile(
    r"\b(?:purpose|aim|aims|objective|goal|intention|plan|plans|planned|intends?|hopes?|hoped|"
    r"seeks?|expected|will|would|shall)\b(?:\s+\w+){0,5}?\s+(?:to|be)\s+\w+$",
    re.I,
)
_NOT_WORD = re.compile(r"\W")


def _word_end(text: str, at: int) -> int:
    stop = _NOT_WORD.search(text, at)
    return stop.start() if stop else len(text)


_IN_YEAR = re.compile(r"\s+(?:in|since|back in)\s+(\d{4})\b")


def training_delivered(text: str, sents: list[Sentence], kind_spans: list[Span]) -> Outcome | None:
    """A training event the text reports as given (held, opened, attended by trainees or
    participants) delivered a training: the outcome the record calls `training-delivered`."""
    for span in kind_spans:
        sent = next((s for s in sents if s.start <= span.start < s.end), None)
        if sent is None:
            continue
        if _GIVEN.search(text, sent.start, sent.end) or _TRAINEES.search(text):
            summary, end = _summary(text, span.start, sent.end)
            return Outcome("training-delivered", summary, [], [Span(span.start, end)])
    return None


_GIVEN = re.compile(
    r"\b(?:held|took place|organi[sz]ed|conducted|opened|concluded|delivered|attended"
    r"|began|begun|started|kicked off|wrapped up)\b",
    re.I,
)
_TRAINEES = re.compile(r"\b(?:trainees|participants)\b", re.I)


def _merge(by_kind: dict[str, Outcome], o: Outcome) -> None:
    """Further mentions of a kind add their spans and parties; the longer summary is kept."""
    old = by_kind.get(o.kind)
    if old is None:
        by_kind[o.kind] = o
        return
    if len(o.summary) > len(old.summary) and old.summary.casefold() in {"mou", "mous"}:
        old.summary = o.summary
    old.spans.extend(o.spans)
    old.parties.extend(p for p in o.parties if p not in old.parties)
