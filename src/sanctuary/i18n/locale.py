"""Choosing a request's locale and translating while a page renders."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from babel import Locale, UnknownLocaleError

from sanctuary.i18n.catalogues import LOCALES, translations

DEFAULT_LOCALE = "en"
LANG_COOKIE = "sanctuary_lang"
# Each language named in itself, for the switcher.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español", "fr": "Français"}

_current: ContextVar[str] = ContextVar("sanctuary_locale", default=DEFAULT_LOCALE)


def _known(tag: str | None) -> str | None:
    """``es``, ``es-MX``, ``fr_CA`` → the supported language, else None."""
    if not tag:
        return None
    try:
        lang = Locale.parse(tag.strip().replace("-", "_")).language
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    return lang if lang in LOCALES else None


def _accept_language(header: str) -> str | None:
    """The supported language the header prefers most (RFC 9110 §12.5.4 quality values); ties keep order."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            name, _, value = p.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        lang = _known(tag) if tag.strip() != "*" else None
        if lang and q > 0:
            ranked.append((-q, i, lang))
    return min(ranked)[2] if ranked else None


def negotiate(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """Explicit choice first, then the remembered one, then the browser's, then English."""
    return _known(query) or _known(cookie) or _accept_language(accept_language or "") or DEFAULT_LOCALE


def current_locale() -> str:
    return _current.get()


@contextmanager
def rendering_in(locale: str) -> Iterator[None]:
    """Translate into ``locale`` inside the block (a page render, a printout)."""
    token = _current.set(locale if locale in LOCALES else DEFAULT_LOCALE)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    if not message:  # an empty label (a field left blank): never the catalogue's header, which gettext("") gives
        return message
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return str(translations(_current.get()).pgettext(context, message))


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return str(translations(_current.get()).npgettext(context, singular, plural, n))
