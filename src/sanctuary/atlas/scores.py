"""Nine policy families scored 0/1/2 (legal.md §24): 2 = the strongest limit on helping immigration
enforcement, 0 = none (or cooperation required), ``None`` = not known.

Where a jurisdiction's chain holds an encoded rule file below the country layer, the score comes from the
engine itself (``method = "rules"``): each family has probe requests, decided for that jurisdiction about a
person with no criminal record; every probe ``forbidden`` scores 2, any ``forbidden`` or ``undetermined``
scores 1, otherwise 0. Transparency scores the duties a detainer brings (a report or public forum: 2; a
record or notice: 1). Otherwise the score is derived from the sourced attributes (``method = "attributes"``)
with the coarse, documented rules in :func:`attribute_scores`. Canadian policies score families 1–4 only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sanctuary.atlas.attributes import Attribute
from sanctuary.atlas.geography import Jurisdiction
from sanctuary.i18n import N_

# Names in English, marked for translation (shown through ``_()`` in the templates and maps).
FAMILIES: tuple[tuple[str, str], ...] = (
    ("dont_ask", N_("Don't ask")),
    ("dont_deny", N_("Don't deny")),
    ("status_sharing", N_("Status sharing")),
    ("personal_data", N_("Personal data and release dates")),
    ("detainer_holds", N_("Detainer holds")),
    ("notification_transfer", N_("Notification and transfer")),
    ("facility_access", N_("Facility access")),
    ("agreements", N_("287(g) and detention contracts")),
    ("transparency", N_("Transparency")),
)
FAMILY_NAMES = dict(FAMILIES)
CANADA_FAMILIES = ("dont_ask", "dont_deny", "status_sharing", "personal_data")

# "No criminal record" as every probe, preset and scenario form states it (so scores and answers agree).
NO_RECORD_FACTS: dict[str, Any] = {"convictions": [], "pending_charges": [], "watchlist_match": False,
                                   "final_removal_order": False, "reentered_after_removal": False,
                                   "written_consent": False}
_NO_RECORD: dict[str, Any] = {"in_custody": True, **NO_RECORD_FACTS}
_ICE = {"agency": "ice", "purpose": "civil_immigration"}
_CBSA = {"agency": "cbsa", "purpose": "civil_immigration"}
_DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}


def _p(kind: str, action: str, **extra: Any) -> dict[str, Any]:
    return {"agency": {"kind": kind}, "action": action, **extra}


US_PROBES: dict[str, list[dict[str, Any]]] = {
    "dont_ask": [
        _p("police", "inquire", data=["immigration_status"], context="victim_or_witness"),
        _p("city_agency", "inquire", data=["immigration_status"], context="service_delivery"),
    ],
    "dont_deny": [_p("city_agency", "condition_service"), _p("shelter", "condition_service")],
    "status_sharing": [
        _p("jail", "disclose", requester=_ICE, instrument={"type": "none"}, data=["immigration_status"],
           subject=_NO_RECORD),
        _p("city_agency", "disclose", requester=_ICE, instrument={"type": "none"}, data=["immigration_status"]),
    ],
    "personal_data": [
        _p("jail", "disclose", requester=_ICE, instrument={"type": "none"}, data=["release_date"],
           subject=_NO_RECORD),
        _p("city_agency", "disclose", requester=_ICE, instrument={"type": "none"}, data=["address"]),
    ],
    "detainer_holds": [_p("jail", "hold", requester=_ICE, instrument=_DETAINER, subject=_NO_RECORD)],
    "notification_transfer": [
        _p("jail", "notify_release", requester=_ICE, instrument=_DETAINER, subject=_NO_RECORD),
        _p("jail", "transfer", requester=_ICE, instrument=_DETAINER, subject=_NO_RECORD),
    ],
    "facility_access": [
        _p("jail", "grant_access", requester=_ICE, instrument={"type": "none"}, location="non_public_area"),
        _p("jail", "interview", requester=_ICE, instrument={"type": "none"}, subject=_NO_RECORD),
    ],
    "agreements": [_p("jail", "enter_agreement", requester=_ICE)],
    "transparency": [_p("jail", "hold", requester=_ICE, instrument=_DETAINER, subject=_NO_RECORD)],
}
CA_PROBES: dict[str, list[dict[str, Any]]] = {
    "dont_ask": [
        _p("shelter", "inquire", data=["immigration_status"], context="service_delivery"),
        _p("city_agency", "inquire", data=["immigration_status"], context="service_delivery"),
    ],
    "dont_deny": [_p("city_agency", "condition_service"), _p("shelter", "condition_service")],
    "status_sharing": [
        _p("city_agency", "disclose", requester=_CBSA, instrument={"type": "none"}, data=["immigration_status"]),
    ],
    "personal_data": [
        _p("city_agency", "disclose", requester=_CBSA, instrument={"type": "none"}, data=["address"]),
    ],
}


@dataclass(frozen=True)
class Score:
    jurisdiction: str
    family: str
    score: int | None
    method: str
    source: str
    detail: str

    def row(self) -> dict[str, Any]:
        return dict(self.__dict__)


def probes_for(country: str) -> dict[str, list[dict[str, Any]]]:
    return CA_PROBES if country == "CA" else US_PROBES


def _outcome_score(outcomes: Sequence[str]) -> int:
    if outcomes and all(o == "forbidden" for o in outcomes):
        return 2
    if any(o in ("forbidden", "undetermined") for o in outcomes):
        return 1
    return 0


OWN_AGREEMENTS = ("agreement_287g", "agreement_287g_state_agency")
_REPORTING = {"report", "hold_public_forum"}
_RECORDING = {"record_request", "notify_subject", "give_copy_to_subject", "decline_in_writing"}


NO_ENCODED_LAW = "no encoded law"


def rule_score(family: str, decisions: Sequence[Any]) -> tuple[int | None, str, str]:
    """(score, source citations, detail) for one family from its probe decisions."""
    cites: list[str] = []
    for d in decisions:
        by = d.decided_by
        cite = f"{by.get('jurisdiction')}: {by.get('citation')}" if by else "no rule settles it (default)"
        if cite not in cites:
            cites.append(cite)
    if family == "transparency":
        kinds = {o.get("kind") for d in decisions for o in d.obligations}
        score = 2 if kinds & _REPORTING else 1 if kinds & _RECORDING else 0
        ob_cites = sorted({str(o.get("citation")) for d in decisions for o in d.obligations if o.get("citation")})
        return score, "; ".join(ob_cites) or "no duty found", "duties: " + (", ".join(sorted(
            str(k) for k in kinds)) or "none")
    shown = [NO_ENCODED_LAW if getattr(d, "coverage", "rule") == "none" else d.outcome for d in decisions]
    if decisions and all(s == NO_ENCODED_LAW for s in shown):
        # Silence is not permission: no rule of any layer speaks, so there is no score, not a 0.
        return None, NO_ENCODED_LAW, "probe outcomes: " + ", ".join(shown)
    outcomes = [d.outcome for d in decisions if getattr(d, "coverage", "rule") != "none"]
    return _outcome_score(outcomes), "; ".join(cites), "probe outcomes: " + ", ".join(shown)


def attribute_scores(j: Jurisdiction, own: list[Attribute], state: list[Attribute]) -> list[Score]:
    """Coarse scores from sourced attributes, for jurisdictions with no encoded rules below the country.

    * US, the state law (287g-watch table; inherited by counties and cities) ``requires_cooperation``:
      families don't ask, status sharing, detainer holds, notification and facility access score 0.
    * ``limits_cooperation``: detainer holds and notification score 1 (restricted; specifics not encoded).
    * A current 287(g) agreement of the jurisdiction's own government (a county's sheriff or jail, a state's
      agencies; ICE sheet of 2025-07-18; a city police agreement inside a county does not count): agreements 0;
      a state that limits cooperation and no agreement: 1.
    * Canada: an adopted access-without-fear policy scores don't ask 1 and don't deny 2; a declared sanctuary
      city scores both 1; a declaration not in force scores nothing.
    Everything else is ``None`` (not known).
    """
    fams = CANADA_FAMILIES if j.country == "CA" else tuple(f for f, _ in FAMILIES)
    values: dict[str, tuple[int, Attribute]] = {}

    def put(family: str, score: int, a: Attribute) -> None:
        if family in fams and family not in values:
            values[family] = (score, a)

    if j.country == "US":
        law = next((a for a in own + state if a.attribute == "state_cooperation_law"), None)
        agreements = [a for a in own if a.attribute in OWN_AGREEMENTS]
        if agreements:
            put("agreements", 0, agreements[0])
        if law and law.value == "requires_cooperation":
            for f in ("dont_ask", "status_sharing", "detainer_holds", "notification_transfer", "facility_access"):
                put(f, 0, law)
        elif law and law.value == "limits_cooperation":
            for f in ("detainer_holds", "notification_transfer", "agreements"):
                put(f, 1, law)
    else:
        for a in own:
            if a.attribute == "access_without_fear" and a.value == "adopted":
                put("dont_deny", 2, a)
                put("dont_ask", 1, a)
            elif a.attribute == "sanctuary_declaration" and a.value == "declared":
                put("dont_ask", 1, a)
                put("dont_deny", 1, a)
    out: list[Score] = []
    for f in fams:
        if f in values:
            s, a = values[f]
            inherited = "" if a.jurisdiction == j.id else f" (inherited from {a.jurisdiction})"
            out.append(Score(j.id, f, s, "attributes", a.source,
                             f"{a.attribute} = {a.value}{inherited}, as of {a.as_of}"))
        else:
            out.append(Score(j.id, f, None, "none", "", "no encoded rule or sourced attribute decides this family"))
    return out


Decider = Callable[[list[dict[str, Any]]], list[Any]]


def compute(jurisdictions: list[Jurisdiction], attrs: list[Attribute], encoded_chain: Callable[[str], tuple[str, ...]],
            decide_many: Decider | None, date: str) -> list[Score]:
    """Scores for every jurisdiction. ``encoded_chain(engine_id)`` lists the encoded layers below the country;
    jurisdictions sharing a chain and level share their rule scores (decided once, for the first of them)."""
    by_j: dict[str, list[Attribute]] = {}
    for a in attrs:
        if not a.history:
            by_j.setdefault(a.jurisdiction, []).append(a)
    groups: dict[tuple[Any, ...], list[Jurisdiction]] = {}
    out: list[Score] = []
    for j in jurisdictions:
        if j.level == "country":
            continue
        chain = encoded_chain(j.engine_id or j.id) if decide_many else ()
        if chain:
            groups.setdefault((chain, j.level, j.country), []).append(j)
        else:
            state = by_j.get(j.parent_id or "", []) if j.level in ("county", "city") else []
            out.extend(attribute_scores(j, by_j.get(j.id, []), state))
    assert decide_many is not None or not groups
    for (_chain, _level, country), members in groups.items():
        rep = members[0]
        probes = probes_for(country)
        requests = [{**p, "date": date, "agency": {**p["agency"], "jurisdiction": rep.engine_id or rep.id}}
                    for fam in probes for p in probes[fam]]
        decisions = decide_many(requests) if decide_many else []
        i = 0
        fam_scores: list[tuple[str, int | None, str, str]] = []
        for fam, plist in probes.items():
            s, src, detail = rule_score(fam, decisions[i:i + len(plist)])
            i += len(plist)
            fam_scores.append((fam, s, src, detail))
        for j in members:
            for f, s, src, detail in fam_scores:
                if f == "agreements":
                    n = sum(1 for a in by_j.get(j.id, []) if a.attribute in OWN_AGREEMENTS)
                    if n:
                        detail = f"{detail}; ICE lists {n} 287(g) agreement(s) of its own (sheet of 2025-07-18)"
                out.append(Score(j.id, f, s, "rules", src, detail))
    order = {j.id: n for n, j in enumerate(jurisdictions)}
    fam_order = {f: n for n, (f, _) in enumerate(FAMILIES)}
    return sorted(out, key=lambda s: (order[s.jurisdiction], fam_order[s.family]))
