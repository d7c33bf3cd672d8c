"""The admin as staff use it: the review queue, explain, and fixing uploads by hand."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tests.factories import make_movie, make_video
from tests.fakes.tmdb import DUNE_1984, FAKE_API_KEY, make_film
from whichmovie.catalog.models import DateStatus, MatchStatus, Movie
from whichmovie.catalog.services.enrichment import movies_enrich

pytestmark = pytest.mark.django_db


@pytest.fixture
def unsure_dune(fake_tmdb, settings):
    settings.TMDB_API_URL, settings.TMDB_API_KEY = fake_tmdb.url, FAKE_API_KEY
    movie = make_movie("Dune", None)
    make_video(movie, youtube_title="Dune Official Trailer", published_at=None)  # a true tie
    with fake_tmdb.make_client() as client:
        movies_enrich(client=client)
    movie.refresh_from_db()
    assert movie.match_status == MatchStatus.NEEDS_REVIEW
    return movie


def test_the_review_queue_shows_candidates_and_picks_one_in_a_click(admin_client, unsure_dune):
    page = admin_client.get(reverse("admin:catalog_movie_review"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dune Official Trailer" in html and "This one" in html and "1984" in html
    response = admin_client.post(
        reverse("admin:catalog_movie_identify", args=[unsure_dune.pk]), {"tmdb": str(DUNE_1984)}
    )
    assert response.status_code == 302
    movie = Movie.objects.get(tmdb_id=DUNE_1984)
    assert movie.match_status == MatchStatus.MANUAL and movie.year == 1984
    assert (
        "Nothing to review"
        in admin_client.get(reverse("admin:catalog_movie_review")).content.decode()
    )


def test_a_tmdb_url_can_be_given_by_hand(admin_client, unsure_dune):
    admin_client.post(
        reverse("admin:catalog_movie_identify", args=[unsure_dune.pk]),
        {"tmdb": f"https://www.themoviedb.org/movie/{DUNE_1984}-dune"},
    )
    assert Movie.objects.get(pk=unsure_dune.pk).tmdb_id == DUNE_1984


def test_a_bad_reference_is_an_error_message_and_changes_nothing(admin_client, unsure_dune):
    response = admin_client.post(
        reverse("admin:catalog_movie_identify", args=[unsure_dune.pk]),
        {"tmdb": "dune please"},
        follow=True,
    )
    assert "not a TMDB or IMDb id or URL" in response.content.decode()
    assert Movie.objects.get(pk=unsure_dune.pk).match_status == MatchStatus.NEEDS_REVIEW


def test_not_a_movie(admin_client, unsure_dune):
    admin_client.post(
        reverse("admin:catalog_movie_identify", args=[unsure_dune.pk]), {"not_a_movie": "1"}
    )
    assert Movie.objects.get(pk=unsure_dune.pk).match_status == MatchStatus.NOT_A_MOVIE


def test_explain_shows_the_way_to_the_decision(admin_client, unsure_dune):
    html = admin_client.get(
        reverse("admin:catalog_movie_explain", args=[unsure_dune.pk])
    ).content.decode()
    assert "Dune Official Trailer" in html  # raw upload title
    assert "search/movie" in html  # the queries sent
    assert str(DUNE_1984) in html  # a candidate
    assert "needs review" in html


def test_explain_is_staff_only(client, unsure_dune):
    response = client.get(reverse("admin:catalog_movie_explain", args=[unsure_dune.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_upload_reclassified_by_hand_gets_its_movie(admin_client):
    video = make_video(None, youtube_title="Anora - Behind the Scenes")
    url = reverse("admin:catalog_video_change", args=[video.pk])
    response = admin_client.post(
        url, {"kind": "trailer", "parsed_title": "Anora", "parsed_year": "2024"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    video.refresh_from_db()
    assert video.manual and video.movie.title == "Anora"


def test_skipped_uploads_are_listed_with_their_reason(admin_client):
    make_video(None, youtube_title="Anora - Behind the Scenes", reason="featurette")
    html = admin_client.get(
        reverse("admin:catalog_video_changelist") + "?kind__exact=other"
    ).content.decode()
    assert "Anora - Behind the Scenes" in html and "featurette" in html


def test_adding_a_channel_in_the_admin_checks_url_and_schedule(admin_client):
    url = reverse("admin:catalog_channel_add")
    form = {
        "slug": "a24",
        "name": "A24",
        "url": "https://example.com/a24",
        "rules": "a24",
        "schedule": "0 3 * *",
        "first_fetch_depth": "200",
        "consecutive_failures": "0",
    }
    html = admin_client.post(url, form).content.decode()
    assert "not a YouTube channel URL" in html
    assert "day of week as * or Mon..Sun" in html


def test_explain_shows_every_signal_with_its_weight(admin_client, fake_tmdb, settings):
    settings.TMDB_API_URL, settings.TMDB_API_KEY = fake_tmdb.url, FAKE_API_KEY
    movie = make_movie("Dune", None)
    make_video(
        movie,
        youtube_title="DUNE | Official Trailer",
        published_at=datetime(2020, 9, 9, tzinfo=UTC),
        description="Directed by Denis Villeneuve. In theaters 2021.",
    )
    with fake_tmdb.make_client() as client:
        movies_enrich(client=client)

    html = admin_client.get(reverse("admin:catalog_movie_explain", args=[movie.pk])).content
    text = html.decode()
    assert "Evidence the matcher weighed: publish date 2020-09-09" in text
    assert "publish date 2020-09-09 (exact, from the feed)" in text
    assert "publish date 2020-09-09 (exact): 12 months before the release +12" in text
    assert "description names Denis Villeneuve +12" in text
    assert "months after the release -30" in text  # Dune (1984): long out by 2020


def test_explain_says_when_the_publish_date_is_only_approximate(admin_client, fake_tmdb):
    movie = make_movie("Dune", None)
    make_video(
        movie,
        youtube_title="DUNE | Official Trailer",
        published_at=datetime(2020, 9, 9, tzinfo=UTC),
        date_status=DateStatus.APPROXIMATE,  # yt-dlp's "6 years ago"
    )
    with fake_tmdb.make_client() as client:
        movies_enrich(client=client)

    text = admin_client.get(reverse("admin:catalog_movie_explain", args=[movie.pk])).content
    text = text.decode()
    assert "publish date 2020-09-09 (approximate, from the listing" in text
    assert "publish date 2020-09-09 (approximate, up to 366 days earlier): " in text


def test_explain_names_the_uploads_moved_to_another_film(admin_client, fake_tmdb):
    fake_tmdb.add(
        make_film(1_800_010, "The Pale Lantern", 2025, director="Ines Moreau"),
        make_film(1_800_011, "The Pale Lantern", 2026, director="Omar Quinn"),
    )
    movie = make_movie("The Pale Lantern", None)
    for youtube_id, day, director in [
        ("lantern-a", datetime(2025, 1, 10, tzinfo=UTC), "Ines Moreau"),
        ("lantern-b", datetime(2025, 11, 20, tzinfo=UTC), "Omar Quinn"),
    ]:
        make_video(
            movie, youtube_id=youtube_id, published_at=day, description=f"Directed by {director}."
        )
    with fake_tmdb.make_client() as client:
        movies_enrich(client=client)

    kept = Movie.objects.get(videos__youtube_id="lantern-a")
    text = admin_client.get(reverse("admin:catalog_movie_explain", args=[kept.pk])).content
    assert "these uploads are other films and were moved" in text.decode()
    assert "<code>lantern-b</code> → TMDB" in text.decode()
    assert "<code>lantern-a</code>" not in text.decode()


def test_fetch_now_and_disable_from_the_channel_list(admin_client, httpserver, settings):
    from tests.factories import make_channel
    from tests.fakes.youtube import atom_feed
    from whichmovie.catalog.models import Channel, Video
    from whichmovie.sources.youtube import Upload

    settings.YOUTUBE_FEED_URL = httpserver.url_for("/feeds/videos.xml")
    channel = make_channel(name="NEON")
    make_video(channel=channel, youtube_id="known000001")
    feed = [Upload("anora000001", "Anora | Official Trailer", datetime(2026, 11, 20, tzinfo=UTC))]
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(
        atom_feed(channel.youtube_channel_id, "NEON", feed)
    )
    changelist = reverse("admin:catalog_channel_changelist")
    selected = {"_selected_action": [channel.pk]}

    page = admin_client.post(changelist, {"action": "fetch_now", **selected}, follow=True)
    assert "NEON: 1 new uploads" in page.content.decode()
    assert Video.objects.get(youtube_id="anora000001").movie.title == "Anora"

    admin_client.post(changelist, {"action": "disable", **selected})
    assert not Channel.objects.get(pk=channel.pk).enabled
