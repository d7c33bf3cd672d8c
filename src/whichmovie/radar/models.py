"""The personal radar: what each user keeps, hides, has seen and follows, and who is told.

Event -> Delivery is the notification record: one Event per thing that happened (a new
trailer of an identified film, a release date reached), one Delivery per (event, target).
The Delivery row is claimed in the database before anything is sent, so two workers, a
retry or a restart never send the same event to the same target twice.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from whichmovie.catalog.models import Channel, Movie, Video


class MarkState(models.TextChoices):
    WATCHLIST = "watchlist"
    HIDDEN = "hidden"


class MovieMark(models.Model):
    """A film on a user's watchlist, or hidden ("not interested"): one or the other."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    movie = models.ForeignKey(Movie, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=MarkState.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "movie"], name="radar_mark_once_per_movie")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.state} {self.movie}"


class VideoSeen(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "video"], name="radar_seen_once_per_video")
        ]

    def __str__(self) -> str:
        return f"{self.user} saw {self.video_id}"


class FollowKind(models.TextChoices):
    MOVIE = "movie", "film"
    CHANNEL = "channel", "channel"
    PERSON = "person", "director or cast member"
    SEARCH = "search", "saved search"


class Wants(models.TextChoices):
    TRAILERS = "trailers", "new trailers"
    RELEASES = "releases", "release dates"
    BOTH = "both", "trailers and release dates"


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=FollowKind.choices)
    movie = models.ForeignKey(Movie, null=True, blank=True, on_delete=models.CASCADE)
    channel = models.ForeignKey(Channel, null=True, blank=True, on_delete=models.CASCADE)
    # Normalised name (see radar.services.follows.person_key), matched against directors/cast.
    person = models.CharField(max_length=200, blank=True)
    # A radar filter's canonical query string (web.filters.MovieFilters.params).
    query = models.CharField(max_length=1000, blank=True)
    wants = models.CharField(max_length=10, choices=Wants.choices, default=Wants.BOTH)
    # "kind:value": one follow per thing per user, whatever the nullable columns hold.
    key = models.CharField(max_length=1100)
    label = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "label"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="radar_follow_once_per_thing")
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.get_kind_display()} {self.label}"

    @property
    def wants_trailers(self) -> bool:
        return self.wants in (Wants.TRAILERS, Wants.BOTH)

    @property
    def wants_releases(self) -> bool:
        return self.wants in (Wants.RELEASES, Wants.BOTH)


class Schedule(models.TextChoices):
    IMMEDIATE = "immediate"
    DAILY = "daily", "daily digest"
    WEEKLY = "weekly", "weekly digest"


class NotificationTarget(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_targets"
    )
    # An Apprise URL (ntfy://, mailto://, discord://, json://, ...). It may hold a secret:
    # pages show `display_url`, never this.
    url = models.TextField()
    schedule = models.CharField(max_length=10, choices=Schedule.choices, default=Schedule.IMMEDIATE)
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.user}: {self.display_url}"

    @property
    def display_url(self) -> str:
        """Scheme and host only: the rest of an Apprise URL is often a token."""
        scheme, _, rest = self.url.partition("://")
        host = rest.split("/", 1)[0].rsplit("@", 1)[-1]
        return f"{scheme}://{host}/…" if rest else self.url


class EventKind(models.TextChoices):
    TRAILER = "trailer", "new trailer"
    CINEMA = "cinema", "in cinemas"
    HOME = "home", "at home"


class Event(models.Model):
    # "trailer:<youtube_id>" or "<cinema|home>:<movie id>:<date>": the same happening is
    # one Event, however often the pipeline looks at it.
    key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    movie = models.ForeignKey(Movie, on_delete=models.CASCADE, related_name="+")
    video = models.ForeignKey(Video, null=True, blank=True, on_delete=models.CASCADE)
    day = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.key


class DeliveryStatus(models.TextChoices):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Delivery(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    target = models.ForeignKey(
        NotificationTarget, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    due_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    # Who holds the row while it is being sent (a random token per sending run).
    claim = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["event", "target"], name="radar_delivery_once")
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="radar_delivery_due_idx")]

    def __str__(self) -> str:
        return f"{self.event} -> {self.target_id}: {self.status}"


class RadarState(models.Model):
    """One row: how far `events_collect` has looked (uploads by id, release dates by day)."""

    videos_done_id = models.BigIntegerField(default=0)
    releases_done_through = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"uploads up to {self.videos_done_id}, releases up to {self.releases_done_through}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class FeedToken(models.Model):
    """The secret in a user's private feed URLs; a new one revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="radar_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"feed token of {self.user}"


class RadarrConfig(models.Model):
    """One row: the quality profile and root folder chosen once for "Add to Radarr"."""

    quality_profile_id = models.PositiveIntegerField(null=True, blank=True)
    quality_profile_name = models.CharField(max_length=200, blank=True)
    root_folder_path = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"Radarr: {self.quality_profile_name} in {self.root_folder_path}"


class RadarrMovie(models.Model):
    """A film Radarr has (added from here, or seen in Radarr's list): the badges."""

    tmdb_id = models.PositiveIntegerField(unique=True)
    radarr_id = models.PositiveIntegerField()
    added_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"TMDB {self.tmdb_id} in Radarr as {self.radarr_id}"


class LetterboxdRow(models.Model):
    """A row of a Letterboxd import the matcher was unsure of, kept until a person decides."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    uri = models.CharField(max_length=300, blank=True)
    explanation = models.TextField(blank=True)
    # The matcher's best candidates: [{tmdb_id, title, year, score}]
    candidates = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "title", "year"], name="radar_letterboxd_row_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title
