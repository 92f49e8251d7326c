"""Second-person approval for privileged roles (issue 8, item 4).

An administrator alone could otherwise read case contents in two steps: make a supervisor account, sign in as
it. So, through the web and the API, any change that gives an account a role that sees case contents (clerk,
supervisor, counsel: :data:`sanctuary.desk.access.CASE_ROLES`) or that can make such accounts (admin) is only
*requested*: a new account is created disabled, an existing one keeps its current role, and a
:class:`~sanctuary.desk.models.RoleApproval` waits for a second person, counsel or another administrator,
who is neither the requester nor the account itself. Requests, approvals and rejections are audit events
(``account.approval_requested``, ``account.approved``, ``account.rejected``) naming who asked and who decided.

Changes that take privilege away (disable, demote to auditor) apply at once. The server's console
(``sanctuary users create``) is trusted as it is: whoever runs it holds the database and the keys anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctuary.db.types import utcnow
from sanctuary.desk import access, accounts, events
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.models import RoleApproval, User
from sanctuary.desk.wording import N_

PRIVILEGED_ROLES = (*access.CASE_ROLES, *access.ADMIN_ROLES)
APPROVER_ROLES = ("counsel", "admin")


@dataclass(frozen=True)
class Outcome:
    user: User
    approval: RoleApproval | None  # None: applied at once

    @property
    def pending(self) -> bool:
        return self.approval is not None


def _request(ctx: DeskContext, session: Session, actor: User, user: User, role: str) -> RoleApproval:
    for old in session.scalars(select(RoleApproval).where(RoleApproval.user_id == user.id,
                                                          RoleApproval.status == "pending")):
        old.status = "superseded"
        old.decided_at = utcnow()
    approval = RoleApproval(user_id=user.id, role=role, status="pending", requested_by_id=actor.id)
    session.add(approval)
    session.flush()
    events.append(ctx, session, "account.approval_requested", approval_id=approval.id, target_user_id=user.id,
                  role=role, actor_id=actor.id)
    return approval


def create_account(ctx: DeskContext, session: Session, actor: User, username: str, role: str,
                   password: str) -> Outcome:
    """Create an account from the web or API. Privileged roles: created disabled, pending approval."""
    accounts.check_role(role)
    privileged = role in PRIVILEGED_ROLES
    user = accounts.create_user(ctx, session, username, role, password, actor=actor, active=not privileged)
    return Outcome(user, _request(ctx, session, actor, user, role) if privileged else None)


def change_account(ctx: DeskContext, session: Session, actor: User, user: User, role: str | None,
                   active: bool | None) -> Outcome:
    """Change role or status from the web or API. Whatever adds privilege waits for approval; the rest applies."""
    new_role = accounts.check_role(role) if role else user.role
    new_active = user.active if active is None else active
    keeps = user.active and (user.role == new_role or (user.role in access.ALL_CASES_ROLES and new_role == "clerk"))
    gains = new_active and new_role in PRIVILEGED_ROLES and not keeps
    if not gains:
        accounts.update_user(ctx, session, user, actor, role=new_role, active=new_active)
        return Outcome(user, None)
    # The account keeps its current role and status (an auditor stays an auditor) until approved.
    return Outcome(user, _request(ctx, session, actor, user, new_role))


def pending(session: Session) -> list[RoleApproval]:
    return list(session.scalars(select(RoleApproval).where(RoleApproval.status == "pending")
                                .order_by(RoleApproval.id)))


def _decide(session: Session, approver: User, approval_id: int) -> RoleApproval:
    if approver.role not in APPROVER_ROLES:
        raise PermissionError("only counsel or an administrator may decide on account approvals")
    approval = session.get(RoleApproval, approval_id)
    if approval is None or approval.status != "pending":
        raise DeskInputError("approval", N_("no such pending approval"))
    if approver.id in (approval.requested_by_id, approval.user_id):
        raise DeskInputError("approval", N_("a second person must decide: not the one who asked, nor the account "
                                                 "itself"))
    approval.decided_by_id = approver.id
    approval.decided_at = utcnow()
    return approval


def approve(ctx: DeskContext, session: Session, approver: User, approval_id: int) -> RoleApproval:
    approval = _decide(session, approver, approval_id)
    approval.status = "approved"
    user = approval.user
    user.role = approval.role
    user.active = True
    session.flush()
    accounts.forget_tokens(ctx, session)
    events.append(ctx, session, "account.approved", approval_id=approval.id, target_user_id=user.id,
                  role=approval.role, actor_id=approver.id, requester_id=approval.requested_by_id)
    return approval


def reject(ctx: DeskContext, session: Session, approver: User, approval_id: int) -> RoleApproval:
    approval = _decide(session, approver, approval_id)
    approval.status = "rejected"
    session.flush()
    events.append(ctx, session, "account.rejected", approval_id=approval.id, target_user_id=approval.user_id,
                  role=approval.role, actor_id=approver.id, requester_id=approval.requested_by_id)
    return approval
