"""Record kinds: the fields a kind holds and how long it is kept, read from a YAML file the agency edits.

A kind whose fields ask for immigration status or reveal it (checked with the intake-form check,
:func:`sanctuary.forms.detect.classify`) is refused, unless its ``required_by`` names a jurisdiction, agency
kind and context in which the law engine decides that collecting that data is ``required``; the rule's
citation is then kept with the kind.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sanctuary.forms.detect import classify

DEFAULT_KINDS = Path(__file__).resolve().parent / "data" / "kinds.yaml"
AGENCY_KINDS_FILE = "vault-kinds.yaml"


class KindsError(ValueError):
    """The kinds file is wrong; the message names the file, the kind and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldSpec(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    label: str = Field(min_length=1, max_length=200)
    max_length: int = Field(default=10_000, ge=1, le=1_000_000)


class RequiredBy(_Strict):
    jurisdiction: str
    agency_kind: str
    context: Literal["service_delivery", "benefits_eligibility", "victim_or_witness", "criminal_investigation",
                     "booking", "court_proceeding", "employment_verification"]


class KindSpec(_Strict):
    description: str = ""
    retention_days: int = Field(ge=1, le=36_500)
    fields: list[FieldSpec] = Field(min_length=1)
    required_by: RequiredBy | None = None


class KindsFile(_Strict):
    kinds: dict[str, KindSpec]


@dataclass(frozen=True)
class Kind:
    name: str
    retention_days: int
    fields: dict[str, FieldSpec]
    allowed_by: dict[str, str]  # field -> citation of the rule that requires it


def kinds_path(data_dir: Path) -> Path:
    configured = os.environ.get("SANCTUARY_VAULT_KINDS")
    if configured:
        return Path(configured)
    local = data_dir / AGENCY_KINDS_FILE
    return local if local.exists() else DEFAULT_KINDS


def load_kinds(path: Path, on: date | None = None) -> dict[str, Kind]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KindsError(f"{path}: cannot read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise KindsError(f"{path}: not valid YAML ({exc})") from exc
    try:
        parsed = KindsFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise KindsError(f"{path}: {where}: {first['msg']}") from exc
    kinds: dict[str, Kind] = {}
    for name, spec in parsed.kinds.items():
        if not name.replace("_", "").isalnum() or not name[:1].isalpha() or name != name.lower():
            raise KindsError(f"{path}: kinds.{name}: kind names are lower-case letters, digits and _")
        names = [f.name for f in spec.fields]
        if len(set(names)) != len(names):
            raise KindsError(f"{path}: kinds.{name}: a field name appears twice")
        kinds[name] = Kind(name, spec.retention_days, {f.name: f for f in spec.fields},
                           _check_minimal(path, name, spec, on))
    return kinds


def _check_minimal(path: Path, name: str, spec: KindSpec, on: date | None) -> dict[str, str]:
    allowed: dict[str, str] = {}
    for field in spec.fields:
        hit = classify(f"{field.label}\n{field.name}")
        if hit is None:
            continue
        where = f"{path}: kinds.{name}.fields.{field.name}"
        what = f"{hit.concept.reason} ({hit.concept.category}: matched {hit.matched!r})"
        if spec.required_by is None:
            raise KindsError(f"{where}: {what}. Remove the field, or add a `required_by` naming the "
                             "jurisdiction, agency kind and context whose rule requires it.")
        allowed[field.name] = _required_citation(where, hit.concept.data, spec.required_by, on)
    return allowed


def _required_citation(where: str, data: str, required_by: RequiredBy, on: date | None) -> str:
    from sanctuary import decide
    from sanctuary.engine.request import RequestError

    try:
        decision = decide({"date": (on or date.today()).isoformat(),
                           "agency": {"jurisdiction": required_by.jurisdiction, "kind": required_by.agency_kind},
                           "action": "collect", "data": [data], "context": required_by.context,
                           # `required_by` claims a statute requires the field: the engine's statutory rules
                           # (I-9, benefits declarations) answer only a request that says so.
                           "instrument": {"type": "statute"}})
    except (RequestError, ValueError) as exc:
        raise KindsError(f"{where}: required_by: {exc}") from exc
    citation = (decision.to_dict().get("decided_by") or {}).get("citation")
    if decision.outcome != "required" or not citation:
        raise KindsError(f"{where}: required_by: the law engine decides collecting {data} is {decision.outcome} "
                         f"in {required_by.jurisdiction} ({required_by.context}), not required; remove the field")
    return str(citation)
