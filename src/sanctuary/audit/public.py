"""The log's public face, for witnesses and anyone outside: no sign-in, nothing personal.

- ``GET /audit/checkpoint``: the latest signed checkpoint as C2SP signed-note text (``text/plain``). A new
  checkpoint is signed only when the latest is older than ``PUBLIC_CHECKPOINT_SECONDS`` and the log has grown,
  so callers nobody authenticated cannot make the desk sign (or grow its ledger) at will. Every checkpoint
  handed out is written to the ledger first (:mod:`sanctuary.audit.ledger`).
- ``GET /audit/proofs/consistency?first=&second=``: the RFC 9162 consistency proof between two sizes (hashes
  of subtrees only; no entry's content), which a witness needs to check a new checkpoint extends the old one.
- ``GET /audit/public-key``: the log's Ed25519 public key (PEM) and its key id, for setting up a witness;
  compare the key id with the desk's operator out of band before trusting it.
"""

from collections.abc import Callable
from typing import Annotated, Any

from cryptography.hazmat.primitives import serialization
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import PlainTextResponse
from sqlalchemy.orm import Session

from sanctuary.audit.log import AuditLog

PUBLIC_CHECKPOINT_SECONDS = 60.0


def build_public_router(get_session: Callable[..., Any], get_log: Callable[..., Any],
                        get_read_session: Callable[..., Any] | None = None) -> APIRouter:
    """``get_session(request)``: a generator dependency yielding a writing session (used only when a new checkpoint
    must be signed); ``get_read_session``: one that never takes the write lock (default: ``get_session``)."""
    router = APIRouter(prefix="/audit", tags=["audit (public)"])
    LogDep = Annotated[AuditLog, Depends(get_log)]
    ReadDep = Annotated[Session, Depends(get_read_session or get_session)]

    @router.get("/checkpoint", response_class=PlainTextResponse,
                summary="The latest signed checkpoint (C2SP signed note); public, for witnesses")
    def checkpoint(request: Request, reader: ReadDep, log: LogDep) -> PlainTextResponse:
        signed = log.fresh_checkpoint(reader, PUBLIC_CHECKPOINT_SECONDS)
        reader.rollback()
        if signed is not None:
            log.record_handed_out(signed)
        else:  # sign a new one: a writing session, only for this
            sessions = get_session(request)
            try:
                signed = log.hand_out(next(sessions), max_age_seconds=PUBLIC_CHECKPOINT_SECONDS)
            finally:
                sessions.close()
        return PlainTextResponse(signed["note"], media_type="text/plain; charset=utf-8")

    @router.get("/proofs/consistency", summary="RFC 9162 consistency proof between two tree sizes; public")
    def consistency(
        session: ReadDep,
        log: LogDep,
        first: Annotated[int, Query(ge=1, le=2**62, description="the older tree size")],
        second: Annotated[int, Query(ge=1, le=2**62, description="the newer tree size")],
    ) -> dict[str, Any]:
        current = log.size(session)
        if second > current or first > second:
            name = "second" if second > current else "first"
            raise HTTPException(status_code=422,
                                detail=f"{name}: need 1 <= first <= second <= {current} (the log size)")
        return {"first": first, "second": second, "first_root": log.root_hash(session, first),
                "second_root": log.root_hash(session, second),
                "proof": log.consistency_proof(session, first, second)}

    @router.get("/public-key", summary="The log's Ed25519 public key (PEM) and key id; public")
    def public_key(log: LogDep) -> dict[str, str]:
        pem = log.public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        return {"key_id": log.key_id, "origin": log.origin, "public_key_pem": pem.decode()}

    return router
