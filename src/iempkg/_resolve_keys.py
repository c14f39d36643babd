"""Keys that decide when two written names are the same entity, and the clusters they form.

- `org_key(name)`: case, punctuation, a leading 'the' and British/American spellings
  (Centre/Center, Programme/Program, Organisation/Organization, '&'/'and') do not matter;
- `government_qualifier(name)`: a government body named without its country ("Ministry of
  Environment") is the same body only within one country, so its key needs a qualifier;
- `Clusters`: union-find whose unions respect a curator's "never merge these" decisions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache

from .names import fold, name_key

_SPELLINGS = {
    "centre": "center",
    "centres": "centers",
    "programme": "program",
    "programmes": "programs",
    "organisation": "organization",
    "organisations": "organizations",
    "defence": "defense",
    "labour": "labor",
    "&": "and",
}
_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "at"})
_GOVERNMENT_HEADS = frozenset(
    {
        "ministry",
        "department",
        "embassy",
        "agency",
        "bureau",
        "office",
        "directorate",
        "administration",
        "authority",
        "commission",
    }
)
_PLACE_WORDS = frozenset(
    {"province", "provincial", "city", "municipal", "municipality", "county", "district",
     "region", "regional", "prefecture", "state", "national", "people s", "republic"}
)  # fmt: skip


@lru_cache(maxsize=200_000)
def org_key(name: str) -> str:
    """The comparison key of an organisation name (see the module's docstring)."""
    words = [_SPELLINGS.get(w, w) for w in name_key(name.replace("&", " and ")).split()]
    return " ".join(words)


def significant_tokens(key: str) -> list[str]:
    return [w for w in key.split() if w not in _STOP]


@cache
def _country_keys() -> frozenset[str]:
    from .extract._names_lexicon import country_names

    return frozenset(name_key(c) for c in country_names())


@lru_cache(maxsize=100_000)
def government_qualifier_needed(name: str) -> bool:
    """A government body whose name does not say which government it belongs to."""
    key = org_key(name)
    words = key.split()
    if not words or words[0] not in _GOVERNMENT_HEADS:
        return False
    padded = f" {key} "
    if any(w in _PLACE_WORDS for w in words):
        return False
    return not any(f" {c} " in padded for c in _country_keys())


def country_key(country: str | None) -> str | None:
    return name_key(country) if country and name_key(country) else None


_DIGITS = re.compile(r"\d+")


def digits(key: str) -> tuple[str, ...]:
    """The numbers in a name: "Institute 1" and "Institute 2" are never the same."""
    return tuple(_DIGITS.findall(key))


def folded(text: str) -> str:
    return fold(text)


class Clusters:
    """Union-find over string nodes; `cannot_link` pairs are never joined except by force."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self._tags: dict[str, set[tuple[int, int]]] = defaultdict(set)
        self._constraints = 0

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression keeps later finds O(1)
            parent[x], x = root, parent[x]
        return root

    def cannot_link(self, side_a: Iterable[str], side_b: Iterable[str]) -> None:
        c = self._constraints
        self._constraints += 1
        for x in side_a:
            self._tags[self.find(x)].add((c, 0))
        for x in side_b:
            self._tags[self.find(x)].add((c, 1))

    def blocked(self, a: str, b: str) -> bool:
        ta, tb = self._tags.get(self.find(a)), self._tags.get(self.find(b))
        if not ta or not tb:
            return False
        return any((c, 1 - side) in tb for c, side in ta)

    def union(self, a: str, b: str, force: bool = False) -> bool:
        """Join the clusters of `a` and `b`; False when a curator's decision forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and self.blocked(ra, rb):
            return False
        # The smaller node wins so that the result does not depend on the order of unions.
        lo, hi = sorted((ra, rb))
        self.parent[hi] = lo
        if hi in self._tags:
            self._tags[lo] |= self._tags.pop(hi)
        return True

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for node in list(self.parent):
            out[self.find(node)].append(node)
        return {root: sorted(members) for root, members in out.items()}
