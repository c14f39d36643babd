"""SDGs an article states: 'SDG 15', 'SDGs 6 and 15', 'Goal 13', 'Sustainable Development Goal 6',
'SDG target 15.3', or a goal's name written as a name ('Life on Land', 'Climate Action').

A goal's short name counts only in title case: 'climate action' in running text is a phrase
(the inference weighs it), 'Climate Action' is the goal's name.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from ..model import Span

_NUMBERED = re.compile(
    r"\b(?:SDGs?|Sustainable\s+Development\s+Goals?|Goals?)\s*(?:target\s+)?#?"
    r"(?P<nums>\d{1,2}(?:\.\w+)?(?:\s*(?:,|and|&|or)\s*\d{1,2}(?:\.\w+)?)*)\b"
)
_NUM = re.compile(r"(?<![.\d])\d{1,2}(?=\.\w+|\b)")
_SMALL = frozenset({"and", "on", "for", "the", "of", "below"})


@cache
def _names() -> re.Pattern[str]:
    data = json.loads(resources.files("iempkg.resources").joinpath("sdg.json").read_text("utf-8"))
    alts = []
    for g in data["goals"]:
        title = " ".join(
            w if w in _SMALL else w[:1].upper() + w[1:] for w in g["title_short"].split()
        )
        alts.append(f"(?P<g{g['number']}>{re.escape(title)})")
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b")


def stated(text: str) -> dict[int, list[Span]]:
    """Goal -> spans where the text states it."""
    out: dict[int, list[Span]] = {}
    for m in _NUMBERED.finditer(text):
        for n in _NUM.finditer(m.group("nums")):
            goal = int(n.group())
            if 1 <= goal <= 17:
                out.setdefault(goal, []).append(Span(m.start(), m.end()))
    for m in _names().finditer(text):
        goal = int((m.lastgroup or "g0")[1:])
        out.setdefault(goal, []).append(Span(m.start(), m.end()))
    return out
