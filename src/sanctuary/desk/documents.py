"""Uploading and reading encrypted documents (photos and PDFs of the paper the agents showed)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sanctuary.desk import events, lifecycle
from sanctuary.desk.context import DeskContext
from sanctuary.desk.crypto import Sealed
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.hashing import fact_hash
from sanctuary.desk.models import DeskRequest, Document, User
from sanctuary.desk.wording import N_

MAX_BYTES = 15 * 1024 * 1024
SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}


def sniff(content: bytes) -> str:
    for content_type, magics in SIGNATURES.items():
        if any(content.startswith(m) for m in magics):
            return content_type
    raise DeskInputError("document", N_("only PDF, JPEG or PNG files are accepted"), sorted(SIGNATURES))


def _context(request_id: int) -> str:
    return f"sanctuary-document:{request_id}"


def store(ctx: DeskContext, session: Session, user: User, record: DeskRequest, content: bytes,
          filename: str) -> Document:
    lifecycle.next_status(record.status, "work")  # a closed request takes no more documents
    if not content:
        raise DeskInputError("document", N_("the file is empty"))
    if len(content) > MAX_BYTES:
        raise DeskInputError("document", N_("files up to %(most)s MB"), params={"most": MAX_BYTES // (1024 * 1024)})
    content_type = sniff(content)
    sealed = ctx.cipher.seal(content, filename[-200:], _context(record.id))
    document = Document(request_id=record.id, content_type=content_type, size=len(content), sha256=sealed.sha256,
                        name_ciphertext=sealed.name_ciphertext, ciphertext=sealed.ciphertext,
                        wrapped_key=sealed.wrapped_key, master_key_id=sealed.master_key_id,
                        uploaded_by_id=user.id)
    session.add(document)
    session.flush()
    # Keyed: a plain SHA-256 would let a reader of the log confirm a guessed document.
    keyed = fact_hash(ctx.audit_hmac_key, "document", document.id, bytes.fromhex(sealed.sha256))
    events.append(ctx, session, "document.uploaded", request_id=record.id, document_id=document.id,
                  document_sha256=keyed, user_id=user.id)
    return document


def read(ctx: DeskContext, session: Session, user: User, document: Document) -> tuple[bytes, str]:
    sealed = Sealed(ciphertext=document.ciphertext, name_ciphertext=document.name_ciphertext,
                    wrapped_key=document.wrapped_key, master_key_id=document.master_key_id,
                    sha256=document.sha256)
    content, name = ctx.cipher.open(sealed, _context(document.request_id))
    events.append(ctx, session, "document.viewed", request_id=document.request_id, document_id=document.id,
                  user_id=user.id)
    return content, name
