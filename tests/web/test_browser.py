"""The site in a real browser (Debian's Chromium via Playwright) against a live server."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_channel, make_genre, make_movie, make_video
from whichmovie.catalog.models import VideoKind

pytestmark = [pytest.mark.browser]


def ago(**delta):
    return timezone.now() - timedelta(**delta)


@pytest.fixture
def catalogue(transactional_db):
    mubi = make_channel(name="MUBI", slug="mubi", last_checked_at=ago(hours=1))
    drama = make_genre("Drama", 18)
    amelie = make_movie(
        "Amélie",
        2001,
        search_title="amelie",
        tmdb_id=194,
        poster_path="/a.jpg",
        latest_video_at=ago(days=1),
    )
    amelie.genres.add(drama)
    make_video(
        amelie,
        mubi,
        youtube_id="amelieteas1",
        kind=VideoKind.TEASER,
        published_at=ago(days=30),
        youtube_title="Amélie | Teaser",
    )
    make_video(amelie, mubi, youtube_id="amelietrai1", published_at=ago(days=1))
    for i in range(29):
        movie = make_movie(
            f"Film Number {i:02d} With A Rather Long Title", 2025, latest_video_at=ago(days=10 + i)
        )
        make_video(movie, published_at=ago(days=10 + i))
    return {"amelie": amelie}


def cards(page):
    return page.locator(".card-title").all_inner_texts()


def test_the_radar_grid_renders_with_placeholders_for_blocked_posters(
    page, live_server, catalogue, external_requests
):
    page.goto(live_server.url + "/")

    assert page.title().startswith("WhichMovie")
    assert len(cards(page)) == 24
    assert cards(page)[0] == "Amélie"
    columns = page.evaluate(
        "getComputedStyle(document.querySelector('.grid')).gridTemplateColumns.split(' ').length"
    )
    assert columns >= 5
    page.wait_for_selector(".card img.is-broken", state="attached")  # image.tmdb.org refused
    assert page.locator(".card").first.locator(".poster-title").is_visible()
    assert external_requests.to("image.tmdb.org")


def test_search_and_filters_change_the_results(page, live_server, catalogue):
    page.goto(live_server.url + "/")

    page.get_by_label("Search titles").fill("AMELIE")
    page.get_by_label("Search titles").press("Enter")
    page.wait_for_url("**/?q=AMELIE")
    assert cards(page) == ["Amélie"]

    page.goto(live_server.url + "/")
    page.get_by_text("Filters and sort").click()
    page.get_by_label("Genre").select_option("drama")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**genre=drama**")
    assert cards(page) == ["Amélie"]

    page.get_by_role("link", name="Teasers").click()
    page.wait_for_url("**kind=teaser**")
    assert cards(page) == ["Amélie"]
    page.get_by_role("link", name="Remove filter: Drama").click()
    page.wait_for_url("**/?kind=teaser")
    assert cards(page) == ["Amélie"]


def test_new_this_week_is_one_click(page, live_server, catalogue):
    page.goto(live_server.url + "/")

    page.get_by_role("link", name="New this week").click()

    page.wait_for_url("**/?new=week")
    assert cards(page) == ["Amélie"]


def test_load_more_appends_the_next_page_in_place(page, live_server, catalogue):
    page.goto(live_server.url + "/")
    url = page.url

    page.get_by_role("link", name="Load more films").click()

    # Locators, not wait_for_function: the site's CSP forbids the eval it would need.
    expect(page.locator(".card")).to_have_count(30)
    # Appended by script (30 cards: no navigation); the address now keeps the place.
    assert page.url.startswith(url) and "cursor=" in page.url
    assert cards(page)[-1].startswith("Film Number 28")
    assert page.get_by_role("link", name="Load more films").count() == 0
    assert page.locator("[data-status]").inner_text() == "6 more films loaded."


def test_the_player_loads_the_nocookie_embed_only_when_pressed(
    page, live_server, catalogue, external_requests
):
    page.goto(live_server.url + f"/movies/{catalogue['amelie'].pk}/")
    assert page.locator("iframe").count() == 0
    assert not external_requests.to("youtube-nocookie.com")

    # Waited for: the blocked request reaches Python after the click returns, later under load.
    with page.expect_request(
        lambda request: "youtube-nocookie.com/embed/amelietrai1" in request.url
    ):
        page.get_by_role("button", name="Play trailer: Amélie | Official Trailer").click()

    frame = page.locator(".player iframe")
    assert (
        frame.get_attribute("src")
        == "https://www.youtube-nocookie.com/embed/amelietrai1?autoplay=1"
    )
    assert frame.get_attribute("title") == "Amélie | Official Trailer"
    expect(page.locator(".player iframe")).to_be_focused()


def test_the_player_works_from_the_keyboard(page, live_server, catalogue):
    page.goto(live_server.url + f"/movies/{catalogue['amelie'].pk}/")

    page.get_by_role("button", name="Play teaser: Amélie | Teaser").focus()
    page.keyboard.press("Enter")

    assert (
        page.locator(".player iframe")
        .first.get_attribute("src")
        .endswith("/amelieteas1?autoplay=1")
    )


def test_the_feed_linked_in_head_works(page, live_server, catalogue):
    page.goto(live_server.url + "/channels/mubi/")

    href = page.locator('link[rel="alternate"][type="application/rss+xml"]').get_attribute("href")
    response = page.request.get(live_server.url + href)

    assert href == "/channels/mubi/feed.rss"
    assert response.ok
    assert "Amélie (2001) · Trailer: Amélie | Official Trailer" in response.text()


def test_keyboard_users_get_a_skip_link_and_a_visible_focus_ring(page, live_server, catalogue):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


@pytest.mark.parametrize("path", ["/", "/movies/", "/movie", "/channels/", "/channels/mubi/"])
def test_phone_width_has_no_horizontal_scroll(browser, live_server, catalogue, path):
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True
    )
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page = context.new_page()
    if path == "/movie":
        path = f"/movies/{catalogue['amelie'].pk}/"

    page.goto(live_server.url + path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_dark_theme_follows_the_system(browser, live_server, catalogue):
    context = browser.new_context(color_scheme="dark")
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page = context.new_page()

    page.goto(live_server.url + "/")

    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(12, 12, 16)"
    context.close()
