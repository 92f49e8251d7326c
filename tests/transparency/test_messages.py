"""The page's words: every entry in English, Spanish and French, with the same placeholders."""

from __future__ import annotations

import re

from sanctuary.transparency import messages
from sanctuary.transparency.counts import OUTCOME_COLUMNS
from sanctuary.vocabulary import ACTIONS, INSTRUMENT_TYPES


def test_every_entry_in_three_languages_with_the_same_placeholders() -> None:
    for group in (messages.TEXT, messages.PAPER, messages.ACTION, messages.OUTCOME):
        for key, entry in group.items():
            assert set(entry) == set(messages.LANGUAGES), key
            holes = {lang: sorted(re.findall(r"\{([a-z_]+)\}", entry[lang])) for lang in messages.LANGUAGES}
            assert holes["en"] == holes["es"] == holes["fr"], key
            assert all(entry[lang].strip() for lang in messages.LANGUAGES), key


def test_every_code_has_words() -> None:
    assert set(messages.PAPER) == set(INSTRUMENT_TYPES)
    assert set(messages.ACTION) == set(ACTIONS)
    assert set(messages.OUTCOME) == set(OUTCOME_COLUMNS)
    assert messages.label("paper", "a_future_code", "fr") == "a future code"


def test_dates_and_months() -> None:
    assert messages.month_label("2026-03", "en") == "March 2026"
    assert messages.month_label("2026-03", "es") == "marzo de 2026"
    assert messages.month_label("2026-08", "fr") == "août 2026"
    assert messages.month_label("2026-12", "es", short=True) == "dic 26"
    assert messages.date_label("2021-07-19", "es") == "19 de julio de 2021"
    assert messages.date_label("2016-07-01", "fr") == "1er juillet 2016"
    assert messages.date_label("2016-07-01", "en") == "1 July 2016"
