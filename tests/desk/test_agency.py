"""The agency profile: set by an admin (page and API), validated, audit-logged; letters and notices carry it and
times are shown in its zone with the zone named."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sanctuary.desk import agency
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError
from tests.desk.conftest import Account, detainer_body, login

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

PROFILE = {"name": "Cook County Sheriff's Office", "address": "50 W. Washington St.\nChicago, IL 60602",
           "letterhead": "Cook County Sheriff's Office\nOffice of the General Counsel",
           "counsel_phone": "+1 312 555 0100 ext. 12", "timezone": "America/Chicago"}


def _entries(ctx: DeskContext, kind: str) -> list[dict[str, Any]]:
    with ctx.sessions() as session:
        return [e for e in ctx.audit.entries(session) if e["kind"] == kind]


def test_admin_sets_the_profile_through_the_api(client: TestClient, ctx: DeskContext,
                                                users: dict[str, Account]) -> None:
    refused = client.put("/api/v1/agency", json=PROFILE, headers=users["supervisor"].auth)
    assert refused.status_code == 403
    response = client.put("/api/v1/agency", json=PROFILE, headers=users["admin"].auth)
    assert response.status_code == 200, response.text
    assert response.json()["timezone"] == "America/Chicago" and response.json()["version"] == 1
    shown = client.get("/api/v1/agency", headers=users["clerk"].auth).json()
    assert shown["name"] == PROFILE["name"] and shown["counsel_phone"] == PROFILE["counsel_phone"]
    entries = _entries(ctx, "agency.changed")
    assert len(entries) == 1
    refs = entries[0]["refs"]
    assert refs["actor_id"] == users["admin"].id and refs["version"] == 1 and len(refs["payload_sha256"]) == 64
    assert "Cook" not in str(refs)  # ids and hashes only


def test_bad_time_zone_is_refused_naming_the_field(client: TestClient, ctx: DeskContext,
                                                   users: dict[str, Account]) -> None:
    client.put("/api/v1/agency", json=PROFILE, headers=users["admin"].auth)
    bad = client.put("/api/v1/agency", json={**PROFILE, "timezone": "Central Time"}, headers=users["admin"].auth)
    assert bad.status_code == 422 and bad.json()["field"] == "timezone"
    assert client.get("/api/v1/agency", headers=users["admin"].auth).json()["timezone"] == "America/Chicago"
    assert len(_entries(ctx, "agency.changed")) == 1  # nothing stored, nothing logged
    with pytest.raises(DeskInputError) as phone:
        agency.validate({**PROFILE, "counsel_phone": "call Bob"}, "UTC")
    assert phone.value.field == "counsel_phone"
    with pytest.raises(DeskInputError) as name:
        agency.validate({**PROFILE, "name": " "}, "UTC")
    assert name.value.field == "name"


def test_admin_page_saves_and_reports_errors(client: TestClient, ctx: DeskContext,
                                             users: dict[str, Account]) -> None:
    csrf = login(client, "admin")
    form = client.get("/admin/agency")
    assert form.status_code == 200 and 'name="timezone"' in form.text
    bad = client.post("/admin/agency", data={"csrf": csrf, **PROFILE, "timezone": "America/Chicag"})
    assert bad.status_code == 422 and "timezone" in bad.text and "America/Chicago" in bad.text  # a suggestion
    assert 'value="Cook County Sheriff&#39;s Office"' in bad.text  # what was typed is kept
    saved = client.post("/admin/agency", data={"csrf": csrf, **PROFILE}, follow_redirects=False)
    assert saved.status_code == 303
    assert "Profile saved" in client.get(saved.headers["location"]).text
    login(client, "clerk")
    assert client.get("/admin/agency").status_code == 403


def test_times_letters_and_notices_carry_the_profile(client: TestClient, ctx: DeskContext,
                                                     users: dict[str, Account]) -> None:
    client.put("/api/v1/agency", json=PROFILE, headers=users["admin"].auth)
    # 15:00 UTC on 6 March 2026 is 09:00 in Chicago (CST, UTC-6).
    created = client.post("/api/v1/requests", json=detainer_body("us/il/cook-county"), headers=users["clerk"].auth)
    request_id = created.json()["id"]
    login(client, "clerk")
    page = client.get(f"/requests/{request_id}").text
    assert "2026-03-06 09:00 CST (America/Chicago)" in page
    assert "Cook County, Illinois" in page
    letter = client.get(f"/requests/{request_id}/letter")
    assert letter.status_code == 200
    assert "Office of the General Counsel" in letter.text and "+1 312 555 0100 ext. 12" in letter.text
    assert "2026-03-06" in letter.text
    notice = client.get(f"/requests/{request_id}/notice").text
    assert "50 W. Washington St." in notice and "Cook County Sheriff&#39;s Office" in notice
    assert notice.count("+1 312 555 0100 ext. 12") == 3  # in each language
    assert "6 de marzo de 2026" in notice and "6 mars 2026" in notice
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d C[SD]T \(America/Chicago\)", notice)
