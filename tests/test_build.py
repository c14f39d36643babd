"""`iempkg build` end to end, as a user runs it: the seed article in, a valid graph out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from iempkg.cli import cli
from iempkg.query import run_query
from iempkg.store import KnowledgeGraph

SEED = Path(__file__).resolve().parents[1] / "data" / "news" / "000_a23b3f09f4b03236.txt"
ACCEPTANCE = """PREFIX schema: <http://schema.org/>
SELECT ?e ?d (COUNT(DISTINCT ?o) AS ?orgs) (COUNT(DISTINCT ?p) AS ?persons) WHERE {
  ?e a schema:Event ; schema:startDate ?d ; schema:attendee ?o, ?p .
  ?o a schema:Organization . ?p a schema:Person } GROUP BY ?e ?d"""


def _build(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["build", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "out"
    code, stdout, stderr = _build(SEED, "-o", out)
    assert code == 0, stdout + stderr
    return out


def test_build_writes_every_output(seed_out: Path) -> None:
    for name in ("kg.ttl", "kg.jsonld", "kg.trig", "validation.txt", "skipped.txt"):
        assert (seed_out / name).stat().st_size > 0 or name == "skipped.txt"
    assert (seed_out / "skipped.txt").read_text() == ""
    assert (seed_out / "validation.txt").read_text().startswith("The graph conforms")
    assert [p.name for p in (seed_out / "records").iterdir()] == ["000-a23b3f09f4b03236-txt.json"]
    hidden = [p.name for p in seed_out.iterdir() if p.name.startswith(".")]
    assert hidden == [".iempkg-cache"]  # no staging left, only the build cache


def test_acceptance_query_finds_the_meeting(seed_out: Path) -> None:
    kg = KnowledgeGraph.load(seed_out / "kg.ttl")
    rows = run_query(kg, ACCEPTANCE).rows
    assert len(rows) == 1
    _event, date, orgs, persons = rows[0]
    assert getattr(date, "value", None) == "2024-01-31"
    assert int(getattr(orgs, "value", 0)) >= 3 and int(getattr(persons, "value", 0)) == 5


def test_the_seed_record_is_right(seed_out: Path) -> None:
    record = json.loads((seed_out / "records" / "000-a23b3f09f4b03236-txt.json").read_text())
    assert (
        record["title"].startswith("UNEP-IEMP Holds Talks") and record["published"] == "2024-02-01"
    )
    (event,) = record["events"]
    assert (event["kind"], event["start"], event["end"]) == ("meeting", "2024-01-31", "2024-01-31")
    assert [o["kind"] for o in event["outcomes"]] == ["agreement"]
    assert "preliminary agreement" in event["outcomes"][0]["summary"]
    people = {p["name"]: (p["honorific"], p["title"], p["organisation"]) for p in record["persons"]}
    assert people == {
        "Zhang Linxiu": (
            "Dr.",
            "Director",
            "United Nations Environment Programme - International Ecosystem Management Partnership",
        ),
        "Liao Xiaoyong": (
            "Dr.",
            "Deputy Director",
            "Institute of Geographic Sciences and Natural Resources Research",
        ),
        "Hong Yaxiong": (
            "Mr.",
            "Director",
            "Soil Center of the Ministry of Ecology and Environment",
        ),
        "Chen Hedong": (
            "Mr.",
            "Deputy Director",
            "Soil Center of the Ministry of Ecology and Environment",
        ),
        "Shi Huading": (
            "Mr.",
            "Division Chief",
            "Soil Center of the Ministry of Ecology and Environment",
        ),
    }
    parents = {o["name"]: o["parent"] for o in record["organisations"]}
    assert parents["Soil Center of the Ministry of Ecology and Environment"] == (
        "Ministry of Ecology and Environment"
    )
    assert parents["Institute of Geographic Sciences and Natural Resources Research"] == (
        "Chinese Academy of Sciences"
    )
    assert len(event["organisations"]) == 3
    assert {2, 15} <= set(record["sdgs"])
    assert any("soil" in t for t in record["topics"])


def test_builds_are_byte_identical(tmp_path: Path, seed_out: Path) -> None:
    code, _, _ = _build(SEED, "-o", tmp_path / "again")
    assert code == 0
    for name in ("kg.ttl", "kg.jsonld", "kg.trig", "validation.txt"):
        assert (tmp_path / "again" / name).read_bytes() == (seed_out / name).read_bytes(), name


def test_a_curated_record_replaces_extraction(tmp_path: Path, seed_out: Path) -> None:
    record = json.loads((seed_out / "records" / "000-a23b3f09f4b03236-txt.json").read_text())
    record["events"][0]["kind"] = "visit"
    record["persons"][0]["title"] = "Executive Director"
    curated = tmp_path / "fix.yaml"
    curated.write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    code, out, err = _build(SEED, "-o", tmp_path / "out", "--curated", curated)
    assert code == 0, out + err
    fixed = json.loads((tmp_path / "out" / "records" / "000-a23b3f09f4b03236-txt.json").read_text())
    assert fixed["events"][0]["kind"] == "visit"
    assert fixed["persons"][0]["title"] == "Executive Director"
    assert "schema1:" not in (tmp_path / "out" / "kg.ttl").read_text()
    assert "Executive Director" in (tmp_path / "out" / "kg.ttl").read_text()


def test_skipped_articles_are_reported_and_the_rest_built(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "seed.txt").write_bytes(SEED.read_bytes())
    (news / "empty.txt").write_text("")
    code, stdout, stderr = _build(news, "-o", tmp_path / "out")
    assert code == 3, stdout + stderr
    assert "built 1 article(s)" in stdout
    assert f"skipped: {news / 'empty.txt'}: empty file" in stderr
    assert (tmp_path / "out" / "skipped.txt").read_text() == f"{news / 'empty.txt'}\tempty file\n"
    code, _, _ = _build(news, "-o", tmp_path / "strict", "--strict")
    assert code == 1


def test_a_failed_build_keeps_the_previous_outputs(tmp_path: Path, seed_out: Path) -> None:
    out = tmp_path / "out"
    assert _build(SEED, "-o", out)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code, stdout, stderr = _build(bad, "-o", out)
    assert code == 2
    assert stderr.startswith("error: no article could be read") and len(stderr.splitlines()) == 1
    assert "Traceback" not in stdout + stderr
    code, _, stderr = _build(SEED, "-o", out, "--base", "not an iri")
    assert code == 2 and stderr.startswith("error: ")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "-o", "out"], "no such file or directory"),
        ([str(SEED), "-o", str(SEED)], "the output is a file"),
    ],
)
def test_user_errors_are_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_no_progress_bar_when_piped(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert "it/s" not in result.stderr and "article/s" not in result.stderr


def test_validate_command_exit_codes(seed_out: Path, tmp_path: Path) -> None:
    ok = CliRunner().invoke(cli, ["validate", str(seed_out / "kg.ttl")])
    assert ok.exit_code == 0, ok.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", "utf-8")
    bad = CliRunner().invoke(cli, ["validate", str(broken)])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: ")


def test_export_ntriples_from_the_build(seed_out: Path, tmp_path: Path) -> None:
    outputs = []
    for name in ("a.nt", "b.nt"):
        target = tmp_path / name
        result = CliRunner().invoke(
            cli, ["export", str(seed_out / "kg.ttl"), "--format", "ntriples", "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(KnowledgeGraph.load(seed_out / "kg.ttl").triples())


def test_outputs_are_readable_by_others_as_the_umask_says(seed_out: Path) -> None:
    mode = (seed_out / "kg.ttl").stat().st_mode & 0o777
    assert mode & 0o044 == 0o044 & ~_current_umask()


def _current_umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_formats_chooses_the_graph_files_and_leaves_none_stale(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = _build(SEED, "-o", out)
    assert code == 0, err
    code, _, err = _build(SEED, "-o", out, "--formats", "trig,ntriples")
    assert code == 0, err
    graph_files = sorted(p.name for p in out.iterdir() if p.name.startswith("kg."))
    assert graph_files == ["kg.nt", "kg.trig"]  # the older kg.ttl and kg.jsonld are gone
    assert len((out / "kg.nt").read_text("utf-8").splitlines()) == len(
        KnowledgeGraph.load(out / "kg.trig").triples()
    )
    code, _, err = _build(SEED, "-o", out, "--formats", "none")
    assert code == 0 and not [p for p in out.iterdir() if p.name.startswith("kg.")]
    assert (out / "validation.txt").exists() and (out / "records").is_dir()
    code, _, err = _build(SEED, "-o", out, "--formats", "turtle,rdfxml")
    assert code == 2 and err.startswith("error: unknown format 'rdfxml', option --formats")
