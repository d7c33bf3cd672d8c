from typing import Any

from django.apps import AppConfig


class RadarConfig(AppConfig):
    name = "whichmovie.radar"
    verbose_name = "My radar"

    def ready(self) -> None:
        from whichmovie.catalog.signals import pipeline_ran

        pipeline_ran.connect(notify_after_pipeline, dispatch_uid="radar-notifications")


def notify_after_pipeline(sender: object, **kwargs: Any) -> str:
    """The receiver of catalog's `pipeline_ran`: its answer is the line a command prints. The
    services load here, when a pipeline ran, not at every start (`channels list` needs none)."""
    from whichmovie.radar.services.pipeline import notifications_after_pipeline

    return notifications_after_pipeline()
