"""Loading is strict: every error names the file, the line and the field; nothing in a file is executed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctuary.rules.loader import LibraryError, load_library, parse_rule_file

GOOD = """\
jurisdiction: {id: zz, name: Zedland, level: country}
instruments:
  - {id: act, name: Act, kind: statute, citation: Z.C. § 1}
rules:
  - id: r1
    instrument: act
    effect: forbid
    covers: {agency_kinds: [jail], actions: [hold]}
    citation: Z.C. § 1(a)
    confidence: primary
    summary: No holds on detainers.
"""


def problems(text: str) -> list[str]:
    with pytest.raises(LibraryError) as info:
        parse_rule_file(text, "zz.yaml")
    return [str(p) for p in info.value.problems]


def test_good_file_loads() -> None:
    rf, lines = parse_rule_file(GOOD, "zz.yaml")
    assert rf.rules[0].covers is not None and rf.rules[0].covers.actions == ["hold"]
    assert lines[("rules", 0, "citation")] == 9


def test_unknown_key_names_file_line_and_field() -> None:
    text = GOOD.replace("    confidence: primary\n", "    confidence: primary\n    citaton: typo\n")
    assert problems(text) == ["zz.yaml:11: rules[0].citaton: unknown key (check its spelling against "
                              "docs/rule-format.md)"]


def test_wrong_enum_value_names_the_value() -> None:
    text = GOOD.replace("actions: [hold]", "actions: [hodl]")
    (problem,) = problems(text)
    assert problem.startswith("zz.yaml:8: rules[0].covers.actions[0]:") and "'hodl'" in problem


def test_unknown_group_or_member_lists_the_allowed_values() -> None:
    text = GOOD.replace("agency_kinds: [jail]", "agency_kinds: [prison]")
    (problem,) = problems(text)
    assert "unknown agency kind 'prison'" in problem and "jail" in problem


def test_wrong_type() -> None:
    text = GOOD.replace("confidence: primary", "confidence: 3")
    (problem,) = problems(text)
    assert problem.startswith("zz.yaml:10: rules[0].confidence:")


def test_dangling_references(tmp_path: Path) -> None:
    text = GOOD.replace("instrument: act", "instrument: nope") + (
        "  - id: r2\n    instrument: act\n    effect: allow\n    exception_to: missing\n"
        "    citation: Z.C. § 1(b)\n    confidence: primary\n    summary: An exception to nothing.\n")
    (tmp_path / "zz.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LibraryError) as info:
        load_library(tmp_path)
    found = sorted(str(p) for p in info.value.problems)
    assert found == [
        "zz.yaml:15: rules[1].exception_to: no rule with id 'missing' in this file",
        "zz.yaml:6: rules[0].instrument: no instrument with id 'nope' in this file",
    ]


def test_duplicate_keys_are_an_error() -> None:
    text = GOOD.replace("    effect: forbid\n", "    effect: forbid\n    effect: allow\n")
    assert problems(text) == ["zz.yaml:8: duplicate key 'effect' (first on line 7)"]


def test_no_code_is_executed_from_a_rule_file() -> None:
    text = "!!python/object/apply:os.system ['echo pwned']\n"
    (problem,) = problems(text)
    assert "not valid YAML" in problem


def test_file_name_must_match_id(tmp_path: Path) -> None:
    (tmp_path / "yy.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(LibraryError) as info:
        load_library(tmp_path)
    assert "must be named zz.yaml" in str(info.value)


def test_missing_parent_and_bad_level(tmp_path: Path) -> None:
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "zz" / "aa.yaml").write_text(
        "jurisdiction: {id: zz/aa, name: A, level: country}\n", encoding="utf-8")
    (tmp_path / "zz" / "nowhere").mkdir()
    (tmp_path / "zz" / "nowhere" / "bb.yaml").write_text(
        "jurisdiction: {id: zz/nowhere/bb, name: B, level: city, parent: zz/nowhere}\n", encoding="utf-8")
    with pytest.raises(LibraryError) as info:
        load_library(tmp_path)
    text = str(info.value)
    assert "zz/aa.yaml:1: jurisdiction: Value error, only a country has an id without" in text
    assert "zz/nowhere/bb.yaml:1: jurisdiction.parent: no rule file for parent 'zz/nowhere'" in text


def test_exception_cycle_is_reported(tmp_path: Path) -> None:
    text = GOOD + (
        "  - {id: a, instrument: act, effect: allow, exception_to: b, citation: Z § 2, confidence: primary,"
        " summary: first of a cycle}\n"
        "  - {id: b, instrument: act, effect: allow, exception_to: a, citation: Z § 3, confidence: primary,"
        " summary: second of a cycle}\n")
    (tmp_path / "zz.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LibraryError, match="exceptions form a cycle"):
        load_library(tmp_path)


def test_a_baseline_must_decide_and_must_have_layers_below(tmp_path: Path) -> None:
    """yields_to_lower_layers (docs/rule-format.md, "Baselines"): not on a duty, not in an agency's file."""
    duty = GOOD.replace("    effect: forbid\n", "    effect: duty\n    yields_to_lower_layers: true\n"
                        "    obligations: [{kind: record_request}]\n")
    assert any("yields_to_lower_layers belongs to rules that decide" in p for p in problems(duty))
    (tmp_path / "zz" / "st").mkdir(parents=True)
    (tmp_path / "zz.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "zz" / "st.yaml").write_text("jurisdiction: {id: zz/st, name: S, level: state, parent: zz}\n",
                                             encoding="utf-8")
    agency = GOOD.replace("jurisdiction: {id: zz, name: Zedland, level: country}",
                          "jurisdiction: {id: zz/st/jail, name: J, level: agency, parent: zz/st}")
    agency = agency.replace("    effect: forbid\n", "    effect: forbid\n    yields_to_lower_layers: true\n")
    (tmp_path / "zz" / "st" / "jail.yaml").write_text(agency, encoding="utf-8")
    with pytest.raises(LibraryError) as info:
        load_library(tmp_path)
    assert "an agency has no lower layer for a baseline to yield to" in str(info.value)
