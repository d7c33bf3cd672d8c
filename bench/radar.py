"""The personal radar at household-and-then-some scale: 1,000 users with 10 follows each
(films, channels, people, saved searches), then an import of 500 new uploads of identified
films. Measures the time to compute and queue the notifications after the import.

.venv/bin/python -m bench.radar [--users 1000] [--uploads 500]
"""

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

from bench._django import setup

# 60 title words: a one-word saved search matches about 3% of the films, as "q=ghost" might.
WORDS = [
    f"{a}{b}" for a in ("night", "river", "glass", "summer", "ghost", "city") for b in "abcdefghij"
]
FILMS = 3000
PEOPLE = 300
SEARCHES = [f"q={word}" for word in WORDS[::3]] + ["q=ghosta&kind=trailer", "new=week&q=citya"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--uploads", type=int, default=500)
    args = parser.parse_args()
    setup("radar")

    from django.contrib.auth import get_user_model

    from whichmovie.catalog.models import Channel, MatchStatus, Movie
    from whichmovie.catalog.services.videos import videos_save
    from whichmovie.radar.models import Delivery, Event, Follow, NotificationTarget
    from whichmovie.radar.services.events import events_collect
    from whichmovie.radar.services.follows import person_key
    from whichmovie.sources.youtube import Upload

    rng = random.Random(11)
    channels = [
        Channel.objects.create(
            slug=f"bench-{n}", name=f"Bench {n}", url=f"https://www.youtube.com/@b{n}/videos"
        )
        for n in range(20)
    ]
    titles = [
        f"{' '.join(rng.choice(WORDS).title() for _ in range(rng.randint(1, 3)))} {n}"
        for n in range(FILMS)
    ]
    old = datetime.now(UTC) - timedelta(days=60)
    for c, channel in enumerate(channels):
        uploads = [
            Upload(f"o{n:010d}", f"{titles[n]} Official Trailer #1 (2026)", old)
            for n in range(c, FILMS, len(channels))
        ]
        videos_save(channel=channel, uploads=uploads, exact_dates=True)
    people = [f"Person {n}" for n in range(PEOPLE)]
    movies = list(Movie.objects.all())
    for movie in movies:
        movie.tmdb_id, movie.match_status = 100000 + movie.pk, MatchStatus.MATCHED
        movie.directors = [rng.choice(people)]
        movie.cast = [{"name": rng.choice(people), "character": ""} for _ in range(5)]
    Movie.objects.bulk_update(
        movies, ["tmdb_id", "match_status", "directors", "cast"], batch_size=500
    )
    events_collect()  # the uploads so far are old news: this sets the starting point

    User = get_user_model()
    User.objects.bulk_create([User(username=f"user{n}") for n in range(args.users)])
    users = list(User.objects.all())
    follows, targets = [], []
    for user in users:
        for movie in rng.sample(movies, 5):
            follows.append(
                Follow(
                    user=user, kind="movie", movie=movie, key=f"movie:{movie.pk}", label=movie.title
                )
            )
        for channel in rng.sample(channels, 2):
            follows.append(
                Follow(
                    user=user,
                    kind="channel",
                    channel=channel,
                    key=f"channel:{channel.pk}",
                    label=channel.name,
                )
            )
        person = rng.choice(people)
        follows.append(
            Follow(
                user=user,
                kind="person",
                person=person_key(person),
                key=f"person:{person_key(person)}",
                label=person,
            )
        )
        for query in rng.sample(SEARCHES, 2):
            follows.append(
                Follow(user=user, kind="search", query=query, key=f"search:{query}", label=query)
            )
        targets.append(
            NotificationTarget(
                user=user,
                url=f"json://127.0.0.1:9/u{user.pk}",
                schedule=rng.choice(["immediate", "immediate", "daily"]),
            )
        )
    Follow.objects.bulk_create(follows, batch_size=1000)
    NotificationTarget.objects.bulk_create(targets, batch_size=1000)

    now = datetime.now(UTC)
    new = [
        Upload(
            f"n{n:010d}", f"{titles[n * 5]} Official Trailer #2 (2026)", now - timedelta(minutes=n)
        )
        for n in range(args.uploads)
    ]
    started = time.perf_counter()
    saved = videos_save(channel=channels[0], uploads=new[::2], exact_dates=True)
    saved += videos_save(channel=channels[1], uploads=new[1::2], exact_dates=True)
    imported = time.perf_counter() - started

    started = time.perf_counter()
    collected = events_collect()
    collect_seconds = time.perf_counter() - started
    print(f"{args.users} users, {len(follows)} follows, {FILMS} identified films")
    print(f"import of {args.uploads} new uploads: {imported:.2f} s ({saved})")
    print(
        f"compute and queue notifications: {collect_seconds:.2f} s ({collected}; "
        f"{Event.objects.count()} events, {Delivery.objects.count()} deliveries in the database)"
    )
    print(f"target: < 2 s beyond the import -> {'ok' if collect_seconds < 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
