"""Reports under the desk: who may see them, and that no format carries what was entered about a person.

Distinctive values are entered at intake (names, badge, person reference, purpose, contact, agency office);
every report is then made in every format (csv, json, html, pdf) and searched for them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sanctuary.desk.context import DeskContext
from sanctuary.reports.cli import export_report
from sanctuary.reports.laws import REPORTS
from tests.desk.conftest import Account, detainer_body, login

CANARIES = ("Zebulon Quartermaine", "QX-99317", "PERSONREF-7731-ZZ", "deport Zebulon", "zq@ice.example",
            "555-0199-77", "ICE ERO Canaryville")
PERIODS = {"illinois": "2026", "nyc-detainers": "FY2026", "nyc-requests": "2026-Q1", "chicago": "2026-Q1",
           "california-truth": "2026", "california-values": "2026", "oregon": "2026-03", "washington": "2026",
           "new-jersey": "2026", "colorado": "2026", "connecticut": "2026-H1"}
WHERE = ("us/il/cook-county", "us/il/chicago", "us/ca/san-francisco", "us/or/portland", "us/ny/new-york-city",
         "us/wa/seattle", "us/nj", "us/co", "us/ct")


def _intake(client: TestClient, users: dict[str, Account]) -> None:
    for where in WHERE:
        body = detainer_body(where, agents=[{"name": CANARIES[0], "badge": CANARIES[1]}], person_ref=CANARIES[2],
                             stated_purpose=CANARIES[3], supervisor_contact=f"{CANARIES[4]} {CANARIES[5]}",
                             agent_agency=CANARIES[6])
        made = client.post("/api/v1/requests", json=body, headers=users["clerk"].auth)
        assert made.status_code == 201, made.text
        final = client.post(f"/api/v1/requests/{made.json()['id']}/final", headers=users["counsel"].auth,
                            json={"outcome": "complied", "reason": f"asked by {CANARIES[0]}"})
        assert final.status_code == 201, final.text


def test_no_report_in_any_format_carries_what_was_entered_about_the_person(
    client: TestClient, users: dict[str, Account], ctx: DeskContext
) -> None:
    _intake(client, users)
    login(client, users["counsel"].username)
    assert PERIODS.keys() == REPORTS.keys()
    counted = 0
    for name, period in PERIODS.items():
        for fmt in ("csv", "json", "html", "pdf"):
            response = client.get(f"/reports/{name}", params={"period": period, "format": fmt})
            assert response.status_code == 200, (name, fmt, response.text[:300])
            body = response.content
            if fmt == "pdf":
                assert body.startswith(b"%PDF")
                assert b"No names or identifying information" in body  # the text is searchable as is
            for canary in CANARIES:
                assert canary.encode() not in body, (name, fmt, canary)
            if fmt == "json":
                counted += sum(response.json()["totals"].values())
    assert counted > 0  # the canary requests were counted, not skipped
    illinois = client.get("/reports/illinois", params={"period": "2026", "format": "json"}).json()
    assert illinois["totals"]["detainers_and_civil_warrants_received"] == 2  # Cook County and Chicago


def test_cli_pdf_in_spanish_and_french(client: TestClient, users: dict[str, Account], ctx: DeskContext,
                                       tmp_path: Path) -> None:
    _intake(client, users)
    for lang, heading in (("es", "Fundamento legal"), ("fr", "Fondement juridique"), ("en", "Legal basis")):
        pdf, _ = export_report(ctx.settings, "oregon", "2026-03", "pdf", language=lang)
        assert isinstance(pdf, bytes) and heading.encode("latin-1") in pdf
        for canary in CANARIES:
            assert canary.encode() not in pdf
        html, _ = export_report(ctx.settings, "oregon", "2026-03", "html", language=lang)
        assert isinstance(html, str) and f"<html lang={lang}>" in html and heading in html


@pytest.mark.parametrize("role", ["supervisor", "counsel", "auditor"])
def test_reports_pages_open_to_supervisor_counsel_and_auditor(client: TestClient, users: dict[str, Account],
                                                              role: str) -> None:
    login(client, users[role].username)
    index = client.get("/reports")
    assert index.status_code == 200 and "Illinois TRUST Act" in index.text
    page = client.get("/reports/chicago", params={"period": "2026-Q1"})
    assert page.status_code == 200 and "MCC § 2-173-069" in page.text
    assert client.get("/reports/chicago", params={"period": "2026"}).status_code == 422
    assert client.get("/reports/atlantis", params={"period": "2026"}).status_code == 404


@pytest.mark.parametrize("role", ["clerk", "admin"])
def test_reports_pages_closed_to_clerk_and_admin(client: TestClient, users: dict[str, Account], role: str) -> None:
    login(client, users[role].username)
    assert client.get("/reports").status_code == 403
    assert client.get("/reports/illinois", params={"period": "2026"}).status_code == 403


def test_reports_pages_closed_to_the_public(client: TestClient) -> None:
    for path in ("/reports", "/reports/illinois?period=2026&format=json"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code in (303, 401, 403), (path, response.status_code)
        assert "totals" not in response.text


def test_collector_page_for_auditor_and_admin(client: TestClient, users: dict[str, Account], ctx: DeskContext,
                                              tmp_path: Path) -> None:
    import json

    from sanctuary.audit.keys import load_or_create_signing_key
    from sanctuary.collector import service

    _intake(client, users)
    filed, _ = export_report(ctx.settings, "illinois", "2026", "json")
    with ctx.writing() as session:
        service.register_agency(session, "cook", "Cook County Sheriff", "us/il/cook-county",
                                load_or_create_signing_key(ctx.settings.data_dir).public_key())
        service.register_agency(session, "evanston", "Evanston Police", "us/il/evanston",
                                load_or_create_signing_key(tmp_path / "other").public_key())
        service.receive(session, json.loads(filed))
    for role in ("clerk", "counsel"):
        login(client, users[role].username)
        assert client.get("/collector").status_code == 403
    for role in ("auditor", "admin"):
        login(client, users[role].username)
        page = client.get("/collector", params={"report": "illinois", "period": "2026"})
        assert page.status_code == 200
        assert "Agencies that filed: 1 of 2" in page.text and "Evanston Police (evanston)" in page.text
        assert "<td>Immigration detainers and civil immigration warrants received</td><td>2</td>" in page.text
        assert client.get("/collector", params={"report": "illinois", "period": "2026-Q1"}).status_code == 422


def test_report_page_links_its_stylesheet_and_the_file_inlines_it(client: TestClient, users: dict[str, Account],
                                                                  ctx: DeskContext) -> None:
    from sanctuary.reports.render import REPORT_CSS

    login(client, users["auditor"].username)
    page = client.get("/reports/illinois", params={"period": "2026"})
    assert '<link rel="stylesheet" href="/static/report.css">' in page.text and "<style>" not in page.text
    css = client.get("/static/report.css").text
    assert REPORT_CSS in css.replace("\n", "")
    html, _ = export_report(ctx.settings, "illinois", "2026", "html")
    assert isinstance(html, str) and f"<style>{REPORT_CSS}</style>" in html


def test_collector_upload_for_admin_only(client: TestClient, users: dict[str, Account], ctx: DeskContext) -> None:
    import json

    from sanctuary.audit.keys import load_or_create_signing_key
    from sanctuary.collector import service

    _intake(client, users)
    filed, _ = export_report(ctx.settings, "illinois", "2026", "json")
    forged = json.loads(filed)
    forged["totals"]["detainers_and_civil_warrants_received"] = 0
    with ctx.writing() as session:
        service.register_agency(session, "cook", "Cook County Sheriff", "us/il/cook-county",
                                load_or_create_signing_key(ctx.settings.data_dir).public_key())
    csrf = login(client, users["auditor"].username)
    files = {"file": ("il.json", filed.encode() if isinstance(filed, str) else filed, "application/json")}
    assert client.post("/collector/filings", data={"csrf": csrf}, files=files).status_code == 403
    csrf = login(client, users["admin"].username)
    assert client.post("/collector/filings", data={"csrf": "wrong"}, files=files).status_code == 403
    refused = client.post("/collector/filings", data={"csrf": csrf},
                          files={"file": ("f.json", json.dumps(forged).encode(), "application/json")})
    assert refused.status_code == 422 and "Refused: report_signature: does not verify" in refused.text
    accepted = client.post("/collector/filings", data={"csrf": csrf}, files=files)
    assert accepted.status_code == 200 and "Accepted: cook, illinois 2026" in accepted.text
    junk = client.post("/collector/filings", data={"csrf": csrf}, files={"file": ("x.json", b"\xff\xfe", "x/y")})
    assert junk.status_code == 422 and "Refused: file: not JSON" in junk.text
    with ctx.reading() as session:
        assert service.rollup(session, "illinois", "2026")["agencies_filed"] == 1


def test_reports_use_the_agency_profiles_time_zone(client: TestClient, users: dict[str, Account],
                                                   ctx: DeskContext) -> None:
    # The Illinois report's dates (and the year they fall in) are the agency's, as on the desk's pages: the zone
    # saved in the agency profile, not the process's SANCTUARY_TIMEZONE.
    _intake(client, users)
    assert ctx.settings.timezone != "America/Chicago"
    profile = {"name": "Cook County Sheriff", "address": "", "letterhead": "", "counsel_phone": "",
               "timezone": "America/Chicago"}
    saved = client.put("/api/v1/agency", json=profile, headers=users["admin"].auth)
    assert saved.status_code == 200, saved.text
    made, _ = export_report(ctx.settings, "illinois", "2026", "json")
    assert isinstance(made, str) and json.loads(made)["timezone"] == "America/Chicago"
    login(client, users["counsel"].username)
    page = client.get("/reports/illinois", params={"period": "2026", "format": "json"})
    assert page.status_code == 200 and page.json()["timezone"] == "America/Chicago"


def test_the_day_received_is_the_agencys_day(client: TestClient, users: dict[str, Account],
                                             ctx: DeskContext) -> None:
    # 03:00 UTC on 1 January 2026 is still 31 December 2025 in Chicago: once the agency profile says Chicago,
    # the request counts in the 2025 report, not 2026's.
    assert ctx.settings.timezone == "UTC"
    profile = {"name": "Cook County Sheriff", "address": "", "letterhead": "", "counsel_phone": "",
               "timezone": "America/Chicago"}
    assert client.put("/api/v1/agency", json=profile, headers=users["admin"].auth).status_code == 200
    body = detainer_body("us/il/cook-county", received_at="2026-01-01T03:00:00+00:00")
    assert client.post("/api/v1/requests", json=body, headers=users["clerk"].auth).status_code == 201
    totals = {}
    for year in ("2025", "2026"):
        made, _ = export_report(ctx.settings, "illinois", year, "json")
        assert isinstance(made, str)
        totals[year] = json.loads(made)["totals"]["detainers_and_civil_warrants_received"]
    assert totals == {"2025": 1, "2026": 0}
