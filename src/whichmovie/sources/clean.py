"""The one boundary for text from outside (YouTube feeds, listings and dumps; TMDB).

Everything a reader hands on is cleaned here once, before it is stored: Unicode NFC, no NUL or
other control characters (they break XML feeds and PostgreSQL), no lone surrogates (they
cannot be encoded), line separators as plain newlines or spaces, and lengths that fit the
columns. URLs keep only http and https. Pure: no Django, so both `sources/` and `tmdb/` users
can call it.
"""

from __future__ import annotations

import ipaddress
import math
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

# Column sizes of the models these values land in (catalog.models): a value that does not fit
# would crash PostgreSQL, which unlike SQLite enforces them.
TITLE_LENGTH = 300  # Movie.title, Video.parsed_title; YouTube itself stops at 100
NAME_LENGTH = 200  # Channel.name
URL_LENGTH = 300  # Channel.url
PATH_LENGTH = 200  # poster_path, backdrop_path
TAGLINE_LENGTH = 500
OVERVIEW_LENGTH = 10_000  # TextField: unbounded in the database, but no page needs more
SHORT_LENGTH = 100  # names inside JSON (cast, directors, providers)

# C0/C1 controls and DEL (tab and newline are handled apart), lone surrogates, the two
# non-characters XML forbids, and bidi overrides, which can make a title read backwards.
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e]")
# Controls that Python counts as whitespace separate words: they become spaces.
_SPACE_CONTROLS = re.compile("[\t\x0b\x0c\x1c-\x1f]")
_LINE_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029\x85]")
_SPACES = re.compile(r"[^\S\n]+")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{1,20}")
SAFE_SCHEMES = ("http", "https")
MAX_JSON_DEPTH = 8


def clean_text(value: Any, *, max_length: int, multiline: bool = False) -> str:
    """Readable, storable text: NFC, no control characters, at most `max_length` characters.

    Single-line text (titles, names) has every run of whitespace as one space; multi-line text
    (overviews) keeps its paragraphs as newlines."""
    if value is None or isinstance(value, bool | dict | list | tuple):
        return ""
    text = value if isinstance(value, str) else str(value)
    text = _LINE_BREAKS.sub("\n" if multiline else " ", text)
    text = _UNSAFE.sub("", _SPACE_CONTROLS.sub(" ", text))
    text = unicodedata.normalize("NFC", text)
    if multiline:
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
    else:
        text = " ".join(text.split())
    return text[:max_length].rstrip()


def clean_url(value: Any, *, max_length: int = URL_LENGTH) -> str:
    """An absolute http(s) URL to a public host, else "" (`javascript:`, `file:`, `data:`,
    link-local and loopback addresses are never linked to)."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    # A URL with a control character or a space inside was not written by a browser or an API.
    if not url or len(url) > max_length or _UNSAFE.search(url) or any(c.isspace() for c in url):
        return ""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return ""
    if parts.scheme.lower() not in SAFE_SCHEMES or not host:
        return ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "" if host == "localhost" or host.endswith(".localhost") else url
    if not address.is_global:
        return ""
    return url


def is_youtube_id(value: Any) -> bool:
    """YouTube video ids are 11 of [A-Za-z0-9_-]; we allow what Video.youtube_id can hold."""
    return isinstance(value, str) and bool(_YOUTUBE_ID.fullmatch(value))


def clean_json(value: Any, *, depth: int = 0) -> Any:
    """JSON from outside, fit for a JSON column: strings cleaned (PostgreSQL's jsonb refuses
    NUL), nesting bounded, URLs under a "link" key checked."""
    if depth > MAX_JSON_DEPTH:
        return None
    if isinstance(value, dict):
        return {
            clean_text(key, max_length=SHORT_LENGTH): (
                clean_url(item) if key == "link" else clean_json(item, depth=depth + 1)
            )
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):  # our own details hold tuples (reason, weight)
        return [clean_json(item, depth=depth + 1) for item in value]
    if isinstance(value, str):
        return clean_text(value, max_length=OVERVIEW_LENGTH)
    if isinstance(value, float):
        return value if math.isfinite(value) else None  # jsonb has no NaN or Infinity
    if isinstance(value, bool | int) or value is None:
        return value
    return None
