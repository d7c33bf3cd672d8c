"""The signals beyond title and year: publish date, re-release words, description, channel,
reworded searches, series, and a 404 on one request."""

from datetime import date

import pytest

from tests.fakes.tmdb import (
    DUNE_1984,
    DUNE_2021,
    NOCTURNE_2020,
    NOCTURNE_2024,
    FakeSeries,
    make_film,
)
from whichmovie.tmdb.matching import (
    Evidence,
    UploadEvidence,
    description_credits_others,
    match_movie,
    search_variants,
)


def published(day: str, **fields) -> Evidence:
    # yt-dlp's approximate date, counted from a fixed "today"
    return Evidence(published=date.fromisoformat(day), today=date(2026, 12, 1), **fields)


@pytest.mark.parametrize(
    ("title", "day", "expected"),
    [
        ("Dune", "2020-09-09", DUNE_2021),
        ("Dune", "1984-06-01", DUNE_1984),
        ("Nocturne", "2024-01-20", NOCTURNE_2024),  # the obscure namesake, not the popular one
        ("Nocturne", "2020-02-01", NOCTURNE_2020),
    ],
)
def test_the_publish_date_decides_a_tie_of_namesakes(client, title, day, expected):
    result = match_movie(client, title=title, year=None, evidence=published(day))

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == expected
    assert any(
        r.startswith(f"publish date {day}") and r.endswith("+12") for r in result.best.reasons
    )


def test_without_a_publish_date_the_tie_stays_a_tie(client):
    result = match_movie(client, title="Nocturne", year=None)

    assert result.status == "needs_review"
    assert "publish date: none known (no weight)" in result.candidates[0].reasons


def test_the_description_names_the_director(fake, client):
    fake.add(make_film(1_700_001, "Bird", 2024, director="Andrea Arnold", popularity=3.0))
    fake.add(make_film(1_700_002, "Bird", 2024, director="Someone Else", popularity=9.0))
    evidence = Evidence(descriptions=("From director Andrea Arnold, starring Barry Keoghan.",))

    result = match_movie(client, title="Bird", year=2024, evidence=evidence)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == 1_700_001
    assert "description names Andrea Arnold +12" in result.best.reasons
    rival = next(c for c in result.candidates if c.tmdb_id == 1_700_002)
    assert "description credits people, none of this film's -10" in rival.reasons


def test_the_channel_that_produced_the_film_decides(fake, client):
    fake.add(make_film(1_700_003, "Heretic", 2024, company="A24", popularity=2.0))
    fake.add(make_film(1_700_004, "Heretic", 2024, company="Other Films", popularity=8.0))

    result = match_movie(client, title="Heretic", year=2024, evidence=Evidence(channels=("A24",)))

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == 1_700_003
    assert "channel 'A24' is a production company +12" in result.best.reasons


def test_tmdb_is_asked_for_videos_in_the_channels_language(fake, client):
    fake.add(
        make_film(1_700_005, "La Chimera", 2023, youtube_keys=("chimeraFR01",), video_language="it")
    )
    fake.add(make_film(1_700_006, "La Chimera", 2023, popularity=20.0))

    result = match_movie(
        client,
        title="La Chimera",
        year=2023,
        youtube_ids=["chimeraFR01"],
        evidence=Evidence(channel_language="it"),
    )

    assert result.best is not None and result.best.tmdb_id == 1_700_005
    assert any(e.params.get("include_video_language") == "en,it,null" for e in fake.log)


def test_a_restoration_trailer_finds_an_ordinary_older_film(fake, client):
    fake.add(make_film(1_700_007, "Paris, Texas", 1984, popularity=4.0, vote_count=90))

    result = match_movie(
        client,
        title="Paris, Texas",
        year=2025,
        evidence=Evidence.from_uploads(titles=["Paris, Texas (2025) | 4K Restoration Trailer"]),
    )

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == 1_700_007
    assert any("re-release words" in r for r in result.best.reasons)


def test_without_re_release_words_an_ordinary_older_film_is_no_match(fake, client):
    fake.add(make_film(1_700_007, "Paris, Texas", 1984, popularity=4.0, vote_count=90))

    result = match_movie(client, title="Paris, Texas", year=2025)

    assert result.status != "matched"


@pytest.mark.parametrize(
    ("title", "tmdb_title"),
    [
        ("Zootopia 2: The Return", "Zootopia: The Return"),
        ("Wallace & Gromit: Vengeance Most Fowl", "Wallace and Gromit: Vengeance Most Fowl"),
        ("Greta Gerwig's Narnia", "Narnia"),
        ("Greta Gerwig - Mickey 17", "Mickey 17"),
    ],
)
def test_reworded_searches_find_what_the_title_did_not(fake, client, title, tmdb_title):
    fake.add(make_film(1_700_100, tmdb_title, 2025, director="Greta Gerwig"))

    result = match_movie(client, title=title, year=2025)

    assert result.status == "matched", result.explanation
    assert result.best is not None and result.best.tmdb_id == 1_700_100


def test_half_is_searched_both_ways(fake, client):
    fake.add(make_film(1_700_101, "Mr. Smith Goes \u00bd Way", 2025))

    result = match_movie(client, title="Mr. Smith Goes 1/2 Way", year=2025)

    assert result.best is not None and result.best.tmdb_id == 1_700_101


def test_search_variants():
    assert search_variants("Title 2: Subtitle") == [
        ("Title: Subtitle", 5.0, ""),
        ("Title 2", 5.0, ""),
    ]
    assert search_variants("Mission: Impossible") == [("Mission", 10.0, "")]
    assert search_variants("Greta Gerwig's Narnia") == [("Narnia", 5.0, "Greta Gerwig")]
    assert search_variants("The Devil's Bath") == []  # an article: nobody's possessive


def test_a_director_prefix_counts_only_if_that_director_made_the_film(fake, client):
    fake.add(make_film(1_700_110, "Narnia", 2026, director="Someone Else"))

    result = match_movie(client, title="Greta Gerwig's Narnia", year=2026)

    assert result.status != "matched"
    assert "Greta Gerwig not credited" in result.candidates[0].reasons[0]
    assert search_variants("Plain Title") == []


def test_a_series_named_like_part_of_a_film_is_the_series(fake, client):
    fake.add(make_film(1_700_200, "Batman: Nightfall", 2026, popularity=40.0))
    fake.add(FakeSeries(1_700_201, "Nightfall", "2026-03-01"))

    result = match_movie(client, title="Nightfall", year=None, evidence=published("2026-01-15"))

    assert result.status == "not_a_movie"
    assert "'Nightfall' as a TV series (2026)" in result.explanation


def test_a_series_and_a_film_named_alike_are_told_apart_by_the_date(fake, client):
    fake.add(make_film(1_700_300, "Nightfall", 2019, popularity=9.0))
    fake.add(FakeSeries(1_700_301, "Nightfall", "2026-03-01"))

    series = match_movie(client, title="Nightfall", year=None, evidence=published("2026-01-15"))
    film = match_movie(client, title="Nightfall", year=None, evidence=published("2019-02-01"))

    assert series.status == "not_a_movie"
    assert film.status == "matched"
    assert film.best is not None and film.best.tmdb_id == 1_700_300


def test_a_404_on_the_series_search_is_that_requests_nothing(fake_tmdb_factory):
    fake = fake_tmdb_factory(missing_paths=("/search/tv",))
    with fake.make_client() as client:
        result = match_movie(client, title="Nocturne", year=None)

    assert result.status == "needs_review"  # the candidates found are kept
    assert {NOCTURNE_2020, NOCTURNE_2024} <= {c.tmdb_id for c in result.candidates}
    assert result.queries[-1] == "search/tv query='Nocturne' (404: nothing)"


def test_uploads_of_one_group_that_are_two_films_are_told_apart_upload_by_upload(fake, client):
    fake.add(
        make_film(1_800_010, "The Pale Lantern", 2025, director="Ines Moreau"),
        make_film(1_800_011, "The Pale Lantern", 2026, director="Omar Quinn"),
    )
    a = published("2025-01-10", descriptions=("Directed by Ines Moreau.",))
    b = published("2025-11-20", descriptions=("Directed by Omar Quinn.",))
    # The group's evidence spans its uploads, as Evidence.from_uploads gives it.
    group = published(
        "2025-01-10", latest=date(2025, 11, 20), descriptions=a.descriptions + b.descriptions
    )

    result = match_movie(
        client,
        title="The Pale Lantern",
        year=None,
        evidence=group,
        uploads=[UploadEvidence("a", None, a), UploadEvidence("b", None, b)],
    )

    assert result.status == "needs_review"  # together, a person would hesitate too
    assert result.upload_films == {"a": 1_800_010, "b": 1_800_011}
    assert set(result.film_details) == {1_800_010, 1_800_011}


def test_uploads_that_agree_with_the_match_change_nothing(fake, client):
    a = published("2020-09-09", descriptions=("Directed by Denis Villeneuve.",))
    b = published("2021-07-01")
    result = match_movie(
        client,
        title="Dune",
        year=2021,
        evidence=published("2020-09-09", descriptions=a.descriptions),
        uploads=[UploadEvidence("a", 2021, a), UploadEvidence("b", None, b)],
    )
    assert result.status == "matched" and result.best.tmdb_id == DUNE_2021
    assert result.upload_films == {}


@pytest.mark.parametrize(
    ("description", "others"),
    [
        ("Starring Ava Okafor.", True),
        ("Directed by Sean Baker. Starring Mikey Madison.", False),
        ("Watch the new trailer now.", False),  # credits nobody: nothing to contradict
        ("", False),
    ],
)
def test_a_description_credits_other_people(description, others):
    assert description_credits_others(description, ["Sean Baker", "Mikey Madison"]) is others


def test_a_namesake_released_years_after_the_upload_does_not_tie_with_one_released_near_it(
    fake, client
):
    fake.add(
        make_film(1_810_001, "Grey Harbour", None, release_date="2023-06-20", popularity=3.0),
        make_film(1_810_002, "Grey Harbour", None, release_date="2026-02-10", popularity=30.0),
    )
    result = match_movie(client, title="Grey Harbour", year=None, evidence=published("2023-03-01"))

    assert result.status == "matched" and result.best.tmdb_id == 1_810_001
    rival = next(c for c in result.candidates if c.tmdb_id == 1_810_002)
    assert any(r.endswith("early for a trailer (no weight)") for r in rival.reasons)


def test_a_year_less_upload_years_before_the_only_films_release_is_not_that_film(fake, client):
    fake.add(make_film(1_810_003, "Salt Meridian", None, release_date="2026-08-01"))
    result = match_movie(client, title="Salt Meridian", year=None, evidence=published("2021-05-01"))

    assert result.status != "matched"
    assert result.candidates[0].contradicted


def test_an_anniversary_rules_out_a_namesake_of_the_re_release_year(fake, client):
    fake.add(
        make_film(1_810_004, "The Long Road", None, release_date="1994-07-06", vote_count=9000),
        make_film(1_810_005, "The Long Road", None, release_date="2014-03-03", popularity=90.0),
    )
    title = "The Long Road 20th Anniversary Re-Release Trailer (2014)"
    evidence = Evidence.from_uploads(titles=[title], published=[date(2014, 5, 1)])

    result = match_movie(client, title="The Long Road", year=2014, evidence=evidence)

    assert result.status == "matched" and result.best.tmdb_id == 1_810_004
    namesake = next(c for c in result.candidates if c.tmdb_id == 1_810_005)
    assert "20th anniversary in 2014: not a 2014 film -12" in namesake.reasons


def test_a_restoration_is_of_a_well_known_film_even_under_twenty_years_old(fake, client):
    fake.add(
        make_film(1_810_006, "Lantern Street", None, release_date="2004-09-29", vote_count=2000),
        make_film(1_810_007, "Lantern Street", None, release_date="2012-02-02", vote_count=3),
    )
    title = "Lantern Street | 4K Restoration Trailer"
    evidence = Evidence.from_uploads(titles=[title], published=[date(2022, 3, 1)])

    result = match_movie(client, title="Lantern Street", year=None, evidence=evidence)

    assert result.status == "matched" and result.best.tmdb_id == 1_810_006
    assert "re-release words: a well-known 2004 film, 18 years old +10" in result.best.reasons


def test_a_year_stated_long_before_the_upload_is_the_films_own_not_the_re_releases(fake, client):
    fake.add(
        make_film(1_810_008, "Wake at Dawn", None, release_date="1971-10-13"),
        make_film(1_810_009, "Wake at Dawn", None, release_date="1951-04-02"),
    )
    title = "Wake at Dawn (1971) | 4K Restoration Trailer"
    evidence = Evidence.from_uploads(titles=[title], published=[date(2022, 3, 1)])

    result = match_movie(client, title="Wake at Dawn", year=1971, evidence=evidence)

    assert result.status == "matched" and result.best.tmdb_id == 1_810_008


@pytest.mark.parametrize(
    "title",
    [
        "The Return - Extended Edition Trailer",
        "The Return | Director's Cut Trailer",
        "Tetsuo - Limited Edition Trailer | Arrow Video",
        "Blu-ray",
    ],
)
def test_edition_words_are_re_release_words(title):
    assert Evidence.from_uploads(titles=[title]).rerelease
