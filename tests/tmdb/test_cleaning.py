"""TMDB's details as enrichment stores them: right types, right lengths, safe values."""

from __future__ import annotations

import json

import pytest

from whichmovie.tmdb.cleaning import clean_details


def test_fields_of_the_wrong_type_or_range_are_dropped():
    details = clean_details(
        {
            "id": 42,
            "title": "Title\x00\x0b" + "x" * 400,
            "runtime": 10**12,
            "vote_average": float("inf"),
            "vote_count": True,
            "popularity": "high",
            "poster_path": "javascript:alert(1)",
            "backdrop_path": "/ok-path_1.jpg",
            "imdb_id": "tt123<script>",
            "original_language": "en<script>",
            "genres": [{"id": 18, "name": "драма"}, {"id": "x", "name": "n"}, "g", {"id": 5}],
            "credits": {"cast": [{"name": "A", "order": "1"}, {"name": ""}], "crew": "x"},
            "release_dates": {"results": [{"iso_3166_1": "US", "release_dates": "x"}]},
            "watch/providers": {"results": {"US": {"link": "file:///etc/passwd"}, "FR": 3}},
        }
    )
    assert details["title"] == "Title " + "x" * 294 or len(details["title"]) == 300
    assert details["runtime"] is None and details["vote_average"] is None
    assert details["vote_count"] is None and details["popularity"] is None
    assert details["poster_path"] == "" and details["backdrop_path"] == "/ok-path_1.jpg"
    assert details["imdb_id"] is None and details["original_language"] == ""
    assert details["genres"] == [{"id": 18, "name": "драма"}]
    assert details["credits"] == {
        "cast": [{"name": "A", "character": "", "profile_path": None, "order": 0}],
        "crew": [],
    }
    assert details["release_dates"] == {"results": [{"iso_3166_1": "US", "release_dates": []}]}
    assert details["watch/providers"] == {"results": {"US": {"link": ""}}}
    json.dumps(details, allow_nan=False)


@pytest.mark.parametrize("tmdb_id", [None, "42", 0, -1, 2**40, 1.5e300, float("nan"), True])
def test_details_without_a_usable_id_are_refused(tmdb_id):
    with pytest.raises(ValueError, match="usable movie id"):
        clean_details({"id": tmdb_id, "title": "x"})
