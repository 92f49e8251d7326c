"""The axe helper itself finds what it should: a page with known serious violations fails it."""

from __future__ import annotations

import pytest

from tests.browser.axe import assert_accessible, axe_violations
from tests.browser.chromium import launched

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BAD = ('<!doctype html><html><head><title>bad</title></head><body><main><img src="data:image/gif;base64,'
       'R0lGODlhAQABAAAAACw=">'
       '<label>no control</label><input type="text"><p style="color:#777;background:#888">low contrast</p>'
       '</main></body></html>')
GOOD = ('<!doctype html><html lang="en"><head><title>good</title></head><body><main><h1>Fine</h1>'
        '<label for="x">Name</label><input id="x" type="text"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
        'alt="a dot"></main></body></html>')


def test_axe_finds_serious_violations_and_passes_a_clean_page() -> None:
    with launched() as browser:
        page = browser.new_page()
        page.set_content(BAD)
        found = {v["id"] for v in axe_violations(page)}
        assert {"image-alt", "label", "color-contrast"} <= found, found
        with pytest.raises(AssertionError, match="image-alt"):
            assert_accessible(page)
        page.set_content(GOOD)
        assert_accessible(page)
