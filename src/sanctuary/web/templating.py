"""The Jinja2 environment shared by the desk's pages and the atlas (which extends base.html).

Every page goes through one translation system (``sanctuary.i18n``): Jinja2's i18n extension with Babel
catalogues, the request's locale chosen once per response, Babel's date and number formatting as filters, and
``<html lang>``, ``Content-Language`` and a language switcher from the same choice (``docs/i18n.md``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from babel import dates, numbers
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.templating import _TemplateResponse

from sanctuary import i18n
from sanctuary.desk.agency import local_day, local_time
from sanctuary.i18n import locale as i18n_locale
from sanctuary.web.client import is_https

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
LANG_COOKIE_MAX_AGE = 365 * 86400


def request_locale(request: Request) -> str:
    """The locale of this request, negotiated once and kept on ``request.state``."""
    chosen = getattr(request.state, "locale", None)
    if isinstance(chosen, str):
        return chosen
    chosen = i18n.negotiate(request.query_params.get("lang"), request.cookies.get(i18n.LANG_COOKIE),
                            request.headers.get("accept-language"))
    request.state.locale = chosen
    return chosen


def lang_url(request: Request, code: str) -> str:
    """This page's address in another language: the same path and query, ``lang`` replaced."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    query.append(("lang", code))
    return f"{request.url.path}?{urlencode(query)}"


def _date(value: dt.date | dt.datetime | str | None, format: str = "long") -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return dates.format_date(value, format=format, locale=i18n.current_locale())


def _datetime(value: dt.datetime | None, format: str = "medium", tzinfo: dt.tzinfo | None = None) -> str:
    if value is None:
        return ""
    return dates.format_datetime(value, format=format, tzinfo=tzinfo, locale=i18n.current_locale())


def _number(value: int | float | Decimal | None) -> str:
    return "" if value is None else numbers.format_decimal(value, locale=i18n.current_locale())


def _percent(value: float | Decimal | None) -> str:
    return "" if value is None else numbers.format_percent(value, locale=i18n.current_locale())


def make_environment(extra_dirs: list[Path] | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader([TEMPLATES_DIR, *(extra_dirs or [])]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n_locale.gettext, i18n_locale.ngettext, newstyle=True,
        pgettext=i18n_locale.pgettext, npgettext=i18n_locale.npgettext)
    env.filters.update(format_date=_date, format_datetime=_datetime, format_number=_number,
                       format_percent=_percent)
    env.globals.update(current_locale=i18n.current_locale, languages=i18n.LANGUAGE_NAMES)
    env.filters["when"] = local_time  # {{ dt|when(agency.timezone) }}: local time with the zone named
    env.filters["day"] = local_day  # {{ dt|day(agency.timezone) }}: the local calendar day
    env.globals["place_label"] = _place_label
    # {{ error_heading(error) }} {{ error_text(error) }}: a DeskInputError's field and message, translated
    env.globals["error_heading"] = _error_heading
    env.globals["error_text"] = _error_text
    return env


def _error_heading(error: object) -> str:
    from sanctuary.web.input_errors import heading

    return heading(error)


def _error_text(error: object, sentence: bool = False) -> str:
    from sanctuary.web.input_errors import message_text

    return message_text(error, sentence)


def _place_label(jid: str) -> str:
    from sanctuary.desk.places import label

    return label(jid)


def _locale_context(request: Request) -> dict[str, Any]:
    code = request_locale(request)
    return {"page_lang": code, "lang_url": lambda other: lang_url(request, other)}


class LocalizedTemplates(Jinja2Templates):
    """``TemplateResponse`` rendered in the request's locale, with ``Content-Language`` and ``Vary`` set, and
    an explicit ``?lang=`` remembered in a cookie."""

    def TemplateResponse(
        self,
        request: Request,
        name: str,
        context: dict[str, Any] | None = None,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTask | None = None,
    ) -> _TemplateResponse:
        code = request_locale(request)
        with i18n.rendering_in(code):
            response = super().TemplateResponse(request, name, context, status_code=status_code, headers=headers,
                                                media_type=media_type, background=background)
        response.headers["content-language"] = code
        response.headers.append("vary", "Accept-Language, Cookie")
        explicit = request.query_params.get("lang")
        if explicit == code and request.cookies.get(i18n.LANG_COOKIE) != code:
            response.set_cookie(i18n.LANG_COOKIE, code, max_age=LANG_COOKIE_MAX_AGE, httponly=True,
                                samesite="lax", secure=_secure(request))
        return response


def _secure(request: Request) -> bool:
    desk = getattr(request.app.state, "desk", None) if "app" in request.scope else None
    proxies: tuple[str, ...] = tuple(getattr(getattr(desk, "settings", None), "trusted_proxies", ()) or ())
    return is_https(request, proxies)


def make_templates(extra_dirs: list[Path] | None = None) -> LocalizedTemplates:
    return LocalizedTemplates(env=make_environment(extra_dirs), context_processors=[_locale_context])


templates = make_templates()
