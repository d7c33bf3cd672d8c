"""Fixtures for the web tests: TMDB's image configuration and a real headless Chromium."""

import os
import re
from collections.abc import Iterator

import pytest

from whichmovie.catalog.models import TmdbConfiguration

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Pages may point at these; the tests answer for them so nothing reaches the network.
EXTERNAL_HOSTS = ("image.tmdb.org", "i.ytimg.com", "youtube-nocookie.com", "youtube.com")


@pytest.fixture
def tmdb_configuration(db):
    return TmdbConfiguration.objects.create(
        pk=1,
        data={
            "images": {
                "secure_base_url": "https://image.tmdb.org/t/p/",
                "poster_sizes": ["w92", "w154", "w185", "w342", "w500", "w780", "original"],
                "backdrop_sizes": ["w300", "w780", "w1280", "original"],
                "logo_sizes": ["w45", "w92", "w154", "original"],
            }
        },
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses
    # synchronous queries next to a running loop unless told it is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ExternalRequests:
    """What the page tried to load from outside; every such request is aborted."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def to(self, host: str) -> list[str]:
        return [url for url in self.urls if host in url]


@pytest.fixture
def external_requests() -> ExternalRequests:
    return ExternalRequests()


# A pattern, not a Python predicate: Playwright then matches in the browser's driver, and only
# the external requests come back to Python (a predicate sees every request of every page).
EXTERNAL = re.compile(r"^(?!http://localhost[:/]|http://127\.0\.0\.1[:/]|data:|about:)")


@pytest.fixture
def browser_context(browser, external_requests, transactional_db):
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def block(route):
        external_requests.urls.append(route.request.url)
        route.abort()

    context.route(EXTERNAL, block)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Pages are cached for a minute; each test starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
