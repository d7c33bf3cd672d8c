"""The site header on a phone, in a real browser (Debian's Chromium)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
HEADER_ITEMS = ".site-header .brand, .site-header .site-nav li"


def phone_page(browser, live_server):
    context = browser.new_context(**PHONE)
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    return context, context.new_page()


def visible_boxes(page):
    return [
        box
        for item in page.locator(HEADER_ITEMS).all()
        if item.is_visible() and (box := item.bounding_box()) is not None
    ]


def test_the_header_is_one_line_on_a_phone(browser, live_server, transactional_db):
    context, page = phone_page(browser, live_server)
    for path in ("/", "/movies/", "/channels/"):
        page.goto(live_server.url + path)

        boxes = visible_boxes(page)
        assert len(boxes) == 5  # the brand, Radar, Movies, Channels, Log in
        middles = [box["y"] + box["height"] / 2 for box in boxes]
        assert max(middles) - min(middles) < 4, boxes  # one row: "Log in" did not wrap
        assert all(box["x"] >= 0 and box["x"] + box["width"] <= 375 for box in boxes), boxes
        assert page.locator(".site-header").bounding_box()["height"] <= 64
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The brand shows only its mark there, but keeps its name for screen readers.
    expect(page.get_by_role("link", name="WhichMovie, trailer radar home")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_in_viewport()
    context.close()


def test_signed_in_the_phone_header_keeps_every_link_on_screen(
    browser, live_server, transactional_db
):
    get_user_model().objects.create_user("fan", password="pw-fan-12345")
    context, page = phone_page(browser, live_server)
    page.goto(live_server.url + "/accounts/login/?next=/")
    page.get_by_label("User name").fill("fan")
    page.get_by_label("Password").fill("pw-fan-12345")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/")

    expect(page.get_by_role("link", name="My radar")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Log out")).to_be_in_viewport()
    assert all(box["x"] + box["width"] <= 375 for box in visible_boxes(page))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_on_a_wide_screen_the_header_shows_the_name_and_the_api(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")

    expect(page.locator(".site-header .brand")).to_have_text("WhichMovie")
    expect(page.locator(".site-header").get_by_role("link", name="API")).to_be_visible()
