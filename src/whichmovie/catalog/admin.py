import re
from datetime import datetime
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from whichmovie.catalog.models import Channel, Genre, MatchStatus, Movie, Video, YouTubeStatus
from whichmovie.catalog.schedule import channels_with_last_check
from whichmovie.catalog.services.channels import (
    channel_id_resolve,
    channel_latest_uploads,
    channel_preview,
    channels_set_enabled,
    check_cron,
    cron_with_day_names,
)
from whichmovie.catalog.services.review import (
    Decision,
    movie_identify_by_reference,
    movie_mark_not_a_movie,
    movie_rematch_now,
    movies_decide,
)
from whichmovie.catalog.services.runs import channels_check
from whichmovie.catalog.services.videos import video_classify_by_hand
from whichmovie.catalog.services.youtube_status import youtube_health
from whichmovie.sources import youtube
from whichmovie.sources.presets import TITLE_RULES
from whichmovie.tmdb.client import TmdbError


class ChannelForm(forms.ModelForm[Channel]):
    class Meta:
        model = Channel
        fields = [
            "slug",
            "name",
            "url",
            "youtube_channel_id",
            "rules",
            "schedule",
            "enabled",
            "first_fetch_depth",
            "language",
        ]

    def clean_url(self) -> str:
        try:
            return youtube.videos_url(self.cleaned_data["url"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    slug = forms.SlugField(
        max_length=80,
        required=False,
        help_text="Leave empty: made from the channel's @handle (or its name).",
    )
    rules = forms.ChoiceField(
        choices=[(rules.key, rules.key) for rules in TITLE_RULES],
        help_text="How this channel writes its upload titles (the presets' title rules).",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("slug"):
            handle = re.search(r"/@([^/?#]+)", data.get("url") or "")
            base = slugify(handle.group(1) if handle else data.get("name") or "")[:70] or "channel"
            slug, n = base, 2
            while Channel.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            data["slug"] = slug
        return data

    def clean_schedule(self) -> str:
        schedule: str = cron_with_day_names(self.cleaned_data["schedule"])
        try:
            check_cron(schedule)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return schedule


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin[Channel]):
    form = ChannelForm
    list_display = ["name", "slug", "enabled", "schedule", "rules", "last_check", "health"]
    list_filter = ["enabled", "rules"]
    search_fields = ["name", "slug", "url", "youtube_channel_id"]
    readonly_fields = [
        "last_check",
        "last_error",
        "consecutive_failures",
        "last_reconciled_at",
        "feed_failed_at",
        "feed_error",
        "created_at",
    ]
    actions = ["enable", "disable", "fetch_now", "preview"]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # A YouTube-wide problem is said once here, not as a failure of every channel.
        for warning in youtube_health().warnings:
            self.message_user(request, warning, messages.WARNING)
        return super().changelist_view(request, extra_context)

    @admin.display(description="last check")
    def last_check(self, channel: Channel) -> datetime | None:
        [shown] = channels_with_last_check([channel])
        return shown.last_checked_at

    def save_model(self, request: HttpRequest, obj: Channel, form: Any, change: bool) -> None:
        """Resolve the channel id when a URL is added, as `whichmovie channels add` does."""
        try:
            channel_id_resolve(channel=obj)
        except youtube.YouTubeError as error:
            self.message_user(
                request, f"Saved, but the channel id is not known yet: {error}", messages.WARNING
            )
        super().save_model(request, obj, form, change)

    @admin.action(description="Preview how the latest uploads parse (nothing is saved)")
    def preview(self, request: HttpRequest, queryset: QuerySet[Channel]) -> HttpResponse | None:
        channel = queryset.first()
        if channel is None:
            return None
        try:
            listing = channel_latest_uploads(url=channel.url, channel_id=channel.youtube_channel_id)
        except youtube.YouTubeError as error:
            self.message_user(request, f"{channel}: {error}", messages.ERROR)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Preview of {channel}",
            "rows": channel_preview(listing=listing, rules=channel.rules),
            "opts": self.opts,
        }
        return render(request, "admin/catalog/channel/preview.html", context)

    @admin.action(description="Enable the selected channels")
    def enable(self, request: HttpRequest, queryset: QuerySet[Channel]) -> None:
        channels_set_enabled(channels=queryset, enabled=True)

    @admin.action(description="Disable the selected channels")
    def disable(self, request: HttpRequest, queryset: QuerySet[Channel]) -> None:
        channels_set_enabled(channels=queryset, enabled=False)

    @admin.action(description="Fetch the selected channels now")
    def fetch_now(self, request: HttpRequest, queryset: QuerySet[Channel]) -> None:
        # Distributed, the checks go to the workers: a page does not wait for YouTube.
        checked = channels_check(slugs=[c.slug for c in queryset], wait=False)
        if checked.sent is not None:
            self.message_user(request, f"Sent {checked.sent} channel checks to the workers.")
        names = dict(queryset.values_list("slug", "name"))
        for outcome in checked.outcomes:
            name = names.get(outcome.channel, outcome.channel)
            if outcome.error:
                self.message_user(request, f"{name}: {outcome.error}", messages.ERROR)
            else:
                self.message_user(request, f"{name}: {outcome.result}")


class VideoInline(admin.TabularInline[Video, Movie]):
    model = Video
    fields = ["youtube_id", "channel", "youtube_title", "kind", "published_at", "available"]
    readonly_fields = [
        "youtube_id",
        "channel",
        "youtube_title",
        "kind",
        "published_at",
        "available",
    ]
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Movie)
class MovieAdmin(admin.ModelAdmin[Movie]):
    list_display = [
        "title",
        "year",
        "tmdb_id",
        "imdb_id",
        "match_status",
        "match_score",
        "latest_video_at",
    ]
    list_filter = ["match_status", "genres"]
    search_fields = ["title", "original_title", "search_title", "=tmdb_id", "=imdb_id"]
    # Identity is set by decisions (review queue, Re-match), never typed into the raw form:
    # a status typed there would not say that a person decided it (decided_by_hand).
    readonly_fields = [
        "tmdb_id",
        "imdb_id",
        "match_status",
        "decided_by_hand",
        "created_at",
        "updated_at",
        "enriched_at",
        "latest_video_at",
        "match_details",
    ]
    inlines = [VideoInline]
    actions = ["accept_best", "not_a_movie", "rematch"]

    def view_on_site(self, obj: Movie) -> str:
        return obj.get_absolute_url()  # a plain link, not a hop through the admin's redirect

    @admin.action(description="Accept the best candidate for the selected movies")
    def accept_best(self, request: HttpRequest, queryset: QuerySet[Movie]) -> None:
        self._decide(request, list(queryset), "best")

    @admin.action(description="Mark the selected movies as not a movie")
    def not_a_movie(self, request: HttpRequest, queryset: QuerySet[Movie]) -> None:
        self._decide(request, list(queryset), "not_a_movie")

    @admin.action(description="Re-match the selected movies on TMDB now")
    def rematch(self, request: HttpRequest, queryset: QuerySet[Movie]) -> None:
        self._decide(request, list(queryset), "rematch")

    def _decide(self, request: HttpRequest, movies: list[Movie], decision: Decision) -> None:
        decided = movies_decide(movies=movies, decision=decision)
        if decided.error:
            self.message_user(request, f"TMDB: {decided.error}", messages.ERROR)
        verb = {"not_a_movie": "marked as not a movie", "rematch": "re-matched"}
        done, skipped = decided.done, decided.skipped
        self.message_user(
            request,
            f"{done} movie{'s' if done != 1 else ''} {verb.get(decision, 'identified')}"
            + (f"; {skipped} without a candidate left as they were" if skipped else ""),
        )

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("review/", view(self.review_view), name="catalog_movie_review"),
            path("<int:pk>/explain/", view(self.explain_view), name="catalog_movie_explain"),
            path(
                "<int:pk>/identify/",
                view(require_POST(self.identify_view)),
                name="catalog_movie_identify",
            ),
            path(
                "<int:pk>/rematch/",
                view(require_POST(self.rematch_view)),
                name="catalog_movie_rematch",
            ),
            path(
                "review/bulk/",
                view(require_POST(self.review_bulk_view)),
                name="catalog_movie_review_bulk",
            ),
            *super().get_urls(),
        ]

    def review_view(self, request: HttpRequest) -> HttpResponse:
        """The review queue: unsure matches with their candidates, decided in one click."""
        movies = (
            Movie.objects.filter(match_status=MatchStatus.NEEDS_REVIEW)
            .order_by("-latest_video_at")
            .prefetch_related(
                Prefetch(
                    "videos",
                    queryset=Video.objects.select_related("channel").order_by(
                        "-published_at", "-id"
                    ),
                )
            )[:100]
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Movies to review",
            "movies": movies,
            "image_base": settings.TMDB_IMAGE_BASE_URL,
            "opts": self.opts,
        }
        return render(request, "admin/catalog/movie/review.html", context)

    def explain_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Raw upload titles -> parsed title/year -> queries -> candidates -> decision."""
        movie = get_object_or_404(Movie, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Why {movie} is what it is",
            "movie": movie,
            "videos": movie.videos.select_related("channel"),
            "details": movie.match_details,
            "opts": self.opts,
        }
        return render(request, "admin/catalog/movie/explain.html", context)

    def identify_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        movie = get_object_or_404(Movie, pk=pk)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("admin:catalog_movie_review")
        if request.POST.get("not_a_movie"):
            movie_mark_not_a_movie(movie=movie)
            self.message_user(request, f"{movie}: marked as not a movie")
            return HttpResponseRedirect(back)
        try:
            reference = request.POST.get("tmdb", "")
            chosen = movie_identify_by_reference(movie=movie, reference=reference)
        except (ValueError, TmdbError) as error:
            self.message_user(request, f"{movie}: {error}", messages.ERROR)
        else:
            self.message_user(request, f"{movie.title} is now {chosen} (TMDB {chosen.tmdb_id})")
        return HttpResponseRedirect(back)

    def rematch_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        movie = get_object_or_404(Movie, pk=pk)
        try:
            now = movie_rematch_now(movie=movie)
        except TmdbError as error:
            self.message_user(request, f"{movie}: {error}", messages.ERROR)
            now = movie
        else:
            status = now.get_match_status_display()
            self.message_user(request, f"Re-matched: {now} ({status})")
        return HttpResponseRedirect(reverse("admin:catalog_movie_change", args=[now.pk]))

    def review_bulk_view(self, request: HttpRequest) -> HttpResponse:
        ids = [int(pk) for pk in request.POST.getlist("movie") if pk.isdecimal() and len(pk) <= 18]
        decision = request.POST.get("decision", "")
        if decision not in ("best", "not_a_movie") or not ids:
            self.message_user(request, "Pick some movies and a decision.", messages.WARNING)
        else:
            movies = list(Movie.objects.filter(pk__in=ids))
            self._decide(request, movies, cast(Decision, decision))
        return HttpResponseRedirect(reverse("admin:catalog_movie_review"))


@admin.register(Video)
class VideoAdmin(admin.ModelAdmin[Video]):
    list_display = [
        "youtube_title",
        "channel",
        "kind",
        "reason",
        "parsed_title",
        "parsed_year",
        "published_at",
        "date_status",
        "available",
        "manual",
    ]
    # kind = other lists the skipped uploads, with the reason each was skipped.
    list_filter = ["kind", "reason", "channel", "available", "manual"]
    search_fields = ["youtube_title", "parsed_title", "=youtube_id"]
    raw_id_fields = ["movie"]
    date_hierarchy = "published_at"
    fields = [
        "youtube_id",
        "channel",
        "youtube_title",
        "kind",
        "reason",
        "parsed_title",
        "parsed_year",
        "published_at",
        "first_seen_at",
        "available",
        "manual",
        "movie",
    ]
    readonly_fields = [
        "youtube_id",
        "channel",
        "youtube_title",
        "reason",
        "published_at",
        "first_seen_at",
        "available",
        "manual",
        "movie",
    ]

    def save_model(self, request: HttpRequest, obj: Video, form: Any, change: bool) -> None:
        """Editing kind, title or year here is a decision by hand that later fetches keep."""
        if change and {"kind", "parsed_title", "parsed_year"} & set(form.changed_data):
            video_classify_by_hand(
                video=obj, kind=obj.kind, title=obj.parsed_title, year=obj.parsed_year
            )
        else:
            super().save_model(request, obj, form, change)


admin.site.register(Genre)
admin.site.site_header = "WhichMovie administration"
# The index leads with the review queue and the status page (Movies to review (N)).
admin.site.index_template = "admin/whichmovie_index.html"


@admin.register(YouTubeStatus)
class YouTubeStatusAdmin(admin.ModelAdmin[YouTubeStatus]):
    """YouTube as a whole: a feed outage, a pause after a bot check, yt-dlp's age."""

    list_display = ["__str__", "feed_outage_since", "paused_until", "layout_error_at", "ytdlp"]
    readonly_fields = [
        "ytdlp",
        "warnings",
        "feed_outage_since",
        "feed_outage_detail",
        "paused_until",
        "pauses",
        "pause_reason",
        "layout_error_at",
        "layout_error",
    ]

    @admin.display(description="yt-dlp")
    def ytdlp(self, status: YouTubeStatus) -> str:
        health = youtube_health()
        age = f", {health.ytdlp_age_days} days old" if health.ytdlp_age_days is not None else ""
        return f"{health.ytdlp_version}{age}"

    @admin.display(description="warnings")
    def warnings(self, status: YouTubeStatus) -> str:
        return "; ".join(youtube_health().warnings) or "none"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


from whichmovie.catalog import admin_ops  # noqa: E402, F401  (job runs, batches, schedule)
