"""What a film fan notices on the pages: honest statuses, labelled dates, links that go
somewhere, feeds and lists that say what they hold, compressed pages."""

import gzip
import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from tests.factories import make_channel, make_movie, make_video
from whichmovie.catalog.models import MatchStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.now().date()


def words(html: str) -> str:
    return " ".join(unescape(strip_tags(html)).split())


def film(title, **fields):
    movie = make_movie(title, latest_video_at=timezone.now() - timedelta(days=1), **fields)
    make_video(movie, published_at=timezone.now() - timedelta(days=1))
    return movie


def test_a_passed_digital_date_without_offers_is_not_streaming_and_shows_the_date(client):
    movie = film(
        "Out Digitally Somewhere",
        tmdb_id=11,
        release_date=TODAY - timedelta(days=300),
        digital_release_date=TODAY - timedelta(days=200),
    )

    assert "Out Digitally Somewhere" not in client.get("/?status=streaming").content.decode()
    page = words(client.get(f"/movies/{movie.pk}/").content.decode())
    assert "Streaming" not in page.split("Where to watch")[0]
    assert f"Digital {TODAY - timedelta(days=200):%-d %B %Y}" in page


def test_the_hero_labels_its_dates(client):
    movie = film(
        "Dated",
        tmdb_id=12,
        theatrical_release_date=TODAY + timedelta(days=20),
        digital_release_date=TODAY + timedelta(days=80),
    )
    page = words(client.get(f"/movies/{movie.pk}/").content.decode())
    hero = page.split("Trailers")[0]
    assert f"In cinemas {TODAY + timedelta(days=20):%-d %B %Y}" in hero
    assert f"Digital {TODAY + timedelta(days=80):%-d %B %Y}" in hero


def test_provider_chips_link_out_only_to_http_links(client):
    offers = {"flatrate": [{"provider_name": "MUBI", "logo_path": "/mubi.jpg"}]}
    linked = film(
        "Linked",
        tmdb_id=13,
        watch_providers={**offers, "link": "https://www.themoviedb.org/movie/13/watch?locale=US"},
    )
    hostile = film("Hostile", tmdb_id=14, watch_providers={**offers, "link": "javascript:alert(1)"})

    html = client.get(f"/movies/{linked.pk}/").content.decode()
    assert re.search(
        r'<a class="provider" href="https://www.themoviedb.org/movie/13/watch\?locale=US"', html
    )
    assert 'class="provider-logo" aria-hidden="true">M<img' in html  # the initial under the logo
    html = client.get(f"/movies/{hostile.pk}/").content.decode()
    assert "javascript:" not in html
    assert '<span class="provider">' in html


def test_an_unidentified_film_hides_what_cannot_be_known_and_says_what_happens(client):
    pending = film("Mystery Film", year=2026)
    unsure = film("Twin Film", match_status=MatchStatus.NEEDS_REVIEW)

    page = words(client.get(f"/movies/{pending.pk}/").content.decode())
    assert "Where to watch" not in page
    assert "We have not looked it up on TMDB yet" in page
    assert "once it is identified" in page

    page = words(client.get(f"/movies/{unsure.pk}/").content.decode())
    assert "a person will pick the right one" in page


def test_the_calendar_link_subscribes_with_webcal(client):
    film("Any", tmdb_id=15)
    html = client.get("/?genre=").content.decode()
    assert 'href="webcal://testserver/calendar.ics"' in html  # footer
    mubi = make_channel(slug="mubi", name="MUBI")
    html = client.get("/channels/mubi/").content.decode()
    assert f'href="webcal://testserver/calendar.ics?channel={mubi.slug}"' in html


def test_the_calendar_is_named_by_its_filter(client):
    make_channel(slug="a24", name="A24")
    body = client.get("/calendar.ics?channel=a24").content.decode()
    assert "X-WR-CALNAME:WhichMovie release dates · A24" in body


def test_the_radarr_list_defaults_to_upcoming_and_recent_films(client):
    film("Coming", tmdb_id=21, release_date=TODAY + timedelta(days=40))
    film("Just Out", tmdb_id=22, theatrical_release_date=TODAY - timedelta(days=30))
    film("Announced", tmdb_id=23)
    film("Classic", tmdb_id=24, release_date=TODAY - timedelta(days=9000))

    titles = {item["title"] for item in client.get("/radarr.json").json()}
    assert titles == {"Coming", "Just Out", "Announced"}
    everything = {item["title"] for item in client.get("/radarr.json?all=1").json()}
    assert "Classic" in everything
    year = {item["title"] for item in client.get(f"/radarr.json?year={TODAY.year - 24}").json()}
    assert year <= {"Classic"}  # an explicit filter is taken as asked


def test_public_pages_are_compressed_but_not_signed_in_ones(client, admin_client):
    for i in range(10):
        film(f"Film {i}", overview="A long overview " * 20)

    public = client.get("/movies/", headers={"accept-encoding": "gzip"})
    assert public["Content-Encoding"] == "gzip"
    assert b"Film 3" in gzip.decompress(public.content)

    # A signed-in page carries a CSRF token beside reflected text: never compressed (BREACH).
    personal = admin_client.get("/movies/", headers={"accept-encoding": "gzip"})
    assert "Content-Encoding" not in personal
    login = client.get("/accounts/login/", headers={"accept-encoding": "gzip"})
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert "Content-Encoding" not in login


def test_suggestions_find_films_by_title_director_and_cast(client):
    dune = film(
        "Dune",
        year=2021,
        search_title="dune",
        tmdb_id=31,
        directors=["Denis Villeneuve"],
        cast=[{"name": "Zendaya", "character": "Chani"}],
    )
    film("Sicario", year=2015, search_title="sicario", tmdb_id=32, directors=["Denis Villeneuve"])
    film("Challengers", year=2024, search_title="challengers", cast=[{"name": "Zendaya"}])

    def labels(q):
        return [
            (s["label"], s["detail"])
            for s in client.get("/suggest.json", {"q": q}).json()["suggestions"]
        ]

    assert labels("DUN") == [("Dune (2021)", "")]
    assert sorted(labels("villeneuve")) == [
        ("Dune (2021)", "directed by Denis Villeneuve"),
        ("Sicario (2015)", "directed by Denis Villeneuve"),
    ]
    assert sorted(labels("zendaya")) == [
        ("Challengers (2024)", "with Zendaya"),
        ("Dune (2021)", "with Zendaya"),
    ]
    assert client.get("/suggest.json?q=dune").json()["suggestions"][0]["url"] == (
        f"/movies/{dune.pk}/dune/"
    )
    assert labels("d") == []  # one letter is not a search yet
    assert client.get("/suggest.json?q=%00").status_code == 400


def test_sort_by_rating_pages_through_every_film_once(client):
    for i in range(30):
        # Every third film has too few votes: it sorts with the unrated ones, still listed.
        film(f"Rated {i:02d}", vote_average=5 + i / 10, vote_count=10 if i % 3 == 0 else 500)

    first = client.get("/?sort=rating").content.decode()
    cursor = re.search(r'cursor=([^"&]+)"', first).group(1)
    second = client.get(f"/?sort=rating&cursor={cursor}").content.decode()

    seen = re.findall(r'class="card-title"[^>]*>([^<]+)<', first + second)
    assert sorted(seen) == [f"Rated {i:02d}" for i in range(30)]
    rated = [f"Rated {i:02d}" for i in range(29, -1, -1) if i % 3]
    assert seen[: len(rated)] == rated
