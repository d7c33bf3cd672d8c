"""Dumps are files from anywhere: a YouTube channel's is read (bad entries skipped one by one,
each with its reason); anything else is refused with one ValueError line, never a crash."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_corpus import HOSTILE_TEXT, HOSTILE_URLS
from whichmovie.sources.youtube import VIDEOS_URL_RE, listing_from_dump

DATA = Path(__file__).parent.parent / "data"
CHANNEL_ID = "UCMvR3UqsYSrdi6G6nBGPY9A"


def dump(**fields):
    return {
        "_type": "playlist",
        "id": CHANNEL_ID,
        "channel_id": CHANNEL_ID,
        "channel": "MUBI",
        "uploader_id": "@mubi",
        "channel_url": f"https://www.youtube.com/channel/{CHANNEL_ID}",
        "extractor_key": "YoutubeTab",
        "entries": [{"id": "dQw4w9WgXcQ", "title": "FILM | Official Trailer"}],
        **fields,
    }


@pytest.mark.parametrize("file", sorted(DATA.glob("ytdlp_*.json")))
def test_real_dumps_are_read_whole(file):
    listing = listing_from_dump(json.loads(file.read_text()))
    assert listing.uploads and not listing.skipped
    assert VIDEOS_URL_RE.match(listing.url)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_channel_url_that_is_not_youtube_is_refused(url):
    with pytest.raises(ValueError, match="not a YouTube channel URL"):
        listing_from_dump(dump(channel_url=url))


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"extractor_key": "Vimeo"}, "not of a YouTube channel"),
        ({"webpage_url": "https://vimeo.com/channels/staffpicks"}, "not of a YouTube channel"),
        ({"entries": {"a": 1}}, "no list of 'entries'"),
        ({"entries": None}, "no list of 'entries'"),
        (
            {"channel_id": "", "id": "", "uploader_id": "", "channel_url": None},
            "does not say which YouTube channel",
        ),
        ({"channel_id": 5, "id": [], "uploader_id": {}, "channel_url": None}, "which YouTube"),
    ],
)
def test_dumps_of_other_sites_or_with_no_shape_are_refused(fields, says):
    with pytest.raises(ValueError, match=says):
        listing_from_dump({k: v for k, v in dump(**fields).items() if v is not None})


@pytest.mark.parametrize("value", [[], "x", 3, None, True])
def test_json_that_is_not_an_object_is_refused(value):
    with pytest.raises(ValueError, match="not a yt-dlp playlist dump"):
        listing_from_dump(value)


def test_bad_entries_are_skipped_one_by_one_with_a_reason():
    listing = listing_from_dump(
        dump(
            entries=[
                {"id": "good0000001", "title": "Good Official Trailer", "timestamp": 1.7e9},
                {"id": "x" * 300, "title": "too long an id"},
                {"id": None, "title": "no id"},
                {"id": "good0000002", "title": None},
                {"id": "good0000003", "title": "\x00\x0b"},
                {"id": "good0000004", "title": "Far future", "timestamp": 10**30},
                {"id": "good0000005", "title": "Negative", "timestamp": -(10**30)},
                {"id": "good0000006", "title": "Bool", "timestamp": True},
                {"id": "good0000007", "title": "Bad day", "upload_date": "20230230"},
                {"id": "good0000008", "title": "Dated", "upload_date": "20230228"},
                "text",
                {"_type": "playlist", "title": "Videos", "entries": "not a list"},
            ]
        )
    )
    assert [u.youtube_id for u in listing.uploads] == [f"good000000{n}" for n in (1, 4, 5, 6, 7, 8)]
    assert listing.uploads[0].published_at == datetime.fromtimestamp(1.7e9, UTC)
    assert [u.published_at for u in listing.uploads[1:5]] == [None] * 4
    assert listing.uploads[5].published_at == datetime(2023, 2, 28, tzinfo=UTC)
    assert len(listing.skipped) == 6
    assert all("\n" not in reason and len(reason) < 200 for reason in listing.skipped)


def test_deep_nesting_is_refused_entry_by_entry():
    nested: dict = {"id": "deep0000001", "title": "Deep Official Trailer"}
    for _ in range(50):
        nested = {"_type": "playlist", "title": "Videos", "entries": [nested]}
    listing = listing_from_dump(dump(entries=[nested]))
    assert listing.uploads == [] and len(listing.skipped) == 1


@pytest.mark.parametrize("title", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_hostile_titles_are_cleaned_on_the_way_in(title):
    listing = listing_from_dump(dump(entries=[{"id": "hostile0001", "title": title}]))
    for upload in listing.uploads:
        upload.title.encode("utf-8")
        assert len(upload.title) <= 300 and not re.search("[\x00-\x1f\x7f-\x9f]", upload.title)


# -- any shape at all ---------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=25,
)
entry = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.from_regex(r"[A-Za-z0-9_-]{11}", fullmatch=True), json_values),
        "title": st.one_of(st.text(), json_values),
        "timestamp": st.one_of(st.integers(), st.floats(), json_values),
        "release_timestamp": json_values,
        "upload_date": st.one_of(st.from_regex(r"\d{8}", fullmatch=True), json_values),
        "live_status": json_values,
        "_type": st.sampled_from(["url", "playlist"]) | json_values,
        "entries": json_values,
    },
)
dumps = (
    st.fixed_dictionaries(
        {},
        optional={
            "entries": st.lists(entry | json_values, max_size=6) | json_values,
            "channel_id": st.just(CHANNEL_ID) | json_values,
            "id": st.just(CHANNEL_ID) | json_values,
            "channel": st.text() | json_values,
            "uploader_id": st.just("@mubi") | json_values,
            "channel_url": st.sampled_from(
                [f"https://www.youtube.com/channel/{CHANNEL_ID}", *HOSTILE_URLS]
            )
            | json_values,
            "title": json_values,
            "extractor_key": st.sampled_from(["YoutubeTab", "Vimeo"]) | json_values,
            "webpage_url": json_values,
        },
    )
    | json_values
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps)
def test_any_dump_shape_is_read_or_refused_with_one_line(value):
    try:
        listing = listing_from_dump(value)
    except ValueError as error:
        assert "\n" not in str(error) and len(str(error)) < 300
        return
    assert listing.channel_id or VIDEOS_URL_RE.match(listing.url)
    for upload in listing.uploads:
        assert 0 < len(upload.youtube_id) <= 20 and upload.title
        upload.title.encode("utf-8")
    json.dumps(listing.skipped)


def test_an_entrys_description_is_kept_as_matching_evidence():
    entry = {"id": "dQw4w9WgXcQ", "title": "FILM | Official Trailer", "description": None}
    described = {**entry, "id": "dQw4w9WgXcR", "description": "Starring Ada Brandt."}
    listing = listing_from_dump(dump(entries=[entry, described]))
    assert [u.description for u in listing.uploads] == ["", "Starring Ada Brandt."]
