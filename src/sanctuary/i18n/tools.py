"""Catalogue maintenance and checks: ``python -m sanctuary.i18n.tools fill-en|check``.

``check`` fails (exit 1) on any msgid left untranslated (empty or fuzzy) in a catalogue, on any message the
sources mark that a catalogue lacks (run ``make messages``), and on any visible template text not wrapped for
translation. The tests call the same functions (``tests/i18n``).
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from sanctuary.i18n.catalogues import LOCALE_DIR, LOCALES, po_path

PACKAGE_DIR = LOCALE_DIR.parent
BABEL_CFG_METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
BABEL_CFG_OPTIONS = {"**/templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true",
                                               "newstyle_gettext": "true", "silent": "false"}}

# Templates whose text is not wrapped yet: the desk's pages, translated on the desk's own branch. The check
# still reads them, and fails once one is clean while listed (take it off this list then).
PENDING_TEMPLATES: frozenset[str] = frozenset()

# Visible attribute values (the rest, such as href or class, are not text for a person).
TEXT_ATTRIBUTES = frozenset({"alt", "title", "placeholder", "aria-label", "aria-description", "summary"})
# Words that are the same in every language: the project's name and file formats.
UNTRANSLATED_WORDS = frozenset({"Sanctuary", "CSV", "JSON", "SVG"})
_OUTPUT = re.compile(r"\{\{.*?\}\}", re.S)
_STATEMENT = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
_TRANS = re.compile(r"\{%-?\s*trans\b.*?%\}.*?\{%-?\s*endtrans\s*-?%\}", re.S)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
PLACEHOLDER = "\x00"


def _is_text(chunk: str) -> bool:
    """Holds a word for a person to read (a word of letters that is not the same in every language)."""
    return any(word not in UNTRANSLATED_WORDS for word in _WORD.findall(chunk.replace(PLACEHOLDER, " ")))


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code"):
            self._skip += 1
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value and _is_text(value):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))
        if tag == "input" and dict(attrs).get("type") in ("submit", "button", "reset"):
            value = dict(attrs).get("value")
            if value and _is_text(value):
                self.found.append((self.getpos()[0], f'value="{value}"'))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and _is_text(data):
            lead = len(data) - len(data.lstrip(PLACEHOLDER + " \n\t"))
            line = self.getpos()[0] + data[:lead].count("\n")
            self.found.append((line, " ".join(data.replace(PLACEHOLDER, " {…} ").split())))


def unwrapped_text(source: str) -> list[tuple[int, str]]:
    """Visible text in a template that is not inside ``{{ _(...) }}`` or ``{% trans %}``: (line, text)."""
    def output(m: re.Match[str]) -> str:
        return PLACEHOLDER + "\n" * m.group(0).count("\n")  # keep line numbers

    def statement(m: re.Match[str]) -> str:  # no output of its own: a space (keeps a tag's attributes apart)
        return " " + "\n" * m.group(0).count("\n")

    stripped = _STATEMENT.sub(statement, _OUTPUT.sub(output, _TRANS.sub(statement, source)))
    finder = _TextFinder()
    finder.feed(stripped)
    finder.close()
    return finder.found


def templates() -> list[Path]:
    return sorted(PACKAGE_DIR.glob("**/templates/**/*.html"))


def unwrapped_templates() -> dict[str, list[tuple[int, str]]]:
    """Every template (relative to the package) with its unwrapped text, pending ones included."""
    out: dict[str, list[tuple[int, str]]] = {}
    for path in templates():
        found = unwrapped_text(path.read_text(encoding="utf-8"))
        if found:
            out[path.relative_to(PACKAGE_DIR).as_posix()] = found
    return out


def extracted_messages() -> dict[str | tuple[str, str], list[str]]:
    """The msgids the sources mark today (what ``pybabel extract -F babel.cfg`` finds), with their files."""
    out: dict[str | tuple[str, str], list[str]] = {}
    for filename, _line, message, _comments, context in extract_from_dir(
            str(PACKAGE_DIR), method_map=BABEL_CFG_METHODS, options_map=BABEL_CFG_OPTIONS):
        key = message if isinstance(message, str) else message[0]
        out.setdefault(key if context is None else (context, key), []).append(filename)
    return out


def load(locale: str, path: Path | None = None) -> Catalog:
    with (path or po_path(locale)).open("rb") as fh:
        return read_po(fh, locale=locale)


def catalogue_problems(locale: str, path: Path | None = None) -> list[str]:
    """Untranslated (empty or fuzzy) entries of one catalogue, and any placeholder lost in translation."""
    problems: list[str] = []
    for message in load(locale, path):
        if not message.id:
            continue
        raw = message.string
        strings: tuple[str, ...] = tuple(raw) if isinstance(raw, tuple | list) else (raw or "",)
        ident = message.id if isinstance(message.id, str) else message.id[0]
        if message.fuzzy:
            problems.append(f"{locale}: fuzzy: {ident!r}")
        elif not all(strings):
            problems.append(f"{locale}: untranslated: {ident!r}")
        else:
            wanted = sorted(re.findall(r"%\(\w+\)s", ident))
            if any(sorted(re.findall(r"%\(\w+\)s", s)) != wanted for s in strings):
                problems.append(f"{locale}: placeholders differ from the msgid: {ident!r}")
    return problems


def missing_from(locale: str, wanted: dict[str | tuple[str, str], list[str]]) -> list[str]:
    """Messages the sources mark that the catalogue lacks (extract and update were not run)."""
    catalog = load(locale)
    out = []
    for key, files in sorted(wanted.items(), key=str):
        context, ident = key if isinstance(key, tuple) else (None, key)
        if catalog.get(ident, context=context) is None:
            out.append(f"{locale}: missing (run make messages): {ident!r} from {files[0]}")
    return out


def fill_english() -> int:
    """The source language translates to itself: copy each empty English msgstr from its msgid."""
    catalog = load("en")
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            forms = tuple(message.string) if isinstance(message.string, tuple | list) else ("",)
            if not all(forms) or message.fuzzy:
                message.string = (message.id[0], *([message.id[1]] * max(len(forms) - 1, 1)))
                filled += 1
        elif not message.string or message.fuzzy:
            message.string = message.id
            filled += 1
        message.flags.discard("fuzzy")
    with po_path("en").open("wb") as fh:
        write_po(fh, catalog, width=0, include_previous=False)
    return filled


def check() -> list[str]:
    problems: list[str] = []
    wanted = extracted_messages()
    for locale in LOCALES:
        problems += catalogue_problems(locale)
        problems += missing_from(locale, wanted)
    unwrapped = unwrapped_templates()
    for name, found in unwrapped.items():
        if name not in PENDING_TEMPLATES:
            problems += [f"{name}:{line}: not wrapped for translation: {text!r}" for line, text in found]
    problems += [f"{name}: listed in PENDING_TEMPLATES but fully wrapped: take it off the list"
                 for name in sorted(PENDING_TEMPLATES - set(unwrapped))]
    return problems


def main(argv: list[str]) -> int:
    if argv[:1] == ["fill-en"]:
        print(f"en: {fill_english()} entries filled from their msgid")
        return 0
    if argv[:1] == ["check"]:
        problems = check()
        for p in problems:
            print(p)
        return 1 if problems else 0
    print("usage: python -m sanctuary.i18n.tools fill-en|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
