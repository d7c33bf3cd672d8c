"""The jobs, run by a real Dramatiq worker on the configured broker (in-process stub, or Redis)."""

from datetime import UTC, datetime, timedelta

import dramatiq
import pytest
from dramatiq.brokers.stub import StubBroker

from tests.factories import make_channel, make_video
from tests.fakes.youtube import atom_feed
from whichmovie.catalog import tasks
from whichmovie.catalog.models import Channel, Video
from whichmovie.sources.youtube import Upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker(settings):
    settings.CHANNEL_JITTER_SECONDS = 0
    broker = dramatiq.get_broker()
    broker.flush_all()
    yield broker
    broker.flush_all()


@pytest.fixture
def worker(broker):
    worker = dramatiq.Worker(broker, worker_threads=1, worker_timeout=50)
    worker.start()
    yield worker
    worker.stop()


def test_the_actors_keep_the_original_schedule_and_retries():
    jobs = {job.name: job.cron for job in tasks.SCHEDULE}
    assert jobs["enrich_movies"] == "0 2 * * *"
    assert jobs["reconcile_channels"] == "0 4 * * Sun"
    assert tasks.fetch_channel.options["max_retries"] == 3
    assert tasks.enrich_movies.options["max_retries"] == 3


def test_the_dispatcher_fetches_due_channels_through_the_broker(
    broker, worker, httpserver, settings
):
    settings.YOUTUBE_FEED_URL = httpserver.url_for("/feeds/videos.xml")
    Channel.objects.all().delete()
    channel = make_channel(schedule="0 0 * * *", last_checked_at=datetime(2026, 1, 1, tzinfo=UTC))
    make_video(channel=channel, youtube_id="known000001")
    feed = [
        Upload("fresh000001", "Anora | Official Trailer | NEON", datetime(2026, 11, 20, tzinfo=UTC))
    ]
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(
        atom_feed(channel.youtube_channel_id, channel.name, feed)
    )
    tasks.dispatch_due_channels.send()
    broker.join(tasks.dispatch_due_channels.queue_name, timeout=20_000)
    worker.join()
    video = Video.objects.get(youtube_id="fresh000001")
    assert video.movie.title == "Anora"
    channel.refresh_from_db()
    assert channel.last_success_at is not None


def test_every_job_run_is_recorded_with_its_counts(broker, worker, fake_tmdb, settings):
    from tests.factories import make_movie
    from tests.fakes.tmdb import FAKE_API_KEY
    from whichmovie.catalog.models import JobRun

    settings.TMDB_API_URL, settings.TMDB_API_KEY = fake_tmdb.url, FAKE_API_KEY
    make_video(make_movie("Dune", 2021))
    tasks.enrich_movies.send()
    broker.join(tasks.enrich_movies.queue_name, timeout=20_000)
    worker.join()

    runs = {run.actor: run for run in JobRun.objects.all()}
    assert runs["enrich_movies"].counts == {"batches": 1}
    assert runs["enrich_batch"].status == "done" and runs["enrich_batch"].counts["matched"] == 1
    assert runs["enrich_batch"].finished_at >= runs["enrich_batch"].started_at


def join_letting_failures_be(broker, queue_name):
    """The in-process broker re-raises a failed job unless told not to; Redis's never does."""
    if isinstance(broker, StubBroker):
        broker.join(queue_name, timeout=20_000, fail_fast=False)
    else:
        broker.join(queue_name, timeout=20_000)


def test_a_job_out_of_retries_is_a_dead_letter_and_the_admin_retries_it(
    broker, worker, fake_tmdb, settings, admin_client
):
    from tests.factories import make_movie
    from tests.fakes.tmdb import FAKE_API_KEY
    from whichmovie.catalog.models import JobRun, Movie
    from whichmovie.catalog.services.work import batches_plan

    settings.TMDB_API_URL, settings.TMDB_API_KEY = fake_tmdb.url, "a-key-tmdb-rejects"
    make_video(make_movie("Dune", 2021))
    (batch_id,) = batches_plan(kind="enrich", movie_ids=Movie.objects.values_list("pk", flat=True))
    tasks.enrich_batch.send_with_options(args=(batch_id,), max_retries=0)
    join_letting_failures_be(broker, tasks.enrich_batch.queue_name)
    worker.join()

    dead = JobRun.objects.get()
    assert dead.status == "dead" and "TmdbAuthError" in dead.error
    assert dead.target == str(batch_id)

    settings.TMDB_API_KEY = FAKE_API_KEY  # the operator fixed the key
    response = admin_client.post(
        "/admin/catalog/jobrun/", {"action": "retry", "_selected_action": [dead.pk]}
    )
    assert response.status_code == 302
    join_letting_failures_be(broker, tasks.enrich_batch.queue_name)
    worker.join()
    assert JobRun.objects.filter(actor="enrich_batch", status="done").count() == 1
    assert Movie.objects.get().match_status == "matched"


def test_the_sunday_reconcile_is_spread_over_hours(broker, settings):
    if not isinstance(broker, StubBroker):
        pytest.skip(
            "reads the delay queue of the in-process broker, which .ci/run's SQLite run uses; "
            "on Redis the same messages wait in Redis"
        )
    settings.RECONCILE_SPREAD_HOURS = 6
    Channel.objects.all().delete()
    for _ in range(4):
        make_channel()
    tasks.reconcile_channels.fn()  # the cron's body: it only sends the delayed checks

    delayed = broker.queues[tasks.reconcile_channel.queue_name + ".DQ"].queue
    etas = sorted(dramatiq.Message.decode(data).options["eta"] for data in delayed)
    gaps_hours = [(b - a) / 3_600_000 for a, b in zip(etas, etas[1:], strict=False)]
    assert len(etas) == 4
    assert all(1.4 <= gap <= 1.6 for gap in gaps_hours)  # 6 hours / 4 channels, plus jitter


def test_the_scheduled_runs_refresh_tmdbs_image_configuration_as_the_command_does(
    broker, fake_tmdb, settings
):
    """The pages build image URLs from it; the 02:00 and 05:00 runs keep it fresh."""
    from tests.factories import make_movie
    from tests.fakes.tmdb import FAKE_API_KEY
    from whichmovie.catalog.models import TmdbConfiguration

    settings.TMDB_API_URL, settings.TMDB_API_KEY = fake_tmdb.url, FAKE_API_KEY
    make_video(make_movie("Dune", 2021))
    for actor in (tasks.enrich_movies, tasks.refresh_movies):
        TmdbConfiguration.objects.all().delete()
        fake_tmdb.clear_log()
        actor.fn()  # the cron's body: it only plans and sends the batches
        assert fake_tmdb.paths() == ["/configuration"]
        assert TmdbConfiguration.objects.get().data["images"]["secure_base_url"]


def _quiet_channel(httpserver, settings):
    """A channel due for its check whose feed has nothing new: the check writes nothing."""
    settings.YOUTUBE_FEED_URL = httpserver.url_for("/feeds/videos.xml")
    Channel.objects.all().delete()
    channel = make_channel(
        schedule="0 0 * * *",
        last_checked_at=datetime(2026, 1, 1, tzinfo=UTC),
        last_success_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    video = make_video(
        channel=channel,
        youtube_id="known000001",
        youtube_title="AFTERSUN | Official Trailer | MUBI",
        description="Watch the trailer.",  # as the feed (tests.fakes.youtube) gives it
    )
    known = [Upload(video.youtube_id, video.youtube_title, video.published_at)]
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(
        atom_feed(channel.youtube_channel_id, channel.name, known)
    )
    return channel


def _checks_run(channel) -> int:
    from whichmovie.catalog.models import JobRun

    return JobRun.objects.filter(actor="fetch_channel", target=str(channel.pk)).count()


def test_a_channel_check_the_broker_lost_is_sent_again_by_the_next_tick(
    broker, httpserver, settings
):
    from django.utils import timezone

    channel = _quiet_channel(httpserver, settings)
    assert tasks.dispatch_due_channels() == {"channels": 1}
    broker.flush_all()  # the broker lost the check (a Redis restart without its file)

    later = timezone.now() + timedelta(minutes=11)
    tasks.sweep(now=later)  # no worker took anything since: copies would only pile up
    worker = dramatiq.Worker(broker, worker_threads=1, worker_timeout=50)
    worker.start()
    try:
        tasks.sweep()  # the next tick, still within the check's grace: nothing is sent
        tasks.dispatch_due_channels.send()  # the next dispatch: workers are taking messages
        broker.join(tasks.fetch_channel.queue_name, timeout=20_000)
        worker.join()
        assert _checks_run(channel) == 0
        tasks.sweep(now=later)  # the check never ran: sent again
        broker.join(tasks.fetch_channel.queue_name, timeout=20_000)
        worker.join()
        assert _checks_run(channel) == 1
        tasks.sweep(now=later + timedelta(minutes=11))  # it ran now: not sent again
        broker.join(tasks.fetch_channel.queue_name, timeout=20_000)
        worker.join()
    finally:
        worker.stop()
    assert _checks_run(channel) == 1
    before = channel.last_checked_at
    channel.refresh_from_db()
    assert channel.last_checked_at == before  # a quiet check still writes nothing


def test_a_normal_dispatch_sends_each_check_once(broker, worker, httpserver, settings):
    from django.utils import timezone

    channel = _quiet_channel(httpserver, settings)
    tasks.dispatch_due_channels.send()
    broker.join(tasks.dispatch_due_channels.queue_name, timeout=20_000)
    worker.join()
    for minutes in (5, 11, 30):  # ticks after the check's grace: it ran, nothing to re-send
        tasks.sweep(now=timezone.now() + timedelta(minutes=minutes))
    broker.join(tasks.fetch_channel.queue_name, timeout=20_000)
    worker.join()
    assert _checks_run(channel) == 1


def test_dead_letters_are_on_the_status_page_and_in_the_admin_with_a_retry(
    broker, worker, client, admin_client
):
    import re

    # Messages no actor can run (an argument too many), with no retry: dead at once.
    older = tasks.fetch_channel.send_with_options(args=(2, "extra"), max_retries=0)
    join_letting_failures_be(broker, tasks.fetch_channel.queue_name)
    worker.join()
    broken = tasks.fetch_channel.send_with_options(args=(1, "extra"), max_retries=0)
    join_letting_failures_be(broker, tasks.fetch_channel.queue_name)
    worker.join()

    public = client.get("/status/").content.decode()
    assert "2 jobs gave up after their retries" in public
    assert "2 were given" not in public  # errors and arguments are for staff
    staff = admin_client.get("/status/").content.decode()
    assert "fetch_channel" in staff and "TypeError: fetch_channel() takes 1" in staff
    assert f'name="message_id" value="{broken.message_id}"' in staff
    assert staff.index(broken.message_id) < staff.index(older.message_id)  # newest first
    admin_page = admin_client.get("/admin/catalog/jobrun/dead-letters/").content.decode()
    assert "2 dead letters:" in re.sub(r"\s+", " ", admin_page) and broken.message_id in admin_page

    retried = admin_client.post(
        "/status/dead-letters/retry/",
        {"message_id": broken.message_id, "next": "/admin/catalog/jobrun/dead-letters/"},
    )
    assert (
        retried.status_code == 302 and retried["Location"] == "/admin/catalog/jobrun/dead-letters/"
    )
    assert "1 job gave up after its retries" in admin_client.get("/status/").content.decode()
    again = admin_client.post("/status/dead-letters/retry/", {"message_id": broken.message_id})
    assert again.status_code == 302  # gone already: said so, nothing sent
    assert client.post("/status/dead-letters/retry/", {"message_id": "x"}).status_code == 302
