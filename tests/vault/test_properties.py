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
        self.live: dict[str, tuple[str, dict[str, str]]] = {}  # record id -> (subject, fields)
        self.dead: set[str] = set()  # shredded at some point: never readable again
        self.missing: set[str] = set()  # a restore went back past them
        self.active_holds: dict[str, str] = {}  # hold id -> subject
        self.snapshots: dict[str, dict[str, tuple[str, dict[str, str]]]] = {}

    def teardown(self) -> None:
        self.vault.close()
        self.vault.engine.dispose()
        shutil.rmtree(self.root, ignore_errors=True)

    @rule(target=records, subject=SUBJECTS)
    def put(self, subject: str) -> str:
        fields = {"name": "CANARY-" + uuid.uuid4().hex}
        record = self.vault.put("client_intake", subject, fields, CLI)
        self.live[record] = (subject, fields)
        self.missing.discard(record)
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
        for record, (owner, _) in list(self.live.items()):
            if owner == subject:
                del self.live[record]
                self.dead.add(record)

    @rule(target=backups)
    def backup(self) -> str:
        path = self.root / f"backup-{uuid.uuid4().hex[:8]}"
        self.vault.backup(path, CLI)
        self.snapshots[str(path)] = dict(self.live)
        return str(path)

    @rule(path=backups)
    def restore(self, path: str) -> None:
        self.vault.restore(Path(path), CLI)
        snapshot = self.snapshots[path]
        everything = set(self.live) | set(self.missing)
        self.live = {r: v for r, v in snapshot.items() if r not in self.dead}
        self.missing = everything - set(self.live) - self.dead

    @rule(record=records)
    def read(self, record: str) -> None:
        self._check(record)

    def _check(self, record: str) -> None:
        if record in self.dead:
            with pytest.raises(Shredded):
                self.vault.get(record, CLI)
        elif record in self.missing:
            with pytest.raises(NotFound):
                self.vault.get(record, CLI)
        else:
            assert self.vault.get(record, CLI).fields == self.live[record][1]

    @invariant()
    def every_record_as_expected_and_no_plaintext(self) -> None:
        for record in [*self.live, *self.dead, *self.missing]:
            self._check(record)
        for _, fields in self.live.values():
            assert files_containing(self.root, fields["name"].encode()) == []


TestVaultInterleavings = VaultMachine.TestCase
TestVaultInterleavings.settings = settings(max_examples=25, stateful_step_count=14, deadline=None,
                                           suppress_health_check=[HealthCheck.too_slow])
