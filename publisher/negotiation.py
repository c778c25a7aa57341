"""Content negotiation as one pure function: an Accept header and what is offered in, the chosen type out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .serializations import Serialization, web_formats

# Parameters that describe the bytes rather than the kind of document: we always send UTF-8, so a range asking
# for a charset still matches (RFC 9110 lets a server ignore what it cannot honour here).
_IGNORED_PARAMETERS = frozenset({"charset"})
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_PARAMETER = re.compile(rf'\s*;\s*({_TOKEN})\s*=\s*({_TOKEN}|"(?:[^"\\]|\\.)*")')
_QVALUE = re.compile(r"(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)")
# What our documents are, said as the parameters a client may ask for: the JSON-LD is compacted (JSON-LD 1.1
# section 9.1), so asking for that profile matches, while asking for the expanded profile does not.
_OFFER_PARAMETERS = {"application/ld+json": ';profile="http://www.w3.org/ns/json-ld#compacted"'}


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header: type/subtype (either may be "*"), its parameters and its weight."""

    type: str
    subtype: str
    parameters: tuple[tuple[str, str], ...]
    q: float

    def matches(self, media_type: str, parameters: dict[str, str]) -> bool:
        kind, _, sub = media_type.partition("/")
        if self.type != "*" and self.type != kind:
            return False
        if self.subtype != "*" and self.subtype != sub:
            return False
        return all(parameters.get(name) == value for name, value in self.parameters)

    @property
    def specificity(self) -> tuple[int, int, int]:
        """type/subtype;params beats type/subtype beats type/* beats */* (RFC 9110 section 12.5.1)."""
        return (self.type != "*", self.subtype != "*", len(self.parameters))


def _split(header: str) -> list[str]:
    """Split on commas that are not inside quoted strings."""
    parts, current, quoted, escaped = [], [], False, False
    for char in header:
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def _parameters(text: str) -> tuple[list[tuple[str, str]], bool]:
    """Parameters of a media type as (lower-cased name, value) pairs, and whether they all parsed."""
    found, position = [], 0
    while position < len(text):
        match = _PARAMETER.match(text, position)
        if not match:
            return found, text[position:].strip() == ""
        found.append((match.group(1).lower(), _unquote(match.group(2))))
        position = match.end()
    return found, True


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries are skipped, and a header that is missing (or
    none of whose entries parse) accepts anything, as RFC 9110 section 12.5.1 allows."""
    anything = [MediaRange("*", "*", (), 1.0)]
    if header is None or not header.strip():
        return anything
    ranges = []
    for entry in _split(header):
        kind, _, rest = entry.partition(";")
        media = re.fullmatch(rf"\s*({_TOKEN})/({_TOKEN})\s*", kind)
        parameters, ok = _parameters(";" + rest if rest else "")
        if not media or not ok:
            continue
        type_, subtype = media.group(1).lower(), media.group(2).lower()
        if type_ == "*" and subtype != "*":
            continue
        q, kept, valid = 1.0, [], True
        for name, value in parameters:
            if name == "q":  # what follows q are accept-extensions, not media type parameters
                valid = bool(_QVALUE.fullmatch(value))
                q = float(value) if valid else 0.0
                break
            if name not in _IGNORED_PARAMETERS:
                kept.append((name, value))
        if valid:
            ranges.append(MediaRange(type_, subtype, tuple(kept), q))
    return ranges or anything


def quality(ranges: Sequence[MediaRange], offer: str) -> float:
    """How much the client wants `offer`: the weight of the most specific range that matches it (0 if none)."""
    media_type, parameters = _offer(offer)
    matching = [r for r in ranges if r.matches(media_type, parameters)]
    if not matching:
        return 0.0
    best = max(r.specificity for r in matching)
    # Equally specific ranges matching the same offer (a repeated entry) count at their best weight.
    return max(r.q for r in matching if r.specificity == best)


def _offer(offer: str) -> tuple[str, dict[str, str]]:
    kind, _, rest = offer.partition(";")
    parameters, _ = _parameters(";" + rest if rest else "")
    return kind.strip().lower(), {name: value for name, value in parameters if name not in _IGNORED_PARAMETERS}


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept header prefers (ties go to the earlier offer), or None: answer 406."""
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for offer in offered:
        q = quality(ranges, offer)
        if q > best_q:
            best, best_q = offer, q
    return best


def choose_format(accept: str | None) -> Serialization | None:
    """The form of a resource (Turtle, JSON-LD, N-Triples or an HTML page) an Accept header asks for."""
    formats = web_formats()
    offers = {f.media_type + _OFFER_PARAMETERS.get(f.media_type, ""): f for f in formats}
    chosen = negotiate(accept, list(offers))
    return offers.get(chosen) if chosen else None


_LANGUAGE_RANGE = re.compile(r"\s*(\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)\s*")


def parse_accept_language(header: str | None) -> list[tuple[str, float]]:
    """The language ranges of an Accept-Language header, lower-cased, with their weights, in the header's order;
    malformed entries are skipped (RFC 9110 section 12.5.4)."""
    ranges = []
    for entry in _split(header or ""):
        tag, _, rest = entry.partition(";")
        found = _LANGUAGE_RANGE.fullmatch(tag)
        parameters, ok = _parameters(";" + rest if rest else "")
        weights = [value for name, value in parameters if name == "q"]
        if not found or not ok or (weights and not _QVALUE.fullmatch(weights[0])):
            continue
        ranges.append((found.group(1).lower(), float(weights[0]) if weights else 1.0))
    return ranges


def choose_language(header: str | None, offered: Sequence[str], default: str) -> str:
    """The offered language (a primary tag: "en", "fr") an Accept-Language header prefers, or `default` when it
    names none of them with a weight above 0. A range naming the language itself counts before a more specific
    one ("fr-FR", which falls back to "fr" as RFC 4647 lookup does) and that before "*"; equal weights go to the
    language named first, then to the default."""
    ranges = parse_accept_language(header)
    best, best_rank = default, None
    for language in offered:
        matching = [(2 if tag == language else 1 if tag.startswith(language + "-") else 0, len(tag), -position, q)
                    for position, (tag, q) in enumerate(ranges)
                    if tag in (language, "*") or tag.startswith(language + "-")]
        if not matching:
            continue
        specificity, _, position, q = max(matching)  # the most specific range; among equals, the first named
        if q <= 0:
            continue
        rank = (q, position if specificity else -len(ranges), language == default)
        if best_rank is None or rank > best_rank:
            best, best_rank = language, rank
    return best
