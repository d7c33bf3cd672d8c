"""SAVE: uploads become videos and movies, idempotently."""

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx2
import pytest

from tests.factories import make_channel
from tests.fakes.youtube import atom_feed
from whichmovie.catalog.models import Movie, Video
from whichmovie.catalog.services.channels import channel_for_listing
from whichmovie.catalog.services.videos import video_classify_by_hand, videos_save
from whichmovie.sources.youtube import Upload, listing_from_dump, read_feed

DATA = Path(__file__).parent.parent / "data"

pytestmark = pytest.mark.django_db


def import_dump(name: str):
    listing = listing_from_dump(json.loads((DATA / name).read_text()))
    channel = channel_for_listing(listing=listing)
    return channel, videos_save(channel=channel, uploads=listing.uploads, exact_dates=False)


def test_a_dump_becomes_videos_and_movies():
    channel, result = import_dump("ytdlp_rt_indie.json")
    assert result.created == 10
    assert channel.youtube_channel_id == "UCi8e0iOVk1fEOogdfu4YgfA"
    endless = Video.objects.get(youtube_id="dQ3mEndls01")
    assert (endless.kind, endless.parsed_title, endless.parsed_year) == (
        "trailer",
        "The Endless",
        2018,
    )
    assert Video.objects.get(youtube_id="X2050tsr001").kind == "teaser"
    shorts = Video.objects.get(youtube_id="OscShrt2017")
    assert shorts.kind == "other" and shorts.movie is None


def test_importing_twice_changes_nothing():
    import_dump("ytdlp_rt_indie.json")
    before = (
        list(Video.objects.order_by("pk").values()),
        list(Movie.objects.order_by("pk").values()),
    )
    _, again = import_dump("ytdlp_rt_indie.json")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)
    after = list(Video.objects.order_by("pk").values()), list(Movie.objects.order_by("pk").values())
    assert before == after


def test_two_trailers_of_one_film_share_a_movie_and_namesakes_stay_apart():
    import_dump("ytdlp_rt_indie.json")
    first = Video.objects.get(youtube_id="dQ3mEndls01")
    second = Video.objects.get(youtube_id="dQ3mEndls02")
    assert first.movie == second.movie
    assert first.movie.videos.count() == 2
    dunes = Movie.objects.filter(title="Dune").order_by("year")
    assert [m.year for m in dunes] == [1984, 2021]


def test_the_channel_of_a_dump_is_the_preset_channel():
    channel, _ = import_dump("ytdlp_rt_indie.json")
    mubi, _ = import_dump("ytdlp_mubi.json")
    assert channel.slug != mubi.slug
    assert channel.url.startswith("https://www.youtube.com/@RottenTomatoesIndie")
    assert Video.objects.get(youtube_id="SubstTrl001").parsed_title == "The Substance"


def test_publish_dates_are_kept_and_corrected_by_exact_ones():
    channel = make_channel()
    approximate = datetime(2026, 11, 20, tzinfo=UTC)
    exact = datetime(2026, 11, 19, 16, 0, 5, tzinfo=UTC)
    videos_save(
        channel=channel,
        uploads=[Upload("abc", "Anora | Official Trailer", approximate)],
        exact_dates=False,
    )
    videos_save(
        channel=channel, uploads=[Upload("abc", "Anora | Official Trailer", None)], exact_dates=True
    )
    assert Video.objects.get().published_at == approximate  # never replaced by nothing
    videos_save(
        channel=channel,
        uploads=[Upload("abc", "Anora | Official Trailer", exact)],
        exact_dates=True,
    )
    assert Video.objects.get().published_at == exact
    videos_save(
        channel=channel,
        uploads=[Upload("abc", "Anora | Official Trailer", approximate)],
        exact_dates=False,
    )
    assert Video.objects.get().published_at == exact
    movie = Movie.objects.get()
    assert movie.latest_video_at == exact


def test_a_video_set_by_hand_keeps_its_decision_when_fetched_again():
    channel = make_channel()
    videos_save(
        channel=channel, uploads=[Upload("abc", "Behind the Scenes of Anora")], exact_dates=False
    )
    video = Video.objects.get()
    assert video.kind == "other"
    video_classify_by_hand(video=video, kind="trailer", title="Anora", year=2024)
    assert video.movie.title == "Anora"
    videos_save(
        channel=channel, uploads=[Upload("abc", "Behind the Scenes of ANORA")], exact_dates=False
    )
    video.refresh_from_db()
    assert (video.kind, video.parsed_title, video.youtube_title) == (
        "trailer",
        "Anora",
        "Behind the Scenes of ANORA",
    )


def test_a_later_trailer_finds_the_movie_even_after_it_was_renamed():
    channel = make_channel()
    videos_save(
        channel=channel,
        uploads=[Upload("t1", "Mission Impossible: Ghost Protocol Official Trailer #1 (2011)")],
        exact_dates=False,
    )
    movie = Movie.objects.get()
    movie.title, movie.tmdb_id = "Mission: Impossible - Ghost Protocol", 56292
    movie.save()
    videos_save(
        channel=channel,
        uploads=[Upload("t2", "Mission Impossible: Ghost Protocol Official Trailer #2 (2011)")],
        exact_dates=False,
    )
    assert Movie.objects.count() == 1
    assert movie.videos.count() == 2


def test_a_retitled_upload_moves_to_its_new_film_and_the_old_one_is_updated():
    channel = make_channel()
    videos_save(
        channel=channel,
        uploads=[Upload("abc", "Anora | Official Trailer", datetime(2026, 11, 2, tzinfo=UTC))],
        exact_dates=True,
    )
    anora = Movie.objects.get()
    videos_save(
        channel=channel,
        uploads=[Upload("abc", "Anora | Official Trailer | NEON")],
        exact_dates=True,
    )
    assert Video.objects.get().movie == anora  # cosmetic change: same film
    videos_save(
        channel=channel, uploads=[Upload("abc", "Nickel Boys | Official Trailer")], exact_dates=True
    )
    assert Video.objects.get().movie.title == "Nickel Boys"
    anora.refresh_from_db()
    assert anora.latest_video_at is None  # no trailer left: off the radar


def test_the_feeds_description_is_kept_as_evidence_for_matching():
    channel = make_channel()
    upload = Upload(
        "desc0000001",
        "Bird | Official Trailer",
        datetime(2026, 1, 2, tzinfo=UTC),
        "From director Andrea Arnold, starring Barry Keoghan.",
    )
    feed = atom_feed(channel.youtube_channel_id, channel.name, [upload])
    transport = httpx2.MockTransport(lambda request: httpx2.Response(200, text=feed))
    with httpx2.Client(transport=transport) as client:
        uploads = read_feed(channel.youtube_channel_id, feed_url="http://feed.test/", client=client)

    videos_save(channel=channel, uploads=uploads, exact_dates=True)

    assert Video.objects.get().description.startswith("From director Andrea Arnold")


def test_a_known_upload_gets_the_description_a_later_sighting_brings():
    """The listing often has no description; the feed's names the cast the matcher weighs."""
    channel = make_channel()
    when = datetime(2024, 10, 1, tzinfo=UTC)
    videos_save(channel=channel, uploads=[Upload("aaaaaaaaaaa", "Bird | Trailer", when)],
                exact_dates=False)  # fmt: skip
    feed = Upload("aaaaaaaaaaa", "Bird | Trailer", when, description="Starring Barry Keoghan.")
    result = videos_save(channel=channel, uploads=[feed], exact_dates=True)

    assert result.updated == 1
    assert Video.objects.get(youtube_id="aaaaaaaaaaa").description == "Starring Barry Keoghan."
