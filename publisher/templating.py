"""The pages' Jinja2 templates (autoescaped and strict, read once) and their own words in each language."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from . import views
from .views import facts_html, value_html

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = "style.css"
LANGUAGES = ("en", "fr")


@cache
def environment() -> Environment:
    """Autoescaped, and strict: a typo in a template is an error, never an empty string. Templates are read
    once: they do not change while pages are made, and checking them for changes is a stat() of each file a
    page extends or imports, every page."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    env.globals["value_html"] = value_html
    env.globals["facts_html"] = facts_html
    env.globals["paragraphs_html"] = views.paragraphs_html
    env.globals["card_html"] = views.card_html
    # The macros of every page, made once: `{% import %}` in each template made Jinja2 look for globals its
    # module lacked at every page (a set difference through collections.abc, 20 µs a page).
    env.globals["m"] = env.get_template("_macros.html").module
    return env


@cache
def resource_template(kind: str) -> Template:
    """The template of a kind of resource, the most specific first (looked up once: a missing one is a search
    of the templates folder each time)."""
    return environment().select_template([f"resource-{kind}.html", "resource.html"])


class Words(dict):
    """The pages' words by key, each also an attribute. Templates write `t.key`, and Jinja tries an attribute
    before an item: on a plain dict, every such look-up raised and caught an AttributeError first (a dozen on
    each page, 2 µs each)."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__(words)
        clash = sorted(set(words).intersection(dir(dict)))
        if clash:
            raise ValueError(f"messages.json: key(s) {', '.join(clash)} would hide a dict method: rename them")
        self.__dict__.update(words)


@cache
def messages(lang: str) -> Words:
    """The pages' own words in one language (templates/messages.json)."""
    return Words(json.loads((TEMPLATES / "messages.json").read_text(encoding="utf-8"))[lang])
