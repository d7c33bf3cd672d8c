"""Follow -> pipeline event -> Apprise delivery to a real local HTTP receiver."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import make_channel, make_movie, make_video
from whichmovie.catalog.models import MatchStatus
from whichmovie.radar.models import Delivery, DeliveryStatus, Event, Schedule, Wants
from whichmovie.radar.services.events import events_collect
from whichmovie.radar.services.follows import follow_add, follow_parse, movie_mark
from whichmovie.radar.services.notify import (
    STALE_CLAIM,
    deliveries_claim,
    deliveries_send,
    target_add,
    target_test,
)


def new_trailer(movie, channel=None, **fields):
    return make_video(movie, channel, published_at=timezone.now(), **fields)


@pytest.mark.parametrize("scheme", ["json", "form"])
def test_a_new_trailer_of_a_followed_film_reaches_the_apprise_target(
    db, make_user, receiver, scheme
):
    ann = make_user()
    dune = make_movie("Dune: Part Three", 2026, tmdb_id=1001)
    follow_add(user=ann, movie=dune)
    target_add(user=ann, url=receiver.url(scheme))
    new_trailer(dune, youtube_id="dune3trail1", youtube_title="DUNE: PART THREE | Official Trailer")

    collected = events_collect()
    sent = deliveries_send()

    assert (collected.events, collected.deliveries, sent.sent) == (1, 1, 1)
    [message] = receiver.messages
    assert message["title"] == "New trailer: Dune: Part Three (2026)"
    assert "DUNE: PART THREE | Official Trailer" in message["message"]
    assert "https://www.youtube.com/watch?v=dune3trail1" in message["message"]


def test_nothing_is_sent_twice_when_the_pipeline_and_the_sender_run_again(db, make_user, receiver):
    ann = make_user()
    movie = make_movie("Past Lives", 2023, tmdb_id=666277)
    follow_add(user=ann, movie=movie)
    target_add(user=ann, url=receiver.url())
    new_trailer(movie)
    for _ in range(3):
        events_collect()
        deliveries_send()
    assert len(receiver.messages) == 1
    assert Event.objects.count() == 1


def test_follows_by_channel_person_and_saved_search_each_match_what_they_say(
    db, make_user, receiver
):
    mubi, other = make_channel(slug="mubi", name="MUBI"), make_channel()
    by_channel, by_person, by_search, nobody = (make_user(n) for n in ("c", "p", "s", "n"))
    follow_parse(user=by_channel, spec="channel=mubi", wants=Wants.TRAILERS)
    follow_parse(user=by_person, spec="person=Céline Song")
    follow_parse(user=by_search, spec="/?q=lives&kind=trailer")
    follow_parse(user=nobody, spec="person=Somebody Else")
    for user in (by_channel, by_person, by_search, nobody):
        target_add(user=user, url=receiver.url() + f"?u={user.username}")
    past_lives = make_movie("Past Lives", 2023, tmdb_id=666277, directors=["Celine Song"])
    new_trailer(past_lives, other)
    new_trailer(make_movie("Aftersun", 2022, tmdb_id=965150), mubi)

    events_collect()
    deliveries_send()

    got = sorted(
        (d.target.user.username, d.event.movie.title)
        for d in Delivery.objects.select_related("target__user", "event__movie")
    )
    assert got == [("c", "Aftersun"), ("p", "Past Lives"), ("s", "Past Lives")]
    assert len(receiver.messages) == 3


def test_a_trailer_is_told_once_its_film_is_identified_and_hidden_films_never(
    db, make_user, receiver
):
    ann, bob = make_user("ann"), make_user("bob")
    mubi = make_channel(slug="mubi")
    for user in (ann, bob):
        follow_add(user=user, channel=mubi)
        target_add(user=user, url=receiver.url())
    pending = make_movie("The Brutalist", 2024)  # not identified yet
    new_trailer(pending, mubi)
    movie_mark(user=bob, movie=pending, state="hidden")

    assert events_collect().events == 0
    pending.tmdb_id, pending.match_status = 549509, MatchStatus.MATCHED
    pending.save()
    events_collect()
    deliveries_send()

    assert [d.target.user.username for d in Delivery.objects.select_related("target__user")] == [
        "ann"
    ]
    assert len(receiver.messages) == 1


def test_old_uploads_and_uploads_seen_before_the_follow_are_not_news(db, make_user, receiver):
    ann = make_user()
    movie = make_movie("Aftersun", 2022, tmdb_id=965150)
    new_trailer(movie)  # seen before ann followed it
    follow_add(user=ann, movie=movie)
    target_add(user=ann, url=receiver.url())
    make_video(movie, published_at=timezone.now() - timedelta(days=400))  # a first fetch's backlog
    assert events_collect().deliveries == 0


def test_release_dates_reached_are_told_to_followers_who_want_them(db, make_user, receiver):
    ann, bob = make_user("ann"), make_user("bob")
    today = timezone.now().date()
    movie = make_movie("Mickey 17", 2026, tmdb_id=696506, theatrical_release_date=today)
    follow_add(user=ann, movie=movie, wants=Wants.RELEASES)
    follow_add(user=bob, movie=movie, wants=Wants.TRAILERS)
    target_add(user=ann, url=receiver.url())
    target_add(user=bob, url=receiver.url())

    events_collect()
    deliveries_send()

    [message] = receiver.messages
    assert message["title"] == "Mickey 17 (2026) is out in cinemas"


def test_a_failing_target_is_retried_with_back_off_and_the_error_is_kept(db, make_user, receiver):
    ann = make_user()
    movie = make_movie("Past Lives", 2023, tmdb_id=666277)
    follow_add(user=ann, movie=movie)
    target = target_add(user=ann, url=receiver.url())
    new_trailer(movie)
    receiver.failures_left = 1
    events_collect()

    first = deliveries_send()
    delivery = Delivery.objects.get()
    target.refresh_from_db()
    assert (first.retrying, delivery.status, delivery.attempts) == (1, DeliveryStatus.PENDING, 1)
    assert delivery.due_at > timezone.now()
    assert "503" in target.last_error and target.consecutive_failures == 1

    assert deliveries_send().sent == 0  # back-off not over yet
    later = deliveries_send(now=delivery.due_at + timedelta(seconds=1))
    target.refresh_from_db()
    assert later.sent == 1 and len(receiver.messages) == 1
    assert (target.last_error, target.consecutive_failures) == ("", 0)


def test_a_run_that_died_while_sending_is_never_sent_again(db, make_user, receiver):
    ann = make_user()
    movie = make_movie("Past Lives", 2023, tmdb_id=666277)
    follow_add(user=ann, movie=movie)
    target_add(user=ann, url=receiver.url())
    new_trailer(movie)
    events_collect()
    now = timezone.now()
    deliveries_claim(now=now)  # a worker claimed the row, then its process was killed

    assert deliveries_send(now=now).sent == 0  # another worker leaves it alone
    deliveries_send(now=now + STALE_CLAIM + timedelta(seconds=1))  # after the restart
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "interrupted" in delivery.last_error
    assert receiver.messages == []


@pytest.mark.django_db(transaction=True)
def test_a_second_worker_and_a_retry_deliver_each_event_exactly_once(make_user, receiver):
    users = [make_user(f"user{n}") for n in range(5)]
    movies = [make_movie(f"Film {n}", 2026, tmdb_id=5000 + n) for n in range(4)]
    for user in users:
        target_add(user=user, url=receiver.url())
        for movie in movies:
            follow_add(user=user, movie=movie)
    for movie in movies:
        new_trailer(movie)
    second_worker = {}

    def worker():
        events_collect()
        return deliveries_send()

    def run_second_worker():
        # In the receiver's thread, with its own database connection, while the first
        # worker waits for this very request: the real race between two workers.
        second_worker["result"] = worker()
        connection.close()

    receiver.during_first_message = run_second_worker
    first = worker()
    retry = worker()  # a retry of the whole job afterwards

    assert (first.sent, second_worker["result"].sent, retry.sent) == (20, 0, 0)
    assert len(receiver.messages) == 20
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 20
    assert len({(m["title"]) for m in receiver.messages}) == 4


def test_a_daily_digest_waits_for_its_hour_and_sends_one_message(db, make_user, receiver):
    ann = make_user()
    target_add(user=ann, url=receiver.url(), schedule=Schedule.DAILY)
    for n in range(3):
        movie = make_movie(f"Film {n}", 2026, tmdb_id=7000 + n)
        follow_add(user=ann, movie=movie)
        new_trailer(movie)
    events_collect()
    assert deliveries_send().sent == 0
    due = Delivery.objects.first().due_at
    assert due.hour == 8 and due > timezone.now()

    assert deliveries_send(now=due).sent == 3
    [digest] = receiver.messages
    assert digest["title"] == "WhichMovie: Today on your radar (3)"
    assert all(f"Film {n}" in digest["message"] for n in range(3))


def test_the_test_button_reports_what_went_wrong(db, make_user, receiver):
    ann = make_user()
    target = target_add(user=ann, url=receiver.url("form"))
    assert target_test(target=target) == ""
    assert receiver.messages[0]["title"] == "WhichMovie test"
    receiver.failures_left = 1
    assert "503" in target_test(target=target)


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_at_the_same_instant_send_each_event_once(make_user, receiver):
    import threading

    users = [make_user(f"user{n}") for n in range(6)]
    movies = [make_movie(f"Film {n}", 2026, tmdb_id=8000 + n) for n in range(5)]
    for user in users:
        target_add(user=user, url=receiver.url())
        for movie in movies:
            follow_add(user=user, movie=movie)
    for movie in movies:
        new_trailer(movie)
    start = threading.Barrier(2)

    def worker():
        start.wait()
        events_collect()
        deliveries_send()
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(receiver.messages) == 30
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 30


def test_digests_go_out_at_eight_daily_and_on_mondays_weekly():
    from datetime import UTC, datetime

    from whichmovie.radar.services.events import next_digest_at

    wednesday_noon = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    assert next_digest_at("daily", now=wednesday_noon) == datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    assert next_digest_at("weekly", now=wednesday_noon) == datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    early_monday = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
    assert next_digest_at("weekly", now=early_monday) == datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
