"""The translation system: complete en/es/fr catalogues, every template string wrapped, locale negotiation,
rendering in the request's language, Babel's formatting in templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.testclient import TestClient

from sanctuary import i18n
from sanctuary.i18n import tools
from sanctuary.web.templating import make_environment, templates


@pytest.mark.parametrize("locale", i18n.LOCALES)
def test_no_msgid_is_untranslated_or_fuzzy(locale: str) -> None:
    assert tools.catalogue_problems(locale) == []


def test_every_marked_string_is_in_every_catalogue() -> None:
    wanted = tools.extracted_messages()
    assert "Skip to content" in wanted
    for locale in i18n.LOCALES:
        assert tools.missing_from(locale, wanted) == [], "run `make messages`"


def test_every_template_string_is_wrapped_for_translation() -> None:
    unwrapped = tools.unwrapped_templates()
    assert tools.templates(), "no templates found"
    offenders = {name: found for name, found in unwrapped.items() if name not in tools.PENDING_TEMPLATES}
    assert offenders == {}
    # A pending template is one still carrying unwrapped text: the list cannot outlive the work.
    assert sorted(tools.PENDING_TEMPLATES - set(unwrapped)) == []


def test_the_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    found = tools.unwrapped_text('<p>Hello {{ name }}</p>\n<input placeholder="Type here" value="{{ v }}">\n'
                                 '<p>{{ _("Wrapped") }} · {% trans %}Also {{ x }}{% endtrans %}</p>'
                                 '<code>us/tx</code><a href="/atlas/j/{{ id }}">{{ name }}</a>')
    assert [text for _, text in found] == ["Hello {…}", 'placeholder="Type here"']
    assert [line for line, _ in found] == [1, 2]
    po = tmp_path / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "Empty"\nmsgstr ""\n\n#, fuzzy\nmsgid "Guess"\nmsgstr "Devinette"\n\n'
                  'msgid "Hi %(name)s"\nmsgstr "Salut"\n\nmsgid "Fine"\nmsgstr "Bien"\n', encoding="utf-8")
    assert tools.catalogue_problems("fr", po) == [
        "fr: untranslated: 'Empty'", "fr: fuzzy: 'Guess'", "fr: placeholders differ from the msgid: 'Hi %(name)s'"]


@pytest.mark.parametrize(("query", "cookie", "header", "expected"), [
    (None, None, None, "en"),
    (None, None, "fr-CA,fr;q=0.9,en;q=0.8", "fr"),
    (None, None, "de-DE, es-MX;q=0.5, en;q=0.4", "es"),
    (None, None, "en;q=0.2, es;q=0.9", "es"),
    (None, None, "de, *;q=0.5", "en"),
    (None, "fr", "es", "fr"),
    ("es", "fr", "fr", "es"),
    ("xx", "bogus", "es;q=0", "en"),
    ("fr_CA", None, None, "fr"),
])
def test_the_locale_is_explicit_then_remembered_then_the_browsers(
        query: str | None, cookie: str | None, header: str | None, expected: str) -> None:
    assert i18n.negotiate(query, cookie, header) == expected


def _client() -> TestClient:
    app = FastAPI()

    @app.get("/page")
    def page(request: Request) -> Response:
        return templates.TemplateResponse(request, "base.html", {"user": None})

    return TestClient(app)


def test_a_page_renders_in_the_chosen_language_and_remembers_it() -> None:
    client = _client()
    english = client.get("/page")
    assert '<html lang="en">' in english.text and "Skip to content" in english.text
    assert english.headers["content-language"] == "en"
    assert "Accept-Language" in english.headers["vary"]
    assert i18n.LANG_COOKIE not in english.cookies

    spanish = client.get("/page", headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert '<html lang="es">' in spanish.text and "Saltar al contenido" in spanish.text

    french = client.get("/page?lang=fr&x=1")
    assert '<html lang="fr">' in french.text and "Aller au contenu" in french.text
    assert french.cookies.get(i18n.LANG_COOKIE) == "fr"
    # The switcher keeps the page's own query and swaps the language.
    assert 'href="/page?x=1&amp;lang=es" lang="es" hreflang="es"' in french.text
    assert 'lang="fr" hreflang="fr" aria-current="true"' in french.text
    # The cookie now decides without the query.
    again = client.get("/page", headers={"Accept-Language": "es"})
    assert '<html lang="fr">' in again.text


def test_babel_formatting_follows_the_locale() -> None:
    env = make_environment()
    tpl = env.from_string("{{ n | format_number }} | {{ d | format_date }} | {{ p | format_percent }}")
    values = {"n": 1234567.5, "d": dt.date(2026, 12, 4), "p": 0.25}
    with i18n.rendering_in("en"):
        assert tpl.render(values) == "1,234,567.5 | December 4, 2026 | 25%"
    with i18n.rendering_in("es"):
        assert tpl.render(values) == "1.234.567,5 | 4 de diciembre de 2026 | 25\xa0%"
    with i18n.rendering_in("fr"):
        assert tpl.render(values) == "1\u202f234\u202f567,5 | 4 décembre 2026 | 25\xa0%"


def test_translation_escapes_variables_but_not_the_catalogue() -> None:
    env = make_environment()
    tpl = env.from_string('{{ _("Skip to content") }} {{ _("%(x)s", x=v) }}')
    with i18n.rendering_in("es"):
        assert tpl.render(v="<b>") == "Saltar al contenido &lt;b&gt;"


def test_an_empty_label_stays_empty_not_the_catalogue_header() -> None:
    """A blank field shown through ``_()`` (an agency kind never given, say) prints nothing, never the .po header."""
    env = make_environment()
    for code in ("en", "es", "fr"):
        with i18n.rendering_in(code):
            assert env.from_string('[{{ _(value) }}]').render(value="") == "[]"
            assert "Content-Type" not in env.from_string("{{ _(value) }}").render(value="")
