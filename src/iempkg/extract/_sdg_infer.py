"""SDGs inferred from what an article is about: weighted phrases, explainable by their triggers.

Layout:
- `_model()` (built once): two phrase tables, each phrase -> {goal: weight}:
  1. the curated phrases of `resources/sdg_keywords.yaml` (what news of this kind says);
  2. TF-IDF weights of the words and word pairs of the official goal and target texts
     (`resources/sdg.json`): a term's frequency in one goal's texts, times log(17 / number of goals
     whose texts use it), so words every goal uses ("sustainable", "ensure") weigh nothing and a
     term of one goal only ("desertification") weighs most. Only terms used by at most
     `_MAX_DF` goals are kept; they are hints, scaled by `_OFFICIAL_SCALE`.
- `infer(text, masked, lead_end) -> list[Inferred]`: the article's words are matched longest
  phrase first; each distinct phrase adds weight x (1 + log count) x 1.5 when it occurs in the
  title or lead; names of the participating organisations (`masked`) are skipped, since a name
  says what a body is, not what the article is about.

A goal is kept when its score reaches `MIN_SCORE` and `MIN_SHARE` of the best goal's score, so
a passing mention ("... themes including climate change") does not make an article about it.
SDG 17 (partnerships) follows from the same tables: cooperation, partnership, MoU, South-South,
capacity building are its curated phrases, and they are what cooperation news says.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from ..model import Span
from ._sdg_words import GENERIC, STOP, Word, mask, phrase_key, words

MIN_SCORE = 5.0
MIN_SHARE = 0.25
_LEAD_BOOST = 1.5
_MAX_DF = 2
_OFFICIAL_SCALE = 1.0


@dataclass
class Inferred:
    goal: int
    score: float
    triggers: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class _Model:
    phrases: dict[tuple[str, ...], dict[int, float]]
    longest: dict[str, int]  # first word -> length of the longest phrase starting with it


def _load(name: str) -> str:
    return resources.files("iempkg.resources").joinpath(name).read_text("utf-8")


@cache
def _model() -> _Model:
    phrases: dict[tuple[str, ...], dict[int, float]] = {}
    for key, weights in _official_weights().items():
        phrases[key] = {g: w * _OFFICIAL_SCALE for g, w in weights.items()}
    curated: dict[int, dict[str, float]] = yaml.safe_load(_load("sdg_keywords.yaml"))
    for goal, table in curated.items():
        for phrase, w in table.items():
            key = phrase_key(str(phrase))
            # A curated weight replaces the official one for that goal: it was chosen by hand.
            phrases.setdefault(key, {})[int(goal)] = float(w)
    longest: dict[str, int] = {}
    for key in phrases:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return _Model(phrases, longest)


def _official_weights() -> dict[tuple[str, ...], dict[int, float]]:
    """TF-IDF of words and adjacent word pairs in each goal's official title and targets."""
    data = json.loads(_load("sdg.json"))
    texts: dict[int, list[str]] = {}
    for g in data["goals"]:
        texts.setdefault(g["number"], []).extend([g["title"], g["title_short"]])
    for t in data["targets"]:
        texts[t["goal"]].append(t["text"])
    tf: dict[int, Counter[tuple[str, ...]]] = {}
    for goal, parts in texts.items():
        counts: Counter[tuple[str, ...]] = Counter()
        for part in parts:
            ws = [w.stem for w in words(part)]
            counts.update((w,) for w in ws if w not in STOP and w not in GENERIC and w.isalpha())
            counts.update(
                (a, b)
                for a, b in itertools.pairwise(ws)
                if a not in STOP and b not in STOP and not {a, b} & GENERIC
            )
        tf[goal] = counts
    df = Counter(term for counts in tf.values() for term in counts)
    out: dict[tuple[str, ...], dict[int, float]] = {}
    for goal, counts in tf.items():
        top = max(counts.values())
        for term, n in counts.items():
            if df[term] > _MAX_DF or (len(term) == 1 and (n < 2 or len(term[0]) < 4)):
                continue  # a word must recur in its goal's texts to stand for it
            weight = (0.5 + 0.5 * n / top) * math.log(17 / df[term])
            out.setdefault(term, {})[goal] = round(weight, 3)
    return out


def infer(text: str, masked: list[Span], lead_end: int) -> list[Inferred]:
    """Goals the text is about, best first, with the phrases that triggered each and where."""
    model = _model()
    phrases = model.phrases
    off = mask(len(text), [(m.start, m.end) for m in masked])
    ws = [w for w in words(text) if not off[w.start]]
    hits: dict[tuple[str, ...], list[Span]] = {}
    i = 0
    while i < len(ws):
        for n in range(min(model.longest.get(ws[i].stem, 0), len(ws) - i), 0, -1):
            key = tuple(w.stem for w in ws[i : i + n])
            if key in phrases and _contiguous(text, ws[i : i + n]):
                hits.setdefault(key, []).append(Span(ws[i].start, ws[i + n - 1].end))
                i += n
                break
        else:
            i += 1
    scores: dict[int, Inferred] = {}
    for key, spans in hits.items():
        boost = _LEAD_BOOST if spans[0].start < lead_end else 1.0
        for goal, w in phrases[key].items():
            add = w * (1 + math.log(len(spans))) * boost
            inf = scores.setdefault(goal, Inferred(goal, 0.0))
            inf.score += add
            inf.triggers.append(text[spans[0].start : spans[0].end])
            inf.spans.extend(spans)
    ranked = sorted(scores.values(), key=lambda x: -x.score)
    if not ranked:
        return []
    best = ranked[0].score
    kept = [r for r in ranked if r.score >= MIN_SCORE and r.score >= MIN_SHARE * best]
    for r in kept:  # strongest triggers first
        weight = {t: phrases[phrase_key(t)].get(r.goal, 0.0) for t in r.triggers}
        r.triggers = sorted(dict.fromkeys(r.triggers), key=lambda t: -weight[t])
        r.spans.sort()
    return kept


def _contiguous(text: str, seq: list[Word]) -> bool:
    """Words of one phrase: apart only by spaces or hyphens, not by punctuation."""
    return all(text[a.end : b.start] in (" ", "-", "–") for a, b in itertools.pairwise(seq))
