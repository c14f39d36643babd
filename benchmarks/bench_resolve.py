"""Entity resolution, measured: nodes against real entities on the development corpus, and time.

    .venv/bin/python benchmarks/bench_resolve.py                      # dev corpus + 100,000 articles
    .venv/bin/python benchmarks/bench_resolve.py --articles 10000 --eval ../shared/eval/dev

(a) The development corpus: the gold records' organisations and persons are clustered into real
entities by the names, acronyms and aliases the gold gives them (across all articles). Resolution
runs twice, on the gold records themselves (resolution alone) and on the extracted records
(the whole pipeline); for each it reports the distinct nodes, the real entities, duplicates (one
real entity split over several nodes) and false merges (one node holding two real entities).

(b) A synthetic archive of N article records drawn from pools of organisations (full names,
acronyms, spelling variants, acronym-only mentions, generic ministries of several countries)
and persons (name order, one-word mentions), timed through `resolve` with the shipped gazetteer.
Nothing is asserted; the figures go to the README by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import defaultdict
from pathlib import Path

from iempkg.extract import extract_article
from iempkg.gazetteer import load_gazetteer
from iempkg.ingest import ingest
from iempkg.model import Article, Event, Organisation, Person, Place
from iempkg.names import name_key, person_key
from iempkg.resolve import Resolution, resolve


def _gold_entities(gold: list[Article]) -> tuple[dict[tuple[str, str], int], int, int]:
    """(source, name key) -> real entity id, for organisations ('o') and persons ('p')."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for article in gold:
        for o in article.organisations:
            forms = [f for f in (o.name, o.acronym, *o.aliases) if f]
            for f in forms[1:]:
                union("o:" + name_key(forms[0]), "o:" + name_key(f))
        for p in article.persons:
            find("p:" + person_key(p.name))
    ids: dict[str, int] = {}
    out: dict[tuple[str, str], int] = {}
    for article in gold:
        for o in article.organisations:
            for f in (o.name, o.acronym, *o.aliases):
                if f:
                    root = find("o:" + name_key(o.name))
                    out[(article.source, "o:" + name_key(f))] = ids.setdefault(root, len(ids))
        for p in article.persons:
            root = find("p:" + person_key(p.name))
            out[(article.source, "p:" + person_key(p.name))] = ids.setdefault(root, len(ids))
    orgs = len({v for (_, k), v in out.items() if k.startswith("o:")})
    persons = len({v for (_, k), v in out.items() if k.startswith("p:")})
    return out, orgs, persons


def _compare(
    gold: list[Article], res: Resolution, real: dict[tuple[str, str], int]
) -> dict[str, int]:
    nodes_of: dict[int, set[str]] = defaultdict(set)
    real_of: dict[str, set[int]] = defaultdict(set)
    for (source, key), entity in real.items():
        if key.startswith("o:"):
            node = res.org_mentions.get((source, key[2:]))
        else:
            node = next(
                (v for (s, k), v in res.person_mentions.items() if s == source and k == key[2:]),
                None,
            )
        if node is not None:
            nodes_of[entity].add(("o:" if key.startswith("o:") else "p:") + node)
            real_of[("o:" if key.startswith("o:") else "p:") + node].add(entity)
    return {
        "duplicates": sum(1 for nodes in nodes_of.values() if len(nodes) > 1),
        "false merges": sum(1 for ents in real_of.values() if len(ents) > 1),
    }


def dev_corpus(eval_dir: Path) -> None:
    gold = [
        Article.from_dict(json.loads(p.read_text("utf-8")), str(p))
        for p in sorted((eval_dir / "gold").glob("*.json"))
    ]
    real, n_orgs, n_persons = _gold_entities(gold)
    gazetteer = load_gazetteer()
    docs = ingest([eval_dir / "corpus"]).documents
    extracted = [extract_article(d) for d in docs]
    print(f"development corpus: {len(gold)} gold records, {n_orgs} real organisations, "
          f"{n_persons} real persons")  # fmt: skip
    print(
        f"{'records':<12}{'org nodes':>10}{'person nodes':>14}{'duplicates':>12}{'false merges':>14}"
    )
    for label, records in (("gold", gold), ("extracted", extracted)):
        res = resolve(records, gazetteer)
        figures = _compare(gold, res, real)
        print(
            f"{label:<12}{len(res.organisations):>10}{len(res.persons):>14}"
            f"{figures['duplicates']:>12}{figures['false merges']:>14}"
        )


_ORGS = [
    ("United Nations Environment Programme - International Ecosystem Management Partnership", "UNEP-IEMP"),
    ("Institute of Geographic Sciences and Natural Resources Research", "IGSNRR"),
    ("Chinese Academy of Sciences", "CAS"),
    ("Kenya Forestry Research Institute", "KEFRI"),
    ("International Union for Conservation of Nature", "IUCN"),
    ("Lancang-Mekong Environmental Cooperation Center", "LMEC"),
    ("UNEP Regional Office for Asia and the Pacific", "UNEP ROAP"),
    ("Asian Institute of Technology", "AIT"),
    ("Global Green Growth Institute", "GGGI"),
]  # fmt: skip
_COUNTRIES = ["Cambodia", "Kenya", "Ethiopia", "Nepal", "Thailand", "Laos", "Mongolia", "Ghana"]
_SURNAMES = ["Zhang", "Li", "Wang", "Liu", "Chen", "Okafor", "Mwangi", "Sok", "Tadesse", "Smith"]
_GIVEN = ["Linxiu", "Wei", "Na", "Jian", "Hao", "Amina", "Grace", "Channa", "Almaz", "John"]


def synthetic(n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    extra = [(f"Institute of Studies {i} of the Academy {i % 97}", f"IS{i}") for i in range(2000)]
    pool = _ORGS * 30 + extra
    articles = []
    for a in range(n):
        orgs: list[Organisation] = []
        for name, acronym in rng.sample(pool, 4):
            form = rng.random()
            if form < 0.5:
                orgs.append(Organisation(name=name, acronym=acronym))
            elif form < 0.7:
                orgs.append(Organisation(name=acronym))
            elif form < 0.85:
                orgs.append(Organisation(name=name.replace("Center", "Centre").upper().title()))
            else:
                orgs.append(Organisation(name="The " + name))
        country = rng.choice(_COUNTRIES)
        orgs.append(Organisation(name="Ministry of Environment", country=country))
        persons = []
        for _ in range(3):
            s, g = rng.choice(_SURNAMES), rng.choice(_GIVEN)
            persons.append(Person(name=f"{s} {g}" if rng.random() < 0.7 else f"{g} {s}",
                                  title="Director", organisation=orgs[0].name))  # fmt: skip
        event = Event(kind="meeting", place=Place(country=country),
                      organisations=[o.name for o in orgs], persons=[p.name for p in persons])  # fmt: skip
        articles.append(Article(source=f"synthetic-{a:06d}.txt", events=[event],
                                organisations=orgs, persons=persons))  # fmt: skip
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval/dev"))
    args = parser.parse_args()
    if (args.eval / "gold").is_dir():
        dev_corpus(args.eval)
    records = synthetic(args.articles)
    gazetteer = load_gazetteer()
    start = time.perf_counter()
    res = resolve(records, gazetteer)
    took = time.perf_counter() - start
    print(
        f"\nsynthetic archive: {args.articles:,} articles resolved in {took:.1f} s "
        f"({args.articles / took:,.0f} articles/s): {len(res.organisations):,} organisations, "
        f"{len(res.persons):,} persons, {len(res.suspects):,} suspects"
    )


if __name__ == "__main__":
    main()
