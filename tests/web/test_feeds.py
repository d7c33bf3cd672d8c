from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from tests.factories import make_channel, make_genre, make_movie, make_video
from whichmovie.catalog.models import MatchStatus, VideoKind

pytestmark = pytest.mark.django_db


def ago(**delta):
    return timezone.now() - timedelta(**delta)


@pytest.fixture
def trailers():
    mubi = make_channel(name="MUBI", slug="mubi")
    a24 = make_channel(name="A24", slug="a24")
    drama = make_genre("Drama", 18)
    past_lives = make_movie("Past Lives", 2023, tmdb_id=666277, overview="Two friends.")
    past_lives.genres.add(drama)
    anora = make_movie("Anora", 2024, tmdb_id=1064213)
    make_video(
        past_lives,
        mubi,
        youtube_id="pl-teaser01",
        kind=VideoKind.TEASER,
        published_at=ago(days=10),
        youtube_title="Past Lives | Teaser",
    )
    make_video(
        past_lives,
        a24,
        youtube_id="pl-trailer1",
        published_at=ago(days=2),
        youtube_title="Past Lives | Official Trailer",
    )
    make_video(
        anora,
        a24,
        youtube_id="an-trailer1",
        published_at=ago(days=5),
        youtube_title="Anora | Official Trailer",
    )
    make_video(
        None,
        mubi,
        youtube_id="not-trailer",
        published_at=ago(days=1),
        youtube_title="Behind the scenes",
    )
    rejected = make_movie("Concert", match_status=MatchStatus.NOT_A_MOVIE)
    make_video(rejected, mubi, youtube_id="concert0001", published_at=ago(hours=1))
    return {"past_lives": past_lives, "anora": anora}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


@pytest.mark.parametrize(
    "url, content_type",
    [("/feed.rss", "application/rss+xml"), ("/feed.atom", "application/atom+xml")],
)
def test_feed_lists_new_trailers_newest_first(client, trailers, url, content_type):
    response, feed = parse(client, url)

    assert response["Content-Type"].startswith(content_type)
    assert feed.feed.title == "WhichMovie: new trailers"
    assert [entry.title for entry in feed.entries] == [
        "Past Lives (2023) · Trailer: Past Lives | Official Trailer",
        "Anora (2024) · Trailer: Anora | Official Trailer",
        "Past Lives (2023) · Teaser: Past Lives | Teaser",
    ]
    pk = trailers["past_lives"].pk
    assert feed.entries[0].link == f"http://testserver/movies/{pk}/past-lives/#trailer-pl-trailer1"
    assert feed.entries[0].id == "https://www.youtube.com/watch?v=pl-trailer1"
    assert feed.entries[0].author == "A24"
    assert "Two friends." in feed.entries[0].summary
    assert "https://i.ytimg.com/vi/pl-trailer1/hqdefault.jpg" in feed.entries[0].summary


def test_channel_feed_has_only_that_channels_trailers(client, trailers):
    _, feed = parse(client, "/channels/mubi/feed.rss")

    assert feed.feed.title == "WhichMovie: MUBI"
    assert feed.feed.link == "http://testserver/channels/mubi/"
    assert [entry.title for entry in feed.entries] == [
        "Past Lives (2023) · Teaser: Past Lives | Teaser"
    ]


def test_feed_takes_the_same_filters_as_the_pages(client, trailers):
    _, dramas = parse(client, "/feed.atom?genre=drama")
    _, teasers = parse(client, "/feed.rss?kind=teaser")
    _, this_week = parse(client, "/feed.rss?new=week")
    _, searched = parse(client, "/feed.rss?q=anora")

    assert {entry.title.split(" ·")[0] for entry in dramas.entries} == {"Past Lives (2023)"}
    assert [entry.title for entry in teasers.entries] == [
        "Past Lives (2023) · Teaser: Past Lives | Teaser"
    ]
    assert [entry.title.split(" ·")[0] for entry in this_week.entries] == [
        "Past Lives (2023)",
        "Anora (2024)",
    ]
    assert [entry.title.split(" ·")[0] for entry in searched.entries] == ["Anora (2024)"]
    assert dramas.feed.link == "http://testserver/?genre=drama"


def test_a_feed_is_titled_by_its_filter(client, trailers):
    _, everything = parse(client, "/feed.rss")
    _, dramas = parse(client, "/channels/mubi/feed.atom?genre=drama&kind=teaser")

    assert everything.feed.title == "WhichMovie: new trailers"
    assert dramas.feed.title == "WhichMovie: MUBI · Drama · Teasers"


def test_feed_refuses_bad_filters_and_unknown_channels(client):
    assert client.get("/feed.rss?sort=nonsense").status_code == 400
    assert client.get("/channels/nope/feed.atom").status_code == 404


def test_the_feed_linked_from_a_page_head_works(client, trailers):
    html = client.get("/channels/mubi/?kind=teaser").content.decode()
    href = html.split('type="application/rss+xml"', 1)[1].split('href="', 1)[1].split('"', 1)[0]

    _, feed = parse(client, href.replace("&amp;", "&"))

    assert href == "/channels/mubi/feed.rss?kind=teaser"
    assert len(feed.entries) == 1
