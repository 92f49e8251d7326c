"""The intake-form check: detection in three languages, every input format, rules through the engine, CLI."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from sanctuary.forms.detect import classify, context_of, normalise
from sanctuary.forms.lint import LintInputError, lint_bytes, lint_fields
from sanctuary.forms.readers import FormField, FormReadError, read_form

CLI = [sys.executable, "-c", "from sanctuary.cli import main; main()"]


@pytest.mark.parametrize("question", [
    "marital status", "Estado civil", "État civil", "Status of your application", "Date of birth",
    "Place of employment", "Fecha de nacimiento", "Date de naissance", "Lieu de travail", "Lugar de trabajo",
    "Senior citizen discount", "Visa or Mastercard", "How long have you lived at this address?",
])
def test_false_alarms_named_in_the_issue_are_not_findings(question: str) -> None:
    assert classify(question) is None


@pytest.mark.parametrize(("question", "category", "concept"), [
    ("What is your immigration status?", "status", "immigration_status"),
    ("imigration stauts", "status", "immigration_status"),  # two misspellings
    ("situacion migratoria", "status", "immigration_status"),  # no accent
    ("Statu d'imigration", "status", "immigration_status"),
    ("¿Es usted ciudadano estadounidense?", "status", "citizenship"),
    ("Citoyenneté", "status", "citizenship"),
    ("Country of birth", "proxy", "place_of_birth"),
    ("Lugar de nacimento", "proxy", "place_of_birth"),
    ("Où êtes-vous né ?", "proxy", "place_of_birth"),
    ("Nationalité", "proxy", "nationality"),
    ("SSN", "proxy", "national_id"),
    ("Numéro d'assurance sociale (NAS)", "proxy", "national_id"),
    ("A-Number", "proxy", "immigration_document"),
    ("Alien number", "proxy", "immigration_document"),  # the longer phrase wins over "alien"
    ("Numéro de passeport", "proxy", "immigration_document"),
    ("UCI", "proxy", "immigration_document"),
    ("Date of entry into the United States", "proxy", "date_of_entry"),
    ("¿Cuánto tiempo lleva viviendo en EE.UU.?", "proxy", "years_in_country"),
])
def test_findings_in_three_languages_with_misspellings(question: str, category: str, concept: str) -> None:
    hit = classify(question)
    assert hit is not None, question
    assert (hit.concept.category, hit.concept.key) == (category, concept)


def test_normalisation_and_context_cues() -> None:
    assert normalise("Situación  MIGRATORIA (EE.UU.)") == ["situacion", "migratoria", "eeuu"]
    assert normalise("countryOfBirth") == ["country", "of", "birth"]
    assert context_of("Section 1 of Form I-9") == "employment_verification"
    assert context_of("Needed to determine your eligibility for SNAP") == "benefits_eligibility"
    assert context_of("What is your name?") is None


def test_rule_comes_from_the_engine_and_statute_required_questions_are_kept_with_their_rule() -> None:
    fields = [FormField("status", "Immigration status"), FormField("cob", "Country of birth")]
    report = lint_fields(fields, "us/ca/san-francisco")
    status, birth = report.findings
    assert status.rule == "S.F. Admin. Code § 12H.2(d)" and "forbids" in status.reason
    assert birth.rule is None and "no rule encoded" in birth.reason
    eligibility = lint_fields([FormField("q", "Immigration status (to determine eligibility for SNAP)")],
                              "us/ca/san-francisco", agency_kind="social_services")
    [kept] = eligibility.findings
    assert kept.rule == "42 U.S.C. § 1320b-7(d)(1)(A)" and "kept" in kept.reason and kept.category == "status"
    i9 = lint_fields([FormField("line 1", "Employment Eligibility Verification (Form I-9)"),
                      FormField("line 2", "I am a citizen of the United States")], "us/ca/san-francisco")
    [citizen] = i9.findings
    assert citizen.rule is not None and citizen.rule.startswith("8 U.S.C. § 1324a")
    toronto = lint_fields([FormField("q", "Statut d'immigration")], "ca/on/toronto", agency_kind="shelter")
    assert "CD29.11" in (toronto.findings[0].rule or "")
    assert lint_fields([FormField("q", "SSN")]).findings[0].rule is None  # no jurisdiction: no rule
    with pytest.raises(LintInputError):
        lint_fields([FormField("q", "SSN")], "xx/nowhere")


HTML = b"""<!doctype html><form>
<label for="a">Full name</label><input id="a" name="full_name">
<label>Country of birth <input name="birth_country"></label>
<input name="ssn" placeholder="Social Security Number">
<label for="r1">Status</label><input type="radio" id="r1" name="st" value="U.S. citizen">
<input type="radio" name="st" value="Permanent resident">
<label for="ms">Marital status</label><select id="ms" name="marital"><option>Single</option></select>
<textarea name="notes" aria-label="Notes"></textarea><input type="hidden" name="csrf" value="x">
<input type="submit" value="Send"></form>"""


def test_html_inputs_selects_textareas_with_their_labels() -> None:
    kind, fields = read_form(HTML, "intake.html")
    assert kind == "html"
    assert [(f.field, f.label) for f in fields] == [
        ("full_name", "Full name"), ("birth_country", "Country of birth"), ("ssn", "Social Security Number"),
        ("st", "Status"), ("marital", "Marital status"), ("notes", "Notes")]
    report = lint_bytes(HTML, "intake.html")
    assert [(f.field, f.category) for f in report.findings] == [("birth_country", "proxy"), ("ssn", "proxy"),
                                                                ("st", "status")]
    assert report.fields_checked == 6


def _xlsform() -> bytes:
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label::English (en)", "label::Español (es)", "hint"])
    survey.append(["begin_group", "g1", "Person", "Persona", None])
    survey.append(["text", "nom", "Name", "Nombre", None])
    survey.append(["text", "lieu_nais", None, "Lugar de nacimiento", None])
    survey.append(["select_one yn", "q_status", "Do you have papers?", "¿Tiene papeles?", None])
    survey.append(["date", "dob", "Date of birth", "Fecha de nacimiento", None])
    survey.append(["end_group", None, None, None, None])
    book.create_sheet("choices").append(["list_name", "name", "label"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsform_survey_sheet_names_and_every_label_language() -> None:
    kind, fields = read_form(_xlsform(), "survey.xlsx")
    assert kind == "xlsx" and [f.field for f in fields] == ["nom", "lieu_nais", "q_status", "dob"]
    report = lint_bytes(_xlsform(), "survey.xlsx")
    assert [(f.field, f.category) for f in report.findings] == [("lieu_nais", "proxy"), ("q_status", "status")]
    book = Workbook()
    book.active.title = "settings"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(FormReadError, match="survey"):
        read_form(out.getvalue(), "other.xlsx")


def _pdf(fields: list[tuple[str, str]]) -> bytes:
    """A one-page PDF with fillable text fields (name, tooltip)."""
    refs = " ".join(f"{4 + i} 0 R" for i in range(len(fields)))
    objects = [f"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{refs}] >> >>",
               "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [{refs}] >>"]
    objects += [f"<< /Type /Annot /Subtype /Widget /FT /Tx /T ({name}) /TU ({tip}) /Rect [50 {700 - 30 * i} 300 "
                f"{720 - 30 * i}] /P 3 0 R >>" for i, (name, tip) in enumerate(fields)]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_fillable_pdf_fields_and_flat_pdf_refused() -> None:
    pdf = _pdf([("applicant_name", "Full name"), ("pob", "Lieu de naissance"), ("sin", "SIN")])
    report = lint_bytes(pdf, "form.pdf")
    assert report.format == "pdf" and report.fields_checked == 3
    assert [(f.field, f.label) for f in report.findings] == [("pob", "Lieu de naissance"), ("sin", "SIN")]
    with pytest.raises(FormReadError, match="no fillable fields"):
        read_form(_pdf([]), "flat.pdf")
    with pytest.raises(FormReadError, match=r"broken\.pdf: cannot be read as pdf"):
        read_form(b"%PDF-1.4\n%%EOF\n", "broken.pdf")


def test_docx_paragraphs_and_tables_by_line() -> None:
    document = Document()
    document.add_paragraph("Intake form")
    document.add_paragraph("Nombre:")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "País de nacimiento"
    table.cell(1, 0).text = "Estado civil"
    out = io.BytesIO()
    document.save(out)
    report = lint_bytes(out.getvalue(), "intake.docx")
    assert report.format == "docx" and report.fields_checked == 4
    assert [(f.field, f.label) for f in report.findings] == [("line 3", "País de nacimiento")]


def test_plain_text_one_question_a_line_and_broken_files() -> None:
    report = lint_bytes(b"Name\n\nEstatus migratorio\nMarital status\n", "q.txt")
    assert [f.field for f in report.findings] == ["line 3"] and report.fields_checked == 3
    with pytest.raises(FormReadError, match=r"broken\.xlsx"):
        read_form(b"PK\x03\x04 not really a zip", "broken.xlsx")


@pytest.mark.slow
def test_cli_json_shape_and_exit_codes(tmp_path: Path) -> None:
    form = tmp_path / "form.txt"
    form.write_text("Name\nImmigration status\nDate of birth\n")
    run = subprocess.run([*CLI, "forms", "lint", str(form), "--jurisdiction", "us/ca/san-francisco", "--json"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1, run.stderr
    body = json.loads(run.stdout)
    assert body == {"findings": [{"field": "line 2", "label": "Immigration status", "category": "status",
                                  "reason": body["findings"][0]["reason"], "rule": "S.F. Admin. Code § 12H.2(d)",
                                  "suggestion": body["findings"][0]["suggestion"]}], "fields_checked": 3}
    clean = tmp_path / "clean.txt"
    clean.write_text("Name\nPhone number\n")
    ok = subprocess.run([*CLI, "forms", "lint", str(clean)], capture_output=True, text=True, timeout=120,
                        check=False)
    assert ok.returncode == 0 and "0 finding(s) in 2 field(s)" in ok.stdout
    bad = subprocess.run([*CLI, "forms", "lint", str(clean), "--jurisdiction", "zz/nowhere"], capture_output=True,
                         text=True, timeout=120, check=False)
    assert bad.returncode == 2 and "--jurisdiction zz/nowhere" in bad.stderr
