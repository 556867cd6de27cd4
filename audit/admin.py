from django.contrib import admin

from audit.models import AuditEvent
from core.admin import ReadOnlyAdminMixin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "action", "actor_label", "institution", "object_repr", "channel")
    list_filter = ("channel", "action")
    search_fields = ("action", "object_repr", "actor_label")
