"""Distributed mode as it runs in production: `whichmovie worker` and `whichmovie scheduler`
processes on a real broker (a redis-server of each test's own, or RabbitMQ on 5672), the jobs'
state in the database: PostgreSQL when DATABASE_URL is set (a database of these tests' own),
else a SQLite file. scripts/test runs them in the scale-out set-up (DATABASE_URL set), which is
what a fleet runs on.

Every Redis test has a Redis of its own and runs beside anything. The RabbitMQ tests share
one virtual host of the run's own (or the server's default one), so they run one at a time:
xdist group "fleet", with the tests that compare with the embedded reference (made once)."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis

from tests.fakes.tmdb import FAKE_API_KEY, FakeTmdb, default_films, generated_films

DATA = Path(__file__).parent / "data"
AMQP_URL = os.environ.get("WM_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
GENERATED = 60  # films of the third, generated channel: several batches of work
BATCH_SIZE = 10  # so the 75 movies are 8 batches: both workers get some, a kill hits one
TICK = 0.5  # SCHEDULER_TICK_SECONDS of the fleets

pytestmark = pytest.mark.fleet


def _listening(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=0.5).close()
        return True
    except OSError:
        return False


def fresh_postgres() -> str | None:
    """A database of these tests' own beside DATABASE_URL's, created empty."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    import psycopg

    parts = urlsplit(url)
    # One per xdist worker: two workers' fleets never share (or drop) each other's database.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{parts.path.lstrip('/') or 'postgres'}_fleet_{worker}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def _empty_rabbitmq_queues(url: str) -> None:
    """What an earlier test left in the default queues would reach this test's workers."""
    import pika

    with pika.BlockingConnection(pika.URLParameters(url)) as connection:
        channel = connection.channel()
        for queue in ("default", "default.DQ", "default.XQ"):
            channel.queue_delete(queue=queue)


def wait_for(condition, what: str, timeout: float = 60.0) -> None:
    """Poll until `condition()` holds: as fast as the machine allows, no fixed sleeps."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def generated_dump(path: Path) -> Path:
    """A yt-dlp dump of a channel with GENERATED film trailers ("Film 0001 (1991) | ...")."""
    entries = [
        {
            "_type": "url",
            "ie_key": "Youtube",
            "id": f"gen{n:08d}",
            "url": f"https://www.youtube.com/watch?v=gen{n:08d}",
            "title": f"Film {n:04d} ({1990 + n % 36}) | Official Trailer",
        }
        for n in range(1, GENERATED + 1)
    ]
    dump = {
        "_type": "playlist",
        "id": "UCgenerated0000000000000",
        "channel_id": "UCgenerated0000000000000",
        "channel": "Generated Trailers",
        "uploader_id": "@generatedtrailers",
        "webpage_url": "https://www.youtube.com/@generatedtrailers/videos",
        "entries": entries,
    }
    path.write_text(json.dumps(dump))
    return path


@pytest.fixture(scope="module")
def tmdb():
    with FakeTmdb(films=default_films() + generated_films(GENERATED), latency_seconds=0.05) as f:
        yield f


def fleet_environment(data_dir: Path, broker: str, redis_url: str, tmdb_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        WHICHMOVIE_DATA_DIR=str(data_dir),
        BROKER_URL=broker,
        REDIS_URL=redis_url,  # the shared TMDB limit (RabbitMQ fleets need it too)
        TMDB_API_URL=tmdb_url,
        TMDB_API_KEY=FAKE_API_KEY,
        JOB_LEASE_SECONDS="3",
        JOB_BATCH_SIZE=str(BATCH_SIZE),
        SCHEDULER_TICK_SECONDS=str(TICK),
        CHANNEL_JITTER_SECONDS="0",
    )
    database = fresh_postgres()
    if database:
        env["DATABASE_URL"] = database
    return env


@pytest.fixture(params=["redis", pytest.param("rabbitmq", marks=pytest.mark.xdist_group("fleet"))])
def environment(request, tmp_path, tmdb, own_redis):
    broker = own_redis.url
    if request.param == "rabbitmq":
        if not _listening(AMQP_URL):
            if os.environ.get("WM_REQUIRE_SERVICES"):
                pytest.fail("RabbitMQ is not running on 127.0.0.1:5672")
            pytest.skip("RabbitMQ is not running on 127.0.0.1:5672 (.ci/run starts it)")
        broker = request.getfixturevalue("amqp_url")
        _empty_rabbitmq_queues(broker)
    yield fleet_environment(tmp_path / "fleet", broker, own_redis.url, tmdb.url)
    if request.param == "rabbitmq":
        _empty_rabbitmq_queues(broker)


@pytest.fixture(scope="session")
def amqp_url() -> Iterator[str]:
    """A RabbitMQ virtual host of this run's own where rabbitmqctl can make one (CI runs as
    root beside the server): another run on the same server (a second checkout, another CI
    job) then never takes or deletes this run's messages. Else WM_TEST_AMQP_URL's."""
    vhost = f"wm_test_{uuid.uuid4().hex[:12]}"
    ctl = shutil.which("rabbitmqctl")
    if "WM_TEST_AMQP_URL" in os.environ or ctl is None:
        yield AMQP_URL
        return
    made = subprocess.run([ctl, "-q", "add_vhost", vhost], capture_output=True, check=False)
    if made.returncode:
        yield AMQP_URL
        return
    try:
        subprocess.run(
            [ctl, "-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
            capture_output=True, check=True,
        )  # fmt: skip
        yield urlunsplit(urlsplit(AMQP_URL)._replace(path=f"/{vhost}"))
    finally:
        subprocess.run([ctl, "-q", "delete_vhost", vhost], capture_output=True, check=False)


@pytest.fixture
def redis_environment(tmp_path, tmdb, own_redis):
    """For what does not depend on the broker: the commands' checks of their settings."""
    return fleet_environment(tmp_path / "fleet", own_redis.url, own_redis.url, tmdb.url)


def whichmovie(env, *args, timeout=120, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "whichmovie", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def start(env, *args, **kwargs):
    """A long-running `whichmovie` process in a process group of its own (for kill -9)."""
    return subprocess.Popen(
        [sys.executable, "-m", "whichmovie", *args],
        env=env,
        start_new_session=True,
        **{"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, **kwargs},
    )


def stop(process, sig=signal.SIGTERM):
    """SIGTERM to the process (it stops its own children), kill -9 to the whole group."""
    if process.poll() is None:
        if sig == signal.SIGKILL:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
    try:
        return process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        return process.wait(timeout=10)


def films(env) -> list[tuple]:
    exported = whichmovie(env, "export")
    assert exported.returncode == 0, exported.stderr
    movies = [json.loads(line) for line in exported.stdout.splitlines()]
    return sorted(
        (
            m["title"],
            m["year"],
            m["tmdb_id"],
            m["match_status"],
            tuple(sorted(v["youtube_id"] for v in m["videos"])),
        )
        for m in movies
    )


def dumps(tmp_path):
    return [
        str(DATA / "ytdlp_rt_indie.json"),
        str(DATA / "ytdlp_mubi.json"),
        str(generated_dump(tmp_path / "generated.json")),
    ]


@pytest.fixture(scope="module")
def embedded_films(tmp_path_factory, tmdb):
    """What the embedded default gives for the same dumps: the reference, made once."""
    tmp_path = tmp_path_factory.mktemp("embedded")
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "BROKER_URL")
    }
    env.update(
        WHICHMOVIE_DATA_DIR=str(tmp_path / "embedded"), TMDB_API_URL=tmdb.url,
        TMDB_API_KEY=FAKE_API_KEY,
    )  # fmt: skip
    assert whichmovie(env, "fetch", "--from-json", *dumps(tmp_path)).returncode == 0
    # The answers are the same without the latency (there for the fleets' overlapping batches).
    latency, tmdb.latency_seconds = tmdb.latency_seconds, 0.0
    try:
        enriched = whichmovie(env, "enrich")
    finally:
        tmdb.latency_seconds = latency
    assert enriched.returncode == 0, enriched.stderr
    result = films(env)
    assert sum(1 for f in result if f[3] == "matched") >= GENERATED
    return result


@pytest.mark.xdist_group("fleet")  # with the reference made once, on that worker
def test_workers_enrich_the_dumps_exactly_as_embedded_does(environment, embedded_films, tmp_path):
    assert whichmovie(environment, "fetch", "--from-json", *dumps(tmp_path)).returncode == 0
    workers = [start(environment, "worker", "--processes", "1", "--threads", "2") for _ in (1, 2)]
    try:
        enriched = whichmovie(environment, "enrich")  # sends the batches, waits for them
        assert enriched.returncode == 0, enriched.stderr
        assert "Enriched" in enriched.stdout
    finally:
        for worker in workers:
            stop(worker)
    assert films(environment) == embedded_films


@pytest.mark.xdist_group("fleet")  # with the reference made once, on that worker
def test_a_worker_killed_mid_batch_loses_nothing(environment, embedded_films, tmp_path, tmdb):
    assert whichmovie(environment, "fetch", "--from-json", *dumps(tmp_path)).returncode == 0
    doomed = start(environment, "worker", "--processes", "1", "--threads", "1")
    try:
        tmdb.clear_log()
        sent = whichmovie(environment, "enrich", "--no-wait")
        assert sent.returncode == 0, sent.stderr
        wait_for(lambda: len(tmdb.log) >= 5, "the worker to be inside its first batch")
    finally:
        stop(doomed, signal.SIGKILL)  # kill -9: no chance to give its batch back

    survivor = start(environment, "worker", "--processes", "1", "--threads", "2")
    try:
        # The killed worker's batch is sent again once its lease ran out, and taken.
        enriched = whichmovie(environment, "enrich")
        assert enriched.returncode == 0, enriched.stderr
    finally:
        stop(survivor)
    assert films(environment) == embedded_films


def test_web_worker_and_scheduler_started_together_on_an_empty_database(redis_environment):
    """The database's race, not the broker's: once (it ran for each broker alike)."""
    environment = redis_environment
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "whichmovie", "channels", "list"],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outcomes = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0, 0], [err for _, err in outcomes]
    assert all("mubi" in out.lower() for out, _ in outcomes)


def test_a_standby_scheduler_waits_and_takes_over(environment, tmp_path):
    log_a, log_b = tmp_path / "a.log", tmp_path / "b.log"
    with log_a.open("w") as err_a, log_b.open("w") as err_b:
        first = start(environment, "scheduler", stderr=err_a)
        second = None
        try:
            wait_for(lambda: ": active" in log_a.read_text(), "the first to be active")
            second = start(environment, "scheduler", stderr=err_b)
            wait_for(lambda: ": standby" in log_b.read_text(), "the second to stand by")
            time.sleep(4 * TICK)  # a few more of its ticks on the held lease
            assert second.poll() is None  # it waits on the lease; it does not exit
            assert stop(first) == 0
            wait_for(lambda: ": active" in log_b.read_text(), "the second to take over")
        finally:
            stop(first)
            if second is not None:
                stop(second)
    assert ": active" in log_a.read_text()
    log = log_b.read_text()
    assert ": standby" in log and ": active" in log


def test_the_scheduler_survives_a_redis_restart(redis_environment, own_redis, tmp_path):
    """Restarts the broker, so Redis only (on RabbitMQ its Redis is no broker to restart)."""
    environment, own = redis_environment, own_redis
    log = tmp_path / "scheduler.log"
    with log.open("w") as handle:
        scheduler = start(environment, "scheduler", stderr=handle)
        try:
            wait_for(lambda: ": active" in log.read_text(), "the scheduler to be active")
            own.stop()
            time.sleep(8 * TICK)  # Redis away for a few ticks
            assert scheduler.poll() is None
            own.start()
            time.sleep(4 * TICK)  # and back for a few
            assert scheduler.poll() is None
            # It still sends: a check asked of the workers now reaches Redis.
            assert redis.Redis.from_url(own.url).ping()
            health = whichmovie(
                environment, "manage", "shell", "-c",
                "from whichmovie.web.health import health_report; "
                "import json; print(json.dumps(health_report()))",
            )  # fmt: skip
            status, report = json.loads(health.stdout.strip().splitlines()[-1])
            assert report["scheduler"]["ok"], report
            assert status == 200, report
        finally:
            assert stop(scheduler) == 0
    assert "active" in log.read_text()


def test_worker_and_scheduler_need_a_broker(redis_environment):
    environment = redis_environment
    environment.pop("BROKER_URL")
    for command in ("worker", "scheduler"):
        result = whichmovie(environment, command)
        assert result.returncode == 1
        assert "BROKER_URL is not set" in result.stderr


def test_a_rabbitmq_fleet_refuses_to_start_without_redis(redis_environment):
    environment = redis_environment
    environment["BROKER_URL"] = AMQP_URL
    environment.pop("REDIS_URL")
    result = whichmovie(environment, "worker")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("CommandError: REDIS_URL is not set")


def test_sigterm_gives_the_batch_in_hand_back(redis_environment, tmp_path, tmdb):
    """SIGTERM handling is the worker's, not the broker's: tested once, on Redis."""
    environment = redis_environment
    assert whichmovie(environment, "fetch", "--from-json", *dumps(tmp_path)).returncode == 0
    worker = start(environment, "worker", "--processes", "1", "--threads", "1")
    try:
        tmdb.clear_log()
        assert whichmovie(environment, "enrich", "--no-wait").returncode == 0
        wait_for(lambda: len(tmdb.log) >= 5, "the worker to be inside its first batch")
    finally:
        assert stop(worker) == 0  # SIGTERM: the worker stops, the batch is interrupted
    batches = whichmovie(
        environment, "manage", "shell", "-c",
        "from whichmovie.catalog.models import WorkBatch; "
        "print(sorted((b.done_at is not None, b.lease_until is None) "
        "for b in WorkBatch.objects.all()))",
    )  # fmt: skip
    states = eval(batches.stdout.strip().splitlines()[-1])  # noqa: S307 (our own output)
    # Every batch is done or free at once: nobody has to wait for a lease to run out.
    assert states and all(free for _, free in states)
    assert not all(done for done, _ in states)  # it really was interrupted


DEAD_LETTERS = """
import json
from whichmovie.catalog.deadletters import dead_letter_retry, dead_letters
from whichmovie.catalog.models import JobRun
if {retry!r}:
    print(json.dumps(dead_letter_retry({retry!r})))
else:
    letters = dead_letters()
    runs = list(JobRun.objects.filter(message_id={ran!r}).values_list("status", flat=True))
    print(json.dumps([letters.count, [[l.message_id, l.actor, list(l.args), l.error]
                                      for l in letters.newest], runs]))
"""


def dead_letters_of(env, retry="", ran=""):
    shown = whichmovie(env, "manage", "shell", "-c", DEAD_LETTERS.format(retry=retry, ran=ran))
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout.strip().splitlines()[-1])


def test_dead_letters_are_counted_shown_and_retried(environment):
    from dramatiq import Message
    from dramatiq.brokers.rabbitmq import RabbitmqBroker
    from dramatiq.brokers.redis import RedisBroker

    url = environment["BROKER_URL"]
    broker = RedisBroker(url=url) if url.startswith("redis") else RabbitmqBroker(url=url)
    worker = start(environment, "worker", "--processes", "1", "--threads", "1")
    try:
        assert dead_letters_of(environment)[:2] == [0, []]
        # A message no actor can run (an argument too many) and no retry: dead at its first try.
        broker.declare_queue("default")
        broken = broker.enqueue(
            Message(
                queue_name="default",
                actor_name="fetch_channel",
                args=(1, "extra"),
                kwargs={},
                options={"max_retries": 0},
            )
        )
        deadline = time.monotonic() + 60
        while (letters := dead_letters_of(environment))[0] == 0:
            assert time.monotonic() < deadline, "no dead letter"
            time.sleep(1)
        count, [[message_id, actor, args, error]], _ = letters
        assert (count, message_id, actor) == (1, broken.message_id, "fetch_channel")
        assert args == [1, "extra"]
        assert error.startswith("TypeError: ") and "2 were given" in error

        again = dead_letters_of(environment, retry=broken.message_id)  # staff's "retry"
        deadline = time.monotonic() + 60
        while not (letters := dead_letters_of(environment, ran=again))[2]:
            assert time.monotonic() < deadline, "the retried message did not run"
            time.sleep(1)
        # A worker ran it again (still broken, it fails, with its own retries this time);
        # the dead letter is gone.
        assert letters[:2] == [0, []] and letters[2] == ["failed"]
    finally:
        stop(worker)
        broker.close()
