"""The Jinja2 environment shared by the desk's pages (and by the atlas, which extends base.html)."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sanctuary.desk.agency import local_day, local_time

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"


def make_templates(extra_dirs: list[Path] | None = None) -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader([TEMPLATES_DIR, *(extra_dirs or [])]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = local_time  # {{ dt|when(agency.timezone) }}: local time with the zone named
    # Until the Babel catalogues are merged (sanctuary.i18n), ``_`` shows the English source text; the i18n
    # extension replaces it with the catalogue's gettext.
    env.globals.setdefault("_", _source_text)
    env.filters["day"] = local_day  # {{ dt|day(agency.timezone) }}: the local calendar day
    env.globals["place_label"] = _place_label
    return Jinja2Templates(env=env)


def _source_text(message: str, **values: object) -> str:
    return message % values if values else message


def _place_label(jid: str) -> str:
    from sanctuary.desk.places import label

    return label(jid)


templates = make_templates()
