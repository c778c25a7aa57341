"""A long value (a page pasted into one line, say) costs work in proportion to its length: the readers that try
every separator or every word as a boundary try only those a date or a phrase of time can be next to. Counted
calls, not seconds: a 20,000-character value made 10,000 date parses (2 to 3 s) and 7,000 phrase checks."""

from __future__ import annotations

import pytest

from converters import datefields
from tests.conftest import seed


@pytest.fixture
def dates_parsed(monkeypatch) -> list[str]:
    parsed: list[str] = []
    parse = datefields.parse_date

    def counted(text, line=None):
        parsed.append(text)
        return parse(text, line)

    monkeypatch.setattr(datefields, "parse_date", counted)
    return parsed


@pytest.mark.parametrize("size", [100, 10_000])
def test_a_long_value_is_not_tried_as_a_span_at_every_dash(dates_parsed, size):
    assert datefields._span("2022 " + "é-" * size) is None
    assert len(dates_parsed) <= 2
    assert datefields._span("janvier 2021 - mars 2022") is not None  # a span is still one


@pytest.mark.parametrize("size", [100, 10_000])
def test_a_long_status_is_not_tried_for_a_phrase_of_time_at_every_word(dates_parsed, size):
    long = "Actif " + "mot " * size + "depuis 2021"
    assert datefields.without_date_remark(long) == long.rsplit(" depuis", 1)[0]
    assert len(dates_parsed) <= 2 * datefields._LONGEST_PHRASE


def test_long_values_in_every_field_of_the_seeds_are_read_or_refused_in_one_line():
    from converters import convert
    from converters.errors import PageError

    for name in ("000", "001", "002", "003", "004"):
        lines = seed(name).read_text(encoding="utf-8").split("\n")
        for at in range(len(lines)):
            page = "\n".join(lines[:at] + [lines[at] + " " + "Ab é-1 " * 3000] + lines[at + 1:])
            try:
                convert(page.encode(), f"{name}.txt")
            except PageError as error:
                assert "\n" not in str(error)
