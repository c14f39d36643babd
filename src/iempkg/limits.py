"""The explicit limits of a build and a query, and the checks of an extracted record.

Each limit has a default here, a command-line flag and a message naming that flag when it is hit:

| limit | default | flag | when hit |
|---|---|---|---|
| bytes of one article (a file, or a JSON Lines line) | 10 MiB | `--max-article-bytes` | skipped |
| characters of one article's text | 200,000 | `--max-article-chars` | skipped |
| entities (organisations + persons) of one article | 500 | `--max-entities` | skipped |
| seconds one query may take | 30 | `iempkg query --timeout` | error |

An article over the entity limit is skipped rather than cut: a page naming hundreds of bodies is
a directory, a list of signatories or spam, and keeping an arbitrary first part of it would put a
wrong picture of it in the graph. The byte and character limits are applied by `ingest`.

`record_problem(article)` checks an extracted record as a curated one is checked, so that no
slip of the extractor reaches the graph. `incomplete(article)` says what a built article lacks (a date, an event, any names): such an
article is built with what was found, and the lack is reported next to the skipped ones.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from .errors import LimitError

if TYPE_CHECKING:
    from .model import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_ENTITIES",
    "DEFAULT_QUERY_TIMEOUT",
    "call_with_timeout",
    "entity_limit_reason",
    "incomplete",
    "record_problem",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # per article; a JSON Lines file may hold many of them
# Characters of article text, after decoding and taking the main text of a page, that extraction
# is given: a news article has a few thousand; a million-character 'article' is a dump or a
# book, and extraction time grows faster than the length.
DEFAULT_MAX_CHARS = 200_000
DEFAULT_MAX_ENTITIES = 500
DEFAULT_QUERY_TIMEOUT = 30.0

T = TypeVar("T")


def entity_limit_reason(article: Article, limit: int | None) -> str | None:
    """Why `article` is skipped for naming too many entities, or None when it is within `limit`."""
    count = len(article.organisations) + len(article.persons)
    if limit is None or count <= limit:
        return None
    return (
        f"{count:,} organisations and persons found, over the limit of {limit:,} per article "
        "(--max-entities)"
    )


def record_problem(article: Article) -> str | None:
    """Why an extracted record is unusable, or None: whatever the extractor does, what is mapped
    into the graph is a record `Article.from_dict` accepts (the shape a curator's record has)."""
    from .errors import RecordError
    from .model import Article

    try:
        Article.from_dict(article.to_dict(), article.source)
    except RecordError as exc:
        return f"extraction gave an unusable record ({exc.what}); please report it"
    return None


def incomplete(article: Article) -> str | None:
    """What a built record lacks, as a note ('built, but found no date and no names'), or None."""
    events = article.events
    missing = []
    if not article.published and not any(e.start for e in events):
        missing.append("no date")
    if not any(
        e.kind != "other" or e.start or e.place or e.organisations or e.persons or e.outcomes
        for e in events
    ):
        missing.append("no event")
    if not article.organisations and not article.persons:
        missing.append("no names")
    if not missing:
        return None
    return "built, but found " + (
        missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    )


def call_with_timeout(fn: Callable[[], T], seconds: float | None, what: str, hint: str) -> T:
    """`fn()`, or a `LimitError` naming `what` when it has not finished within `seconds`.

    `fn` runs in a daemon thread (Oxigraph releases the interpreter lock while it evaluates, so
    the wait is exact); a call that ran over is abandoned, and ends when the process does: this
    is meant for a command's one long call, not for a server.
    """
    if seconds is None:
        return fn()
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller's thread below
            # Free the frames' locals here: Oxigraph's result iterators must be dropped on the
            # thread that made them (pyoxigraph warns "unsendable" otherwise).
            traceback.clear_frames(exc.__traceback__)
            box["error"] = exc

    worker = threading.Thread(target=run, name="iempkg-timed", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise LimitError(f"{what} did not finish within {seconds:g} s", "option --timeout", hint)
    if "error" in box:
        error = box["error"]
        assert isinstance(error, BaseException)
        raise error
    return box["value"]  # type: ignore[return-value]
