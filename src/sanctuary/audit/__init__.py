"""The tamper-evident audit log: an RFC 6962/9162 Merkle tree in the application database, signed checkpoints.

Integration points (for the desk and anyone else who records events):

- ``sanctuary.audit.setup.build_audit_log(settings, engine) -> AuditLog`` at start-up: checks the key inventory
  (:mod:`sanctuary.keystore`), then builds the log with its signer (:mod:`sanctuary.audit.signer`: the key file
  at ``SANCTUARY_AUDIT_SIGNING_KEY`` or a sign command) and its ledger of handed-out checkpoints
  (:mod:`sanctuary.audit.ledger`). ``sanctuary.audit.keys.load_or_create_signing_key(data_dir)`` is the low-level
  loader.
- ``sanctuary.audit.log.AuditLog(signing_key, origin="sanctuary/audit-log", extra_ref_keys=None,
  trusted_keys=())``; one per process.
- ``AuditLog.append(session, kind, refs) -> int`` inside the caller's write transaction. ``kind`` is a dotted
  code (``"request.logged"``); ``refs`` keys come from :data:`sanctuary.audit.entry.REF_KEYS` (ids, SHA-256
  digests, vocabulary codes; ``ruleset`` for the rule-set hash of a decision); anything else is a
  ``ValueError`` naming the key.
- ``AuditLog.checkpoint(session) -> dict`` / ``current_checkpoint(session)``; the caller commits.
  ``AuditLog.hand_out(session)`` commits and writes the ledger: use it for anything given to someone outside.
- ``AuditLog.inclusion_proof / consistency_proof / root_hash / entry / verify``; pure verifiers
  ``sanctuary.audit.merkle.verify_inclusion`` and ``verify_consistency``.
- HTTP: ``sanctuary.audit.api.build_router(require_roles, get_session, get_log)``; the public
  ``sanctuary.audit.public.build_public_router`` (``/audit/checkpoint``, consistency proofs, public key).
- CLI: ``sanctuary audit verify | checkpoint | witness | sign | ledger-init`` (``sanctuary.audit.cli``);
  witnesses in :mod:`sanctuary.audit.witness`.
- Tables: :mod:`sanctuary.audit.tables` (migration ``0002_audit``); :mod:`sanctuary.audit.models` imports them.
"""
