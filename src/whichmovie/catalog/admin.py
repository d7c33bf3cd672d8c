from django.contrib import admin

from whichmovie.catalog.models import Channel, Genre, Movie, Video


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin[Channel]):
    list_display = ["name", "slug", "enabled", "schedule", "rules", "last_checked_at", "health"]
    list_filter = ["enabled", "rules"]
    search_fields = ["name", "slug", "url", "youtube_channel_id"]
    readonly_fields = [
        "last_checked_at",
        "last_success_at",
        "last_error",
        "consecutive_failures",
        "last_reconciled_at",
        "created_at",
    ]


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
    readonly_fields = [
        "created_at",
        "updated_at",
        "enriched_at",
        "latest_video_at",
        "match_details",
    ]
    inlines = [VideoInline]


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
        "available",
        "manual",
    ]
    list_filter = ["kind", "reason", "channel", "available", "manual"]
    search_fields = ["youtube_title", "parsed_title", "=youtube_id"]
    raw_id_fields = ["movie"]
    date_hierarchy = "published_at"


admin.site.register(Genre)
