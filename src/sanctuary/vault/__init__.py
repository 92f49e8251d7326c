"""The records vault: a person's records of declared kinds, encrypted under one data key per person (envelope
encryption), destroyed for real by destroying that key (crypto-shredding), unless a legal hold stops it.

- :mod:`~sanctuary.vault.kinds` — the record kinds the agency declares (fields, retention), checked for
  status questions with the form check.
- :mod:`~sanctuary.vault.envelope` — the key-encryption key, data keys, keyed subject references, sealing.
- :mod:`~sanctuary.vault.keystore` — the data keys, in their own SQLite file apart from the records.
- :mod:`~sanctuary.vault.tables` — the records, holds and shreds in the application database.
- :mod:`~sanctuary.vault.scrub` — after a shred: no old page left in SQLite free pages or WAL, nor PostgreSQL
  dead tuples.
- :mod:`~sanctuary.vault.service` — put, get, holds, shred, retention expiry, backup and restore.
- :mod:`~sanctuary.vault.cli` and :mod:`~sanctuary.vault.api` — ``sanctuary vault`` and ``/api/v1/vault``.
"""
