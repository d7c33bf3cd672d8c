"""Work claimed in the database: enrichment batches with leases, the schedule's claims,
concurrent imports. Runs on SQLite and, in CI, on PostgreSQL."""

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import make_channel, make_movie, make_video
from tests.fakes.tmdb import fake_youtube_id, generated_films
from whichmovie.catalog.models import Movie, ScheduledRun, Video, WorkBatch
from whichmovie.catalog.services.enrichment import movies_enrich
from whichmovie.catalog.services.scheduler import (
    ScheduledJob,
    scheduled_run_start,
    scheduler_tick,
)
from whichmovie.catalog.services.videos import videos_save
from whichmovie.catalog.services.work import (
    batch_claim,
    batch_renew,
    batches_plan,
    batches_release,
    batches_resend_due,
    lease_holder,
)

DATA = Path(__file__).parent.parent / "data"


def make_pending(count):
    channel = make_channel()
    for n in range(1, count + 1):
        movie = make_movie(f"Film {n:04d}", 1990 + n % 36)
        make_video(movie, channel=channel, youtube_id=fake_youtube_id(n))


def in_threads(*functions):
    errors = []

    def run(function):
        try:
            function()
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.django_db
def test_pending_movies_are_cut_into_batches_once():
    make_pending(120)
    ids = list(Movie.objects.needing_enrichment().values_list("pk", flat=True))
    first = batches_plan(kind="enrich", movie_ids=ids)
    again = batches_plan(kind="enrich", movie_ids=ids)

    assert [len(b.movie_ids) for b in WorkBatch.objects.all()] == [50, 50, 20]
    assert again == first  # a second run finds the open batches instead of new ones


@pytest.mark.django_db
def test_a_claimed_batch_is_nobody_elses_until_its_lease_runs_out():
    make_pending(10)
    (batch_id,) = batches_plan(kind="enrich", movie_ids=Movie.objects.values_list("pk", flat=True))
    first = batch_claim(kind="enrich", holder=lease_holder())
    assert first is not None and batch_claim(kind="enrich", holder=lease_holder()) is None

    # The worker was killed: its lease runs out and the batch is sent again, then taken.
    WorkBatch.objects.filter(pk=batch_id).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert batches_resend_due(kind="enrich") == [batch_id]
    second = batch_claim(kind="enrich", holder=lease_holder())
    assert second is not None and second.batch_id == batch_id
    assert not batch_renew(first)  # the old worker, if it wakes up, learns it lost the batch
    assert batches_resend_due(kind="enrich") == []


@pytest.mark.django_db
def test_a_run_gives_back_every_batch_it_holds_and_none_of_anothers():
    make_pending(120)
    batches_plan(kind="enrich", movie_ids=Movie.objects.values_list("pk", flat=True))
    ours, theirs = lease_holder(), lease_holder()
    batch_claim(kind="enrich", holder=ours)
    batch_claim(kind="enrich", holder=ours)  # a second claim a shutdown may have cut short
    batch_claim(kind="enrich", holder=theirs)

    batches_release(ours)

    held = WorkBatch.objects.filter(lease_until__isnull=False)
    assert list(held.values_list("lease_token", flat=True)) == [theirs]


@pytest.mark.django_db
def test_a_batch_message_delivered_twice_does_the_work_once(fake_tmdb_factory):
    fake = fake_tmdb_factory(films=generated_films(60))
    make_pending(60)
    batch_ids = batches_plan(kind="enrich", movie_ids=Movie.objects.values_list("pk", flat=True))
    with fake.make_client() as client:
        first = movies_enrich(client=client, batch_ids=batch_ids[:1])
        requests = len(fake.log)
        again = movies_enrich(client=client, batch_ids=batch_ids[:1])

    assert first.matched == 50 and again.total == 0
    assert len(fake.log) == requests
    assert WorkBatch.objects.filter(done_at__isnull=True).count() == 1  # the other one


@pytest.mark.django_db(transaction=True)
def test_two_enrich_runs_at_once_share_the_work(fake_tmdb_factory):
    fake = fake_tmdb_factory(films=generated_films(200), latency_seconds=0.01)
    make_pending(200)
    results = []

    def run():
        with fake.make_client() as client:
            results.append(movies_enrich(client=client, threads=4))

    in_threads(run, run)

    assert sum(r.total for r in results) == 200  # each movie recorded by one run only
    assert Movie.objects.filter(match_status="matched").count() == 200
    searched = [r.params["query"] for r in fake.log if r.path == "/search/movie"]
    assert len(searched) == len(set(searched))  # and asked about once


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_dump_at_once_give_one_copy():
    from io import StringIO

    from django.core.management import call_command

    def run():
        call_command("fetch", "--from-json", str(DATA / "ytdlp_rt_indie.json"), stdout=StringIO())

    in_threads(run, run, run)

    assert Video.objects.count() == 10
    assert Movie.objects.filter(group_key__isnull=False).count() == len(
        set(Video.objects.exclude(group_key="").values_list("group_key", flat=True))
    )


@pytest.mark.django_db(transaction=True)
def test_two_channels_saving_the_same_new_film_at_once_both_keep_their_uploads():
    from whichmovie.sources.youtube import Upload

    first, second = make_channel(), make_channel()
    when = datetime(2026, 11, 1, tzinfo=UTC)

    def save(channel, prefix):
        uploads = [
            Upload(f"{prefix}{n:09d}", f"Film {n:04d} | Official Trailer", when) for n in range(300)
        ]
        return lambda: videos_save(channel=channel, uploads=uploads, exact_dates=True)

    in_threads(save(first, "aa"), save(second, "bb"))

    assert Video.objects.count() == 600
    assert Movie.objects.count() == 300  # one film each, trailers of both channels on it
    assert all(m.videos.count() == 2 for m in Movie.objects.all())


# -- the schedule ----------------------------------------------------------------------------


class Sends:
    def __init__(self):
        self.sent = []

    def __call__(self, *, scheduled_run):
        self.sent.append(scheduled_run)


@pytest.mark.django_db
def test_only_the_lease_holder_sends_and_each_fire_once():
    sends = Sends()
    jobs = [ScheduledJob("enrich_movies", "0 2 * * *", sends)]
    at = datetime(2026, 12, 1, 2, 0, 30, tzinfo=UTC)

    assert scheduler_tick(jobs=jobs, holder="a", now=at, extra=None)
    assert not scheduler_tick(jobs=jobs, holder="b", now=at + timedelta(seconds=10), extra=None)
    assert scheduler_tick(jobs=jobs, holder="a", now=at + timedelta(seconds=20), extra=None)
    assert len(sends.sent) == 1

    # "a" dies: "b" takes over once the lease ran out, and does not send 02:00 again.
    later = at + timedelta(minutes=2)
    assert scheduler_tick(jobs=jobs, holder="b", now=later, extra=None)
    assert scheduled_run_start(sends.sent[0], now=later)
    assert len(sends.sent) == 1
    assert ScheduledRun.objects.get().name == "enrich_movies"


@pytest.mark.django_db
def test_a_scheduled_run_whose_message_was_lost_is_sent_again():
    sends = Sends()
    jobs = [ScheduledJob("refresh_movies", "0 5 * * *", sends)]
    at = datetime(2026, 12, 1, 5, 0, 5, tzinfo=UTC)
    scheduler_tick(jobs=jobs, holder="a", now=at, extra=None)
    scheduler_tick(jobs=jobs, holder="a", now=at + timedelta(minutes=5), extra=None)
    assert len(sends.sent) == 1  # still waiting in the queue, perhaps

    scheduler_tick(jobs=jobs, holder="a", now=at + timedelta(minutes=11), extra=None)
    assert sends.sent == [sends.sent[0]] * 2  # not started after 10 minutes: lost, sent again

    assert scheduled_run_start(sends.sent[0], now=at + timedelta(minutes=12))
    assert not scheduled_run_start(sends.sent[0], now=at + timedelta(minutes=12))  # the copy


@pytest.mark.django_db
def test_a_broker_error_at_fire_time_loses_nothing():
    sent = []

    def flaky(*, scheduled_run):
        if not sent:
            sent.append("error")
            raise ConnectionError("broker down")
        sent.append(scheduled_run)

    jobs = [ScheduledJob("reconcile_channels", "0 4 * * Sun", flaky)]
    sunday = datetime(2026, 11, 29, 4, 0, 1, tzinfo=UTC)
    scheduler_tick(jobs=jobs, holder="a", now=sunday, extra=None)
    scheduler_tick(jobs=jobs, holder="a", now=sunday + timedelta(seconds=10), extra=None)

    assert sent[0] == "error" and len(sent) == 2


@pytest.mark.django_db
def test_a_fresh_install_does_not_run_last_weeks_jobs_at_once():
    sends = Sends()
    jobs = [ScheduledJob("reconcile_channels", "0 4 * * Sun", sends)]
    scheduler_tick(jobs=jobs, holder="a", now=datetime(2026, 12, 1, 12, tzinfo=UTC), extra=None)
    assert sends.sent == []
    # ... but from then on, a fire the scheduler slept through is caught up once.
    later = datetime(2026, 12, 6, 9, tzinfo=UTC)  # Sunday 09:00, five hours late
    scheduler_tick(jobs=jobs, holder="a", now=later, extra=None)
    assert len(sends.sent) == 1
