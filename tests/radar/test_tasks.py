"""The radar's actors: on the schedule, and run by the embedded jobs of `whichmovie serve`."""

from django.utils import timezone

from tests.factories import make_movie, make_video
from whichmovie.radar.services.follows import follow_add
from whichmovie.radar.services.notify import target_add


def test_notifications_are_collected_and_sent_every_minute():
    from whichmovie.catalog.tasks import schedule

    jobs = {job.name: job.cron for job in schedule()}  # what the scheduler and serve run
    assert jobs["collect_notifications"] == "* * * * *"
    assert jobs["refresh_radarr_badges"] == "17 * * * *"


def test_the_actor_body_collects_and_delivers(db, make_user, receiver):
    from whichmovie.radar.tasks import collect_notifications

    ann = make_user()
    movie = make_movie("Aftersun", 2022, tmdb_id=965150)
    follow_add(user=ann, movie=movie)
    target_add(user=ann, url=receiver.url())
    make_video(movie, published_at=timezone.now())
    collect_notifications()  # called directly, as a worker would run the message
    assert [m["title"] for m in receiver.messages] == ["New trailer: Aftersun (2022)"]
