"""Where the text says what (title, lead, sentences), and the event kind those words name.

Layout:
- `sentences(doc) -> list[Sentence]`: the title and the body sentences with their offsets and a
  position weight: a news story says what happened in its title and first sentence, so those
  count most; a later mention is usually background.
- `score_kinds(sents) -> (kind, spans)`: the event kind whose trigger words (data file
  `resources/event_kinds.yaml`) weigh most, and the spans of the triggers that chose it.

Scoring: for each sentence and each kind, the strongest trigger of that kind in the sentence
counts once (repetition inside a sentence says nothing), times the sentence's weight (title 3,
first body sentence 2, rest of the first paragraph 1.2, later 0.4). Below `_MIN_SCORE` the
kind is "other".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..model import Document, Span

TITLE_WEIGHT, LEAD_WEIGHT, FIRST_PARA_WEIGHT, LATER_WEIGHT = 3.0, 2.0, 1.2, 0.4
# One clear trigger, even in a later sentence ("A meeting was held between ...": 2.5 x 0.4),
# names the kind: the news items report an event; "other" is for those that name none.
_MIN_SCORE = 0.8

# A sentence ends at . ! ? followed by space and a capital, digit or quote, unless the dot
# closes an abbreviation or an initial.
_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Assoc|Asst|St|Co|No|Mt|Jr|Sr|Inc|Ltd|Gen|Hon|Rev|vs|etc|e\.g|i\.e"
    r"|Md|Mohd|Sk|Col|Ing|Dra|Lic|M\.Sc"
    r"|H\.E|U\.S|U\.N)|\b[A-Z])[.]$"
)
# A first line without a full stop, not too long, is a title when the document has none set.
_TITLE_LIKE = re.compile(r"[^\n]{10,200}(?<![.!?:])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    index: int  # 0 is the title (when there is one), then body sentences in order
    paragraph: int  # -1 for the title
    weight: float


# A page's date line ("• 27 April 2022 | News", "18 Nov 2016") holds no words to weigh.
_DATE_LINE = re.compile(r"[\W\d_]*(?:[A-Za-z]{3,9}\.?)?[\W\d_]*(?:News)?[\W\d_]*")
# ... or a numeric date and the page's section: "06.10.2016 - Natural Sciences Sector".
_DATE_SECTION_LINE = re.compile(
    r"\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s*[-–|•·]\s*[A-Z][\w&]*(?:\s+[A-Z&][\w&]*){0,3}\s*"
)


def title_span(doc: Document) -> Span | None:
    """Where the title is in `doc.text`: `doc.title` near the start, or else a first line that
    reads like a headline (no closing full stop, not a date line)."""
    text = doc.text
    if doc.title:
        at = text.find(doc.title, 0, 300 + len(doc.title))
        return Span(at, at + len(doc.title)) if at >= 0 else None
    for line in re.finditer(r"[^\n]+", text[:400]):
        if _DATE_LINE.fullmatch(line.group()) or _DATE_SECTION_LINE.fullmatch(line.group()):
            continue
        if "\n" in text[line.end() :] and _TITLE_LIKE.fullmatch(line.group().strip()):
            return Span(line.start(), line.end())
        return None
    return None


def sentences(doc: Document) -> list[Sentence]:
    """The title (if any) and the body sentences of `doc`, each with its position weight."""
    text = doc.text
    out: list[Sentence] = []
    title = title_span(doc)
    if title:
        out.append(Sentence(title.start, title.end, 0, -1, TITLE_WEIGHT))
    para = 0
    for line in re.finditer(r"[^\n]+", text):
        a, b = line.start(), line.end()
        if title and a < title.end and title.start < b:
            continue
        if _DATE_LINE.fullmatch(text[a:b]):
            continue
        start = a
        for m in _END.finditer(text, a, b):
            if _ABBREV.search(text, max(a, m.start() - 6), m.start() + 1):
                continue
            out.append(_sentence(text, start, m.start() + 1, len(out), para, bool(title)))
            start = m.end()
        if text[start:b].strip():
            out.append(_sentence(text, start, b, len(out), para, bool(title)))
        para += 1
    return out


def _sentence(text: str, start: int, end: int, index: int, para: int, titled: bool) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    lead = index == (1 if titled else 0)
    weight = LEAD_WEIGHT if lead else FIRST_PARA_WEIGHT if para == 0 else LATER_WEIGHT
    return Sentence(start, end, index, para, weight)


_WORD_START = re.compile(r"\b[A-Za-z]{2}")


@cache
def _triggers() -> dict[str, list[tuple[re.Pattern[str], str, float]]]:
    """Trigger patterns by their first two letters (lower case), so that each word of the text
    is tried only against the few triggers that can start with it. Longer patterns first."""
    path = resources.files("iempkg.resources").joinpath("event_kinds.yaml")
    raw: dict[str, list[list[str | float]]] = yaml.safe_load(path.read_text("utf-8"))
    by_prefix: dict[str, list[tuple[re.Pattern[str], str, float]]] = {}
    rows = sorted(
        ((str(p), k, float(w)) for k, ps in raw.items() for p, w in ps), key=lambda r: -len(r[0])
    )
    for pat, kind, w in rows:
        prefix = pat[:2].lower()
        if not prefix.isalpha():
            raise ValueError(f"event_kinds.yaml: pattern {pat!r} must start with two letters")
        by_prefix.setdefault(prefix, []).append((re.compile(rf"(?:{pat})\b", re.I), kind, w))
    return by_prefix


def score_kinds(text: str, sents: list[Sentence]) -> tuple[str, list[Span], dict[str, float]]:
    """The event kind the text's trigger words weigh most for, the spans of its triggers in
    order of weight, and all kinds' scores."""
    triggers = _triggers()
    # Per sentence and kind, the strongest trigger: (weight, span).
    best: dict[tuple[int, str], tuple[float, Span]] = {}
    starts = [s.start for s in sents]
    for word in _WORD_START.finditer(text):
        candidates = triggers.get(word.group().lower())
        if not candidates:
            continue
        i = bisect_right(starts, word.start()) - 1
        if i < 0 or word.start() >= sents[i].end:
            continue  # furniture between sentences (a date line)
        for rx, kind, w in candidates:
            m = rx.match(text, word.start())
            if m and w > best.get((i, kind), (0.0, None))[0]:
                best[(i, kind)] = (w, Span(m.start(), m.end()))
    # "A training workshop": the compound names the kind, and "the workshop" later in the
    # text is that training, not another event.
    compounds = {
        text[sp.start : sp.end].split()[-1].lower().rstrip("s"): kind
        for (_, kind), (_, sp) in best.items()
        if " " in text[sp.start : sp.end]
    }
    for key, (w, span) in list(best.items()):
        trigger = text[span.start : span.end].lower().rstrip("s")
        other = compounds.get(trigger)
        if other is not None and other != key[1] and " " not in trigger:
            del best[key]
            old = best.get((key[0], other))
            if old is None or old[0] < w:
                best[(key[0], other)] = (w, span)
    scores: dict[str, float] = {}
    evidence: dict[str, list[tuple[float, Span]]] = {}
    for (i, kind), (w, span) in best.items():
        scores[kind] = scores.get(kind, 0.0) + w * sents[i].weight
        evidence.setdefault(kind, []).append((w * sents[i].weight, span))
    if not scores:
        return "other", [], scores
    kind = max(scores, key=lambda k: scores[k])
    if scores[kind] < _MIN_SCORE:
        return "other", [], scores
    spans = [sp for _, sp in sorted(evidence[kind], key=lambda x: (-x[0], x[1].start))]
    return kind, spans, scores
