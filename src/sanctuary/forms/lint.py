"""The intake-form check: every question that asks for immigration status or reveals it, with the rule.

The rule is never copied here: for each finding the law engine decides ``collect`` of the question's data
category, in the question's context, at the given jurisdiction (``sanctuary.decide``), and the finding cites
the rule that decided it. A question a statute requires (the I-9, benefits eligibility) comes back
``required`` with that statute: it is still reported, so staff can see why it stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sanctuary.forms.detect import classify, context_of
from sanctuary.forms.readers import FormField, read_form

DEFAULT_CONTEXT = "service_delivery"
DEFAULT_AGENCY_KIND = "city_agency"


@dataclass(frozen=True)
class Finding:
    field: str
    label: str
    category: str
    reason: str
    rule: str | None
    suggestion: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "label": self.label, "category": self.category, "reason": self.reason,
                "rule": self.rule, "suggestion": self.suggestion}


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    fields_checked: int
    format: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [f.to_dict() for f in self.findings], "fields_checked": self.fields_checked}


class LintInputError(ValueError):
    """A bad jurisdiction or agency kind; the message names it, ``field`` the option it came from
    (``jurisdiction``, ``agency_kind`` or ``context``)."""

    def __init__(self, message: str, field: str = "jurisdiction") -> None:
        super().__init__(message)
        self.field = field


# The engine's request fields -> the form check's own options.
_OPTION_OF_FIELD = {"agency.kind": "agency_kind", "agency.jurisdiction": "jurisdiction", "context": "context",
                    "agency": "jurisdiction"}


STATUTE_CONTEXTS = ("employment_verification", "benefits_eligibility")


@lru_cache(maxsize=1024)
def _decide(jurisdiction: str, agency_kind: str, data: str, context: str, on: str) -> tuple[str, str | None]:
    """``(outcome, citation)`` of collecting ``data`` in ``context``, decided by the engine."""
    from sanctuary import decide
    from sanctuary.engine.request import RequestError

    try:
        decision = decide({"date": on, "agency": {"jurisdiction": jurisdiction, "kind": agency_kind},
                           "action": "collect", "data": [data], "context": context,
                           # Hiring and benefits eligibility are where a statute itself asks (the I-9, SSA § 1137);
                           # the federal rules apply only when the request says so (docs/semantics.md §4.2).
                           "instrument": {"type": "statute" if context in STATUTE_CONTEXTS else "none"}})
    except (RequestError, ValueError, KeyError) as exc:
        field = str(getattr(exc, "field", "") or "")
        option = _OPTION_OF_FIELD.get(field) or next(
            (o for f, o in _OPTION_OF_FIELD.items() if field.startswith(f + ".")), "jurisdiction")
        raise LintInputError(str(exc), option) from exc
    decided_by = decision.to_dict().get("decided_by") or {}
    return decision.outcome, decided_by.get("citation")


def _rule_words(outcome: str, citation: str | None, jurisdiction: str, context: str) -> str:
    where = context.replace("_", " ")
    if outcome == "required":
        return f"kept: {citation} requires this question ({where}); ask it only there and only of the applicant"
    if outcome == "forbidden":
        return f"{citation} forbids asking it in {jurisdiction} ({where})"
    if outcome == "allowed":
        return f"no rule encoded for {jurisdiction} forbids it ({where}), but the answer still reveals status"
    return f"the law engine could not decide it for {jurisdiction} ({where}): ask counsel"


def lint_fields(fields: list[FormField], jurisdiction: str | None = None,
                agency_kind: str = DEFAULT_AGENCY_KIND, context: str | None = None,
                on: date | None = None) -> Report:
    """Check every field. ``context`` forces the context; otherwise each question's own words (an I-9 or
    eligibility cue) or the whole form's words decide it, else ``service_delivery``."""
    day = (on or date.today()).isoformat()
    if jurisdiction:  # a wrong jurisdiction or agency kind is an error even on a clean form
        _decide(jurisdiction, agency_kind, "immigration_status", context or DEFAULT_CONTEXT, day)
    form_context = context or context_of(" ".join(f.label for f in fields[:3])) or None
    findings: list[Finding] = []
    for item in fields:
        hit = classify(item.text)
        if hit is None:
            continue
        concept = hit.concept
        where = context or context_of(item.text) or form_context or DEFAULT_CONTEXT
        reason = concept.reason
        rule: str | None = None
        suggestion = concept.suggestion
        if jurisdiction:
            outcome, citation = _decide(jurisdiction, agency_kind, concept.data, where, day)
            rule = citation
            reason = f"{reason}; {_rule_words(outcome, citation, jurisdiction, where)}"
            if outcome == "required":
                suggestion = ("Keep it only where the statute requires it, on that form alone; say why it is "
                              "asked and that answers are not shared beyond the program.")
        findings.append(Finding(item.field, item.label, concept.category, reason, rule, suggestion))
    return Report(findings, len(fields))


def lint_bytes(data: bytes, filename: str, jurisdiction: str | None = None,
               agency_kind: str = DEFAULT_AGENCY_KIND, context: str | None = None,
               on: date | None = None) -> Report:
    kind, fields = read_form(data, filename)
    report = lint_fields(fields, jurisdiction, agency_kind, context, on)
    return Report(report.findings, report.fields_checked, kind)
