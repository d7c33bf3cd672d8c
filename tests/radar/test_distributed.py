"""Distributed mode: the commands queue the sending, two real worker processes on a Redis of
the test's own deliver each notification once (on PostgreSQL when DATABASE_URL is set)."""

import os
import subprocess
import sys
import time

import pytest
import redis
from django.utils.timezone import now

from tests.factories import dated_dump
from tests.fakes.tmdb import FAKE_API_KEY, FakeTmdb, default_films
from tests.test_distributed import fresh_postgres
from tests.test_pipeline import DATA, FILMS

pytestmark = pytest.mark.fleet


@pytest.fixture
def environment(tmp_path, own_redis):
    with FakeTmdb(films=[*default_films(), *FILMS]) as tmdb:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.update(
            WHICHMOVIE_DATA_DIR=str(tmp_path),
            BROKER_URL=own_redis.url,
            TMDB_API_URL=tmdb.url,
            TMDB_API_KEY=FAKE_API_KEY,
            DJANGO_SUPERUSER_PASSWORD="pw-ann-123",
        )
        if database := fresh_postgres():
            env["DATABASE_URL"] = database
        yield env


def queued_messages(redis_url: str) -> int:
    """Messages sent and not yet acknowledged (Dramatiq keeps them in these hashes until then)."""
    broker = redis.Redis.from_url(redis_url)
    return sum(broker.hlen(f"dramatiq:{queue}.msgs") for queue in ("default", "default.DQ"))


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def whichmovie(env, *args):
    result = subprocess.run(
        [sys.executable, "-m", "whichmovie", *args], env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result


def test_two_workers_deliver_what_enrich_queued_once_each(environment, receiver, tmp_path):
    whichmovie(environment, "export")
    whichmovie(environment, "manage", "createsuperuser", "--noinput", "--username", "ann",
               "--email", "ann@example.org")  # fmt: skip
    whichmovie(environment, "follow", "ann", "channel=rt_indie")
    whichmovie(environment, "notify", "ann", receiver.url())
    whichmovie(
        environment,
        "fetch",
        "--from-json",
        str(dated_dump(DATA / "ytdlp_rt_indie.json", tmp_path / "dump.json", newest=now())),
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "whichmovie", "worker", "--processes", "1", "--threads", "2"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(2)
    ]
    try:
        # The workers match the batches `enrich` sends; then it queues the notifications.
        enriched = whichmovie(environment, "enrich")
        assert "8 notifications queued, sending in the workers" in enriched.stdout
        wait_for(lambda: len(receiver.messages) >= 8)
        # Would a second worker send anything twice? Every queued message is handled first.
        wait_for(lambda: queued_messages(environment["BROKER_URL"]) == 0)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    uploads = [m["message"].split("watch?v=")[1][:11] for m in receiver.messages]
    assert len(uploads) == 8 and len(set(uploads)) == 8
