"""The SDGs an article is about: stated in the text, or inferred from its words.

Layout:
- `_sdg_stated.stated`: goals the text names ('SDG 15', 'Goal 13', 'Life on Land'); method
  "stated", score 1.0.
- `_sdg_infer.infer`: goals inferred from weighted phrases (curated list and the official goal and
  target texts); method "inferred", with the trigger phrases, their spans, and a score in 0..1
  (1 - exp(-raw / 10): raw 5 is 0.39, 10 is 0.63, 20 is 0.86).
Stated goals come first (in text order), then inferred ones by score.
"""

from __future__ import annotations

import math

from ..model import Document, Event, SdgAssessment, Span
from ._sdg_infer import infer
from ._sdg_stated import stated
from ._sdg_words import org_name_spans

_LEAD_CHARS = 500  # title and lead: what the article is about is said there


def find_sdgs(doc: Document, events: list[Event]) -> list[SdgAssessment]:
    text = doc.text
    out: list[SdgAssessment] = []
    said = stated(text)
    for goal, spans in sorted(said.items(), key=lambda kv: kv[1][0].start):
        triggers = list(dict.fromkeys(text[s.start : s.end] for s in spans))
        out.append(SdgAssessment(goal, "stated", 1.0, triggers, spans))
    names = {o for e in events for o in e.organisations}
    masked = _name_spans(text, names) + [Span(a, b) for a, b in org_name_spans(text)]
    for inf in infer(text, masked, doc.body_start + _LEAD_CHARS):
        if inf.goal in said:
            continue
        score = 1 - math.exp(-inf.score / 10)
        out.append(SdgAssessment(inf.goal, "inferred", score, inf.triggers, inf.spans))
    return out


def _name_spans(text: str, names: set[str]) -> list[Span]:
    spans = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            spans.append(Span(at, at + len(name)))
            at = text.find(name, at + len(name))
    return spans
