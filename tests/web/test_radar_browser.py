"""My radar in a real browser: log in, the watchlist/follow/hide buttons, My radar."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_movie, make_video
from tests.web.conftest import EXTERNAL
from whichmovie.radar.models import Follow

pytestmark = [pytest.mark.browser]


def ago(**delta):
    return timezone.now() - timedelta(**delta)


@pytest.fixture
def films(transactional_db, tmdb_configuration):
    get_user_model().objects.create_user("ann", password="pw-ann-123")
    made = {}
    for n, title in enumerate(["Aftersun", "The Brutalist", "Past Lives"]):
        movie = make_movie(title, 2024, tmdb_id=9000 + n, latest_video_at=ago(days=n + 1))
        make_video(movie, published_at=ago(days=n + 1))
        made[title] = movie
    return made


def log_in(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("User name").fill("ann")
    page.get_by_label("Password").fill("pw-ann-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/my/")


def cards(page):
    return page.locator(".card-title").all_inner_texts()


def test_watchlist_follow_and_hide_from_the_cards_shape_my_radar(page, live_server, films):
    log_in(page, live_server)
    expect(page.get_by_text("Nothing on your radar yet.")).to_be_visible()

    page.get_by_role("link", name="Radar", exact=True).click()
    page.get_by_role("button", name="Add to watchlist: Aftersun").click()
    expect(page.get_by_role("button", name="Remove from watchlist: Aftersun")).to_be_visible()
    page.get_by_role("button", name="Follow: Past Lives").click()
    expect(page.get_by_role("button", name="Unfollow: Past Lives")).to_be_visible()

    page.get_by_role("link", name="My radar").click()
    assert cards(page) == ["Aftersun", "Past Lives"]
    page.get_by_role("button", name="Mark trailers seen: Aftersun").click()
    assert cards(page) == ["Past Lives", "Aftersun"]  # unseen trailers first
    page.get_by_role("button", name="Hide: Past Lives").click()
    assert cards(page) == ["Aftersun"]
    assert Follow.objects.get().movie == films["Past Lives"]


def test_the_buttons_work_without_javascript(browser, live_server, films):
    context = browser.new_context(java_script_enabled=False)
    context.route(EXTERNAL, lambda route: route.abort())  # nothing reaches the network
    page = context.new_page()
    try:
        log_in(page, live_server)
        page.goto(live_server.url + f"/movies/{films['The Brutalist'].pk}/")
        page.get_by_label("Tell me about").select_option("releases")
        page.get_by_role("button", name="Follow", exact=True).click()
        expect(page.get_by_role("button", name="✓ Following")).to_be_visible()
        assert Follow.objects.get().wants == "releases"
        page.get_by_role("button", name="+ Watchlist").click()
        page.get_by_role("link", name="My radar").click()
        assert cards(page) == ["The Brutalist"]
    finally:
        context.close()


def test_logged_in_pages_fit_a_phone(browser, live_server, films):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.route(EXTERNAL, lambda route: route.abort())
    page = context.new_page()
    try:
        log_in(page, live_server)
        movie = films["Aftersun"]
        for path in ("/", "/my/", f"/movies/{movie.pk}/", "/my/follows/", "/my/notifications/"):
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    finally:
        context.close()


def test_playing_a_trailer_on_the_film_page_marks_it_seen(page, live_server, films):
    from whichmovie.radar.models import VideoSeen

    movie = films["Past Lives"]
    second = make_video(movie, published_at=ago(hours=1), youtube_title="Past Lives | Trailer 2")
    log_in(page, live_server)
    page.goto(live_server.url + f"/movies/{movie.pk}/")
    page.get_by_role("button", name=f"Play trailer #2: {second.youtube_title}").click()
    page.wait_for_function("document.querySelector('iframe') !== null")
    for _ in range(50):
        if VideoSeen.objects.exists():
            break
        page.wait_for_timeout(100)
    assert list(VideoSeen.objects.values_list("video__youtube_id", flat=True)) == [
        second.youtube_id
    ]
