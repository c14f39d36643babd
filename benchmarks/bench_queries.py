"""Time every catalogue query on a synthetic 10,000-article graph, with rdflib's engine as baseline.

    .venv/bin/python benchmarks/bench_queries.py                 # 10,000 articles, baseline 200
    .venv/bin/python benchmarks/bench_queries.py --articles 2000 --baseline-articles 100

The graph is made the way a build makes it: synthetic records (recurring organisations with a
long-tailed popularity, persons holding posts, places, outcomes, SDG assessments, evidence spans)
go through `iempkg.pipeline.assemble`. Each query runs with its default parameters through
`run_query` (so parameter lookup is included); the figure is the median of --runs runs after one
warm-up. The baseline is rdflib's own SPARQL engine on a smaller graph built from the same
generator, each query in a forked process killed after --rdflib-timeout seconds, compared with
Oxigraph on that same smaller graph. Nothing here is asserted: the test suite has no timed tests.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
import rdflib

from iempkg.model import (
    Article,
    Document,
    Event,
    Organisation,
    Outcome,
    Person,
    Place,
    SdgAssessment,
    Span,
)
from iempkg.pipeline import BuildOptions, assemble
from iempkg.query import NamedQuery, bind_parameters, catalogue, run_query
from iempkg.store import KnowledgeGraph

KINDS = ["meeting", "visit", "workshop", "training", "conference", "signing", "launch", "fieldwork"]
OUTCOMES = ["agreement", "mou", "joint-project", "joint-lab", "publication", "plan"]
TITLES = ["Director", "Deputy Director", "Professor", "Vice President", "Researcher", "Minister"]
COUNTRIES = ["China", "Kenya", "Uganda", "Nepal", "Mongolia", "Ethiopia", "Laos", "Peru"]
CITIES = [f"City {i}" for i in range(60)]
IEMP = "United Nations Environment Programme - International Ecosystem Management Partnership"


def _orgs(n: int) -> list[tuple[str, str | None]]:
    words = ["Forestry", "Soil", "Water", "Ecology", "Climate", "Desert", "Mountain", "Wetland"]
    kinds = ["Research Institute", "University", "Academy", "Centre", "Ministry", "Foundation"]
    out: list[tuple[str, str | None]] = [(IEMP, "UNEP-IEMP")]
    for i in range(1, n):
        name = f"{words[i % len(words)]} {kinds[i % len(kinds)]} No {i}"
        out.append((name, f"{words[i % len(words)][:3].upper()}{i}" if i % 3 == 0 else None))
    return out


def synthetic(n_articles: int, seed: int = 7) -> tuple[list[Document], list[Article]]:
    """`n_articles` documents and records, the same for the same arguments."""
    rnd = random.Random(seed)
    orgs = _orgs(max(50, n_articles // 20))
    persons = [f"Person{i} Surname{i % 97}" for i in range(max(100, n_articles // 5))]
    weights = [1 / (i + 1) for i in range(len(orgs))]  # a few organisations are everywhere
    weights[0] = sum(weights) * 0.6
    docs, articles = [], []
    for a in range(n_articles):
        year, month = 2010 + a % 15, 1 + a % 12
        chosen = list(dict.fromkeys(rnd.choices(orgs, weights, k=rnd.randint(2, 5))))
        people = rnd.sample(persons, rnd.randint(0, 3))
        city, country = rnd.choice(CITIES), rnd.choice(COUNTRIES)
        title = f"Article {a}: {chosen[0][0]} meets partners"
        body = " ".join(f"{name} ({acr})" if acr else name for name, acr in chosen)
        body += f" met in {city}, {country}. " + " ".join(f"{p} spoke." for p in people)
        summary = f"agreement number {a}"
        body += f" They signed {summary}."
        text = f"{title}\n\n{body}"

        def span(phrase: str, text: str = text) -> list[Span]:
            at = text.find(phrase)
            return [Span(at, at + len(phrase))] if at >= 0 else []

        names = [name for name, _ in chosen]
        events = []
        for e in range(1 if a % 4 else 2):
            day = 1 + (a + e) % 28
            events.append(
                Event(
                    kind=rnd.choice(KINDS),
                    start=f"{year}-{month:02d}-{day:02d}",
                    end=f"{year}-{month:02d}-{day:02d}",
                    place=Place(city=city, country=country, spans=span(city)),
                    organisations=names,
                    persons=people,
                    outcomes=(
                        [Outcome(rnd.choice(OUTCOMES), summary, names[:2], span(summary))]
                        if rnd.random() < 0.35 and e == 0
                        else []
                    ),
                )
            )
        goals = rnd.sample(range(1, 18), rnd.randint(1, 3))
        articles.append(
            Article(
                source=f"bench-{a:05d}.txt",
                title=title,
                published=f"{year}-{month:02d}-28",
                events=events,
                organisations=[Organisation(n, acr, spans=span(n)) for n, acr in chosen],
                persons=[
                    Person(p, title=rnd.choice(TITLES), organisation=names[0], spans=span(p))
                    for p in people
                ],
                sdgs=goals,
                sdg_evidence=[
                    SdgAssessment(
                        g, "inferred" if i else "stated", 1.0 - i / 4, ["met"], span("met")
                    )
                    for i, g in enumerate(goals)
                ],
            )
        )
        docs.append(Document(source=f"bench-{a:05d}.txt", text=text, title=title))
    return docs, articles


def build(n: int) -> KnowledgeGraph:
    docs, articles = synthetic(n)
    kg, _ = assemble(docs, articles, BuildOptions())
    return kg


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def oxigraph_ms(kg: KnowledgeGraph, q: NamedQuery, runs: int) -> tuple[float, int]:
    rows = len(run_query(kg, q).rows)
    return median_ms(lambda: run_query(kg, q), runs), rows


def _rdflib_dataset(kg: KnowledgeGraph) -> rdflib.Dataset:
    data = ox.serialize(list(kg.quads()), format=ox.RdfFormat.N_QUADS) or b""
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=data.decode("utf-8"), format="nquads")
    return ds


def _to_rdflib(term: ox.NamedNode | ox.Literal) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


_DATASET: rdflib.Dataset | None = None  # set before forking, inherited by each child


def _rdflib_child(text: str, bindings: dict[str, Any], pipe: Any) -> None:
    assert _DATASET is not None
    start = time.perf_counter()
    rows = len(list(_DATASET.query(text, initBindings=bindings)))
    pipe.send(((time.perf_counter() - start) * 1000, rows))


def rdflib_ms(kg: KnowledgeGraph, q: NamedQuery, limit: float) -> tuple[float | None, int | None]:
    """rdflib's engine on one query (one run: it is the slow side), or None past `limit` s."""
    terms = {k: _to_rdflib(v) for k, v in bind_parameters(kg, q, {}).items()}
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_child, args=(q.text, terms, child))
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None, None
    if not parent.poll():
        return None, None
    ms, rows = parent.recv()
    return float(ms), int(rows)


def main() -> None:
    global _DATASET
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--baseline-articles", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rdflib-timeout", type=float, default=30.0)
    args = ap.parse_args()

    start = time.perf_counter()
    big = build(args.articles)
    print(
        f"built {args.articles} articles: {len(big)} quads in {time.perf_counter() - start:.1f} s"
    )
    small = build(args.baseline_articles)
    _DATASET = _rdflib_dataset(small)
    print(f"baseline graph: {args.baseline_articles} articles, {len(small)} quads\n")

    head = (
        f"{'query':<18}{'rows':>7}{'oxigraph ms':>13}   "
        f"{'rows':>5}{'oxigraph ms':>13}{'rdflib ms':>12}{'rdflib/oxigraph':>17}"
    )
    print(f"{'':<18}{f'{args.articles} articles':>20}   {f'{args.baseline_articles} articles':>47}")
    print(head)
    print("-" * len(head))
    for q in catalogue():
        big_ms, big_rows = oxigraph_ms(big, q, args.runs)
        small_ms, small_rows = oxigraph_ms(small, q, args.runs)
        rd_ms, rd_rows = rdflib_ms(small, q, args.rdflib_timeout)
        if rd_ms is None:
            rd, ratio = (
                f">{args.rdflib_timeout:g} s",
                f">{args.rdflib_timeout * 1000 / small_ms:,.0f}x",
            )
        else:
            rd, ratio = f"{rd_ms:,.1f}", f"{rd_ms / small_ms:,.0f}x"
            if rd_rows != small_rows:
                ratio += f" (rdflib: {rd_rows} rows)"
        print(
            f"{q.name:<18}{big_rows:>7}{big_ms:>13,.1f}   {small_rows:>5}{small_ms:>13,.2f}{rd:>12}{ratio:>17}"
        )


if __name__ == "__main__":
    main()
