"""Start-up: the parsed-library cache, the shared bucket cores, the cached canonical decision, lazy commands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from sanctuary.engine import Engine
from sanctuary.rules import cache as rules_cache
from sanctuary.rules.loader import LibraryError, load_library
from sanctuary.rules.yamlsource import _StrictLoader, load_yaml
from tests.engine.conftest import FIXTURES, req


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("SANCTUARY_CACHE_DIR", str(where))
    monkeypatch.delenv("SANCTUARY_NO_CACHE", raising=False)
    return where


@pytest.fixture
def library(tmp_path: Path) -> Path:
    copy = tmp_path / "lib"
    shutil.copytree(FIXTURES, copy)
    return copy


def _same(a: object, b: object) -> None:
    assert a == b and type(a) is type(b)


def test_the_c_parser_is_used_and_stays_safe() -> None:
    assert issubclass(_StrictLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    with pytest.raises(ValueError, match="not valid YAML"):  # no Python objects from a rule file
        load_yaml("x: !!python/object/apply:os.system ['true']\n")


def test_a_cached_load_equals_a_parsed_one(library: Path, cache_dir: Path) -> None:
    first = load_library(library)
    written = list(cache_dir.glob("rules-*.msgpack"))
    assert len(written) == 1 and first.digest in written[0].name
    assert oct(cache_dir.stat().st_mode & 0o777) == "0o700"
    second = load_library(library)  # from the cache
    assert second.digest == first.digest and second.lines == first.lines
    assert {k: v.model_dump() for k, v in second.files.items()} == {k: v.model_dump() for k, v in first.files.items()}
    decide = {"date": "2020-01-01", "agency": {"jurisdiction": "zz/an/county", "kind": "jail"}, "action": "hold",
              "requester": {"agency": "ice"}, "instrument": {"type": "detainer"}, "subject": {"in_custody": True}}
    assert Engine(second).decide(decide).to_dict() == Engine(first).decide(decide).to_dict()


def test_any_change_to_a_rule_file_invalidates_the_cache(library: Path, cache_dir: Path) -> None:
    before = load_library(library)
    path = next(library.rglob("*.yaml"))
    path.write_text(path.read_text() + "\n# edited\n")
    after = load_library(library)
    assert after.digest != before.digest
    names = [p.name for p in cache_dir.glob("rules-*.msgpack")]
    assert names == [n for n in names if after.digest in n] and len(names) == 1  # the stale entry is gone


def test_a_broken_file_is_reported_from_the_cache_path_too(library: Path, cache_dir: Path) -> None:
    load_library(library)
    path = next(p for p in library.rglob("*.yaml") if "rules:" in p.read_text())
    path.write_text(path.read_text().replace("confidence: primary", "confidence: sure", 1))
    with pytest.raises(LibraryError, match="confidence"):
        load_library(library)
    assert not any(p for p in cache_dir.glob("rules-*.msgpack") if "sure" in p.read_bytes().decode("latin-1"))


def test_a_corrupt_or_foreign_cache_entry_is_ignored(library: Path, cache_dir: Path) -> None:
    good = load_library(library)
    entry = next(cache_dir.glob("rules-*.msgpack"))
    for garbage in (b"", b"\x93\x01\x02", b"not msgpack at all", json.dumps({"format": 1}).encode()):
        entry.write_bytes(garbage)
        assert load_library(library).digest == good.digest
    # an entry whose inner digest is another library's is not used
    rules_cache.write(library, good.digest, {})
    stored = entry.read_bytes()
    entry.write_bytes(stored.replace(good.digest.encode(), b"0" * 64))
    assert rules_cache.read(library, good.digest) is None


def test_dates_round_trip_exactly_and_odd_types_are_not_cached(tmp_path: Path, cache_dir: Path) -> None:
    data = {"d": date(2020, 2, 29), "t": datetime.fromisoformat("2020-01-01T10:00:00+05:30"), "n": [1, 2.5, None,
            True, "x"], 3: "int key"}
    rules_cache.write(tmp_path, "a" * 64, {"f.yaml": (data, {("d",): 1})})
    back = rules_cache.read(tmp_path, "a" * 64)
    assert back is not None
    got, lines = back["f.yaml"]
    assert got == data and lines == {("d",): 1}
    _same(got["d"], data["d"])
    _same(got["t"], data["t"])
    assert got["t"].utcoffset() == data["t"].utcoffset()
    rules_cache.write(tmp_path, "b" * 64, {"f.yaml": ({"s": {1, 2}}, {})})
    assert rules_cache.read(tmp_path, "b" * 64) is None


def test_the_cache_can_be_turned_off(library: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANCTUARY_NO_CACHE", "1")
    load_library(library)
    assert not cache_dir.exists()


def test_jurisdictions_without_a_file_share_their_bucket_core_but_keep_their_own_layers(engine: Engine) -> None:
    compiled = engine.compiled
    day = date(2020, 1, 1)
    first = compiled.bucket("zz/an/nowhere-one", "jail", "hold", compiled.segment(day))
    second = compiled.bucket("zz/an/nowhere-two", "jail", "hold", compiled.segment(day))
    assert first is not second and first.items is second.items  # the rules: built once
    assert first.layers != second.layers and first.memo is not second.memo  # names and memo: their own
    assert "nowhere-one" in first.no_policy_note.lower() or first.layers[-1].id == "zz/an/nowhere-one"


def test_the_canonical_decision_is_computed_once_and_is_the_canonical_json(engine: Engine) -> None:
    full = req("zz/an/county", "jail", "hold", requester={"agency": "ice"}, instrument={"type": "detainer"},
               subject={"in_custody": True})
    one = engine.decide(full)
    again = engine.decide(full)
    assert one is again  # memoised
    expected = json.dumps(one.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert one.canonical_json() == expected
    assert one.canonical_json() is again.canonical_json()


def test_commands_are_imported_only_when_used(tmp_path: Path) -> None:
    probe = ("import sys; sys.argv = ['sanctuary', 'decide', sys.argv[1], '--json', '--library', sys.argv[2]];"
             "from sanctuary.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('sanctuary.desk.cli', 'sanctuary.atlas.cli', 'sanctuary.audit.cli', "
             "'sqlalchemy', 'fastapi') if m in sys.modules), file=sys.stderr)")
    request = tmp_path / "r.json"
    request.write_text(json.dumps(req("zz/an/county", "jail", "hold")))
    env = {**os.environ, "SANCTUARY_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", probe, str(request), str(FIXTURES)], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert json.loads(done.stdout)["outcome"]
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_help_lists_every_command() -> None:
    from typer.testing import CliRunner

    from sanctuary.cli import COMMAND_MODULES, app

    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMAND_MODULES:
        assert name in result.stdout
