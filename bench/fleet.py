"""Enrichment by a fleet of `whichmovie worker` processes sharing one TMDB limit in Redis.

2,000 pending movies against a local TMDB-shaped server (100 ms latency), with 1, 2 and 4
worker processes: with a 40 req/s limit (server and limiter), the 429s received and wall
time / (requests / 40 per second) (target <= 1.15, <= 1% 429s); without a limit, how much
faster 4 processes are than 1 (target >= 2.5x).

Each fleet size gets a fresh SQLite database (or DATABASE_URL's, emptied) and Redis db 5.

    .venv/bin/python -m bench.fleet [--movies 2000] [--fleets 1,2,4] [--no-unlimited]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import redis

from tests.fakes.tmdb import FAKE_API_KEY

REDIS_URL = "redis://127.0.0.1:6379/5"
THREADS = 4  # Dramatiq threads per worker process: batches in progress at once


def environment(data_dir: str, tmdb_url: str, rate: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    env.update(
        WHICHMOVIE_DATA_DIR=data_dir,
        BROKER_URL=REDIS_URL,
        REDIS_URL=REDIS_URL,
        TMDB_API_URL=tmdb_url,
        TMDB_API_KEY=FAKE_API_KEY,
        TMDB_RATE_LIMIT=str(rate),
        LOG_LEVEL="WARNING",
    )
    return env


def phase_load(movies: int) -> None:
    """In a fresh database: `movies` pending movies named like the fake's films."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "whichmovie.settings")
    import django

    django.setup()
    from bench.enrich import load_pending
    from whichmovie.catalog.models import JobRun, WorkBatch
    from whichmovie.cli import prepare_database

    prepare_database()
    WorkBatch.objects.all().delete()
    JobRun.objects.all().delete()
    load_pending(movies, films=movies)


def phase_drive() -> None:
    """Send the batches to the workers and wait for the last one; print the wall time."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "whichmovie.settings")
    import django

    django.setup()
    from whichmovie.catalog.services.runs import movies_enrich_send
    from whichmovie.catalog.services.work import batches_counts, batches_progress

    began = time.perf_counter()
    batch_ids = movies_enrich_send()  # one /configuration request, then the batches
    while batches_progress(batch_ids).done < len(batch_ids):
        if time.perf_counter() - began > 1800:
            raise SystemExit("the workers did not finish in 30 minutes (see the job runs)")
        time.sleep(0.05)
    wall = time.perf_counter() - began
    print(json.dumps({"wall": wall, "counts": batches_counts(batch_ids)}))


def run_fleet(processes: int, movies: int, tmdb, rate: float) -> dict[str, float]:  # type: ignore[no-untyped-def]
    data_dir = tempfile.mkdtemp(prefix=f"whichmovie-bench-fleet{processes}-")
    env = environment(data_dir, tmdb.url, rate)
    redis.Redis.from_url(REDIS_URL).flushdb()
    me = [sys.executable, "-m", "bench.fleet"]
    subprocess.run([*me, "--phase", "load", "--movies", str(movies)], env=env, check=True)
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "whichmovie",
                "worker",
                "--processes",
                "1",
                "--threads",
                str(THREADS),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(processes)
    ]
    try:
        time.sleep(5)  # the workers boot
        tmdb.clear_log()
        driven = subprocess.run(
            [*me, "--phase", "drive"], env=env, check=True, capture_output=True, text=True
        )
        result = json.loads(driven.stdout.strip().splitlines()[-1])
        log = list(tmdb.log)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    requests = len(log) or 1
    throttled = sum(1 for entry in log if entry.status == 429)
    arrivals = sorted(entry.at for entry in log)
    busiest = max(
        (sum(1 for t in arrivals[i : i + 200] if t < start + 1.0) for i, start in
         enumerate(arrivals)),
        default=0,
    )  # fmt: skip
    return {
        "wall": result["wall"],
        "requests": requests,
        "throttled": throttled,
        "busiest_second": busiest,
        "matched": result["counts"].get("matched", 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", choices=["load", "drive"])
    parser.add_argument("--movies", type=int, default=2000)
    parser.add_argument("--fleets", default="1,2,4")
    parser.add_argument("--rate", type=float, default=40.0)
    parser.add_argument("--no-limited", action="store_true")
    parser.add_argument("--no-unlimited", action="store_true")
    args = parser.parse_args()
    if args.phase == "load":
        phase_load(args.movies)
        return
    if args.phase == "drive":
        phase_drive()
        return

    from tests.fakes.tmdb import FakeTmdb, generated_films

    fleets = [int(n) for n in args.fleets.split(",")]
    films = generated_films(args.movies)
    if not args.no_limited:
        with FakeTmdb(
            films=films, series=[], latency_seconds=0.1, rate_limit_per_second=args.rate
        ) as tmdb:
            print(f"{args.movies} movies, 100 ms latency, {args.rate:g} req/s (server+limiter)")
            for processes in fleets:
                r = run_fleet(processes, args.movies, tmdb, args.rate)
                bound = r["requests"] / args.rate
                print(
                    f"  {processes} worker(s): wall {r['wall']:.1f} s, {r['requests']} requests, "
                    f"{r['throttled']} x 429 ({100 * r['throttled'] / r['requests']:.2f}%), "
                    f"busiest second {r['busiest_second']}, bound {bound:.1f} s, "
                    f"ratio {r['wall'] / bound:.3f} (<= 1.15), matched {r['matched']}",
                    flush=True,
                )
    if not args.no_unlimited:
        # Unlimited, the fake must not share a GIL with anything: it runs as its own process.
        from bench.enrich import start_fake

        server, url = start_fake(args.movies, latency=0.1, rate=None)
        try:
            print(f"{args.movies} movies, 100 ms latency, no limit")
            walls: dict[int, float] = {}
            for processes in fleets:
                r = run_fleet(processes, args.movies, _Remote(url), 100_000.0)
                walls[processes] = r["wall"]
                print(
                    f"  {processes} worker(s): wall {r['wall']:.1f} s, "
                    f"{args.movies / r['wall']:.0f} movies/s, "
                    f"speed-up {walls[fleets[0]] / r['wall']:.2f}x",
                    flush=True,
                )
        finally:
            server.terminate()


class _Remote:
    """A fake TMDB in another process: its URL, and no request log."""

    def __init__(self, url: str) -> None:
        self.url, self.log = url, []

    def clear_log(self) -> None:
        pass


if __name__ == "__main__":
    main()
