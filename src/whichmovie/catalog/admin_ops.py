"""Admin pages for operators: job runs (with a retry), dead letters, batches, the schedule."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from whichmovie.catalog.deadletters import dead_letters_or_reason
from whichmovie.catalog.models import (
    ChannelCheckSent,
    JobRun,
    ScheduledRun,
    SchedulerLease,
    WorkBatch,
)
from whichmovie.catalog.services.work import job_run_retry


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin[JobRun]):
    list_display = ["actor", "target", "status", "started_at", "finished_at", "counts", "error"]
    list_filter = ["status", "actor"]  # status "dead letter": failed with no retry left
    search_fields = ["actor", "target", "error", "message_id"]
    date_hierarchy = "started_at"
    actions = ["retry"]
    readonly_fields = [f.name for f in JobRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.dead_letters_view)
        return [
            path("dead-letters/", view, name="catalog_jobrun_dead_letters"),
            *super().get_urls(),
        ]

    def dead_letters_view(self, request: HttpRequest) -> HttpResponse:
        """The broker's dead-letter queues: what no worker will take again by itself."""
        context = {
            **self.admin_site.each_context(request),
            "title": "Dead letters",
            "shown": dead_letters_or_reason(newest=50),
        }
        return TemplateResponse(request, "admin/catalog/jobrun/dead_letters.html", context)

    @admin.action(description="Retry: send the job again")
    def retry(self, request: HttpRequest, queryset: QuerySet[JobRun]) -> None:
        sent = [job_run_retry(run) for run in queryset]
        self.message_user(request, f"Sent {len(sent)} jobs again.", messages.SUCCESS)


@admin.register(WorkBatch)
class WorkBatchAdmin(admin.ModelAdmin[WorkBatch]):
    list_display = ["pk", "kind", "created_at", "lease_until", "attempts", "done_at", "counts"]
    list_filter = ["kind", ("done_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in WorkBatch._meta.fields]


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin[ScheduledRun]):
    list_display = ["name", "fire_at", "sent_at", "sends", "started_at", "done_at", "skipped"]
    list_filter = ["name", "skipped"]
    readonly_fields = [f.name for f in ScheduledRun._meta.fields]


@admin.register(SchedulerLease)
class SchedulerLeaseAdmin(admin.ModelAdmin[SchedulerLease]):
    list_display = ["holder", "lease_until", "beat_at"]
    readonly_fields = [f.name for f in SchedulerLease._meta.fields]


@admin.register(ChannelCheckSent)
class ChannelCheckSentAdmin(admin.ModelAdmin[ChannelCheckSent]):
    list_display = ["channel", "run_after", "sends", "taken_at", "message_id"]
    list_filter = [("taken_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in ChannelCheckSent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
