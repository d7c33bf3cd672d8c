import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_channel, make_genre, make_movie, make_video
from whichmovie.catalog.models import MatchStatus, VideoKind

pytestmark = pytest.mark.django_db


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def titles_in(html: str) -> list[str]:
    """Film titles in the order the grid or list shows them."""
    return re.findall(r'class="(?:card|row)-title"[^>]*>(?:<a [^>]*>)?([^<]+)<', html)


def film(title, *, days_ago=1, channel=None, kind=VideoKind.TRAILER, **fields):
    """A film with one trailer published `days_ago`."""
    movie = make_movie(title, latest_video_at=ago(days=days_ago), **fields)
    make_video(movie, channel, kind=kind, published_at=ago(days=days_ago))
    return movie


# --- the radar and /movies/ -------------------------------------------------------------


def test_radar_shows_films_by_newest_trailer_with_poster_and_link(client, tmdb_configuration):
    older = film("Past Lives", days_ago=9, tmdb_id=666277, poster_path="/past.jpg")
    newer = film("Anora", days_ago=2, tmdb_id=1064213, poster_path="/anora.jpg", year=2024)

    html = client.get("/").content.decode()

    assert titles_in(html) == ["Anora", "Past Lives"]
    assert 'src="https://image.tmdb.org/t/p/w342/anora.jpg"' in html
    assert "https://image.tmdb.org/t/p/w500/anora.jpg 500w" in html  # srcset
    assert f'href="/movies/{newer.pk}/anora/"' in html
    assert f'href="/movies/{older.pk}/past-lives/"' in html
    assert 'loading="lazy"' not in html.split("Past Lives")[0]  # first cards paint at once


def test_poster_urls_fall_back_to_the_default_base_when_tmdb_configuration_is_missing(client):
    film("Anora", tmdb_id=1064213, poster_path="/anora.jpg")

    html = client.get("/").content.decode()

    assert 'src="https://image.tmdb.org/t/p/w342/anora.jpg"' in html


def test_movies_page_lists_overview_in_20_words_and_the_channels(client):
    mubi = make_channel(name="MUBI", slug="mubi")
    rt = make_channel(name="Rotten Tomatoes Indie", slug="rt-indie")
    overview = " ".join(f"word{i}" for i in range(40))
    movie = film("Past Lives", channel=mubi, tmdb_id=666277, overview=overview)
    make_video(movie, rt, published_at=ago(days=3))

    html = client.get("/movies/").content.decode()

    assert " ".join(f"word{i}" for i in range(20)) + " …" in html
    assert "word20" not in html
    assert "MUBI" in html and "Rotten Tomatoes Indie" in html
    assert f'href="/movies/{movie.pk}/past-lives/"' in html
    assert "2023" in html


def test_films_not_yet_identified_show_their_trailer_still_and_say_so(client):
    movie = make_movie("Some Upcoming Thing", None, latest_video_at=ago(days=1))
    video = make_video(movie, youtube_id="abcDEF12345")

    html = client.get("/").content.decode()

    assert "Some Upcoming Thing" in html
    assert "Not yet identified" in html
    assert video.thumbnail_url in html
    assert video.thumbnail_url == "https://i.ytimg.com/vi/abcDEF12345/hqdefault.jpg"


def test_films_without_trailers_and_rejected_films_are_not_listed(client):
    film("Shown")
    make_movie("No Trailer Yet", latest_video_at=None)
    film("Not A Film", match_status=MatchStatus.NOT_A_MOVIE)

    html = client.get("/").content.decode()

    assert titles_in(html) == ["Shown"]


def test_an_empty_radar_says_nothing_matches(client):
    html = client.get("/?q=zzz").content.decode()

    assert "No films match" in html


def test_every_page_credits_tmdb_and_offers_feeds(client):
    html = client.get("/").content.decode()

    assert "This product uses the TMDB API but is not endorsed or certified by TMDB." in html
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html


def test_feed_links_in_head_carry_the_page_filters(client):
    make_genre("Drama", 18)

    html = client.get("/?genre=drama&kind=teaser&cursor=").content.decode()

    assert (
        'title="WhichMovie: new trailers (RSS)" href="/feed.rss?genre=drama&amp;kind=teaser"'
        in html
    )
    assert 'href="/feed.atom?genre=drama&amp;kind=teaser"' in html


# --- filters ----------------------------------------------------------------------------


def test_filter_by_channel(client):
    mubi = make_channel(slug="mubi", name="MUBI")
    film("On Mubi", channel=mubi)
    film("Elsewhere")

    assert titles_in(client.get("/?channel=mubi").content.decode()) == ["On Mubi"]


def test_filter_by_genre_and_year_combine(client):
    drama, comedy = make_genre("Drama", 18), make_genre("Comedy", 35)
    for title, year, genre in [("A", 2024, drama), ("B", 2025, drama), ("C", 2025, comedy)]:
        film(title, year=year).genres.add(genre)

    assert titles_in(client.get("/?genre=drama&year=2025").content.decode()) == ["B"]


def test_filter_by_kind_finds_films_with_a_teaser(client):
    film("Teased", kind=VideoKind.TEASER)
    film("Trailered", kind=VideoKind.TRAILER)

    assert titles_in(client.get("/?kind=teaser").content.decode()) == ["Teased"]
    assert titles_in(client.get("/?kind=trailer").content.decode()) == ["Trailered"]


def test_filter_by_release_status(client):
    today = timezone.now().date()
    film("Coming", days_ago=1, release_date=today + timedelta(days=30))
    film("Showing", days_ago=2, theatrical_release_date=today - timedelta(days=10))
    film(
        "At Home",
        days_ago=3,
        release_date=today - timedelta(days=200),
        watch_providers={"flatrate": [{"provider_name": "MUBI", "logo_path": "/m.jpg"}]},
    )
    film("Old", days_ago=4, release_date=today - timedelta(days=400))

    assert titles_in(client.get("/?status=upcoming").content.decode()) == ["Coming"]
    assert titles_in(client.get("/?status=in_cinemas").content.decode()) == ["Showing"]
    assert titles_in(client.get("/?status=streaming").content.decode()) == ["At Home"]


def test_search_ignores_accents_and_case(client):
    film("Amélie", year=2001, search_title="amelie")
    film("Anora")

    assert titles_in(client.get("/?q=AMELIE").content.decode()) == ["Amélie"]
    assert titles_in(client.get("/?q=amélie").content.decode()) == ["Amélie"]


def test_search_matches_every_word_anywhere_in_the_title(client):
    film("The Lord of the Rings", search_title="the lord of the rings")
    film("Lord of War", search_title="lord of war")

    assert titles_in(client.get("/?q=rings+lord").content.decode()) == ["The Lord of the Rings"]


def test_new_this_week_is_one_click(client):
    film("Fresh", days_ago=2)
    film("Stale", days_ago=20)

    html = client.get("/").content.decode()
    link = re.search(r'href="([^"]*)"[^>]*>New this week<', html)

    assert link and link.group(1) == "?new=week"
    assert titles_in(client.get("/?new=week").content.decode()) == ["Fresh"]


def test_sort_by_release_date_and_rating_put_unknown_values_last(client):
    today = timezone.now().date()
    film(
        "Soon", days_ago=1, release_date=today + timedelta(days=5), vote_average=6.0, vote_count=80
    )
    film("Undated", days_ago=2)
    film(
        "Later",
        days_ago=3,
        release_date=today + timedelta(days=50),
        vote_average=8.1,
        vote_count=900,
    )

    assert titles_in(client.get("/?sort=release").content.decode()) == ["Later", "Soon", "Undated"]
    assert titles_in(client.get("/?sort=rating").content.decode()) == ["Later", "Soon", "Undated"]


def test_active_filters_show_as_removable_chips(client):
    make_genre("Drama", 18)

    html = client.get("/?genre=drama&year=2025").content.decode()

    assert 'aria-label="Remove filter: Drama" ' not in html  # label ends the attribute
    assert re.search(r'href="\?year=2025"[^>]*aria-label="Remove filter: Drama"', html)
    assert re.search(r'href="\?genre=drama"[^>]*aria-label="Remove filter: 2025"', html)


@pytest.mark.parametrize(
    "query, message",
    [
        ("year=soon", "year must be a year"),
        ("sort=popular", "sort must be one of"),
        ("status=lost", "status must be one of"),
        ("kind=clip", "kind must be one of"),
        ("genre=nope", "There is no genre"),
        ("channel=nope", "There is no channel"),
        ("cursor=%%%", "cursor is not valid"),
        ("q=" + "x" * 201, "at most 200 characters"),
    ],
)
def test_bad_parameters_get_a_400_that_says_what_is_wrong(client, query, message):
    response = client.get(f"/?{query}")

    assert response.status_code == 400
    assert message in response.content.decode()


# --- pagination and speed ---------------------------------------------------------------


def test_keyset_pagination_walks_every_film_once(client):
    for i in range(30):
        film(f"Film {i:02d}", days_ago=i)

    first = client.get("/").content.decode()
    next_link = re.search(r'href="\?cursor=([^"]+)" rel="next"', first)
    second = client.get(f"/?cursor={next_link.group(1)}").content.decode()

    assert titles_in(first) == [f"Film {i:02d}" for i in range(24)]
    assert titles_in(second) == [f"Film {i:02d}" for i in range(24, 30)]
    assert 'rel="next"' not in second


def test_pagination_keeps_the_filters_and_breaks_ties_on_id(client):
    same_moment = ago(days=1)
    drama = make_genre("Drama", 18)
    for i in range(26):
        movie = make_movie(f"Tie {i:02d}", latest_video_at=same_moment)
        make_video(movie, published_at=same_moment)
        movie.genres.add(drama)

    first = client.get("/?genre=drama").content.decode()
    cursor = re.search(r'href="\?genre=drama&amp;cursor=([^"]+)"', first).group(1)
    second = client.get(f"/?genre=drama&cursor={cursor}").content.decode()

    seen = titles_in(first) + titles_in(second)
    assert sorted(seen) == [f"Tie {i:02d}" for i in range(26)]


def test_load_more_asks_for_just_the_next_cards(client):
    for i in range(25):
        film(f"Film {i:02d}", days_ago=i)
    cursor = re.search(r'cursor=([^"]+)"', client.get("/").content.decode()).group(1)

    fragment = client.get(f"/?cursor={cursor}", headers={"X-Fragment": "page"})

    html = fragment.content.decode()
    assert "<html" not in html and "data-items" in html
    assert titles_in(html) == ["Film 24"]
    assert "X-Fragment" in fragment.headers["Vary"].split(", ")


def test_a_cursor_from_another_sort_is_refused(client):
    for i in range(25):
        film(f"Film {i:02d}", days_ago=i)
    cursor = re.search(r'cursor=([^"]+)"', client.get("/").content.decode()).group(1)

    response = client.get(f"/?sort=rating&cursor={cursor}")

    assert response.status_code == 400


def _queries_for(client, url: str) -> int:
    """Queries to render `url` (not to answer it from the page cache)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/movies/", "/?genre=drama&kind=trailer&sort=rating"])
def test_a_page_costs_the_same_queries_for_one_film_or_many(
    client, url, tmdb_configuration, django_assert_num_queries
):
    drama = make_genre("Drama", 18)
    channels = [make_channel(), make_channel()]
    film("Only One", channel=channels[0]).genres.add(drama)
    with_one = _queries_for(client, url)

    for i in range(40):
        movie = film(f"Film {i}", channel=channels[i % 2], days_ago=i)
        make_video(movie, channels[(i + 1) % 2], kind=VideoKind.TEASER)
        movie.genres.add(drama, make_genre(f"Genre {i % 3}", 100 + i % 3))
    cache.clear()

    with django_assert_num_queries(with_one):
        html = client.get(url).content.decode()
    assert len(titles_in(html)) == 24


def test_channel_page_costs_the_same_queries_for_one_film_or_many(client):
    mubi = make_channel(slug="mubi")
    film("Only One", channel=mubi)
    with_one = _queries_for(client, "/channels/mubi/")

    for i in range(30):
        film(f"Film {i}", channel=mubi, days_ago=i)

    assert _queries_for(client, "/channels/mubi/") == with_one


# --- the movie page ---------------------------------------------------------------------


@pytest.fixture
def past_lives(tmdb_configuration):
    mubi = make_channel(name="MUBI", slug="mubi")
    a24 = make_channel(name="A24", slug="a24")
    movie = make_movie(
        "Past Lives",
        2023,
        tmdb_id=666277,
        imdb_id="tt13238346",
        overview="Nora and Hae Sung, two deeply connected childhood friends, are wrested apart.",
        tagline="What if?",
        runtime=106,
        certification="PG-13",
        vote_average=7.8,
        vote_count=2100,
        release_date=timezone.now().date() - timedelta(days=400),
        poster_path="/poster.jpg",
        backdrop_path="/backdrop.jpg",
        directors=["Celine Song"],
        cast=[
            {"name": "Greta Lee", "character": "Nora", "profile_path": "/g.jpg"},
            {"name": "Teo Yoo", "character": "Hae Sung", "profile_path": None},
        ],
        watch_providers={
            "link": "https://www.themoviedb.org/movie/666277/watch?locale=US",
            "flatrate": [{"provider_name": "Paramount Plus", "logo_path": "/pp.jpg"}],
            "rent": [{"provider_name": "Apple TV", "logo_path": "/apple.jpg"}],
        },
        latest_video_at=ago(days=1),
    )
    movie.genres.add(make_genre("Drama", 18), make_genre("Romance", 10749))
    make_video(
        movie,
        a24,
        youtube_id="trailer2xyz",
        kind=VideoKind.TRAILER,
        published_at=ago(days=1),
        youtube_title="Past Lives | Official Trailer 2",
    )
    make_video(
        movie,
        mubi,
        youtube_id="teaser00xyz",
        kind=VideoKind.TEASER,
        published_at=ago(days=90),
        youtube_title="Past Lives | Teaser",
    )
    make_video(
        movie,
        a24,
        youtube_id="trailer1xyz",
        kind=VideoKind.TRAILER,
        published_at=ago(days=30),
        youtube_title="Past Lives | Official Trailer",
    )
    return movie


def test_movie_page_shows_everything_known(client, past_lives):
    html = client.get(f"/movies/{past_lives.pk}/").content.decode()

    for text in [
        "Past Lives",
        "2023",
        "What if?",
        "1h 46m",
        "PG-13",
        "7.8",
        "Drama",
        "Romance",
        "Celine Song",
        "Greta Lee",
        "Nora",
        "Teo Yoo",
        "wrested apart",
    ]:
        assert text in html, text
    assert "https://image.tmdb.org/t/p/w1280/backdrop.jpg" in html
    assert 'src="https://image.tmdb.org/t/p/w342/poster.jpg"' in html
    assert 'alt="Poster of Past Lives"' in html


def test_movie_page_links_to_tmdb_imdb_and_letterboxd(client, past_lives):
    html = client.get(f"/movies/{past_lives.pk}/").content.decode()

    assert 'href="https://www.themoviedb.org/movie/666277"' in html
    assert 'href="https://www.imdb.com/title/tt13238346/"' in html
    assert 'href="https://letterboxd.com/tmdb/666277/"' in html


def test_movie_page_says_where_to_watch_with_justwatch_attribution(client, past_lives):
    html = client.get(f"/movies/{past_lives.pk}/").content.decode()

    assert "Where to watch" in html
    assert "Paramount Plus" in html and "Apple TV" in html
    assert "https://image.tmdb.org/t/p/w92/pp.jpg" in html
    assert "JustWatch" in html
    assert 'href="https://www.themoviedb.org/movie/666277/watch?locale=US"' in html


def test_trailers_form_a_timeline_from_teaser_to_the_latest_trailer(client, past_lives):
    html = client.get(f"/movies/{past_lives.pk}/").content.decode()

    ids = re.findall(r'data-youtube-id="([^"]+)"', html)
    labels = re.findall(r'class="badge badge-kind">([^<]+)<', html)
    assert ids == ["teaser00xyz", "trailer1xyz", "trailer2xyz"]
    assert labels == ["Teaser", "Trailer #1", "Trailer #2"]
    assert "MUBI" in html and "A24" in html
    assert 'href="https://www.youtube.com/watch?v=trailer2xyz"' in html


def test_the_player_loads_nothing_from_youtube_until_pressed(client, past_lives):
    html = client.get(f"/movies/{past_lives.pk}/").content.decode()

    assert "<iframe" not in html
    assert '<button type="button" class="player-button" data-youtube-id="teaser00xyz"' in html
    assert "https://i.ytimg.com/vi/teaser00xyz/hqdefault.jpg" in html


@pytest.mark.parametrize(
    "path",
    [
        "/movies/{pk}/",
        "/movies/{pk}-past-lives/",
        "/movies/{pk}/past-lives/",
        "/movies/{pk}/any-old-slug/",
    ],
)
def test_movie_page_answers_with_or_without_a_slug(client, past_lives, path):
    response = client.get(path.format(pk=past_lives.pk))

    assert response.status_code == 200
    assert (
        f'<link rel="canonical" href="http://testserver/movies/{past_lives.pk}/past-lives/">'
        in response.content.decode()
    )


def test_movie_page_of_a_film_not_yet_identified(client):
    movie = make_movie("Mystery Film", 2026, latest_video_at=ago(days=1))
    make_video(movie, youtube_id="mystery0001")

    html = client.get(f"/movies/{movie.pk}/").content.decode()

    assert "Mystery Film" in html and "Not yet identified" in html
    assert "https://i.ytimg.com/vi/mystery0001/hqdefault.jpg" in html
    assert "themoviedb.org/movie/" not in html


def test_missing_and_rejected_movies_are_404(client):
    rejected = film("Not A Film", match_status=MatchStatus.NOT_A_MOVIE)

    assert client.get("/movies/999999/").status_code == 404
    assert client.get(f"/movies/{rejected.pk}/").status_code == 404


def test_movie_page_queries_do_not_grow_with_trailers(client, past_lives):
    with_three = _queries_for(client, f"/movies/{past_lives.pk}/")
    for i in range(10):
        make_video(past_lives, published_at=ago(days=i + 100))

    assert _queries_for(client, f"/movies/{past_lives.pk}/") == with_three


# --- channels ---------------------------------------------------------------------------


def test_sort_by_rating_counts_a_handful_of_votes_as_no_rating(client):
    film("Three Friends Loved It", days_ago=1, vote_average=9.6, vote_count=3)
    film("Well Liked", days_ago=2, vote_average=7.2, vote_count=4000)
    film("Liked", days_ago=3, vote_average=6.5, vote_count=120)

    assert titles_in(client.get("/?sort=rating").content.decode()) == [
        "Well Liked",
        "Liked",
        "Three Friends Loved It",
    ]


def test_channels_page_shows_each_channel_health(client, admin_client):
    make_channel(
        name="MUBI", slug="mubi", last_checked_at=ago(hours=3), last_success_at=ago(hours=3)
    )
    make_channel(
        name="Broken",
        slug="broken",
        last_checked_at=ago(hours=1),
        consecutive_failures=2,
        last_error="HTTP 429 Too Many Requests",
    )
    make_channel(name="Newcomer", slug="newcomer")

    html = client.get("/channels/").content.decode()

    assert "MUBI" in html and "Healthy" in html and "3\xa0hours ago" in html
    assert "Failing (2×)" in html and "The last 2 checks failed in a row; next try" in html
    assert "HTTP 429 Too Many Requests" not in html  # the raw error is for staff
    assert "Never checked" in html
    assert 'href="/channels/mubi/"' in html
    assert "HTTP 429 Too Many Requests" in admin_client.get("/channels/").content.decode()


def test_channel_page_lists_only_its_films_and_its_feed(client):
    mubi = make_channel(name="MUBI", slug="mubi", last_checked_at=ago(minutes=5))
    film("On Mubi", channel=mubi)
    film("Elsewhere")

    html = client.get("/channels/mubi/").content.decode()

    assert titles_in(html) == ["On Mubi"]
    assert "Healthy" in html and "5\xa0minutes ago" in html
    assert 'title="WhichMovie: new trailers (RSS)" href="/channels/mubi/feed.rss"' in html
    assert 'href="/channels/mubi/feed.atom"' in html


def test_unknown_channel_is_404(client):
    assert client.get("/channels/nope/").status_code == 404


# --- Radarr, health, robots -------------------------------------------------------------


def test_radarr_list_has_identified_films_only_with_the_same_filters(client, tmdb_configuration):
    drama = make_genre("Drama", 18)
    film("Past Lives", tmdb_id=666277, imdb_id="tt13238346", poster_path="/p.jpg").genres.add(drama)
    film("Anora", tmdb_id=1064213, imdb_id="tt28607951")
    film("Unidentified")

    everything = client.get("/radarr.json").json()
    dramas = client.get("/radarr.json?genre=drama").json()

    assert sorted(m["title"] for m in everything) == ["Anora", "Past Lives"]
    assert dramas == [
        {
            "title": "Past Lives",
            "imdb_id": "tt13238346",
            "tmdb_id": 666277,
            "poster_url": "https://image.tmdb.org/t/p/w500/p.jpg",
        }
    ]


def test_radarr_list_refuses_bad_filters(client):
    response = client.get("/radarr.json?year=later")

    assert response.status_code == 400


def test_healthz_answers_any_host_and_says_what_is_down(client, settings):
    from whichmovie.web import health

    health._kept = None
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")  # by IP: not in ALLOWED_HOSTS

    # No scheduler ever beat in this database: the report says so, with a 503.
    assert response.status_code == 503
    report = response.json()
    assert report["database"]["ok"] is True
    assert report["scheduler"] == {"ok": False, "detail": "RuntimeError: no beat yet"}


def test_healthz_is_200_when_everything_answers(client):
    from whichmovie.catalog.services.scheduler import scheduler_lease_take
    from whichmovie.web import health

    scheduler_lease_take(holder="test", now=timezone.now())
    health._kept = None
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_robots_txt(client):
    assert "User-agent: *" in client.get("/robots.txt").content.decode()


def test_pages_refuse_writes(client):
    assert client.post("/").status_code == 405


def test_every_page_has_one_main_heading_and_a_language(client, past_lives):
    for url in ["/", "/movies/", f"/movies/{past_lives.pk}/", "/channels/", "/channels/mubi/"]:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert '<html lang="en">' in html


def test_pages_carry_a_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-src https://www.youtube-nocookie.com" in policy
    assert "img-src 'self' data: https://image.tmdb.org https://i.ytimg.com" in policy
