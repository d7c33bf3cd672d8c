"""What the radar does when the pipeline has changed something: tell whoever follows it.
Called on catalog's `pipeline_ran` signal (radar.apps)."""

from __future__ import annotations

import dramatiq.errors
from django.conf import settings

from whichmovie.radar.services.events import events_collect
from whichmovie.radar.services.notify import deliveries_send


def notifications_after_pipeline() -> str:
    """Embedded: collect and deliver now, so a command that returns has told everyone.
    Distributed: collect, then hand the sending to the workers (the due rows are the record,
    so a lost message only delays them until the next minute's cron)."""
    collected = events_collect()
    if settings.BROKER_URL:
        from whichmovie.radar.tasks import deliver_notifications

        try:
            deliver_notifications.send()
        except dramatiq.errors.DramatiqError as error:
            # The deliveries are recorded: the workers' every-minute run sends them.
            return f"Notifications: {collected}; the broker refused the job ({error}), sent later"
        return f"Notifications: {collected}, sending in the workers"
    return f"Notifications: {collected}; {deliveries_send()}"
