"""HTTP routes for the audit log: the signed checkpoint, inclusion and consistency proofs, one entry.

Mount it from the desk app::

    from sanctuary.audit.api import build_router
    app.include_router(build_router(require_roles, get_session, get_log))

- ``require_roles(*roles) -> dependency``: the desk's auth dependency factory. Every route here depends on
  ``Depends(require_roles("auditor", "admin", "counsel"))``, so 401/403 come from the desk's dependency.
- ``get_session``: a FastAPI dependency yielding a :class:`sqlalchemy.orm.Session` (plain, no
  ``session.begin()`` context around it). ``GET /checkpoint`` signs a new checkpoint when the latest one does
  not cover the whole log, and commits it itself with ``session.commit()``.
- ``get_log``: a dependency returning the process's :class:`sanctuary.audit.log.AuditLog`.

Routes (all JSON):

- ``GET /api/v1/audit/checkpoint``: ``{"size", "root_hash", "signature", "key_id", "timestamp",
  "public_key", "origin", "checkpoint", "note", "id"}``.
- ``GET /api/v1/audit/proofs/inclusion?index=&size=``: ``{"index", "size", "leaf_hash", "root_hash",
  "proof"}``.
- ``GET /api/v1/audit/proofs/consistency?first=&second=``: ``{"first", "second", "first_root",
  "second_root", "proof"}``.
- ``GET /api/v1/audit/entries/{index}``: the entry, its leaf hash and the exact bytes it covers.

Bad parameters answer 422 with FastAPI's error shape, ``loc`` naming the parameter.

(No ``from __future__ import annotations`` here: FastAPI must resolve the dependency aliases defined inside
:func:`build_router` when the routes are declared.)
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from sqlalchemy.orm import Session

from sanctuary.audit.log import AuditLog

READ_ROLES = ("auditor", "admin", "counsel")


def _unprocessable(param: str, where: str, message: str, value: object) -> HTTPException:
    return HTTPException(
        status_code=422,
        detail=[{"type": "value_error", "loc": [where, param], "msg": message, "input": value}],
    )


def build_router(
    require_roles: Callable[..., Any],
    get_session: Callable[..., Any],
    get_log: Callable[..., Any],
) -> APIRouter:
    """The audit routes, guarded by ``require_roles("auditor", "admin", "counsel")``."""
    router = APIRouter(
        prefix="/api/v1/audit",
        tags=["audit"],
        dependencies=[Depends(require_roles(*READ_ROLES))],
    )
    SessionDep = Annotated[Session, Depends(get_session)]
    LogDep = Annotated[AuditLog, Depends(get_log)]

    @router.get("/checkpoint", summary="The latest signed checkpoint (tree head) of the audit log")
    def checkpoint(session: SessionDep, log: LogDep) -> dict[str, Any]:
        return log.hand_out(session)  # committed, and written to the ledger of handed-out checkpoints

    @router.get("/proofs/inclusion", summary="RFC 9162 inclusion proof of one entry in a tree size")
    def inclusion(
        session: SessionDep,
        log: LogDep,
        index: Annotated[int, Query(ge=0, description="the entry's index")],
        size: Annotated[int, Query(ge=1, description="the tree size the proof is for")],
    ) -> dict[str, Any]:
        current = log.size(session)
        if size > current:
            raise _unprocessable("size", "query", f"size must be at most the log size {current}", size)
        if index >= size:
            raise _unprocessable("index", "query", "index must be less than size", index)
        return {
            "index": index,
            "size": size,
            "leaf_hash": log.entry(session, index)["leaf_hash"],
            "root_hash": log.root_hash(session, size),
            "proof": log.inclusion_proof(session, index, size),
        }

    @router.get("/proofs/consistency", summary="RFC 9162 consistency proof between two tree sizes")
    def consistency(
        session: SessionDep,
        log: LogDep,
        first: Annotated[int, Query(ge=1, description="the older tree size")],
        second: Annotated[int, Query(ge=1, description="the newer tree size")],
    ) -> dict[str, Any]:
        current = log.size(session)
        if second > current:
            raise _unprocessable("second", "query", f"second must be at most the log size {current}", second)
        if first > second:
            raise _unprocessable("first", "query", "first must not be larger than second", first)
        return {
            "first": first,
            "second": second,
            "first_root": log.root_hash(session, first),
            "second_root": log.root_hash(session, second),
            "proof": log.consistency_proof(session, first, second),
        }

    @router.get("/entries/{index}", summary="One audit entry and the bytes its leaf hash covers")
    def entry(session: SessionDep, log: LogDep, index: Annotated[int, Path(ge=0)]) -> dict[str, Any]:
        if index >= log.size(session):
            raise _unprocessable("index", "path", "index is beyond the end of the log", index)
        return log.entry(session, index)

    return router
