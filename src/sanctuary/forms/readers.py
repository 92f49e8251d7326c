"""The questions of a form: HTML, XLSForm (.xlsx), fillable PDF, .docx, or plain text (one question a line)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePath

MAX_BYTES = 10 * 1024 * 1024
FORMATS = ("html", "xlsx", "pdf", "docx", "text")


class FormReadError(ValueError):
    """The file cannot be read as a form; the message says which file and why."""


@dataclass(frozen=True)
class FormField:
    field: str  # the field's name (HTML, XLSForm), the PDF field name, or "line N"
    label: str  # what the person filling the form reads
    extra: str = ""  # more text that belongs to the question (other languages' labels, options, hints)

    @property
    def text(self) -> str:
        return " \n ".join(t for t in (self.label, self.field if not self.field.startswith("line ") else "",
                                       self.extra) if t)


def detect_format(data: bytes, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix in (".xlsx", ".docx"):
            return suffix[1:]
        return "docx" if b"word/" in data[:4096] else "xlsx"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<form")) or b"<input" in head:
        return "html"
    return "text"


def read_form(data: bytes, filename: str) -> tuple[str, list[FormField]]:
    """``(format, fields)``; a :class:`FormReadError` names the file and the problem."""
    if len(data) > MAX_BYTES:
        raise FormReadError(f"{filename}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    kind = detect_format(data, filename)
    try:
        readers = {"html": _html, "xlsx": _xlsx, "pdf": _pdf, "docx": _docx, "text": _text}
        return kind, readers[kind](data)
    except FormReadError as exc:
        raise FormReadError(f"{filename}: {exc}") from exc
    except Exception as exc:  # a damaged file: say so instead of a traceback
        raise FormReadError(f"{filename}: cannot be read as {kind} ({type(exc).__name__}: {exc})") from exc


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _text(data: bytes) -> list[FormField]:
    return [FormField(f"line {n}", line.strip()) for n, line in enumerate(_decode(data).splitlines(), 1)
            if line.strip()]


# --- HTML --------------------------------------------------------------------------------------------------

_SKIP_INPUTS = {"hidden", "submit", "button", "reset", "image"}


@dataclass
class _Control:
    name: str
    id: str
    hints: list[str]
    wrapping_label: int | None
    options: list[str] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.controls: list[_Control] = []
        self.labels_for: dict[str, list[str]] = {}
        self.label_texts: list[list[str]] = []
        self._label_stack: list[tuple[int, str | None]] = []
        self._select: _Control | None = None
        self._in_option = False
        self._textarea: _Control | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        wrapping = self._label_stack[-1][0] if self._label_stack else None
        if tag == "label":
            self.label_texts.append([])
            self._label_stack.append((len(self.label_texts) - 1, a.get("for") or None))
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and a.get("type", "text").lower() in _SKIP_INPUTS:
                return
            hints = [a[k] for k in ("aria-label", "placeholder", "title") if a.get(k)]
            control = _Control(a.get("name") or a.get("id") or f"{tag} {len(self.controls) + 1}", a.get("id", ""),
                               hints, wrapping)
            if tag == "input" and a.get("type", "").lower() in ("radio", "checkbox") and a.get("value"):
                control.options.append(a["value"])
            self.controls.append(control)
            if tag == "select":
                self._select = control
            elif tag == "textarea":
                self._textarea = control
        elif tag == "option" and self._select is not None:
            self._in_option = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label_stack:
            index, target = self._label_stack.pop()
            if target:
                self.labels_for.setdefault(target, []).append(" ".join(self.label_texts[index]))
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._in_option = False
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        text = data.strip()
        if not text:
            return
        for index, _ in self._label_stack:
            self.label_texts[index].append(text)
        if self._in_option and self._select is not None:
            self._select.options.append(text)


def _html(data: bytes) -> list[FormField]:
    parser = _FormParser()
    parser.feed(_decode(data))
    parser.close()
    merged: dict[str, FormField] = {}
    for control in parser.controls:
        labels = list(parser.labels_for.get(control.id, [])) if control.id else []
        if control.wrapping_label is not None:
            labels.append(" ".join(parser.label_texts[control.wrapping_label]))
        label = " ".join(t for t in labels if t) or " ".join(control.hints)
        extra = " ".join([*control.hints, *control.options])
        previous = merged.get(control.name)  # radio buttons share a name: one question
        if previous is not None:
            label = previous.label if label in previous.label else f"{previous.label} / {label}"
            extra = f"{previous.extra} {extra}"
        merged[control.name] = FormField(control.name, label.strip(), extra.strip())
    return list(merged.values())


# --- XLSForm -------------------------------------------------------------------------------------------------

_XLS_SKIP_TYPES = ("begin group", "end group", "begin_group", "end_group", "begin repeat", "end repeat",
                   "begin_repeat", "end_repeat", "calculate", "start", "end", "today", "deviceid")


def _xlsx(data: bytes) -> list[FormField]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = next((book[n] for n in book.sheetnames if n.strip().lower() == "survey"), None)
        if sheet is None:
            raise FormReadError(f"no `survey` sheet (sheets: {', '.join(book.sheetnames)}); is it an XLSForm?")
        rows = sheet.iter_rows(values_only=True)
        header = [str(c).strip().lower() if c is not None else "" for c in next(rows, ())]
        if "name" not in header:
            raise FormReadError("the `survey` sheet has no `name` column")
        name_col = header.index("name")
        type_col = header.index("type") if "type" in header else None
        label_cols = [i for i, h in enumerate(header) if h == "label" or h.startswith("label::")]
        hint_cols = [i for i, h in enumerate(header) if h == "hint" or h.startswith("hint::")]
        fields: list[FormField] = []
        for row in rows:
            cells = ["" if c is None else str(c).strip() for c in row]
            cells += [""] * (len(header) - len(cells))
            name = cells[name_col]
            kind = cells[type_col].lower() if type_col is not None else ""
            if not name or kind in _XLS_SKIP_TYPES:
                continue
            labels = [cells[i] for i in label_cols if cells[i]]
            hints = [cells[i] for i in hint_cols if cells[i]]
            fields.append(FormField(name, labels[0] if labels else "", " ".join(labels[1:] + hints)))
        return fields
    finally:
        book.close()


# --- PDF and Word ----------------------------------------------------------------------------------------------


def _pdf(data: bytes) -> list[FormField]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    found = reader.get_fields() or {}
    if not found:
        raise FormReadError("the PDF has no fillable fields (a scanned or flat PDF: check it by hand, or save "
                            "its questions as text)")
    fields = []
    for name, spec in found.items():
        tooltip = str(spec.get("/TU") or "")
        options = spec.get("/Opt") or []
        extra = " ".join(str(o[-1] if isinstance(o, list) else o) for o in options) if isinstance(options, list) else ""
        fields.append(FormField(str(name), tooltip or str(name), extra))
    return fields


def _docx(data: bytes) -> list[FormField]:
    from docx import Document

    document = Document(io.BytesIO(data))
    lines: list[str] = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                lines.extend(p.text for p in cell.paragraphs)
    numbered = [line.strip() for line in lines if line.strip()]
    return [FormField(f"line {n}", text) for n, text in enumerate(numbered, 1)]
