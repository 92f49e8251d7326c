"""One translation system for every page: Babel message catalogues read through Jinja2's i18n extension.

The locale of a request is chosen once (``negotiate``): an explicit ``?lang=``, then the ``sanctuary_lang``
cookie, then the ``Accept-Language`` header, else English. While a template renders, the locale sits in a
context variable, so macros imported without context translate too. Catalogues live in
``sanctuary/locale/<lang>/LC_MESSAGES/messages.po`` (see ``docs/i18n.md``).
"""

from __future__ import annotations

from sanctuary.i18n.catalogues import LOCALE_DIR, LOCALES, translations
from sanctuary.i18n.locale import (
    DEFAULT_LOCALE,
    LANG_COOKIE,
    LANGUAGE_NAMES,
    current_locale,
    gettext,
    negotiate,
    ngettext,
    rendering_in,
)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (it is translated where it is shown)."""
    return message


__all__ = [
    "DEFAULT_LOCALE",
    "LANGUAGE_NAMES",
    "LANG_COOKIE",
    "LOCALES",
    "LOCALE_DIR",
    "N_",
    "current_locale",
    "gettext",
    "negotiate",
    "ngettext",
    "rendering_in",
    "translations",
]
