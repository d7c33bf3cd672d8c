"""The first hour: a fresh site's welcome, the status page and its staff buttons."""

from datetime import timedelta

import dramatiq
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from dramatiq.brokers.stub import StubBroker

from tests.factories import make_channel, make_movie, make_video
from tests.fakes.tmdb import FAKE_API_KEY
from whichmovie.catalog.models import MatchStatus, TmdbKeyCheck

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """What a reader sees: the words, without tags (links stay findable by their href)."""
    html = response.content.decode()
    return " ".join(strip_tags(html).split()) + " " + " ".join(html.split())


@pytest.fixture
def broker():
    broker = dramatiq.get_broker()
    if not isinstance(broker, StubBroker):
        pytest.skip(
            "reads the messages 'sync now' sent off the in-process broker's queues, which "
            ".ci/run's SQLite run uses; on Redis they wait in Redis, out of the test's reach"
        )
    broker.flush_all()
    yield broker
    broker.flush_all()


def test_a_fresh_site_says_what_is_happening_instead_of_no_films_match(client):
    make_channel(name="MUBI", schedule="0 1 * * *")

    page = text(client.get("/"))

    assert "Nothing on the radar yet" in page
    assert "No films match" not in page
    assert "No TMDB key: set TMDB_API_KEY" in page
    assert "Following 1 channel." in page
    assert "The first check starts at" in page
    assert reverse("web:status") in page


def test_a_filter_with_no_results_still_says_no_films_match(client):
    make_channel()
    page = text(client.get("/?q=nothing"))
    assert "No films match" in page
    assert "Nothing on the radar yet" not in page


def test_the_welcome_says_when_no_channel_is_followed(client):
    page = text(client.get("/movies/"))
    assert "No channel is followed yet" in page


def test_the_status_page_is_linked_from_every_page_footer(client):
    assert f'href="{reverse("web:status")}"' in client.get("/channels/").content.decode()


def test_the_status_page_says_the_tmdb_key_is_missing(client):
    page = text(client.get("/status/"))
    assert "No TMDB key: set TMDB_API_KEY" in page
    assert "https://www.themoviedb.org/settings/api" in page


def test_the_status_page_shows_tmdb_s_last_verdict_without_asking_it(client, settings):
    settings.TMDB_API_KEY = "a-key"  # TMDB_API_URL points nowhere: a call would fail
    assert "not checked yet" in text(client.get("/status/"))

    TmdbKeyCheck.objects.create(pk=1, checked_at=timezone.now(), accepted=True)
    from django.core.cache import cache

    cache.clear()
    assert "TMDB key set and accepted" in text(client.get("/status/"))

    TmdbKeyCheck.objects.filter(pk=1).update(accepted=False, error="Invalid API key")
    cache.clear()
    page = text(client.get("/status/"))
    assert "TMDB rejected the key" in page
    assert "Invalid API key" in page


def test_each_channel_says_its_health_and_next_check_in_plain_words(client, admin_client):
    now = timezone.now()
    make_channel(name="Never Checked")
    make_channel(name="Quiet", schedule="0 3 * * *", last_checked_at=now - timedelta(hours=1))
    make_channel(
        name="Broken",
        last_checked_at=now - timedelta(minutes=1),
        consecutive_failures=3,
        last_error="ERROR: [youtube:tab] Sign in to confirm you're not a bot",
    )
    make_channel(name="Paused", enabled=False)

    page = text(client.get("/status/"))

    assert "Not checked yet: the first check starts" in page
    assert "Healthy; next check" in page
    assert "03:00 UTC" in page
    assert "The last 3 checks failed in a row; next try" in page
    assert "Paused: not checked until it is enabled again." in page
    assert "Sign in to confirm" not in page  # raw yt-dlp errors are for staff
    assert "Sync now" not in page

    staff_page = text(admin_client.get("/status/"))
    assert "Sign in to confirm" in staff_page
    assert "Sync now" in staff_page


def test_the_status_page_counts_what_is_waiting(client):
    for title, status in [
        ("A", MatchStatus.PENDING),
        ("B", MatchStatus.PENDING),
        ("C", MatchStatus.NEEDS_REVIEW),
        ("D", MatchStatus.NOT_FOUND),
    ]:
        make_video(make_movie(title, 2025, match_status=status))

    page = text(client.get("/status/"))

    assert "2 to identify on TMDB" in page
    assert "1 in review" in page
    assert "1 not found on TMDB" in page


def test_the_status_page_shows_the_last_run_of_each_job(client, admin_client):
    from whichmovie.catalog.models import JobRun
    from whichmovie.catalog.services.work import job_run_finish, job_run_start

    older = job_run_start(actor="fetch_channel", args=[1], kwargs={}, message_id="m1")
    job_run_finish(older, status=JobRun.Status.DONE, counts={"created": 9})
    newer = job_run_start(actor="fetch_channel", args=[2], kwargs={}, message_id="m2")
    job_run_finish(newer, status=JobRun.Status.DONE, counts={"created": 3})
    failed = job_run_start(actor="enrich_batch", args=[7], kwargs={}, message_id="m3")
    job_run_finish(failed, status=JobRun.Status.FAILED, error="TmdbAuthError: key rejected")

    page = client.get("/status/").content.decode()
    assert "Last job runs" in page
    assert "Done: 3 created" in page and "9 created" not in page  # the newest run per job
    assert "enrich_batch" in page and "Failed" in page
    assert "key rejected" not in page  # the details are for staff
    assert "TmdbAuthError: key rejected" in admin_client.get("/status/").content.decode()


def test_sync_now_sends_the_scheduled_jobs_for_staff_only(client, admin_client, broker):
    mubi = make_channel(name="MUBI")
    make_channel(name="Off", enabled=False)

    refused = client.post(reverse("web:sync_now"))
    assert refused.status_code == 302
    assert "/login/" in refused["Location"]
    assert broker.queues.get("default") is None or broker.queues["default"].qsize() == 0

    response = admin_client.post(reverse("web:sync_now"), follow=True)

    assert "Sync started: 1 channel check now, enrichment in two minutes." in text(response)
    # Read without taking: a message taken off a queue and never acknowledged would make a
    # later test's join() wait for ever.
    sent = [dramatiq.Message.decode(m) for m in list(broker.queues["default"].queue)]
    assert [(m.actor_name, m.args) for m in sent] == [("fetch_channel", (mubi.pk,))]
    [delayed] = [dramatiq.Message.decode(m) for m in list(broker.queues["default.DQ"].queue)]
    assert delayed.actor_name == "enrich_movies"


def test_sync_now_needs_a_post(admin_client):
    assert admin_client.get(reverse("web:sync_now")).status_code == 405


def test_check_the_key_now_keeps_tmdb_s_verdict(admin_client, fake_tmdb, settings):
    settings.TMDB_API_URL, settings.TMDB_API_KEY = fake_tmdb.url, FAKE_API_KEY
    page = text(admin_client.post(reverse("web:check_tmdb_key"), follow=True))
    assert "TMDB accepted the key." in page
    assert "TMDB key set and accepted" in page

    settings.TMDB_API_KEY = "wrong"
    page = text(admin_client.post(reverse("web:check_tmdb_key"), follow=True))
    assert "TMDB rejected the key" in page
    assert TmdbKeyCheck.objects.get(pk=1).accepted is False


def test_an_enrichment_run_leaves_tmdb_s_verdict_for_the_status_page(client, fake_tmdb, settings):
    from whichmovie.catalog.services.enrichment import movies_enrich
    from whichmovie.tmdb.client import TmdbAuthError

    make_video(make_movie("Dune", 2021))
    settings.TMDB_API_KEY = "not-the-key"
    with pytest.raises(TmdbAuthError), fake_tmdb.make_client(api_key="not-the-key") as client_:
        movies_enrich(client=client_)
    assert "TMDB rejected the key" in text(client.get("/status/"))

    from django.core.cache import cache

    cache.clear()
    with fake_tmdb.make_client() as client_:
        movies_enrich(client=client_)
    assert "TMDB key set and accepted" in text(client.get("/status/"))


def test_the_status_page_and_serve_warn_when_no_channel_is_followed(client):
    from whichmovie.catalog.services.status import site_warnings

    make_channel(name="Off", enabled=False)

    page = text(client.get("/status/"))

    assert "No channel is followed: add one with `whichmovie channels add" in page
    assert any(w.startswith("No channel is followed") for w in site_warnings())
    assert any(w.startswith("No TMDB key") for w in site_warnings())
