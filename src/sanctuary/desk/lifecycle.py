"""A request's life, enforced in one place for the pages and the API.

    open ──escalate──► escalated ──decide──► decided ──close──► closed
      │                   ▲  │                 │  ▲               │
      └──────decide───────┼──┘                 │  └──correct──────┤ (a correction supersedes, never overwrites)
                          └──escalate          └────reopen────────┴──► open   (reopen needs a reason)

Every other move is refused with :class:`TransitionError` (HTTP 409). A final decision that goes against the
law as the engine read it (complying with what is ``forbidden``, refusing what is ``required``) is a decision
only counsel may take, with a written reason: :func:`check_final_against_law`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sanctuary.desk.wording import N_

STATUSES: Final = ("open", "escalated", "decided", "closed")

# (status, action) -> the status after it. "edit" (correct the facts and decide again) keeps the status.
TRANSITIONS: Final[dict[tuple[str, str], str]] = {
    ("open", "escalate"): "escalated",
    ("escalated", "escalate"): "escalated",
    ("open", "edit"): "open",
    ("escalated", "edit"): "escalated",
    ("open", "decide"): "decided",
    ("escalated", "decide"): "decided",
    ("decided", "correct"): "decided",
    ("decided", "close"): "closed",
    ("decided", "reopen"): "open",
    ("closed", "reopen"): "open",
    # Checking off duties and adding documents: until the request is closed.
    ("open", "work"): "open",
    ("escalated", "work"): "escalated",
    ("decided", "work"): "decided",
}

ACTION_WORDS: Final[dict[str, str]] = {
    "escalate": "escalate it",
    "edit": "correct its facts",
    "decide": "record a final decision",
    "correct": "correct the final decision",
    "close": "close it",
    "reopen": "reopen it",
    "work": "update its checklist or documents",
}

STATUS_WORDS: Final[dict[str, str]] = {
    "open": "open",
    "escalated": "escalated",
    "decided": "decided (a final decision is on record)",
    "closed": "closed",
}

# Final decisions that carry out the request, and the one that refuses it.
COMPLYING: Final = frozenset({"complied", "partially_complied"})
REFUSING: Final = frozenset({"declined"})
# Who may record a final decision, and whose decisions a role may supersede (counsel outranks a supervisor).
RANK: Final[dict[str, int]] = {"supervisor": 1, "counsel": 2}
MIN_REASON_AGAINST_LAW: Final = 20


class TransitionError(Exception):
    """A move the request's state does not allow (HTTP 409)."""

    def __init__(self, status: str, action: str, message: str | None = None) -> None:
        self.status = status
        self.action = action
        allowed = allowed_actions(status)
        words = ", ".join(ACTION_WORDS[a] for a in allowed) or "nothing"
        self.message = message or (
            f"This request is {STATUS_WORDS.get(status, status)}: you cannot {ACTION_WORDS.get(action, action)} now. "
            f"From here you can: {words}."
        )
        super().__init__(self.message)


class RoleRefused(PermissionError):
    """The user's role may not take this step on a request (HTTP 403)."""


class AgainstLawError(Exception):
    """A final decision that goes against the engine's outcome, attempted without counsel or without a reason
    (HTTP 403 for the wrong role, 422 for a missing reason). ``message`` is English (the API's answer);
    ``words`` and ``values`` are the same sentence for a page to translate (``values["law"]`` a msgid too)."""

    def __init__(self, field: str, message: str, *, forbidden_role: bool, words: str = "",
                 values: Mapping[str, str | int] | None = None) -> None:
        self.field = field
        self.message = message
        self.forbidden_role = forbidden_role
        self.words = words or message
        self.values: Mapping[str, str | int] = values or {}
        super().__init__(message)


def allowed_actions(status: str) -> tuple[str, ...]:
    return tuple(action for (state, action) in TRANSITIONS if state == status)


def next_status(status: str, action: str) -> str:
    """The status after ``action``; raises :class:`TransitionError` when the move is not allowed."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise TransitionError(status, action) from None


@dataclass(frozen=True)
class LawCheck:
    """How a final decision stands against the engine's outcome."""

    against_law: bool
    engine_outcome: str
    plain: str  # what the law said, in plain words, for the page and the refusal message (a msgid)


def against_law(engine_outcome: str, final_outcome: str) -> LawCheck:
    if engine_outcome == "forbidden" and final_outcome in COMPLYING:
        return LawCheck(True, engine_outcome, N_("The law in force forbids doing what was asked."))
    if engine_outcome == "required" and final_outcome in REFUSING:
        return LawCheck(True, engine_outcome, N_("The law in force requires doing what was asked."))
    return LawCheck(False, engine_outcome, "")


def check_final_against_law(role: str, engine_outcome: str, final_outcome: str, reason: str) -> LawCheck:
    """Refuse a final decision against the law unless counsel takes it with a written reason."""
    check = against_law(engine_outcome, final_outcome)
    if not check.against_law:
        return check
    if role != "counsel":
        words = N_("%(law)s Only counsel may record a final decision that goes against it, with a written reason. "
                   "Escalate the request to counsel.")
        raise AgainstLawError("outcome", words % {"law": check.plain}, forbidden_role=True, words=words,
                              values={"law": check.plain})
    if len(reason.strip()) < MIN_REASON_AGAINST_LAW:
        words = N_("%(law)s Going against it needs a written reason of at least %(count)s characters (the legal "
                   "ground, e.g. a judge's order that was served).")
        values: dict[str, str | int] = {"law": check.plain, "count": MIN_REASON_AGAINST_LAW}
        raise AgainstLawError("reason", words % values, forbidden_role=False, words=words, values=values)
    return check


def may_supersede(role: str, author_role: str) -> bool:
    """A correction is made by someone of at least the rank of the author of the decision it supersedes."""
    return RANK.get(role, 0) >= RANK.get(author_role, 99)
