"""Guarantee 2: nothing already built is lost.

A real `iempkg build` of a synthetic archive (benchmarks/generate.py) is killed with SIGKILL at
several moments: while it starts, while it extracts, while it writes the --store, while it
writes its outputs to the staging directory, and while it moves them into place. After each
kill every output file is whole (the previous build's or, once moved into place, the new
one's), parses, and the store holds exactly the previous graph or the new one; then the next
build completes, cleans up what the killed ones left, and gives the new outputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from iempkg.dirswap import recover, swap_into_place
from iempkg.store import KnowledgeGraph

from .conftest import ROOT

# Articles of the first build (the second has half as many again); the suite keeps it small,
# IEMPKG_KILL_ARTICLES=300 tries the same on an archive of a realistic size.
ARTICLES = int(os.environ.get("IEMPKG_KILL_ARTICLES", "16"))
FILES = ("kg.ttl", "kg.jsonld", "kg.trig", "validation.txt", "skipped.txt")
Snapshot = dict[str, bytes]


def _generate(n: int, where: Path) -> Path:
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(n), str(where)],
        check=True,
        capture_output=True,
    )
    return where


def _command(news: Path, out: Path, store: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from iempkg.cli import main; main()",
        "build",
        str(news),
        "-o",
        str(out),
        "--store",
        str(store),
    ]


def _snapshot(out: Path) -> Snapshot:
    """Every output as bytes, records/ as one digest of its files."""
    snap = {name: (out / name).read_bytes() for name in FILES if (out / name).exists()}
    digest = hashlib.sha256()
    for f in sorted((out / "records").iterdir()):
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    snap["records"] = digest.hexdigest().encode()
    return snap


def _store_state(store: Path) -> tuple[int, tuple[str, ...]]:
    kg = KnowledgeGraph.open(store)
    return len(kg), tuple(kg.graphs())


def _parse_all(out: Path) -> None:
    for name in ("kg.ttl", "kg.jsonld", "kg.trig"):
        assert len(KnowledgeGraph.load(out / name)) > 0, name
    for f in (out / "records").iterdir():
        json.loads(f.read_text("utf-8"))


def _kill_when(
    cmd: list[str], ready: Callable[[], bool], after: float = 0.0, limit: float = 120.0
) -> bool:
    """Start `cmd`, SIGKILL it as soon as `ready()` (then `after` more seconds); False when it
    finished before the moment came."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    try:
        while proc.poll() is None and time.monotonic() - start < limit:
            if ready():
                time.sleep(after)
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return proc.returncode == -signal.SIGKILL
            time.sleep(0.002)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _exists(parent: Path, prefix: str, inside: str | None = None) -> Callable[[], bool]:
    def ready() -> bool:
        try:
            return any(
                p.name.startswith(prefix) and (inside is None or (p / inside).exists())
                for p in parent.iterdir()
            )
        except OSError:
            return False

    return ready


def _changed(path: Path) -> Callable[[], bool]:
    before = path.stat().st_mtime_ns

    def ready() -> bool:
        try:
            return path.stat().st_mtime_ns != before
        except OSError:
            return False

    return ready


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_build_loses_nothing(tmp_path: Path) -> None:
    old_news = _generate(ARTICLES, tmp_path / "old")
    new_news = _generate(ARTICLES + ARTICLES // 2, tmp_path / "new")  # the old ones and more
    out, store = tmp_path / "out", tmp_path / "store"
    first = subprocess.run(_command(old_news, out, store), capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    old, old_store = _snapshot(out), _store_state(store)

    cmd = _command(new_news, out, store)
    started = time.monotonic()
    moments: list[tuple[str, Callable[[], bool], float]] = [
        ("starting", lambda: time.monotonic() - started > 0, 0.3),
        ("writing the store", _exists(tmp_path, ".store.new-"), 0.0),
        ("writing the outputs", _exists(out, ".iempkg-build-"), 0.0),
        ("writing the records", _exists(out, ".iempkg-build-", "records"), 0.0),
        ("moving outputs into place", _changed(out / "kg.ttl"), 0.0),
    ]
    seen: list[tuple[str, Snapshot, tuple[int, tuple[str, ...]]]] = []
    killed = []
    for name, ready, after in moments:
        started = time.monotonic()
        if _kill_when(cmd, ready, after):
            killed.append(name)
        _parse_all(out)
        seen.append((name, _snapshot(out), _store_state(store)))
    assert len(killed) >= 3, f"only killed while {killed}"  # the rest finished first

    final = subprocess.run(cmd, capture_output=True, text=True)
    assert final.returncode == 0, final.stdout + final.stderr
    new, new_store = _snapshot(out), _store_state(store)
    assert new != old and new_store != old_store
    for name, snap, state in seen:
        for key, data in snap.items():
            assert data in (old[key], new[key]), f"{key} is neither build's after a kill {name}"
        assert state in (old_store, new_store), f"a half-written store after a kill {name}"
    leftovers = [p.name for p in (*out.iterdir(), *tmp_path.iterdir()) if p.name.startswith(".")]
    assert leftovers == [".iempkg-cache"]  # the build cache, and no work directory
    assert not list((out / ".iempkg-cache").rglob("*.tmp"))  # the next build swept the cache


def test_a_swap_killed_half_way_is_undone(tmp_path: Path) -> None:
    """Where the system cannot exchange two directories in one step, a kill between the two
    renames leaves the old directory aside; the next use puts it back."""
    target, new = tmp_path / "records", tmp_path / "staging"
    target.mkdir()
    (target / "a.json").write_text("old")
    new.mkdir()
    (new / "a.json").write_text("new")
    swap_into_place(new, target, exchange=False)
    assert (target / "a.json").read_text() == "new" and (new / "a.json").read_text() == "old"

    # What a process killed between the renames leaves: no target, the old one aside.
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    dead = int(child.stdout)
    aside = tmp_path / f".records.old-{dead}-abcd1234"
    os.rename(target, aside)
    (tmp_path / f".records.new-{dead}-ef567890").mkdir()
    recover(target)
    assert (target / "a.json").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records", "staging"]


def test_a_store_write_that_fails_leaves_the_old_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyoxigraph as ox

    from iempkg.errors import GraphError
    from iempkg.store import replace_store

    store = tmp_path / "store"
    old = KnowledgeGraph()
    q = ox.Quad(ox.NamedNode("http://e.org/a"), ox.NamedNode("http://e.org/p"), ox.Literal("old"),
                ox.NamedNode("http://e.org/g"))  # fmt: skip
    old.add([q])
    replace_store(store, old)
    new = KnowledgeGraph()
    new.add([ox.Quad(q.subject, q.predicate, ox.Literal("new"), q.graph_name)])

    def broken(self: ox.Store, quads: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ox.Store, "bulk_extend", broken)
    with pytest.raises(GraphError, match="cannot write the store"):
        replace_store(store, new)
    monkeypatch.undo()
    assert [x.object for x in KnowledgeGraph.open(store).quads()] == [ox.Literal("old")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    replace_store(store, new)
    assert [x.object for x in KnowledgeGraph.open(store).quads()] == [ox.Literal("new")]


def test_a_directory_of_other_files_is_never_made_a_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from iempkg.cli import cli

    from .conftest import SEED

    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(SEED), "-o", str(out)]).exit_code == 0
    before = sorted(p.name for p in out.iterdir())
    for args in (["validate", str(out)], ["build", str(SEED), "-o", str(tmp_path / "o2"),
                                          "--store", str(out)]):  # fmt: skip
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"error: '{out}' holds other files and is not an Oxigraph")
    assert sorted(p.name for p in out.iterdir()) == before  # no database files written into it
