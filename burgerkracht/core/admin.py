from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from burgerkracht.core.files import uploads
from burgerkracht.core.models import (
    AuditEvent,
    District,
    Municipality,
    Neighbourhood,
    Organisation,
    OutboxMessage,
    Reminder,
)


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "phone"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The logo is checked by content like every upload; an SVG only without script.
        if db_field.name == "logo":
            kwargs["form_class"] = uploads.safe_file_field(uploads.LOGO)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return not Municipality.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "is_active"]
    list_filter = ["district", "is_active"]
    list_select_related = ["district"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "is_bo_plus_member", "contact_name"]
    list_filter = ["type", "is_bo_plus_member"]
    search_fields = ["name", "contact_name"]
    filter_horizontal = ["neighbourhoods"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "subject_type", "subject_id", "actor"]
    list_filter = ["action", "subject_type"]
    list_select_related = ["actor", "subject_type"]
    date_hierarchy = "created_at"


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    exclude = ["body", "html_body", "attachments"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["due_on", "kind", "recipient", "status", "queued_at", "sent_at", "note"]
    list_filter = ["status", "kind", "due_on"]
    list_select_related = ["recipient"]
    date_hierarchy = "due_on"
