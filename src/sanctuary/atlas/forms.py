"""The scenario form (a GET form: bookmarkable, no JavaScript) and its translation into a contract request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sanctuary import vocabulary as v
from sanctuary.atlas.scenario import PRESETS, preset_request, today
from sanctuary.atlas.scores import NO_RECORD_FACTS
from sanctuary.i18n import gettext

DEFAULT_HIGHLIGHTS = {
    "detainer-county-jail": "us/tx/travis-county, us/il/cook-county, us/ca/san-francisco",
    "shelter-asks-status": "ca/on/toronto, ca/bc/vancouver, us/tx/houston",
    "release-date-to-ice": "us/tx/travis-county, us/il/cook-county, us/ca/san-francisco",
}


class FormError(ValueError):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


def _enum(name: str, value: str, allowed: tuple[str, ...], optional: bool = True) -> str:
    if value == "" and optional:
        return ""
    if value not in allowed:
        raise FormError(name, f"{value!r} is not one of {', '.join(allowed)}")
    return value


@dataclass
class ScenarioForm:
    preset: str = ""
    date: str = field(default_factory=today)
    kind: str = ""
    action: str = ""
    requester: str = ""
    purpose: str = ""
    instrument: str = ""
    signed_by: str = ""
    admin_warrant: bool = False
    data: list[str] = field(default_factory=list)
    context: str = ""
    in_custody: bool = False
    no_record: bool = False
    highlight: str = ""

    @classmethod
    def from_query(cls, q: dict[str, str], data: list[str]) -> ScenarioForm:
        preset = q.get("preset", "")
        if preset in PRESETS and not q.get("action"):
            return cls.from_preset(preset, q.get("highlight"), q.get("date", "").strip() or None)
        return cls(preset=preset, date=q.get("date", "").strip() or today(), kind=q.get("kind", ""),
                   action=q.get("action", ""), requester=q.get("requester", ""), purpose=q.get("purpose", ""),
                   instrument=q.get("instrument", ""), signed_by=q.get("signed_by", ""),
                   admin_warrant=q.get("admin_warrant") == "on", data=[d for d in data if d],
                   context=q.get("context", ""), in_custody=q.get("in_custody") == "on",
                   no_record=q.get("no_record") == "on", highlight=q.get("highlight", ""))

    @classmethod
    def from_preset(cls, preset: str, highlight: str | None = None, date: str | None = None) -> ScenarioForm:
        r: dict[str, Any] = preset_request(preset, date)
        inst = r.get("instrument", {})
        subject = r.get("subject", {})
        return cls(preset=preset, date=r["date"], kind=r["agency"]["kind"], action=r["action"],
                   requester=r.get("requester", {}).get("agency", ""),
                   purpose=r.get("requester", {}).get("purpose", ""), instrument=inst.get("type", ""),
                   signed_by=inst.get("signed_by", ""), admin_warrant="admin_warrant" in inst.get("accompanied_by", []),
                   data=list(r.get("data", [])), context=r.get("context", ""),
                   in_custody=bool(subject.get("in_custody")), no_record="convictions" in subject,
                   highlight=highlight if highlight is not None else DEFAULT_HIGHLIGHTS.get(preset, ""))

    def highlight_ids(self) -> list[str]:
        out: list[str] = []
        for part in self.highlight.replace("\n", ",").split(","):
            p = part.strip().lower()
            if p and p not in out:
                out.append(p)
        return out[:20]

    def title(self) -> str:
        """The scenario's name in the locale being rendered."""
        from sanctuary.atlas.labels import word

        if self.preset in PRESETS and self.request() == preset_request(self.preset, self.date):
            return gettext(str(PRESETS[self.preset]["title"]))
        return gettext("%(action)s: %(kind)s") % {"action": word("action", self.action),
                                                  "kind": word("kind", self.kind)}

    def request(self) -> dict[str, Any]:
        try:
            dt.date.fromisoformat(self.date)
        except ValueError as exc:
            raise FormError("date", f"{self.date!r} is not an ISO date (YYYY-MM-DD)") from exc
        req: dict[str, Any] = {"date": self.date,
                               "agency": {"kind": _enum("agency.kind", self.kind, v.AGENCY_KINDS, False)},
                               "action": _enum("action", self.action, v.ACTIONS, False)}
        requester: dict[str, Any] = {}
        if _enum("requester.agency", self.requester, v.REQUESTER_AGENCIES):
            requester["agency"] = self.requester
        if _enum("requester.purpose", self.purpose, v.PURPOSES):
            requester["purpose"] = self.purpose
        if requester:
            req["requester"] = requester
        inst: dict[str, Any] = {}
        if _enum("instrument.type", self.instrument, v.INSTRUMENT_TYPES):
            inst["type"] = self.instrument
        if _enum("instrument.signed_by", self.signed_by, v.SIGNERS):
            inst["signed_by"] = self.signed_by
        if self.admin_warrant:
            inst["accompanied_by"] = ["admin_warrant"]
        if inst:
            req["instrument"] = inst
        for d in self.data:
            _enum("data", d, v.DATA_CATEGORIES, False)
        if self.data:
            req["data"] = list(self.data)
        if _enum("context", self.context, v.CONTEXTS):
            req["context"] = self.context
        subject: dict[str, Any] = {}
        if self.in_custody:
            subject["in_custody"] = True
        if self.no_record:
            subject.update(NO_RECORD_FACTS)
        if subject:
            req["subject"] = subject
        return req
