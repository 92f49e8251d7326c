"""Loading the message catalogues: the compiled ``.mo`` when it is at least as new as its ``.po``, else the
``.po`` compiled in memory (so a fresh checkout, ``make run`` and the wheel all work without a build step)."""

from __future__ import annotations

import functools
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
LOCALES: tuple[str, ...] = ("en", "es", "fr")


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(locale: str) -> NullTranslations:
    """The catalogue of one locale, read once per process. An unknown locale gets no translation (English)."""
    if locale not in LOCALES:
        return NullTranslations()
    po = po_path(locale)
    mo = po.with_suffix(".mo")
    if mo.exists() and po.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as fh:
            return Translations(fh, domain=DOMAIN)
    if not po.exists():
        raise FileNotFoundError(f"{po}: no message catalogue for locale {locale!r}")
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=locale, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)  # a fuzzy entry is not a translation: English shows instead
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)
