"""A report document in CSV, HTML and PDF (JSON is the document itself), and back again for ``verify``.

Every format carries the same things: the law, period, recipient, the counts with their citations, the zero
certifications, the notes, and the signed checkpoint it was computed from (HTML embeds the whole document as a
JSON data block, CSV as ``source`` rows), so a filed copy in any of them can be checked with ``report verify``.
PDF is drawn with ReportLab (BSD) in its built-in Helvetica (no font files, nothing fetched); text is left
uncompressed so the filed PDF can be searched and audited as text.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sanctuary.reports.labels import labels

CSV_HEADER = ("row", "name", "label", "citation", "confidence", "value")


@dataclass(frozen=True)
class DetailTable:
    """Numbered lines a law asks for in addition to counts (Illinois's detainer lines): no names, codes only."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _period(document: Mapping[str, Any]) -> str:
    period = document.get("period")
    if isinstance(period, Mapping):
        try:
            last = (date.fromisoformat(str(period.get("end"))) - timedelta(days=1)).isoformat()
        except ValueError:
            return str(period.get("label"))
        return f"{period.get('label')} ({period.get('start')} – {last})"
    return str(period)


# -- CSV ---------------------------------------------------------------------------------------------------


def to_csv(document: Mapping[str, Any]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_HEADER)
    period = document.get("period") or {}
    for key in ("report", "citation", "jurisdiction", "recipient", "deadline"):
        w.writerow(["meta", key, "", "", "", document.get(key, "")])
    w.writerow(["meta", "period", period.get("kind", ""), "", "", period.get("label", "")])
    for c in document.get("counts", []):
        w.writerow(["count", c["name"], c["label"], c["citation"], c["confidence"], c["count"]])
    for text in document.get("certifications", []):
        w.writerow(["certification", "", "", "", "", text])
    for key, value in (document.get("source") or {}).items():
        if key != "consistency":
            w.writerow(["source", key, "", "", "", value])
    return out.getvalue()


def document_from_csv(text: str, filename: str = "report") -> dict[str, Any]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or tuple(rows[0]) != CSV_HEADER:
        raise ValueError(f"{filename}: not a report CSV (first row must be {','.join(CSV_HEADER)})")
    document: dict[str, Any] = {"totals": {}, "source": {}}
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(CSV_HEADER):
            raise ValueError(f"{filename}: line {n} has {len(row)} columns, want {len(CSV_HEADER)}")
        kind, name, label, _, _, value = row
        if kind == "meta" and name == "period":
            document["period"] = {"kind": label, "label": value}
        elif kind == "meta":
            document[name] = value
        elif kind == "count":
            try:
                document["totals"][name] = int(value)
            except ValueError as exc:
                raise ValueError(f"{filename}: line {n}: count {name} is not a whole number: {value!r}") from exc
        elif kind == "source":
            document["source"][name] = int(value) if name == "size" and value.isdigit() else value
    return document


# -- HTML --------------------------------------------------------------------------------------------------

_DATA_ID = "sanctuary-report"


REPORT_CSS = ("body{font:11pt/1.4 serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;width:100%}"
              "th,td{border:1px solid #000;padding:.2em .4em;text-align:left}td.n{text-align:right}"
              ".cert,.warn{border:1px solid #000;padding:.5em}@media print{body{margin:0}}")


def to_html(document: Mapping[str, Any], details: Sequence[DetailTable] = (), stylesheet: str | None = None) -> str:
    """A printable page (no scripts run, no outside assets) in the document's language: self-contained (inline
    style) for a file; with ``stylesheet``, linked to it instead (the desk's pages forbid inline styles)."""
    e = html.escape
    lang = str(document.get("language", "en"))
    t = labels(lang)
    en = "" if lang == "en" else " lang=en"  # the law's own wording stays in English
    counts = "".join(
        f"<tr><td{en}>{e(c['label'])}</td><td class=n>{c['count']}</td><td>{e(c['citation'])}</td>"
        f"<td>{e(c['confidence'])}</td></tr>"
        for c in document.get("counts", [])
    )
    certs = "".join(f"<p class=cert><strong>{e(t['certifications'])}:</strong> <span{en}>{e(x)}</span></p>"
                    for x in document.get("certifications", []))
    notes = "".join(f"<li{en}>{e(n)}</li>" for n in document.get("notes", []))
    detail_html = ""
    for table in details:
        head = "".join(f"<th scope=col>{e(c)}</th>" for c in table.columns)
        body = "".join("<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in table.rows)
        detail_html += f"<h2>{e(table.heading)}</h2>" + (
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" if table.rows
            else f"<p>({e(t['none'])})</p>")
    source = document.get("source") or {}
    data = json.dumps(document, ensure_ascii=True, sort_keys=True).replace("</", "<\\/")
    unverified = "" if document.get("verified") else f"<p class=warn>{e(t['not_verified'])}</p>"
    return (
        f"<!doctype html><html lang={e(lang)}><head><meta charset=utf-8>"
        f"<title>{e(str(document.get('title', '')))} — {e(str((document.get('period') or {}).get('label', '')))}"
        "</title>"
        + (f'<link rel="stylesheet" href="{e(stylesheet)}">' if stylesheet else f"<style>{REPORT_CSS}</style>")
        + "</head><body>"
        f"<h1>{e(str(document.get('title', '')))}</h1>"
        f"<p>{e(t['legal_basis'])}: {e(str(document.get('citation', '')))} — {e(str(document.get('law', '')))}<br>"
        f"{e(t['period'])}: <strong>{e(_period(document))}</strong><br>"
        f"{e(t['jurisdiction'])}: {e(str(document.get('jurisdiction', '')))}<br>"
        f"{e(t['recipient'])}: {e(str(document.get('recipient', '')))}<br>"
        f"{e(t['deadline'])}: {e(str(document.get('deadline', '')))}</p>"
        f"<p>{e(t['no_names'])}</p>{unverified}"
        f"<h2>{e(t['counts'])}</h2><table><thead><tr><th scope=col>{e(t['item'])}</th>"
        f"<th scope=col>{e(t['count'])}</th><th scope=col>{e(t['citation'])}</th>"
        f"<th scope=col>{e(t['confidence'])}</th></tr></thead><tbody>{counts}</tbody></table>{certs}"
        f"{detail_html}"
        + (f"<h2>{e(t['notes'])}</h2><ul>{notes}</ul>" if notes else "")
        + f"<h2>{e(t['source'])}</h2><p>{e(t['log_size'])}: {e(str(source.get('size', '')))}<br>"
        f"{e(t['root_hash'])}: <code>{e(str(source.get('root_hash', '')))}</code><br>"
        f"{e(t['key_id'])}: <code>{e(str(source.get('key_id', '')))}</code><br>{e(t['verify'])}</p>"
        f"<p>{e(t['certified_by'])}: ____________________ {e(t['title'])}: ____________ "
        f"{e(t['date'])}: __________</p>"
        f'<script type="application/json" id="{_DATA_ID}">{data}</script>'
        "</body></html>\n"
    )


def document_from_html(text: str, filename: str = "report") -> dict[str, Any]:
    m = re.search(rf'<script type="application/json" id="{_DATA_ID}">(.*?)</script>', text, re.S)
    if m is None:
        raise ValueError(f"{filename}: no embedded report data (was it saved from `sanctuary report ... --format "
                         "html`?)")
    value = json.loads(m.group(1).replace("<\\/", "</"))
    if not isinstance(value, dict):
        raise ValueError(f"{filename}: the embedded report data is not an object")
    return value


# -- PDF ---------------------------------------------------------------------------------------------------


def to_pdf(document: Mapping[str, Any], details: Sequence[DetailTable] = ()) -> bytes:
    """A letter-size PDF an agency can sign and file: the same content as the HTML, in the document's language."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    t = labels(str(document.get("language", "en")))
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=8, leading=10)
    e = html.escape

    def p(text: str, style: Any = body) -> Any:
        return Paragraph(e(text), style)

    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("ALIGN", (1, 1), (1, -1), "RIGHT")])
    source = document.get("source") or {}
    story: list[Any] = [
        Paragraph(e(str(document.get("title", ""))), styles["Title"]),
        p(f"{t['legal_basis']}: {document.get('citation', '')} — {document.get('law', '')}"),
        p(f"{t['period']}: {_period(document)}"),
        p(f"{t['jurisdiction']}: {document.get('jurisdiction', '')}"),
        p(f"{t['recipient']}: {document.get('recipient', '')}"),
        p(f"{t['deadline']}: {document.get('deadline', '')}"),
        p(t["no_names"]),
    ]
    if not document.get("verified"):
        story.append(p(t["not_verified"]))
    rows = [[p(t["item"]), p(t["count"]), p(t["citation"]), p(t["confidence"])]]
    rows += [[p(c["label"]), str(c["count"]), p(c["citation"], small), c["confidence"]]
             for c in document.get("counts", [])]
    story += [Spacer(1, 8), Paragraph(e(t["counts"]), styles["Heading2"]),
              Table(rows, colWidths=[3.3 * inch, 0.7 * inch, 1.8 * inch, 0.9 * inch], style=grid, repeatRows=1)]
    for text in document.get("certifications", []):
        story += [Spacer(1, 6), p(f"{t['certifications']}: {text}")]
    for table in details:
        story += [Spacer(1, 8), Paragraph(e(table.heading), styles["Heading2"])]
        if not table.rows:
            story.append(p(f"({t['none']})"))
            continue
        drows = [[p(c, small) for c in table.columns]] + [[p(v, small) for v in row] for row in table.rows]
        story.append(Table(drows, style=grid, repeatRows=1))
    if document.get("notes"):
        story += [Spacer(1, 8), Paragraph(e(t["notes"]), styles["Heading2"])]
        story += [p(f"• {n}", small) for n in document.get("notes", [])]
    story += [
        Spacer(1, 8), Paragraph(e(t["source"]), styles["Heading2"]),
        p(f"{t['log_size']}: {source.get('size', '')}", small),
        p(f"{t['root_hash']}: {source.get('root_hash', '')}", small),
        p(f"{t['key_id']}: {source.get('key_id', '')}", small),
        p(t["verify"], small),
        Spacer(1, 24),
        p(f"{t['certified_by']}: ______________________________   {t['title']}: ________________   "
          f"{t['date']}: __________"),
    ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=LETTER, title=str(document.get("title", "")), author="",
                      subject=str(document.get("citation", "")), invariant=1, pageCompression=0).build(story)
    return out.getvalue()
