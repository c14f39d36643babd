"""Guarantee 5: limits are explicit.

Each limit has a default (shown by --help), a flag, and a message naming the flag when hit:
bytes of an article (--max-article-bytes), characters of its text (--max-article-chars),
organisations and persons of one article (--max-entities: the article is skipped, not cut), and
the time a query may take (iempkg query --timeout, on a file, a store or an endpoint).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from iempkg.cli import cli
from iempkg.errors import LimitError
from iempkg.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_ENTITIES,
    DEFAULT_QUERY_TIMEOUT,
    call_with_timeout,
    entity_limit_reason,
)
from iempkg.model import Article, Organisation, Person

from .conftest import SEED

# Four triple patterns over every triple: far more than any time-out allows, on any graph.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }\n"


@pytest.mark.parametrize(
    ("command", "flag", "default"),
    [
        ("build", "--max-article-bytes", DEFAULT_MAX_BYTES),
        ("build", "--max-article-chars", DEFAULT_MAX_CHARS),
        ("build", "--max-entities", DEFAULT_MAX_ENTITIES),
        ("extract", "--max-article-bytes", DEFAULT_MAX_BYTES),
        ("extract", "--max-article-chars", DEFAULT_MAX_CHARS),
        ("extract", "--max-entities", DEFAULT_MAX_ENTITIES),
        ("query", "--timeout", DEFAULT_QUERY_TIMEOUT),
    ],
)
def test_each_limit_has_a_flag_and_a_default(command: str, flag: str, default: float) -> None:
    text = " ".join(CliRunner().invoke(cli, [command, "--help"]).output.split())
    assert flag in text
    shown = f"{default:g}" if isinstance(default, float) else str(default)
    assert f"{flag}" in text and f"default: {shown}" in text.split(flag, 1)[1][:400]


def test_an_article_over_the_entity_limit_is_skipped_not_cut(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(SEED), "-o", str(tmp_path / "out"), "--max-entities", "3"]
    )
    assert result.exit_code == 2  # nothing else to build
    assert result.stderr.startswith("error: no article could be read")
    assert "over the limit of 3 per article (--max-entities)" in result.stderr
    extract = CliRunner().invoke(cli, ["extract", str(SEED), "--max-entities", "3"])
    assert "(--max-entities)" in extract.stderr and extract.exit_code == 2
    ok = CliRunner().invoke(cli, ["extract", str(SEED)])
    assert ok.exit_code == 0 and ok.stdout.count("\n") == 1


def test_the_entity_limit_counts_organisations_and_persons() -> None:
    article = Article(
        source="a.txt",
        organisations=[Organisation(f"Institute {i}") for i in range(4)],
        persons=[Person(f"Person {i}") for i in range(3)],
    )
    assert entity_limit_reason(article, 7) is None
    assert entity_limit_reason(article, None) is None
    reason = entity_limit_reason(article, 6)
    assert reason == "7 organisations and persons found, over the limit of 6 per article (--max-entities)"


def test_a_curated_record_is_never_skipped_for_its_size(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(
        "source: 000_a23b3f09f4b03236.txt\n"
        "organisations: [{name: Soil Center}, {name: Chinese Academy of Sciences}]\n"
        "persons: [{name: Zhang Linxiu}, {name: Hong Yaxiong}]\n",
        "utf-8",
    )
    result = CliRunner().invoke(
        cli,
        ["build", str(SEED), "-o", str(tmp_path / "o"), "--curated", str(record), "--max-entities", "1"],
    )
    assert result.exit_code in (0, 3), result.output
    assert "--max-entities" not in result.stderr


def test_a_query_over_its_time_is_stopped_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(SEED), "-o", str(out)]).exit_code == 0
    slow = tmp_path / "slow.rq"
    slow.write_text(ENDLESS, "utf-8")
    start = time.monotonic()
    # A subprocess: the abandoned query ends with its process, not inside the test runner.
    done = subprocess.run(
        [sys.executable, "-c", "from iempkg.cli import main; main()", "query", str(slow),
         str(out / "kg.ttl"), "--timeout", "0.5"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    elapsed = time.monotonic() - start
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "error: the query did not finish within 0.5 s, option --timeout, narrow it (a LIMIT, "
        "a more specific pattern) or give a longer --timeout"
    ]
    assert elapsed < 30  # started, gave up after half a second, and exited


def test_call_with_timeout_passes_results_and_errors_through() -> None:
    assert call_with_timeout(lambda: 42, 5, "x", "y") == 42
    assert call_with_timeout(lambda: 43, None, "x", "y") == 43

    def fail() -> None:
        raise LimitError("inner", "here")

    with pytest.raises(LimitError, match="inner"):
        call_with_timeout(fail, 5, "x", "y")
    with pytest.raises(LimitError, match=r"the nap did not finish within 0\.05 s"):
        call_with_timeout(lambda: time.sleep(1), 0.05, "the nap", "wake up")
