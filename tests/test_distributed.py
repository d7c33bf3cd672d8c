"""Distributed mode as it runs in production: `whichmovie worker` and `whichmovie scheduler`
processes on a real Redis broker (127.0.0.1:6379, database 14), the jobs' state in the database."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from tests.fakes.tmdb import FAKE_API_KEY, FakeTmdb

DATA = Path(__file__).parent / "data"
REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def environment(tmp_path):
    redis.Redis.from_url(REDIS_URL).flushdb()
    with FakeTmdb() as tmdb:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.update(
            WHICHMOVIE_DATA_DIR=str(tmp_path),
            BROKER_URL=REDIS_URL,
            TMDB_API_URL=tmdb.url,
            TMDB_API_KEY=FAKE_API_KEY,
        )
        yield env
    redis.Redis.from_url(REDIS_URL).flushdb()


def whichmovie(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "whichmovie", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
    )


def test_a_worker_process_runs_the_enrichment_job_from_redis(environment):
    assert (
        whichmovie(
            environment, "fetch", "--from-json", str(DATA / "ytdlp_rt_indie.json")
        ).returncode
        == 0
    )
    sent = whichmovie(
        environment,
        "manage",
        "shell",
        "-c",
        "from whichmovie.catalog.tasks import enrich_movies; enrich_movies.send()",
    )
    assert sent.returncode == 0, sent.stderr
    worker = subprocess.Popen(
        [sys.executable, "-m", "whichmovie", "worker", "--processes", "1", "--threads", "1"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            movies = [
                json.loads(line) for line in whichmovie(environment, "export").stdout.splitlines()
            ]
            if movies and all(m["match_status"] != "pending" for m in movies):
                break
            time.sleep(0.5)
        dunes = {m["tmdb_id"] for m in movies if m["title"] == "Dune"}
        assert dunes == {841, 438631}
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def test_only_one_scheduler_is_active(environment):
    first = subprocess.Popen(
        [sys.executable, "-m", "whichmovie", "scheduler"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        time.sleep(4)
        second = whichmovie(environment, "scheduler")
        assert "Another scheduler is already running" in second.stderr + second.stdout
    finally:
        first.terminate()
        output = first.communicate(timeout=30)[0]
    assert "Starting scheduler" in output


def test_worker_and_scheduler_need_a_broker(environment):
    environment.pop("BROKER_URL")
    for command in ("worker", "scheduler"):
        result = whichmovie(environment, command)
        assert result.returncode == 1
        assert "BROKER_URL is not set" in result.stderr
