"""Scoring extracted records against gold records, by the rules of the evaluation README.

`load_records` reads records (JSON Lines, one JSON file, or a directory of ``*.json``) as plain
dicts keyed by `source`; `evaluate` compares them with gold records; `format_table` and `to_json`
report the figures and, per article, what was missed, spurious, right or wrong.

How the README's rules are read where they leave room (the judge's own code is not available):

- Names are compared after Unicode case folding and accent folding, with punctuation treated as
  a word break and a leading "the" dropped. "Equal" compares the words run together, so
  "UNEP-IEMP" = "UNEP IEMP" = "UNEPIEMP" and "People's" = "Peoples".
- Organisations: only the predicted `name` is compared (the README: "its name ... equals the gold
  name, acronym or an alias"), never the predicted acronym or aliases. The 90% similarity is
  `rapidfuzz.fuzz.ratio` of the words sorted, against the gold name and aliases (an acronym can
  only be equal). A cut-off or partial name does not match even when 90% similar: one whose text
  is the start of the other's (a plural "s" aside), or whose words are the other's with content
  words left out (leaving out only "of", "the", "and", ... is a spelling, not a partial name).
- Persons: leading honorifics ("Dr.", "H.E", "Assoc. Prof.") are dropped and the words sorted, so
  name order does not matter; then the organisation rule (equal, or >= 90% similar, not partial).
- One-to-one: a maximum matching (most pairs; among those, exact pairs and the most similar
  pairs preferred), so a prediction that could match two gold entries never costs a match.
- Titles / affiliations count only matched persons with a gold title / organisation. A person's
  organisation string is resolved through its own record's organisation list (it may be written
  as a name, acronym or alias); the predicted string, or the name of the predicted organisation it
  refers to, must match the gold organisation entry under the organisation rule.
- Event date / kind / place use the first gold event and the predicted event sharing the most
  organisations and persons with it (the same string-matching rules); ties go to the one with
  the gold `start`, then to the earlier one. An article without gold events is not counted; one
  without predicted events counts as wrong. Place is right when the cities or the countries are
  equal (case-insensitive, both stated); a gold place with neither is right only if the
  prediction has neither either. A missing `kind` is "other", as in the record model.
- A gold article without a prediction counts as all missed. Predictions of articles not in gold
  are ignored (listed in `Evaluation.not_in_gold`). A figure with nothing to count is None.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rapidfuzz import fuzz

from .errors import InputError, RecordError
from .model import Article

Record = dict[str, Any]

# fmt: off
METRICS = ("organisations", "persons", "titles", "affiliations", "event_date", "event_kind",
           "place", "outcomes", "sdgs")
# The composite leaves out sdgs: the README reports it but does not gate on it.
COMPOSITE = METRICS[:-1]
SIMILARITY = 90.0
_EXACT = 200.0  # matching weight of an equal name: above any similarity (<= 100)

_PUNCT = re.compile(r"[^\w\s]")
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "at", "de", "du", "des", "la"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "assoc",
                         "associate", "h.e", "his", "her", "excellency", "hon", "honourable",
                         "sir", "dame", "madam", "madame"})
# fmt: on


# --- loading ---------------------------------------------------------------------------------


def load_records(path: str | Path) -> dict[str, Record]:
    """Records by `source` from a JSON Lines file, a JSON file (object or list) or a directory."""
    root = Path(path)
    if not root.exists():
        raise InputError("no such file or directory", str(root), "check the path")
    files = [root]
    if root.is_dir():
        files = sorted(f for f in root.iterdir() if f.suffix.lower() in (".json", ".jsonl"))
    records: dict[str, Record] = {}
    seen: dict[str, str] = {}
    for f in files:
        for record, where in _read_file(f):
            source = record["source"]
            if source in records:
                raise RecordError(f"second record of '{source}'", where, f"first at {seen[source]}")
            records[source], seen[source] = record, where
    if not records:
        raise InputError("no records found", str(root), "give *.json or JSON Lines records")
    return records


def _read_file(path: Path) -> list[tuple[Record, str]]:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file ({exc})", str(path), "save it as UTF-8") from exc
    lines = [(i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise InputError("the file is empty", str(path), "give records (see docs/record.md)")
    jsonl = path.suffix.lower() == ".jsonl"
    items: list[tuple[Any, str]] = []
    if not jsonl:
        try:
            data = json.loads(text)
            items = [(d, str(path)) for d in (data if isinstance(data, list) else [data])]
        except json.JSONDecodeError as exc:
            # Not one JSON document: JSON Lines if its first line is a record on its own.
            jsonl = _is_json(lines[0][1])
            if not jsonl:
                raise RecordError(
                    f"not valid JSON ({exc.msg})", f"{path}:{exc.lineno}", "fix the syntax"
                ) from exc
    if jsonl:
        for i, line in lines:
            try:
                items.append((json.loads(line), f"{path}:{i}"))
            except json.JSONDecodeError as exc:
                raise RecordError(
                    f"not valid JSON ({exc.msg}, column {exc.colno})",
                    f"{path}:{i}",
                    "write one record per line",
                ) from exc
    out = []
    for item, where in items:
        if not isinstance(item, dict):
            raise RecordError("a record must be a JSON object", where, "see docs/record.md")
        if item.get("source") is None and len(items) == 1:
            item = {**item, "source": path.stem + ".txt"}  # one record per file: the file names it
        Article.from_dict(item, where)  # checks the documented shape, naming the field at fault
        out.append((item, where))
    return out


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


# --- names -----------------------------------------------------------------------------------


def _words(name: str | None) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", name or "")
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = _PUNCT.sub(" ", folded).split()
    return words[1:] if words[:1] == ["the"] else words


def _person_words(name: str | None) -> list[str]:
    tokens = (name or "").split()
    while tokens and tokens[0].casefold().rstrip(".") in _HONORIFICS:
        tokens = tokens[1:]
    return _words(" ".join(tokens))


def _partial(a: list[str], b: list[str]) -> bool:
    """True if one name is the other cut off, or with content words left out."""
    short, long = sorted((a, b), key=lambda w: len(" ".join(w)))
    short_text, long_text = " ".join(short), " ".join(long)
    # A plural "s" is a spelling ("Academy of Science"), not a cut.
    if long_text.startswith(short_text) and long_text[len(short_text) :] not in ("s", "es"):
        return True
    left_out = Counter(long) - Counter(short)
    return not Counter(short) - Counter(long) and not left_out.keys() <= _FUNCTION_WORDS


def _similarity(a: list[str], b: list[str]) -> float:
    """Match weight of two word lists: exact, a ratio >= 90 of the sorted words, or 0."""
    if not a or not b:
        return 0.0
    if "".join(a) == "".join(b) or sorted(a) == sorted(b):
        return _EXACT
    ratio = fuzz.ratio(" ".join(sorted(a)), " ".join(sorted(b)))
    return ratio if ratio >= SIMILARITY and not _partial(a, b) else 0.0


def org_similarity(predicted_name: str | None, gold: Record) -> float:
    """How the predicted name matches a gold organisation (0: no match); see the module doc."""
    p = _words(predicted_name)
    exact = [gold.get("name"), gold.get("acronym"), *(gold.get("aliases") or [])]
    if any(p and "".join(p) == "".join(_words(n)) for n in exact):
        return _EXACT
    fuzzy = [gold.get("name"), *(gold.get("aliases") or [])]
    return max((_similarity(p, _words(n)) for n in fuzzy), default=0.0)


def person_similarity(predicted_name: str | None, gold_name: str | None) -> float:
    return _similarity(_person_words(predicted_name), _person_words(gold_name))


def _resolve(name: str | None, orgs: Sequence[Record]) -> Record | None:
    """The organisation entry `name` refers to by its name, acronym or an alias."""
    key = "".join(_words(name))
    for org in orgs:
        names = (org.get("name"), org.get("acronym"), *(org.get("aliases") or []))
        if key and any(key == "".join(_words(n)) for n in names):
            return org
    return None


def _org_ref_matches(
    pred: str | None, pred_orgs: list[Record], gold: str | None, gold_orgs: list[Record]
) -> bool:
    """Whether the predicted reference to an organisation names the gold one (affiliations)."""
    if not pred or not gold:
        return False
    target = _resolve(gold, gold_orgs) or {"name": gold}
    resolved = _resolve(pred, pred_orgs)
    candidates = [pred, *([resolved.get("name")] if resolved else [])]
    return any(org_similarity(c, target) > 0 for c in candidates)


def _match(n_gold: int, n_pred: int, weight: Callable[[int, int], float]) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) index pairs: as many as possible, then the best ones."""
    graph = nx.Graph()
    for g in range(n_gold):
        for p in range(n_pred):
            w = weight(g, p)
            if w > 0:
                graph.add_edge(("g", g), ("p", p), weight=w)
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    return sorted((a[1], b[1]) if a[0] == "g" else (b[1], a[1]) for a, b in pairs)


# --- results ---------------------------------------------------------------------------------


@dataclass
class Score:
    """One metric's counts: tp/fp/fn for a P/R/F1 metric, correct/total for an accuracy."""

    name: str
    kind: str  # "prf" | "accuracy"
    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    total: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def value(self) -> float | None:
        """F1 (micro: 2tp / (2tp + fp + fn)) or accuracy; None with nothing to count."""
        if self.kind == "prf":
            denominator = 2 * self.tp + self.fp + self.fn
            return 2 * self.tp / denominator if denominator else None
        return self.correct / self.total if self.total else None

    def add(self, matched: int, missed: int, spurious: int) -> None:
        self.tp, self.fn, self.fp = self.tp + matched, self.fn + missed, self.fp + spurious

    def check(self, right: bool) -> None:
        self.correct, self.total = self.correct + right, self.total + 1


@dataclass
class Diff:
    """Matched gold/predicted pairs, gold items missed and predicted items spurious."""

    matched: list[tuple[Any, Any]] = field(default_factory=list)
    missed: list[Any] = field(default_factory=list)
    spurious: list[Any] = field(default_factory=list)


@dataclass
class Check:
    """One scored fact: what gold says, what was predicted, and whether that is right."""

    subject: str
    gold: Any
    predicted: Any
    right: bool


@dataclass
class ArticleResult:
    source: str
    predicted: bool
    organisations: Diff
    persons: Diff
    titles: list[Check]
    affiliations: list[Check]
    event_index: int | None  # the predicted event compared with the first gold event
    event: dict[str, Check]  # event_date, event_kind, place; empty without a gold event
    outcomes: Diff
    sdgs: Diff


@dataclass
class Evaluation:
    scores: dict[str, Score]
    articles: list[ArticleResult]
    without_prediction: list[str]
    not_in_gold: list[str]

    @property
    def composite(self) -> float | None:
        """Our own summary figure, not part of the README's rules: the mean of organisations F1,
        persons F1, titles, affiliations, event_date, event_kind, place and outcomes F1, over
        those that have something to count."""
        values = [v for m in COMPOSITE if (v := self.scores[m].value) is not None]
        return sum(values) / len(values) if values else None


# --- scoring ---------------------------------------------------------------------------------


def evaluate(gold: dict[str, Record], predicted: dict[str, Record]) -> Evaluation:
    """Score `predicted` against `gold` (both by source), per the README and the module doc."""
    scores = {
        m: Score(m, "prf" if m in ("organisations", "persons", "outcomes", "sdgs") else "accuracy")
        for m in METRICS
    }
    articles = [
        _score_article(source, gold[source], predicted.get(source), scores)
        for source in sorted(gold)
    ]
    return Evaluation(
        scores, articles, sorted(set(gold) - set(predicted)), sorted(set(predicted) - set(gold))
    )


def _list(record: Record | None, key: str) -> list[Any]:
    return list((record or {}).get(key) or [])


def _diff(
    gold: list[Any],
    pred: list[Any],
    weight: Callable[[Any, Any], float],
    label: Callable[[Any], Any],
    score: Score,
) -> tuple[Diff, list[tuple[Any, Any]]]:
    pairs = _match(len(gold), len(pred), lambda g, p: weight(gold[g], pred[p]))
    gs, ps = {g for g, _ in pairs}, {p for _, p in pairs}
    diff = Diff(
        [(label(gold[g]), label(pred[p])) for g, p in pairs],
        [label(x) for i, x in enumerate(gold) if i not in gs],
        [label(x) for i, x in enumerate(pred) if i not in ps],
    )
    score.add(len(pairs), len(diff.missed), len(diff.spurious))
    return diff, [(gold[g], pred[p]) for g, p in pairs]


def _set_diff(gold: set[Any], pred: set[Any], score: Score) -> Diff:
    score.add(len(gold & pred), len(gold - pred), len(pred - gold))
    return Diff([(x, x) for x in sorted(gold & pred)], sorted(gold - pred), sorted(pred - gold))


def _score_article(
    source: str, gold: Record, pred: Record | None, scores: dict[str, Score]
) -> ArticleResult:
    g_orgs, p_orgs = _list(gold, "organisations"), _list(pred, "organisations")
    orgs, _ = _diff(
        g_orgs,
        p_orgs,
        lambda g, p: org_similarity(p.get("name"), g),
        lambda o: o.get("name"),
        scores["organisations"],
    )
    persons, person_pairs = _diff(
        _list(gold, "persons"),
        _list(pred, "persons"),
        lambda g, p: person_similarity(p.get("name"), g.get("name")),
        lambda p: p.get("name"),
        scores["persons"],
    )

    titles, affiliations = [], []
    for g, p in person_pairs:
        if g.get("title"):
            right = " ".join(g["title"].casefold().split()) == " ".join(
                (p.get("title") or "").casefold().split()
            )
            titles.append(Check(g["name"], g["title"], p.get("title"), right))
            scores["titles"].check(right)
        if g.get("organisation"):
            right = _org_ref_matches(p.get("organisation"), p_orgs, g["organisation"], g_orgs)
            affiliations.append(Check(g["name"], g["organisation"], p.get("organisation"), right))
            scores["affiliations"].check(right)

    g_events, p_events = _list(gold, "events"), _list(pred, "events")
    index, event = _score_event(g_events[:1], p_events, g_orgs, p_orgs, scores)

    def kinds(events: list[Record]) -> set[str]:
        return {o.get("kind") or "other" for e in events for o in (e.get("outcomes") or [])}

    outcomes = _set_diff(kinds(g_events), kinds(p_events), scores["outcomes"])
    sdgs = _set_diff(set(_list(gold, "sdgs")), set(_list(pred, "sdgs")), scores["sdgs"])
    return ArticleResult(
        source, pred is not None, orgs, persons, titles, affiliations, index, event, outcomes, sdgs
    )


def _score_event(
    first: list[Record],
    events: list[Record],
    g_orgs: list[Record],
    p_orgs: list[Record],
    scores: dict[str, Score],
) -> tuple[int | None, dict[str, Check]]:
    """Start, kind and place of the first gold event against the best-matching predicted one."""
    if not first:
        return None, {}
    g = first[0]
    index = _best_event(g, events, g_orgs, p_orgs)
    p: Record = events[index] if index is not None else {}
    found = index is not None
    g_kind, p_kind = g.get("kind") or "other", (p.get("kind") or "other") if found else None
    checks = {
        "event_date": Check(
            "start", g.get("start"), p.get("start"), found and g.get("start") == p.get("start")
        ),
        "event_kind": Check("kind", g_kind, p_kind, g_kind == p_kind),
        "place": Check(
            "place",
            g.get("place"),
            p.get("place"),
            found and _same_place(g.get("place"), p.get("place")),
        ),
    }
    for name, check in checks.items():
        scores[name].check(check.right)
    return index, checks


def _best_event(
    first: Record, events: list[Record], g_orgs: list[Record], p_orgs: list[Record]
) -> int | None:
    """The predicted event sharing the most organisations and persons with the gold event;
    ties go to the one with the same start date, then to the earlier one."""

    def rank(i: int) -> tuple[int, bool, int]:
        e = events[i]
        shared = sum(
            any(_org_ref_matches(p, p_orgs, g, g_orgs) for p in _list(e, "organisations"))
            for g in _list(first, "organisations")
        )
        shared += sum(
            any(person_similarity(p, g) > 0 for p in _list(e, "persons"))
            for g in _list(first, "persons")
        )
        return shared, e.get("start") == first.get("start"), -i

    return max(range(len(events)), key=rank, default=None)


def _same_place(gold: Record | None, pred: Record | None) -> bool:
    def norm(place: Record | None, key: str) -> str | None:
        value = (place or {}).get(key)
        if not isinstance(value, str):
            return None
        return " ".join(value.casefold().split()) or None  # "" is as good as not stated

    g = [norm(gold, "city"), norm(gold, "country")]
    p = [norm(pred, "city"), norm(pred, "country")]
    if g == [None, None]:
        return p == [None, None]
    return any(a is not None and a == b for a, b in zip(g, p, strict=True))


# --- reports ---------------------------------------------------------------------------------


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def to_json(ev: Evaluation) -> dict[str, Any]:
    """Machine-readable figures (rounded to 4 places) and per-article details, in a stable order."""
    metrics: dict[str, Any] = {}
    for name, s in ev.scores.items():
        if s.kind == "prf":
            figures = {"precision": s.precision, "recall": s.recall, "f1": s.value}
            metrics[name] = {k: _round(v) for k, v in figures.items()}
            metrics[name].update(tp=s.tp, fp=s.fp, fn=s.fn)
        else:
            metrics[name] = {"accuracy": _round(s.value), "correct": s.correct, "n": s.total}
    return {
        "articles": len(ev.articles),
        "without_prediction": ev.without_prediction,
        "not_in_gold": ev.not_in_gold,
        "metrics": metrics,
        "composite": _round(ev.composite),
        "details": [json.loads(json.dumps(asdict(a))) for a in ev.articles],
    }


def format_table(ev: Evaluation) -> str:
    """A fixed-width table: metric, P, R, F1 or accuracy, and the counts behind it."""

    def fig(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    lines = [f"{'metric':<14} {'P':>6} {'R':>6} {'F1/acc':>7} {'n':>5}  counts"]
    for name, s in ev.scores.items():
        if s.kind == "prf":
            p, r, n, counts = s.precision, s.recall, s.tp + s.fn, f"tp={s.tp} fp={s.fp} fn={s.fn}"
        else:
            p, r, n, counts = None, None, s.total, f"{s.correct} of {s.total} right"
        lines.append(f"{name:<14} {fig(p):>6} {fig(r):>6} {fig(s.value):>7} {n:>5}  {counts}")
    lines.append(f"{'composite':<14} {'':>6} {'':>6} {fig(ev.composite):>7}")
    lines.append(
        f"articles: {len(ev.articles)} in gold, {len(ev.without_prediction)} without "
        f"prediction, {len(ev.not_in_gold)} predictions not in gold (ignored)"
    )
    for source in ev.without_prediction:
        lines.append(f"  no prediction: {source}")
    return "\n".join(lines) + "\n"


def format_errors(ev: Evaluation) -> str:
    """What each article got wrong, for a person improving the rules: organisations and persons
    missed (-) or spurious (+), wrong titles and affiliations, the first event's wrong date,
    kind or place, and outcome kinds missed or spurious. Articles without an error are left out."""
    out: list[str] = []
    for a in ev.articles:
        lines: list[str] = []
        for what, diff in (("organisation", a.organisations), ("person", a.persons)):
            lines += [f"  - {what} missed: {x}" for x in diff.missed]
            lines += [f"  + {what} spurious: {x}" for x in diff.spurious]
        for what, checks in (("title", a.titles), ("affiliation", a.affiliations)):
            lines += [
                f"  ! {what} of {c.subject}: gold {c.gold!r}, predicted {c.predicted!r}"
                for c in checks
                if not c.right
            ]
        for name, c in a.event.items():
            if not c.right:
                lines.append(f"  ! {name}: gold {c.gold!r}, predicted {c.predicted!r}")
        lines += [f"  - outcome missed: {x}" for x in a.outcomes.missed]
        lines += [f"  + outcome spurious: {x}" for x in a.outcomes.spurious]
        if not a.predicted:
            lines = ["  no prediction"]
        if lines:
            out += [a.source, *lines]
    return "\n".join(out) + "\n" if out else "no errors\n"
