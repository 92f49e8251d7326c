"""The tamper-evident audit log: an RFC 6962/9162 Merkle tree in the application database, signed checkpoints.

Integration points (for the desk and anyone else who records events):

- ``sanctuary.audit.keys.load_or_create_signing_key(data_dir: Path) -> Ed25519PrivateKey`` at start-up.
- ``sanctuary.audit.log.AuditLog(signing_key, origin="sanctuary/audit-log", extra_ref_keys=None,
  trusted_keys=())``; one per process.
- ``AuditLog.append(session, kind, refs) -> int`` inside the caller's write transaction. ``kind`` is a dotted
  code (``"request.logged"``); ``refs`` keys come from :data:`sanctuary.audit.entry.REF_KEYS` (ids, SHA-256
  digests, vocabulary codes; ``ruleset`` for the rule-set hash of a decision); anything else is a
  ``ValueError`` naming the key.
- ``AuditLog.checkpoint(session) -> dict`` / ``current_checkpoint(session)``; the caller commits.
- ``AuditLog.inclusion_proof / consistency_proof / root_hash / entry / verify``; pure verifiers
  ``sanctuary.audit.merkle.verify_inclusion`` and ``verify_consistency``.
- HTTP: ``sanctuary.audit.api.build_router(require_roles, get_session, get_log)``.
- CLI: ``sanctuary audit verify`` and ``sanctuary audit checkpoint`` (``sanctuary.audit.cli``).
- Tables: :mod:`sanctuary.audit.tables` (migration ``0002_audit``); :mod:`sanctuary.audit.models` imports them.
"""
