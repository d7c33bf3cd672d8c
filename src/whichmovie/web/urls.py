from django.urls import include, path

from whichmovie.web import feeds, status, suggest, views
from whichmovie.web.api import api

pages = [
    path("", views.radar, name="radar"),
    path("movies/", views.movie_list, name="movie_list"),
    path("movies/<int:pk>/", views.movie_detail, name="movie_detail"),
    path("movies/<int:pk>/<slug:slug>/", views.movie_detail, name="movie_detail_slug"),
    path("movies/<int:pk>-<slug:slug>/", views.movie_detail, name="movie_detail_dash"),
    path("channels/", views.channel_list, name="channel_list"),
    path("channels/<slug:slug>/", views.channel_detail, name="channel_detail"),
    path("channels/<slug:slug>/feed.rss", feeds.rss, name="channel_feed_rss"),
    path("channels/<slug:slug>/feed.atom", feeds.atom, name="channel_feed_atom"),
    path("feed.rss", feeds.rss, name="feed_rss"),
    path("feed.atom", feeds.atom, name="feed_atom"),
    path("calendar.ics", views.calendar_ics, name="calendar"),
    path("radarr.json", views.radarr_list, name="radarr"),
    path("suggest.json", suggest.suggest, name="suggest"),
    path("status/", status.status, name="status"),
    path("status/sync/", status.sync_now, name="sync_now"),
    path("status/check-tmdb/", status.check_tmdb_key, name="check_tmdb_key"),
    path("status/dead-letters/retry/", status.retry_dead_letter, name="retry_dead_letter"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

# Pages under the "web" namespace; the API keeps its own top-level "api" namespace,
# which django-ninja reverses to link its docs to its schema.
urlpatterns = [
    path("", include((pages, "web"))),
    path("api/", api.urls),
]
