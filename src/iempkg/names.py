"""Name normalisation and IRI slugs shared by resolution, mapping and queries."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII form of `text` (accents dropped), for keys and slugs."""
    if text.isascii():  # most names: NFKD leaves ASCII as it is (a third of resolution's time)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1 << 18)  # names recur across an archive: resolution asks for each often
def name_key(name: str) -> str:
    """The comparison key of an organisation name: case, punctuation and a leading 'the' dropped."""
    key = _SPACES.sub(" ", _PUNCT.sub(" ", fold(name))).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


@lru_cache(maxsize=1 << 18)
def person_key(name: str) -> str:
    """The comparison key of a person's name: words folded and sorted, so order does not matter."""
    return " ".join(sorted(name_key(name).split()))


@lru_cache(maxsize=1 << 18)  # the slugs of names are asked for again in every article
def slug(text: str, max_length: int = 100) -> str:
    """A readable, stable IRI path segment for `text`.

    Text with no Latin letters or digits (a Chinese name, say) gets a short hash instead, so that
    two different names never share a slug by both being empty.
    """
    s = _NON_WORD.sub("-", fold(text)).strip("-")
    if not s:
        return "h" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    if len(s) > max_length:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        s = s[:max_length].rstrip("-") + "-" + digest
    return s
