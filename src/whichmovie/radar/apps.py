from django.apps import AppConfig


class RadarConfig(AppConfig):
    name = "whichmovie.radar"
    verbose_name = "My radar"
