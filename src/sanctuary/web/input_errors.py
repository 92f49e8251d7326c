"""Bad input as a page shows it: the field in plain words and the message, both in the page's language.

A :class:`~sanctuary.desk.engine_port.DeskInputError` carries its message in English (what the API answers) and
the unfilled text it was made from, which is the catalogue's message id; ``%(name)s`` placeholders are filled
after translation. A message no catalogue knows (a library's, e.g. a validation detail) is shown as it is.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from sanctuary.desk.wording import field_words
from sanctuary.i18n import gettext, rendering_in
from sanctuary.web.templating import request_locale


def message_text(error: Any, sentence: bool = False) -> str:
    """The error's message in the current render's language (``sentence``: capital first, full stop last)."""
    english = str(getattr(error, "message", "") or "")
    template = str(getattr(error, "template", "") or english)
    params = getattr(error, "params", None) or {}
    text = gettext(template)
    if params:
        try:
            text = text % params
        except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder: the English is safe
            text = english
    if sentence and text:
        text = text[0].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")
    return text


def heading(error: Any) -> str:
    """“Check “<field>”:”, the field in plain words, in the current render's language."""
    field = gettext(field_words(str(getattr(error, "field", "") or "form")))
    return gettext("Check “%(field)s”:") % {"field": field}


def line(error: Any) -> str:
    """“Check “<field>”: <message>” in the current render's language."""
    return f"{heading(error)} {message_text(error)}"


def for_request(request: Request, error: Any) -> str:
    """:func:`line` in the request's language, outside a template's render."""
    with rendering_in(request_locale(request)):
        return line(error)
