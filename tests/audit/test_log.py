"""The log on a real SQLite database: appends, proofs against signed checkpoints, refusal of personal data."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.audit.entry import canonical_json, entry_bytes, entry_bytes_for_canonical_refs
from sanctuary.audit.keys import key_id
from sanctuary.audit.log import AuditLog, check_consistency, check_inclusion, verify_inclusion
from sanctuary.audit.merkle import leaf_hash, root_from_leaf_hashes
from sanctuary.audit.note import note_key_hash, parse_body, verify_signature
from sanctuary.audit.tables import audit_entries

from .conftest import fill


def test_append_returns_dense_indices_and_stores_canonical_entries(
    session_factory: sessionmaker[Session], log: AuditLog
) -> None:
    with session_factory() as session, session.begin():
        first = log.append(session, "request.logged", {"request_id": 7, "ruleset": "ab" * 32, "action": "hold"})
        second = log.append(session, "document.viewed", {"document_id": "0f" * 8, "user_id": 3})
    assert (first, second) == (0, 1)
    with session_factory() as session:
        row = session.execute(select(audit_entries).where(audit_entries.c.idx == 0)).one()._mapping
        assert row["refs"] == '{"action":"hold","request_id":7,"ruleset":"' + "ab" * 32 + '"}'
        assert row["ts"].endswith("Z")
        data = entry_bytes(0, row["ts"], row["kind"], row["refs"])
        assert json.loads(data)["index"] == 0
        assert bytes(row["leaf_hash"]) == leaf_hash(data)
        assert log.size(session) == 2


def test_rolled_back_appends_leave_no_trace(session_factory: sessionmaker[Session], log: AuditLog) -> None:
    fill(session_factory, log, 3)
    with session_factory() as session:
        with pytest.raises(RuntimeError), session.begin():
            log.append(session, "request.logged", {"request_id": 99})
            raise RuntimeError("the desk's own write failed")
        with session.begin():
            assert log.append(session, "request.logged", {"request_id": 100}) == 3
        assert log.verify(session).ok


def test_proofs_from_the_database_verify_against_signed_checkpoints(
    session_factory: sessionmaker[Session], log: AuditLog
) -> None:
    checkpoints = []
    with session_factory() as session:
        count = 0
        for target in (1, 5, 8, 13, 32, 37):
            with session.begin():
                while count < target:
                    count = log.append(session, "request.logged", {"request_id": count}) + 1
                checkpoints.append(log.checkpoint(session))
        leaves = [bytes(h) for h in session.execute(select(audit_entries.c.leaf_hash).order_by("idx")).scalars()]
        for cp in checkpoints:
            size = cp["size"]
            assert cp["root_hash"] == root_from_leaf_hashes(leaves[:size]).hex()
            assert log.root_hash(session, size) == cp["root_hash"]
            for index in range(size):
                check_inclusion(index, size, leaves[index], log.inclusion_proof(session, index, size), cp["root_hash"])
        for older in checkpoints:
            for newer in checkpoints:
                if older["size"] <= newer["size"]:
                    proof = log.consistency_proof(session, older["size"], newer["size"])
                    check_consistency(older["size"], newer["size"], older["root_hash"], newer["root_hash"], proof)
        assert not verify_inclusion(3, 8, leaves[4], log.inclusion_proof(session, 3, 8), checkpoints[2]["root_hash"])


def test_proof_arguments_are_checked(session_factory: sessionmaker[Session], log: AuditLog) -> None:
    fill(session_factory, log, 4)
    with session_factory() as session:
        with pytest.raises(ValueError, match="index 4 must be less than size 4"):
            log.inclusion_proof(session, 4, 4)
        with pytest.raises(ValueError, match="size 5 is larger than the log"):
            log.inclusion_proof(session, 0, 5)
        with pytest.raises(ValueError, match="first must be a non-negative integer"):
            log.consistency_proof(session, -1, 3)
        with pytest.raises(ValueError, match="first 4 must not be larger than second 3"):
            log.consistency_proof(session, 4, 3)


def test_checkpoint_is_a_valid_ed25519_signed_note(
    session_factory: sessionmaker[Session], log: AuditLog, signing_key: Ed25519PrivateKey
) -> None:
    fill(session_factory, log, 6)
    with session_factory() as session, session.begin():
        cp = log.checkpoint(session)
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(cp["public_key"]))
    assert key_id(public) == cp["key_id"] == log.key_id
    body = parse_body(cp["checkpoint"])
    assert (body.origin, body.size, body.root.hex(), body.timestamp) == (
        cp["origin"],
        6,
        cp["root_hash"],
        cp["timestamp"],
    )
    # The signature is plain Ed25519 over the checkpoint text; anyone with the public key can check it.
    public.verify(base64.b64decode(cp["signature"]), cp["checkpoint"].encode())
    with pytest.raises(InvalidSignature):
        public.verify(base64.b64decode(cp["signature"]), cp["checkpoint"].replace("\n6\n", "\n7\n").encode())
    # The note's signature line: "— <origin> base64(key hash || signature)".
    text, _, sig_line = cp["note"].partition("\n\n")
    assert text + "\n" == cp["checkpoint"]
    dash, name, blob = sig_line.strip().split(" ")
    assert (dash, name) == ("\u2014", cp["origin"])
    raw = base64.b64decode(blob)
    assert raw[:4] == note_key_hash(cp["origin"], public)
    assert raw[4:] == base64.b64decode(cp["signature"])
    assert verify_signature(cp, signing_key.public_key())
    assert not verify_signature({**cp, "root_hash": "00" * 32}, signing_key.public_key())
    assert not verify_signature({**cp, "timestamp": "2020-01-01T00:00:00.000000Z"}, signing_key.public_key())
    assert not verify_signature(cp, Ed25519PrivateKey.generate().public_key())


def test_current_checkpoint_reuses_the_latest_when_nothing_changed(
    session_factory: sessionmaker[Session], log: AuditLog
) -> None:
    fill(session_factory, log, 2)
    with session_factory() as session, session.begin():
        a = log.current_checkpoint(session)
        b = log.current_checkpoint(session)
        assert a["id"] == b["id"]
        log.append(session, "request.logged", {"request_id": 9})
        c = log.current_checkpoint(session)
        assert c["size"] == 3 and c["id"] != a["id"]


@pytest.mark.parametrize(
    ("refs", "key"),
    [
        ({"name": "Maria Lopez"}, "name"),
        ({"person": "1234"}, "person"),
        ({"request_id": "Maria Lopez"}, "request_id"),
        ({"request_id": "maria@example.org"}, "request_id"),
        ({"request_id": "555-0100"}, "request_id"),
        ({"request_id": -1}, "request_id"),
        ({"request_id": True}, "request_id"),
        ({"request_id": 1.5}, "request_id"),
        ({"status": "Maria"}, "status"),
        ({"status": "open case for maria lopez"}, "status"),
        ({"status": "x" * 40}, "status"),
        ({"ruleset": "ab" * 31}, "ruleset"),
        ({"ruleset": "AB" * 32}, "ruleset"),
        ({"action": "deport"}, "action"),
        ({"jurisdiction": "US/IL"}, "jurisdiction"),
        ({"request_id": 1, "note": "agent Smith, badge 42"}, "note"),
        ({"user_id": "12345678-1234-1234-1234-1234567890AB"}, "user_id"),
    ],
)
def test_personal_data_in_refs_is_refused_naming_the_key(
    session_factory: sessionmaker[Session], log: AuditLog, refs: dict[str, object], key: str
) -> None:
    with session_factory() as session, session.begin():
        with pytest.raises(ValueError, match=repr(key)):
            log.append(session, "request.logged", refs)  # type: ignore[arg-type]
        assert log.size(session) == 0


def test_ids_hashes_and_codes_are_accepted(session_factory: sessionmaker[Session], log: AuditLog) -> None:
    refs: dict[str, str | int] = {
        "request_id": "12345678-1234-1234-1234-1234567890ab",
        "user_id": 4,
        "document_sha256": "0" * 64,
        "jurisdiction": "us/il/cook-county",
        "instrument": "detainer",
        "status": "escalated",
        "role": "counsel",
    }
    with session_factory() as session, session.begin():
        assert log.append(session, "request.escalated", refs) == 0
        with pytest.raises(ValueError, match="kind"):
            log.append(session, "Request Logged by Maria", {"request_id": 1})


def test_extra_ref_keys_extend_the_allow_list(
    session_factory: sessionmaker[Session], signing_key: Ed25519PrivateKey
) -> None:
    log = AuditLog(signing_key, extra_ref_keys={"vault_item_id": "id"})
    with session_factory() as session, session.begin():
        assert log.append(session, "vault.item_shredded", {"vault_item_id": 5}) == 0
        with pytest.raises(ValueError, match="vault_item_id"):
            log.append(session, "vault.item_shredded", {"vault_item_id": "Maria"})


def test_core_statement_path_matches_the_driver_path(
    session_factory: sessionmaker[Session], log: AuditLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drivers with another parameter style use SQLAlchemy Core statements; both write the same tree."""
    fill(session_factory, log, 5)
    monkeypatch.setattr("sanctuary.audit.log._RAW_SQL", {})
    fill(session_factory, log, 6)
    with session_factory() as session:
        assert log.size(session) == 11
        assert log.verify(session).ok
        leaves = [bytes(h) for h in session.execute(select(audit_entries.c.leaf_hash).order_by("idx")).scalars()]
        assert log.root_hash(session) == root_from_leaf_hashes(leaves).hex()


@pytest.mark.parametrize("raw", [True, False])
def test_missing_head_row_is_created_on_first_append(
    session_factory: sessionmaker[Session], log: AuditLog, monkeypatch: pytest.MonkeyPatch, raw: bool
) -> None:
    from sanctuary.audit.tables import audit_head

    if not raw:
        monkeypatch.setattr("sanctuary.audit.log._RAW_SQL", {})
    with session_factory() as session, session.begin():
        session.execute(audit_head.delete())
    with session_factory() as session:
        with session.begin():
            assert log.append(session, "account.created", {"user_id": 1}) == 0
            assert log.append(session, "account.created", {"user_id": 2}) == 1
        assert log.verify(session).ok


@given(
    index=st.integers(min_value=0, max_value=2**53),
    timestamp=st.text(max_size=40),
    kind=st.text(max_size=40),
    refs=st.dictionaries(st.text(max_size=12), st.integers() | st.text(max_size=40), max_size=8),
)
def test_append_path_entry_bytes_match_the_verifier(index: int, timestamp: str, kind: str,
                                                    refs: dict[str, int | str]) -> None:
    """The append path splices canonical refs into the entry; the verifier parses and re-serialises them."""
    refs_json = canonical_json(refs)
    assert entry_bytes_for_canonical_refs(index, timestamp, kind, refs_json) == entry_bytes(
        index, timestamp, kind, refs_json)


def test_leaf_input_is_entry_bytes() -> None:
    """The append path's spliced leaf input is byte for byte the canonical entry (every desk event kind)."""
    from sanctuary.audit.entry import check_kind
    from sanctuary.audit.log import _leaf_input, _now
    from sanctuary.desk.events import KINDS

    refs_json = canonical_json({"request_id": 7, "request_hash": "a" * 64, "outcome": "forbidden"})
    for index, kind in enumerate(("a", "x.y_z.w9", *KINDS)):
        ts = _now()
        for at in (index, 2**40 + index):
            assert _leaf_input(at, ts, check_kind(kind), refs_json) == entry_bytes(at, ts, kind, refs_json)


_REF_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


@given(st.dictionaries(st.text(max_size=20), st.one_of(_REF_TEXT, st.integers(0, 2**63 - 1)), max_size=12))
def test_canonical_refs_is_canonical_json(refs: dict[str, str | int]) -> None:
    """The append path's fast refs encoding is byte for byte canonical_json, whatever the keys and values
    (control characters, DEL, quotes, backslashes and non-ASCII included: the last two kinds fall back)."""
    from sanctuary.audit.entry import canonical_refs

    assert canonical_refs(refs) == canonical_json(refs)


def test_canonical_refs_escapes_like_json() -> None:
    """Every ASCII character, DEL included (msgspec leaves it raw, json escapes it), in a key and a value."""
    from sanctuary.audit.entry import canonical_refs

    for code in range(128):
        refs: dict[str, str | int] = {chr(code): chr(code) + "x", "b": code}
        assert canonical_refs(refs) == canonical_json(refs), code
