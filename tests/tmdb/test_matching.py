import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fakes.tmdb import (
    ANATOMY_OF_A_FALL,
    DUNE_1984,
    DUNE_2021,
    DUNE_2021_TRAILER,
    DUNE_SHORT_2021,
    DUNE_TV_MOVIE_2021,
    GODZILLA_MINUS_ONE,
    KINGDOM_FILM,
    MAKING_OF_DUNE,
    NOCTURNE_2020,
    NOCTURNE_2024,
    NOCTURNE_2024_TRAILER,
    SKIN_FEATURE,
    SKIN_SHORT,
    SPACE_ODYSSEY,
    SUNBURN_DRAMA,
    SUNBURN_DRAMA_TRAILER,
    SUNBURN_HORROR,
    UNRELEASED,
    FakeSeries,
    make_film,
)
from whichmovie.tmdb.client import TmdbUnavailable
from whichmovie.tmdb.matching import (
    CONFIDENCE_THRESHOLD,
    Candidate,
    MatchResult,
    match_movie,
    score_candidate,
    title_similarity,
)


def candidate(result: MatchResult, tmdb_id: int) -> Candidate:
    return next(c for c in result.candidates if c.tmdb_id == tmdb_id)


# -- clean matches are cheap ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "year", "expected"),
    [
        ("Nocturne", 2024, NOCTURNE_2024),
        ("Skin", 2019, SKIN_FEATURE),
        ("Anatomy of a Fall", 2023, ANATOMY_OF_A_FALL),
    ],
)
def test_a_clean_match_costs_one_search_and_one_details_request(
    fake, client, title, year, expected
):
    result = match_movie(client, title=title, year=year)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == expected
    assert result.best.score == 100
    assert len(fake.log) == 2
    assert result.queries == (
        f"search/movie query={title!r} primary_release_year={year}",
        f"movie/{expected} details",
    )


def test_a_match_hands_over_the_details_it_fetched(client):
    result = match_movie(client, title="Dune", year=2021)

    assert result.details is not None
    assert result.details["id"] == DUNE_2021
    assert result.details["external_ids"]["imdb_id"] == "tt1160419"


# -- Dune: three films of 2021, one of 1984, making-ofs -------------------------------------------


def test_dune_2021_is_the_feature_not_the_short_or_the_tv_movie(client):
    result = match_movie(client, title="Dune", year=2021)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == DUNE_2021
    assert "penalty: short (runtime 12 min)" in candidate(result, DUNE_SHORT_2021).reasons
    assert "penalty: TV movie" in candidate(result, DUNE_TV_MOVIE_2021).reasons
    assert candidate(result, MAKING_OF_DUNE).score < CONFIDENCE_THRESHOLD
    assert "penalty: documentary about the film" in candidate(result, MAKING_OF_DUNE).reasons
    assert [c.score for c in result.candidates] == sorted(
        (c.score for c in result.candidates), reverse=True
    )


def test_dune_without_a_year_is_too_close_to_call(fake, client):
    result = match_movie(client, title="Dune", year=None)

    assert result.status == "needs_review"
    assert result.best is None
    assert result.details is None
    assert result.explanation.startswith("too close to call")
    assert {DUNE_1984, DUNE_2021} <= {c.tmdb_id for c in result.candidates[:2]}
    assert fake.paths()[-1] == "/search/tv"  # a tie: a same-named series might explain it


def test_a_youtube_id_listed_by_tmdb_makes_the_match_certain(fake, client):
    result = match_movie(client, title="Dune", year=None, youtube_ids=["x", DUNE_2021_TRAILER])

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == DUNE_2021
    assert result.best.score == 100
    assert result.best.reasons == (f"TMDB lists this YouTube video ({DUNE_2021_TRAILER})",)
    assert len(fake.log) == 2


def test_a_trailer_from_the_year_before_release(client):
    result = match_movie(client, title="Dune", year=2020)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == DUNE_2021
    assert "year +1 (trailer before release)" in result.best.reasons
    assert candidate(result, DUNE_1984).score < result.best.score


def test_a_making_of_is_matched_when_it_is_what_we_asked_for(client):
    result = match_movie(client, title="The Making of Dune", year=2021)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == MAKING_OF_DUNE


# -- re-releases ----------------------------------------------------------------------------------


def test_re_release_trailer_finds_the_original_film(fake, client):
    result = match_movie(client, title="2001: A Space Odyssey", year=2014)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == SPACE_ODYSSEY
    assert result.best.year == 1968
    assert any("TMDB lists a 2014 release" in reason for reason in result.best.reasons)
    assert fake.paths() == ["/search/movie", "/search/movie", f"/movie/{SPACE_ODYSSEY}"]


def test_a_well_known_classic_is_accepted_as_a_re_release(client):
    result = match_movie(client, title="2001: A Space Odyssey", year=2025)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == SPACE_ODYSSEY
    assert any("likely a re-release" in reason for reason in result.best.reasons)


def test_a_film_years_away_from_the_trailer_goes_to_review(client):
    result = match_movie(client, title="Nocturne", year=2015)

    assert result.status == "needs_review"
    assert "below the threshold" in result.explanation
    assert {NOCTURNE_2020, NOCTURNE_2024} == {c.tmdb_id for c in result.candidates}


# -- namesakes ------------------------------------------------------------------------------------


def test_the_indie_wins_over_a_more_popular_namesake_by_year(client):
    result = match_movie(client, title="Nocturne", year=2024)

    assert result.best is not None and result.best.tmdb_id == NOCTURNE_2024


def test_namesakes_without_a_year_go_to_review_not_to_the_popular_one(client):
    result = match_movie(client, title="Nocturne", year=None)

    assert result.status == "needs_review"


def test_namesakes_are_told_apart_by_tmdbs_video_list(client):
    result = match_movie(client, title="Nocturne", year=None, youtube_ids=[NOCTURNE_2024_TRAILER])

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == NOCTURNE_2024


def test_same_title_same_year_is_never_guessed(client):
    result = match_movie(client, title="Sunburn", year=2025)

    assert result.status == "needs_review"
    assert {SUNBURN_HORROR, SUNBURN_DRAMA} == {c.tmdb_id for c in result.candidates}


def test_same_title_same_year_with_our_video_listed(client):
    result = match_movie(client, title="Sunburn", year=2025, youtube_ids=[SUNBURN_DRAMA_TRAILER])

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == SUNBURN_DRAMA


def test_a_popular_short_does_not_take_the_features_trailer(client):
    # The festival year: TMDB's primary release is 2019, the Oscar-winning short is from 2018.
    result = match_movie(client, title="Skin", year=2018)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == SKIN_FEATURE
    assert "penalty: short (runtime 20 min)" in candidate(result, SKIN_SHORT).reasons


# -- other titles ---------------------------------------------------------------------------------


def test_a_foreign_film_is_found_by_its_original_title(client):
    result = match_movie(client, title="Anatomie d’une chute", year=2023)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == ANATOMY_OF_A_FALL
    assert result.best.reasons[0] == "title 100 (original title)"


def test_original_titles_are_searched_when_the_title_finds_nothing(fake, client):
    result = match_movie(
        client,
        title="Anatomy of the Fall",  # a slip TMDB's search does not forgive
        year=2023,
        original_titles=["Anatomie d'une chute"],
    )

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == ANATOMY_OF_A_FALL
    assert result.queries == (
        "search/movie query='Anatomy of the Fall' primary_release_year=2023",
        'search/movie query="Anatomie d\'une chute" primary_release_year=2023',
        f"movie/{ANATOMY_OF_A_FALL} details",
    )


def test_an_alternative_title_lifts_a_candidate_over_the_threshold(client):
    result = match_movie(client, title="Godzilla -1.0", year=2023)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == GODZILLA_MINUS_ONE
    assert result.best.reasons[0] == "title 100 (alternative title 'Godzilla -1.0')"


def test_an_announced_film_without_a_date(client):
    result = match_movie(client, title="The Untitled Heist Project", year=2026)

    assert result.status == "matched"
    assert result.best is not None and result.best.tmdb_id == UNRELEASED
    assert any("no release date" in reason for reason in result.best.reasons)


def test_nothing_found(fake, client):
    result = match_movie(client, title="Zyzzyva Unknown Picture", year=2020)

    assert result.status == "not_found"
    assert result.candidates == ()
    assert result.best is None
    assert result.queries[-1] == "search/tv query='Zyzzyva Unknown Picture'"
    assert len(fake.log) == 4  # three film searches, one series search
    assert result.explanation == "TMDB found nothing for 'Zyzzyva Unknown Picture' (2020)"


# -- series trailers look like film trailers ------------------------------------------------------


def test_a_series_trailer_is_not_a_movie(fake, client):
    result = match_movie(client, title="Space Force", year=2020)

    assert result.status == "not_a_movie"
    assert result.best is None and result.details is None
    assert result.explanation.startswith(
        "TMDB knows 'Space Force' as a TV series (2020), not a film"
    )
    assert result.queries[-1] == "search/tv query='Space Force'"
    assert fake.paths() == ["/search/movie"] * 3 + ["/search/tv"]


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Baby Reindeer", None),  # no year stated: the title alone decides
        ("The Queen’s Gambit", 2021),  # typographic apostrophe; a trailer for season two
        ("The Queen's Gambit", 2019),  # the trailer a year before the series
    ],
)
def test_a_series_is_recognised_by_its_normalised_title_and_year(client, title, year):
    assert match_movie(client, title=title, year=year).status == "not_a_movie"


def test_a_series_years_away_from_the_upload_is_not_the_same_show(client):
    result = match_movie(client, title="The Queen's Gambit", year=2025)

    assert result.status == "not_found"


def test_a_series_that_only_contains_the_title_is_not_the_same_show(fake, client):
    result = match_movie(client, title="Space", year=2020)  # "Space Force" is another title

    assert result.status != "not_a_movie"
    assert "/search/tv" in fake.paths()


def test_a_series_found_by_its_original_name(fake, client):
    fake.add(FakeSeries(1_600_001, "The Glory", "2022-12-30", original_name="더 글로리"))

    result = match_movie(client, title="더 글로리", year=2022)

    assert result.status == "not_a_movie"
    assert "'The Glory' as a TV series (2022)" in result.explanation


def test_a_series_of_the_stated_year_beats_a_film_years_away(fake, client):
    # The 2016 film "Kingdom" scores 70 for a 2019 trailer; the series "Kingdom" began in 2019.
    result = match_movie(client, title="Kingdom", year=2019)

    assert result.status == "not_a_movie"
    assert result.candidates[0].tmdb_id == KINGDOM_FILM
    assert "'Kingdom' as a TV series (2019)" in result.explanation
    assert fake.paths()[-1] == "/search/tv"


def test_a_film_and_a_series_that_fit_equally_go_to_review(fake, client):
    fake.add(make_film(1_600_003, "Kingdom", 2019, popularity=0.5))
    fake.add(make_film(1_600_004, "Kingdom", 2019, popularity=0.4))

    result = match_movie(client, title="Kingdom", year=2019)

    assert result.status == "needs_review"
    assert "TMDB also knows 'Kingdom' as a TV series (2019)" in result.explanation


def test_a_film_that_matches_never_asks_about_series(fake, client):
    fake.add(make_film(1_600_002, "Space Force", 2020, popularity=1.0))

    result = match_movie(client, title="Space Force", year=2020)

    assert result.status == "matched"
    assert fake.paths() == ["/search/movie", "/movie/1600002"]


def test_an_empty_title_sends_nothing(fake, client):
    result = match_movie(client, title="  ", year=2020)

    assert result.status == "not_found"
    assert fake.log == []


def test_tmdb_being_down_is_the_callers_problem(fake, client):
    fake.fail_next(20, 503)

    with pytest.raises(TmdbUnavailable):
        match_movie(client, title="Dune", year=2021)


# -- scoring rules, without a server --------------------------------------------------------------


def make_result(**fields):
    return {
        "id": 1,
        "title": "Heat",
        "original_title": "Heat",
        "release_date": "1995-12-15",
        "popularity": 10.0,
        "vote_count": 100,
        "genre_ids": [80],
        "poster_path": "/heat.jpg",
        **fields,
    }


@pytest.mark.parametrize(
    ("film_date", "year", "score"),
    [
        ("1995-12-15", 1995, 100),  # exact
        ("1995-12-15", 1994, 95),  # trailer the year before release
        ("1995-12-15", 1996, 95),  # trailer the year after a festival premiere
        ("1995-12-15", 1999, 70),  # years away, not a well-known film
        ("", 1995, 90),  # TMDB has no date yet
        ("1995-12-15", None, 100),  # nothing to compare
    ],
)
def test_year_distance(film_date, year, score):
    scored, certain = score_candidate(
        make_result(release_date=film_date), titles=["Heat"], year=year
    )

    assert scored.score == score
    assert not certain


def test_an_older_film_with_a_release_in_our_year_is_a_re_release():
    scored, _ = score_candidate(make_result(), titles=["Heat"], year=2025, release_in_year=True)

    assert scored.score == 90


def test_a_tv_movie_is_penalised_from_the_search_result_alone():
    scored, _ = score_candidate(make_result(genre_ids=[10770]), titles=["Heat"], year=1995)

    assert scored.score == 75
    assert "penalty: TV movie" in scored.reasons


def test_a_short_is_penalised_only_once_the_runtime_is_known():
    short = {"runtime": 14, "genres": [{"id": 80, "name": "Crime"}]}
    unknown = {"runtime": 0, "genres": []}  # TMDB sends 0 when it does not know

    assert score_candidate(make_result(), titles=["Heat"], year=1995, details=short)[0].score == 60
    assert (
        score_candidate(make_result(), titles=["Heat"], year=1995, details=unknown)[0].score == 100
    )


def test_a_documentary_about_the_film_is_penalised():
    doc = make_result(title="Heat: Behind the Scenes", original_title="", genre_ids=[99])

    scored, _ = score_candidate(doc, titles=["Heat"], year=1995)

    assert "penalty: documentary about the film" in scored.reasons
    assert scored.score == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Amélie", "AMELIE"),
        ("Love & Death", "Love and Death"),
        ("Schindler’s List", "Schindler's List"),
        ("Spider-Man: Across the Spider-Verse", "Spiderman – Across the Spider‐Verse"),
        ("“Wonka”", "Wonka"),
    ],
)
def test_spellings_of_one_title_are_fully_similar(a, b):
    assert title_similarity(a, b) == 100


def test_a_title_inside_a_longer_title_is_not_similar():
    assert title_similarity("Dune", "The Making of Dune") < 50
    assert title_similarity("Dune", "Dune: Part Two") < 75


@given(st.text(max_size=40), st.text(max_size=40))
def test_similarity_is_a_symmetric_percentage(a, b):
    similarity = title_similarity(a, b)
    assert 0 <= similarity <= 100
    assert similarity == title_similarity(b, a)


@given(
    title=st.text(max_size=30),
    query=st.text(min_size=1, max_size=30),
    year=st.none() | st.integers(1880, 2100),
    film_year=st.none() | st.integers(1880, 2100),
    genres=st.lists(st.sampled_from([18, 99, 10770, 878])),
    runtime=st.integers(0, 300),
    popularity=st.floats(0, 1000),
    votes=st.integers(0, 50_000),
    release_in_year=st.booleans(),
)
def test_every_score_is_between_0_and_100(
    title, query, year, film_year, genres, runtime, popularity, votes, release_in_year
):
    result = make_result(
        title=title,
        original_title=title,
        release_date=f"{film_year}-01-01" if film_year else "",
        genre_ids=genres,
        popularity=popularity,
        vote_count=votes,
    )
    scored, _ = score_candidate(
        result,
        titles=[query],
        year=year,
        details={"runtime": runtime},
        release_in_year=release_in_year,
    )
    assert 0 <= scored.score <= 100
    assert scored.reasons
