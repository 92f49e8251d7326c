"""The vault on SQLite and PostgreSQL: no plaintext at rest, shreds that backups cannot undo, holds, retention,
kinds that refuse status fields, role checks, the audit trail."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text

from sanctuary.audit.log import AuditLog
from sanctuary.audit.tables import audit_entries
from sanctuary.settings import Settings
from sanctuary.vault.envelope import KEK_FILE
from sanctuary.vault.keystore import KEYSTORE_FILE
from sanctuary.vault.kinds import KindsError, load_kinds
from sanctuary.vault.service import Actor, Forbidden, Held, NotFound, Shredded, Vault, VaultError
from sanctuary.vault.tables import vault_records
from tests.vault.conftest import Clock, files_containing

CLI = Actor.cli("records-officer")


def canary() -> str:
    return "CANARY-" + uuid.uuid4().hex


def _data_key(vault: Vault, record_id: str) -> bytes:
    with vault.sessions() as session:
        key_id = session.scalar(select(vault_records.c.key_id).where(vault_records.c.id == record_id))
    assert key_id is not None
    stored = vault.keystore.wrapped(key_id)
    assert stored is not None
    return vault.envelope.unwrap(stored.wrapped, stored.key_id, stored.subject_ref)


def test_canary_never_in_plaintext_and_gone_for_good_after_shred(vault: Vault, settings: Settings,
                                                                 tmp_path: Path) -> None:
    secret, other = canary(), canary()
    data_dir = settings.data_dir
    root = tmp_path  # the data dir and the backups next to it
    record = vault.put("client_intake", "S-1", {"name": secret, "notes": secret + " needs a lawyer"}, CLI)
    kept = vault.put("client_intake", "S-2", {"name": other}, CLI)
    assert files_containing(root, secret.encode()) == []
    assert vault.get(record, CLI).fields == {"name": secret, "notes": secret + " needs a lawyer"}
    data_key = _data_key(vault, record)
    wrapped = vault.keystore.active_key(vault.envelope.subject_ref("S-1"))
    assert wrapped is not None
    # Keys are never in the records database; the raw data key is nowhere on disk.
    assert files_containing(root, data_key) == []
    assert files_containing(root, wrapped.wrapped) == [f"data/{KEYSTORE_FILE}"] or \
        set(files_containing(root, wrapped.wrapped)) <= {f"data/{KEYSTORE_FILE}", f"data/{KEYSTORE_FILE}-wal"}

    vault.backup(tmp_path / "records-before.bak", CLI)
    vault.keystore.backup(tmp_path / "keys-before.bak")
    hold = vault.create_hold("S-1", "litigation hold: Doe v. City", CLI)
    with pytest.raises(Held) as held:
        vault.shred("S-1", CLI)
    assert held.value.hold_id == hold
    assert vault.get(record, CLI).fields["name"] == secret  # still readable while held
    vault.release_hold(hold, CLI)
    result = vault.shred("S-1", CLI, "erasure_request")
    assert (result.keys, result.records) == (1, 1)

    for step in ("after shred", "after restoring the records", "after restoring the key store"):
        with pytest.raises(Shredded) as gone:
            vault.get(record, CLI)
        assert "shredded at 2026-03-02" in str(gone.value), step
        assert files_containing(root, secret.encode()) == [], step
        assert files_containing(data_dir, wrapped.wrapped) == [], step  # no key material left in the data dir
        assert vault.get(kept, CLI).fields == {"name": other}, step
        if step == "after shred":
            vault.restore(tmp_path / "records-before.bak", CLI)
        elif step == "after restoring the records":
            count = vault.restore_keys(tmp_path / "keys-before.bak")
            assert (count.restored, count.shredded, count.retired) == (0, 1, 0)
    # The hold's reason was sealed with the person's key: unreadable now; who and when remain.
    [hold_row] = vault.holds("S-1")
    assert hold_row.reason is None and hold_row.created_by == "records-officer" and hold_row.released_at


def test_a_fresh_vault_process_sees_the_shred(open_vault: Callable[[], Vault]) -> None:
    first = open_vault()
    record = first.put("client_intake", "S-9", {"phone": "555-0100"}, CLI)
    first.shred("S-9", CLI)
    with pytest.raises(Shredded):
        open_vault().get(record, CLI)


def test_new_records_after_an_erasure_use_a_new_key(vault: Vault) -> None:
    old = vault.put("client_intake", "S-3", {"name": "first visit"}, CLI)
    vault.shred("S-3", CLI, "erasure_request")
    new = vault.put("client_intake", "S-3", {"name": "came back"}, CLI)
    assert vault.get(new, CLI).fields == {"name": "came back"}
    with pytest.raises(Shredded):
        vault.get(old, CLI)


def test_release_lets_the_shred_through_and_holds_are_per_person(vault: Vault) -> None:
    a = vault.put("client_intake", "A", {"name": "a"}, CLI)
    b = vault.put("client_intake", "B", {"name": "b"}, CLI)
    first = vault.create_hold("A", "subpoena duces tecum no. 12", CLI)
    second = vault.create_hold("A", "litigation hold", CLI)
    vault.shred("B", CLI)  # someone else's hold does not block B
    with pytest.raises(Shredded):
        vault.get(b, CLI)
    vault.release_hold(first, CLI)
    with pytest.raises(Held) as blocked:
        vault.shred("A", CLI)
    assert blocked.value.hold_id == second
    with pytest.raises(VaultError, match="already released"):
        vault.release_hold(first, CLI)
    vault.release_hold(second, CLI)
    vault.shred("A", CLI)
    with pytest.raises(Shredded):
        vault.get(a, CLI)
    with pytest.raises(NotFound):
        vault.release_hold("0" * 32, CLI)


def test_retention_expiry_shreds_on_schedule_except_under_hold(vault: Vault, clock: Clock, tmp_path: Path,
                                                               settings: Settings) -> None:
    kinds = tmp_path / "kinds.yaml"
    kinds.write_text("kinds:\n  visit:\n    retention_days: 30\n    fields:\n      - {name: note, label: Note}\n"
                     "  intake:\n    retention_days: 90\n    fields:\n      - {name: name, label: Name}\n")
    vault.kinds = load_kinds(kinds)
    early = vault.put("visit", "P", {"note": "first"}, CLI)
    long_lived = vault.put("intake", "P", {"name": "kept 90 days"}, CLI)
    held = vault.put("visit", "Q", {"note": "held"}, CLI)
    hold = vault.create_hold("Q", "court order", CLI)
    clock.advance(days=29)
    assert vault.expire(CLI).subjects == 0
    assert vault.get(early, CLI).fields == {"note": "first"}
    clock.advance(days=2)  # day 31: P's visit is past retention, P's intake is not; Q is held
    result = vault.expire(CLI)
    assert (result.subjects, result.erased, result.held) == (0, 1, [hold])
    with pytest.raises(Shredded, match="retention"):
        vault.get(early, CLI)
    assert vault.get(long_lived, CLI).fields == {"name": "kept 90 days"}
    assert vault.get(held, CLI).fields == {"note": "held"}
    clock.advance(days=60)  # day 91: every record of P is past retention: P's key is destroyed
    result = vault.expire(CLI)
    assert result.subjects == 1 and result.keys == 1
    with pytest.raises(Shredded):
        vault.get(long_lived, CLI)
    vault.release_hold(hold, CLI)
    assert vault.expire(CLI).subjects == 1
    with pytest.raises(Shredded):
        vault.get(held, CLI)


def test_restore_brings_back_records_but_not_shredded_people(vault: Vault, tmp_path: Path) -> None:
    keep = vault.put("client_intake", "K", {"name": "kept"}, CLI)
    gone = vault.put("client_intake", "G", {"name": "gone"}, CLI)
    vault.backup(tmp_path / "b1", CLI)
    later = vault.put("client_intake", "L", {"name": "after the backup"}, CLI)
    hold = vault.create_hold("K", "set after the backup", CLI)
    vault.shred("G", CLI)
    vault.restore(tmp_path / "b1", CLI)
    assert vault.get(keep, CLI).fields == {"name": "kept"}
    with pytest.raises(Shredded):
        vault.get(gone, CLI)
    with pytest.raises(NotFound):
        vault.get(later, CLI)  # the restore goes back to the backup's records
    with pytest.raises(Held):
        vault.shred("K", CLI)  # a hold set after the backup survives the restore
    assert hold in {h.id for h in vault.holds("K")}
    with pytest.raises(VaultError, match="exists"):
        vault.backup(tmp_path / "b1", CLI)
    (tmp_path / "junk").write_bytes(b"not a backup")
    with pytest.raises(VaultError, match="not a vault records backup"):
        vault.restore(tmp_path / "junk", CLI)
    assert vault.get(keep, CLI).fields == {"name": "kept"}  # a bad restore loses nothing


def test_bad_input_names_the_field_and_stores_nothing(vault: Vault) -> None:
    with pytest.raises(VaultError, match="kind"):
        vault.put("medical", "S", {"name": "x"}, CLI)
    with pytest.raises(VaultError, match=r"fields\.country_of_birth"):
        vault.put("client_intake", "S", {"country_of_birth": "x"}, CLI)
    with pytest.raises(VaultError, match=r"fields\.name"):
        vault.put("client_intake", "S", {"name": 12}, CLI)
    with pytest.raises(VaultError, match="subject"):
        vault.put("client_intake", " ", {"name": "x"}, CLI)
    with pytest.raises(VaultError, match="reason"):
        vault.create_hold("S", "", CLI)
    with vault.sessions() as session:
        assert session.scalar(select(text("count(*)")).select_from(vault_records)) == 0


def test_reads_are_role_checked(vault: Vault) -> None:
    clerk, other_clerk = Actor("c1", 11, "clerk"), Actor("c2", 12, "clerk")
    record = vault.put("client_intake", "S", {"name": "x"}, clerk)
    assert vault.get(record, clerk).fields == {"name": "x"}
    assert vault.get(record, Actor("sup", 20, "supervisor")).fields == {"name": "x"}
    assert vault.get(record, Actor("law", 21, "counsel")).fields == {"name": "x"}
    for actor in (other_clerk, Actor("aud", 30, "auditor"), Actor("adm", 40, "admin")):
        with pytest.raises(Forbidden):
            vault.get(record, actor)


def test_every_operation_is_audited_with_ids_and_keyed_hashes_only(vault: Vault, tmp_path: Path,
                                                                  settings: Settings) -> None:
    secret = canary()
    record = vault.put("client_intake", "SUBJECT-REF-77", {"name": secret}, Actor("c", 5, "clerk"))
    vault.get(record, CLI)
    hold = vault.create_hold("SUBJECT-REF-77", "reason " + secret, CLI)
    vault.release_hold(hold, CLI)
    vault.backup(tmp_path / "b", CLI)
    vault.shred("SUBJECT-REF-77", CLI)
    with vault.sessions() as session:
        rows = session.execute(select(audit_entries.c.kind, audit_entries.c.refs).order_by(audit_entries.c.idx)).all()
        report = vault.audit.verify(session)
    assert report.ok, report.problems
    kinds = [r.kind for r in rows]
    assert kinds == ["vault.put", "vault.read", "vault.hold", "vault.release", "vault.backup", "vault.shred"]
    refs = [json.loads(r.refs) for r in rows]
    subject_ref = vault.envelope.subject_ref("SUBJECT-REF-77")
    assert refs[0] == {"record_id": record, "subject_ref": subject_ref, "record_kind": "client_intake",
                       "actor_id": 5}
    assert refs[3] == {"hold_id": hold, "subject_ref": subject_ref}
    everything = json.dumps(refs)
    assert secret not in everything and "SUBJECT-REF-77" not in everything
    assert isinstance(vault.audit, AuditLog)


def test_keys_and_records_live_apart(vault: Vault, settings: Settings, tmp_path: Path) -> None:
    record = vault.put("client_intake", "S", {"name": "x"}, CLI)
    vault.backup(tmp_path / "records.bak", CLI)
    wrapped = vault.keystore.active_key(vault.envelope.subject_ref("S"))
    assert wrapped is not None and wrapped.wrapped not in (tmp_path / "records.bak").read_bytes()
    assert (settings.data_dir / KEK_FILE).stat().st_mode & 0o077 == 0
    assert (settings.data_dir / KEYSTORE_FILE).stat().st_mode & 0o077 == 0
    assert vault.get(record, CLI).fields == {"name": "x"}


def test_kinds_refuse_status_fields_unless_a_rule_requires_them(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kinds:\n  intake:\n    retention_days: 30\n    fields:\n"
                   "      - {name: name, label: Name}\n      - {name: cob, label: Country of birth}\n")
    with pytest.raises(KindsError, match=r"kinds\.intake\.fields\.cob: .*place_of_birth|born"):
        load_kinds(bad)
    status = tmp_path / "status.yaml"
    base = ("kinds:\n  eligibility:\n    retention_days: 30\n    fields:\n"
            "      - {name: citizenship, label: 'Are you a U.S. citizen?'}\n")
    status.write_text(base)
    with pytest.raises(KindsError, match="required_by"):
        load_kinds(status)
    status.write_text(base + "    required_by: {jurisdiction: us/ca/san-francisco, agency_kind: city_agency, "
                             "context: service_delivery}\n")
    with pytest.raises(KindsError, match=r"is allowed .* not required"):
        load_kinds(status)
    status.write_text(base + "    required_by: {jurisdiction: us/ca/san-francisco, agency_kind: social_services, "
                             "context: benefits_eligibility}\n")
    kinds = load_kinds(status)
    assert kinds["eligibility"].allowed_by == {"citizenship": "42 U.S.C. § 1320b-7(d)(1)(A)"}
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("kinds:\n  x:\n    retention_days: 30\n    colour: red\n    fields: [{name: a, label: A}]\n")
    with pytest.raises(KindsError, match=r"kinds\.x\.colour"):
        load_kinds(unknown)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_busy_reader_delays_the_scrub_not_the_shred(vault: Vault, settings: Settings) -> None:
    import sqlite3

    record = vault.put("client_intake", "S-busy", {"name": "to be shredded"}, CLI)
    with vault.sessions() as session:
        ciphertext = session.scalar(select(vault_records.c.ciphertext).where(vault_records.c.id == record))
    assert ciphertext is not None
    reader = sqlite3.connect(settings.data_dir / "sanctuary.db", isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM vault_records").fetchone()  # holds a read snapshot in the WAL
        result = vault.shred("S-busy", CLI)
        assert result.keys == 1 and "scrub" in result.scrub_problem
        with pytest.raises(Shredded):
            vault.get(record, CLI)  # the shred is final at once
    finally:
        reader.close()
    vault.scrub()
    assert files_containing(settings.data_dir, ciphertext) == []


def test_kek_rotation_retires_every_older_key_store_backup(open_vault: Callable[[], Vault], settings: Settings,
                                                           tmp_path: Path) -> None:
    from sanctuary.vault.envelope import NEW_KEK_FILE, kek_id
    from sanctuary.vault.keystore import KeyStoreError
    from sanctuary.vault.rotation import rotate_kek

    vault = open_vault()
    a = vault.put("client_intake", "A", {"name": "a"}, CLI)
    b = vault.put("client_intake", "B", {"name": "b"}, CLI)
    vault.keystore.backup(tmp_path / "keys-old.bak")
    old_kek = (settings.data_dir / KEK_FILE).read_bytes()
    vault.shred("A", CLI)
    old_id, new_id, count = rotate_kek(settings.data_dir, vault.keystore)
    assert (old_id, count) == (kek_id(old_kek), 1) and new_id != old_id
    with pytest.raises(KeyStoreError, match="rotated"):
        vault.put("client_intake", "C", {"name": "c"}, CLI)  # this process still holds the old KEK
    fresh = open_vault()
    assert fresh.get(b, CLI).fields == {"name": "b"}
    assert files_containing(settings.data_dir, old_kek) == []
    restored = fresh.restore_keys(tmp_path / "keys-old.bak")
    assert (restored.restored, restored.shredded, restored.retired) == (0, 1, 1)
    with pytest.raises(Shredded):
        fresh.get(a, CLI)
    assert fresh.put("client_intake", "C", {"name": "c"}, CLI)
    # A crash after the re-wrap committed but before the rename: the next start finishes the rotation.
    (settings.data_dir / NEW_KEK_FILE).write_bytes(b"\x00" * 32)  # never committed: discarded
    assert open_vault().get(b, CLI).fields == {"name": "b"}
    assert not (settings.data_dir / NEW_KEK_FILE).exists()


def test_a_rotation_interrupted_after_the_rewrap_is_finished_at_the_next_start(
        open_vault: Callable[[], Vault], settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctuary.vault import rotation
    from sanctuary.vault.envelope import NEW_KEK_FILE

    vault = open_vault()
    record = vault.put("client_intake", "A", {"name": "a"}, CLI)

    def crash(*_: object) -> None:
        raise OSError("power cut")

    with monkeypatch.context() as patched:
        patched.setattr(rotation.os, "replace", crash)
        with pytest.raises(OSError, match="power cut"):
            rotation.rotate_kek(settings.data_dir, vault.keystore)
    assert (settings.data_dir / NEW_KEK_FILE).exists()  # keys re-wrapped, the new KEK not yet in place
    assert open_vault().get(record, CLI).fields == {"name": "a"}
    assert not (settings.data_dir / NEW_KEK_FILE).exists()
