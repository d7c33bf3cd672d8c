from django.urls import path

from whichmovie.radar import feeds, views

app_name = "radar"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("follows/", views.follows, name="follows"),
    path("notifications/", views.targets, name="targets"),
    path("feed/renew", views.feed_token_renew, name="feed_renew"),
    path("feed/<str:token>/radar.rss", feeds.rss, name="feed_rss"),
    path("feed/<str:token>/radar.atom", feeds.atom, name="feed_atom"),
    path("feed/<str:token>/radar.ics", feeds.calendar, name="feed_ics"),
    path("radarr/", views.radarr, name="radarr"),
    path("movies/<int:pk>/radarr", views.radarr_add_view, name="radarr_add"),
    path("letterboxd/", views.letterboxd, name="letterboxd"),
    path("movies/<int:pk>/<slug:action>", views.movie_action, name="movie_action"),
]
