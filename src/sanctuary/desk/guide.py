"""The guided classifier's questions, one at a time, in order, to the end.

Each step asks one question; a step is asked only when it matters (who signed it, for paper that has a
signature; which court, for paper a court could issue; what information, for a disclosure). The person's
convictions and open charges are asked only when the law in force for the chosen place turns on them: the
request built from the answers so far is decided, and the engine's ``missing_facts`` name the facts the
outcome still depends on. Answers travel in the query string (plain GET forms: no JavaScript, nothing stored
until the request is logged); ``seen`` lists the steps answered, in order, so the back link can return to the
previous one with every answer kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from sanctuary.desk import classifier
from sanctuary.desk.engine_port import DeskInputError, decide
from sanctuary.desk.wording import N_

Answers = Mapping[str, str | list[str]]

PAPERLESS: Final = ("none", "unsure")
ABOUT_A_PERSON_IN_CUSTODY: Final = ("hold", "notify_release", "transfer", "interview")
DATA_ACTIONS: Final = ("disclose", "inquire", "collect")
CONTEXT_ACTIONS: Final = ("inquire", "collect")


def _one(answers: Answers, key: str) -> str:
    value = answers.get(key, "")
    if isinstance(value, list):
        return value[0] if value else ""
    return value


@dataclass(frozen=True)
class Step:
    name: str
    fields: tuple[str, ...]  # the query fields this step answers
    applies: Callable[[Answers, frozenset[str]], bool]


def _judicial_paper(answers: Answers) -> bool:
    paper = classifier.PAPER_BY_CODE.get(_one(answers, "paper"))
    return paper is not None and paper.judicial


def _always(_: Answers, __: frozenset[str]) -> bool:
    return True


def _law_turns_on(fact: str) -> Callable[[Answers, frozenset[str]], bool]:
    return lambda _answers, missing: fact in missing


STEPS: Final[tuple[Step, ...]] = (
    Step("place", ("jurisdiction",), _always),
    Step("kind", ("agency_kind",), _always),
    Step("paper", ("paper",), _always),
    Step("signed_by", ("signed_by",), lambda a, _: _one(a, "paper") not in PAPERLESS),
    Step("court", ("court",), lambda a, _: _judicial_paper(a) or _one(a, "signed_by") in classifier.JUDGE_SIGNERS),
    Step("attached", ("with_admin_warrant",), lambda a, _: _one(a, "paper") == "i247a"),
    Step("action", ("action",), _always),
    Step("data", ("data",), lambda a, _: _one(a, "action") in DATA_ACTIONS),
    Step("context", ("context",), lambda a, _: _one(a, "action") in CONTEXT_ACTIONS),
    Step("location", ("location",), lambda a, _: _one(a, "action") == "grant_access"),
    Step("requester", ("requester_agency",), _always),
    Step("purpose", ("purpose",), _always),
    Step("custody", ("in_custody",), lambda a, _: _one(a, "action") in ABOUT_A_PERSON_IN_CUSTODY
         or _one(a, "agency_kind") == "jail"),
    Step("exigent", ("exigent",), _always),
    Step("convictions", ("convictions", *(f"conviction_{p}_{i}" for i in range(1, classifier.MAX_ENTRIES + 1)
                                         for p in ("class", "date"))),
         _law_turns_on("subject.convictions")),
    Step("charges", ("pending_charges", *(f"charge_{p}_{i}" for i in range(1, classifier.MAX_ENTRIES + 1)
                                          for p in ("class", "pcf"))),
         _law_turns_on("subject.pending_charges")),
    Step("consent", ("written_consent",), lambda a, missing: "subject.written_consent" in missing
         or _one(a, "action") == "interview"),
)
STEP_BY_NAME: Final = {s.name: s for s in STEPS}
ANSWER_FIELDS: Final = tuple(f for s in STEPS for f in s.fields)
# Steps whose applicability depends on the law (the engine is asked only once the facts before them are in).
LAW_STEPS: Final = ("convictions", "charges", "consent")


@dataclass(frozen=True)
class Position:
    """Where the person is: the step to ask now (None at the end), the steps answered, the one before."""

    step: Step | None
    seen: tuple[str, ...]
    previous: str | None
    number: int  # 1-based number of the current step among those that apply so far
    missing: frozenset[str]


def parse_seen(raw: str) -> tuple[str, ...]:
    out: list[str] = []
    for name in raw.split(","):
        if name in STEP_BY_NAME and name not in out:
            out.append(name)
    return tuple(out)


def missing_facts(answers: Answers, received_on: date) -> frozenset[str]:
    """The facts the outcome still depends on, given the answers so far (empty when it cannot be decided yet,
    for example before the place, the paper and the action are known)."""
    if not (_one(answers, "jurisdiction") and _one(answers, "agency_kind") and _one(answers, "paper")
            and _one(answers, "action")):
        return frozenset()
    try:
        request = classifier.classify(to_answers(answers, received_on)).request
        decision = decide(request)
    except DeskInputError:
        return frozenset()
    return frozenset(str(f) for f in decision.get("missing_facts") or [])


def to_answers(answers: Answers, received_on: date) -> classifier.ClassifierAnswers:
    def tri(key: str) -> bool | None:
        return {"yes": True, "no": False}.get(_one(answers, key))

    data = answers.get("data", [])
    convictions: list[tuple[str, date]] | None = None
    if _one(answers, "convictions") == "none":
        convictions = []
    elif _one(answers, "convictions") == "listed":
        convictions = []
        for i in range(1, classifier.MAX_ENTRIES + 1):
            cls, when = _one(answers, f"conviction_class_{i}"), _one(answers, f"conviction_date_{i}")
            if cls and when:
                try:
                    convictions.append((cls, date.fromisoformat(when)))
                except ValueError as exc:
                    raise DeskInputError(f"conviction_date_{i}", N_("use the date format YYYY-MM-DD")) from exc
    charges: list[tuple[str, bool | None]] | None = None
    if _one(answers, "pending_charges") == "none":
        charges = []
    elif _one(answers, "pending_charges") == "listed":
        charges = [(_one(answers, f"charge_class_{i}"), tri(f"charge_pcf_{i}"))
                   for i in range(1, classifier.MAX_ENTRIES + 1) if _one(answers, f"charge_class_{i}")]
    return classifier.ClassifierAnswers(
        jurisdiction=_one(answers, "jurisdiction"), agency_kind=_one(answers, "agency_kind"),
        paper=_one(answers, "paper"), action=_one(answers, "action"), received_on=received_on,
        signed_by=_one(answers, "signed_by") or "unknown", court=_one(answers, "court") or "none",
        with_admin_warrant=_one(answers, "with_admin_warrant") == "yes",
        requester_agency=_one(answers, "requester_agency") or "ice",
        purpose=_one(answers, "purpose") or "civil_immigration",
        data=[d for d in (data if isinstance(data, list) else [data]) if d],
        location=_one(answers, "location"), context=_one(answers, "context"),
        exigent=_one(answers, "exigent") == "yes", in_custody=tri("in_custody"),
        written_consent=tri("written_consent"), convictions=convictions, pending_charges=charges,
    )


def position(answers: Answers, seen: tuple[str, ...], received_on: date) -> Position:
    """The first step that applies and is not answered yet; the end (``step`` None) when none is left."""
    # The law is consulted once every question before its own has been answered.
    before = [s for s in STEPS if s.name not in LAW_STEPS and s.applies(answers, frozenset())]
    ready = all(s.name in seen for s in before)
    missing = missing_facts(answers, received_on) if ready else frozenset()
    # A question of the law's, once answered, stays in the path (its answer may be what settled the law).
    applicable = [s for s in STEPS if s.applies(answers, missing) or (s.name in LAW_STEPS and s.name in seen)]
    done = [name for name in seen if STEP_BY_NAME[name] in applicable]
    current = next((s for s in applicable if s.name not in done), None)
    return Position(current, tuple(done), done[-1] if done else None, len(done) + 1, missing)


def seen_before(seen: tuple[str, ...], step: str) -> tuple[str, ...]:
    """The answered steps before ``step``: going back to it keeps every answer but asks it again."""
    return seen[: seen.index(step)] if step in seen else seen
