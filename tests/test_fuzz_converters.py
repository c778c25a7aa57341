"""Fuzzing the converters: random bytes, random text and mutated pages give a Project or a PageError, nothing else.

Every example runs under a wall-clock bound (tests/bounded.py), so a hang fails the test. `make test`
runs a fixed number of examples; `make fuzz` runs many more (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.bounded import outcome
from tests.pagevariants import PAGES

TEXTS = [page.read_text(encoding="utf-8") for page in PAGES]
# Lines that steer detection and parsing: labels, headings and rows of every family, in their pages' spelling.
STRUCTURE = sorted({line.strip() for text in TEXTS for line in text.splitlines()
                    if 0 < len(line.strip()) < 90 and not line.strip()[0].isdigit()})
# Ten times the profile's examples (300 in `make test`, about a minute in all; 20,000 with `make fuzz`).
FUZZ = settings(max_examples=settings.default.max_examples * 10,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example, HealthCheck.filter_too_much])

# Characters that matter to the parsers: separators, bullets, marks of money and dates, odd spaces, breaks.
_ALPHABET = st.sampled_from(list("abcdeéÉ ARSVX0123456789:;,.-–•|()$€/\n\r\t\u00a0\u2009\ufeff\u200b\u2028"))
value_text = st.one_of(st.text(max_size=40), st.text(_ALPHABET, max_size=40))


@st.composite
def mutated_page(draw) -> bytes:
    """A seed or golden page with a few random edits of its lines, text or bytes."""
    lines = draw(st.sampled_from(TEXTS)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "structure", "repeat",
                                     "truncate", "splice"]))
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        if kind == "delete":
            del lines[at:at + draw(st.integers(1, 20))]
        elif kind == "duplicate" and lines:
            lines.insert(at, lines[at])
        elif kind == "swap" and lines:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "insert":
            lines.insert(at, draw(value_text))
        elif kind == "replace" and lines:
            lines[at] = draw(value_text)
        elif kind == "structure":
            lines.insert(at, draw(st.sampled_from(STRUCTURE)))
        elif kind == "repeat" and lines:
            lines[at:at + 1] = [lines[at]] * draw(st.integers(2, 300))
        elif kind == "truncate" and lines:
            lines[at] = lines[at][:draw(st.integers(0, len(lines[at])))]
            del lines[at + 1:]
        elif kind == "splice" and lines:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(value_text) + line[cut:]
    data = "\n".join(lines).encode("utf-8")
    if draw(st.integers(0, 4)) == 0 and data:
        position = draw(st.integers(0, len(data) - 1))
        data = data[:position] + bytes([draw(st.integers(0, 255))]) + data[position + 1:]
    return data


@st.composite
def labelled_page(draw) -> bytes:
    """A page of real labels and headings (so detection passes) with random values after them."""
    lines = []
    for _ in range(draw(st.integers(1, 25))):
        label = draw(st.sampled_from(STRUCTURE))
        lines.append(draw(st.sampled_from([label, f"• {label}", f"{label}: ", f"{label} : "])))
        lines.append(draw(value_text))
    return "\n".join(lines).encode("utf-8")


@st.composite
def grown_page(draw) -> bytes:
    """A page with one line repeated thousands of times, or one line grown to thousands of characters."""
    lines = draw(st.sampled_from(TEXTS)).split("\n")
    at = draw(st.integers(0, len(lines) - 1))
    line = draw(st.one_of(st.sampled_from(lines), st.sampled_from(STRUCTURE), value_text))
    if draw(st.booleans()):
        lines[at:at] = [line] * draw(st.integers(1000, 20000))
    else:
        lines[at] = lines[at] + (line or "x") * draw(st.integers(100, 5000))
    return "\n".join(lines).encode("utf-8")


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    outcome(data)


@FUZZ
@given(st.text(max_size=2000))
def test_random_text(text):
    outcome(text.encode("utf-8"))


@FUZZ
@given(mutated_page())
def test_mutated_pages(data):
    outcome(data)


@FUZZ
@given(labelled_page())
def test_labels_with_random_values(data):
    outcome(data)


@settings(FUZZ, max_examples=settings.default.max_examples * 2)
@given(grown_page())
def test_grown_pages(data):
    outcome(data)
