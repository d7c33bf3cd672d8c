"""What the schedule costs a status page: `site_status()` (next check and last check of every
channel) and one dispatcher tick (`channels_claim_due`), with N channels on `*/5 * * * *` and N
on a daily cron, every channel checked an hour ago and healthy.

    .venv/bin/python -m bench.schedule [--channels 20] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import timedelta

from bench._django import setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=20, help="channels of each kind")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    setup("schedule")
    from django.utils import timezone

    from whichmovie.catalog.models import Channel, ChannelDispatch
    from whichmovie.catalog.schedule import channels_claim_due
    from whichmovie.catalog.services.status import site_status

    now = timezone.now()
    Channel.objects.all().delete()
    Channel.objects.bulk_create(
        Channel(
            slug=f"bench-{n}",
            name=f"Bench {n}",
            url=f"https://www.youtube.com/@bench{n}/videos",
            schedule="*/5 * * * *" if n % 2 else "0 3 * * *",
            last_checked_at=now - timedelta(hours=1),
            last_success_at=now - timedelta(hours=1),
        )
        for n in range(2 * options.channels)
    )
    ChannelDispatch.objects.update_or_create(
        pk=1, defaults={"dispatched_until": now - timedelta(minutes=5)}
    )

    def timed(label: str, call: object) -> None:
        times = []
        for _ in range(options.repeat):
            start = time.perf_counter()
            call()  # type: ignore[operator]
            times.append(time.perf_counter() - start)
        print(f"{label:<48} median {statistics.median(times) * 1000:8.1f} ms")

    print(f"{options.channels} channels on */5 and {options.channels} daily")
    timed("site_status() (the status page's schedule part)", site_status)

    def tick() -> None:  # the last five minutes' window, claimed again each time
        ChannelDispatch.objects.filter(pk=1).update(dispatched_until=now - timedelta(minutes=5))
        channels_claim_due(now=now)

    timed("channels_claim_due() (one dispatcher tick)", tick)


if __name__ == "__main__":
    main()
