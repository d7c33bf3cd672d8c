"""Channel -> Video (every upload seen) -> Movie (one film, matched on TMDB)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Literal

from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

# The vocabularies are the pure layer's, re-exported: catalog.models.MatchStatus is
# tmdb.kinds.MatchStatus, one class (the fields' choices come from vocabulary_choices).
from whichmovie.sources.kinds import TRAILER_KINDS as TRAILER_KINDS
from whichmovie.sources.kinds import DateStatus as DateStatus
from whichmovie.sources.kinds import VideoKind as VideoKind
from whichmovie.tmdb import links
from whichmovie.tmdb.kinds import HOME_OFFERS
from whichmovie.tmdb.kinds import MatchStatus as MatchStatus


class Channel(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    url = models.URLField(max_length=300, help_text="The channel's /videos page on YouTube.")
    youtube_channel_id = models.CharField(max_length=40, blank=True, db_index=True)
    rules = models.CharField(
        max_length=40, default="generic", help_text="Title rules preset (sources.presets)."
    )
    schedule = models.CharField(
        max_length=100, default="0 3 * * *", help_text="Cron, UTC, literal day of week."
    )
    enabled = models.BooleanField(default=True)
    first_fetch_depth = models.PositiveIntegerField(
        default=200, help_text="How many uploads the first fetch reads."
    )
    # Written by checks that change something (first check, new uploads, a failure, a
    # recovery); a quiet check writes nothing (see catalog.schedule.channels_with_last_check).
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_reconciled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    language = models.CharField(
        max_length=10,
        blank=True,
        help_text="ISO 639-1 code of the channel's trailers (fr, ko ...), for matching.",
    )
    # The feed failing is not the channel failing (the listing stands in): kept apart so a
    # YouTube-wide feed outage is seen as one (see catalog.services.youtube_status).
    feed_failed_at = models.DateTimeField(null=True, blank=True)
    feed_error = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:channel_detail", args=[self.slug])

    @property
    def healthy(self) -> bool:
        return self.consecutive_failures == 0

    @property
    def health(self) -> str:
        if self.last_checked_at is None:
            return "never checked"
        if self.consecutive_failures:
            return f"failing ({self.consecutive_failures}x): {self.last_error}"
        return "ok"


class YouTubeStatus(models.Model):
    """One row: what is wrong with YouTube as a whole, not with one channel.

    A feed outage (most channels' feeds failing in one window), a pause of all YouTube work
    after a bot check or HTTP 429 (doubling back-off), and the last error that looked like
    YouTube changed its pages (yt-dlp needs an update). Written only when something changes.
    """

    feed_outage_since = models.DateTimeField(null=True, blank=True)
    feed_outage_detail = models.TextField(blank=True)
    paused_until = models.DateTimeField(null=True, blank=True)
    pauses = models.PositiveIntegerField(default=0, help_text="Pauses in a row (back-off).")
    pause_reason = models.TextField(blank=True)
    layout_error_at = models.DateTimeField(null=True, blank=True)
    layout_error = models.TextField(blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "YouTube status"

    def __str__(self) -> str:
        return "YouTube status"


class ChannelDispatch(models.Model):
    """One row: every channel check due up to `dispatched_until` has been sent to a worker.

    The dispatcher claims the window (dispatched_until, now] in one transaction, so each cron
    fire is sent once, even with two dispatchers or after a laptop slept through it.
    """

    dispatched_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"checks dispatched until {self.dispatched_until}"


class ChannelCheckSent(models.Model):
    """One channel check the dispatcher sent, so that one the broker lost is sent again.

    A quiet check writes nothing to its channel, so whether it ran is told by the job run
    its message left (JobRun.message_id): a check with none by `run_after` plus a grace was
    lost and is sent again (catalog.schedule.channel_checks_resend_due). Kept two days.
    """

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="+")
    message_id = models.CharField(max_length=40)
    run_after = models.DateTimeField(help_text="When the check was due to run (after its jitter).")
    sends = models.PositiveIntegerField(default=1)
    taken_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="When a worker was seen taking it."
    )

    class Meta:
        ordering = ["-run_after"]

    def __str__(self) -> str:
        return f"check of channel {self.channel_id} due {self.run_after:%Y-%m-%d %H:%M}"


class Genre(models.Model):
    tmdb_id = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def vocabulary_choices(
    vocabulary: type[StrEnum], labels: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """A field's `choices` from one of the pure layer's vocabularies (sources.kinds,
    tmdb.kinds): its values, each labelled as Django labels a TextChoices member without one."""
    labels = labels or {}
    return [
        (member.value, labels.get(member, member.name.replace("_", " ").title()))
        for member in vocabulary
    ]


MATCH_STATUS_LABELS: dict[str, str] = {
    MatchStatus.NEEDS_REVIEW: "needs review",
    MatchStatus.NOT_FOUND: "not found",
    MatchStatus.NOT_A_MOVIE: "not a movie",
}


# Unsure or automatic results, looked at again after a back-off and when an upload attaches
# (unless a person decided them: Movie.decided_by_hand).
RECHECKED_STATUSES = (MatchStatus.NOT_FOUND, MatchStatus.NEEDS_REVIEW, MatchStatus.NOT_A_MOVIE)


class ReleaseStatus(models.TextChoices):
    """Where a film is now (`Movie.release_status`); not stored, computed for `today`."""

    UPCOMING = "upcoming", "Upcoming"
    IN_CINEMAS = "in_cinemas", "In cinemas"
    STREAMING = "streaming", "Streaming"


# After a theatrical run of about three months a film is no longer "in cinemas".
IN_CINEMAS_DAYS = 90


def _release_status_q(status: str, *, today: date) -> Q:
    """The database side of `Movie.release_status`: the two must agree."""
    at_home = Q()
    for offer in HOME_OFFERS:
        at_home |= Q(watch_providers__has_key=offer)
    cinema_date_after = Q(theatrical_release_date__gt=today) | Q(
        theatrical_release_date__isnull=True, release_date__gt=today
    )
    if status == ReleaseStatus.STREAMING:
        return at_home
    if status == ReleaseStatus.UPCOMING:
        return cinema_date_after & ~at_home
    # in_cinemas: released in cinemas during the last IN_CINEMAS_DAYS, not yet at home.
    run_start = today - timedelta(days=IN_CINEMAS_DAYS)
    released = Q(theatrical_release_date__range=(run_start, today)) | Q(
        theatrical_release_date__isnull=True, release_date__range=(run_start, today)
    )
    return released & ~at_home


class MovieQuerySet(models.QuerySet["Movie"]):
    def with_release_status(self, status: str, *, today: date) -> MovieQuerySet:
        """Films whose `release_status` on `today` is `status` (upcoming, in_cinemas, streaming)."""
        return self.filter(_release_status_q(status, today=today))

    def needing_enrichment(self, *, now: Any = None) -> MovieQuerySet:
        """Pending films, and unsure ones (not found, in review, not a film by the matcher's
        judgement) whose back-off is over. A person's decision is never among them."""
        now = now or timezone.now()
        return self.filter(
            Q(match_status=MatchStatus.PENDING)
            | Q(match_status__in=RECHECKED_STATUSES, next_match_at__lte=now, decided_by_hand=False)
        )

    def needing_refresh(self, *, now: Any = None) -> MovieQuerySet:
        """Matched films: recent or upcoming ones weekly, the others monthly."""
        now = now or timezone.now()
        recent = Q(release_date__isnull=True) | Q(
            release_date__gte=(now - timedelta(days=90)).date()
        )
        return self.filter(match_status__in=[MatchStatus.MATCHED, MatchStatus.MANUAL]).filter(
            (recent & Q(enriched_at__lt=now - timedelta(days=7)))
            | (~recent & Q(enriched_at__lt=now - timedelta(days=30)))
            | Q(enriched_at__isnull=True)
        )

    def visible(self) -> MovieQuerySet:
        """What the public catalogue shows: films with at least one trailer or teaser."""
        return self.exclude(match_status=MatchStatus.NOT_A_MOVIE).filter(
            latest_video_at__isnull=False
        )

    def with_trailers(self) -> MovieQuerySet:
        """Each film's uploads (with channels) and genres, for `Movie.trailers` and the pages:
        two extra queries per page, whatever its size."""
        # Every upload of the page's films, by movie id. Kinds are picked in Python
        # (`Movie.trailers`): a kind filter in SQL can make SQLite walk the kind index
        # through every trailer.
        uploads = (
            Video.objects.select_related("channel")
            .only(
                "youtube_id",
                "youtube_title",
                "kind",
                "published_at",
                "date_status",
                "first_seen_at",
                "movie_id",
                "channel__slug",
                "channel__name",
            )
            .order_by(Coalesce("published_at", "first_seen_at").desc(), "-id")
        )
        # match_details holds the matcher's whole search record; no page shows it.
        # Lists (to_attr), not managers: a manager per film costs more than the query.
        return self.defer("match_details").prefetch_related(
            Prefetch("videos", queryset=uploads, to_attr="uploads"),
            Prefetch("genres", queryset=Genre.objects.all(), to_attr="genre_list"),
        )


class Movie(models.Model):
    # Before matching: the parsed title and year. After: TMDB's.
    title = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    # Normalised parsed title + year: one Movie per key before matching (see catalog.services).
    group_key = models.CharField(max_length=320, unique=True, null=True, blank=True)
    # Normalised display title, for accent- and case-insensitive search.
    search_title = models.CharField(max_length=300, db_index=True, blank=True)

    tmdb_id = models.PositiveIntegerField(unique=True, null=True, blank=True)
    imdb_id = models.CharField(max_length=20, unique=True, null=True, blank=True)
    original_title = models.CharField(max_length=300, blank=True)
    original_language = models.CharField(max_length=10, blank=True)
    overview = models.TextField(blank=True)
    tagline = models.CharField(max_length=500, blank=True)
    release_date = models.DateField(null=True, blank=True, db_index=True)
    runtime = models.PositiveSmallIntegerField(null=True, blank=True)
    genres = models.ManyToManyField(Genre, blank=True, related_name="movies")
    directors = models.JSONField(default=list, blank=True)
    cast = models.JSONField(default=list, blank=True)
    certification = models.CharField(max_length=20, blank=True)
    theatrical_release_date = models.DateField(null=True, blank=True)
    digital_release_date = models.DateField(null=True, blank=True)
    vote_average = models.FloatField(null=True, blank=True, db_index=True)
    vote_count = models.PositiveIntegerField(null=True, blank=True)
    popularity = models.FloatField(null=True, blank=True)
    watch_providers = models.JSONField(default=dict, blank=True)
    poster_path = models.CharField(max_length=200, blank=True)
    backdrop_path = models.CharField(max_length=200, blank=True)

    match_status = models.CharField(
        max_length=20,
        choices=vocabulary_choices(MatchStatus, MATCH_STATUS_LABELS),
        default=MatchStatus.PENDING,
        db_index=True,
    )
    match_score = models.FloatField(null=True, blank=True)
    # What the matcher saw (queries, candidates, decision): the review queue and explain page.
    match_details = models.JSONField(default=dict, blank=True)
    enriched_at = models.DateTimeField(null=True, blank=True)
    # An unsure result (not found, in review) is looked at again after a back-off.
    match_attempts = models.PositiveSmallIntegerField(default=0)
    next_match_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # A person set the film or said it is none: matching never overwrites it. The matcher's
    # own "not a movie" (a namesake series) is looked at again like any unsure result.
    decided_by_hand = models.BooleanField(default=False)

    # Denormalised newest trailer date: the radar sorts on it with an index.
    latest_video_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MovieQuerySet.as_manager()

    class Meta:
        ordering = ["-latest_video_at", "-id"]
        indexes = [models.Index(fields=["-latest_video_at", "-id"], name="movie_radar_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self) -> str:
        slug = slugify(self.title)
        if slug:
            return reverse("web:movie_detail_slug", kwargs={"pk": self.pk, "slug": slug})
        return reverse("web:movie_detail", kwargs={"pk": self.pk})

    @property
    def identified(self) -> bool:
        return self.tmdb_id is not None

    @property
    def trailers(self) -> list[Video]:
        """Trailers and teasers, newest first: from `Movie.objects.with_trailers()`'s
        prefetch, else one query (kinds picked in Python, as there)."""
        uploads: list[Video] | None = getattr(self, "uploads", None)
        if uploads is None:
            uploads = list(
                self.videos.select_related("channel").order_by(
                    Coalesce("published_at", "first_seen_at").desc(), "-id"
                )
            )
        return [video for video in uploads if video.kind in TRAILER_KINDS]

    @property
    def tmdb_url(self) -> str:
        """The film's page on TMDB; "" until it is identified (so for IMDb and Letterboxd)."""
        return links.tmdb_movie_url(self.tmdb_id) if self.tmdb_id else ""

    @property
    def imdb_url(self) -> str:
        return links.imdb_title_url(self.imdb_id) if self.imdb_id else ""

    @property
    def letterboxd_url(self) -> str:
        return links.letterboxd_film_url(self.tmdb_id) if self.tmdb_id else ""

    @property
    def watchable_at_home(self) -> bool:
        """Some offer (stream, rent, buy, free) is known for our region now."""
        providers = self.watch_providers if isinstance(self.watch_providers, dict) else {}
        # The key, as the database filter (has_key) reads it: TMDB lists a type only when it
        # has offers of it.
        return any(offer in providers for offer in HOME_OFFERS)

    def release_status(self, *, today: date) -> ReleaseStatus | Literal[""]:
        """upcoming, in_cinemas, streaming, or "" (released a while ago, or no date known)."""
        if self.watchable_at_home:
            return ReleaseStatus.STREAMING
        cinema_date = self.theatrical_release_date or self.release_date
        if cinema_date is None:
            return ""
        if cinema_date > today:
            return ReleaseStatus.UPCOMING
        if cinema_date >= today - timedelta(days=IN_CINEMAS_DAYS):
            return ReleaseStatus.IN_CINEMAS
        return ""


class VideoQuerySet(models.QuerySet["Video"]):
    def trailers(self) -> VideoQuerySet:
        """Trailers and teasers: the uploads pages, feeds and notifications show."""
        return self.filter(kind__in=TRAILER_KINDS)


class Video(models.Model):
    youtube_id = models.CharField(max_length=20, unique=True)
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="videos")
    youtube_title = models.CharField(max_length=500)
    # What the listing or feed says under the title ("Starring ...", "In theaters ..."): evidence.
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=vocabulary_choices(VideoKind), db_index=True)
    reason = models.CharField(max_length=40, blank=True, help_text="Why an upload is 'other'.")
    parsed_title = models.CharField(max_length=300, blank=True)
    parsed_year = models.PositiveSmallIntegerField(null=True, blank=True)
    group_key = models.CharField(max_length=320, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    date_status = models.CharField(
        max_length=12, choices=vocabulary_choices(DateStatus), default=DateStatus.EXACT
    )
    first_seen_at = models.DateTimeField(default=timezone.now)
    available = models.BooleanField(default=True)
    # Rows from before the long-form feed may be Shorts (the old channel feed listed them):
    # reconcile, which reads the Videos tab, marks only uploads seen there or in its feed.
    in_uploads = models.BooleanField(
        default=True, help_text="Seen in the long-form uploads (Videos tab or its feed)."
    )
    manual = models.BooleanField(
        default=False, help_text="Kind and title were set by hand; fetches never change them."
    )
    movie = models.ForeignKey(
        Movie, on_delete=models.SET_NULL, null=True, blank=True, related_name="videos"
    )

    objects = VideoQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-first_seen_at"]
        indexes = [models.Index(fields=["channel", "-published_at"], name="video_channel_idx")]

    def __str__(self) -> str:
        return self.youtube_title

    @property
    def url(self) -> str:
        return f"https://www.youtube.com/watch?v={self.youtube_id}"

    @property
    def embed_url(self) -> str:
        """The player without YouTube's tracking cookies (the pages' CSP allows only it)."""
        return f"https://www.youtube-nocookie.com/embed/{self.youtube_id}"

    @property
    def thumbnail_url(self) -> str:
        return f"https://i.ytimg.com/vi/{self.youtube_id}/hqdefault.jpg"

    @property
    def date(self) -> Any:
        return self.published_at or self.first_seen_at

    @property
    def date_known(self) -> bool:
        """False when the date only keeps the listing's order: show no date, no 'New'."""
        return self.date_status != DateStatus.UNKNOWN and self.published_at is not None

    @property
    def known_published_at(self) -> datetime | None:
        """The publish time as evidence (matching, grouping): none where it only keeps order."""
        return self.published_at if self.date_known else None


class TmdbConfiguration(models.Model):
    """TMDB's /configuration (image base URL and sizes), fetched by enrichment, read by pages."""

    data = models.JSONField(default=dict)
    fetched_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"TMDB configuration of {self.fetched_at:%Y-%m-%d}"


# -- operations: work claimed in the database (catalog.services.work, catalog.scheduler) ------


class WorkBatch(models.Model):
    """About 50 movies to enrich (or refresh), claimed by one worker at a time with a lease.

    A message only names a batch; the lease decides who works on it, so redelivery, retries,
    two schedulers or two CLI runs never do a batch twice, and a batch whose worker died is
    taken by another once its lease has run out.
    """

    kind = models.CharField(max_length=20, db_index=True)  # "enrich" or "refresh"
    movie_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    lease_token = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True, db_index=True)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind} batch {self.pk} ({len(self.movie_ids)} movies)"


class JobRun(models.Model):
    """One run of a job (a Dramatiq message or a command), kept 30 days for operators."""

    class Status(models.TextChoices):
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"
        DEAD = "dead", "dead letter"

    actor = models.CharField(max_length=100, db_index=True)
    target = models.CharField(max_length=200, blank=True)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    message_id = models.CharField(max_length=40, blank=True, db_index=True)
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    counts = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.actor}({self.target}) {self.status}"


class ScheduledRun(models.Model):
    """One fire of a scheduled job, claimed once by whichever scheduler sees it first; a run
    whose message was lost (not done in time) is sent again."""

    name = models.CharField(max_length=100)
    fire_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    sends = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "fire_at"], name="scheduled_run_once")
        ]
        ordering = ["-fire_at"]

    def __str__(self) -> str:
        return f"{self.name} @ {self.fire_at:%Y-%m-%d %H:%M}"


class SchedulerLease(models.Model):
    """One row: which scheduler is active (a lease in the database, renewed every tick), and
    its last beat, shown by /healthz. No Redis needed, so a Redis restart changes nothing."""

    holder = models.CharField(max_length=80, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    beat_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"scheduler {self.holder or '-'} (beat {self.beat_at})"


class TmdbKeyCheck(models.Model):
    """One row: what TMDB last said of our key. Written by the runs that talk to TMDB anyway
    (and the status page's "check now"), so the status page never calls TMDB itself."""

    checked_at = models.DateTimeField()
    accepted = models.BooleanField()
    error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"TMDB key {'accepted' if self.accepted else 'rejected'} at {self.checked_at}"
