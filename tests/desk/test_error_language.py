"""Bad input on a page is explained in the page's language; the API keeps its English words.

The messages are the catalogue's message ids (``DeskInputError.template``); values are filled in after
translation, so a name the clerk typed appears inside the Spanish or French sentence."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from starlette.datastructures import ImmutableMultiDict

from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.schemas import DATE_RANGE_MESSAGE
from sanctuary.i18n import rendering_in
from sanctuary.web import forms
from sanctuary.web.input_errors import line, message_text
from tests.desk.conftest import Account, login

PROFILE = {"name": "Cook County Sheriff's Office", "address": "", "letterhead": "",
           "counsel_phone": "call us", "timezone": "America/Chicago"}


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "use digits, spaces and + ( ) - . only"),
    ("es", "use solo cifras, espacios y + ( ) - ."),
    ("fr", "utilisez seulement des chiffres, des espaces et + ( ) - ."),
])
def test_agency_form_error_in_the_page_language(client: TestClient, users: dict[str, Account], lang: str,
                                                expected: str) -> None:
    csrf = login(client, "admin")
    bad = client.post(f"/admin/agency?lang={lang}", data={"csrf": csrf, **PROFILE})
    assert bad.status_code == 422
    assert expected in html.unescape(bad.text)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "No place is called “Xyzzyville”"),
    ("es", "Ningún lugar se llama «Xyzzyville»"),
    ("fr", "Aucun lieu ne s'appelle « Xyzzyville »"),
])
def test_a_typed_value_sits_inside_the_translated_sentence(client: TestClient, users: dict[str, Account],
                                                           lang: str, expected: str) -> None:
    login(client, "clerk")
    page = client.get("/classify?" + urlencode({"step": "place", "place": "Xyzzyville", "seen": "", "lang": lang}))
    assert page.status_code == 422
    assert expected in html.unescape(page.text)


def test_the_api_keeps_the_english_message(client: TestClient, users: dict[str, Account]) -> None:
    response = client.put("/api/v1/agency?lang=es", json=PROFILE,
                          headers={**users["admin"].auth, "Accept-Language": "es"})
    assert response.status_code == 422
    assert response.json()["message"].startswith("use digits, spaces and + ( ) - . only")


def test_formatted_english_is_the_apis_and_the_template_is_the_catalogues() -> None:
    error = DeskInputError("days", "a token lives between 1 and %(most)s days", params={"most": 366})
    assert error.message == "a token lives between 1 and 366 days"
    assert error.template == "a token lives between 1 and %(most)s days"
    with rendering_in("fr"):
        assert message_text(error) == "un jeton dure entre 1 et 366 jours"
        assert line(DeskInputError("reason", "say why (at least a few words)")).endswith(
            "expliquez pourquoi (au moins quelques mots)")
    with pytest.raises(DeskInputError) as out_of_range:
        forms.parse_date(ImmutableMultiDict({"received_on": "1800-01-01"}), "received_on")  # type: ignore[arg-type]
    assert out_of_range.value.message == DATE_RANGE_MESSAGE  # the API's words, unchanged


def test_a_message_no_catalogue_knows_is_shown_as_it_is() -> None:
    with rendering_in("es"):
        assert message_text(DeskInputError("form", "Input should be a valid integer")) == \
            "Input should be a valid integer"
        assert message_text(DeskInputError("form", "say why"), sentence=True) == "Say why."
