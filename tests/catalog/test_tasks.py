"""The jobs, run by a real Dramatiq worker on the configured broker (in-process stub, or Redis)."""

from datetime import UTC, datetime

import dramatiq
import pytest

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
