"""Unit tests: holidays and deadlines, document encryption, passwords and tokens, the classifier."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from hypothesis import given
from hypothesis import strategies as st

from sanctuary.desk import classifier
from sanctuary.desk.audit_port import check_refs
from sanctuary.desk.crypto import DocumentCipher, Sealed, load_or_create_master_key
from sanctuary.desk.deadlines import add_business_hours, deadlines_for, detainer_deadline
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.holidays import federal_holidays, is_business_day
from sanctuary.desk.passwords import hash_password, token_hash, verify_password


def test_federal_holidays_2026_with_observed_days() -> None:
    days = federal_holidays(2026)
    assert sorted(days) == [
        date(2026, 1, 1), date(2026, 1, 19), date(2026, 2, 16), date(2026, 5, 25), date(2026, 6, 19),
        date(2026, 7, 3),  # July 4 is a Saturday: observed Friday
        date(2026, 9, 7), date(2026, 10, 12), date(2026, 11, 11), date(2026, 11, 26), date(2026, 12, 25),
    ]


def test_new_year_on_saturday_is_observed_the_previous_december() -> None:
    assert date(2027, 12, 31) in federal_holidays(2027)  # 2028-01-01 is a Saturday
    assert date(2021, 12, 31) in federal_holidays(2021)
    assert date(2023, 1, 2) in federal_holidays(2023)  # 2023-01-01 is a Sunday
    assert date(2020, 6, 19) not in federal_holidays(2020)  # Juneteenth only from 2021


def test_business_days() -> None:
    assert is_business_day(date(2026, 3, 2))
    assert not is_business_day(date(2026, 3, 7))  # Saturday
    assert not is_business_day(date(2026, 11, 26))  # Thanksgiving


def test_detainer_48_hours_skip_weekend() -> None:
    friday = datetime(2026, 3, 6, 15, 0, tzinfo=UTC)
    assert detainer_deadline(friday, "UTC") == datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def test_detainer_48_hours_skip_weekend_and_holiday() -> None:
    friday_before_mlk = datetime(2026, 1, 16, 15, 0, tzinfo=UTC)
    assert detainer_deadline(friday_before_mlk, "UTC") == datetime(2026, 1, 21, 15, 0, tzinfo=UTC)


def test_detainer_received_on_saturday_starts_counting_monday() -> None:
    saturday = datetime(2026, 3, 7, 10, 0, tzinfo=UTC)
    assert detainer_deadline(saturday, "UTC") == datetime(2026, 3, 11, 0, 0, tzinfo=UTC)


def test_detainer_deadline_in_local_time_zone() -> None:
    # 15:00 in Chicago (CST, UTC-6) on a Friday: Tuesday 15:00 Chicago is 21:00 UTC.
    received = datetime(2026, 3, 6, 21, 0, tzinfo=UTC)
    assert detainer_deadline(received, "America/Chicago") == datetime(2026, 3, 10, 20, 0, tzinfo=UTC)


def test_add_business_hours_requires_aware_start() -> None:
    with pytest.raises(ValueError):
        add_business_hours(datetime(2026, 3, 6, 15), 48)


def test_deadlines_for_subpoena_return_date() -> None:
    found = deadlines_for("admin_subpoena", datetime(2026, 3, 2, tzinfo=UTC), date(2026, 3, 20), "UTC")
    assert [d.kind for d in found] == ["return_date"]
    assert found[0].to_dict()["due"] == "2026-03-20"


def test_document_encryption_round_trip_and_tamper(tmp_path: Path) -> None:
    cipher = DocumentCipher.from_data_dir(tmp_path)
    sealed = cipher.seal(b"%PDF-1.4 secret content", "warrant.pdf", "ctx:1")
    assert b"secret content" not in sealed.ciphertext and b"warrant" not in sealed.name_ciphertext
    assert cipher.open(sealed, "ctx:1") == (b"%PDF-1.4 secret content", "warrant.pdf")
    with pytest.raises(InvalidTag):
        cipher.open(sealed, "ctx:2")  # moved to another request
    flipped = bytearray(sealed.ciphertext)
    flipped[-1] ^= 1
    with pytest.raises(InvalidTag):
        cipher.open(Sealed(bytes(flipped), sealed.name_ciphertext, sealed.wrapped_key, sealed.master_key_id,
                           sealed.sha256), "ctx:1")
    other = DocumentCipher(b"\x00" * 32)
    with pytest.raises(InvalidTag):
        other.open(sealed, "ctx:1")


def test_master_key_is_private_and_stable(tmp_path: Path) -> None:
    first = load_or_create_master_key(tmp_path)
    assert load_or_create_master_key(tmp_path) == first
    assert (tmp_path / "document-master.key").stat().st_mode & 0o077 == 0


def test_passwords_use_argon2id() -> None:
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "wrong password!")
    assert not verify_password(None, "correct horse battery")
    with pytest.raises(ValueError, match="password"):
        hash_password("short")


def test_token_hash_is_sha256_hex() -> None:
    assert token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def _answers(**overrides: object) -> classifier.ClassifierAnswers:
    base: dict[str, object] = {"jurisdiction": "us/ca/san-francisco", "agency_kind": "jail", "paper": "i247a",
                               "action": "hold", "received_on": date(2026, 3, 2),
                               "signed_by": "immigration_officer"}
    base.update(overrides)
    return classifier.ClassifierAnswers(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(("paper", "instrument"), [
    ("i247a", "detainer"), ("i200", "admin_warrant"), ("i205", "admin_warrant"), ("i138", "admin_subpoena"),
    ("i9_noi", "notice_of_inspection"), ("i862", "notice_to_appear"), ("none", "none"), ("unsure", "none"),
])
def test_classifier_maps_forms_to_instruments(paper: str, instrument: str) -> None:
    result = classifier.classify(_answers(paper=paper))
    assert result.request["instrument"]["type"] == instrument
    assert result.request["agency"] == {"jurisdiction": "us/ca/san-francisco", "kind": "jail"}
    assert result.request["date"] == "2026-03-02"


def test_judicial_warrant_needs_a_judge_and_a_court() -> None:
    signed = classifier.classify(_answers(paper="judicial_warrant", action="grant_access",
                                          signed_by="federal_judge", court="federal_district"))
    assert signed.request["instrument"] == {"type": "judicial_warrant", "signed_by": "federal_judge"}
    unsigned = classifier.classify(_answers(paper="judicial_warrant", action="grant_access",
                                            signed_by="immigration_officer", court="none"))
    assert unsigned.request["instrument"]["type"] == "admin_warrant"
    by_ij = classifier.classify(_answers(paper="court_order", action="transfer", signed_by="immigration_judge",
                                         court="immigration_court"))
    assert by_ij.request["instrument"]["type"] == "none"
    assert any("immigration judge" in note for note in by_ij.notes)


def test_classifier_carries_what_is_asked() -> None:
    result = classifier.classify(_answers(paper="none", action="disclose", data=["address", "schedule"],
                                          exigent=True, in_custody=False, with_admin_warrant=True))
    request = result.request
    assert request["data"] == ["address", "schedule"]
    assert request["exigent"] is True and request["subject"] == {"in_custody": False}
    assert "accompanied_by" not in request["instrument"]  # only a detainer carries an attached warrant
    detainer = classifier.classify(_answers(with_admin_warrant=True)).request
    assert detainer["instrument"]["accompanied_by"] == ["admin_warrant"]


@pytest.mark.parametrize(("field", "value"), [("paper", "i999"), ("action", "deport"), ("data", ["ssn"]),
                                              ("agency_kind", "zoo"), ("signed_by", "mayor")])
def test_classifier_names_the_bad_field(field: str, value: object) -> None:
    with pytest.raises(DeskInputError) as caught:
        classifier.classify(_answers(**{field: value}))
    assert caught.value.field == field
    assert caught.value.allowed


def test_audit_refs_refuse_free_text() -> None:
    assert check_refs({"request_id": 3, "outcome": "forbidden"}) == {"request_id": 3, "outcome": "forbidden"}
    with pytest.raises(ValueError):
        check_refs({"note": "Maria Lopez"})
    with pytest.raises(TypeError):
        check_refs({"flag": True})


def test_token_cache_expires_and_drops_lookups_that_straddle_a_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctuary.desk import token_cache
    from sanctuary.desk.models import User

    now = [100.0]
    monkeypatch.setattr(token_cache.time, "monotonic", lambda: now[0])
    cache = token_cache.TokenCache(ttl=2.0)
    user = User(id=1, username="clerk", role="clerk", password_hash="x", active=True)
    cache.put("a" * 64, user, cache.generation)
    assert cache.get("a" * 64) is user
    now[0] += 2.0
    assert cache.get("a" * 64) is None  # expired: the next request goes to the database
    started = cache.generation
    cache.clear()  # an account change while a lookup was in flight
    cache.put("b" * 64, user, started)
    assert cache.get("b" * 64) is None  # the stale answer is not kept


def _business_hours_reference(start: datetime, hours: int) -> datetime:
    """The day-by-day walk add_business_hours replaced (kept here as the reference it must agree with)."""
    from datetime import time, timedelta

    remaining = timedelta(hours=hours)
    cursor = start
    while True:
        day_end = datetime.combine(cursor.date() + timedelta(days=1), time(0), tzinfo=cursor.tzinfo)
        if is_business_day(cursor.date()):
            available = day_end - cursor
            if remaining <= available:
                return cursor + remaining
            remaining -= available
        cursor = day_end


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31)), st.integers(0, 24 * 30))
def test_add_business_hours_agrees_with_the_day_by_day_walk(start: datetime, hours: int) -> None:
    """Weekends, holidays, midnight starts, zero hours and whole-day boundaries included."""
    aware = start.replace(tzinfo=UTC)
    assert add_business_hours(aware, hours) == _business_hours_reference(aware, hours)
