"""My radar in the browser's terms: login, buttons as plain POST forms, pages, feeds."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_channel, make_movie, make_video
from whichmovie.radar.models import Delivery, FeedToken, Follow, MovieMark, NotificationTarget
from whichmovie.radar.services.events import events_collect
from whichmovie.radar.services.follows import follow_add, movie_mark
from whichmovie.radar.services.notify import deliveries_send

pytestmark = pytest.mark.usefixtures("tmdb_configuration")


@pytest.fixture
def tmdb_configuration(db):
    from whichmovie.catalog.models import TmdbConfiguration

    return TmdbConfiguration.objects.create(pk=1, data={})


@pytest.fixture(autouse=True)
def _empty_page_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def film(title, days_ago=1, **fields):
    movie = make_movie(title, 2026, latest_video_at=ago(days=days_ago), **fields)
    make_video(movie, published_at=ago(days=days_ago))
    return movie


def logged_in(user, **options):
    client = Client(**options)
    client.force_login(user)
    return client


def titles_in(html):
    return re.findall(r'class="card-title" id="movie-\d+-title">([^<]+)<', html)


def test_login_page_logs_in_and_lands_on_my_radar(make_user):
    make_user("ann", "pw-ann-123")
    client = Client()
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "ann", "password": "pw-ann-123"})
    assert response.status_code == 302 and response.url == "/my/"
    assert client.get("/my/").status_code == 200


def test_my_radar_asks_for_login(db):
    response = Client().get("/my/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=/my/")


def test_visitors_see_no_buttons_and_logged_in_users_do(make_user):
    film("Aftersun")
    public = Client().get("/")
    assert "Watchlist" not in public.content.decode() and "Log in" in public.content.decode()
    mine = logged_in(make_user()).get("/")
    html = mine.content.decode()
    assert "+ Watchlist" in html and "Log out" in html and "csrfmiddlewaretoken" in html


def test_a_logged_in_page_is_never_served_to_a_visitor_from_the_cache(make_user):
    film("Aftersun")
    logged_in(make_user()).get("/")
    assert "csrfmiddlewaretoken" not in Client().get("/").content.decode()


def test_the_buttons_are_plain_forms_with_csrf_and_change_my_radar(make_user):
    ann = make_user()
    aftersun, brutalist = film("Aftersun", 2), film("The Brutalist", 1)
    client = logged_in(ann, enforce_csrf_checks=True)
    page = client.get("/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    refused = client.post(f"/my/movies/{aftersun.pk}/watchlist")
    assert refused.status_code == 403  # no CSRF token, no change
    done = client.post(
        f"/my/movies/{aftersun.pk}/watchlist", {"csrfmiddlewaretoken": token, "next": "/"}
    )
    assert done.status_code == 302 and done.url == "/"
    client.post(
        f"/my/movies/{brutalist.pk}/follow", {"csrfmiddlewaretoken": token, "wants": "trailers"}
    )
    assert titles_in(client.get("/my/").content.decode()) == ["The Brutalist", "Aftersun"]
    assert "✓ Watchlist" in client.get("/").content.decode()

    client.post(f"/my/movies/{brutalist.pk}/hide", {"csrfmiddlewaretoken": token})
    assert titles_in(client.get("/my/").content.decode()) == ["Aftersun"]
    assert Follow.objects.get().wants == "trailers"


def test_unseen_trailers_come_first_and_mark_seen_moves_a_film_down(make_user):
    ann = make_user()
    older, newer = film("Older", 5), film("Newer", 1)
    for movie in (older, newer):
        movie_mark(user=ann, movie=movie, state="watchlist")
    client = logged_in(ann)
    assert titles_in(client.get("/my/").content.decode()) == ["Newer", "Older"]
    client.post(f"/my/movies/{newer.pk}/seen")
    html = client.get("/my/").content.decode()
    assert titles_in(html) == ["Older", "Newer"]
    assert "1 unseen" in html


def test_my_radar_has_what_follows_match_and_the_mine_filter_leads_there(make_user):
    ann = make_user()
    mubi = make_channel(slug="mubi", name="MUBI")
    by_channel = make_movie("From MUBI", 2026, latest_video_at=ago(days=1))
    make_video(by_channel, mubi)
    by_person = film("By Her", directors=["Céline Song"])
    by_search = film("Searchable River")
    film("Not Mine")
    follow_add(user=ann, channel=mubi)
    follow_add(user=ann, person="Céline Song")
    follow_add(user=ann, query="/?q=river")
    client = logged_in(ann)
    assert sorted(titles_in(client.get("/my/").content.decode())) == sorted(
        [by_channel.title, by_person.title, by_search.title]
    )
    assert client.get("/?mine=1").url == "/my/"
    assert client.get("/?mine=1&q=river").url == "/my/?q=river"
    assert titles_in(client.get("/my/?q=river").content.decode()) == [by_search.title]
    assert client.get("/my/?genre=nope").status_code == 400


def test_my_radar_runs_the_same_number_of_queries_for_3_or_30_films(make_user):
    ann = make_user()
    mubi = make_channel(slug="mubi")
    follow_add(user=ann, channel=mubi)
    follow_add(user=ann, query="q=film")
    client = logged_in(ann)

    def queries_for(count):
        for n in range(count):
            movie = make_movie(f"Film {n}", 2026, latest_video_at=ago(hours=n + 1))
            make_video(movie, mubi)
            make_video(movie, mubi)
            movie_mark(user=ann, movie=movie, state="watchlist")
        client.get("/my/")  # warm the session and TMDB configuration
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/my/")
        assert len(titles_in(response.content.decode())) == min(
            MovieMark.objects.filter(user=ann).count(), 24
        )
        return len(queries)

    few, many = queries_for(3), queries_for(27)
    assert few == many, (few, many)
    print("my radar queries:", few)


def test_follow_this_search_saves_the_filters(make_user):
    make_channel(slug="mubi")
    client = logged_in(make_user())
    page = client.get("/?channel=mubi&kind=teaser").content.decode()
    assert "Follow this search" in page
    client.post("/my/follows/", {"query": "?channel=mubi&kind=teaser", "next": "/"})
    follow = Follow.objects.get()
    assert (follow.kind, follow.query) == ("search", "channel=mubi&kind=teaser")


def test_follows_page_adds_and_removes_follows_and_explains_bad_input(make_user):
    ann = make_user()
    client = logged_in(ann)
    client.post("/my/follows/", {"person": "Greta Gerwig", "wants": "releases"})
    response = client.post("/my/follows/", {"query": "genre=nope"}, follow=True)
    assert "Not followed: There is no genre" in response.content.decode()
    follow = Follow.objects.get()
    assert (follow.kind, follow.label, follow.wants) == ("person", "Greta Gerwig", "releases")
    assert "Greta Gerwig" in client.get("/my/follows/").content.decode()
    client.post("/my/follows/", {"remove": follow.pk})
    assert not Follow.objects.exists()


def test_targets_page_adds_a_target_tests_it_and_shows_failures(make_user, receiver):
    ann = make_user()
    client = logged_in(ann)
    bad = client.post("/my/notifications/", {"url": "nonsense://x"}, follow=True)
    assert "Not added" in bad.content.decode()
    client.post("/my/notifications/", {"url": receiver.url("json"), "schedule": "immediate"})
    target = NotificationTarget.objects.get()
    tested = client.post("/my/notifications/", {"test": target.pk}, follow=True)
    assert "Test sent to json://127.0.0.1" in tested.content.decode()
    assert receiver.messages[0]["title"] == "WhichMovie test"
    assert "/hook" not in tested.content.decode()  # the URL's path (often a token) is not shown

    movie = film("Aftersun", tmdb_id=965150)
    follow_add(user=ann, movie=movie)
    make_video(movie, published_at=timezone.now())
    receiver.failures_left = 1
    events_collect()
    deliveries_send()
    page = client.get("/my/notifications/").content.decode()
    assert "failing (1×)" in page and "503" in page
    assert "retry at" in page and Delivery.objects.get().attempts == 1


def test_private_feeds_show_my_radar_and_a_new_token_revokes_the_old(make_user):
    ann = make_user()
    mine, other = film("Aftersun"), film("Not Mine")
    movie_mark(user=ann, movie=mine, state="watchlist")
    mine.theatrical_release_date = timezone.now().date() + timedelta(days=10)
    mine.save()
    client = logged_in(ann)
    client.post("/my/feed/renew")
    token = FeedToken.objects.get(user=ann).token
    assert token in client.get("/my/notifications/").content.decode()

    visitor = Client()  # a feed reader: no session
    rss = visitor.get(f"/my/feed/{token}/radar.rss").content.decode()
    assert "Aftersun" in rss and "Not Mine" not in rss
    atom = visitor.get(f"/my/feed/{token}/radar.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    ics = visitor.get(f"/my/feed/{token}/radar.ics").content.decode()
    assert "SUMMARY:Aftersun in cinemas" in ics and "Not Mine" not in ics

    client.post("/my/feed/renew")
    assert visitor.get(f"/my/feed/{token}/radar.rss").status_code == 404
    assert other.pk  # (used)


def test_a_private_site_asks_every_visitor_to_log_in(settings, make_user):
    settings.PUBLIC_RADAR = False
    film("Aftersun")
    visitor = Client()
    for path in ("/", "/movies/", "/feed.rss", "/api/movies"):
        response = visitor.get(path)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), path
    health = visitor.get("/healthz")  # monitors need no login (its answer is its own matter)
    assert health.status_code in (200, 503) and health["Content-Type"] == "application/json"
    assert visitor.get("/accounts/login/").status_code == 200
    assert "Aftersun" in logged_in(make_user()).get("/").content.decode()
