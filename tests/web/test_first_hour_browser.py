"""The first hour and the film fan's radar in a real browser (Debian's Chromium)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_channel, make_genre, make_movie, make_video

pytestmark = [pytest.mark.browser]

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


def ago(**delta):
    return timezone.now() - timedelta(**delta)


@pytest.fixture
def catalogue(transactional_db, tmdb_configuration):
    mubi = make_channel(name="MUBI", slug="mubi", last_checked_at=ago(hours=1))
    drama = make_genre("Drama", 18)
    for i in range(40):
        movie = make_movie(f"Film {i:02d}", 2025, tmdb_id=5000 + i, latest_video_at=ago(days=i + 1))
        movie.genres.add(drama)
        make_video(movie, mubi, youtube_id=f"film{i:02d}trai", published_at=ago(days=i + 1))
    return {"mubi": mubi}


def phone_page(browser, live_server):
    context = browser.new_context(**PHONE)
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    return context, context.new_page()


def test_a_fresh_site_welcomes_and_leads_to_the_status_page(page, live_server, transactional_db):
    make_channel(name="MUBI", slug="mubi")

    page.goto(live_server.url + "/")

    welcome = page.locator("[data-welcome]")
    expect(welcome).to_contain_text("Nothing on the radar yet.")
    expect(welcome).to_contain_text("No TMDB key")
    expect(welcome).to_contain_text("The first check starts at")
    assert page.get_by_text("No films match.").count() == 0

    page.get_by_role("contentinfo").get_by_role("link", name="Status").click()
    page.wait_for_url("**/status/")
    expect(page.get_by_role("heading", name="How WhichMovie is doing")).to_be_visible()
    expect(page.locator("[data-channels]")).to_contain_text("Not checked yet")


def test_staff_sync_now_from_the_status_page(page, live_server, transactional_db):
    get_user_model().objects.create_superuser("boss", password="pw-boss-123")
    make_channel(name="MUBI", slug="mubi")
    page.goto(live_server.url + "/accounts/login/?next=/status/")
    page.get_by_label("User name").fill("boss")
    page.get_by_label("Password").fill("pw-boss-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/status/")

    page.get_by_role("button", name="Sync now").click()

    page.wait_for_url("**/status/")
    expect(page.get_by_role("status").first).to_contain_text(
        "Sync started: 1 channel check now, enrichment in two minutes."
    )


def test_load_more_keeps_its_place_when_coming_back(page, live_server, catalogue):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Load more films").click()
    expect(page.locator(".card")).to_have_count(40)
    assert "cursor=" in page.url  # the address carries the place

    page.get_by_role("link", name="Film 30", exact=True).click()
    page.wait_for_url("**/movies/**")
    page.go_back()

    # Back to the films just loaded (restored from the cache, or opened at the cursor).
    expect(page.get_by_role("link", name="Film 30", exact=True)).to_be_in_viewport()


def test_a_cursor_address_opens_at_that_place_with_a_way_up(page, live_server, catalogue):
    page.goto(live_server.url + "/")
    cursor_url = page.get_by_role("link", name="Load more films").get_attribute("href")

    page.goto(live_server.url + "/" + cursor_url)

    assert page.locator(".card-title").first.inner_text() == "Film 24"
    page.get_by_role("link", name="Back to the newest films").click()
    expect(page.locator(".card-title").first).to_have_text("Film 00")


def test_on_a_phone_active_filters_leave_the_first_film_on_the_first_screen(
    browser, live_server, catalogue
):
    context, page = phone_page(browser, live_server)
    page.goto(live_server.url + "/?genre=drama&kind=trailer&sort=release")

    expect(page.get_by_role("link", name="Remove filter: Drama")).to_be_visible()
    assert page.locator("details.more-filters").get_attribute("open") is None
    first = page.locator(".card").first.bounding_box()
    assert first is not None and first["y"] < 812 - 120, first  # its poster starts on screen
    # The quick filters wrap: none is cut at the screen's edge.
    for chip in page.locator(".quick-filters .chip").all():
        box = chip.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    context.close()


def test_the_status_page_fits_a_phone(browser, live_server, transactional_db):
    make_channel(
        name="A channel with a long name that fails",
        last_checked_at=ago(minutes=3),
        consecutive_failures=2,
        last_error="ERROR: " + "x" * 400,
    )
    context, page = phone_page(browser, live_server)
    page.goto(live_server.url + "/status/")
    expect(page.locator("[data-channels]")).to_contain_text("next try")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto(live_server.url + "/channels/")
    expect(page.locator(".channel-card")).to_contain_text("The last 2 checks failed")
    assert page.get_by_text("xxxxxxxx").count() == 0  # the raw error is for staff
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_a_provider_logo_that_cannot_load_leaves_its_initial(page, live_server, transactional_db):
    movie = make_movie(
        "Streams",
        2024,
        tmdb_id=77,
        latest_video_at=ago(days=1),
        watch_providers={
            "link": "https://www.themoviedb.org/movie/77/watch?locale=US",
            "flatrate": [{"provider_name": "MUBI", "logo_path": "/mubi.jpg"}],
        },
    )
    make_video(movie, published_at=ago(days=1))

    page.goto(live_server.url + f"/movies/{movie.pk}/")

    page.wait_for_selector(".provider-logo img.is-broken", state="attached")  # blocked
    expect(page.locator(".provider-logo").first).to_have_text("M")
    link = page.get_by_role("link", name="MUBI")
    assert link.get_attribute("href") == "https://www.themoviedb.org/movie/77/watch?locale=US"


def test_search_suggests_films_as_you_type_also_by_director(page, live_server, catalogue):
    for title, year, hours in [("Sicario", 2015, 3), ("Dune", 2021, 2)]:
        movie = make_movie(
            title,
            year,
            search_title=title.lower(),
            tmdb_id=90 + hours,
            latest_video_at=ago(hours=hours),
            directors=["Denis Villeneuve"],
        )
        make_video(movie, published_at=ago(hours=hours))
    page.goto(live_server.url + "/")

    page.get_by_label("Search titles").press_sequentially("villen")

    suggestions = page.get_by_role("list", name="Suggestions")
    expect(suggestions.get_by_role("link")).to_have_count(2)
    expect(suggestions).to_contain_text("Dune (2021) · directed by Denis Villeneuve")
    page.get_by_label("Search titles").press("ArrowDown")
    expect(suggestions.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/movies/**/dune/")


def test_the_newest_trailer_plays_from_the_grid_in_a_dialog(
    page, live_server, catalogue, external_requests
):
    page.goto(live_server.url + "/")
    assert not external_requests.to("youtube-nocookie.com")

    page.get_by_role("link", name="Play the newest trailer: Film 00").click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    frame = dialog.locator("iframe")
    assert frame.get_attribute("src") == (
        "https://www.youtube-nocookie.com/embed/film00trai?autoplay=1"
    )
    # The Close button (Escape goes to the player's frame once it has the focus).
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    # Closing stops the video: the dialog's "close" event (it follows the hiding) empties it.
    expect(page.locator("iframe")).to_have_count(0)
