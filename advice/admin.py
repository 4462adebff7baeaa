"""The advice register in the Django admin: for administrators, to repair data. Every
ordinary change goes through the pages (and their services), which keep the audit trail."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from advice.models import (
    Advice,
    AdviceEvaluation,
    AdviceRequest,
    AdvisoryBody,
    Answer,
    BodyOrganisation,
    FactsheetEntry,
    FactsheetVersion,
    Meeting,
    Membership,
    Promise,
    Recommendation,
    Signal,
    TargetGroup,
    Theme,
)


@admin.register(AdvisoryBody)
class AdvisoryBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    prepopulated_fields = {"slug": ["short_name"]}
    search_fields = ["name", "short_name"]


@admin.register(Theme, TargetGroup)
class OrderedNameAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(BodyOrganisation)
class BodyOrganisationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "body", "joined_on", "left_on"]
    list_filter = ["body", "themes", "groups"]
    list_select_related = ["organisation", "body"]
    filter_horizontal = ["themes", "groups"]
    autocomplete_fields = ["organisation"]
    search_fields = ["organisation__name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "role", "organisation", "started_on", "ended_on"]
    list_filter = ["body", "role", "ended_on"]
    list_select_related = ["user", "body", "organisation__organisation"]
    autocomplete_fields = ["user"]
    search_fields = ["user__full_name", "user__email"]


@admin.register(Signal)
class SignalAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "theme", "is_structural", "advice", "created_at"]
    list_filter = ["body", "theme", "is_structural"]
    list_select_related = ["body", "theme", "advice"]
    raw_id_fields = ["advice", "recorded_by", "organisation"]
    search_fields = ["title", "description"]


@admin.register(AdviceRequest)
class AdviceRequestAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "subject", "body", "deadline", "status", "is_time_pressure"]
    list_filter = ["body", "status", "is_time_pressure"]
    list_select_related = ["body"]
    raw_id_fields = ["requested_by"]
    search_fields = ["reference", "subject"]


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0


@admin.register(Advice)
class AdviceAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "body", "kind", "status", "response_due", "is_public"]
    list_filter = ["body", "kind", "status", "is_public"]
    list_select_related = ["body"]
    raw_id_fields = ["advice_request", "contact", "backup_contact", "body_contact", "created_by"]
    search_fields = ["reference", "title"]
    inlines = [RecommendationInline]


@admin.register(Answer)
class AnswerAdmin(SimpleHistoryAdmin):
    list_display = ["advice", "status"]
    list_filter = ["status"]
    list_select_related = ["advice"]
    raw_id_fields = ["advice"]


@admin.register(Promise)
class PromiseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "advice", "owner", "due_on", "status"]
    list_filter = ["status"]
    list_select_related = ["advice", "owner"]
    raw_id_fields = ["advice", "recommendation", "owner"]
    search_fields = ["text", "advice__reference"]


@admin.register(AdviceEvaluation)
class AdviceEvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["advice", "due_on", "status", "held_on"]
    list_filter = ["status"]
    list_select_related = ["advice"]
    raw_id_fields = ["advice", "completed_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "date"]
    list_filter = ["body"]
    list_select_related = ["body"]
    raw_id_fields = ["advices", "created_by"]
    date_hierarchy = "date"


class FactsheetEntryInline(admin.StackedInline):
    model = FactsheetEntry
    extra = 0


@admin.register(FactsheetVersion)
class FactsheetVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "valid_from", "published_at"]
    raw_id_fields = ["published_by"]
    inlines = [FactsheetEntryInline]
