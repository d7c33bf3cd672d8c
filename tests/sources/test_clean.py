"""The one boundary for outside text: what comes out can be stored, shown and sent anywhere."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile_corpus import HOSTILE_TEXT, HOSTILE_URLS
from whichmovie.sources.clean import (
    TITLE_LENGTH,
    clean_json,
    clean_text,
    clean_url,
    is_youtube_id,
)

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029\u202a-\u202e]"
)


def assert_storable(text: str, max_length: int) -> None:
    assert len(text) <= max_length
    assert not UNSAFE.search(text)
    assert unicodedata.is_normalized("NFC", text)
    text.encode("utf-8")  # no lone surrogate: every encoder and database takes it
    assert text == text.strip()


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_hostile_titles_come_out_storable(text):
    title = clean_text(text, max_length=TITLE_LENGTH)
    assert_storable(title, TITLE_LENGTH)
    assert "\n" not in title and "\t" not in title


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_hostile_overviews_keep_paragraphs_and_come_out_storable(text):
    overview = clean_text(text + "\n\nSecond paragraph.", max_length=20_000, multiline=True)
    assert_storable(overview, 20_000)
    assert overview.endswith("Second paragraph.")
    assert "\n\nSecond" in overview or not clean_text(text, max_length=9, multiline=True)


def test_what_a_reader_would_see_is_kept():
    assert clean_text("Vertical\x0btab", max_length=50) == "Vertical tab"
    assert clean_text("Cafe\u0301", max_length=50) == "Café"
    assert clean_text("NUL\x00inside", max_length=50) == "NULinside"
    assert clean_text("a\u2028b", max_length=50) == "a b"
    assert clean_text("  [official trailer]  ", max_length=50) == "[official trailer]"
    assert clean_text("Боевик アクション 😀", max_length=50) == "Боевик アクション 😀"
    assert clean_text(None, max_length=5) == "" and clean_text(2025, max_length=5) == "2025"
    assert clean_text(["a"], max_length=5) == "" and clean_text({"a": 1}, max_length=5) == ""


@given(st.text())
def test_any_text_comes_out_storable(text):
    assert_storable(clean_text(text, max_length=100), 100)
    assert_storable(clean_text(text, max_length=100, multiline=True).replace("\n", " "), 100)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_public_http_urls_are_kept(url):
    assert clean_url(url) == ""


def test_public_http_urls_are_kept():
    assert (
        clean_url(" https://www.justwatch.com/us/movie/x ")
        == "https://www.justwatch.com/us/movie/x"
    )
    assert clean_url("http://93.184.216.34/a") == "http://93.184.216.34/a"
    assert clean_url("https://example.org/" + "x" * 400) == ""  # longer than the column


def test_youtube_ids():
    assert is_youtube_id("dQw4w9WgXcQ")
    for bad in ("", "x" * 21, "a b", "<script>", None, 12345, "abc\x00"):
        assert not is_youtube_id(bad)


def test_json_from_outside_fits_a_json_column():
    cleaned = clean_json(
        {
            "link": "javascript:alert(1)",
            "flatrate": [{"provider_name": "Evil\x00\u2028", "rank": float("nan")}],
            "deep": [[[[[[[[[[["too deep"]]]]]]]]]]],
            "key\x00": b"bytes",
        }
    )
    assert cleaned["link"] == ""
    assert cleaned["flatrate"] == [{"provider_name": "Evil", "rank": None}]
    assert "key" in cleaned and cleaned["key"] is None
    text = json.dumps(cleaned, allow_nan=False)
    assert "too deep" not in text and "\\u0000" not in text


def test_an_uploads_description_is_cleaned_like_its_title():
    from whichmovie.sources.youtube import Upload

    upload = Upload(
        "aaaaaaaaaaa", "Bird\x00 | Trailer", description="Starring\x00 X.\x0b\n\nIn cinemas."
    )
    assert upload.title == "Bird | Trailer"
    assert "\x00" not in upload.description and "\x0b" not in upload.description
    assert upload.description.startswith("Starring X.")
