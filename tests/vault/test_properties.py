"""Hypothesis: any interleaving of put, hold, release, shred, backup and restore keeps the vault's promises.

- A record of a person shredded at any time (before or after any backup) never reads again, whatever is
  restored; a shred under an active hold is refused and changes nothing.
- Every other record the current state should hold reads back exactly; records a restore went back past are
  gone (not found), never half-readable.
- No canary is ever in plaintext in any file of the data dir or the backups.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from sanctuary.db.migrate import upgrade
from sanctuary.settings import Settings
from sanctuary.vault.service import Actor, Held, NotFound, Shredded, Vault
from tests.vault.conftest import files_containing

pytestmark = pytest.mark.slow
SUBJECTS = st.sampled_from(["s0", "s1", "s2"])
CLI = Actor.cli("property")
_TEMPLATE: dict[str, Path] = {}


def _template_db() -> Path:
    """Migrate once; each example starts from a copy of that empty database."""
    if "db" not in _TEMPLATE:
        root = Path(tempfile.mkdtemp(prefix="vault-template-"))
        upgrade(Settings.for_data_dir(root))
        _TEMPLATE["db"] = root / "sanctuary.db"
    return _TEMPLATE["db"]


class VaultMachine(RuleBasedStateMachine):
    records = Bundle("records")
    holds = Bundle("holds")
    backups = Bundle("backups")

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="vault-prop-"))
        data = self.root / "data"
        data.mkdir()
        shutil.copy(_template_db(), data / "sanctuary.db")
        self.vault = Vault.open(Settings.for_data_dir(data))
        self.fields: dict[str, tuple[str, dict[str, str]]] = {}  # every record ever put: (subject, fields)
        self.shredded: set[str] = set()  # records whose person was shredded after they were put: never readable
        self.present: set[str] = set()  # records the database holds now
        self.active_holds: dict[str, str] = {}  # hold id -> subject
        self.snapshots: dict[str, set[str]] = {}

    def teardown(self) -> None:
        self.vault.close()
        self.vault.engine.dispose()
        shutil.rmtree(self.root, ignore_errors=True)

    @rule(target=records, subject=SUBJECTS)
    def put(self, subject: str) -> str:
        fields = {"name": "CANARY-" + uuid.uuid4().hex}
        record = self.vault.put("client_intake", subject, fields, CLI)
        self.fields[record] = (subject, fields)
        self.present.add(record)
        return record

    @rule(target=holds, subject=SUBJECTS)
    def hold(self, subject: str) -> str:
        hold_id = self.vault.create_hold(subject, "hold for " + subject, CLI)
        self.active_holds[hold_id] = subject
        return hold_id

    @rule(hold_id=consumes(holds))
    def release(self, hold_id: str) -> None:
        self.vault.release_hold(hold_id, CLI)
        del self.active_holds[hold_id]

    @rule(subject=SUBJECTS)
    def shred(self, subject: str) -> None:
        if subject in self.active_holds.values():
            with pytest.raises(Held):
                self.vault.shred(subject, CLI)
            return
        self.vault.shred(subject, CLI)
        # Every key the person ever had is destroyed: each record put for them so far, in the database now or
        # only in some backup, is unreadable for good.
        self.shredded |= {r for r, (owner, _) in self.fields.items() if owner == subject}

    @rule(target=backups)
    def backup(self) -> str:
        path = self.root / f"backup-{uuid.uuid4().hex[:8]}"
        self.vault.backup(path, CLI)
        self.snapshots[str(path)] = set(self.present)
        return str(path)

    @rule(path=backups)
    def restore(self, path: str) -> None:
        self.vault.restore(Path(path), CLI)
        self.present = set(self.snapshots[path])

    @rule(record=records)
    def read(self, record: str) -> None:
        self._check(record)

    def _check(self, record: str) -> None:
        if record in self.shredded:
            # Unreadable whatever was restored; it says when if its row is there, else it is simply gone.
            with pytest.raises(Shredded if record in self.present else (Shredded, NotFound)):
                self.vault.get(record, CLI)
        elif record not in self.present:
            with pytest.raises(NotFound):
                self.vault.get(record, CLI)
        else:
            assert self.vault.get(record, CLI).fields == self.fields[record][1]

    @invariant()
    def every_record_as_expected_and_no_plaintext(self) -> None:
        for record in self.fields:
            self._check(record)
        for _, fields in self.fields.values():
            assert files_containing(self.root, fields["name"].encode()) == []


TestVaultInterleavings = VaultMachine.TestCase
TestVaultInterleavings.settings = settings(max_examples=40, stateful_step_count=16, deadline=None,
                                           suppress_health_check=[HealthCheck.too_slow])
