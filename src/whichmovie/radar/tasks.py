"""Dramatiq actors of the personal radar (thin: one service call each)."""

import dramatiq

from whichmovie.catalog.tasks import scheduled
from whichmovie.radar.services.events import events_collect
from whichmovie.radar.services.notify import deliveries_send
from whichmovie.radar.services.radarr import radarr_badges_refresh


@scheduled("* * * * *")
@dramatiq.actor(max_retries=3)
def collect_notifications(scheduled_run: int | None = None) -> None:
    """Every minute: new trailers and release dates -> events; then send what is due
    (immediate ones, retries whose back-off is over, digests at their hour)."""
    events_collect()
    deliveries_send()


@dramatiq.actor(max_retries=3)
def deliver_notifications() -> None:
    # Safe to retry or to run in two workers at once: each delivery is claimed in the database.
    deliveries_send()


@scheduled("17 * * * *")
@dramatiq.actor(max_retries=0)
def refresh_radarr_badges(scheduled_run: int | None = None) -> None:
    """Films added in Radarr itself get their "in Radarr" badge within the hour."""
    radarr_badges_refresh()
