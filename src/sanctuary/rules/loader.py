"""Load the rule library: every ``*.yaml`` under a directory, validated and cross-checked.

Errors name the file, the line and the field, and all of them are reported at once (a lawyer fixing a file
wants the whole list, not one at a time).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sanctuary.gcpause import collector_paused
from sanctuary.rules import cache as rules_cache
from sanctuary.rules.schema import Preemption, Rule, RuleFile
from sanctuary.rules.yamlsource import YamlError, line_of, load_yaml

LEVEL_RANK = {"country": 0, "state": 1, "province": 1, "county": 2, "city": 3, "agency": 4}


@dataclass(frozen=True)
class LoadProblem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class LibraryError(ValueError):
    """The library could not be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: list[LoadProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Library:
    """Every jurisdiction's rule file, keyed by jurisdiction id, plus where each came from."""

    files: dict[str, RuleFile]
    paths: dict[str, str]
    digest: str
    lines: dict[str, dict[tuple[str | int, ...], int]] = field(default_factory=dict)

    def parent_of(self, jurisdiction_id: str) -> str | None:
        known = self.files.get(jurisdiction_id)
        if known is not None:
            return known.jurisdiction.parent
        parts = jurisdiction_id.split("/")
        return "/".join(parts[:-1]) if len(parts) > 1 else None

    def chain(self, jurisdiction_id: str) -> list[str]:
        """The layers from the top (the country) down to ``jurisdiction_id``, known or not."""
        out: list[str] = []
        current: str | None = jurisdiction_id
        while current is not None and current not in out:
            out.append(current)
            current = self.parent_of(current)
        return list(reversed(out))


def _field_path(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problems_from_validation(name: str, exc: ValidationError, lines: dict[tuple[str | int, ...], int],
                              data: object) -> list[LoadProblem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        # Pydantic appends the Literal/union branch to loc in some errors; drop parts that are not in the file.
        path = tuple(p for p in loc if isinstance(p, int | str))
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown key (check its spelling against docs/rule-format.md)"
        elif err["type"] == "literal_error":
            message = f"{message}; got {err.get('input')!r}"
        problems.append(LoadProblem(name, line_of(lines, path), _field_path(path), message))
    return problems


def parse_rule_file(text: str, name: str) -> tuple[RuleFile, dict[tuple[str | int, ...], int]]:
    return validate_rule_file(*_parse_yaml(text, name), name)


def _parse_yaml(text: str, name: str) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    try:
        return load_yaml(text)
    except YamlError as exc:
        raise LibraryError([LoadProblem(name, exc.line, "", exc.message)]) from exc


def validate_rule_file(data: Any, lines: dict[tuple[str | int, ...], int],
                       name: str) -> tuple[RuleFile, dict[tuple[str | int, ...], int]]:
    """A rule file's parsed YAML as a :class:`RuleFile`; :class:`LibraryError` names every problem."""
    if not isinstance(data, dict):
        raise LibraryError([LoadProblem(name, 1, "", "a rule file is a mapping with a 'jurisdiction' key")])
    try:
        return RuleFile.model_validate(data), lines
    except ValidationError as exc:
        raise LibraryError(_problems_from_validation(name, exc, lines, data)) from exc


def _cross_check(name: str, rf: RuleFile, lines: dict[tuple[str | int, ...], int]) -> list[LoadProblem]:
    problems: list[LoadProblem] = []
    instruments = {i.id: i for i in rf.instruments}
    if len(instruments) != len(rf.instruments):
        problems.append(LoadProblem(name, line_of(lines, ("instruments",)), "instruments", "duplicate instrument id"))
    rule_ids: dict[str, int] = {}
    for i, rule in enumerate(rf.rules):
        if rule.id in rule_ids:
            problems.append(LoadProblem(name, line_of(lines, ("rules", i, "id")), f"rules[{i}].id",
                                        f"duplicate rule id {rule.id!r} (also rules[{rule_ids[rule.id]}])"))
        rule_ids[rule.id] = i
    by_id = {r.id: r for r in rf.rules}
    refs: list[tuple[str, int, Rule | Preemption]] = [("rules", i, r) for i, r in enumerate(rf.rules)]
    refs += [("preempts", i, p) for i, p in enumerate(rf.preempts)]
    for section, i, item in refs:
        where = line_of(lines, (section, i, "instrument"))
        if item.instrument not in instruments:
            problems.append(LoadProblem(name, where, f"{section}[{i}].instrument",
                                        f"no instrument with id {item.instrument!r} in this file"))
        elif not instruments[item.instrument].in_force and section == "rules":
            problems.append(LoadProblem(name, where, f"{section}[{i}].instrument",
                                        "a rule cannot come from an instrument that is not in force"))
        elif section == "rules" and isinstance(item, Rule) and item.exception_to in by_id:
            base = by_id[item.exception_to]
            if (item.effect == "duty") != (base.effect == "duty"):
                problems.append(LoadProblem(name, line_of(lines, (section, i, "effect")), f"{section}[{i}].effect",
                                            "an exception to a duty must be a duty, and a duty cannot be an "
                                            "exception to a rule that decides the outcome"))
    for i, rule in enumerate(rf.rules):
        if rule.yields_to_lower_layers and rf.jurisdiction.level == "agency":
            problems.append(LoadProblem(name, line_of(lines, ("rules", i, "yields_to_lower_layers")),
                                        f"rules[{i}].yields_to_lower_layers",
                                        "an agency has no lower layer for a baseline to yield to"))
        if rule.exception_to is None:
            continue
        where = line_of(lines, ("rules", i, "exception_to"))
        if rule.exception_to not in by_id:
            problems.append(LoadProblem(name, where, f"rules[{i}].exception_to",
                                        f"no rule with id {rule.exception_to!r} in this file"))
            continue
        seen = {rule.id}
        current = by_id[rule.exception_to]
        while current.exception_to is not None:
            if current.id in seen:
                problems.append(LoadProblem(name, where, f"rules[{i}].exception_to", "exceptions form a cycle"))
                break
            seen.add(current.id)
            if current.exception_to not in by_id:
                break
            current = by_id[current.exception_to]
    return problems


def load_library(root: Path | None = None) -> Library:
    """Load every rule file under ``root`` (the packaged library by default).

    The YAML step is skipped when :mod:`sanctuary.rules.cache` holds this exact library (same digest);
    validation and cross-checks run either way."""
    with collector_paused():  # a large tree of long-lived objects, no garbage
        return _load_library(root)


def _load_library(root: Path | None) -> Library:
    base = Path(str(resources.files("sanctuary") / "library")) if root is None else root
    files: dict[str, RuleFile] = {}
    paths: dict[str, str] = {}
    all_lines: dict[str, dict[tuple[str | int, ...], int]] = {}
    problems: list[LoadProblem] = []
    digest = hashlib.sha256()
    sources: list[tuple[Path, str, str]] = []
    for path in sorted(base.rglob("*.yaml")):
        name = str(path.relative_to(base))
        text = path.read_text(encoding="utf-8")
        digest.update(name.encode() + b"\0" + text.encode() + b"\0")
        sources.append((path, name, text))
    hexdigest = digest.hexdigest()
    cached = rules_cache.read(base, hexdigest)
    parsed: rules_cache.Parsed = {}
    for path, name, text in sources:
        try:
            data, lines = cached[name] if cached is not None and name in cached else _parse_yaml(text, name)
            parsed[name] = (data, lines)
            rf, lines = validate_rule_file(data, lines, name)
        except LibraryError as exc:
            problems.extend(exc.problems)
            continue
        expected = name.removesuffix(".yaml")
        if rf.jurisdiction.id != expected:
            problems.append(LoadProblem(name, line_of(lines, ("jurisdiction", "id")), "jurisdiction.id",
                                        f"the file for {rf.jurisdiction.id!r} must be named {rf.jurisdiction.id}.yaml"))
            continue
        problems.extend(_cross_check(name, rf, lines))
        files[rf.jurisdiction.id] = rf
        paths[rf.jurisdiction.id] = str(path)
        all_lines[rf.jurisdiction.id] = lines
    for jid, rf in files.items():
        parent = rf.jurisdiction.parent
        if parent is not None and parent not in files:
            problems.append(LoadProblem(str(Path(paths[jid]).relative_to(base)),
                                        line_of(all_lines[jid], ("jurisdiction", "parent")),
                                        "jurisdiction.parent", f"no rule file for parent {parent!r}"))
        elif parent is not None and LEVEL_RANK[files[parent].jurisdiction.level] >= LEVEL_RANK[rf.jurisdiction.level]:
            above = files[parent].jurisdiction.level
            problems.append(LoadProblem(str(Path(paths[jid]).relative_to(base)),
                                        line_of(all_lines[jid], ("jurisdiction", "level")), "jurisdiction.level",
                                        f"a {rf.jurisdiction.level} cannot sit under a {above}"))
    if problems:
        raise LibraryError(problems)
    if cached is None:
        rules_cache.write(base, hexdigest, parsed)
    return Library(files=files, paths=paths, digest=hexdigest, lines=all_lines)


@cache
def default_library() -> Library:
    return load_library()
