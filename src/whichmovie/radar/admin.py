from django.contrib import admin

from whichmovie.radar.models import Delivery, Event, Follow, MovieMark, NotificationTarget


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin[Follow]):
    list_display = ("user", "kind", "label", "wants", "created_at")
    list_filter = ("kind", "wants")
    raw_id_fields = ("movie", "channel")


@admin.register(MovieMark)
class MovieMarkAdmin(admin.ModelAdmin[MovieMark]):
    list_display = ("user", "movie", "state", "created_at")
    list_filter = ("state",)
    raw_id_fields = ("movie",)


@admin.register(NotificationTarget)
class NotificationTargetAdmin(admin.ModelAdmin[NotificationTarget]):
    # The URL may hold a token: the list shows its scheme and host only.
    list_display = ("user", "display_url", "schedule", "enabled", "last_sent_at", "last_error")
    list_filter = ("schedule", "enabled")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    list_display = ("key", "kind", "movie", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("movie", "video")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    list_display = ("event", "target", "status", "attempts", "due_at", "sent_at", "last_error")
    list_filter = ("status",)
    raw_id_fields = ("event", "target")
