"""Topics of an article: its key phrases with every place they occur, most relevant first.

The phrases come from the text by a general rule (`_topics`): runs of content words whose head is
in the vocabulary of environment and development (the official SDG texts and the curated SDG
phrases), scored by repetition and position. A label is written as the text writes it, in
lower case unless the words are a name ("South-South cooperation").
"""

from __future__ import annotations

from ..model import Document, Span
from ._topics import candidates, rank

_LEAD_CHARS = 500


def find_topics(doc: Document) -> dict[str, list[Span]]:
    found = candidates(doc.text, doc.body_start + _LEAD_CHARS)
    out: dict[str, list[Span]] = {}
    for c in rank(found):
        out.setdefault(_label(doc.text, c.spans), []).extend(c.spans)
    return out


def _label(text: str, spans: list[Span]) -> str:
    """The phrase as written in running text: a word keeps its capital only when it has it at
    every occurrence that does not start a sentence (a name, not a sentence or title start)."""
    written = [text[s.start : s.end].split() for s in spans]
    words = []
    for i, w in enumerate(written[0]):
        mid = [
            ws[i]
            for ws, s in zip(written, spans, strict=True)
            if not _sentence_start(text, s.start) or i
        ]
        keep = (
            bool(mid)
            and all(x[:1].isupper() for x in mid)
            and not all(x[:1].isupper() for x in written[0][:2])
        ) or w.isupper()
        words.append(w if keep else w.lower())
    return " ".join(words)


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 3) : at].strip()
    return at == 0 or before[-1:] in ("", ".", "!", "?", ":", "\n")
