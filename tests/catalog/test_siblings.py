"""An unsure movie joins the film a same-titled sibling upload was matched to (issue #14)."""

import pytest

from tests.factories import make_channel, make_movie, make_video
from whichmovie.catalog.models import MatchStatus, Movie, Video
from whichmovie.catalog.services.siblings import (
    movies_join_siblings,
    rerelease_words,
    sibling_film,
)
from whichmovie.sources.titles import normalise_title

FILM, OLD_NAMESAKE, OTHER_NAMESAKE = 357699, 7000520, 7000521


def decide(status, candidates, siblings, *, rerelease=False, same_channel=True):
    return sibling_film(
        status=status,
        candidates=candidates,
        sibling_films=siblings,
        rerelease=rerelease,
        same_channel=same_channel,
    )


def test_a_review_tie_between_old_namesakes_follows_the_channels_sibling_on_restoration_words():
    tie = [(OLD_NAMESAKE, 110.0), (OTHER_NAMESAKE, 110.0), (FILM, 100.0)]
    review = MatchStatus.NEEDS_REVIEW
    assert decide(review, tie, {FILM}, rerelease=True) == FILM
    # Without re-release words the tie is a real one: a person decides.
    assert decide(review, tie, {FILM}) is None
    # Another channel's sibling may be a namesake's own trailer: the upload's tie stands.
    assert decide(review, tie, {FILM}, rerelease=True, same_channel=False) is None


def test_a_review_case_does_not_follow_a_sibling_far_behind_the_best():
    behind = [(OLD_NAMESAKE, 112.0), (FILM, 70.0)]
    assert decide(MatchStatus.NEEDS_REVIEW, behind, {FILM}, rerelease=True) is None


def test_not_found_follows_any_channels_sibling_only_when_its_film_is_a_best_candidate():
    tie = [(OLD_NAMESAKE, 70.0), (FILM, 70.0)]
    assert decide(MatchStatus.NOT_FOUND, tie, {FILM}, same_channel=False) == FILM
    behind = [(OLD_NAMESAKE, 70.0), (FILM, 30.0)]
    assert decide(MatchStatus.NOT_FOUND, behind, {FILM}) is None


def test_siblings_of_two_films_or_a_film_not_among_the_candidates_decide_nothing():
    tie = [(OLD_NAMESAKE, 70.0), (FILM, 70.0)]
    for siblings in ({FILM, OLD_NAMESAKE}, {OTHER_NAMESAKE}, set()):
        assert decide(MatchStatus.NOT_FOUND, tie, siblings) is None
    # A matched movie is never moved.
    assert decide(MatchStatus.MATCHED, tie, {FILM}, rerelease=True) is None


def test_re_release_words_count_outside_the_films_own_title_only():
    assert rerelease_words(
        "Kelly Reichardt's MEEK'S CUTOFF - 4K Restoration Trailer", "Meek's Cutoff"
    )
    assert not rerelease_words("Restoration | Official Trailer 2", "Restoration")


def unsure(title: str, status: str, candidates: list[tuple[int, float]]) -> Movie:
    return make_movie(
        title,
        None,
        match_status=status,
        match_details={"candidates": [{"tmdb_id": i, "score": s} for i, s in candidates]},
    )


def upload(movie: Movie, channel, youtube_title: str, **fields) -> Video:
    key = f"{normalise_title(movie.title)}||x"  # the title part is what siblings share
    return make_video(movie, channel, youtube_title=youtube_title, group_key=key, **fields)


@pytest.mark.django_db
def test_a_restoration_trailer_in_review_joins_the_card_its_channels_first_trailer_is_on():
    channel = make_channel()
    film = make_movie("Meek's Cutoff", 2010, tmdb_id=FILM)
    upload(film, channel, "Meek's Cutoff - Official Trailer [HD]")
    restored = unsure(
        "Meek's Cutoff",
        MatchStatus.NEEDS_REVIEW,
        [(OLD_NAMESAKE, 110.0), (OTHER_NAMESAKE, 110.0), (FILM, 100.0)],
    )
    video = upload(restored, channel, "Kelly Reichardt's MEEK'S CUTOFF - 4K Restoration Trailer")
    # Another channel's upload of the title on a namesake's card: this channel's own decides.
    namesake = make_movie("Meek's Cutoff", 1986, tmdb_id=OLD_NAMESAKE)
    upload(namesake, make_channel(), "Meek's Cutoff | Official Trailer | Netflix")

    assert movies_join_siblings([restored.pk]) == 1

    video.refresh_from_db()
    assert video.movie == film
    assert not Movie.objects.filter(pk=restored.pk).exists()


@pytest.mark.django_db
def test_siblings_of_two_films_on_other_channels_leave_the_unsure_movie_alone():
    film = make_movie("Meek's Cutoff", 2010, tmdb_id=FILM)
    upload(film, make_channel(), "Meek's Cutoff - Official Trailer [HD]")
    namesake = make_movie("Meek's Cutoff", 1986, tmdb_id=OLD_NAMESAKE)
    upload(namesake, make_channel(), "Meek's Cutoff | Official Trailer | Netflix")
    lost = unsure("Meek's Cutoff", MatchStatus.NOT_FOUND, [(OLD_NAMESAKE, 70.0), (FILM, 70.0)])
    upload(lost, make_channel(), "Meek's Cutoff | Trailer")

    assert movies_join_siblings([lost.pk]) == 0
    assert Movie.objects.filter(pk=lost.pk).exists()


@pytest.mark.django_db
def test_a_description_crediting_other_people_keeps_the_upload_off_the_siblings_film():
    channel = make_channel()
    film = make_movie("Meek's Cutoff", 2010, tmdb_id=FILM, directors=["Kelly Reichardt"])
    upload(film, channel, "Meek's Cutoff - Official Trailer [HD]")
    lost = unsure("Meek's Cutoff", MatchStatus.NOT_FOUND, [(FILM, 70.0), (OLD_NAMESAKE, 30.0)])
    upload(
        lost,
        channel,
        "Meek's Cutoff | Trailer",
        description="Starring Someone Else. Directed by Another Person.",
    )

    assert movies_join_siblings([lost.pk]) == 0
    assert Movie.objects.filter(pk=lost.pk).exists()


@pytest.mark.django_db
def test_a_4k_trailer_in_review_does_not_follow_another_channels_namesake_trailer():
    namesake = make_movie("Alcarràs", 2008, tmdb_id=OLD_NAMESAKE)
    upload(namesake, make_channel(), "Alcarràs - Official Trailer 2 | IGN")
    review = unsure("Alcarràs", MatchStatus.NEEDS_REVIEW, [(FILM, 100.0), (OLD_NAMESAKE, 100.0)])
    video = upload(review, make_channel(), "Alcarràs | Tràiler oficial (VOSC) 4K")

    assert movies_join_siblings([review.pk]) == 0
    video.refresh_from_db()
    assert video.movie == review
