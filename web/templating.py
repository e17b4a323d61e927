"""The Jinja2 environment of the pages: autoescaping on, Persian number filters."""
from __future__ import annotations

from pathlib import Path

import jinja2
from fastapi.templating import Jinja2Templates

from screening_web import presentation, similar

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

# Autoescaping for every template, whatever its file name: pages show what citizens wrote.
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True, undefined=jinja2.StrictUndefined
)
templates = Jinja2Templates(env=_env)
templates.env.filters["fa"] = presentation.fa_digits
templates.env.filters["fa_number"] = presentation.fa_number_or_blank
templates.env.filters["fa_percent"] = presentation.fa_percent_or_blank
templates.env.filters["field_label"] = presentation.field_label
templates.env.globals["SEVERITY_CSS"] = presentation.SEVERITY_CSS
templates.env.globals["similar_view"] = similar.similar_view
