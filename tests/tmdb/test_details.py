"""TMDB's details as a film's fields: the region's dates and rating, the billed cast."""

from __future__ import annotations

from datetime import date

import pytest

from whichmovie.tmdb.details import movie_details

DUNE = {
    "id": 438631,
    "imdb_id": "tt1160419",
    "title": "Dune",
    "original_title": "Dune",
    "original_language": "en",
    "overview": "Paul Atreides...",
    "release_date": "2021-09-15",
    "runtime": 155,
    "vote_average": 7.8,
    "vote_count": 12000,
    "popularity": 95.5,
    "poster_path": "/d5NXSklXo0qyIYkgV94XAgMIckC.jpg",
    "genres": [{"id": 878, "name": "Science Fiction"}],
    "credits": {
        "crew": [
            {"job": "Director", "name": "Denis Villeneuve"},
            {"job": "Producer", "name": "Mary Parent"},
        ],
        "cast": [
            {"name": f"Actor {n}", "character": f"Role {n}", "order": 11 - n} for n in range(12)
        ],
    },
    "release_dates": {
        "results": [
            {
                "iso_3166_1": "FR",
                "release_dates": [{"certification": "TP", "type": 3, "release_date": "2021-09-15"}],
            },
            {
                "iso_3166_1": "US",
                "release_dates": [
                    {"certification": "", "type": 1, "release_date": "2021-09-03T00:00:00.000Z"},
                    {"certification": "PG-13", "type": 3, "release_date": "2021-10-22T00:00Z"},
                    {"certification": "", "type": 2, "release_date": "2021-10-21T00:00Z"},
                    {"certification": "", "type": 4, "release_date": "2021-10-22T00:00Z"},
                ],
            },
        ]
    },
    "watch/providers": {"results": {"US": {"link": "https://www.themoviedb.org/x"}}},
}


def test_a_film_s_fields_are_its_region_s():
    us = movie_details(DUNE, region="US")
    assert (us.tmdb_id, us.imdb_id, us.title, us.year) == (438631, "tt1160419", "Dune", 2021)
    assert us.release_date == date(2021, 9, 15) and us.runtime == 155
    assert us.directors == ["Denis Villeneuve"]
    assert us.certification == "PG-13"
    assert us.theatrical_release_date == date(2021, 10, 21)  # limited (2) before wide (3)
    assert us.digital_release_date == date(2021, 10, 22)
    assert us.watch_providers == {"link": "https://www.themoviedb.org/x"}
    assert us.genres == [(878, "Science Fiction")]

    fr = movie_details(DUNE, region="FR")
    assert fr.certification == "TP" and fr.digital_release_date is None
    assert fr.watch_providers == {}


def test_the_cast_is_the_ten_first_billed():
    cast = movie_details(DUNE, region="US").cast
    assert [c["name"] for c in cast] == [f"Actor {n}" for n in range(11, 1, -1)]
    assert cast[0] == {"name": "Actor 11", "character": "Role 11", "profile_path": None}


def test_missing_fields_leave_the_film_s_own():
    bare = movie_details({"id": 7, "release_date": "soon", "runtime": 0}, region="US")
    assert bare.title == "" and bare.year is None and bare.release_date is None
    assert bare.runtime is None and bare.directors == [] and bare.certification == ""


def test_details_without_an_id_are_refused():
    with pytest.raises(ValueError, match="usable movie id"):
        movie_details({"title": "Dune"}, region="US")
