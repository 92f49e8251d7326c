"""The accessibility helpers themselves find what they should: a page with known serious violations fails axe, a
focus without a ring fails the focus check, and a missing axe install fails the test instead of skipping it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import axe_check
from tests.browser.axe_check import assert_accessible, axe_violations, focus_problems, require_axe
from tests.browser.chromium import launched

BAD = ('<!doctype html><html><head><title>bad</title></head><body><main><img src="data:image/gif;base64,'
       'R0lGODlhAQABAAAAACw=">'
       '<label>no control</label><input type="text"><p style="color:#777;background:#888">low contrast</p>'
       '</main></body></html>')
GOOD = ('<!doctype html><html lang="en"><head><title>good</title></head><body><main><h1>Fine</h1>'
        '<label for="x">Name</label><input id="x" type="text"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
        'alt="a dot"></main></body></html>')
FOCUS = ('<!doctype html><html lang="en"><head><title>focus</title><style>a:focus{outline:3px solid #000}'
         'button:focus{outline:none}</style></head><body><a href="#a">header link</a><main tabindex="-1">'
         '<a href="#b">ringed</a><button>no ring</button></main></body></html>')


@pytest.mark.browser
@pytest.mark.slow
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
        page.set_content(FOCUS)
        assert focus_problems(page, stops=3) == ["'BUTTON no ring': focus no ring against rgb(255, 255, 255)"]
        assert focus_problems(page, stops=1, start="main") == []  # from main: the header link is not visited


def test_a_missing_axe_install_fails_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(axe_check, "AXE_JS", tmp_path / "axe.min.js")
    axe_check.axe_source.cache_clear()
    try:
        with pytest.raises(pytest.fail.Exception, match="make axe"):
            require_axe()
        with pytest.raises(pytest.fail.Exception, match="make axe"):
            axe_check.axe_source()
    finally:
        axe_check.axe_source.cache_clear()
