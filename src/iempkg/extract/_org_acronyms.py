"""Acronyms: the "(ACR)" that follows a full name, and whether its letters fit the name.

"Global Green Growth Institute (GGGI)" fits letter for letter; "Lancang-Mekong Environmental
Cooperation Center (LMEC)" fits with one word left out; "UNEP Regional Office for Asia and the
Pacific (UNEP ROAP)" fits because an acronym inside the name stands for its own letters. The fit
decides where a name written in a longer capitalised run starts, and which of two names an
acronym belongs to.
"""

from __future__ import annotations

import re
from functools import lru_cache

# "(GGGI)", "(UNEP ROAP)", '(hereinafter referred to as the "SKLGP")', "(known as CAS)".
ACRONYM_PAREN = re.compile(
    r"\s*\(\s*(?:(?:hereinafter|hereafter)(?:\s+(?:referred\s+to|called|known)\s+as)?\s*|"
    r"known\s+as\s+|or\s+)?(?:the\s+)?[\"“”'‘’]?"
    r"(?P<acr>[A-Za-z][\w&.]*(?:[-\s][A-Za-z0-9][\w&.]*)?)"
    r"[\"“”'‘’]?(?:,\s*[A-Z][A-Z&-]+)?\s*\)"  # (and its parent's: "(IAE, CAS)")
)
_LOWER_WORDS = frozenset(
    {"of", "for", "and", "the", "on", "in", "de", "des", "du", "la", "&", "at"}
)


def is_acronym(text: str) -> bool:
    """Written like an acronym: at least two capitals, and mostly capitals ("MoU" too)."""
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper * 3 >= len(letters) * 2


def _letters(acronym: str) -> str:
    # In a mixed-case acronym ("MoE") only the capitals stand for words.
    if any(c.islower() for c in acronym):
        return "".join(c for c in acronym if c.isupper() or c.isdigit())
    return "".join(c for c in acronym.upper() if c.isalnum())


def _parts(words: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for w in words:
        for part in re.split(r"[-–]", w):
            if part and part.lower() not in _LOWER_WORDS and part[0].isalnum():
                out.append(part)
    return tuple(out)


@lru_cache(maxsize=4096)
def acronym_fit(acronym: str, words: tuple[str, ...]) -> int | None:
    """How many words of `words` the acronym leaves out, or None when it does not fit.

    The first word must give the first letter; a word in capitals may stand for all its
    letters; connectors ("of", "and", "the") never count.
    """
    letters = _letters(acronym)
    parts = _parts(words)
    if not letters or not parts or len(parts) > 16:
        return None
    n, m = len(parts), len(letters)
    inf = n + 1
    # best[w][k]: fewest words left out to spell letters[k:] from parts[w:].
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    best[n][m] = 0
    for w in range(n - 1, -1, -1):
        part = parts[w]
        block = part.upper() if is_acronym(part) or part.isupper() else None
        for k in range(m, -1, -1):
            cost = best[w + 1][k] + 1  # leave this word out
            if k < m and part[0].upper() == letters[k]:
                cost = min(cost, best[w + 1][k + 1])
            if block and k < m and letters.startswith(block, k):
                cost = min(cost, best[w + 1][k + len(block)])
            best[w][k] = cost
    # The first word must be used: spell letters from parts[0] onwards without skipping it.
    first = parts[0]
    block0 = first.upper() if first.isupper() and len(first) > 1 else None
    options = []
    if first[0].upper() == letters[0]:
        options.append(best[1][1])
    if block0 and letters.startswith(block0):
        options.append(best[1][len(block0)])
    skipped = min(options, default=inf)
    if skipped >= inf or skipped > max(1, len(parts) // 2):
        return None
    return skipped
