"""Key phrases of an article: noun-phrase-like runs of content words in the domain vocabulary.

Layout:
- `domain()` (built once): the word stems of the official SDG goal and target texts and of the
  curated SDG phrases: the vocabulary of environment and development news.
- `candidates(text, lead_end)`: runs of content words between stop words, verbs (words in
  -ed/-ing that are not domain nouns) and punctuation, as 2-3-word phrases whose last word (the
  head) is in the domain vocabulary; organisation names are skipped.
- `rank(...)`: score = occurrences (1 + log n) x (1.5 in the title/lead) x share of domain words
  x (1.3 for a phrase the curated SDG list knows); a phrase inside a better-scored one is dropped.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from ..model import Span
from ._sdg_words import GENERIC, STOP, mask, org_name_spans, phrase_key, stem, wordset

_RUN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?:['’][a-z]+)?")
# Verbs and fillers that end a noun phrase; words in -ed/-ing end one too unless domain nouns.
_BREAK = wordset(
    """
    promote improve enhance strengthen share discuss support include address aim conduct
    provide explore deepen focus bring combine guide integrate noted expressed
    emphasized stressed said say says delivered gave give presented listened praised put
    forward whose such several various overall latest future further also related
    relevant main great important key deeper detailed outstanding valuable effective
    keen close closely both parties party side sides team teams part well way ways
    number advance build sustain raise foster ensure enable help contribute mobilize
    tackle boost drive enhance since better undertake assist invaluable de des du la le
    el protect protects affect affects review reviews threaten threatens cover covers
    show shows helps jointly reduce
    """
)
# Heads that say little on their own: 'pilot activities', 'research opportunities'.
_WEAK_HEADS = wordset(
    """
    activity opportunity area perspective process information research program programme
    project initiative issue effort work field aspect representative
    """
)
_LEAD_BOOST = 1.5
_CURATED_BOOST = 1.3
MAX_TOPICS = 8


@dataclass
class Candidate:
    key: tuple[str, ...]
    label: str
    spans: list[Span] = field(default_factory=list)
    score: float = 0.0


def _load(name: str) -> str:
    return resources.files("iempkg.resources").joinpath(name).read_text("utf-8")


@cache
def domain() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """Domain word stems, and the curated phrases as stem tuples."""
    data = json.loads(_load("sdg.json"))
    texts = [g["title"] for g in data["goals"]] + [t["text"] for t in data["targets"]]
    stems = {stem(w) for t in texts for w in _RUN_WORD.findall(t)}
    curated: dict[int, dict[str, float]] = yaml.safe_load(_load("sdg_keywords.yaml"))
    phrases = {phrase_key(str(p)) for table in curated.values() for p in table}
    stems |= {w for p in phrases for w in p}
    return frozenset(stems - STOP - GENERIC), frozenset(phrases)


@cache
def _heads() -> frozenset[str]:
    """Last stems of the curated phrases."""
    return frozenset(p[-1] for p in domain()[1])


def _is_break(word: str, heads: frozenset[str]) -> bool:
    """Stop words, verbs and adverbs end a phrase; a word in -ing only when it is no noun
    that ends a known phrase ('capacity building', 'early warning')."""
    low = word.lower()
    if low in STOP or low in _BREAK:
        return True
    return low.endswith(("ed", "ing", "ly")) and low not in heads


def candidates(text: str, lead_end: int) -> dict[tuple[str, ...], Candidate]:
    vocab, curated = domain()
    heads = _heads()
    off = mask(len(text), list(org_name_spans(text)))
    found: dict[tuple[str, ...], Candidate] = {}
    run: list[re.Match[str]] = []

    def flush() -> None:
        if len(run) >= 2:  # a phrase has two or three words
            stems = [stem(w.group()) for w in run]
            for n in (3, 2):
                for i in range(len(run) - n + 1):
                    key = tuple(stems[i : i + n])
                    if key[-1] not in vocab or len(set(key)) < n or _is_name(run[i : i + n], text):
                        continue
                    span = Span(run[i].start(), run[i + n - 1].end())
                    c = found.setdefault(key, Candidate(key, text[span.start : span.end]))
                    c.spans.append(span)
        run.clear()

    prev_end = 0
    for m in _RUN_WORD.finditer(text):
        start, word = m.start(), m.group()
        if run and text[prev_end:start].strip():
            flush()  # punctuation between words ends a phrase
        if off[start] or _is_break(word, heads) or "'" in word or "’" in word:
            flush()
        else:
            run.append(m)
        prev_end = m.end()
    flush()
    for key in [
        k for k, c in found.items() if len(k) == 3 and len(c.spans) < 2 and k not in curated
    ]:
        del found[
            key
        ]  # a 3-word run seen once is as often a clause ('wetlands protect communities')
    for c in found.values():
        n = len(c.spans)
        share = sum(w in vocab for w in c.key) / len(c.key)
        boost = _LEAD_BOOST if c.spans[0].start < lead_end else 1.0
        c.score = (1 + math.log(n)) * boost * share * (_CURATED_BOOST if c.key in curated else 1.0)
        if c.key[-1] in _WEAK_HEADS:
            c.score *= 0.5
    return found


def _is_name(seq: list[re.Match[str]], text: str) -> bool:
    """A phrase with two or more capitalised words is (part of) a name, unless it stands alone
    and is capitalised throughout ('Persistent Organic Pollutants' as a subject heading): inside
    a longer capitalised run ('UN Framework Convention on Climate Change') or half capitalised
    ('Change taking') its words are not a topic. 'South-South cooperation' has one and stays."""
    caps = [w for w in seq if w.group()[:1].isupper()]
    if len(caps) < 2:
        return False
    before = _CAP_BEFORE.search(text, max(0, seq[0].start() - 30), seq[0].start())
    after = _CAP_AFTER.match(text, seq[-1].end())
    return bool(before or after) or len(caps) < len(seq)


_CAP_BEFORE = re.compile(r"[A-Z][\w-]*\s+(?:(?:of|on|for|and|the)\s+)?$")
_CAP_AFTER = re.compile(r"\s+(?:(?:of|on|for|and|the)\s+)?[A-Z]")


def rank(found: dict[tuple[str, ...], Candidate]) -> list[Candidate]:
    """Best first; a phrase that is part of (or contains) a better one is left out."""
    out: list[Candidate] = []
    for c in sorted(found.values(), key=lambda c: (-c.score, c.spans[0].start)):
        if any(_overlaps(c.key, o.key) for o in out):
            continue
        out.append(c)
        if len(out) == MAX_TOPICS:
            break
    return out


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))
