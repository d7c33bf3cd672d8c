from django.apps import AppConfig


class RadarConfig(AppConfig):
    name = "whichmovie.radar"
    verbose_name = "My radar"

    def ready(self) -> None:
        from whichmovie.catalog.signals import pipeline_ran
        from whichmovie.radar.services.pipeline import notify_after_pipeline

        pipeline_ran.connect(notify_after_pipeline, dispatch_uid="radar-notifications")
